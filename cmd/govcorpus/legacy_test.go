package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/extract/vntext/vntexttest"
)

// TestCrawlLegacyEncodings crawls one page per encoding accident and checks
// each is stored as clean NFC Vietnamese, as extract alone gives it.
func TestCrawlLegacyEncodings(t *testing.T) {
	pages, err := vntexttest.Pages()
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	var index strings.Builder
	index.WriteString("<html><body><ul>")
	for _, p := range pages {
		path := "/tin-tuc/" + p.Name + ".html"
		fmt.Fprintf(&index, `<li><a href="%s">%s</a></li>`, path, p.Name)
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", p.ContentType)
			w.Write(p.Body)
		})
	}
	index.WriteString("</ul></body></html>")
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, index.String())
	})
	srv := newCountingServer(t, mux, 0)
	db := tempDB(t)
	if code, _, stderr := runCmd(context.Background(), append(crawlArgs(srv.URL, db), "--ignore-robots", "--include", `/tin-tuc/[^/]+\.html$`)...); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	arts := articleSet(t, db, srv.URL)
	for _, p := range pages {
		a, ok := arts["/tin-tuc/"+p.Name+".html"]
		if !ok {
			t.Errorf("%s: not stored as an article", p.Name)
			continue
		}
		if a.Title != p.Title {
			t.Errorf("%s: title %q, want %q", p.Name, a.Title, p.Title)
		}
		for _, w := range p.Want {
			if !strings.Contains(a.Text, w) {
				t.Errorf("%s: text lacks %q\n got %q", p.Name, w, a.Text)
			}
		}
	}
}
