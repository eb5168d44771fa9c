package extract

// Held-out measurement. The fixtures in testdata/heldout were written after
// the rules, in the manner of page families the portal fixtures do not cover
// (an e-government procedure page, a provincial portal with a photo slider
// and "Tin ảnh" box, Liferay 7, a print view, an English page, a weekly
// schedule table, a short article over a long comment form, a category page
// that opens with one full article, a video page, an AMP page). No rule had
// seen them when the first figures below were taken: those are the honest
// measure of how the rules carry to layouts they were not tuned on.
//
// The category page is a listing: its newest item shown in full is still
// the category's index, that item's heading links to its own page, where
// the crawler stores it; taking it here would store it twice, under a URL
// whose content changes with the next post.
//
// Measured before any rule was changed for them (go test -v -run HeldOut),
// the first eight fixtures as the brief asked for, then with the video and
// AMP pages added, still before any change:
//
//	 8 pages: F1 0.9977 (P 0.9955, R 1.0000); types 8/8, titles 6/8, dates 7/8
//	10 pages: F1 0.9922 (P 0.9845, R 1.0000); types 10/10, titles 8/10, dates 9/10
//
// The misses: a generic <title> ("Chi tiết thủ tục hành chính") whose <h1>
// sat in a "…-header" box that went with the page's headers; a headline and
// date line above a content that opens with a leaf <div> (the lead), which
// the look-back above the content missed; "15:42, Thứ Năm, 14/03/2024", a
// weekday between time and date; a desk signing off flush right ("Phòng
// Khảo thí và Quản lý chất lượng"); a "Thực hiện: …" credit line.
//
// After the general fixes that followed (the fixtures then stop being held
// out; new ones are needed for the next honest figure):
//
//	10 pages: F1 1.0000 (P 1.0000, R 1.0000); types 10/10, titles 10/10, dates 10/10

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// Floors on the held-out fixtures, just below what was reached after the fixes.
const (
	heldOutMinF1     = 0.99
	heldOutMinTypes  = 10
	heldOutMinTitles = 9
	heldOutMinDates  = 9
)

// TestHeldOutLayouts runs the extractor over testdata/heldout. Unlike
// TestPortalLayouts it does not fail on each wrong field: it counts them, so
// that the figures stay comparable as rules change, and fails only below the
// floors.
func TestHeldOutLayouts(t *testing.T) {
	dir := filepath.Join("testdata", "heldout")
	b, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]portalTruth
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	var pages []PageScore
	types, titles, dates := 0, 0, 0
	for _, name := range sortedKeys(truth) {
		tr := truth[name]
		html, err := os.ReadFile(filepath.Join(dir, tr.File))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Extract(Page{URL: tr.URL, HTML: html})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(a.PageType) == tr.PageType {
			types++
		} else {
			t.Logf("%s: page type %s, want %s", name, a.PageType, tr.PageType)
		}
		if a.Title == tr.Title {
			titles++
		} else {
			t.Logf("%s: title %q, want %q", name, a.Title, tr.Title)
		}
		if got := a.PublishedText(); got == tr.Published {
			dates++
		} else {
			t.Logf("%s: published %q (raw %q), want %q", name, got, a.PublishedRaw, tr.Published)
		}
		s := ScorePage(tr.ArticleBody, a.Text)
		pages = append(pages, s)
		if s.Precision() < 1 || s.Recall() < 1 {
			t.Logf("%s: P %.3f R %.3f\n--- got:\n%s\n--- want:\n%s", name, s.Precision(), s.Recall(), a.Text, tr.ArticleBody)
		}
	}
	sum := Summarize(pages)
	n := len(truth)
	t.Logf("held-out %d pages: F1 %.4f P %.4f R %.4f; types %d/%d, titles %d/%d, dates %d/%d",
		sum.Pages, sum.F1, sum.Precision, sum.Recall, types, n, titles, n, dates, n)
	if sum.F1 < heldOutMinF1 {
		t.Errorf("held-out F1 %.4f below the floor %.2f", sum.F1, heldOutMinF1)
	}
	if types < heldOutMinTypes || titles < heldOutMinTitles || dates < heldOutMinDates {
		t.Errorf("held-out types %d, titles %d, dates %d below the floors %d, %d, %d",
			types, titles, dates, heldOutMinTypes, heldOutMinTitles, heldOutMinDates)
	}
}
