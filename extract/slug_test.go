package extract

import (
	"net/url"
	"testing"

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
		if slugMatches(key, alnumKey(vntext.Fold(tc.line))) && !slugStarts(key, tc.line) {
			t.Errorf("%q matches the slug but the probe sets it aside", tc.line)
		}
	}
}
