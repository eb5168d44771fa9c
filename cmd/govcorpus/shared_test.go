package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govcorpus/govcorpus/internal/redistest"
)

// hostLog records when each request reached a host, by the server's clock:
// politeness is asserted from what the sites saw.
type hostLog struct {
	mu    sync.Mutex
	times map[string][]time.Time // host -> request arrivals
	hits  map[string]int         // URL (host + path) -> requests, robots.txt left out
}

func newHostLog() *hostLog {
	return &hostLog{times: map[string][]time.Time{}, hits: map[string]int{}}
}

func (l *hostLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.times[r.Host] = append(l.times[r.Host], time.Now())
		if r.URL.Path != "/robots.txt" {
			l.hits[r.Host+r.URL.Path]++
		}
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

// reset forgets the requests seen so far.
func (l *hostLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.times, l.hits = map[string][]time.Time{}, map[string]int{}
}

// closestGap is the shortest time between two requests to one host.
func (l *hostLog) closestGap() (time.Duration, string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	best, where := time.Duration(1<<62), ""
	for h, ts := range l.times {
		ts = append([]time.Time(nil), ts...)
		sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
		for i := 1; i < len(ts); i++ {
			if d := ts[i].Sub(ts[i-1]); d < best {
				best, where = d, h
			}
		}
	}
	return best, where
}

// sharedSite serves fan sites on several loopback hosts, each linking to
// the next host's home page too, so workers find hosts through each other.
func sharedSite(t *testing.T, log *hostLog, hosts, pages int) []string {
	t.Helper()
	var urls []string
	for i := range hosts {
		srv := serveAt(t, fmt.Sprintf("127.0.0.%d", i+2), log.wrap(fan(pages)))
		urls = append(urls, srv.URL)
	}
	return urls
}

func sharedArgs(redisURL, worker, db string, seeds []string, extra ...string) []string {
	args := []string{"crawl", "--db", db, "--frontier", redisURL, "--worker", worker,
		"--delay", sharedDelay.String(), "--parallel", "1", "--retries", "0", "--quiet", "--progress-interval", "0"}
	args = append(args, extra...)
	return append(args, seeds...)
}

// sharedDelay is the hosts' delay in these tests: long enough that
// requests of two workers would collide without the shared slots.
const sharedDelay = 40 * time.Millisecond

// Two workers on one Redis frontier split the crawl: every page fetched
// once, by one of them, into its own shard, and each host's requests a
// delay apart over both.
func TestSharedFrontierCrawl(t *testing.T) {
	srv := redistest.Start(t)
	log := newHostLog()
	const hosts, pages = 3, 6
	seeds := sharedSite(t, log, hosts, pages)
	dir := t.TempDir()
	db := filepath.Join(dir, "corpus.db")

	var wg sync.WaitGroup
	codes := make([]int, 2)
	errs := make([]string, 2)
	for i, w := range []string{"w1", "w2"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], _, errs[i] = runCmd(context.Background(), sharedArgs(srv.URL(), w, db, seeds, "--warc", filepath.Join(dir, "warc"))...)
		}()
	}
	wg.Wait()
	for i := range codes {
		if codes[i] != exitOK {
			t.Fatalf("worker %d exit %d\n%s", i+1, codes[i], errs[i])
		}
	}
	total := 0
	for _, w := range []string{"w1", "w2"} {
		shard := filepath.Join(dir, "corpus-"+w+".db")
		for _, s := range seeds {
			total += pagesOf(t, shard, s)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "warc", "govcorpus-"+w+"*"))
		if pagesOf(t, shard, "http:/") > 0 && len(files) == 0 {
			t.Errorf("worker %s fetched pages but wrote no WARC file named after it", w)
		}
	}
	if want := hosts * (pages + 1); total != want {
		t.Errorf("shards hold %d pages, want %d (every page once)", total, want)
	}
	if len(log.hits) != hosts*(pages+1) {
		t.Errorf("servers saw %d distinct pages, want %d", len(log.hits), hosts*(pages+1))
	}
	for u, n := range log.hits {
		if n > 1 {
			t.Errorf("%s fetched %d times", u, n)
		}
	}
	if gap, host := log.closestGap(); gap < sharedDelay {
		t.Errorf("two requests to %s %v apart, under the delay %v", host, gap, sharedDelay)
	}
}

// A worker that loses Redis mid-crawl stops with one clear line and a
// non-zero exit.
func TestSharedFrontierRedisGone(t *testing.T) {
	srv := redistest.Start(t)
	log := newHostLog()
	seeds := sharedSite(t, log, 1, 40)
	db := filepath.Join(t.TempDir(), "corpus.db")
	done := make(chan struct{})
	var code int
	var stderr string
	go func() {
		defer close(done)
		code, _, stderr = runCmd(context.Background(), sharedArgs(srv.URL(), "w1", db, seeds)...)
	}()
	waitFor(t, "a few pages fetched", func() bool {
		log.mu.Lock()
		defer log.mu.Unlock()
		return len(log.hits) >= 3
	})
	srv.Stop()
	<-done
	if code != exitCannotRun {
		t.Fatalf("exit %d, want %d\n%s", code, exitCannotRun, stderr)
	}
	t.Logf("stderr:\n%s", stderr)
	if !strings.Contains(stderr, "shared frontier") {
		t.Errorf("stderr does not say the shared frontier failed:\n%s", stderr)
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("stderr has a stack trace:\n%s", stderr)
	}
}

// Redis lost and brought back (its append-only file on): the worker that
// stopped runs again and finishes, with every page stored once in its
// shard; only what it held when Redis went is fetched again.
func TestSharedFrontierRedisBack(t *testing.T) {
	bin := redistest.Binary(t)
	rdir, port := t.TempDir(), redistest.FreePort(t)
	srv := redistest.StartAt(t, bin, port, rdir, true)
	log := newHostLog()
	const pages = 30
	seeds := sharedSite(t, log, 1, pages)
	db := filepath.Join(t.TempDir(), "corpus.db")
	args := sharedArgs(srv.URL(), "w1", db, seeds, "--lease", "1s")
	done := make(chan struct{})
	var code int
	var stderr string
	go func() {
		defer close(done)
		code, _, stderr = runCmd(context.Background(), args...)
	}()
	waitFor(t, "a few pages fetched", func() bool {
		log.mu.Lock()
		defer log.mu.Unlock()
		return len(log.hits) >= 5
	})
	srv.Stop()
	<-done
	if code != exitCannotRun {
		t.Fatalf("exit with Redis gone %d, want %d\n%s", code, exitCannotRun, stderr)
	}
	redistest.StartAt(t, bin, port, rdir, true)
	if code, _, stderr := runCmd(context.Background(), args...); code != exitOK {
		t.Fatalf("run after Redis came back: exit %d\n%s", code, stderr)
	}
	shard := filepath.Join(filepath.Dir(db), "corpus-w1.db")
	if got := pagesOf(t, shard, seeds[0]); got != pages+1 {
		t.Errorf("shard holds %d pages, want %d", got, pages+1)
	}
	if len(log.hits) != pages+1 {
		t.Errorf("server saw %d distinct pages, want %d", len(log.hits), pages+1)
	}
	twice := 0
	for _, n := range log.hits {
		if n > 1 {
			twice++
		}
	}
	// At most one lease batch (the crawler's leaseBatch, 8 URLs, with
	// --parallel 1) was held when Redis went.
	const heldAtMost = 8
	t.Logf("%d pages fetched twice", twice)
	if twice > heldAtMost {
		t.Errorf("%d pages fetched twice; only the batch in hand may be", twice)
	}
}
