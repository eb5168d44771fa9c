package extract

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govcorpus/govcorpus/extract/vntext"
)

// TestSlugStarts: the probe keeps every line slugMatches takes, and sets
// aside lines that start otherwise.
func TestSlugStarts(t *testing.T) {
	key := slugKey(&url.URL{Path: "/vv-chuyen-don-kien-nghi-cua-ba-hoang-thi-hoa-1304/"})
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"V/v chuyển đơn kiến nghị của bà Hoàng Thị Hoa (13/04)", true},
		{"  « V/V CHUYỂN ĐƠN kiến nghị", true},
		{"V\u0301/v chuye\u0302\u0309n đơn", true}, // decomposed marks
		{"Vv", true}, // shorter than the probe: slugMatches decides
		{"Văn bản chỉ đạo điều hành", false},
		{"Đơn vị trực thuộc", false},
		{"Tin tức sự kiện", false},
	} {
		if got := slugStarts(key, tc.line); got != tc.want {
			t.Errorf("slugStarts(%q, %q) = %v, want %v", key, tc.line, got, tc.want)
		}
		// The same line split over elements, a script's text among them.
		half := len(string([]rune(tc.line)[:len([]rune(tc.line))/2]))
		doc, err := html.Parse(strings.NewReader("<p><b>" + tc.line[:half] + "<script>zz9</script></b><i></i>" + tc.line[half:] + "</p>"))
		if err != nil {
			t.Fatal(err)
		}
		if p := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.P }); slugStartsNode(key, p) != tc.want {
			t.Errorf("slugStartsNode(%q, <p>%q</p>) = %v, want %v", key, tc.line, !tc.want, tc.want)
		}
		if slugMatches(key, alnumKey(vntext.Fold(tc.line))) && !slugStarts(key, tc.line) {
			t.Errorf("%q matches the slug but the probe sets it aside", tc.line)
		}
	}
}
