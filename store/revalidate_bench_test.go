package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// BenchmarkRevalidate measures the store's side of an unchanged recrawl:
// benchHosts hosts' workers lease their URLs and record a 304 for each, all
// at once, as a nightly run over many sites that changed nothing does. The
// writer goroutine is the one place these calls meet, so its cost per page
// bounds how fast such a run can go however short the hosts' delays.
func BenchmarkRevalidate(b *testing.B) {
	const (
		benchHosts = 50
		perHost    = 200
		workers    = 2 // per host, the crawl's default --parallel
		leaseBatch = 8 // the crawler's
	)
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var links []Link
	for h := range benchHosts {
		for i := range perHost {
			links = append(links, Link{URL: fmt.Sprintf("http://127.0.0.%d/tin/%d.html", h+2, i)})
		}
	}
	if _, err := s.Enqueue(ctx, links); err != nil {
		b.Fatal(err)
	}
	// The first crawl, from as many callers, so its writes share commits.
	var first sync.WaitGroup
	failed := make(chan error, benchHosts)
	for h := range benchHosts {
		first.Add(1)
		go func() {
			defer first.Done()
			for _, l := range links[h*perHost : (h+1)*perHost] {
				r := Result{Page: Page{URL: l.URL, FinalURL: l.URL, Status: 200, PageType: "article", FetchedAt: at, ETag: `"x"`},
					Article: &Article{URL: l.URL, Title: "Tin", Text: "Bài " + l.URL, SHA256: l.URL}}
				if _, err := s.Complete(ctx, r); err != nil {
					failed <- err
					return
				}
			}
		}()
	}
	first.Wait()
	close(failed)
	if err := <-failed; err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := s.StartRun(ctx, nil, at); err != nil {
			b.Fatal(err)
		}
		if _, err := s.NewPass(ctx); err != nil {
			b.Fatal(err)
		}
		var wg sync.WaitGroup
		errc := make(chan error, benchHosts*workers)
		for h := range benchHosts {
			host := fmt.Sprintf("127.0.0.%d", h+2)
			for range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						batch, err := s.LeaseHost(ctx, host, leaseBatch)
						if err != nil || len(batch) == 0 {
							errc <- err
							return
						}
						for _, l := range batch {
							at := at.Add(time.Hour)
							r := Result{Page: Page{URL: l.URL, FinalURL: l.URL, Status: 304, FetchedAt: at}, Unchanged: true}
							if _, err := s.Complete(ctx, r); err != nil {
								errc <- err
								return
							}
						}
					}
				}()
			}
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*benchHosts*perHost), "µs/page")
}
