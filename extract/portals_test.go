package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// portalMinF1 is the floor on the portal fixtures, just below what was
// measured when it was set (F1 1.0000; go test -v -run Portal).
const portalMinF1 = 0.99

// portalTruth is one page of testdata/portals/truth.json, in the form of the
// vi-gov benchmark's ground truth.
type portalTruth struct {
	File        string `json:"file"`
	URL         string `json:"url"`
	PageType    string `json:"pageType"`
	Title       string `json:"title"`
	Published   string `json:"published"`
	ArticleBody string `json:"articleBody"`
}

// TestPortalLayouts runs the extractor over pages written in the manner of
// the site families Vietnamese departments run on (DNN and SharePoint in
// ASP.NET forms, Joomla, WordPress, Drupal, Bootstrap, static tables with
// <font> and <br>) and over the page kinds they serve besides news
// (documents, Q&A, galleries, document listings, search results). None of
// them informed the rules before they were written, so they measure how the
// rules carry to layouts they were not tuned on.
func TestPortalLayouts(t *testing.T) {
	dir := filepath.Join("testdata", "portals")
	b, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]portalTruth
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	var pages []PageScore
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
		if string(a.PageType) != tr.PageType {
			t.Errorf("%s: page type %s, want %s", name, a.PageType, tr.PageType)
		}
		if a.Title != tr.Title {
			t.Errorf("%s: title %q, want %q", name, a.Title, tr.Title)
		}
		if got := a.PublishedText(); got != tr.Published {
			t.Errorf("%s: published %q (raw %q), want %q", name, got, a.PublishedRaw, tr.Published)
		}
		s := ScorePage(tr.ArticleBody, a.Text)
		pages = append(pages, s)
		if s.Precision() < 1 || s.Recall() < 1 {
			t.Logf("%s: P %.3f R %.3f\n--- got:\n%s\n--- want:\n%s", name, s.Precision(), s.Recall(), a.Text, tr.ArticleBody)
		}
	}
	sum := Summarize(pages)
	t.Logf("portals %d pages: F1 %.4f P %.4f R %.4f", sum.Pages, sum.F1, sum.Precision, sum.Recall)
	if sum.F1 < portalMinF1 {
		t.Errorf("portals F1 %.4f below the floor %.2f", sum.F1, portalMinF1)
	}
}
