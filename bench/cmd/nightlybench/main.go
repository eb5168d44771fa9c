// Command nightlybench measures a nightly crawl of many sites on loopback:
// N hosts (127.0.0.2 onwards) of P pages each at a politeness delay, crawled
// at once, against one host alone; then a recrawl of the N hosts where
// nothing changed and every server answers If-None-Match and
// If-Modified-Since with 304. It prints a Markdown table.
//
//	go run ./cmd/nightlybench                      # 50 hosts × 200 pages at 100ms
//	go run ./cmd/nightlybench -hosts 10 -pages 50  # a quick look
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/store"
)

func main() {
	hosts := flag.Int("hosts", 50, "sites, one host each")
	pages := flag.Int("pages", 200, "pages per site")
	delay := flag.Duration("delay", 100*time.Millisecond, "politeness delay per host")
	parallel := flag.Int("parallel", 2, "requests in flight per host")
	flag.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the `phase` given by -profile to this file")
	flag.StringVar(&profilePhase, "profile", "all", "phase to profile: one, all or recrawl")
	flag.Parse()
	if err := run(*hosts, *pages, *delay, *parallel); err != nil {
		fmt.Fprintln(os.Stderr, "nightlybench:", err)
		os.Exit(1)
	}
}

// perListing is how many articles one listing page links to, as a
// department's news listing shows them.
const perListing = 10

// lastModified is every page's Last-Modified: the sites do not change.
var lastModified = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

// server is one test site; it counts what it answered.
type server struct {
	url                string
	full, notMod       atomic.Int64
	listings, articles int
	srv                *http.Server
}

func startServer(ip string, pages int) (*server, error) {
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", ip, err)
	}
	s := &server{url: "http://" + ln.Addr().String()}
	// home + listings + articles = pages
	s.listings = max(1, (pages-1+perListing)/(perListing+1))
	s.articles = max(0, pages-1-s.listings)
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *server) pages() int { return 1 + s.listings + s.articles }

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sum := sha256.Sum256([]byte(r.URL.Path))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	if r.URL.Path == "/robots.txt" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", lastModified.Format(http.TimeFormat))
	if inm := r.Header.Get("If-None-Match"); inm == etag {
		s.notMod.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !lastModified.After(ims) {
		s.notMod.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.full.Add(1)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>`)
	var k, j int
	switch {
	case r.URL.Path == "/":
		b.WriteString("Cổng thông tin điện tử Sở</title></head><body><nav>")
		for k = range s.listings {
			fmt.Fprintf(&b, `<a href="/tin-tuc/trang-%d.html">Tin tức %d</a> `, k, k)
		}
		b.WriteString("</nav></body></html>")
	case sscan(r.URL.Path, "/tin-tuc/trang-%d.html", &k):
		b.WriteString("Tin tức</title></head><body><nav><a href=\"/\">Trang chủ</a></nav><ul>")
		for j = k * perListing; j < min((k+1)*perListing, s.articles); j++ {
			fmt.Fprintf(&b, `<li><a href="/tin-tuc/%d/bai-%d.html">Bài viết số %d về hoạt động của Sở</a></li>`, k, j, j)
		}
		b.WriteString("</ul></body></html>")
	case sscan(r.URL.Path, "/tin-tuc/%d/bai-%d.html", &k, &j):
		fmt.Fprintf(&b, "Bài viết %d-%d</title></head><body><nav><a href=\"/\">Trang chủ</a> <a href=\"/tin-tuc/trang-%d.html\">Tin tức</a></nav>", k, j, k)
		fmt.Fprintf(&b, "<article><h1>Hội nghị triển khai nhiệm vụ năm 2026, bài %d-%d</h1><p class=\"date\">30/11/2026</p>", k, j)
		for p := range 8 {
			fmt.Fprintf(&b, "<p>Sáng ngày 30 tháng 11, Sở đã tổ chức hội nghị tổng kết công tác năm và triển khai nhiệm vụ trọng tâm, đoạn %d của bài %d-%d. Các đại biểu đã thảo luận về cải cách hành chính, chuyển đổi số và nâng cao chất lượng phục vụ người dân và doanh nghiệp trên địa bàn tỉnh.</p>", p, k, j)
		}
		b.WriteString("</article><footer>Bản quyền thuộc về Sở</footer></body></html>")
	default:
		http.NotFound(w, r)
		return
	}
	fmt.Fprint(w, b.String())
}

func sscan(path, format string, a ...any) bool {
	n, err := fmt.Sscanf(path, format, a...)
	return err == nil && n == len(a) && fmt.Sprintf(format, derefs(a)...) == path
}

func derefs(a []any) []any {
	out := make([]any, len(a))
	for i, p := range a {
		out[i] = *(p.(*int))
	}
	return out
}

type result struct {
	name    string
	pages   int
	elapsed time.Duration
	cpu     time.Duration // user + system time of this process
	full    int64
	notMod  int64
	load    string // /proc/loadavg after the crawl: the machine is shared
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 1 {
		return "?"
	}
	return f[0]
}

var cpuProfile, profilePhase string

// profile starts the CPU profile when phase is the one asked for, and
// returns its stop.
func profile(phase string) func() {
	if cpuProfile == "" || phase != profilePhase {
		return func() {}
	}
	f, err := os.Create(cpuProfile)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "nightlybench: profile:", err)
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

func crawl(ctx context.Context, name, db string, servers []*server, delay time.Duration, parallel int) (result, error) {
	st, err := store.Open(ctx, db)
	if err != nil {
		return result{}, err
	}
	defer st.Close()
	var seeds []string
	var full0, nm0 int64
	for _, s := range servers {
		seeds = append(seeds, s.url+"/")
		full0 += s.full.Load()
		nm0 += s.notMod.Load()
	}
	cfg := crawler.Config{
		Seeds: seeds, MaxDepth: -1, UserAgent: "govcorpus-bench", Delay: delay, Parallel: parallel,
		Retries: 1, RetryBase: 100 * time.Millisecond, Timeout: 30 * time.Second, MaxBody: 20 << 20,
		IgnoreRobots: true, MaxHosts: len(servers),
	}
	if _, err := st.StartRun(ctx, seeds, time.Now()); err != nil {
		return result{}, err
	}
	start, cpu0 := time.Now(), cpuTime()
	stats, err := crawler.Crawl(ctx, cfg, st)
	el := time.Since(start)
	if err != nil {
		return result{}, err
	}
	r := result{name: name, pages: stats.Pages, elapsed: el, cpu: cpuTime() - cpu0, load: loadAvg()}
	for _, s := range servers {
		r.full += s.full.Load()
		r.notMod += s.notMod.Load()
	}
	r.full -= full0
	r.notMod -= nm0
	return r, nil
}

func run(hosts, pages int, delay time.Duration, parallel int) error {
	if hosts < 1 || hosts > 250 {
		return fmt.Errorf("-hosts must be 1-250 (127.0.0.2 onwards)")
	}
	ctx := context.Background()
	var servers []*server
	for i := range hosts {
		s, err := startServer(fmt.Sprintf("127.0.0.%d", 2+i), pages)
		if err != nil {
			return err
		}
		servers = append(servers, s)
	}
	alone, err := startServer("127.0.0.1", pages)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "nightlybench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	stop := profile("one")
	one, err := crawl(ctx, "1 host alone", filepath.Join(dir, "one.db"), []*server{alone}, delay, parallel)
	if err != nil {
		return err
	}
	stop()
	db := filepath.Join(dir, "all.db")
	stop = profile("all")
	all, err := crawl(ctx, fmt.Sprintf("%d hosts at once", hosts), db, servers, delay, parallel)
	if err != nil {
		return err
	}
	stop()
	stop = profile("recrawl")
	again, err := crawl(ctx, fmt.Sprintf("%d hosts, unchanged recrawl", hosts), db, servers, delay, parallel)
	stop()
	if err != nil {
		return err
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)

	fmt.Printf("%d hosts × %d pages (home, %d listings, %d articles each), --delay %v, --parallel %d, loopback\n\n",
		hosts, servers[0].pages(), servers[0].listings, servers[0].articles, delay, parallel)
	fmt.Println("| crawl | pages | 200s | 304s | wall time | pages/s | CPU time | load after |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range []result{one, all, again} {
		fmt.Printf("| %s | %d | %d | %d | %.1f s | %.0f | %.1f s | %s |\n", r.name, r.pages, r.full, r.notMod,
			r.elapsed.Seconds(), float64(r.pages)/r.elapsed.Seconds(), r.cpu.Seconds(), r.load)
	}
	fmt.Printf("\n%d hosts / 1 host: %.2f× the wall time (target ≤ 1.5×)\n", hosts, all.elapsed.Seconds()/one.elapsed.Seconds())
	fmt.Printf("first crawl / unchanged recrawl: %.1f× faster (target ≥ 10×)\n", all.elapsed.Seconds()/again.elapsed.Seconds())
	fmt.Printf("peak RSS: %d MiB\n", ru.Maxrss/1024)
	return nil
}
