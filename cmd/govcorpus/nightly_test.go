package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/store"
)

// serveAt serves h on another loopback address (127.0.0.x): several sites
// are several hosts. It counts the requests per path.
type hostServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func serveAt(t *testing.T, ip string, h http.Handler) *hostServer {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s (this system routes only 127.0.0.1): %v", ip, err)
	}
	s := &hostServer{hits: map[string]int{}}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	s.Server.Listener.Close()
	s.Server.Listener = ln
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// pages counts the requests served, robots.txt left out.
func (s *hostServer) pages() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p, c := range s.hits {
		if p != "/robots.txt" {
			n += c
		}
	}
	return n
}

// fan is a home page linking to n pages; paths in dead answer 404.
func fan(n int, dead ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, d := range dead {
			if r.URL.Path == d {
				http.NotFound(w, r)
				return
			}
		}
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><html><head><title>t</title></head><body>")
		if r.URL.Path == "/" {
			for i := range n {
				fmt.Fprintf(w, `<a href="/p%d">%d</a> `, i, i)
			}
			for _, d := range dead {
				fmt.Fprintf(w, `<a href="%s">dead</a> `, d)
			}
		}
		fmt.Fprint(w, "</body></html>")
	})
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func pagesOf(t *testing.T, db, base string) int {
	t.Helper()
	st, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ps, err := st.Pages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range ps {
		if strings.HasPrefix(p.URL, base+"/") {
			n++
		}
	}
	return n
}

// TestSeedsAndConfigFiles: seeds from a seeds file and sites from a
// config, each site within its own limits; a flag overrides the config's
// global setting.
func TestSeedsAndConfigFiles(t *testing.T) {
	a := serveAt(t, "127.0.0.2", fan(8))
	b := serveAt(t, "127.0.0.3", fan(8))
	c := serveAt(t, "127.0.0.4", fan(8))
	dir := t.TempDir()
	seeds := writeFile(t, dir, "seeds.txt", "# department sites\n\n"+a.URL+"/  # the first\n")
	config := writeFile(t, dir, "crawl.yaml", fmt.Sprintf(`# nightly
delay: 0s
max-depth: 0       # overridden by --max-depth on the command line
retries: 0
sites:
  - name: b
    seeds: [%s/]
    max-pages: 3
    parallel: 1
  - seeds:
      - %s/
    exclude: ['/p[0-4]$']
`, b.URL, c.URL))
	db := filepath.Join(dir, "c.db")
	code, stdout, stderr := runCmd(context.Background(), "crawl", "--db", db, "--seeds", seeds, "--config", config,
		"--max-depth", "-1", "--ignore-robots", "--per-host")
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	for _, tc := range []struct {
		name string
		s    *hostServer
		want int
	}{
		{"seeds file's site, with the global settings", a, 9},
		{"site with max-pages 3", b, 3},
		{"site excluding /p0-/p4", c, 4},
	} {
		if got := tc.s.pages(); got != tc.want {
			t.Errorf("%s: %d requests, want %d", tc.name, got, tc.want)
		}
		if got := pagesOf(t, db, tc.s.URL); got != tc.want {
			t.Errorf("%s: %d pages stored, want %d", tc.name, got, tc.want)
		}
	}
	for _, s := range []*hostServer{a, b, c} {
		if !strings.Contains(stdout, strings.TrimPrefix(s.URL, "http://")+": ") {
			t.Errorf("--per-host summary does not list %s:\n%s", s.URL, stdout)
		}
	}
	if !strings.Contains(stdout, "govcorpus: corpus: ") {
		t.Errorf("summary has no corpus totals:\n%s", stdout)
	}
}

// TestBadSiteFiles: a bad seeds or config file is one line naming the
// file and line, exit 1, and nothing is crawled or created.
func TestBadSiteFiles(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, file, text, want string
	}{
		{"unknown global key", "a.yaml", "delay: 1s\nparalel: 2\n", "a.yaml:2: "},
		{"unknown site key", "b.yaml", "sites:\n  - seeds: [http://127.0.0.1:1/]\n    max_pages: 3\n", "b.yaml:3: "},
		{"malformed YAML", "c.yaml", "sites:\n  - seeds: [http://127.0.0.1:1/\n", "c.yaml:"},
		{"bad value", "d.yaml", "sites:\n  - seeds: [http://127.0.0.1:1/]\n    delay: soon\n", "d.yaml:3: delay"},
		{"bad global value", "e.yaml", "max-hosts: many\n", "e.yaml:1: max-hosts"},
		{"bad URL in a site", "f.yaml", "sites:\n  - seeds:\n      - http://127.0.0.1:1/\n      - ftp://x/\n", "f.yaml:4: "},
		{"key without a value", "h.yaml", "sites:\n  - seeds: [http://127.0.0.1:1/]\n    delay:\n", "h.yaml:3: delay: no value"},
		{"site without seeds", "g.yaml", "sites:\n  - name: x\n    delay: 1s\n", "g.yaml:2: "},
		{"bad URL in a seeds file", "s.txt", "# sites\nhttp://127.0.0.1:1/\nhttp//typo\n", "s.txt:3: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, dir, tc.file, tc.text)
			flag := "--config"
			if strings.HasSuffix(tc.file, ".txt") {
				flag = "--seeds"
			}
			db := filepath.Join(dir, tc.name+".db")
			code, _, stderr := runCmd(context.Background(), "crawl", "--db", db, flag, path)
			if code != exitCannotRun {
				t.Errorf("exit %d, want %d", code, exitCannotRun)
			}
			if !strings.Contains(stderr, path[:len(path)-len(tc.file)]+tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("stderr %q, want one line containing %q", stderr, tc.want)
			}
			if _, err := os.Stat(db); !os.IsNotExist(err) {
				t.Errorf("a refused file left a database behind (%v)", err)
			}
		})
	}
}

// TestLockThroughSymlink: a crawl into a database through a symlink
// finds the lock of the crawl into its real file: exit 75, naming the
// holder.
func TestLockThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.db")
	if err := os.WriteFile(real, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ held, crawled string }{
		{real, link},
		{link, "./" + filepath.Base(real)},
	} {
		lock, err := lockDB(tc.held)
		if err != nil {
			t.Fatal(err)
		}
		crawled := tc.crawled
		if strings.HasPrefix(crawled, "./") {
			wd, _ := os.Getwd()
			rel, err := filepath.Rel(wd, filepath.Join(dir, crawled))
			if err != nil {
				t.Fatal(err)
			}
			crawled = rel
		}
		code, _, stderr := runCmd(context.Background(), "crawl", "--db", crawled, "http://127.0.0.1:1/")
		lock.release()
		if code != exitLocked || !strings.Contains(stderr, fmt.Sprintf("pid %d, started ", os.Getpid())) {
			t.Errorf("lock held on %s, crawl into %s: exit %d, stderr %q; want %d naming this process",
				tc.held, crawled, code, stderr, exitLocked)
		}
	}
}

// fakeClock ticks when the test says so.
type fakeClock struct {
	mu       sync.Mutex
	now      time.Time
	interval time.Duration
	ticks    chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 2, 3, 0, 0, 0, time.UTC), ticks: make(chan time.Time)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Ticker(d time.Duration) (<-chan time.Time, func()) {
	c.mu.Lock()
	c.interval = d
	c.mu.Unlock()
	return c.ticks, func() {}
}

// tick moves the clock one interval on and delivers the tick.
func (c *fakeClock) tick() {
	c.mu.Lock()
	c.now = c.now.Add(c.interval)
	now := c.now
	c.mu.Unlock()
	c.ticks <- now
}

// syncBuffer is a bytes.Buffer written by several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
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

// TestProgressLinesAtTheInterval: off a terminal, one timestamped
// progress line per --progress-interval, from an injected clock: the
// server ticks it once per page it serves.
func TestProgressLinesAtTheInterval(t *testing.T) {
	clock := newFakeClock()
	const pages = 5
	srv := serveAt(t, "127.0.0.2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		clock.tick()
		fan(pages-1).ServeHTTP(w, r)
	}))
	var stdout, stderr syncBuffer
	db := filepath.Join(t.TempDir(), "c.db")
	code := run(context.Background(), []string{"crawl", "--db", db, "--delay", "0", "--parallel", "1", "--ignore-robots",
		"--progress-interval", "30s", srv.URL + "/"}, env{stdout: &stdout, stderr: &stderr, clock: clock})
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
	}
	if clock.interval != 30*time.Second {
		t.Errorf("progress ticker every %v, want --progress-interval's 30s", clock.interval)
	}
	var lines []string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "msg=progress") {
			lines = append(lines, l)
		}
	}
	if len(lines) != pages {
		t.Fatalf("%d progress lines, want %d (one per tick):\n%s", len(lines), pages, stderr.String())
	}
	for i, l := range lines {
		elapsed := fmt.Sprintf("elapsed=%v", time.Duration(i+1)*30*time.Second)
		if !strings.HasPrefix(l, "time=") || !strings.Contains(l, elapsed) || !strings.Contains(l, "queued=") ||
			!strings.Contains(l, "hosts=1") || !strings.Contains(l, "rate=") {
			t.Errorf("progress line %d = %q, want a timestamp, %s, queued, hosts=1 and a rate", i, l, elapsed)
		}
	}
}

// TestQuietReportsNewFailuresOnly: under --quiet a run prints its summary
// and the failures that are new since the last run, with a count of the
// known ones.
func TestQuietReportsNewFailuresOnly(t *testing.T) {
	dead := []string{"/gone-1"}
	var mu sync.Mutex
	srv := serveAt(t, "127.0.0.2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		h := fan(2, dead...)
		mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	db := filepath.Join(t.TempDir(), "c.db")
	args := []string{"crawl", "--db", db, "--delay", "0", "--retries", "0", "--quiet", srv.URL + "/"}
	code, stdout, stderr := runCmd(context.Background(), args...)
	if code != exitPagesFailed || stderr != "" {
		t.Fatalf("first run: exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "failed: "+srv.URL+"/gone-1: HTTP 404") {
		t.Errorf("first run does not list its new failure:\n%s", stdout)
	}
	mu.Lock()
	dead = []string{"/gone-1", "/gone-2"}
	mu.Unlock()
	_, stdout, _ = runCmd(context.Background(), args...)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "govcorpus: ") ||
		lines[1] != "failed: "+srv.URL+"/gone-2: HTTP 404 Not Found" ||
		lines[2] != "1 page already failing at the last run, not listed" {
		t.Errorf("second run printed\n%s\nwant the summary, gone-2 only, and one known failure counted", stdout)
	}
}

// TestResumedRunSaysSo: a run that stopped at its page budget is resumed
// by the next, which says which run it resumes and how much is queued;
// with --log-format json every log line is a JSON object with a time.
func TestResumedRunSaysSo(t *testing.T) {
	srv := serveAt(t, "127.0.0.2", fan(5))
	db := filepath.Join(t.TempDir(), "c.db")
	args := []string{"crawl", "--db", db, "--delay", "0", "--parallel", "1", "--ignore-robots", srv.URL + "/"}
	if code, _, stderr := runCmd(context.Background(), append(args, "--max-pages", "2")...); code != exitOK {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	code, _, stderr := runCmd(context.Background(), append(args, "--log-format", "json")...)
	if code != exitOK {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}
	var found bool
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Errorf("log line is not JSON: %q", l)
			continue
		}
		if _, ok := rec["time"]; !ok {
			t.Errorf("log line has no time: %q", l)
		}
		if rec["msg"] == "resuming run 1 (4 queued)" {
			found = true
		}
	}
	if !found {
		t.Errorf("second run does not say it resumes run 1 with 4 queued:\n%s", stderr)
	}
	if n := srv.pages(); n != 6 {
		t.Errorf("served %d pages over both runs, want 6 (none twice)", n)
	}
}

// TestStatusLineOnATerminal: on a terminal the progress is one status
// line, redrawn every barRefresh whatever --progress-interval, and a log
// line clears it before it is written.
func TestStatusLineOnATerminal(t *testing.T) {
	clock := newFakeClock()
	var out syncBuffer
	var mon crawler.Monitor
	bw := &barWriter{w: &out}
	log := newLogger(bw, slog.LevelInfo, "text")
	p := startProgress(context.Background(), &mon, clock, log, bw, &out, time.Minute)
	clock.tick()
	clock.tick()
	log.Info("a log line")
	p.finish()
	if clock.interval != barRefresh {
		t.Errorf("status line redrawn every %v, want %v", clock.interval, barRefresh)
	}
	got := out.String()
	for _, want := range []string{"0 done, 0 queued, 0.0 pages/s, 0 hosts, 0 errors, 2s", "\r", "msg=\"a log line\""} {
		if !strings.Contains(got, want) {
			t.Errorf("terminal output %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "msg=progress") {
		t.Errorf("a terminal got progress log lines too: %q", got)
	}
}
