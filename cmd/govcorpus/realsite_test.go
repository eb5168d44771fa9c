package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path"
	"strings"
	"testing"
)

// TestRealSiteMirror crawls a real department site (a Liferay portal
// mirrored in 2022, in ../shared) over loopback and checks the page types
// of its benchmark pages: articles become articles, listing and other pages
// never do.
func TestRealSiteMirror(t *testing.T) {
	siteDir := shared(t, "sites", "sotttt.hanoi.gov.vn")
	truthFile := shared(t, "benchmarks", "vi-gov", "ground-truth.json")
	raw, err := os.ReadFile(truthFile)
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]struct {
		File     string `json:"file"`
		PageType string `json:"pageType"`
		Title    string `json:"title"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}

	srv := newCountingServer(t, http.FileServer(http.Dir(siteDir)), 0)
	db := tempDB(t)
	code, _, stderr := runCmd(context.Background(), "crawl", srv.URL+"/index.html", "--db", db,
		"--delay", "0", "--parallel", "4", "--retries", "0", "--quiet")
	// The mirror links to pages it did not save: those are 404s.
	if code != exitPagesFailed && code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	arts := articleSet(t, db, srv.URL)
	served := srv.counts()
	articles, others, titled := 0, 0, 0
	for id, want := range truth {
		p := "/" + path.Base(want.File)
		if served[p] == 0 {
			t.Errorf("%s (%s) was never fetched by the crawl", p, id)
			continue
		}
		a, stored := arts[p]
		switch want.PageType {
		case "article":
			articles++
			if !stored {
				t.Errorf("%s: an article page, not stored as an article", p)
			} else if strings.EqualFold(a.Title, want.Title) {
				titled++
			} else {
				t.Logf("%s: title %q, ground truth %q", p, a.Title, want.Title)
			}
		default:
			others++
			if stored {
				t.Errorf("%s: a %s page, stored as an article", p, want.PageType)
			}
		}
	}
	t.Logf("%d article pages (%d with the ground truth's title) and %d listing/other pages checked; %d articles stored from %d pages served",
		articles, titled, others, len(arts), len(served))
	// A ratchet, not a target: one page's ground-truth title is an in-body
	// heading where a sibling page's is the <title>.
	if titled < articles-1 {
		t.Errorf("only %d of %d article titles match the ground truth", titled, articles)
	}
}
