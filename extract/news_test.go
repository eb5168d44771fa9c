package extract

// Held-out measurement on general news layouts. The fixtures in
// testdata/news were written, not copied, in the manner of the sources of the
// article-extraction benchmark but unlike its 91 pages: a big newspaper with
// inline "Read more" links and a photo gallery, a wire story with a
// dateline, a self-hosted blog over a long comment thread, a newsletter post
// with subscribe boxes and like counts, a live blog, a numbered listicle, a
// how-to with lists, a review with a rating box and a spec table, a Q&A
// interview, a press release with contacts and "About …", a German article,
// and a body cut by an ad or a newsletter prompt every two paragraphs.
//
// Their truth follows the benchmark's conventions: the body holds the
// article's subheadings, lists and tables, the dateline and a wire story's
// "(Reporting by …)" line; it leaves out the headline, standfirst, byline,
// date, captions, "Read more" links, ads, prompts and comments.
//
// Measured before any rule was changed for them (go test -v -run NewsLayouts;
// the how-to's title is not counted, its <title> and <h1> differing only in
// capitals):
//
//	12 pages: F1 0.9596 (P 0.9463, R 0.9734); types 12/12, titles 11/11, dates 12/12
//
// The live blog's truth then held its standfirst; the benchmark leaves deks
// out (vox, nbc, slate, smithsonian), so it was taken out of the truth,
// still before any rule changed:
//
//	12 pages: F1 0.9656 (P 0.9463, R 0.9858); types 12/12, titles 11/11, dates 12/12
//
// The misses: ad labels between paragraphs ("Advertisement · Scroll to
// continue", "Continue reading below"); Substack's subheadings, whose class
// "header-anchor-post" made them page headers; a byline running on to its
// reviewer and date; a press release's media contacts; photo credits
// ("Getty Images") in an image's box; a recipe's star rating; a donation
// appeal and an affiliate disclosure. Left: a broadcast note under the
// German article, a "Rate it!" prompt, a spec table's caption, a wire
// service's "Our Standards" link line.
//
// After the general fixes that followed (the fixtures then stop being held
// out):
//
//	12 pages: F1 0.9934 (P 0.9880, R 0.9989); types 12/12, titles 11/11, dates 12/12

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// Floors on the news fixtures, just below what was reached after the fixes.
const (
	newsMinF1     = 0.99
	newsMinTypes  = 12
	newsMinTitles = 10
	newsMinDates  = 11
)

// newsTruth is one page of testdata/news/truth.json: the held-out form, with
// flags for the pages whose title or date the conventions leave open (a
// <title> and <h1> that differ only in capitals, say), which are not counted.
type newsTruth struct {
	portalTruth
	SkipTitle     bool `json:"skipTitle"`
	SkipPublished bool `json:"skipPublished"`
}

// TestNewsLayouts runs the extractor over testdata/news and, like
// TestHeldOutLayouts, counts the wrong fields and fails only below the floors.
func TestNewsLayouts(t *testing.T) {
	dir := filepath.Join("testdata", "news")
	b, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]newsTruth
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	var pages []PageScore
	types, titles, dates, nTitles, nDates := 0, 0, 0, 0, 0
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
		if !tr.SkipTitle {
			nTitles++
			if a.Title == tr.Title {
				titles++
			} else {
				t.Logf("%s: title %q, want %q", name, a.Title, tr.Title)
			}
		}
		if !tr.SkipPublished {
			nDates++
			if got := a.PublishedText(); got == tr.Published {
				dates++
			} else {
				t.Logf("%s: published %q (raw %q), want %q", name, got, a.PublishedRaw, tr.Published)
			}
		}
		s := ScorePage(tr.ArticleBody, a.Text)
		pages = append(pages, s)
		if s.Precision() < 1 || s.Recall() < 1 {
			t.Logf("%s: P %.3f R %.3f\n--- got:\n%s\n--- want:\n%s", name, s.Precision(), s.Recall(), a.Text, tr.ArticleBody)
		}
	}
	sum := Summarize(pages)
	t.Logf("news %d pages: F1 %.4f P %.4f R %.4f; types %d/%d, titles %d/%d, dates %d/%d",
		sum.Pages, sum.F1, sum.Precision, sum.Recall, types, len(truth), titles, nTitles, dates, nDates)
	if sum.F1 < newsMinF1 {
		t.Errorf("news F1 %.4f below the floor %.2f", sum.F1, newsMinF1)
	}
	if types < newsMinTypes || titles < newsMinTitles || dates < newsMinDates {
		t.Errorf("news types %d, titles %d, dates %d below the floors %d, %d, %d",
			types, titles, dates, newsMinTypes, newsMinTitles, newsMinDates)
	}
}
