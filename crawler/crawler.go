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
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/govcorpus/govcorpus/extract"
	"github.com/govcorpus/govcorpus/store"
	"github.com/govcorpus/govcorpus/warc"
)

// Frontier is the persistent queue of URLs to fetch. The SQLite store
// implements it; a frontier shared by several machines (Redis) is expected
// to implement the same four calls.
type Frontier interface {
	// Enqueue adds URLs never seen before, in any state.
	Enqueue(ctx context.Context, links []store.Link) (int, error)
	// Lease hands out up to n queued URLs; none when the queue is empty.
	Lease(ctx context.Context, n int) ([]store.Link, error)
	// Release returns leased URLs to the queue unfetched.
	Release(ctx context.Context, urls []string) error
	// ResetLeases requeues URLs leased by a process that died.
	ResetLeases(ctx context.Context) (int, error)
	// NewPass requeues every done URL when nothing is queued or leased:
	// the previous crawl finished, so this one fetches everything again.
	NewPass(ctx context.Context) (int, error)
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

// Config is one crawl's settings. The zero value of a field means "off" or
// "none" except where noted; cmd/govcorpus sets the user-facing defaults.
type Config struct {
	Seeds      []string
	AllowHosts []string
	MaxDepth   int // < 0: unlimited
	MaxPages   int // pages to fetch in this run; 0: unlimited
	Include    []*regexp.Regexp
	Exclude    []*regexp.Regexp

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
}

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
	// Unstored are fetched pages whose database or archive write failed;
	// they are among Errors and stay queued for the next run.
	Unstored  int
	Unchanged int // pages a conditional recrawl found unchanged (304)
	Blocked   int // URLs robots.txt forbade; recorded, not fetched
	// Cut counts the discovered URLs not taken into the frontier as traps
	// or past a limit, each once; CutBy splits it by reason (the Cut*
	// constants).
	Cut     int
	CutBy   map[string]int
	Elapsed time.Duration
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
		c.log.Info("resuming: requeued URLs left in flight by an earlier run", "urls", n)
	}
	// A finished crawl run again is a recrawl; an unfinished one resumes.
	if n, err := st.NewPass(ctx); err != nil {
		return Stats{}, fmt.Errorf("start a new pass: %w", err)
	} else if n > 0 {
		c.log.Info("the last crawl finished: recrawling the URLs it found", "urls", n)
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
	err = c.run(ctx)
	c.requeueUnstored(ctx)
	c.stats.Cut, c.stats.CutBy = c.adm.counts()
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
	adm   *admission
	seeds []*url.URL
	arch  *archive    // nil without --warc
	req   *requisites // nil unless requisites are archived
	tpl   *templates
	reval Revalidator // nil: no conditional requests
	rob   *robots     // nil with --ignore-robots

	mu       sync.Mutex
	stats    Stats
	inFlight int
	leased   int
	wake     chan struct{} // closed and replaced when inFlight drops
	unstored []string      // leased URLs whose writes failed, requeued at the end
	failRun  int           // page writes failed in a row
	stopErr  error         // set when writes keep failing: lease no more
}

func newCrawler(ctx context.Context, cfg Config, st Store) (*crawler, error) {
	if len(cfg.Seeds) == 0 {
		return nil, errors.New("no seed URL given")
	}
	var seeds []*url.URL
	for _, raw := range cfg.Seeds {
		u, err := ParseSeed(raw)
		if err != nil {
			return nil, err
		}
		seeds = append(seeds, u)
	}
	if cfg.Parallel < 1 {
		cfg.Parallel = 1
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
	scope := NewScope(seeds, cfg.AllowHosts, cfg.MaxDepth, cfg.Include, cfg.Exclude)

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
	col.WithTransport(&bodyTransport{base: base, maxBody: cfg.MaxBody})
	col.OnResponse(func(r *colly.Response) { r.Ctx.Put("response", r) })
	// Every link of the page, menus included: the extractor's view of the
	// page (main content only) would miss the categories in the menus.
	col.OnHTML("a[href], area[href]", func(e *colly.HTMLElement) {
		if u := e.Request.AbsoluteURL(e.Attr("href")); u != "" {
			links, _ := e.Request.Ctx.GetAny("links").([]string)
			e.Request.Ctx.Put("links", append(links, u))
		}
	})

	tpl, err := loadTemplates(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("load site templates: %w", err)
	}
	reval, _ := st.(Revalidator)
	c := &crawler{
		cfg: cfg, st: st, log: log, col: col, scope: scope, adm: newAdmission(cfg, log), seeds: seeds,
		arch: arch, req: req, tpl: tpl, reval: reval,
		wake: make(chan struct{}),
	}
	if !cfg.IgnoreRobots {
		// Each host gets its politeness rule once its robots.txt (and
		// Crawl-delay) is known.
		c.rob = newRobots(c)
		return c, nil
	}
	hosts := scope.Hosts()
	if req != nil {
		hosts = append(hosts, req.hosts()...)
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

func (c *crawler) run(ctx context.Context) error {
	workers := c.cfg.Parallel * len(c.scope.Hosts())
	errc := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.work(ctx); err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return err
	}
	if c.stopErr != nil {
		return c.stopErr
	}
	return ctx.Err()
}

// work leases one URL at a time until the frontier is drained: empty, and
// no other worker holds a page whose links could refill it.
func (c *crawler) work(ctx context.Context) error {
	for {
		if ctx.Err() != nil {
			return nil
		}
		c.mu.Lock()
		if c.stopErr != nil || (c.cfg.MaxPages > 0 && c.leased >= c.cfg.MaxPages) {
			c.mu.Unlock()
			return nil
		}
		links, err := c.st.Lease(ctx, 1)
		if err != nil {
			c.mu.Unlock()
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("lease from frontier: %w", err)
		}
		if len(links) == 0 {
			idle := c.inFlight == 0
			wake := c.wake
			c.mu.Unlock()
			if idle {
				return nil
			}
			select {
			case <-wake:
			case <-ctx.Done():
			}
			continue
		}
		c.inFlight++
		c.leased++
		c.mu.Unlock()

		err = c.visit(ctx, links[0])

		c.mu.Lock()
		c.inFlight--
		close(c.wake)
		c.wake = make(chan struct{})
		c.mu.Unlock()
		if err != nil {
			return err
		}
	}
}

// visit fetches one URL, extracts it and records the result.
func (c *crawler) visit(ctx context.Context, link store.Link) error {
	page := store.Page{URL: link.URL, Depth: link.Depth}
	var (
		resp *colly.Response
		cond http.Header
	)
	err := c.obeyRobots(ctx, link.URL)
	if err == nil {
		cond = c.conditional(ctx, link.URL)
		resp, err = c.fetch(ctx, link.URL, cond)
	}
	page.FetchedAt = time.Now().UTC()
	if ctx.Err() != nil {
		// Unfinished: back to the queue for the next run. The lease would
		// be reset at the next start anyway; releasing keeps Counts honest.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = c.st.Release(rctx, []string{link.URL})
		return nil
	}
	if errors.Is(err, warc.ErrNotArchived) {
		c.unstoredPage(link, err)
		return nil
	}
	res := store.Result{Page: page}
	failed, blocked, extractedWarm := false, false, false
	var shape extract.Shape
	switch {
	case errors.Is(err, errDisallowed):
		res.Page.Error = errDisallowed.Error()
		blocked = true
		res.Blocked = true
	case err != nil:
		res.Page.Error = err.Error()
		failed = true
	case resp.StatusCode == http.StatusNotModified && len(cond) > 0:
		// The page row keeps pointing at the archived content; the 304
		// itself is in the archive too, as served.
		res.Unchanged = true
		res.Page.FinalURL = resp.Request.URL.String()
		c.arch.forget(&res.Page)
	default:
		failed, extractedWarm, shape = c.describe(&res, resp)
		c.arch.locate(&res.Page)
		if !failed && res.Page.PageType != "" {
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
	newArticle, err := c.st.Complete(ctx, res)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		c.unstoredPage(link, fmt.Errorf("record %s: %w", link.URL, err))
		return nil
	}
	c.stored()
	if res.Template != nil {
		// Any page read before its host was warm is read again once it
		// is: the site model may make a listing of an article, or an
		// article of a short notice.
		var hold *heldPage
		if !extractedWarm {
			hold = &heldPage{res: res, body: resp.Body, contentType: res.Page.ContentType}
		}
		if err := c.extractHeld(ctx, c.tpl.learn(res.Template.Host, fingerprints(res.Template), shape, hold)); err != nil {
			return err
		}
	}
	c.mu.Lock()
	if blocked {
		c.stats.Blocked++ // recorded, never fetched
	} else {
		c.stats.Pages++
	}
	if res.Unchanged {
		c.stats.Unchanged++
	}
	if failed {
		c.stats.Errors++
	}
	if newArticle {
		c.stats.NewArticles++
	}
	c.mu.Unlock()
	return nil
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
// trusted when it was extracted.
func (c *crawler) describe(res *store.Result, r *colly.Response) (failed, warm bool, shape extract.Shape) {
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
	if r.StatusCode < 300 { // a 3xx that was not followed has no page to read
		links, _ := r.Ctx.GetAny("links").([]string)
		res.Links = c.outlinks(p.URL, links, p.Depth+1)
	}
	host := r.Request.URL.Host
	art, warm, err := c.tpl.extract(p, r.Body, host)
	if err != nil {
		p.Error = fmt.Sprintf("extract: %v", err)
		return true, false, shape
	}
	p.PageType = string(art.PageType)
	res.Article = articleOf(art, p)
	fps := make([]uint64, len(art.Fingerprints))
	for i, fp := range art.Fingerprints {
		fps[i] = uint64(fp)
	}
	res.Template = &store.TemplateSample{Host: host, Fingerprints: fps}
	return false, warm, art.Shape
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
		Words:        len(strings.Fields(art.Text)),
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
