package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/govcorpus/govcorpus/store"
)

// TestMain lets a test run the real binary's main in a subprocess (the
// SIGKILL test) by re-executing the test binary.
func TestMain(m *testing.M) {
	if args := os.Getenv("GOVCORPUS_TEST_MAIN"); args != "" {
		var a []string
		if err := json.Unmarshal([]byte(args), &a); err != nil {
			panic(err)
		}
		os.Args = append([]string{"govcorpus"}, a...)
		main()
		return
	}
	os.Exit(m.Run())
}

// runCmd runs a govcorpus command in-process and returns its exit code and
// output.
func runCmd(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(ctx, args, env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb})
	return code, out.String(), errb.String()
}

// countingServer serves h on loopback and counts the responses it served
// in full, per path. When gate is set, requests after the first `after`
// completed page responses wait until released (or the client goes away),
// so a test can stop a crawl with a known set of pages served.
type countingServer struct {
	*httptest.Server
	mu      sync.Mutex
	served  map[string]int
	pages   int // page responses served in full
	started int // page requests let through the gate
	waiting int // requests held at the gate
	after   int // 0: no gate
	release chan struct{}
}

func newCountingServer(t *testing.T, h http.Handler, after int) *countingServer {
	t.Helper()
	s := &countingServer{served: map[string]int{}, after: after, release: make(chan struct{})}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		robots := r.URL.Path == "/robots.txt"
		if !robots && s.after > 0 {
			// Reserve a slot when the request arrives, so exactly `after`
			// pages get through however many arrive at once.
			s.mu.Lock()
			gated := s.started >= s.after
			if !gated {
				s.started++
			}
			s.mu.Unlock()
			if gated {
				s.mu.Lock()
				s.waiting++
				s.mu.Unlock()
				select {
				case <-s.release:
				case <-r.Context().Done():
				}
				s.mu.Lock()
				s.waiting--
				s.mu.Unlock()
				if r.Context().Err() != nil {
					return // never served: the client gave up
				}
			}
		}
		h.ServeHTTP(w, r)
		s.mu.Lock()
		s.served[r.URL.RequestURI()]++
		if !robots {
			s.pages++
		}
		s.mu.Unlock()
	}))
	t.Cleanup(func() {
		s.open()
		s.Close()
	})
	return s
}

func (s *countingServer) open() {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.release:
	default:
		close(s.release)
	}
}

// drained waits until no request is held at the gate: after a client is
// stopped, its held requests must end unserved before the gate opens.
func (s *countingServer) drained(t *testing.T) {
	waitFor(t, "held requests to end", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.waiting == 0
	})
}

func (s *countingServer) pagesServed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pages
}

func (s *countingServer) counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for k, v := range s.served {
		out[k] = v
	}
	return out
}

// donePages counts pages recorded with a response (robots.txt refusals
// have none), read through a separate read-only connection while a crawl
// writes.
func donePages(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM pages WHERE status > 0").Scan(&n); err != nil {
		return 0 // not created yet
	}
	return n
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// articleSet reads a database's articles keyed by URL path, so crawls of
// the same site on different ports compare.
func articleSet(t *testing.T, path, base string) map[string]store.Article {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	arts, err := st.Articles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Article{}
	for _, a := range arts {
		out[strings.TrimPrefix(a.URL, base)] = a
	}
	return out
}

func sameArticles(t *testing.T, got, want map[string]store.Article) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d articles, want %d", len(got), len(want))
	}
	for p, w := range want {
		g, ok := got[p]
		if !ok {
			t.Errorf("article %s missing", p)
			continue
		}
		if g.Title != w.Title || g.Published != w.Published || g.Text != w.Text {
			t.Errorf("article %s differs from the uninterrupted crawl:\n got %q %q\nwant %q %q", p, g.Title, g.Published, w.Title, w.Published)
		}
	}
}

func assertNoPageTwice(t *testing.T, counts ...map[string]int) {
	t.Helper()
	total := map[string]int{}
	for _, c := range counts {
		for p, n := range c {
			total[p] += n
		}
	}
	for p, n := range total {
		if p != "/robots.txt" && n > 1 {
			t.Errorf("%s fetched %d times across the runs", p, n)
		}
	}
}

func tempDB(t *testing.T) string { return filepath.Join(t.TempDir(), "corpus.db") }

func shared(t *testing.T, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{"..", "..", "..", "shared"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("../shared not present (%v)", err)
	}
	return p
}
