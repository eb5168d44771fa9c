// Command crawlbench crawls a synthetic department site (bench/crawlsite)
// served on 127.0.0.1 with several tools side by side, each as its own
// child process, and prints a Markdown table of what each cost:
//
//   - govcorpus (the built binary, --delay 0, --parallel 4)
//   - govcorpus --warc
//   - bare Colly: fetch and link collection only, 4 in flight (this
//     binary run again as a child)
//   - wget --mirror --warc-file, when wget is on PATH (serial)
//
// Run it from the bench folder after `make build` at the repository root:
//
//	go run ./cmd/crawlbench                  # 10k pages, 3 rounds
//	go run ./cmd/crawlbench -pages 100000 -rounds 1 -tools govcorpus
//
// Each figure is the median over the rounds; the tools take turns within
// a round, so load on the machine spreads over all of them.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"
	"golang.org/x/sys/unix"

	"github.com/govcorpus/govcorpus/bench/crawlsite"
)

// collyChild, set in the environment, makes this binary the bare Colly
// crawler of the seed URL it holds.
const collyChild = "CRAWLBENCH_COLLY_SEED"

// parallel is the requests in flight every parallel tool gets (wget has
// no such setting: it fetches one at a time).
const parallel = 4

func main() {
	if seed := os.Getenv(collyChild); seed != "" {
		if err := bareColly(seed); err != nil {
			fmt.Fprintln(os.Stderr, "colly:", err)
			os.Exit(1)
		}
		return
	}
	pages := flag.Int("pages", 10000, "pages of the synthetic site")
	rounds := flag.Int("rounds", 3, "rounds; each figure is the median over them")
	bin := flag.String("govcorpus", "../bin/govcorpus", "the govcorpus binary (make build)")
	toolList := flag.String("tools", "govcorpus,govcorpus --warc,bare Colly,wget", "tools to run, comma-separated")
	dir := flag.String("dir", "", "work folder for databases and archives (default: a temporary folder, removed after)")
	serve := flag.String("serve", "", "only serve the site on this `address` (e.g. 127.0.0.1:8080) until interrupted, for profiling a crawl by hand")
	flag.Parse()
	if *serve != "" {
		fmt.Fprintf(os.Stderr, "serving %d pages on http://%s/\n", crawlsite.New(*pages).Pages, *serve)
		if err := http.ListenAndServe(*serve, crawlsite.New(*pages)); err != nil {
			fmt.Fprintln(os.Stderr, "crawlbench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*pages, *rounds, *bin, strings.Split(*toolList, ","), *dir); err != nil {
		fmt.Fprintln(os.Stderr, "crawlbench:", err)
		os.Exit(1)
	}
}

// tool is one crawler under test. cmd builds its command line for the
// seed, writing into out (an empty folder); size is what it leaves on
// disk there.
type tool struct {
	name string
	cmd  func(seed, out string) *exec.Cmd
}

func tools(bin string) ([]tool, string) {
	self, _ := os.Executable()
	gov := func(extra ...string) func(seed, out string) *exec.Cmd {
		return func(seed, out string) *exec.Cmd {
			args := []string{"crawl", "--db", filepath.Join(out, "crawl.db"), "--delay", "0",
				"--parallel", strconv.Itoa(parallel), "--max-pages-per-host", "0", "--quiet"}
			for _, e := range extra {
				args = append(args, strings.ReplaceAll(e, "OUT", out))
			}
			return exec.Command(bin, append(args, seed)...)
		}
	}
	ts := []tool{
		{"govcorpus", gov()},
		{"govcorpus --warc", gov("--warc", "OUT/warc")},
		{"bare Colly", func(seed, out string) *exec.Cmd {
			c := exec.Command(self)
			c.Env = append(os.Environ(), collyChild+"="+seed)
			return c
		}},
	}
	note := ""
	if wget, err := exec.LookPath("wget"); err == nil {
		ts = append(ts, tool{"wget", func(seed, out string) *exec.Cmd {
			return exec.Command(wget, "--mirror", "--warc-file="+filepath.Join(out, "site"), "--no-verbose",
				"-P", filepath.Join(out, "mirror"), "--no-host-directories", seed)
		}})
	} else {
		note = "wget not found on PATH: its column is left out."
	}
	return ts, note
}

// result is one tool's run.
type result struct {
	pages                 int
	wall                  time.Duration
	cpu                   time.Duration // user + system
	maxRSS                int64         // bytes
	writeBytes, wchar     int64         // /proc/PID/io
	size                  int64         // bytes left in its folder
	firstFifth, lastFifth time.Duration // per 1,000 pages
}

func run(pages, rounds int, bin string, names []string, dir string) error {
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("govcorpus binary: %w (run make build at the repository root)", err)
	}
	all, note := tools(bin)
	var use []tool
	for _, n := range names {
		n = strings.TrimSpace(n)
		i := slices.IndexFunc(all, func(t tool) bool { return t.name == n })
		if i < 0 {
			if n == "wget" && note != "" {
				continue
			}
			return fmt.Errorf("unknown tool %q", n)
		}
		use = append(use, all[i])
	}
	if dir == "" {
		d, err := os.MkdirTemp("", "crawlbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	results := make([][]result, len(use))
	for r := range rounds {
		for i, t := range use {
			out := filepath.Join(dir, fmt.Sprintf("%d-%d", r, i))
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			res, err := runOne(t, pages, out)
			if err != nil {
				return fmt.Errorf("round %d, %s: %w", r+1, t.name, err)
			}
			fmt.Fprintf(os.Stderr, "round %d %-17s %6d pages %7.1fs cpu %6.2f ms/page rss %5.1f MB\n",
				r+1, t.name, res.pages, res.wall.Seconds(), ms(res.cpu)/float64(res.pages), mb(res.maxRSS))
			results[i] = append(results[i], res)
			_ = os.RemoveAll(out)
		}
	}
	print(use, results, pages, rounds, note)
	return nil
}

// runOne serves a fresh site and crawls it with t.
func runOne(t tool, pages int, out string) (result, error) {
	site := crawlsite.New(pages)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return result{}, err
	}
	srv := &http.Server{Handler: site}
	go srv.Serve(ln)
	defer srv.Close()
	seed := "http://" + ln.Addr().String() + "/"

	cmd := t.cmd(seed, out)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return result{}, err
	}
	// Wait for the exit without reaping, so /proc/PID/io is still there.
	var info unix.Siginfo
	for {
		err := unix.Waitid(unix.P_PID, cmd.Process.Pid, &info, unix.WEXITED|unix.WNOWAIT, nil)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	wall := time.Since(start)
	wb, wc := procIO(cmd.Process.Pid)
	werr := cmd.Wait()
	// wget exits 8 when some URL failed (none should); govcorpus 3 when
	// some pages did. Either way the run is reported, the failure noted.
	if werr != nil {
		var ee *exec.ExitError
		if !errors.As(werr, &ee) {
			return result{}, werr
		}
		fmt.Fprintf(os.Stderr, "%s exited %d: %s\n", t.name, ee.ExitCode(), lastLine(stderr.String()))
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	served := site.Served()
	res := result{
		pages:      len(served),
		wall:       wall,
		cpu:        time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
		maxRSS:     ru.Maxrss * 1024,
		writeBytes: wb, wchar: wc,
		size: dirSize(out),
	}
	if res.pages == 0 {
		return res, fmt.Errorf("no page fetched: %s", lastLine(stderr.String()))
	}
	res.firstFifth, res.lastFifth = fifths(served)
	return res, nil
}

// fifths is the time per 1,000 pages over the first and the last fifth of
// the pages served.
func fifths(ts []time.Time) (first, last time.Duration) {
	n := len(ts)
	k := n / 5
	if k < 1 {
		return 0, 0
	}
	per := func(a, b int) time.Duration {
		return time.Duration(float64(ts[b].Sub(ts[a])) * 1000 / float64(b-a))
	}
	return per(0, k), per(n-1-k, n-1)
}

func procIO(pid int) (writeBytes, wchar int64) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/io", pid))
	if err != nil {
		return -1, -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ": ")
		n, _ := strconv.ParseInt(v, 10, 64)
		switch k {
		case "write_bytes":
			writeBytes = n
		case "wchar":
			wchar = n
		}
	}
	return writeBytes, wchar
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// bareColly is the floor a Colly crawler cannot go below: fetch every page
// of the seed's host and follow its links, nothing stored.
func bareColly(seed string) error {
	u, err := url.Parse(seed)
	if err != nil {
		return err
	}
	c := colly.NewCollector(colly.Async(true), colly.AllowedDomains(u.Hostname()))
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: parallel}); err != nil {
		return err
	}
	c.OnHTML("a[href]", func(e *colly.HTMLElement) {
		_ = e.Request.Visit(e.Attr("href"))
	})
	if err := c.Visit(seed); err != nil {
		return err
	}
	c.Wait()
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func mb(b int64) float64         { return float64(b) / 1e6 }

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func med(rs []result, f func(result) float64) float64 {
	xs := make([]float64, len(rs))
	for i, r := range rs {
		xs[i] = f(r)
	}
	return median(xs)
}

func print(use []tool, results [][]result, pages, rounds int, note string) {
	fmt.Printf("Synthetic department site, %d pages asked (%d served to the first tool), 127.0.0.1, %d in flight (wget: 1), medians of %d.\n\n",
		pages, results[0][0].pages, parallel, rounds)
	fmt.Println("| tool | pages | pages/s | CPU ms/page | peak RSS MB | write_bytes MB | wchar MB | final size MB | write_bytes ÷ size | s per 1,000 pages, first fifth | last fifth | last ÷ first |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|---|")
	for i, t := range use {
		rs := results[i]
		size := med(rs, func(r result) float64 { return mb(r.size) })
		wb := med(rs, func(r result) float64 { return mb(r.writeBytes) })
		ratio := "–"
		if size > 0 {
			ratio = fmt.Sprintf("%.1f", med(rs, func(r result) float64 { return float64(r.writeBytes) / float64(r.size) }))
		}
		fmt.Printf("| %s | %.0f | %.0f | %.2f | %.1f | %.1f | %.1f | %.1f | %s | %.2f | %.2f | %.2f |\n", t.name,
			med(rs, func(r result) float64 { return float64(r.pages) }),
			med(rs, func(r result) float64 { return float64(r.pages) / r.wall.Seconds() }),
			med(rs, func(r result) float64 { return ms(r.cpu) / float64(r.pages) }),
			med(rs, func(r result) float64 { return mb(r.maxRSS) }),
			wb, med(rs, func(r result) float64 { return mb(r.wchar) }), size, ratio,
			med(rs, func(r result) float64 { return r.firstFifth.Seconds() }),
			med(rs, func(r result) float64 { return r.lastFifth.Seconds() }),
			med(rs, func(r result) float64 { return r.lastFifth.Seconds() / r.firstFifth.Seconds() }))
	}
	if note != "" {
		fmt.Println("\n" + note)
	}
}
