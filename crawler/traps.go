package crawler

import (
	"context"
	"hash/maphash"
	"log/slog"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/govcorpus/govcorpus/store"
)

// DefaultMaxURLLength is the --max-url-length default: 2048 characters is
// the sitemaps protocol's limit and what old browsers accepted, so a
// longer URL is made by a script, not linked by an editor.
const DefaultMaxURLLength = 2048

// DefaultMaxPagesPerHost is the --max-pages-per-host default. A department
// site holds a few thousand pages and the largest provincial portals some
// tens of thousands; 50,000 leaves them room and still ends a trap.
const DefaultMaxPagesPerHost = 50000

// maxSegmentRepeats is how often one path segment may occur in a URL.
// /2021/01/01/ repeats "01" twice; a segment four times over (/a/a/a/a/)
// is a relative link resolved against itself again and again.
const maxSegmentRepeats = 3

// maxQueryParams bounds the parameters of one URL: the largest portal
// search forms have about a dozen fields; more means a query that grows
// with each hop.
const maxQueryParams = 20

// maxQueryKeyRepeats is how often one parameter name may repeat in a
// query (?tag=a&tag=b is fine; a name added again on every hop is not).
const maxQueryKeyRepeats = 3

// Reasons a discovered URL is cut, the keys of Stats.CutBy.
const (
	CutLongURL         = "long URL"
	CutRepeatedSegment = "repeated path segment"
	CutGrowingQuery    = "growing query"
	CutHostBudget      = "host page budget"
	CutRepeatingPages  = "pagination repeating itself"
)

// paginationParams name the query parameters that move along a chain of
// listing pages or calendar days (lower case; trang, ngày, tháng, năm,
// tuần are Vietnamese page, day, month, year, week). "p" is left out: it
// is WordPress's post id.
var paginationParams = map[string]bool{
	"page": true, "pg": true, "paged": true, "pageindex": true, "pagenum": true, "pageno": true,
	"pagenumber": true, "currentpage": true, "trang": true, "start": true, "offset": true,
	"d": true, "date": true, "day": true, "ngay": true, "month": true, "thang": true,
	"year": true, "nam": true, "week": true, "tuan": true,
}

// FrontierLister lists every URL the frontier holds, in any state, so a
// crawl counts them against the per-host budget. Optional: without it a
// budget counts the URLs found in this run only.
type FrontierLister interface {
	EachFrontierURL(ctx context.Context, fn func(url string) error) error
}

// admission decides which discovered URLs enter the frontier, and counts
// those it cuts: URLs of trap shape, URLs past their host's budget, and
// the next pages of a pagination chain that keeps showing the same items.
type admission struct {
	maxURLLength int // 0: no limit
	maxPerHost   int // 0: no limit
	log          *slog.Logger
	seed         maphash.Seed

	mu      sync.Mutex
	known   map[uint64]bool                // URLs admitted (hashed); true once in the frontier's table
	perHost map[string]int                 // of them, per host
	cut     map[uint64]struct{}            // URLs cut in this run, counted once
	chains  map[string]map[uint64]struct{} // pagination chain → item sets seen
	by      map[string]int                 // cuts per reason
	logged  map[string]bool                // host and reason announced
}

func newAdmission(cfg Config, log *slog.Logger) *admission {
	return &admission{
		maxURLLength: cfg.MaxURLLength, maxPerHost: cfg.MaxPagesPerHost, log: log, seed: maphash.MakeSeed(),
		known: map[uint64]bool{}, perHost: map[string]int{}, cut: map[uint64]struct{}{},
		chains: map[string]map[uint64]struct{}{}, by: map[string]int{}, logged: map[string]bool{},
	}
}

func (a *admission) hash(s string) uint64 { return maphash.String(a.seed, s) }

// load counts the URLs an earlier run left in the frontier.
func (a *admission) load(ctx context.Context, st any) error {
	fl, ok := st.(FrontierLister)
	if !ok {
		return nil
	}
	return fl.EachFrontierURL(ctx, func(raw string) error {
		if u, err := url.Parse(raw); err == nil {
			a.known[a.add(u)] = true
		}
		return nil
	})
}

// add takes u into the frontier's count and returns its hash; callers
// hold mu or own a.
func (a *admission) add(u *url.URL) (h uint64) {
	h = a.hash(u.String())
	if _, ok := a.known[h]; ok {
		return h
	}
	a.known[h] = false
	a.perHost[u.Host]++
	return h
}

// stored notes links their page's record put in the frontier's table: a
// later page linking them need not hand them to the store again. A
// department site's every page links its menus and sidebars, and each
// page waiting for its commit held them all (most of its memory there),
// and each commit looked every one up in the frontier's index to leave it
// as it was.
func (a *admission) stored(links []store.Link) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, l := range links {
		h := a.hash(l.URL)
		if inTable, ok := a.known[h]; ok && !inTable {
			a.known[h] = true
		}
	}
}

// seeds admits the seeds: what the user asked for is never cut.
func (a *admission) seeds(us []*url.URL) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, u := range us {
		a.add(u)
	}
}

// links returns the candidates (canonical, in scope, distinct) that may
// enter the frontier, found on page from ("" for a sitemap) at depth.
// A URL admitted here counts against its host's budget even if the page's
// write then fails; that page is fetched again on the next run, when the
// count is rebuilt from the frontier.
func (a *admission) links(from string, cands []*url.URL, depth int) []store.Link {
	a.mu.Lock()
	defer a.mu.Unlock()
	chain, repeating := "", false
	if from != "" {
		chain = chainKey(from)
		repeating = a.repeating(chain, cands)
	}
	out := make([]store.Link, 0, len(cands))
	for _, u := range cands {
		key := u.String()
		h := a.hash(key)
		if inTable, ok := a.known[h]; ok {
			// Admitted before: handed to the store again (which keeps
			// the first depth) unless a page's record already put it in
			// the frontier, as the page that linked it may not be
			// recorded yet, or may fail to be.
			if !inTable {
				out = append(out, store.Link{URL: key, Depth: depth})
			}
			continue
		}
		reason := trapShape(u, a.maxURLLength)
		if reason == "" && repeating && chainKey(key) == chain {
			reason = CutRepeatingPages
		}
		if reason == "" && a.maxPerHost > 0 && a.perHost[u.Host] >= a.maxPerHost {
			reason = CutHostBudget
		}
		if reason != "" {
			a.cutOne(h, u, reason)
			continue
		}
		a.add(u)
		out = append(out, store.Link{URL: key, Depth: depth})
	}
	return out
}

// repeating reports whether a page of a pagination chain shows the same
// items (its links outside the chain) as a page of the chain seen before:
// then the chain goes on forever or has ended in an echo, and its next
// pages are not followed.
func (a *admission) repeating(chain string, cands []*url.URL) bool {
	var items []string
	inChain := false
	for _, u := range cands {
		k := u.String()
		if chainKey(k) == chain {
			inChain = true
			continue
		}
		items = append(items, k)
	}
	if !inChain {
		return false // no next page to stop
	}
	slices.Sort(items)
	h := a.hash(strings.Join(items, "\n"))
	seen := a.chains[chain]
	if seen == nil {
		seen = map[uint64]struct{}{}
		a.chains[chain] = seen
	}
	if _, ok := seen[h]; ok {
		return true
	}
	seen[h] = struct{}{}
	return false
}

func (a *admission) cutOne(h uint64, u *url.URL, reason string) {
	if _, ok := a.cut[h]; ok {
		return
	}
	a.cut[h] = struct{}{}
	a.by[reason]++
	if k := u.Host + " " + reason; !a.logged[k] {
		a.logged[k] = true
		a.log.Info("cutting URLs: "+reason, "host", u.Host, "first", u.String())
	}
}

// counts returns the cuts of this run, per reason.
func (a *admission) counts() (total int, by map[string]int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, n := range a.by {
		total += n
	}
	return total, maps.Clone(a.by)
}

// trapShape returns why a URL looks generated by a trap, or "".
func trapShape(u *url.URL, maxLen int) string {
	if maxLen > 0 && len(u.String()) > maxLen {
		return CutLongURL
	}
	segs := map[string]int{}
	for _, s := range strings.Split(u.EscapedPath(), "/") {
		if s == "" {
			continue
		}
		if segs[s]++; segs[s] > maxSegmentRepeats {
			return CutRepeatedSegment
		}
	}
	if u.RawQuery == "" {
		return ""
	}
	params := strings.Split(u.RawQuery, "&")
	if len(params) > maxQueryParams {
		return CutGrowingQuery
	}
	keys := map[string]int{}
	for _, p := range params {
		k, _, _ := strings.Cut(p, "=")
		if keys[k]++; keys[k] > maxQueryKeyRepeats {
			return CutGrowingQuery
		}
	}
	return ""
}

// chainKey names the pagination chain of a canonical URL: the URL without
// its pagination parameters.
func chainKey(raw string) string {
	base, query, ok := strings.Cut(raw, "?")
	if !ok {
		return raw
	}
	var keep []string
	for _, p := range strings.Split(query, "&") {
		k, _, _ := strings.Cut(p, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if !paginationParams[strings.ToLower(k)] {
			keep = append(keep, p)
		}
	}
	if len(keep) == 0 {
		return base
	}
	return base + "?" + strings.Join(keep, "&")
}
