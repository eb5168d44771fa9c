package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"github.com/govcorpus/govcorpus/extract"
	"github.com/govcorpus/govcorpus/store"
	"github.com/govcorpus/govcorpus/warc"
)

// Frontier is the persistent queue of URLs to fetch, kept by host
// (store.HostOf spells a URL's host). The SQLite store implements it; a
// frontier shared by several machines (Redis) is expected to implement the
// same calls.
type Frontier interface {
	// Enqueue adds URLs never seen before, in any state.
	Enqueue(ctx context.Context, links []store.Link) (int, error)
	// LeaseHost hands out up to n queued URLs of host; none when it has
	// none queued.
	LeaseHost(ctx context.Context, host string, n int) ([]store.Link, error)
	// FrontierHosts counts each host's URLs by state.
	FrontierHosts(ctx context.Context) ([]store.HostQueue, error)
	// Release returns leased URLs to the queue unfetched.
	Release(ctx context.Context, urls []string) error
	// ResetLeases requeues URLs leased by a process that died.
	ResetLeases(ctx context.Context) (int, error)
	// NewPassOf requeues the done URLs of hosts when none of them has a
	// URL queued or leased: their last crawl finished, so this one
	// fetches them all again.
	NewPassOf(ctx context.Context, hosts []string) (int, error)
}

// Recorder stores a finished fetch and marks its URL done, atomically, so a
// crash never leaves a page stored but still queued, or done but not stored.
type Recorder interface {
	Complete(ctx context.Context, r store.Result) (newArticle bool, err error)
	// ApplyReextractions records pages read again (see Reextract): their
	// page types, and their articles added, updated or removed.
	ApplyReextractions(ctx context.Context, rs []store.Reextraction) ([]store.ReextractChange, error)
}

// Store is what a crawl needs of the database.
type Store interface {
	Frontier
	Recorder
}

// Revalidator gives the validators (ETag, Last-Modified) of a page's last
// successful fetch, so a recrawl asks "changed since?" and an unchanged
// page costs a 304 instead of its body. Optional.
type Revalidator interface {
	Validators(ctx context.Context, url string) (etag, lastModified string, err error)
}

// BodyIndex gives the sha256 of the body kept from a page's last
// successful fetch (and its final URL), so that the same body fetched
// again from a server that sends no validators is recorded as unchanged,
// not extracted, stored and indexed again. Optional.
type BodyIndex interface {
	StoredBody(ctx context.Context, url string) (sha256, finalURL string, err error)
}

// Config is one crawl's settings. The zero value of a field means "off" or
// "none" except where noted; cmd/govcorpus sets the user-facing defaults.
//
// A crawl is of one or more sites. Seeds, AllowHosts, MaxDepth, Include,
// Exclude, Delay and Parallel describe one site (when Seeds is set);
// Sites lists more, each with its own settings. The hosts of the sites
// are the run's scope: URLs of other hosts in the frontier, left by
// earlier runs, are neither fetched nor requeued.
type Config struct {
	Seeds      []string
	AllowHosts []string
	MaxDepth   int // < 0: unlimited
	MaxPages   int // pages to fetch in this run, over all sites; 0: unlimited
	Include    []*regexp.Regexp
	Exclude    []*regexp.Regexp
	Sites      []Site
	// MaxHosts is how many hosts are crawled at a time; < 1 means
	// DefaultMaxHosts.
	MaxHosts int
	// Monitor, when set, lets the caller watch the running crawl.
	Monitor *Monitor
	// OnStart, when set, is told how the run starts (resuming, or a new
	// pass) once the frontier is ready, before the first fetch.
	OnStart func(Start)

	IgnoreRobots bool
	UserAgent    string
	Delay        time.Duration // per host, after each request
	Parallel     int           // requests in flight per host; < 1 means 1
	Retries      int           // retries after the first attempt
	RetryBase    time.Duration // first backoff, doubled on each retry; 0 means 1s
	MaxRetryWait time.Duration // cap on one wait, Retry-After included; 0 means 10m
	Timeout      time.Duration // per request; 0: none
	MaxBody      int64         // bytes; 0: no limit
	// MaxURLLength cuts longer discovered URLs; 0: no limit
	// (DefaultMaxURLLength is the CLI's default).
	MaxURLLength int
	// MaxPagesPerHost bounds the URLs of one host the frontier takes in,
	// over all runs of the database; 0: no limit (DefaultMaxPagesPerHost
	// is the CLI's default).
	MaxPagesPerHost int

	// Transport is the network below the crawler; nil means a fresh
	// http.Transport.
	Transport http.RoundTripper
	// WARC, when set, receives every exchange (robots.txt and redirect
	// hops included) with the body as sent; the store must then also be a
	// CaptureIndex, for dedup and the pages' record offsets.
	WARC warc.ExchangeWriter
	// Requisites, with WARC, also archives the stylesheets, images,
	// scripts and fonts archived pages reference (see requisites.go),
	// from the scope's hosts and RequisiteHosts.
	Requisites     bool
	RequisiteHosts []string
	Logger         *slog.Logger

	recordingBytes int64 // maxRecordingBytes when 0; tests lower it
}

// Site is one site of a crawl: its seeds, its scope and its pace. The
// caller fills every field (cmd/govcorpus resolves inheritance from the
// global settings).
type Site struct {
	Seeds      []string
	AllowHosts []string
	MaxDepth   int // < 0: unlimited
	MaxPages   int // pages of this site to fetch in this run; 0: unlimited
	Include    []*regexp.Regexp
	Exclude    []*regexp.Regexp
	Delay      time.Duration // per host, after each request
	Parallel   int           // requests in flight per host; < 1 means 1
}

// notModifiedDelayShare divides the delay after a page that answered 304
// Not Modified: the server only compared a validator and sent no page, so
// an unchanged site is revalidated at ten times the pace it was crawled,
// still one request at a time per --parallel slot.
const notModifiedDelayShare = 10

// DefaultMaxHosts is the --max-hosts default. A nightly list of department
// sites is a few dozen; 64 hosts at the default two connections each stay
// far below the 1,024 open files a process gets by default, and past that
// the database's single writer, not the sites' delays, sets the pace.
const DefaultMaxHosts = 64

// ErrWritesFailing stops a crawl whose writes to the database or the
// archive keep failing (a full disk, a lost database): every further fetch
// would be thrown away.
var ErrWritesFailing = errors.New("writes keep failing")

// maxWriteFailures is how many pages in a row may fail to be stored before the
// crawl stops with ErrWritesFailing. One failure can be a passing I/O
// error or one oversized page; five in a row, with nothing written in
// between, is a disk that is full or gone.
const maxWriteFailures = 5

// releaseTimeout bounds the writes that put unfinished URLs back in the
// queue after a crawl stopped: they run after its context was cancelled.
const releaseTimeout = 5 * time.Second

// Stats summarises one run.
type Stats struct {
	Pages       int // pages fetched, failed ones included
	NewArticles int
	Errors      int // pages that failed (network, HTTP >= 400, too large, not stored)
	// PerHost splits Pages, NewArticles and Errors by host.
	PerHost map[string]HostStats
	// Resumed is set when the run went on with URLs an unfinished
	// earlier run left queued; Requeued counts the URLs a new pass
	// queued again.
	Resumed  bool
	Requeued int
	// Unstored are fetched pages whose database or archive write failed;
	// they are among Errors and stay queued for the next run.
	Unstored  int
	Unchanged int // pages a recrawl found unchanged: a 304, or the same body from a server without validators
	Blocked   int // URLs robots.txt forbade; recorded, not fetched
	// Cut counts the discovered URLs not taken into the frontier as traps
	// or past a limit, each once; CutBy splits it by reason (the Cut*
	// constants).
	Cut     int
	CutBy   map[string]int
	Elapsed time.Duration

	// Extractions counts extractor calls (a page extracted with its
	// host's template is read twice).
	Extractions int
}

// Start is how a run starts.
type Start struct {
	Resumed  bool // an unfinished earlier run's URLs were left queued
	Requeued int  // URLs a new pass queued again
	Queued   int  // URLs of the run's scope to fetch, seeds included
}

// HostStats are one host's counts in a run.
type HostStats struct {
	Pages, NewArticles, Errors int
}

// Crawl runs the crawl until the frontier is empty, MaxPages is reached or
// ctx is cancelled. A cancelled crawl returns ctx's error after putting its
// unfinished URLs back, so the same command run again resumes it.
func Crawl(ctx context.Context, cfg Config, st Store) (Stats, error) {
	start := time.Now()
	c, err := newCrawler(ctx, cfg, st)
	if err != nil {
		return Stats{}, err
	}
	if n, err := st.ResetLeases(ctx); err != nil {
		return Stats{}, fmt.Errorf("reset frontier leases: %w", err)
	} else if n > 0 {
		c.log.Info("requeued URLs left in flight by an earlier run", "urls", n)
	}
	// A finished crawl run again is a recrawl; an unfinished one resumes.
	// Both only over this run's hosts.
	hosts, err := c.scopeHosts(ctx)
	if err != nil {
		return Stats{}, err
	}
	if n, err := st.NewPassOf(ctx, hosts); err != nil {
		return Stats{}, fmt.Errorf("start a new pass: %w", err)
	} else if n > 0 {
		c.stats.Requeued = n
		c.log.Info("the last crawl finished: recrawling the URLs it found", "urls", n)
	} else if q, _ := c.queued(ctx); q > 0 {
		c.stats.Resumed = true
	}
	if err := c.adm.load(ctx, st); err != nil {
		return Stats{}, fmt.Errorf("count the frontier's URLs per host: %w", err)
	}
	c.adm.seeds(c.seeds)
	seeds := make([]store.Link, 0, len(c.seeds))
	for _, u := range c.seeds {
		seeds = append(seeds, store.Link{URL: u.String(), Depth: 0})
	}
	if _, err := st.Enqueue(ctx, seeds); err != nil {
		return Stats{}, fmt.Errorf("enqueue seeds: %w", err)
	}
	if cfg.OnStart != nil {
		q, err := c.queued(ctx)
		if err != nil {
			return Stats{}, err
		}
		cfg.OnStart(Start{Resumed: c.stats.Resumed, Requeued: c.stats.Requeued, Queued: q})
	}
	if c.cfg.Monitor != nil {
		c.cfg.Monitor.attach(c)
		defer c.cfg.Monitor.detach()
	}
	err = c.run(ctx)
	c.arch.wait()
	c.requeueUnstored(ctx)
	c.stats.Cut, c.stats.CutBy = c.adm.counts()
	c.stats.Extractions = int(c.tpl.calls.Load())
	// The site models are kept for the next run, even after an
	// interrupted one; a crash only costs what this run learnt.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), saveTimeout)
	defer cancel()
	if serr := c.tpl.save(sctx, st); serr != nil {
		c.log.Warn("could not keep the site models for the next run", "error", serr)
	}
	c.stats.Elapsed = time.Since(start)
	return c.stats, err
}

// saveTimeout bounds the writes a crawl makes after it has stopped.
const saveTimeout = 10 * time.Second

// recordTimeout bounds how long a page waits for its commit before it
// counts as not stored. The store's writer holds every write while it
// indexes a few thousand articles for search, 0.5 to 1.9 s at 100,000
// pages on a quiet machine and several times that on a loaded one, and
// 10 s failed a loaded 100,000-page crawl; a minute still tells a stalled
// disk from a busy one.
const recordTimeout = time.Minute

// requeueUnstored puts back in the queue the URLs whose writes failed.
// They stay leased while the crawl runs, so it does not fetch them again
// at once; if this fails too, the next run's ResetLeases requeues them.
func (c *crawler) requeueUnstored(ctx context.Context) {
	c.mu.Lock()
	urls := c.unstored
	c.unstored = nil
	c.mu.Unlock()
	if len(urls) == 0 {
		return
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), releaseTimeout)
	defer cancel()
	if err := c.st.Release(rctx, urls); err != nil {
		c.log.Warn("pages not stored are requeued at the next start", "urls", len(urls), "error", err)
	}
}

type crawler struct {
	cfg   Config
	st    Store
	log   *slog.Logger
	col   *colly.Collector
	scope *Scope
	sites []Site // resolved; Scope's site indexes point here
	adm   *admission
	links linkResolver
	seeds []*url.URL
	arch  *archive    // nil without --warc
	req   *requisites // nil unless requisites are archived
	tpl   *templates
	reval Revalidator // nil: no conditional requests
	rob   *robots     // nil with --ignore-robots

	bodies BodyIndex // nil: every body is extracted

	// Pages being recorded (see recordLater), at most maxRecording at
	// once; the run waits for them before it returns.
	recording      errgroup.Group
	recordingBytes *semaphore.Weighted // see maxRecordingBytes

	mu         sync.Mutex
	stats      Stats
	leased     int   // pages leased in this run, all sites
	siteLeased []int // of them, per site
	active     map[string]*hostRun
	newHosts   chan struct{}            // signalled when a host not in flight got URLs
	delays     map[string]time.Duration // each host's pace once set (pace)
	unstored   []string                 // leased URLs whose writes failed, requeued at the end
	failRun    int                      // page writes failed in a row
	stopErr    error                    // set when writes keep failing: lease no more
}

// hostRun is one host being crawled: its workers, and what they hold.
type hostRun struct {
	host     string
	site     int
	inFlight int            // workers leasing or visiting
	visited  int            // visits finished: a lease that saw none may have missed their links
	leasing  bool           // a worker is leasing a batch
	buf      []store.Link   // leased, not yet taken by a worker
	full     bool           // the last lease took all it asked for: the queue may hold more
	ahead    sync.WaitGroup // the lease taken ahead of need (see leaseAhead)
	wake     chan struct{}  // closed and replaced when the host's state changes
}

func newCrawler(ctx context.Context, cfg Config, st Store) (*crawler, error) {
	if cfg.Parallel < 1 {
		cfg.Parallel = 1
	}
	if cfg.MaxHosts < 1 {
		cfg.MaxHosts = DefaultMaxHosts
	}
	sites := cfg.sites()
	scope, seeds, err := newScope(sites)
	if err != nil {
		return nil, err
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = time.Second
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = 10 * time.Minute
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}

	col := colly.NewCollector(
		colly.UserAgent(cfg.UserAgent),
		colly.StdlibContext(ctx),
		colly.ParseHTTPErrorResponse(),
		colly.AllowURLRevisit(), // the frontier decides what is fetched
		colly.MaxBodySize(0),    // bodyTransport enforces MaxBody as an error
	)
	var req *requisites
	if cfg.WARC != nil && cfg.Requisites {
		req = newRequisites(scope, cfg.RequisiteHosts)
	}
	col.IgnoreRobotsTxt = true                   // robots.go obeys robots.txt, Crawl-delay included
	col.AllowedDomains = allowedHostnames(scope) // keeps redirects in scope
	if req != nil {
		col.AllowedDomains = append(col.AllowedDomains, allowedHostnames(NewScope(nil, req.hosts(), 0, nil, nil))...)
	}
	col.SetRequestTimeout(cfg.Timeout)
	col.SetRedirectHandler(checkRedirect)
	base := cfg.Transport
	if base == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		// Archived bodies are kept as sent, so gzip is undone by the
		// recorder, never by net/http.
		tr.DisableCompression = cfg.WARC != nil
		base = tr
	}
	var arch *archive
	if cfg.WARC != nil {
		index, ok := st.(CaptureIndex)
		if !ok {
			return nil, errors.New("the store cannot index WARC captures")
		}
		arch = newArchive(ctx, index, log)
		rec, err := arch.transport(base, cfg.WARC, cfg.MaxBody)
		if err != nil {
			return nil, err
		}
		base = rec
	}
	gate, _ := st.(HostGate)
	var gt *gateTransport
	if gate != nil {
		gt = &gateTransport{base: base, gate: gate}
		base = gt
	}
	col.WithTransport(&bodyTransport{base: base, maxBody: cfg.MaxBody})
	col.OnResponse(func(r *colly.Response) { r.Ctx.Put("response", r) })
	// No OnHTML: a page's links come from the extractor's parse of it
	// (describe), not from a third parse into a goquery DOM.

	tpl, err := loadTemplates(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("load site templates: %w", err)
	}
	reval, _ := st.(Revalidator)
	bodies, _ := st.(BodyIndex)
	c := &crawler{
		cfg: cfg, st: st, log: log, col: col, scope: scope, sites: sites, adm: newAdmission(cfg, log), seeds: seeds,
		arch: arch, req: req, tpl: tpl, reval: reval, bodies: bodies,
		siteLeased: make([]int, len(sites)), active: map[string]*hostRun{}, newHosts: make(chan struct{}, 1),
		delays: map[string]time.Duration{},
	}
	c.recording.SetLimit(maxRecording)
	if c.cfg.recordingBytes <= 0 {
		c.cfg.recordingBytes = maxRecordingBytes
	}
	c.recordingBytes = semaphore.NewWeighted(c.cfg.recordingBytes)
	c.stats.PerHost = map[string]HostStats{}
	if gt != nil {
		gt.c = c
	}
	hosts := scope.Hosts()
	if req != nil {
		hosts = append(hosts, req.hosts()...)
	}
	// Colly finds rules by host, in order; a bare host (--allow-host
	// without a port) covers all its ports.
	if err := c.limit(hosts); err != nil {
		return nil, err
	}
	if !cfg.IgnoreRobots {
		// Each host gets its delay once its robots.txt (and Crawl-delay)
		// is known.
		c.rob = newRobots(c)
		return c, nil
	}
	for _, h := range hosts {
		if err := c.pace(h, 0); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// hostPattern matches a scope host in request URLs; a bare host matches any
// port of it, as --allow-host promises.
func hostPattern(h string) string {
	if strings.Contains(h, ":") && !strings.HasSuffix(h, "]") {
		return "^" + regexp.QuoteMeta(h) + "$"
	}
	return "^" + regexp.QuoteMeta(h) + "(:[0-9]+)?$"
}

func allowedHostnames(s *Scope) []string {
	seen := map[string]bool{}
	var out []string
	for _, h := range s.Hosts() {
		name := (&url.URL{Host: h}).Hostname()
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// sites lists the crawl's sites: the one the top-level fields describe
// (when they have seeds) first, then Sites.
func (cfg Config) sites() []Site {
	sites := slices.Clone(cfg.Sites)
	if len(cfg.Seeds) > 0 {
		sites = append([]Site{{
			Seeds: cfg.Seeds, AllowHosts: cfg.AllowHosts, MaxDepth: cfg.MaxDepth,
			Include: cfg.Include, Exclude: cfg.Exclude, Delay: cfg.Delay, Parallel: cfg.Parallel,
		}}, sites...)
	}
	return sites
}

// CheckSites reports what Crawl would refuse in cfg's seeds and sites (no
// seed, a bad seed URL, a host in two sites) without opening or fetching
// anything, so a caller can refuse bad input before it starts.
func CheckSites(cfg Config) error {
	_, _, err := newScope(cfg.sites())
	return err
}

// newScope checks the sites and builds their scope; it returns every
// seed, parsed. A host may belong to one site only: two sets of rules for
// one host would leave its pace and limits to chance.
func newScope(sites []Site) (*Scope, []*url.URL, error) {
	if len(sites) == 0 {
		return nil, nil, errors.New("no seed URL given")
	}
	scope := &Scope{byHost: map[string]*siteScope{}}
	owner := map[string]int{}
	var all []*url.URL
	for i := range sites {
		site := &sites[i]
		if len(site.Seeds) == 0 {
			return nil, nil, fmt.Errorf("site %d has no seed URL", i+1)
		}
		if site.Parallel < 1 {
			site.Parallel = 1
		}
		var seeds []*url.URL
		for _, raw := range site.Seeds {
			u, err := ParseSeed(raw)
			if err != nil {
				return nil, nil, err
			}
			seeds = append(seeds, u)
		}
		hosts := map[string]bool{}
		for _, u := range seeds {
			hosts[strings.ToLower(u.Host)] = true
		}
		for _, h := range site.AllowHosts {
			hosts[strings.ToLower(strings.TrimSpace(h))] = true
		}
		for h := range hosts {
			if j, dup := owner[h]; dup && j != i {
				return nil, nil, fmt.Errorf("host %s is in two sites (%d and %d): give it to one", h, j+1, i+1)
			}
			owner[h] = i
		}
		scope.add(seeds, site.AllowHosts, site.MaxDepth, site.Include, site.Exclude)
		all = append(all, seeds...)
	}
	return scope, all, nil
}

// scopeHosts returns the frontier's hosts (store.HostOf spelling) that
// are in this run's scope, seeds included before they are queued.
func (c *crawler) scopeHosts(ctx context.Context) ([]string, error) {
	hq, err := c.st.FrontierHosts(ctx)
	if err != nil {
		return nil, fmt.Errorf("list the frontier's hosts: %w", err)
	}
	var out []string
	for _, h := range hq {
		if c.scope.siteOfHost(h.Host) >= 0 {
			out = append(out, h.Host)
		}
	}
	return out, nil
}

// queued counts the URLs of this run's scope still to fetch: queued or
// leased.
func (c *crawler) queued(ctx context.Context) (int, error) {
	hq, err := c.st.FrontierHosts(ctx)
	if err != nil {
		return 0, fmt.Errorf("list the frontier's hosts: %w", err)
	}
	n := 0
	for _, h := range hq {
		if c.scope.siteOfHost(h.Host) >= 0 {
			n += h.Queued + h.Leased
		}
	}
	return n, nil
}

// run hands out the frontier host by host: up to MaxHosts hosts at once,
// each with its site's Parallel workers, so every host goes at its own
// pace. A host whose queue runs dry leaves its place to the next; one that
// gets new URLs later (a link from another host) comes back.
func (c *crawler) run(ctx context.Context) error {
	done := make(chan string)
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	running := 0
	full := false // woken by new URLs while every host slot is taken
	for {
		if ctx.Err() == nil && !c.stopping() && !full {
			started, err := c.startHosts(ctx, &wg, done, errc)
			if err != nil {
				if ctx.Err() == nil {
					c.setStop(err)
				}
			}
			running += started
		}
		if running == 0 {
			if more, err := c.awaitOthers(ctx); err != nil {
				c.setStop(err)
			} else if more {
				continue
			}
			break
		}
		full = false
		select {
		case <-done:
			running--
		case <-c.newHosts:
			// Listing the frontier's hosts costs a scan; not while no
			// host could start anyway.
			full = running >= c.cfg.MaxHosts
		case <-ctx.Done():
		}
		if ctx.Err() != nil || c.stopping() {
			// Let the running hosts see it and drain.
			for running > 0 {
				<-done
				running--
			}
			break
		}
	}
	wg.Wait()
	_ = c.recording.Wait() // workers stopped by ctx or an error leave pages being recorded; errors went to setStop
	close(errc)
	if err := <-errc; err != nil {
		return err
	}
	if c.stopErr != nil {
		return c.stopErr
	}
	return ctx.Err()
}

// awaitOthers, on a frontier shared with other processes, waits while
// they hold URLs of this run's hosts, and reports whether some came back
// to the queue.
func (c *crawler) awaitOthers(ctx context.Context) (bool, error) {
	sf, ok := c.st.(SharedFrontier)
	if !ok || ctx.Err() != nil || c.stopping() {
		return false, nil
	}
	more, err := sf.AwaitWork(ctx, func(h string) bool { return c.scope.siteOfHost(h) >= 0 })
	if err != nil && ctx.Err() == nil {
		return false, fmt.Errorf("wait for other workers' URLs: %w", err)
	}
	return more, nil
}

// stopping reports whether no more URLs are to be leased: writes keep
// failing or the run's page budget is spent.
func (c *crawler) stopping() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stopErr != nil || (c.cfg.MaxPages > 0 && c.leased >= c.cfg.MaxPages)
}

func (c *crawler) setStop(err error) {
	c.mu.Lock()
	if c.stopErr == nil {
		c.stopErr = err
	}
	c.mu.Unlock()
}

// startHosts starts the hosts with queued URLs that are in scope, not
// running and within their site's budget, up to MaxHosts running, and
// returns how many it started.
func (c *crawler) startHosts(ctx context.Context, wg *sync.WaitGroup, done chan<- string, errc chan<- error) (int, error) {
	hq, err := c.st.FrontierHosts(ctx)
	if err != nil {
		return 0, fmt.Errorf("list the frontier's hosts: %w", err)
	}
	started := 0
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, h := range hq {
		if len(c.active) >= c.cfg.MaxHosts {
			break
		}
		site := c.scope.siteOfHost(h.Host)
		if h.Queued == 0 || site < 0 || c.active[h.Host] != nil || c.siteSpent(site) {
			continue
		}
		hr := &hostRun{host: h.Host, site: site, wake: make(chan struct{})}
		c.active[h.Host] = hr
		started++
		workers := c.sites[site].Parallel
		var hwg sync.WaitGroup
		for range workers {
			wg.Add(1)
			hwg.Add(1)
			go func() {
				defer wg.Done()
				defer hwg.Done()
				if err := c.work(ctx, hr); err != nil {
					select {
					case errc <- err:
					default:
					}
					c.setStop(err)
				}
			}()
		}
		go func() {
			hwg.Wait()
			hr.ahead.Wait()
			c.releaseBatch(ctx, hr)
			c.mu.Lock()
			delete(c.active, hr.host)
			c.mu.Unlock()
			done <- hr.host
		}()
	}
	return started, nil
}

// siteSpent reports whether a site's page budget for this run is used up;
// callers hold mu.
func (c *crawler) siteSpent(site int) bool {
	max := c.sites[site].MaxPages
	return max > 0 && c.siteLeased[site] >= max
}

// leaseBatch is how many URLs of a host are leased at once: one database
// round trip per batch instead of one per page, which is what bounds a
// recrawl of unchanged pages. A lease is a write its worker waits on, so
// it also ends the store's batch of deferred page records (recordLater):
// 256 lets a fast host's pages share a commit by the hundred (64 did by
// the dozen), so each commit rewrites the pages of the indexes on URLs
// once for more of them: a 10,000-page crawl wrote 190 MB, not 212 MB.
// A crawl stopped mid-batch releases what it had not fetched.
const leaseBatch = 256

// work takes its host's URLs one at a time, leasing a batch when none is
// left, until the host is drained: none queued, and no other worker of the
// host holds a page whose links could refill it.
func (c *crawler) work(ctx context.Context, hr *hostRun) error {
	for {
		if ctx.Err() != nil {
			return nil
		}
		c.mu.Lock()
		if c.stopErr != nil {
			c.mu.Unlock()
			return nil
		}
		if len(hr.buf) > 0 {
			link := hr.buf[0]
			hr.buf = hr.buf[1:]
			hr.inFlight++
			c.leaseAhead(ctx, hr)
			c.mu.Unlock()
			pause, page := c.visit(ctx, link)
			if page != nil {
				c.recordLater(ctx, hr, page) // the page stays in flight until recorded
			} else {
				c.visited(hr)
			}
			// The host's pace: each of its workers rests after its
			// request, as a browser user would between pages (what is
			// left of the rest once the page is read; see visit).
			if pause > 0 {
				t := time.NewTimer(pause)
				select {
				case <-t.C:
				case <-ctx.Done():
					t.Stop()
				}
			}
			continue
		}
		n := c.leaseSize(hr)
		if hr.leasing || n == 0 {
			// Another worker is leasing, or the budget is spent: wait for
			// the host's pages in flight, unless there are none.
			if hr.inFlight == 0 && !hr.leasing {
				c.mu.Unlock()
				return nil
			}
			wake := hr.wake
			c.mu.Unlock()
			select {
			case <-wake:
			case <-ctx.Done():
			}
			continue
		}
		// The budget is taken before the lease, so workers of other hosts
		// need not wait on this one's database call.
		c.leased += n
		c.siteLeased[hr.site] += n
		hr.leasing = true
		hr.inFlight++
		visited := hr.visited
		c.mu.Unlock()
		links, err := c.st.LeaseHost(ctx, hr.host, n)
		c.mu.Lock()
		c.leaseDone(hr, n, links)
		// A visit that finished while the lease ran may have queued links
		// the lease did not see: the host is idle only if none did, or
		// this worker would stop while its partners go on alone.
		raced := hr.visited != visited
		idle := hr.inFlight == 0 && !raced
		if len(links) > 0 || idle {
			// Others may take from the batch, or see the queue is dry.
			// Not otherwise: two idle workers would wake each other.
			hr.broadcast()
		}
		wake := hr.wake
		c.mu.Unlock()
		switch {
		case err != nil && ctx.Err() != nil:
			return nil
		case err != nil:
			return fmt.Errorf("lease from frontier: %w", err)
		case len(links) > 0, raced:
			continue
		case idle:
			return nil
		}
		select {
		case <-wake:
		case <-ctx.Done():
		}
	}
}

// leaseAheadAt is how few leased URLs a host's workers have left when one
// of them leases the next batch in the background: its workers then go on
// visiting while the lease waits for the store's writer, which commits the
// batch of page records before it (see leaseBatch). Leasing only once the
// batch ran out kept every worker of the host idle meanwhile: a fifth of
// their time in a fast crawl. Half a batch lasts a few hundred
// milliseconds at the fastest, longer than a lease takes behind a commit.
const leaseAheadAt = leaseBatch / 2

// leaseAhead leases the host's next batch in the background when its
// workers are about to run out and the frontier had more than the last
// batch took; callers hold mu. A short last batch means the queue was
// drained, and its next URLs come from pages still being visited, as in
// a crawl's first pages: leasing ahead then would take them a few at a
// time, each lease a commit.
func (c *crawler) leaseAhead(ctx context.Context, hr *hostRun) {
	if !hr.full || hr.leasing || len(hr.buf) > leaseAheadAt || c.stopErr != nil {
		return
	}
	n := c.leaseSize(hr)
	if n == 0 {
		return
	}
	c.leased += n
	c.siteLeased[hr.site] += n
	hr.leasing = true
	hr.inFlight++
	hr.ahead.Add(1)
	go func() {
		defer hr.ahead.Done()
		links, err := c.st.LeaseHost(ctx, hr.host, n)
		c.mu.Lock()
		defer c.mu.Unlock()
		c.leaseDone(hr, n, links)
		if err != nil && ctx.Err() == nil && c.stopErr == nil {
			c.stopErr = fmt.Errorf("lease from frontier: %w", err)
		}
		hr.broadcast() // workers waiting on the lease take from it, lease again or stop
	}()
}

// leaseDone takes back what a lease of n URLs did not fill and hands its
// links to the host's workers; callers hold mu.
func (c *crawler) leaseDone(hr *hostRun, n int, links []store.Link) {
	hr.leasing = false
	hr.inFlight--
	hr.full = len(links) == n
	c.leased -= n - len(links)
	c.siteLeased[hr.site] -= n - len(links)
	hr.buf = append(hr.buf, links...)
}

// leaseSize is how many URLs the host may lease now: a batch, or what is
// left of the run's and the site's budgets; callers hold mu.
func (c *crawler) leaseSize(hr *hostRun) int {
	n := leaseBatch
	if max := c.cfg.MaxPages; max > 0 {
		n = min(n, max-c.leased)
	}
	if max := c.sites[hr.site].MaxPages; max > 0 {
		n = min(n, max-c.siteLeased[hr.site])
	}
	return max(n, 0)
}

// broadcast wakes the host's waiting workers; callers hold mu.
func (hr *hostRun) broadcast() {
	close(hr.wake)
	hr.wake = make(chan struct{})
}

// releaseBatch puts back the URLs a stopped host leased and did not fetch.
func (c *crawler) releaseBatch(ctx context.Context, hr *hostRun) {
	c.mu.Lock()
	left := hr.buf
	hr.buf = nil
	c.leased -= len(left)
	c.siteLeased[hr.site] -= len(left)
	c.mu.Unlock()
	if len(left) == 0 {
		return
	}
	urls := make([]string, len(left))
	for i, l := range left {
		urls[i] = l.URL
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), releaseTimeout)
	defer cancel()
	if err := c.st.Release(rctx, urls); err != nil {
		c.log.Warn("leased URLs are requeued at the next start", "urls", len(urls), "error", err)
	}
}

// noteLinks wakes the scheduler when a stored page queued URLs of a host
// that is not running, so it starts again.
func (c *crawler) noteLinks(links []store.Link) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, l := range links {
		if c.active[store.HostOf(l.URL)] == nil {
			select {
			case c.newHosts <- struct{}{}:
			default:
			}
			return
		}
	}
}

// visit fetches one URL and extracts it. It returns how long the worker is
// to rest before its host's next request, and the page to record (see
// recordLater), nil when there is nothing to record.
func (c *crawler) visit(ctx context.Context, link store.Link) (pause time.Duration, out *visitedPage) {
	page := store.Page{URL: link.URL, Depth: link.Depth, FrontierID: link.ID}
	var (
		resp *colly.Response
		cond http.Header
	)
	err := c.obeyRobots(ctx, link.URL)
	if err == nil {
		cond = c.conditional(ctx, link)
		resp, err = c.fetch(ctx, link.URL, cond)
	}
	pause = c.delayOf(link.URL) // known now robots.txt is read
	answered := time.Now()
	// The host rests from the end of its answer: reading the page
	// meanwhile is part of the rest, not added to it. The next
	// request on this slot still comes the whole pause after the answer.
	defer func() { pause = max(0, pause-time.Since(answered)) }()
	page.FetchedAt = answered.UTC()
	if ctx.Err() != nil {
		// Unfinished: back to the queue for the next run. The lease would
		// be reset at the next start anyway; releasing keeps Counts honest.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = c.st.Release(rctx, []string{link.URL})
		return pause, nil
	}
	if errors.Is(err, warc.ErrNotArchived) {
		c.unstoredPage(link, err)
		return pause, nil
	}
	res := store.Result{Page: page}
	failed, blocked, extractedWarm := false, false, false
	var shape extract.Shape
	switch {
	case errors.Is(err, errDisallowed):
		res.Page.Error = errDisallowed.Error()
		blocked = true
		res.Blocked = true
		pause = 0 // nothing was asked of the host
	case err != nil:
		res.Page.Error = err.Error()
		failed = true
	case resp.StatusCode == http.StatusNotModified && len(cond) > 0:
		// The page row keeps pointing at the archived content; the 304
		// itself is in the archive too, as served.
		res.Unchanged = true
		pause /= notModifiedDelayShare
		res.Page.FinalURL = resp.Request.URL.String()
		c.arch.forget(&res.Page)
	default:
		failed, extractedWarm, shape = c.describe(ctx, &res, resp, link.Prior)
		if res.Unchanged {
			c.arch.forget(&res.Page) // the page row keeps its first capture, requisites included
		} else {
			c.arch.locate(&res.Page)
		}
		if !failed && !res.Unchanged && res.Page.PageType != "" {
			c.fetchRequisites(ctx, resp.Request.URL, resp.Body)
		}
	}
	if failed {
		c.log.Warn("fetch failed", "url", link.URL, "error", res.Page.Error)
	} else if blocked {
		c.log.Info("skipped: disallowed by robots.txt", "url", link.URL)
	} else {
		c.log.Debug("fetched", "url", link.URL, "status", res.Page.Status, "type", res.Page.PageType)
	}
	v := &visitedPage{link: link, res: res, extractedWarm: extractedWarm, shape: shape, blocked: blocked, failed: failed}
	if res.Template != nil && !extractedWarm && resp != nil {
		v.body = resp.Body
	}
	return pause, v
}

// visitedPage is a page fetched and read, waiting to be recorded.
type visitedPage struct {
	link store.Link
	res  store.Result
	// body is kept only for a page to be read again once its host is warm
	// (see record): a page waits here for its commit, and while the writer
	// indexes a batch for search, hundreds of bodies would wait with it.
	body            []byte
	extractedWarm   bool // read with its host's template, so not held for a second reading
	shape           extract.Shape
	blocked, failed bool
}

// record stores a visited page and learns from it: its article, links and
// template statistics, and the run's counts.
func (c *crawler) record(ctx context.Context, v *visitedPage) error {
	link, res := v.link, v.res
	rec := res
	rec.Template = nil // counted in memory and saved by c.tpl, not per page
	// Stored even when the crawl is being stopped: the page was fetched,
	// and an interrupted crawl keeps what it fetched.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	newArticle, err := c.st.Complete(store.Deferred(sctx), rec)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		c.unstoredPage(link, fmt.Errorf("record %s: %w", link.URL, err))
		return nil
	}
	c.stored()
	c.adm.stored(res.Links)
	c.noteLinks(res.Links)
	if res.Template != nil {
		// Any page read before its host was warm is read again once it
		// is: the site model may make a listing of an article, or an
		// article of a short notice.
		var hold *heldPage
		if !v.extractedWarm {
			hold = &heldPage{res: res, body: v.body, contentType: res.Page.ContentType}
		}
		if err := c.extractHeld(ctx, c.tpl.learn(res.Template.Host, fingerprints(res.Template), v.shape, hold)); err != nil {
			return err
		}
		c.tpl.saveIfDue(ctx, c.st, c.log)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v.blocked {
		c.stats.Blocked++ // recorded, never fetched
	} else {
		c.stats.Pages++
	}
	if res.Unchanged {
		c.stats.Unchanged++
	}
	if v.failed {
		c.stats.Errors++
	}
	if newArticle {
		c.stats.NewArticles++
	}
	if !v.blocked {
		c.countHost(link.URL, v.failed, newArticle)
	}
	return nil
}

// The pages a crawl records at once, each from a goroutine of its own
// while its worker goes on to the next page, are bounded in number and in
// the memory they hold. While the store indexes a few thousand articles
// for search (0.5 s or so, see store's searchBatch) it commits no page, and
// the pages fetched meanwhile wait here: 256 of them filled up in a third
// of a second on a fast site, and its workers stopped. 1,024 cover the
// pause at 1,500 pages a second (a 10,000-page crawl took 6% less time),
// and the byte bound keeps a site of large pages from holding a thousand
// of them: 24 MB, where the synthetic site's 1,024 hold some 17 MB.
const (
	maxRecording      = 1024
	maxRecordingBytes = 24 << 20
)

// footprint is about what a page waiting to be recorded holds in memory:
// its body when kept, its text, its links and its template sample.
func (v *visitedPage) footprint() int64 {
	const perLink, perFingerprint = 64, 8 // a Link's fields beside its URL; a uint64
	n := len(v.body) + len(v.res.Page.URL) + len(v.res.Page.FinalURL)
	if a := v.res.Article; a != nil {
		n += len(a.Text) + len(a.Title) + len(a.URL) + len(a.PublishedRaw)
	}
	for _, l := range v.res.Links {
		n += len(l.URL) + perLink
	}
	if t := v.res.Template; t != nil {
		n += perFingerprint * len(t.Fingerprints)
	}
	return int64(n)
}

// recordLater records a visited page from a goroutine of its own, so the
// worker's next request does not wait for the page's commit; the store
// commits the pages of all workers together. The page stays in flight for
// its host until recorded: its links may refill the host's queue. Once
// maxRecording pages, or maxRecordingBytes of them, are being recorded,
// the worker waits.
func (c *crawler) recordLater(ctx context.Context, hr *hostRun, v *visitedPage) {
	size := min(v.footprint(), c.cfg.recordingBytes) // a page larger than the bound goes alone
	// Not ctx: a page fetched is recorded even as the crawl stops, and the
	// pages being recorded free their bytes within recordTimeout.
	_ = c.recordingBytes.Acquire(context.WithoutCancel(ctx), size)
	c.recording.Go(func() error {
		defer c.recordingBytes.Release(size)
		if err := c.record(ctx, v); err != nil {
			c.setStop(err)
		}
		c.visited(hr)
		return nil
	})
}

// visited ends a page's visit for its host's workers.
func (c *crawler) visited(hr *hostRun) {
	c.mu.Lock()
	hr.inFlight--
	hr.visited++
	hr.broadcast()
	c.mu.Unlock()
}

// countHost adds a fetched page to its host's counts; callers hold mu.
func (c *crawler) countHost(raw string, failed, newArticle bool) {
	h := store.HostOf(raw)
	hs := c.stats.PerHost[h]
	hs.Pages++
	if failed {
		hs.Errors++
	}
	if newArticle {
		hs.NewArticles++
	}
	c.stats.PerHost[h] = hs
}

// obeyRobots returns errDisallowed when robots.txt forbids raw, or the
// error that kept robots.txt from being read.
func (c *crawler) obeyRobots(ctx context.Context, raw string) error {
	if c.rob == nil {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("GET %s: %w", raw, err)
	}
	ok, err := c.rob.allowed(ctx, u)
	switch {
	case err != nil:
		return fmt.Errorf("GET %s: %w", raw, err)
	case !ok:
		return errDisallowed
	}
	return nil
}

// describe fills the result from a response: status, hashes, and for HTML
// the extracted article and the in-scope links. It reports whether the
// page counts as failed, and whether its host's template statistics were
// trusted when it was extracted. A body as stored, from a server that
// sent no validators, is not extracted: res.Unchanged is set instead.
func (c *crawler) describe(ctx context.Context, res *store.Result, r *colly.Response, prior *store.Prior) (failed, warm bool, shape extract.Shape) {
	p := &res.Page
	p.FinalURL = r.Request.URL.String()
	p.Status = r.StatusCode
	p.ContentType = r.Headers.Get(origContentType)
	if p.ContentType == "" {
		p.ContentType = r.Headers.Get("Content-Type")
	}
	p.Size = int64(len(r.Body))
	p.ETag, p.LastModified = r.Headers.Get("ETag"), r.Headers.Get("Last-Modified")
	if len(r.Body) > 0 {
		sum := sha256.Sum256(r.Body)
		p.SHA256 = hex.EncodeToString(sum[:])
	}
	if r.StatusCode >= 400 {
		p.Error = fmt.Sprintf("HTTP %d %s", r.StatusCode, http.StatusText(r.StatusCode))
		return true, false, shape
	}
	if !isHTML(p.ContentType, r.Body) {
		return false, false, shape
	}
	// Every link of the page is followed, menus included, which the
	// article's text leaves out; a 3xx that was not followed has none.
	follow := func(h extract.Hrefs) {
		if r.StatusCode < 300 {
			res.Links = c.outlinks(p.URL, c.links.absolute(p.FinalURL, h), p.Depth+1)
		}
	}
	if c.sameBody(ctx, p, prior) {
		res.Unchanged = true
		if h, err := extract.PageHrefs(r.Body, p.ContentType); err == nil {
			follow(h)
		}
		return false, true, shape
	}
	host := r.Request.URL.Host
	art, warm, err := c.tpl.extract(p, r.Body, host)
	if err != nil {
		p.Error = fmt.Sprintf("extract: %v", err)
		return true, false, shape
	}
	follow(art.Hrefs)
	p.PageType = string(art.PageType)
	res.Article = articleOf(art, p)
	fps := make([]uint64, len(art.Fingerprints))
	for i, fp := range art.Fingerprints {
		fps[i] = uint64(fp)
	}
	res.Template = &store.TemplateSample{Host: host, Fingerprints: fps}
	return false, warm, art.Shape
}

// sameBody reports whether a 200 without validators brought the body
// stored from the page's last successful fetch, at the same final URL.
// prior, when the lease read it, saves asking the store.
func (c *crawler) sameBody(ctx context.Context, p *store.Page, prior *store.Prior) bool {
	if p.Status != http.StatusOK || p.SHA256 == "" || p.ETag != "" || p.LastModified != "" {
		return false
	}
	if prior != nil {
		return prior.SHA256 == p.SHA256 && prior.FinalURL == p.FinalURL
	}
	if c.bodies == nil {
		return false
	}
	sum, final, err := c.bodies.StoredBody(ctx, p.URL)
	if err != nil {
		c.log.Warn("stored body unknown: the page is read again", "url", p.URL, "error", err)
		return false
	}
	return sum == p.SHA256 && final == p.FinalURL
}

// articleOf is the stored form of an extracted page; nil unless it is an
// article with text.
func articleOf(art extract.Article, p *store.Page) *store.Article {
	if art.PageType != extract.TypeArticle || art.Text == "" {
		return nil
	}
	u, _ := url.Parse(p.FinalURL)
	sum := sha256.Sum256([]byte(art.Text))
	return &store.Article{
		URL:          p.FinalURL,
		Site:         u.Hostname(),
		Title:        art.Title,
		Published:    art.PublishedText(),
		PublishedRaw: art.PublishedRaw,
		Text:         art.Text,
		Lang:         art.Lang,
		Words:        extract.Words(art.Text),
		SHA256:       hex.EncodeToString(sum[:]),
		FetchedAt:    p.FetchedAt,
	}
}

func fingerprints(t *store.TemplateSample) []extract.Fingerprint {
	out := make([]extract.Fingerprint, len(t.Fingerprints))
	for i, fp := range t.Fingerprints {
		out[i] = extract.Fingerprint(fp)
	}
	return out
}

// extractHeld extracts held pages again with their host's template
// statistics and site model, now trusted, and records what they give: a
// page may turn article, or stop being one.
func (c *crawler) extractHeld(ctx context.Context, pages []heldPage) error {
	if len(pages) == 0 {
		return nil
	}
	rxs := make([]store.Reextraction, 0, len(pages))
	for _, h := range pages {
		p := h.res.Page
		art, _, err := c.tpl.extract(&p, h.body, h.res.Template.Host)
		if err != nil {
			continue // it extracted before; keep that
		}
		rxs = append(rxs, store.Reextraction{URL: p.URL, PageType: string(art.PageType), Article: articleOf(art, &p)})
	}
	if _, err := c.st.ApplyReextractions(ctx, rxs); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		// The pages are stored as first extracted; only the second
		// reading is lost, so this does not count towards
		// maxWriteFailures, which is about pages not stored.
		c.log.Warn("pages read again not stored; their first extraction stands", "pages", len(rxs), "error", err)
	}
	return nil
}

// unstoredPage handles a page fetched but not written, to the database or
// the archive: it is never marked done. It stays leased until the crawl
// ends and then goes back to the queue, so the next run fetches it again.
func (c *crawler) unstoredPage(link store.Link, err error) {
	c.log.Error("page not stored; it stays queued for the next run", "url", link.URL, "error", err)
	c.mu.Lock()
	c.unstored = append(c.unstored, link.URL)
	c.stats.Pages++
	c.stats.Errors++
	c.stats.Unstored++
	c.countHost(link.URL, true, false)
	c.mu.Unlock()
	c.writeFailed(err)
}

// writeFailed counts a failed write; too many in a row stop the crawl.
func (c *crawler) writeFailed(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failRun++
	if c.failRun >= maxWriteFailures && c.stopErr == nil {
		c.stopErr = fmt.Errorf("%w (%d in a row; is the disk full?), last: %w", ErrWritesFailing, c.failRun, err)
	}
}

// stored notes a successful write, which ends a run of failures.
func (c *crawler) stored() {
	c.mu.Lock()
	c.failRun = 0
	c.mu.Unlock()
}

// outlinks turns the links found on page from ("" for a sitemap) into the
// frontier entries to add: canonical, in scope, distinct, and admitted
// (not a trap, within the host's budget).
func (c *crawler) outlinks(from string, raw []string, depth int) []store.Link {
	var cands []*url.URL
	seen := map[string]bool{}
	for _, s := range raw {
		u, err := url.Parse(s)
		if err != nil {
			continue
		}
		u = Canonical(u)
		key := u.String()
		if seen[key] || !c.scope.Follow(u, depth) {
			continue
		}
		seen[key] = true
		cands = append(cands, u)
	}
	return c.adm.links(from, cands, depth)
}

// isHTML decides whether a response is a page to extract: by its media
// type, or by sniffing when the server sent none.
func isHTML(contentType string, body []byte) bool {
	mt := strings.ToLower(withoutCharset(contentType))
	switch mt {
	case "text/html", "application/xhtml+xml":
		return true
	case "":
		return strings.HasPrefix(http.DetectContentType(body), "text/html")
	}
	return false
}
