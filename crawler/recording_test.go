package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/store"
)

// slowRecorder is a store whose page records hang until the site has seen
// a request made while one of them was pending (or a generous while).
type slowRecorder struct {
	*store.Store
	pending  atomic.Int32
	during   atomic.Int32 // requests served while a record was pending
	gate     chan struct{}
	openGate sync.Once
}

func (s *slowRecorder) Complete(ctx context.Context, r store.Result) (bool, error) {
	if strings.HasSuffix(r.Page.URL, "/") {
		return s.Store.Complete(ctx, r) // the home page: its links must come first
	}
	s.pending.Add(1)
	defer s.pending.Add(-1)
	select {
	case <-s.gate:
	case <-time.After(2 * time.Second): // a worker that waits for its record never opens it
	}
	return s.Store.Complete(ctx, r)
}

// TestWorkerDoesNotWaitForItsRecord: with one worker, the next page is
// fetched while the last one is still being recorded: the worker hands
// the page to the store and goes on, and the store commits many pages
// together. The crawl still ends with every page recorded.
func TestWorkerDoesNotWaitForItsRecord(t *testing.T) {
	const pages = 5
	var links strings.Builder
	for i := range pages {
		fmt.Fprintf(&links, `<a href="/p%d">%d</a> `, i, i)
	}
	routes := map[string]http.HandlerFunc{"/": html(links.String())}
	for i := range pages {
		routes[fmt.Sprintf("/p%d", i)] = html(`<a href="/">home</a>`)
	}
	s := newSite(t, routes)
	st := &slowRecorder{Store: openStore(t), gate: make(chan struct{})}
	s.Config.Handler = wrapHandler(s.Config.Handler, func() {
		if st.pending.Load() > 0 {
			st.during.Add(1)
			st.openGate.Do(func() { close(st.gate) })
		}
	})
	cfg := testConfig(s.URL + "/")
	cfg.IgnoreRobots = true
	cfg.Parallel = 1
	stats, err := crawler.Crawl(context.Background(), cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	if st.during.Load() == 0 {
		t.Error("no page was fetched while another was being recorded: the worker waited for each commit")
	}
	if stats.Pages != pages+1 {
		t.Errorf("%d pages recorded, want %d", stats.Pages, pages+1)
	}
	ps, err := st.Pages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != pages+1 {
		t.Errorf("%d pages in the store, want %d", len(ps), pages+1)
	}
}
