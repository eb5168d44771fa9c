package crawler_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
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

// heldRecorder holds every page record until the crawl is cancelled.
type heldRecorder struct {
	*store.Store
	cancelled <-chan struct{}
}

func (s heldRecorder) Complete(ctx context.Context, r store.Result) (bool, error) {
	<-s.cancelled
	return s.Store.Complete(ctx, r)
}

// TestStoppedCrawlKeepsWhatItFetched: a page fetched before the crawl is
// stopped (Ctrl-C) is stored, though its record was still waiting to be
// committed when the stop came.
func TestStoppedCrawlKeepsWhatItFetched(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := newSite(t, map[string]http.HandlerFunc{
		"/a": html(`<p>a</p>`),
		"/b": func(w http.ResponseWriter, r *http.Request) {
			cancel() // stopped while /a is being recorded
			html(`<p>b</p>`)(w, r)
		},
	})
	st := heldRecorder{Store: openStore(t), cancelled: ctx.Done()}
	cfg := testConfig(s.URL+"/a", s.URL+"/b")
	cfg.IgnoreRobots = true
	cfg.Parallel = 1
	if _, err := crawler.Crawl(ctx, cfg, st); err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	ps, err := st.Pages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, strings.TrimPrefix(p.URL, s.URL))
	}
	if !slices.Contains(got, "/a") {
		t.Errorf("pages stored after the stop: %q, want /a among them", got)
	}
}
