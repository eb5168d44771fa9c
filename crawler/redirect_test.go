package crawler_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/govcorpus/govcorpus/crawler"
)

// syncBuffer is a log sink the crawl's workers may write to at once.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func testLogger(w *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// hops redirects /hop/N to /hop/N+1 until /hop/last, which is a page.
func hops(last int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if n >= last {
			html(`<p>the end of the chain</p>`)(w, r)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
	}
}

func TestRedirectLoopsAndLongChains(t *testing.T) {
	routes := map[string]http.HandlerFunc{
		"/a": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusFound) },
		"/b": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a", http.StatusFound) },
		"/self": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/self", http.StatusMovedPermanently)
		},
		// Sets a cookie and sends the client back once: not a loop.
		"/cookie": func(w http.ResponseWriter, r *http.Request) {
			if _, err := r.Cookie("s"); err != nil {
				http.SetCookie(w, &http.Cookie{Name: "s", Value: "1", Path: "/"})
				http.Redirect(w, r, "/cookie", http.StatusFound)
				return
			}
			html(`<p>welcome back</p>`)(w, r)
		},
		"/hop/": hops(11),
		"/ten/": func(w http.ResponseWriter, r *http.Request) {
			// /ten/N → /ten/N+1 … /ten/10: exactly ten redirects.
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/ten/"))
			if n >= 10 {
				html(`<p>ten hops away</p>`)(w, r)
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/ten/%d", n+1), http.StatusFound)
		},
	}
	tests := []struct {
		name      string
		seed      string
		wantError string // "" for a page that must be stored fine
		maxReqs   int    // requests to the chain's paths, at most
	}{
		{"two-URL loop", "/a", "redirect loop", 5},
		{"self loop", "/self", "redirect loop", 3},
		{"eleven hops", "/hop/0", "too many redirects (11)", 11},
		{"ten hops are followed", "/ten/0", "", 11},
		{"cookie round trip is not a loop", "/cookie", "", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, routes)
			st := openStore(t)
			var logs syncBuffer
			cfg := testConfig(s.URL + tc.seed)
			cfg.IgnoreRobots = true
			cfg.Logger = testLogger(&logs)
			stats, err := crawler.Crawl(context.Background(), cfg, st)
			if err != nil {
				t.Fatal(err)
			}
			p := pagesByPath(t, st, s.URL)[tc.seed]
			reqs := 0
			s.mu.Lock()
			for _, v := range s.hits {
				reqs += len(v)
			}
			s.mu.Unlock()
			if reqs > tc.maxReqs {
				t.Errorf("%d requests, want at most %d", reqs, tc.maxReqs)
			}
			if tc.wantError == "" {
				if p.Error != "" || p.Status != http.StatusOK || stats.Errors != 0 {
					t.Errorf("page %+v, stats %+v; want a stored 200", p, stats)
				}
				return
			}
			if !strings.Contains(p.Error, tc.wantError) || !strings.Contains(p.Error, s.URL+tc.seed) {
				t.Errorf("pages.error = %q, want it to name the URL and %q", p.Error, tc.wantError)
			}
			if stats.Errors != 1 {
				t.Errorf("Errors = %d, want 1", stats.Errors)
			}
			if n := strings.Count(logs.String(), tc.wantError); n != 1 {
				t.Errorf("%d log lines name the failure, want 1:\n%s", n, logs.String())
			}
			t.Logf("%s: %d requests, error %q", tc.name, reqs, p.Error)
		})
	}
}
