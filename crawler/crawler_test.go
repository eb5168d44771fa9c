package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/store"
)

// site is a loopback test site that records every request it serves.
type site struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string][]time.Time
}

func newSite(t *testing.T, routes map[string]http.HandlerFunc) *site {
	t.Helper()
	s := &site{hits: map[string][]time.Time{}}
	mux := http.NewServeMux()
	if _, ok := routes["/robots.txt"]; !ok {
		// "/" would catch it otherwise: a site without robots.txt.
		mux.Handle("/robots.txt", http.NotFoundHandler())
	}
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.RequestURI()] = append(s.hits[r.URL.RequestURI()], time.Now())
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) requests(path string) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.hits[path]...)
}

func html(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><html lang=vi><head><title>t</title></head><body>"+body+"</body></html>")
	}
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func testConfig(seeds ...string) crawler.Config {
	return crawler.Config{
		Seeds: seeds, MaxDepth: -1, UserAgent: "govcorpus-test", Parallel: 2,
		Retries: 3, RetryBase: 10 * time.Millisecond, Timeout: 5 * time.Second, MaxBody: 1 << 20,
	}
}

func pagesByPath(t *testing.T, st *store.Store, base string) map[string]store.Page {
	t.Helper()
	ps, err := st.Pages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Page{}
	for _, p := range ps {
		out[strings.TrimPrefix(p.URL, base)] = p
	}
	return out
}

func TestRobots(t *testing.T) {
	routes := map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		},
		"/":                    html(`<a href="/open.html">open</a> <a href="/private/secret.html">secret</a>`),
		"/open.html":           html(`<p>open</p>`),
		"/private/secret.html": html(`<p>secret</p>`),
	}
	for _, tc := range []struct {
		name   string
		ignore bool
		want   int // requests for the disallowed page
	}{
		{"obeyed", false, 0},
		{"ignored", true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, routes)
			st := openStore(t)
			cfg := testConfig(s.URL + "/")
			cfg.IgnoreRobots = tc.ignore
			stats, err := crawler.Crawl(context.Background(), cfg, st)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(s.requests("/private/secret.html")); got != tc.want {
				t.Errorf("disallowed page requested %d times, want %d", got, tc.want)
			}
			if got := len(s.requests("/open.html")); got != 1 {
				t.Errorf("allowed page requested %d times, want 1", got)
			}
			pages := pagesByPath(t, st, s.URL)
			p, ok := pages["/private/secret.html"]
			if !ok {
				t.Fatalf("disallowed page not recorded in pages: %v", pages)
			}
			if blocked := p.Error == "disallowed by robots.txt"; blocked != !tc.ignore {
				t.Errorf("pages.error = %q", p.Error)
			}
			if stats.Errors != 0 {
				t.Errorf("Errors = %d, want 0 (robots is policy, not failure)", stats.Errors)
			}
		})
	}
}

func TestRetries(t *testing.T) {
	t.Run("503 then 200", func(t *testing.T) {
		var mu sync.Mutex
		n := 0
		s := newSite(t, map[string]http.HandlerFunc{
			"/": func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				n++
				first := n == 1
				mu.Unlock()
				if first {
					http.Error(w, "busy", http.StatusServiceUnavailable)
					return
				}
				html(`<p>fine</p>`)(w, r)
			},
		})
		st := openStore(t)
		stats, err := crawler.Crawl(context.Background(), testConfig(s.URL+"/"), st)
		if err != nil {
			t.Fatal(err)
		}
		p := pagesByPath(t, st, s.URL)["/"]
		if p.Status != 200 || p.Error != "" || stats.Errors != 0 {
			t.Errorf("page = status %d error %q, stats %+v; want 200 and no error", p.Status, p.Error, stats)
		}
		if got := len(s.requests("/")); got != 2 {
			t.Errorf("requests = %d, want 2", got)
		}
	})
	t.Run("429 honours Retry-After", func(t *testing.T) {
		var mu sync.Mutex
		n := 0
		s := newSite(t, map[string]http.HandlerFunc{
			"/": func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				n++
				first := n == 1
				mu.Unlock()
				if first {
					w.Header().Set("Retry-After", "2")
					http.Error(w, "slow down", http.StatusTooManyRequests)
					return
				}
				html(`<p>fine</p>`)(w, r)
			},
		})
		st := openStore(t)
		if _, err := crawler.Crawl(context.Background(), testConfig(s.URL+"/"), st); err != nil {
			t.Fatal(err)
		}
		reqs := s.requests("/")
		if len(reqs) != 2 {
			t.Fatalf("requests = %d, want 2", len(reqs))
		}
		if gap := reqs[1].Sub(reqs[0]); gap < 2*time.Second {
			t.Errorf("retried after %s, want at least the 2s of Retry-After", gap)
		}
	})
	t.Run("gives up after --retries", func(t *testing.T) {
		s := newSite(t, map[string]http.HandlerFunc{
			"/": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusBadGateway) },
		})
		st := openStore(t)
		cfg := testConfig(s.URL + "/")
		cfg.Retries = 2
		stats, err := crawler.Crawl(context.Background(), cfg, st)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(s.requests("/")); got != 3 {
			t.Errorf("requests = %d, want 1 + 2 retries", got)
		}
		p := pagesByPath(t, st, s.URL)["/"]
		if p.Status != http.StatusBadGateway || !strings.Contains(p.Error, "502") || stats.Errors != 1 {
			t.Errorf("page = %+v, stats %+v; want a recorded 502 failure", p, stats)
		}
	})
}

func TestMaxBodyIsAnErrorNotATruncation(t *testing.T) {
	big := strings.Repeat("<p>xin chào</p>", 10000)
	s := newSite(t, map[string]http.HandlerFunc{
		"/":           html(`<a href="/big.html">big</a> <a href="/small.html">small</a>`),
		"/big.html":   html(big),
		"/small.html": html(`<p>small</p>`),
	})
	st := openStore(t)
	cfg := testConfig(s.URL + "/")
	cfg.MaxBody = 50 << 10
	stats, err := crawler.Crawl(context.Background(), cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	pages := pagesByPath(t, st, s.URL)
	if p := pages["/big.html"]; !strings.Contains(p.Error, "max-body") || p.Size != 0 {
		t.Errorf("big page = %+v, want a max-body error and nothing stored", p)
	}
	if p := pages["/small.html"]; p.Error != "" || p.Status != 200 {
		t.Errorf("small page = %+v: the crawl must go on past a failed page", p)
	}
	if got := len(s.requests("/big.html")); got != 1 {
		t.Errorf("an oversized body is not transient, yet it was requested %d times", got)
	}
	if stats.Errors != 1 {
		t.Errorf("Errors = %d, want 1", stats.Errors)
	}
}

func TestScope(t *testing.T) {
	other := newSite(t, map[string]http.HandlerFunc{"/": html(`<p>elsewhere</p>`)})
	s := newSite(t, map[string]http.HandlerFunc{
		"/": html(fmt.Sprintf(`<a href="/a/1.html">1</a> <a href="/skip/2.html">2</a> <a href="%s/">other host</a>
			<a href="mailto:x@example.org">mail</a> <a href="/a/1.html#frag">same page</a>`, other.URL)),
		"/a/1.html":    html(`<a href="/a/deep.html">deeper</a>`),
		"/a/deep.html": html(`<p>deep</p>`),
		"/skip/2.html": html(`<p>skip</p>`),
	})
	tests := []struct {
		name     string
		cfg      func(*crawler.Config)
		fetched  []string
		untouchd []string
		otherHit int
	}{
		{"default", func(*crawler.Config) {}, []string{"/", "/a/1.html", "/a/deep.html", "/skip/2.html"}, nil, 0},
		{"max depth 1", func(c *crawler.Config) { c.MaxDepth = 1 }, []string{"/", "/a/1.html", "/skip/2.html"}, []string{"/a/deep.html"}, 0},
		{"exclude", func(c *crawler.Config) { c.Exclude = []*regexp.Regexp{regexp.MustCompile(`/skip/`)} }, []string{"/a/deep.html"}, []string{"/skip/2.html"}, 0},
		{"include", func(c *crawler.Config) { c.Include = []*regexp.Regexp{regexp.MustCompile(`/a/`)} }, []string{"/a/1.html", "/a/deep.html"}, []string{"/skip/2.html"}, 0},
		{"allow host", func(c *crawler.Config) { c.AllowHosts = []string{strings.TrimPrefix(other.URL, "http://")} }, []string{"/"}, nil, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t)
			cfg := testConfig(s.URL + "/")
			cfg.IgnoreRobots = true
			tc.cfg(&cfg)
			if _, err := crawler.Crawl(context.Background(), cfg, st); err != nil {
				t.Fatal(err)
			}
			pages := pagesByPath(t, st, s.URL)
			for _, p := range tc.fetched {
				if _, ok := pages[p]; !ok {
					t.Errorf("%s not fetched; pages: %v", p, keys(pages))
				}
			}
			for _, p := range tc.untouchd {
				if _, ok := pages[p]; ok {
					t.Errorf("%s fetched, but it is out of scope", p)
				}
			}
			if _, ok := pages[other.URL+"/"]; ok != (tc.otherHit > 0) {
				t.Errorf("other host fetched = %v, want %v", ok, tc.otherHit > 0)
			}
		})
	}
	if n := len(s.requests("/a/1.html")); n != len(tests) {
		t.Errorf("/a/1.html fetched %d times over %d crawls: a fragment made a second URL", n, len(tests))
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestPolitenessDelay(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/":  html(`<a href="/1">1</a> <a href="/2">2</a> <a href="/3">3</a>`),
		"/1": html(`<p>1</p>`),
		"/2": html(`<p>2</p>`),
		"/3": html(`<p>3</p>`),
	})
	st := openStore(t)
	cfg := testConfig(s.URL + "/")
	cfg.IgnoreRobots = true
	cfg.Parallel = 1
	cfg.Delay = 150 * time.Millisecond
	if _, err := crawler.Crawl(context.Background(), cfg, st); err != nil {
		t.Fatal(err)
	}
	var times []time.Time
	for _, p := range []string{"/", "/1", "/2", "/3"} {
		times = append(times, s.requests(p)...)
	}
	if len(times) != 4 {
		t.Fatalf("requests = %d, want 4", len(times))
	}
	slices.SortFunc(times, time.Time.Compare)
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 140*time.Millisecond {
			t.Errorf("requests %d and %d only %s apart with --parallel 1 --delay 150ms", i-1, i, gap)
		}
	}
}

func TestUnreachableSeedIsRecorded(t *testing.T) {
	s := httptest.NewServer(http.NotFoundHandler())
	u := s.URL + "/"
	s.Close() // nothing listens there any more
	st := openStore(t)
	cfg := testConfig(u)
	cfg.Retries = 1
	stats, err := crawler.Crawl(context.Background(), cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	p := pagesByPath(t, st, "")[u]
	if stats.Errors != 1 || !strings.Contains(p.Error, "connection refused") || !strings.Contains(p.Error, u) {
		t.Errorf("stats %+v, page error %q; want one failure naming the URL and the reason", stats, p.Error)
	}
}

func TestRobotsCrawlDelay(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n")
		},
		"/":  html(`<a href="/1">1</a> <a href="/2">2</a>`),
		"/1": html(`<p>1</p>`),
		"/2": html(`<p>2</p>`),
	})
	st := openStore(t)
	cfg := testConfig(s.URL + "/")
	cfg.Parallel = 1
	cfg.Delay = 0
	if _, err := crawler.Crawl(context.Background(), cfg, st); err != nil {
		t.Fatal(err)
	}
	var times []time.Time
	for _, p := range []string{"/", "/1", "/2"} {
		times = append(times, s.requests(p)...)
	}
	slices.SortFunc(times, time.Time.Compare)
	if len(times) != 3 {
		t.Fatalf("requests = %d, want 3", len(times))
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 950*time.Millisecond {
			t.Errorf("pages %d and %d %s apart; robots.txt asks for Crawl-delay: 1", i-1, i, gap)
		}
	}
	if n := len(s.requests("/robots.txt")); n != 1 {
		t.Errorf("robots.txt fetched %d times in one crawl, want 1", n)
	}
}

func TestSitemapsFromRobots(t *testing.T) {
	var s *site
	s = newSite(t, map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\nSitemap: %s/sitemap-index.xml\n", s.URL)
		},
		"/sitemap-index.xml": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>%s/sitemap-news.xml</loc></sitemap></sitemapindex>`, s.URL)
		},
		"/sitemap-news.xml": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>%s/orphan.html</loc></url><url><loc>https://elsewhere.example/x.html</loc></url></urlset>`, s.URL)
		},
		"/":            html(`<p>Trang chủ: menus built in JavaScript, no links.</p>`),
		"/orphan.html": html(`<p>linked from nowhere</p>`),
	})
	st := openStore(t)
	if _, err := crawler.Crawl(context.Background(), testConfig(s.URL+"/"), st); err != nil {
		t.Fatal(err)
	}
	pages := pagesByPath(t, st, s.URL)
	if p, ok := pages["/orphan.html"]; !ok || p.Status != 200 || p.Depth != 1 {
		t.Errorf("the page only the sitemap lists: %+v (found %v); want fetched at depth 1", p, ok)
	}
	if len(pages) != 2 {
		t.Errorf("pages %v; want the seed and the sitemap's in-scope page only", keys(pages))
	}
}
