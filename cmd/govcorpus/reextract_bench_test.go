package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/demosite"
	"github.com/govcorpus/govcorpus/extract"
	"github.com/govcorpus/govcorpus/store"
)

// BenchmarkReextract compares re-extraction's throughput, in MB/s of HTML
// bodies, with plain extraction (one extract.Extract per page, in one
// goroutine, as `govcorpus extract` runs) over the same pages: those of a
// loopback crawl with --warc. Re-extraction reads each record back from
// the archive, extracts an article twice on a warm host (without and with
// the template statistics, as the crawl does) and writes what changed.
//
//	go test -tags sqlite_fts5 -run '^$' -bench Reextract -benchtime 3s ./cmd/govcorpus
func BenchmarkReextract(b *testing.B) {
	corpora := []struct {
		name string
		site func() (http.Handler, string)
	}{
		{"sample-site", func() (http.Handler, string) { return demosite.Handler(), "/" }},
		{"real-mirror", func() (http.Handler, string) {
			dir := filepath.Join("..", "..", "..", "shared", "sites", "sotttt.hanoi.gov.vn")
			if _, err := os.Stat(dir); err != nil {
				return nil, ""
			}
			return http.FileServer(http.Dir(dir)), "/index.html"
		}},
	}
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			h, seed := c.site()
			if h == nil {
				b.Skip("../shared not present")
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			dir := b.TempDir()
			db := filepath.Join(dir, "c.db")
			crawlArchived(b, db, filepath.Join(dir, "warc"), nil, srv.URL+seed)
			ctx := context.Background()
			st, err := openStore(ctx, db)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			pages, bodies, size := archivedHTML(b, st)

			b.Run("extract", func(b *testing.B) {
				b.SetBytes(size)
				for b.Loop() {
					for i, p := range pages {
						if _, err := extract.Extract(extract.Page{URL: p.FinalURL, HTML: bodies[i], ContentType: p.ContentType}); err != nil {
							b.Fatal(err)
						}
					}
				}
			})
			run := func(workers int, stale []string) func(*testing.B) {
				return func(b *testing.B) {
					b.SetBytes(size)
					for b.Loop() {
						if stale != nil {
							b.StopTimer()
							execSQL(b, db, stale...)
							b.StartTimer()
						}
						s, err := crawler.Reextract(ctx, crawler.ReextractConfig{Workers: workers}, st)
						if err != nil || s.Errors > 0 || s.Bytes != size {
							b.Fatalf("reextract: %v, %+v; want %d bytes and no error", err, s, size)
						}
					}
				}
			}
			// Nothing to write: the corpus is what today's extractor made.
			b.Run("reextract", run(0, nil))
			b.Run("reextract-1-worker", run(1, nil))
			// Every article's text is stale and rewritten, index included.
			b.Run("reextract-all-changed", run(0, []string{`UPDATE articles SET text = '', sha256 = 'stale'`}))
		})
	}
}

// archivedHTML reads the bodies re-extraction extracts: the archived HTML
// pages, decoded.
func archivedHTML(b *testing.B, st *store.Store) (pages []store.Page, bodies [][]byte, size int64) {
	b.Helper()
	all, err := st.ArchivedPages(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range all {
		if !strings.HasPrefix(p.ContentType, "text/html") {
			continue
		}
		rec, err := crawler.ArchivedResponse(context.Background(), st, p.WarcFile, p.WarcOffset)
		if err != nil {
			b.Fatal(err)
		}
		body, err := crawler.ArchivedBody(rec)
		if err != nil {
			b.Fatal(err)
		}
		pages, bodies, size = append(pages, p), append(bodies, body), size+int64(len(body))
	}
	return pages, bodies, size
}
