package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
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
