package crawler_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/store"
)

// newSiteAt is newSite listening on another loopback address (127.0.0.x),
// so that several sites are several hosts, as they are on the web.
func newSiteAt(t *testing.T, ip string, routes map[string]http.HandlerFunc) *site {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s (this system routes only 127.0.0.1): %v", ip, err)
	}
	s := &site{hits: map[string][]time.Time{}}
	mux := http.NewServeMux()
	if _, ok := routes["/robots.txt"]; !ok {
		mux.Handle("/robots.txt", http.NotFoundHandler())
	}
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.RequestURI()] = append(s.hits[r.URL.RequestURI()], time.Now())
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	s.Server.Listener.Close()
	s.Server.Listener = ln
	s.Server.Start()
	t.Cleanup(s.Close)
	return s
}

// allRequests returns every request the site served except robots.txt,
// in time order.
func (s *site) allRequests() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []time.Time
	for p, ts := range s.hits {
		if p != "/robots.txt" {
			out = append(out, ts...)
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// fanSite is a home page linking to n pages, each linking back.
func fanSite(t *testing.T, ip string, n int) *site {
	var links strings.Builder
	for i := range n {
		fmt.Fprintf(&links, `<a href="/p%d">%d</a> `, i, i)
	}
	routes := map[string]http.HandlerFunc{"/": html(links.String())}
	for i := range n {
		routes[fmt.Sprintf("/p%d", i)] = html(`<a href="/">home</a>`)
	}
	return newSiteAt(t, ip, routes)
}

// TestHostsAreCrawledAtTheSameTime: three hosts at a delay are crawled
// side by side, each at its own pace, not one after another; with
// --max-hosts 1 they are. Judged from the times the servers saw requests:
// after its seed, each host's requests span an interval, and all the
// intervals overlap.
func TestHostsAreCrawledAtTheSameTime(t *testing.T) {
	const pages = 15
	for _, tc := range []struct {
		maxHosts int
		overlap  bool
	}{{0, true}, {1, false}} {
		t.Run(fmt.Sprintf("max-hosts=%d", tc.maxHosts), func(t *testing.T) {
			var sites []*site
			var seeds []string
			for _, ip := range []string{"127.0.0.2", "127.0.0.3", "127.0.0.4"} {
				s := fanSite(t, ip, pages)
				sites = append(sites, s)
				seeds = append(seeds, s.URL+"/")
			}
			cfg := testConfig(seeds...)
			cfg.IgnoreRobots = true
			cfg.Delay = 40 * time.Millisecond
			cfg.Parallel = 1
			cfg.MaxHosts = tc.maxHosts
			stats, err := crawler.Crawl(context.Background(), cfg, openStore(t))
			if err != nil {
				t.Fatal(err)
			}
			if want := 3 * (pages + 1); stats.Pages != want {
				t.Fatalf("fetched %d pages, want %d", stats.Pages, want)
			}
			var latestStart, earliestEnd time.Time
			for i, s := range sites {
				reqs := s.allRequests()
				if len(reqs) != pages+1 {
					t.Fatalf("host %d served %d requests, want %d", i, len(reqs), pages+1)
				}
				if start := reqs[1]; latestStart.IsZero() || start.After(latestStart) {
					latestStart = start
				}
				if end := reqs[len(reqs)-1]; earliestEnd.IsZero() || end.Before(earliestEnd) {
					earliestEnd = end
				}
				if hs := stats.PerHost[strings.TrimPrefix(s.URL, "http://")]; hs.Pages != pages+1 {
					t.Errorf("per-host count of host %d = %+v, want %d pages", i, hs, pages+1)
				}
			}
			if overlap := latestStart.Before(earliestEnd); overlap != tc.overlap {
				t.Errorf("hosts' request intervals overlap = %v, want %v (latest start %v after earliest end)",
					overlap, tc.overlap, latestStart.Sub(earliestEnd))
			}
		})
	}
}

// TestRunScopeIsItsOwnSeeds: a new seed crawled into a finished database
// fetches its own host only; the earlier host is recrawled when a run
// names it again.
func TestRunScopeIsItsOwnSeeds(t *testing.T) {
	a := fanSite(t, "127.0.0.2", 3)
	b := fanSite(t, "127.0.0.3", 3)
	st := openStore(t)
	ctx := context.Background()
	crawl := func(seed string) crawler.Stats {
		t.Helper()
		cfg := testConfig(seed)
		cfg.IgnoreRobots = true
		stats, err := crawler.Crawl(ctx, cfg, st)
		if err != nil {
			t.Fatal(err)
		}
		return stats
	}
	crawl(a.URL + "/")
	if n := len(a.allRequests()); n != 4 {
		t.Fatalf("first crawl of A: %d requests, want 4", n)
	}
	if stats := crawl(b.URL + "/"); stats.Pages != 4 || stats.Requeued != 0 {
		t.Errorf("crawl of B: %+v, want its 4 pages and no recrawl", stats)
	}
	if n := len(a.allRequests()); n != 4 {
		t.Errorf("crawling B fetched A again: A served %d requests, want 4", n)
	}
	if stats := crawl(a.URL + "/"); stats.Pages != 4 || stats.Requeued != 4 {
		t.Errorf("recrawl of A: %+v, want its 4 pages requeued and fetched", stats)
	}
	if n := len(b.allRequests()); n != 4 {
		t.Errorf("recrawling A fetched B again: B served %d requests, want 4", n)
	}
}

// TestSitesKeepTheirOwnLimits: each site of a crawl obeys its own page
// budget, depth, patterns, delay and parallelism.
func TestSitesKeepTheirOwnLimits(t *testing.T) {
	deep := map[string]http.HandlerFunc{
		"/":   html(`<a href="/a">a</a> <a href="/skip/x">x</a>`),
		"/a":  html(`<a href="/aa">aa</a>`),
		"/aa": html(`<a href="/aaa">aaa</a>`),
	}
	deep["/aaa"] = html("end")
	deep["/skip/x"] = html("skipped")
	a := fanSite(t, "127.0.0.2", 10)
	b := newSiteAt(t, "127.0.0.3", deep)
	cfg := crawler.Config{
		UserAgent: "govcorpus-test", Retries: 1, RetryBase: 10 * time.Millisecond, Timeout: 5 * time.Second,
		IgnoreRobots: true,
		Sites: []crawler.Site{
			{Seeds: []string{a.URL + "/"}, MaxDepth: -1, MaxPages: 4, Parallel: 2},
			{Seeds: []string{b.URL + "/"}, MaxDepth: 2, Exclude: []*regexp.Regexp{regexp.MustCompile(`/skip/`)},
				Delay: 20 * time.Millisecond, Parallel: 1},
		},
	}
	st := openStore(t)
	stats, err := crawler.Crawl(context.Background(), cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(a.allRequests()); n != 4 {
		t.Errorf("site A (max-pages 4) served %d requests", n)
	}
	var got []string
	for _, p := range keys(pagesByPath(t, st, b.URL)) {
		if strings.HasPrefix(p, "/") { // A's pages keep their full URL
			got = append(got, p)
		}
	}
	slices.Sort(got)
	if want := []string{"/", "/a", "/aa"}; !slices.Equal(got, want) {
		t.Errorf("site B (max-depth 2, exclude /skip/) fetched %v, want %v", got, want)
	}
	if stats.Pages != 7 {
		t.Errorf("fetched %d pages, want 7", stats.Pages)
	}
	reqs := b.allRequests()
	for i := 1; i < len(reqs); i++ {
		if gap := reqs[i].Sub(reqs[i-1]); gap < 20*time.Millisecond {
			t.Errorf("site B's requests %d and %d came %v apart, under its 20ms delay", i-1, i, gap)
		}
	}
}

// TestHostInTwoSitesIsRefused: one host with two sets of rules is a
// configuration error, found before anything is fetched.
func TestHostInTwoSitesIsRefused(t *testing.T) {
	cfg := crawler.Config{Sites: []crawler.Site{
		{Seeds: []string{"http://127.0.0.2:1/"}},
		{Seeds: []string{"http://127.0.0.3:1/"}, AllowHosts: []string{"127.0.0.2:1"}},
	}}
	_, err := crawler.Crawl(context.Background(), cfg, openStore(t))
	if err == nil || !strings.Contains(err.Error(), "in two sites") {
		t.Fatalf("Crawl = %v, want a host-in-two-sites error", err)
	}
}

// TestMonitorWatchesTheCrawl: a Monitor's snapshots, read while the crawl
// runs, count what it has done.
func TestMonitorWatchesTheCrawl(t *testing.T) {
	s := fanSite(t, "127.0.0.2", 6)
	var (
		mon  crawler.Monitor
		mu   sync.Mutex
		seen []crawler.Snapshot
	)
	cfg := testConfig(s.URL + "/")
	cfg.IgnoreRobots = true
	cfg.Parallel = 1
	cfg.MaxPages = 5
	cfg.Monitor = &mon
	// Read a snapshot from the server, between requests: the crawl is
	// running then, whatever the scheduling.
	s.Config.Handler = wrapHandler(s.Config.Handler, func() {
		snap, err := mon.Snapshot(context.Background())
		if err != nil {
			t.Error(err)
		}
		mu.Lock()
		seen = append(seen, snap)
		mu.Unlock()
	})
	stats, err := crawler.Crawl(context.Background(), cfg, openStore(t))
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 5 {
		t.Fatalf("%d snapshots, want 5", len(seen))
	}
	// Pages are done once committed, which the store may delay to commit
	// several together: by the nth request, at most n-1 are done.
	for i, snap := range seen {
		if snap.Pages > i || (i > 0 && snap.Pages < seen[i-1].Pages) {
			t.Errorf("snapshot at request %d counts %d pages done, after %d: want at most %d, never fewer", i+1, snap.Pages, seen[max(0, i-1)].Pages, i)
		}
	}
	last := seen[len(seen)-1]
	if last.HostsActive != 1 || last.Budget != 5 || last.Queued < 1 {
		t.Errorf("snapshot at the 5th request = %+v, want 1 host, budget 5, URLs queued", last)
	}
	if stats.Pages != 5 {
		t.Errorf("crawl done with %d pages, want 5", stats.Pages)
	}
	if snap, _ := mon.Snapshot(context.Background()); snap != (crawler.Snapshot{}) {
		t.Errorf("snapshot after the crawl = %+v, want zero", snap)
	}
}

func wrapHandler(h http.Handler, before func()) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		before()
		h.ServeHTTP(w, r)
	})
}

// emptyLeaseRace is a store whose empty leases come back only after a page
// leased earlier has been stored: the moment a lease that found nothing
// races a visit that queued more.
type emptyLeaseRace struct {
	*store.Store
	mu          sync.Mutex
	outstanding int           // leased, not yet completed
	completed   chan struct{} // closed and replaced at each Complete
}

func (s *emptyLeaseRace) LeaseHost(ctx context.Context, host string, n int) ([]store.Link, error) {
	links, err := s.Store.LeaseHost(ctx, host, n)
	s.mu.Lock()
	s.outstanding += len(links)
	wait := len(links) == 0 && s.outstanding > 0
	done := s.completed
	s.mu.Unlock()
	if wait {
		<-done
		// Let the visiting worker reach its next lease first; this only
		// makes the race likely, nothing is timed.
		time.Sleep(20 * time.Millisecond)
	}
	return links, err
}

func (s *emptyLeaseRace) Complete(ctx context.Context, r store.Result) (bool, error) {
	ok, err := s.Store.Complete(ctx, r)
	s.mu.Lock()
	s.outstanding--
	close(s.completed)
	s.completed = make(chan struct{})
	s.mu.Unlock()
	return ok, err
}

// TestWorkersOutliveAnEmptyLease: a host's worker whose lease found nothing
// while its partner's page was being stored must lease again, not stop;
// else the host goes on at half its --parallel. The pages after the first
// two each wait for a second request to arrive at the same time, which
// only a second worker can send.
func TestWorkersOutliveAnEmptyLease(t *testing.T) {
	const pages = 8
	var links strings.Builder
	for i := range pages {
		fmt.Fprintf(&links, `<a href="/p%d">%d</a> `, i, i)
	}
	pair := make(chan struct{})
	var paired atomic.Int32
	together := func(w http.ResponseWriter, r *http.Request) {
		select {
		case pair <- struct{}{}:
			paired.Add(1)
		case <-pair:
			paired.Add(1)
		case <-time.After(2 * time.Second): // alone: no partner is coming
		}
		html(`<a href="/">home</a>`)(w, r)
	}
	routes := map[string]http.HandlerFunc{"/": html(`<a href="/a">a</a>`), "/a": html(links.String())}
	for i := range pages {
		routes[fmt.Sprintf("/p%d", i)] = together
	}
	s := newSite(t, routes)
	st := &emptyLeaseRace{Store: openStore(t), completed: make(chan struct{})}
	cfg := testConfig(s.URL + "/")
	cfg.Parallel = 2
	if _, err := crawler.Crawl(context.Background(), cfg, st); err != nil {
		t.Fatal(err)
	}
	if n := paired.Load(); n == 0 {
		t.Errorf("no two of the %d pages were fetched at the same time: a worker stopped after an empty lease", pages)
	}
}
