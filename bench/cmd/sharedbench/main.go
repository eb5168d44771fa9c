// Command sharedbench measures crawl workers sharing one Redis frontier: 1,
// 2 and 4 worker processes (the govcorpus binary, -bin) crawl the same N
// loopback hosts (127.0.0.2 onwards) of P pages each at a politeness
// delay, each worker at most -max-hosts hosts at a time, as one machine
// would be. Politeness bounds the crawl, not CPU, so more workers crawl
// more hosts at once. It starts its own redis-server (Debian's, installed
// by ../scripts/redis-server when missing) and prints a Markdown table.
//
//	make build && cd bench && go run ./cmd/sharedbench            # 50 hosts × 20 pages at 200ms
//	go run ./cmd/sharedbench -hosts 10 -pages 5 -workers 1,2      # a quick look
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	bin := flag.String("bin", "../bin/govcorpus", "the govcorpus `binary` (make build)")
	hosts := flag.Int("hosts", 50, "sites, one host each")
	pages := flag.Int("pages", 20, "pages per site, its home page besides")
	delay := flag.Duration("delay", 200*time.Millisecond, "politeness delay per host")
	// 13 hosts a worker: 50 hosts take 4 rounds for one worker, 2 for
	// two and 1 for four, so the figures measure the workers, not how
	// 50 hosts happen to divide.
	maxHosts := flag.Int("max-hosts", 13, "hosts each worker crawls at a time")
	workers := flag.String("workers", "1,2,4", "worker counts to measure, comma-separated")
	flag.Parse()
	if err := run(*bin, *hosts, *pages, *delay, *maxHosts, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "sharedbench:", err)
		os.Exit(1)
	}
}

type result struct {
	workers, pages int
	elapsed        time.Duration
	minGap         time.Duration // closest two requests to one host, over all workers
}

func run(bin string, hosts, pages int, delay time.Duration, maxHosts int, workers string) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("%s: %w (run make build first)", bin, err)
	}
	dir, err := os.MkdirTemp("", "sharedbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	redisURL, stop, err := startRedis(dir)
	if err != nil {
		return err
	}
	defer stop()
	var sites []*site
	for i := range hosts {
		s, err := startSite(fmt.Sprintf("127.0.0.%d", i+2), pages)
		if err != nil {
			return err
		}
		defer s.srv.Close()
		sites = append(sites, s)
	}
	var results []result
	for i, w := range strings.Split(workers, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(w))
		if err != nil || n < 1 {
			return fmt.Errorf("-workers: bad count %q", w)
		}
		for _, s := range sites {
			s.reset()
		}
		// A database of its own per measurement: a fresh run.
		r, err := measure(bin, fmt.Sprintf("%s/%d", redisURL, i+1), filepath.Join(dir, fmt.Sprintf("m%d", i)), sites, n, delay, maxHosts)
		if err != nil {
			return err
		}
		if want := hosts * (pages + 1); r.pages != want {
			return fmt.Errorf("%d workers fetched %d pages, want %d", n, r.pages, want)
		}
		results = append(results, r)
	}
	fmt.Printf("%d hosts × %d pages, --delay %v, --parallel 1, --max-hosts %d per worker; machine: 2 cores shared\n\n", hosts, pages+1, delay, maxHosts)
	fmt.Println("| workers | pages | elapsed | pages/s | speed-up | closest requests to one host |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, r := range results {
		rate := float64(r.pages) / r.elapsed.Seconds()
		base := float64(results[0].pages) / results[0].elapsed.Seconds()
		fmt.Printf("| %d | %d | %.1f s | %.1f | %.2f× | %v |\n", r.workers, r.pages, r.elapsed.Seconds(), rate, rate/base, r.minGap.Round(time.Millisecond))
	}
	return nil
}

func measure(bin, redisURL, dir string, sites []*site, n int, delay time.Duration, maxHosts int) (result, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return result{}, err
	}
	args := []string{"crawl", "--db", filepath.Join(dir, "corpus.db"), "--frontier", redisURL,
		"--delay", delay.String(), "--parallel", "1", "--max-hosts", strconv.Itoa(maxHosts),
		"--retries", "0", "--quiet", "--progress-interval", "0"}
	for _, s := range sites {
		args = append(args, s.url+"/")
	}
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, append(args, "--worker", fmt.Sprintf("w%d", i+1))...)
			out, err := cmd.CombinedOutput()
			if err != nil {
				errs[i] = fmt.Errorf("worker %d: %w\n%s", i+1, err, out)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return result{}, err
	}
	r := result{workers: n, elapsed: elapsed, minGap: time.Hour}
	for _, s := range sites {
		p, gap := s.stats()
		r.pages += p
		r.minGap = min(r.minGap, gap)
	}
	return r, nil
}

// site is one loopback host: a home page linking to its pages. It counts
// the pages it served and when each request came.
type site struct {
	url   string
	srv   *http.Server
	pages atomic.Int64
	mu    sync.Mutex
	times []time.Time
}

func startSite(ip string, pages int) (*site, error) {
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		return nil, fmt.Errorf("listen on %s (this system routes only 127.0.0.1?): %w", ip, err)
	}
	s := &site{url: "http://" + ln.Addr().String()}
	s.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.times = append(s.times, time.Now())
		s.mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		s.pages.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html><head><title>%s</title></head><body><p>Trang %s của cổng thông tin.</p>", r.URL.Path, r.URL.Path)
		if r.URL.Path == "/" {
			for i := range pages {
				fmt.Fprintf(w, `<a href="/p%d">%d</a> `, i, i)
			}
		}
		fmt.Fprint(w, "</body></html>")
	})}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *site) reset() {
	s.pages.Store(0)
	s.mu.Lock()
	s.times = nil
	s.mu.Unlock()
}

// stats are the pages served and the closest two requests came.
func (s *site) stats() (int, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gap := time.Hour
	for i := 1; i < len(s.times); i++ {
		gap = min(gap, s.times[i].Sub(s.times[i-1]))
	}
	return int(s.pages.Load()), gap
}

// redisAttempts bounds the wait for the started server to answer.
const redisAttempts = 100

// startRedis starts a redis-server on a free loopback port, nothing
// persisted, and returns its URL (no database number).
func startRedis(dir string) (string, func(), error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		out, ierr := exec.Command("../scripts/redis-server").Output()
		if ierr != nil {
			return "", nil, fmt.Errorf("redis-server missing and ../scripts/redis-server could not install it: %w", ierr)
		}
		bin = strings.TrimSpace(string(out))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir)
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("start redis-server: %w", err)
	}
	stop := func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for range redisAttempts {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		c, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
		cancel()
		if err == nil {
			c.Close()
			return "redis://" + addr, stop, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	stop()
	return "", nil, fmt.Errorf("redis-server on %s never answered", addr)
}
