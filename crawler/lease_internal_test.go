package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govcorpus/govcorpus/store"
)

// aheadStore notes, at each lease, how many of the URLs leased before it
// the site has not been asked for yet.
type aheadStore struct {
	*store.Store
	asked      *atomic.Int64 // requests the site has had
	mu         sync.Mutex
	leased     int
	mostUnused int // the most URLs leased and not yet asked for when a lease began
}

func (s *aheadStore) LeaseHost(ctx context.Context, host string, n int) ([]store.Link, error) {
	s.mu.Lock()
	s.mostUnused = max(s.mostUnused, s.leased-int(s.asked.Load()))
	s.mu.Unlock()
	links, err := s.Store.LeaseHost(ctx, host, n)
	s.mu.Lock()
	s.leased += len(links)
	s.mu.Unlock()
	return links, err
}

// TestLeaseAhead: a host's next batch is leased while its workers still
// have half a batch to visit, not once they have run out and wait on it,
// and every page is fetched once all the same.
func TestLeaseAhead(t *testing.T) {
	const pages = 3 * leaseBatch
	var asked atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		asked.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path != "/" {
			fmt.Fprintf(w, "<html><head><title>Trang %s</title></head><body><p>Nội dung của trang %s.</p></body></html>", r.URL.Path, r.URL.Path)
			return
		}
		var b strings.Builder
		for i := range pages {
			fmt.Fprintf(&b, `<a href="/p/%d.html">Trang %d</a> `, i, i)
		}
		fmt.Fprintf(w, "<html><body>%s</body></html>", b.String())
	}))
	defer srv.Close()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	as := &aheadStore{Store: st, asked: &asked}
	cfg := Config{Seeds: []string{srv.URL + "/"}, MaxDepth: -1, UserAgent: "govcorpus-test", Parallel: 4, IgnoreRobots: true,
		Retries: 1, RetryBase: 10 * time.Millisecond, Timeout: 5 * time.Second, MaxBody: 1 << 20}
	stats, err := Crawl(context.Background(), cfg, as)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Pages != pages+1 || asked.Load() != pages+1 {
		t.Errorf("%d pages fetched, %d requests; want %d of each", stats.Pages, asked.Load(), pages+1)
	}
	if as.mostUnused < leaseAheadAt/2 {
		t.Errorf("at most %d leased URLs were left to visit when a lease began; want a lease while about %d were", as.mostUnused, leaseAheadAt)
	}
}

// gatedStore holds every page record until the gate opens, and counts
// those waiting.
type gatedStore struct {
	*store.Store
	gate    chan struct{}
	waiting atomic.Int64
}

func (s *gatedStore) Complete(ctx context.Context, res store.Result) (bool, error) {
	s.waiting.Add(1)
	<-s.gate
	return s.Store.Complete(ctx, res)
}

// TestRecordingBounded: while the store commits nothing (as while it
// indexes a batch for search), workers go on fetching until the pages
// waiting to be recorded reach maxRecording, or their bytes the bound
// (maxRecordingBytes, lowered here) for large pages; then they wait, and nothing fetched is lost. A worker asks
// for its next page only once its last one is handed over, so the site
// sees at most the bound and one page a worker while the gate is shut.
func TestRecordingBounded(t *testing.T) {
	for _, tc := range []struct {
		name      string
		pages     int
		textBytes int
	}{
		{"small pages, by count", maxRecording + 100, 200},
		{"large pages, by bytes", 40, 100 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const parallel = 4
			para := "<p>" + strings.Repeat("Nội dung bài viết của Sở về công tác năm nay. ", tc.textBytes/50) + "</p>"
			// A page waiting holds its text, and its body too until its
			// host's template is known: between one and about two times
			// the paragraph.
			const budget = 2 << 20
			most, least := min(maxRecording, budget/len(para)), min(maxRecording, budget/(2*len(para)+4096))
			var (
				asked    atomic.Int64 // requests for pages other than the seed
				shut     atomic.Bool  // the gate is shut
				mostSeen atomic.Int64 // the most requests seen while it was
			)
			shut.Store(true)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				if r.URL.Path == "/" {
					var b strings.Builder
					for i := range tc.pages {
						fmt.Fprintf(&b, `<a href="/p/%d.html">Bài %d</a> `, i, i)
					}
					fmt.Fprintf(w, "<html><body>%s</body></html>", b.String())
					return
				}
				if n := asked.Add(1); shut.Load() && n > mostSeen.Load() {
					mostSeen.Store(n)
				}
				fmt.Fprintf(w, "<html><head><title>Bài %s</title></head><body><h1>Bài %s</h1>%s</body></html>", r.URL.Path, r.URL.Path, para)
			}))
			defer srv.Close()
			st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			gs := &gatedStore{Store: st, gate: make(chan struct{})}
			cfg := Config{Seeds: []string{srv.URL + "/"}, MaxDepth: -1, UserAgent: "govcorpus-test", Parallel: parallel, IgnoreRobots: true,
				Retries: 1, RetryBase: 10 * time.Millisecond, Timeout: 30 * time.Second, MaxBody: 8 << 20, recordingBytes: budget}
			done := make(chan error, 1)
			var stats Stats
			go func() {
				var err error
				stats, err = Crawl(context.Background(), cfg, gs)
				done <- err
			}()
			// The seed's record goes through, so its links are queued;
			// then the gate stays shut until every worker waits to hand
			// over a page, or every page is fetched.
			for gs.waiting.Load() == 0 {
				time.Sleep(time.Millisecond)
			}
			gs.gate <- struct{}{}
			watchdog := time.Now().Add(time.Minute) // a stuck crawl fails, it does not hang the suite
			for waitingToRecord() < parallel && asked.Load() < int64(tc.pages) {
				if time.Now().After(watchdog) {
					t.Fatalf("%d pages waited to be recorded, %d fetched; want the workers stopped", gs.waiting.Load()-1, asked.Load())
				}
				time.Sleep(2 * time.Millisecond)
			}
			if n := gs.waiting.Load() - 1; n < int64(least) {
				t.Errorf("the workers stopped with %d pages waiting to be recorded; want at least %d", n, least)
			}
			shut.Store(false)
			close(gs.gate)
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if n := int(mostSeen.Load()); n > most+parallel {
				t.Errorf("%d pages fetched while the store took none; want at most %d waiting and %d held by the workers", n, most, parallel)
			}
			if stats.Pages != tc.pages+1 || asked.Load() != int64(tc.pages) {
				t.Errorf("%d pages fetched, %d requests; want %d and %d", stats.Pages, asked.Load(), tc.pages+1, tc.pages)
			}
		})
	}
}

// waitingToRecord counts the goroutines in recordLater, which are the
// workers waiting for room to hand over a page (or about to).
func waitingToRecord() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Count(string(buf[:n]), ".(*crawler).recordLater(")
		}
		buf = make([]byte, 2*len(buf))
	}
}
