package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/redisfrontier"
	"github.com/govcorpus/govcorpus/store"
	"github.com/govcorpus/govcorpus/warc"
)

const crawlUsage = `Usage: govcorpus crawl [flags] [URL...]

Crawls the seed URLs' hosts into a SQLite database, all hosts at once (up
to --max-hosts), each at its own --delay and --parallel. Seeds come from
the command line, --seeds FILE (one URL a line, # comments) and --config
FILE (YAML: global settings and a sites: list with per-site seeds,
allow-hosts, include, exclude, max-depth, max-pages, delay, parallel);
flags override the config's global settings. A run's scope is its own
seeds: other hosts of the database are left alone.

Killed or interrupted, the same command run again resumes where it
stopped without refetching finished pages; run again after it finished,
it recrawls its hosts (a new pass). One crawl at a time per database
(<db>.lock next to the database's real file).

With --frontier redis://host:6379/0 --worker NAME, workers on any number
of machines share one frontier in Redis, each into its own database
(corpus-NAME.db) and WARC files; a dead worker's leased URLs go back to the
queue after --lease, and each host's delay holds across all workers.
"govcorpus merge" makes one corpus of the shards.

Exit codes: 0 finished cleanly; 3 finished but some pages failed (see
pages.error) or could not be stored (they stay queued); 1 could not run
(bad flag, URL, seeds or config file, database not writable, the shared
frontier's Redis unreachable or lost) or writes
kept failing (a full disk); 4 stopped at --time-limit (run again to
continue); 75 another crawl holds the database (try again later); 130
interrupted (run again to resume).

Traps end: links are canonicalised (sorted query, no session ids), links
longer than --max-url-length, with a path segment repeated four times or
a query of over 20 parameters (or a name repeated four times) are cut, a
pagination chain whose page shows the items of an earlier page is not
followed further, and a host's URLs stop at --max-pages-per-host. Every
URL cut is counted in the summary and in "govcorpus runs".

Flags:
`

// defaultMaxBody bounds one page in memory: government pages are well
// under 1 MiB, and scanned documents served as HTML stay under 20 MiB,
// while a larger body is a file download, a stream or an attack.
const defaultMaxBody = "20MiB"

// crawlFlags are the crawl settings a user can set; demo reuses them.
type crawlFlags struct {
	db           string
	allowHosts   stringList
	maxDepth     int
	maxPages     int
	include      stringList
	exclude      stringList
	ignoreRobots bool
	userAgent    string
	contact      string
	delay        time.Duration
	parallel     int
	retries      int
	timeout      time.Duration
	maxBody      string
	maxURLLength int
	maxPerHost   int
	timeLimit    time.Duration
	quiet        bool
	verbose      bool
	seedsFile    string
	configFile   string
	maxHosts     int
	progressInt  time.Duration
	logFormat    string
	perHost      bool
	warcDir      string
	warcSize     string
	collection   string
	noRequisites bool
	reqHosts     stringList
	frontier     string        // redis:// URL of a shared frontier; "": the database's own
	worker       string        // this worker's name on a shared frontier
	lease        time.Duration // on a shared frontier
	args         []string      // as given, for the WARC's warcinfo record
}

func (f *crawlFlags) register(fs *flag.FlagSet, defaultDB string, defaultDelay time.Duration) {
	fs.StringVar(&f.db, "db", defaultDB, "SQLite database `path`")
	fs.Var(&f.allowHosts, "allow-host", "also crawl this `host` (repeatable); the seeds' hosts are always in scope")
	fs.IntVar(&f.maxDepth, "max-depth", -1, "follow links at most this many `hops` from a seed; -1: no limit")
	fs.IntVar(&f.maxPages, "max-pages", 0, "fetch at most this many pages in this run; 0: no limit")
	fs.Var(&f.include, "include", "only follow URLs matching this `regexp` (repeatable)")
	fs.Var(&f.exclude, "exclude", "never follow URLs matching this `regexp` (repeatable)")
	fs.BoolVar(&f.ignoreRobots, "ignore-robots", false, "do not obey robots.txt")
	fs.StringVar(&f.userAgent, "user-agent", "govcorpus/"+version, "User-Agent `string`")
	fs.StringVar(&f.contact, "contact", "", "contact `email` appended to the User-Agent for site owners")
	fs.DurationVar(&f.delay, "delay", defaultDelay, "pause after each request to a host")
	fs.IntVar(&f.parallel, "parallel", 2, "requests in flight per host")
	fs.IntVar(&f.retries, "retries", 3, "retries on timeouts, connection errors, 5xx and 429 (exponential backoff, Retry-After honoured)")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "timeout of one request")
	fs.StringVar(&f.maxBody, "max-body", defaultMaxBody, "largest response `size` kept (e.g. 500KiB, 20MiB); a larger page is an error, never truncated")
	fs.IntVar(&f.maxURLLength, "max-url-length", crawler.DefaultMaxURLLength, "do not follow a link longer than this many `characters`; 0: no limit")
	fs.IntVar(&f.maxPerHost, "max-pages-per-host", crawler.DefaultMaxPagesPerHost, "take in at most this many URLs of one host, over every run of the database; 0: no limit")
	fs.DurationVar(&f.timeLimit, "time-limit", 0, "stop cleanly after this long (e.g. 6h; exit 4, resumable); 0: no limit")
	fs.StringVar(&f.warcDir, "warc", "", "also archive every fetch, as served, in WARC files in this `dir`")
	fs.StringVar(&f.warcSize, "warc-size", "1GiB", "start a new WARC file past this `size`")
	fs.BoolVar(&f.noRequisites, "no-requisites", false, "with --warc, do not archive the stylesheets, images, scripts and fonts of archived pages")
	fs.Var(&f.reqHosts, "requisites-hosts", "with --warc, also archive page requisites from these `hosts` (comma-separated, repeatable), e.g. a CDN")
	fs.StringVar(&f.collection, "collection", "", "`name` of the collection the WARC files belong to (warcinfo isPartOf, the WACZ title)")
	fs.BoolVar(&f.quiet, "quiet", false, "for cron: print the summary line and only the failures new since the last run")
	fs.BoolVar(&f.verbose, "verbose", false, "log every fetch")
	fs.StringVar(&f.seedsFile, "seeds", "", "read seed URLs from this `file`, one a line (# comments)")
	fs.StringVar(&f.configFile, "config", "", "read settings and sites from this YAML `file` (flags override its global settings)")
	fs.IntVar(&f.maxHosts, "max-hosts", crawler.DefaultMaxHosts, "crawl at most this many `hosts` at a time")
	fs.DurationVar(&f.progressInt, "progress-interval", time.Minute, "off a terminal, log a progress line this often; 0: none")
	fs.StringVar(&f.logFormat, "log-format", "text", "log `format`: text or json")
	fs.BoolVar(&f.perHost, "per-host", false, "end with each host's counts")
}

// config turns flags into a crawler configuration, rejecting bad values
// with one line a user can act on.
func (f *crawlFlags) config(seeds []string) (crawler.Config, error) {
	cfg := crawler.Config{
		Seeds:           seeds,
		AllowHosts:      f.allowHosts,
		MaxDepth:        f.maxDepth,
		MaxPages:        f.maxPages,
		IgnoreRobots:    f.ignoreRobots,
		UserAgent:       f.userAgent,
		Delay:           f.delay,
		Parallel:        f.parallel,
		Retries:         f.retries,
		Timeout:         f.timeout,
		MaxURLLength:    f.maxURLLength,
		MaxPagesPerHost: f.maxPerHost,
		MaxHosts:        f.maxHosts,
	}
	for _, s := range seeds {
		if _, err := crawler.ParseSeed(s); err != nil {
			return cfg, err
		}
	}
	if f.maxHosts < 1 {
		return cfg, fmt.Errorf("--max-hosts must be at least 1, not %d", f.maxHosts)
	}
	if f.logFormat != "text" && f.logFormat != "json" {
		return cfg, fmt.Errorf("unknown --log-format %q (want text or json)", f.logFormat)
	}
	if f.contact != "" {
		cfg.UserAgent += " (+mailto:" + f.contact + ")"
	}
	if f.parallel < 1 {
		return cfg, fmt.Errorf("--parallel must be at least 1, not %d", f.parallel)
	}
	for _, c := range []struct {
		flag     string
		negative bool
		value    any
	}{
		{"--retries", f.retries < 0, f.retries},
		{"--delay", f.delay < 0, f.delay},
		{"--max-pages", f.maxPages < 0, f.maxPages},
		{"--max-url-length", f.maxURLLength < 0, f.maxURLLength},
		{"--max-pages-per-host", f.maxPerHost < 0, f.maxPerHost},
		{"--time-limit", f.timeLimit < 0, f.timeLimit},
		{"--progress-interval", f.progressInt < 0, f.progressInt},
	} {
		if c.negative {
			return cfg, fmt.Errorf("%s must not be negative, not %v", c.flag, c.value)
		}
	}
	var err error
	if cfg.MaxBody, err = parseSize(f.maxBody); err != nil {
		return cfg, fmt.Errorf("--max-body: %w", err)
	}
	if f.warcDir != "" {
		if n, err := parseSize(f.warcSize); err != nil || n == 0 {
			return cfg, fmt.Errorf("--warc-size: invalid size %q", f.warcSize)
		}
		cfg.Requisites = !f.noRequisites
		for _, v := range f.reqHosts {
			for _, h := range strings.Split(v, ",") {
				h = strings.TrimSpace(h)
				if h == "" || strings.ContainsAny(h, "/ ") {
					return cfg, fmt.Errorf("--requisites-hosts: %q is not a host", v)
				}
				cfg.RequisiteHosts = append(cfg.RequisiteHosts, h)
			}
		}
	}
	if cfg.Include, err = compileAll("--include", f.include); err != nil {
		return cfg, err
	}
	if cfg.Exclude, err = compileAll("--exclude", f.exclude); err != nil {
		return cfg, err
	}
	return cfg, nil
}

func compileAll(flagName string, exprs []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, e := range exprs {
		re, err := regexp.Compile(e)
		if err != nil {
			return nil, fmt.Errorf("%s %q: %w", flagName, e, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// parseSize reads "20MiB", "500KiB", "1GiB", "20MB" or a plain byte count.
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{
		{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
		{"kb", 1000}, {"mb", 1000 * 1000}, {"gb", 1000 * 1000 * 1000},
		{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1},
	}
	v := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(v, u.suffix) {
			v, mult = strings.TrimSpace(strings.TrimSuffix(v, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid size %q (want e.g. 20MiB or a byte count)", s)
	}
	return n * mult, nil
}

func runCrawl(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	var f crawlFlags
	f.register(fs, "corpus.db", time.Second)
	fs.StringVar(&f.frontier, "frontier", "", "share the frontier with other workers in Redis at this `URL` (redis://host:6379/0); needs --worker")
	fs.StringVar(&f.worker, "worker", "", "this worker's `name` on a shared frontier, unique in the run; it goes into the database's and WARC files' names")
	fs.DurationVar(&f.lease, "lease", redisfrontier.DefaultLease, "on a shared frontier, how long a dead worker's URLs stay leased before others fetch them")
	fs.Usage = func() { fmt.Fprint(fs.Output(), crawlUsage); fs.PrintDefaults() }
	seeds, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	f.args = args
	cfg, err := f.crawlConfig(fs, seeds)
	if err == nil {
		err = f.checkShared()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus crawl: %v\n", err)
		return exitCannotRun
	}
	return crawlInto(ctx, f, cfg, e, nil)
}

// crawlConfig is config with the seeds and config files read in: every
// seed and site checked before anything is opened.
func (f *crawlFlags) crawlConfig(fs *flag.FlagSet, seeds []string) (crawler.Config, error) {
	seeds, file, err := f.loadSiteFiles(fs, seeds)
	if err != nil {
		return crawler.Config{}, err
	}
	cfg, err := f.config(seeds)
	if err != nil {
		return cfg, err
	}
	if cfg.Sites, err = sites(file, cfg); err != nil {
		return cfg, err
	}
	if len(cfg.Seeds) == 0 && len(cfg.Sites) == 0 {
		return cfg, errors.New("no URL to crawl given (give URLs, --seeds FILE or --config FILE)")
	}
	return cfg, crawler.CheckSites(cfg)
}

// crawlGCPercent is the garbage collector's target during a crawl. A
// crawl keeps a few MB live and allocates a parse tree per page, so at
// Go's default (100) it collects every few milliseconds; 200 cuts its CPU
// by about an eighth for a few MB more memory (BENCHMARKS.md, "Crawl
// cost"). GOGC in the environment still decides when set.
const crawlGCPercent = 200

// crawlInto opens the database, records the run and crawls. onDone, when
// set, sees the open store after the crawl (demo prints samples from it).
func crawlInto(ctx context.Context, f crawlFlags, cfg crawler.Config, e env, onDone func(*store.Store) error) int {
	if _, set := os.LookupEnv("GOGC"); !set {
		defer debug.SetGCPercent(debug.SetGCPercent(crawlGCPercent))
	}
	logw := e.stderr
	var mon crawler.Monitor
	// The status line needs the logger's writer; the logger's level
	// decides whether there is a status line at all.
	interval := f.progressInt
	if f.quiet {
		interval = 0
	}
	prog, logw := startProgressLater(e, logw, interval)
	log := newLogger(logw, logLevel(f.quiet, f.verbose, slog.LevelError), f.logFormat)
	cfg.Logger = log
	lock, err := lockDB(f.db)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus: %v\n", err)
		if errors.Is(err, errLocked) {
			return exitLocked
		}
		return exitCannotRun
	}
	defer lock.release()
	// The archive folder first: one that cannot be written stops the
	// crawl before the database is created or a page fetched.
	var cuts []warc.Cut
	if f.warcDir != "" {
		w, err := openWARC(f, cfg, log)
		if err != nil {
			fmt.Fprintf(e.stderr, "govcorpus: %v\n", err)
			return exitCannotRun
		}
		defer func() {
			if err := w.Close(); err != nil {
				log.Error("close WARC", "error", err)
			}
		}()
		cfg.WARC, cuts = w, w.Cuts()
	}
	st, err := openStore(ctx, f.db)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus: %v\n", err)
		return exitCannotRun
	}
	defer st.Close()
	var cst crawler.Store = st
	if f.frontier != "" {
		fr, err := joinShared(ctx, f, cfg, log)
		if err != nil {
			fmt.Fprintf(e.stderr, "govcorpus: %v\n", err)
			return exitCannotRun
		}
		defer fr.Close()
		cst = redisfrontier.Shard{Store: st, F: fr}
	}
	if err := forgetCuts(ctx, st, cuts, log); err != nil {
		fmt.Fprintf(e.stderr, "govcorpus: %v\n", err)
		return exitCannotRun
	}
	before, err := runBefore(ctx, st)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus: %v\n", err)
		return exitCannotRun
	}

	started := time.Now()
	runID, err := st.StartRun(ctx, runSeeds(cfg), started)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus: %v\n", err)
		return exitCannotRun
	}
	st.SetRun(runID)
	cfg.OnStart = func(s crawler.Start) {
		if s.Resumed && before.lastRun > 0 {
			log.Info(fmt.Sprintf("resuming run %d (%d queued)", before.lastRun, s.Queued))
		}
	}
	cfg.Monitor = &mon
	crawlCtx := ctx
	if f.timeLimit > 0 {
		var cancel context.CancelFunc
		crawlCtx, cancel = context.WithTimeoutCause(ctx, f.timeLimit, errTimeLimit)
		defer cancel()
	}
	p := prog(ctx, &mon, log)
	stats, crawlErr := crawler.Crawl(crawlCtx, cfg, cst)
	p.finish()
	fctx := context.WithoutCancel(ctx)
	if err := st.FinishRun(fctx, runID, time.Now(), store.RunStats{
		Pages: stats.Pages, NewArticles: stats.NewArticles, Errors: stats.Errors, Cut: stats.Cut,
		// Any stop before the frontier drained (a signal, the time
		// limit, writes failing) leaves the run for the next to resume.
		Interrupted: crawlErr != nil,
	}); err != nil {
		log.Error("record run", "error", err)
	}
	interrupted := crawlErr != nil && crawlCtx.Err() != nil
	timeUp := interrupted && ctx.Err() == nil && errors.Is(context.Cause(crawlCtx), errTimeLimit)
	if crawlErr != nil && !interrupted {
		fmt.Fprintf(e.stderr, "govcorpus: %v\n", crawlErr)
		return exitCannotRun
	}
	if err := report(fctx, e.stdout, st, runID, stats, before, f, interrupted, timeUp); err != nil {
		log.Error("report", "error", err)
	}
	if onDone != nil {
		if err := onDone(st); err != nil {
			fmt.Fprintf(e.stderr, "govcorpus: %v\n", err)
			return exitCannotRun
		}
	}
	switch {
	case timeUp:
		return exitTimeLimit
	case interrupted:
		return exitInterrupted
	case stats.Errors > 0:
		return exitPagesFailed
	}
	return exitOK
}

// startProgressLater prepares the progress report before the logger
// exists (on a terminal the logger writes through the status line) and
// returns the function that starts it once the crawl is set up.
func startProgressLater(e env, w io.Writer, interval time.Duration) (func(context.Context, *crawler.Monitor, *slog.Logger) *progress, io.Writer) {
	var bw *barWriter
	if e.tty && interval > 0 {
		bw = &barWriter{w: w}
		w = bw
	}
	return func(ctx context.Context, mon *crawler.Monitor, log *slog.Logger) *progress {
		return startProgress(ctx, mon, e.now(), log, bw, e.stderr, interval)
	}, w
}

// runSeeds are the seeds a run records: the global ones and every site's.
func runSeeds(cfg crawler.Config) []string {
	out := slices.Clone(cfg.Seeds)
	for _, s := range cfg.Sites {
		out = append(out, s.Seeds...)
	}
	return out
}

// errTimeLimit is the cause of a crawl stopped by --time-limit.
var errTimeLimit = errors.New("--time-limit reached")

// openWARC opens the archive writer; its warcinfo records say how the crawl
// was run, as archivists need to judge a capture.
func openWARC(f crawlFlags, cfg crawler.Config, log *slog.Logger) (*warc.Writer, error) {
	dir, err := filepath.Abs(f.warcDir)
	if err != nil {
		return nil, fmt.Errorf("--warc %s: %w", f.warcDir, err)
	}
	size, _ := parseSize(f.warcSize) // checked in config
	robots := "obey"
	if cfg.IgnoreRobots {
		robots = "ignore"
	}
	prefix := "govcorpus"
	if f.worker != "" {
		prefix += "-" + f.worker
	}
	w, err := warc.Open(dir, prefix, warc.Options{
		MaxSize:  size,
		Logger:   log,
		Software: "govcorpus/" + version,
		Info:     warcInfo(f, cfg, robots),
	})
	if err != nil {
		return nil, fmt.Errorf("--warc %s: %w", dir, err)
	}
	return w, nil
}

// warcInfo is the provenance each WARC file opens with: who crawled what,
// from which machine, how, and for which collection.
func warcInfo(f crawlFlags, cfg crawler.Config, robots string) map[string]string {
	info := map[string]string{
		"robots":                 robots,
		"http-header-user-agent": cfg.UserAgent,
		"crawl-flags":            strings.Join(f.args, " "),
		"description":            "govcorpus crawl of " + strings.Join(cfg.Seeds, " "),
	}
	if h, err := os.Hostname(); err == nil {
		info["hostname"] = h
	}
	if f.contact != "" {
		info["operator"] = f.contact
	}
	if f.collection != "" {
		info["isPartOf"] = f.collection
	}
	return info
}

// forgetCuts clears the database's pointers into the WARC regions that
// opening the archive cut off (a torn last record), and queues those pages
// again, so this run captures them anew and no pointer is left dangling.
func forgetCuts(ctx context.Context, st *store.Store, cuts []warc.Cut, log *slog.Logger) error {
	for _, c := range cuts {
		n, err := st.ForgetArchiveFrom(ctx, c.File, c.Offset)
		if err != nil {
			return err
		}
		log.Warn("archive file was cut: its pages are fetched again", "file", c.File, "offset", c.Offset, "pages", n)
	}
	return nil
}

// workerName is what a worker may be called: its name goes into file names.
var workerName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// checkShared checks the shared-frontier flags and names the worker's
// shard after it, so several workers' databases can sit side by side.
func (f *crawlFlags) checkShared() error {
	if f.frontier == "" {
		if f.worker != "" {
			return errors.New("--worker needs --frontier redis://...")
		}
		return nil
	}
	if !strings.HasPrefix(f.frontier, "redis://") && !strings.HasPrefix(f.frontier, "rediss://") {
		return fmt.Errorf("--frontier %q: want a redis:// URL", f.frontier)
	}
	if !workerName.MatchString(f.worker) {
		return fmt.Errorf("--frontier needs --worker NAME (letters, digits, . _ -), not %q", f.worker)
	}
	if f.lease <= 0 {
		return fmt.Errorf("--lease must be positive, not %v", f.lease)
	}
	f.db = shardPath(f.db, f.worker)
	return nil
}

// shardPath puts the worker's name into the database's file name, unless
// it is there already: corpus.db is corpus-w1.db for worker w1.
func shardPath(db, worker string) string {
	ext := filepath.Ext(db)
	base := strings.TrimSuffix(db, ext)
	if strings.Contains(filepath.Base(base), worker) {
		return db
	}
	return base + "-" + worker + ext
}

// joinShared connects to the shared frontier and joins its run.
func joinShared(ctx context.Context, f crawlFlags, cfg crawler.Config, log *slog.Logger) (*redisfrontier.Frontier, error) {
	fr, err := redisfrontier.Open(ctx, f.frontier, redisfrontier.Options{Worker: f.worker, Lease: f.lease, Logger: log})
	if err != nil {
		return nil, err
	}
	id, started, err := fr.StartRun(ctx, runSeeds(cfg))
	if err != nil {
		fr.Close()
		return nil, err
	}
	log.Info("shared frontier", "run", id, "started", started, "worker", f.worker, "shard", f.db)
	return fr, nil
}
