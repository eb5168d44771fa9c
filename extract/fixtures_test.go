package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// portalTruth is one page of a fixture set's truth.json, in the form of the
// vi-gov benchmark's ground truth.
type portalTruth struct {
	File        string `json:"file"`
	URL         string `json:"url"`
	PageType    string `json:"pageType"`
	Title       string `json:"title"`
	Published   string `json:"published"`
	ArticleBody string `json:"articleBody"`
}

// newsTruth is portalTruth with flags for the pages whose title or date the
// conventions leave open (a <title> and <h1> that differ only in capitals,
// say), which are not counted. Every set is read in this form; only the sets
// whose fixtureSet says skipFlags honour the flags.
type newsTruth struct {
	portalTruth
	SkipTitle     bool `json:"skipTitle"`
	SkipPublished bool `json:"skipPublished"`
}

// fixtureSet describes one directory of fixtures under testdata and how its
// test reads them. The sets were written at different times for different
// questions, so they differ in what they log and what fails; the fields keep
// each set's own behaviour.
type fixtureSet struct {
	dir string // directory under testdata holding truth.json and the pages

	// strict fails the test on each wrong page type, title or date, as
	// TestPortalLayouts does. Otherwise they are counted and logged, so that
	// the figures stay comparable as rules change, and only the floors fail.
	strict bool
	// skipFlags leaves pages flagged skipTitle or skipPublished out of the
	// title or date count.
	skipFlags bool
	// showLeaks logs the text a listing or other page yields instead of its
	// scores: the benchmark scores any such text as precision 0, so the text
	// itself says more.
	showLeaks bool
	// perPage logs every page's F1, P and R, so that a set in many languages
	// shows each language's figure, not only the misses.
	perPage bool
}

// fixtureResult is what a fixture set measured.
type fixtureResult struct {
	sum             Summary
	n               int // pages in truth.json
	types           int // pages typed right
	titles, nTitles int // titles right, of titles counted
	dates, nDates   int // dates right, of dates counted
	leaks           int // listing or other pages that yielded text
}

// runFixtureSet runs Extract over every page of testdata/<set.dir>, compares
// each field with truth.json and scores the text, logging every miss.
func runFixtureSet(t *testing.T, set fixtureSet) fixtureResult {
	t.Helper()
	dir := filepath.Join("testdata", set.dir)
	b, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]newsTruth
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	miss := t.Logf
	if set.strict {
		miss = t.Errorf
	}
	res := fixtureResult{n: len(truth)}
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
		if string(a.PageType) == tr.PageType {
			res.types++
		} else {
			miss("%s: page type %s, want %s", name, a.PageType, tr.PageType)
		}
		if !set.skipFlags || !tr.SkipTitle {
			res.nTitles++
			if a.Title == tr.Title {
				res.titles++
			} else {
				miss("%s: title %q, want %q", name, a.Title, tr.Title)
			}
		}
		if !set.skipFlags || !tr.SkipPublished {
			res.nDates++
			if got := a.PublishedText(); got == tr.Published {
				res.dates++
			} else {
				miss("%s: published %q (raw %q), want %q", name, got, a.PublishedRaw, tr.Published)
			}
		}
		if tr.ArticleBody == "" && a.Text != "" {
			res.leaks++
			if set.showLeaks {
				t.Logf("%s: %s page yields text:\n%s", name, tr.PageType, a.Text)
			}
		}
		s := ScorePage(tr.ArticleBody, a.Text)
		pages = append(pages, s)
		switch {
		case set.perPage:
			one := Summarize([]PageScore{s})
			t.Logf("%s: F1 %.4f P %.4f R %.4f", name, one.F1, one.Precision, one.Recall)
			if s.Precision() < 1 || s.Recall() < 1 {
				t.Logf("%s:\n--- got:\n%s\n--- want:\n%s", name, a.Text, tr.ArticleBody)
			}
		case set.showLeaks && tr.ArticleBody == "":
			// Logged above as a leak if it yielded text.
		case s.Precision() < 1 || s.Recall() < 1:
			t.Logf("%s: P %.3f R %.3f\n--- got:\n%s\n--- want:\n%s", name, s.Precision(), s.Recall(), a.Text, tr.ArticleBody)
		}
	}
	res.sum = Summarize(pages)
	return res
}

// summary is the set's figures in the form the header comments record them.
func (r fixtureResult) summary(label string) string {
	return fmt.Sprintf("%s %d pages: F1 %.4f P %.4f R %.4f; types %d/%d, titles %d/%d, dates %d/%d",
		label, r.sum.Pages, r.sum.F1, r.sum.Precision, r.sum.Recall, r.types, r.n, r.titles, r.nTitles, r.dates, r.nDates)
}

// fixtureFloors are the least a counted set must reach, each set's just
// below what it reached after the fixes it prompted.
type fixtureFloors struct {
	minF1                         float64
	minTypes, minTitles, minDates int
}

// checkFloors fails the test for each floor the set fell below.
func (r fixtureResult) checkFloors(t *testing.T, label string, f fixtureFloors) {
	t.Helper()
	if r.sum.F1 < f.minF1 {
		t.Errorf("%s F1 %.4f below the floor %.2f", label, r.sum.F1, f.minF1)
	}
	if r.types < f.minTypes || r.titles < f.minTitles || r.dates < f.minDates {
		t.Errorf("%s types %d, titles %d, dates %d below the floors %d, %d, %d",
			label, r.types, r.titles, r.dates, f.minTypes, f.minTitles, f.minDates)
	}
}
