package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/govcorpus/govcorpus/store"
)

const runsUsage = `Usage: govcorpus runs --db DB [flags]

Lists the database's crawl runs, newest first: when each started, whether
it is running, was interrupted or finished, its seeds, pages fetched,
articles new, changed, unchanged and gone, failed pages and the
discovered URLs it cut (crawler traps, --max-url-length, the per-host
budget).

A run is "running" while the crawl that started it still holds the
database's crawl lock; "interrupted" when it was stopped early (Ctrl-C,
SIGTERM, --time-limit, writes failing) or its process died without
finishing (kill -9, a crash, a power cut: "killed"); the next crawl
resumes it. The counts
are taken as each page is stored, so an interrupted run has them too.

Flags:
`

type runLine struct {
	ID          int64    `json:"id"`
	Status      string   `json:"status"` // running, interrupted or finished
	Killed      bool     `json:"killed,omitempty"`
	StartedAt   string   `json:"started_at"`
	FinishedAt  string   `json:"finished_at"`
	Seeds       []string `json:"seeds"`
	Pages       int      `json:"pages"`
	NewArticles int      `json:"new_articles"`
	Changed     int      `json:"changed"`
	Unchanged   int      `json:"unchanged"`
	Gone        int      `json:"gone"`
	Back        int      `json:"back"`
	Errors      int      `json:"errors"`
	Cut         int      `json:"cut"`
}

// Run statuses, as runs prints them.
const (
	statusRunning     = "running"
	statusInterrupted = "interrupted"
	statusFinished    = "finished"
)

func runRuns(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("runs", flag.ContinueOnError)
	db := fs.String("db", "corpus.db", "SQLite database `path`")
	limit := fs.Int("limit", 10, "show at most this many runs")
	format := fs.String("format", "text", "output `format`: text or jsonl")
	fs.Usage = func() { fmt.Fprint(fs.Output(), runsUsage); fs.PrintDefaults() }
	rest, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	fail := failer(e, "runs")
	switch {
	case len(rest) > 0:
		return fail("unexpected argument %q", rest[0])
	case *format != "text" && *format != "jsonl":
		return fail("unknown --format %q (want text or jsonl)", *format)
	}
	st, err := openReader(ctx, *db)
	if err != nil {
		return fail("%v", err)
	}
	defer st.Close()
	runs, err := st.Runs(ctx)
	if err != nil {
		return fail("%v", err)
	}
	holder := crawlLockHolder(*db)
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for i := len(runs) - 1; i >= 0 && i >= len(runs)-*limit; i-- {
		r := runs[i]
		l := newRunLine(r, holder, i == len(runs)-1)
		if *format == "jsonl" {
			if err := enc.Encode(l); err != nil {
				return fail("write: %v", err)
			}
			continue
		}
		var state string
		switch {
		case l.Status == statusRunning:
			state = fmt.Sprintf("running for %s (pid %d)", time.Since(r.StartedAt).Round(time.Second), r.PID)
		case l.Killed:
			state = "interrupted (killed)"
		default:
			state = fmt.Sprintf("%s after %s", l.Status, r.FinishedAt.Sub(r.StartedAt).Round(time.Second))
		}
		fmt.Fprintf(e.stdout, "run %d  %s  %-24s %d pages: %d new, %d changed, %d unchanged, %d gone",
			l.ID, l.StartedAt, state, l.Pages, l.NewArticles, l.Changed, l.Unchanged, l.Gone)
		if l.Back > 0 {
			fmt.Fprintf(e.stdout, ", %d back", l.Back)
		}
		fmt.Fprintf(e.stdout, ", %d failed, %d URLs cut  %s\n", l.Errors, l.Cut, strings.Join(l.Seeds, " "))
	}
	return exitOK
}

// newRunLine is one run as runs reports it. newest says whether r is the
// database's last run, the only one a crawl can still be working on.
func newRunLine(r store.Run, holder lockHolder, newest bool) runLine {
	l := runLine{ID: r.ID, StartedAt: r.StartedAt.Local().Format(time.RFC3339), Seeds: r.Seeds,
		Pages: r.Stats.Pages, NewArticles: r.Stats.NewArticles, Errors: r.Stats.Errors, Cut: r.Stats.Cut,
		Changed: r.Counts.Changed, Unchanged: r.Counts.Unchanged, Gone: r.Counts.Gone, Back: r.Counts.Back}
	if r.Counts != (store.RunCounts{}) {
		// Counted page by page: the same for a run that never reported
		// its totals. Runs from before the counts were kept have only
		// the totals.
		l.NewArticles = r.Counts.New
		if r.FinishedAt.IsZero() {
			l.Pages, l.Errors = r.Counts.Pages, r.Counts.Failed
		}
	}
	switch {
	case !r.FinishedAt.IsZero():
		l.FinishedAt = r.FinishedAt.Local().Format(time.RFC3339)
		l.Status = statusFinished
		if r.Stats.Interrupted {
			l.Status = statusInterrupted
		}
	case newest && holder.holds(r.PID):
		l.Status = statusRunning
	default:
		l.Status, l.Killed = statusInterrupted, true
	}
	return l
}

// lockHolder is what is known of the process holding a database's crawl
// lock.
type lockHolder struct {
	held bool
	pid  int // 0 when held by a process this system cannot name
}

// holds reports whether the lock is held by process pid; with no pid to
// compare, any holder counts.
func (h lockHolder) holds(pid int) bool {
	return h.held && (h.pid == 0 || pid == 0 || h.pid == pid)
}

// crawlLockHolder tells whether a process holds the crawl lock of db, and
// which. An flock is released by the kernel when its process dies,
// however it dies, so a held lock is a live crawl (or reextract, which
// the pid tells apart). On Linux the holder is read from /proc/locks,
// which leaves the lock alone; elsewhere a shared lock is tried and
// released at once. The lock file is looked for beside db as spelled and
// beside the file a symlink leads to, and an flock on the database file
// itself counts too (SQLite's own locks are POSIX locks, never FLOCK).
func crawlLockHolder(db string) lockHolder {
	paths := []string{db + ".lock", db}
	if real, err := realPath(db); err == nil && real != db {
		paths = append(paths, real+".lock", real) // where the crawl's lock is (lock.go)
	}
	var inodes []uint64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			if st, ok := fi.Sys().(*syscall.Stat_t); ok {
				inodes = append(inodes, st.Ino)
			}
		}
	}
	if h, err := procLockHolder(inodes); err == nil {
		return h
	}
	for _, p := range paths {
		if strings.HasSuffix(p, ".lock") && flockHeld(p) {
			return lockHolder{held: true}
		}
	}
	return lockHolder{}
}

// flockHeld tries a shared flock on path and releases it at once.
func flockHeld(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		return errors.Is(err, syscall.EWOULDBLOCK)
	}
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

// procLockHolder finds an FLOCK on one of the inodes in /proc/locks,
// whose lines read "1: FLOCK  ADVISORY  WRITE 4242 08:01:1234 0 EOF"
// (lines with "->" are processes waiting for a lock, not holding it).
func procLockHolder(inodes []uint64) (lockHolder, error) {
	f, err := os.Open("/proc/locks")
	if err != nil {
		return lockHolder{}, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[1] != "FLOCK" {
			continue
		}
		dev := fields[5]
		n, err := strconv.ParseUint(dev[strings.LastIndexByte(dev, ':')+1:], 10, 64)
		if err != nil || !slices.Contains(inodes, n) {
			continue
		}
		pid, _ := strconv.Atoi(fields[4])
		return lockHolder{held: true, pid: pid}, nil
	}
	return lockHolder{}, sc.Err()
}
