package extract

import (
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
)

func TestScorePageEdgeCases(t *testing.T) {
	cases := []struct {
		truth, pred string
		p, r        float64
	}{
		{"one two three four five", "one two three four five", 1, 1},
		{"one two three four five", "", 0, 0},
		{"a b", "a b", 1, 1},                                      // short texts are one shingle
		{"one two three four five", "one two three four", 1, 0.5}, // 1 of 2 shingles found
		{"one two three four", "one two three four five six", 1.0 / 3, 1},
		{"Việt Nam là một nước", "Việt Nam là một nước", 1, 1}, // NFD and NFC agree below
	}
	for _, c := range cases {
		s := ScorePage(c.truth, c.pred)
		if math.Abs(s.Precision()-c.p) > 1e-9 || math.Abs(s.Recall()-c.r) > 1e-9 {
			t.Errorf("ScorePage(%q, %q) = P %.3f R %.3f, want P %.3f R %.3f", c.truth, c.pred, s.Precision(), s.Recall(), c.p, c.r)
		}
	}
	nfd := "Vie\u0302\u0323t Nam la\u0300 mo\u0302\u0323t nu\u031bo\u031b\u0301c"
	if s := ScorePage("Việt Nam là một nước", nfd); s.Precision() != 1 || s.Recall() != 1 {
		t.Errorf("NFD text should score as its NFC form, got %+v", s)
	}
}

// TestScorerReproducesReference checks the scorer against the figures the
// benchmark's README gives for other tools' stored outputs, to 4 decimals.
func TestScorerReproducesReference(t *testing.T) {
	dir, truth := loadAEB(t)
	want := map[string][3]float64{ // F1, P, R
		"trafilatura":    {0.9548, 0.9316, 0.9791},
		"go_trafilatura": {0.9473, 0.9272, 0.9683},
		"readability_js": {0.9467, 0.9167, 0.9789},
		"go_readability": {0.9351, 0.9046, 0.9677},
		"justext":        {0.8221, 0.8780, 0.7729},
		"html-text":      {0.6587, 0.4925, 0.9943},
	}
	tools := make([]string, 0, len(want))
	for k := range want {
		tools = append(tools, k)
	}
	sort.Strings(tools)
	for _, tool := range tools {
		var ref struct {
			Output map[string]struct {
				ArticleBody string `json:"articleBody"`
			} `json:"output"`
		}
		readJSON(t, filepath.Join(dir, "reference-outputs", tool+".json"), &ref)
		var pages []PageScore
		for id, tr := range truth {
			pages = append(pages, ScorePage(tr.ArticleBody, ref.Output[id].ArticleBody))
		}
		s := Summarize(pages)
		w := want[tool]
		got := [3]float64{s.F1, s.Precision, s.Recall}
		for i := range got {
			if math.Abs(got[i]-w[i]) > 0.00005 {
				t.Errorf("%s: got F1 %.4f P %.4f R %.4f, want %.4f %.4f %.4f", tool, got[0], got[1], got[2], w[0], w[1], w[2])
				break
			}
		}
	}
}

// TestIsSpaceIsUnicodes: the fast isSpace answers as unicode.IsSpace does,
// for every code point.
func TestIsSpaceIsUnicodes(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v, unicode.IsSpace says %v", r, isSpace(r), unicode.IsSpace(r))
		}
	}
}

// TestTextOverNeverSkipsAShortLine: textOver says "longer" only of an
// element whose innerText is longer, white space of every kind included,
// so slugHeadline never passes over a line it would have matched.
func TestTextOverNeverSkipsAShortLine(t *testing.T) {
	page := `<html><body><div>  <h1>Quyết&nbsp;định&#8203;số 12/QĐ-UBND  về\n\tviệc</h1>
<p>` + strings.Repeat("Lời văn dài&nbsp;&nbsp; ", 30) + `</p><script>var x = "` + strings.Repeat("x", 900) + `";</script>
<ul><li>Một</li><li>Hai&#xfeff;ba</li></ul></div></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		text := innerText(n)
		for _, limit := range []int{0, 5, 20, 40, 100, 400, 1000} {
			over := textOver(n, limit)
			if over && len(text) <= limit {
				t.Errorf("textOver(<%s>, %d) = true, but its text is %d bytes", n.Data, limit, len(text))
			}
			if !over && len(text) > 2*limit+10 {
				t.Errorf("textOver(<%s>, %d) = false for %d bytes of text", n.Data, limit, len(text))
			}
			checked++
		}
		return true
	})
	if checked == 0 {
		t.Fatal("no element checked")
	}
}

// TestFurnitureLineLength: the length guard keeps every furniture line
// the pattern knows, its longest alternative and trailing marks included.
func TestFurnitureLineLength(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"Advertisement - Continue reading below", true},
		{"Advertisement · Story continues below >>", true},
		{"Gửi cho bạn bè »", true},
		{"Về đầu trang", true},
		{"Chia sẻ bài viết này với bạn bè của bạn trên mạng xã hội để cùng nhau lan tỏa những thông tin hữu ích về chính sách mới.", false},
	} {
		if got := furnitureLine(tc.line); got != tc.want {
			t.Errorf("furnitureLine(%q) = %v, want %v", tc.line, got, tc.want)
		}
		if got := furnitureLineRE.MatchString(tc.line); got != tc.want {
			t.Errorf("premise: the pattern on %q = %v, want %v", tc.line, got, tc.want)
		}
	}
}
