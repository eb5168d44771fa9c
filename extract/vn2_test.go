package extract

// Second held-out measurement on Vietnamese department sites. The fixtures
// in testdata/vn2 are 14 pages written after the rules, as pairs from seven
// fictional departments, each on a template family the other fixture sets
// do not use: an ASP.NET WebForms "Cổng TTĐT" (ContentPlaceHolder ids, a
// left tree menu, a generic <title>), NukeViet (news_column, bodytext,
// panel-body blocks), an iGate-style e-government portal with tabbed boxes,
// a Nuxt server-rendered site with data-v attributes and utility classes,
// a Liferay 6 theme with portlet-boundary columns, a static agency site
// (id="noidung", class="tieude", class="ngaydang", <br> paragraphs) and
// Drupal 9 (node--type-article). Each site gives one article and one
// listing or other page (five listings, two others) in the same template.
//
// Measured before any rule was changed for them (go test -v -run VN2):
//
//	14 pages: F1 0.9167 (P 0.8651, R 0.9748); types 13/14, titles 11/14, dates 13/14;
//	          1 listing with text
//
// The misses: the static site's category page, a table of links that
// nothing scored, fell back to the whole page and was taken for an article
// of its ticker, poll, counter and footer; headlines in an ASP.NET <span>
// inline beside the body's box and in a "news-title" <div> gathered with
// the body (shown as a line of text); Drupal's photo field, dropped for its
// "field--label-hidden" class, with its caption; NukeViet's photo and lead
// in a box beside the body; Liferay 6's headline in a "taglib-header"; a
// source line; a date line sharing its box with a view count and buttons.
//
// After the general fixes that followed (a <marquee> holds no text; a
// content with no sentence and mostly lists is a listing; a headline inline
// above the body, or a box named a title opening the content, is the title;
// a captioned photo is no furniture):
//
//	14 pages: F1 0.9896 (P 0.9982, R 0.9812); types 14/14, titles 13/14, dates 13/14;
//	          no listing with text
//
// Still wrong: NukeViet's photo caption and lead, Liferay 6's title, the
// iGate date's time, Drupal's "Nguồn tin" value.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// Floors on the vn2 fixtures, just below what was reached after the fixes.
const (
	vn2MinF1     = 0.985
	vn2MinTypes  = 14
	vn2MinTitles = 12
	vn2MinDates  = 12
)

// TestVN2Layouts runs the extractor over testdata/vn2 in the manner of
// TestHeldOutLayouts: it counts wrong fields so the figures stay comparable
// as rules change, and fails only below the floors or when a listing or
// other page yields text.
func TestVN2Layouts(t *testing.T) {
	dir := filepath.Join("testdata", "vn2")
	b, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]portalTruth
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	var pages []PageScore
	types, titles, dates, leaks := 0, 0, 0, 0
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
		if tr.ArticleBody == "" && a.Text != "" {
			// The benchmark scores any text on a listing or other page as
			// precision 0; count it apart so a leak is visible by itself.
			leaks++
			t.Logf("%s: %s page yields text:\n%s", name, tr.PageType, a.Text)
		}
		s := ScorePage(tr.ArticleBody, a.Text)
		pages = append(pages, s)
		if tr.ArticleBody != "" && (s.Precision() < 1 || s.Recall() < 1) {
			t.Logf("%s: P %.3f R %.3f\n--- got:\n%s\n--- want:\n%s", name, s.Precision(), s.Recall(), a.Text, tr.ArticleBody)
		}
	}
	sum := Summarize(pages)
	n := len(truth)
	t.Logf("vn2 %d pages: F1 %.4f P %.4f R %.4f; types %d/%d, titles %d/%d, dates %d/%d; listing/other with text %d",
		sum.Pages, sum.F1, sum.Precision, sum.Recall, types, n, titles, n, dates, n, leaks)
	if sum.F1 < vn2MinF1 {
		t.Errorf("vn2 F1 %.4f below the floor %.2f", sum.F1, vn2MinF1)
	}
	if types < vn2MinTypes || titles < vn2MinTitles || dates < vn2MinDates {
		t.Errorf("vn2 types %d, titles %d, dates %d below the floors %d, %d, %d",
			types, titles, dates, vn2MinTypes, vn2MinTitles, vn2MinDates)
	}
	if leaks > 0 {
		t.Errorf("vn2: %d listing or other pages yield text", leaks)
	}
}
