package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"

	"github.com/govcorpus/govcorpus/store"
)

// errDisallowed marks a URL robots.txt forbids.
var errDisallowed = errors.New("disallowed by robots.txt")

// Blocked reports whether a page's recorded error is robots.txt's refusal,
// which is a choice of the site, not a failure.
func Blocked(pageError string) bool { return pageError == errDisallowed.Error() }

// maxCrawlDelay caps the Crawl-delay a robots.txt may ask for: beyond a
// minute a crawl of a department site would never finish.
const maxCrawlDelay = time.Minute

// robots obeys each host's robots.txt. Colly's own check is off: it
// fetches robots.txt without the crawl's context or retries and keeps
// Crawl-delay to itself. Here robots.txt goes through the same fetch path
// as pages (retries, body limit, the WARC recorder), and a Crawl-delay
// longer than --delay sets the host's pace.
type robots struct {
	c     *crawler
	mu    sync.Mutex
	hosts map[string]*hostRobots
}

type hostRobots struct {
	mu   sync.Mutex // held while the first worker fetches robots.txt
	data *robotstxt.RobotsData
}

func newRobots(c *crawler) *robots {
	return &robots{c: c, hosts: map[string]*hostRobots{}}
}

// allowed reports whether u may be fetched. The first call for a host
// fetches its robots.txt and sets the host's politeness; a failed fetch is
// not cached, so the next URL of the host tries again.
func (r *robots) allowed(ctx context.Context, u *url.URL) (bool, error) {
	r.mu.Lock()
	h, ok := r.hosts[u.Host]
	if !ok {
		h = &hostRobots{}
		r.hosts[u.Host] = h
	}
	r.mu.Unlock()

	h.mu.Lock()
	defer h.mu.Unlock()
	if h.data == nil {
		data, err := r.fetch(ctx, u)
		if err != nil {
			return false, err
		}
		h.data = data
		if err := r.c.pace(u.Host, data.FindGroup(r.c.cfg.UserAgent).CrawlDelay); err != nil {
			return false, err
		}
		r.c.sitemaps(ctx, data.Sitemaps)
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return h.data.TestAgent(path, r.c.cfg.UserAgent), nil
}

func (r *robots) fetch(ctx context.Context, u *url.URL) (*robotstxt.RobotsData, error) {
	ru := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}).String()
	resp, err := r.c.fetch(ctx, ru, nil)
	if err != nil {
		return nil, fmt.Errorf("robots.txt of %s: %w", u.Host, err)
	}
	// 2xx: the rules; 4xx: no rules; 5xx after retries: the site is down,
	// so nothing may be fetched for now (RFC 9309).
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, resp.Body)
	if err != nil {
		r.c.log.Warn("unreadable robots.txt: treating the site as unrestricted", "url", ru, "error", err)
		data, _ = robotstxt.FromStatusAndBytes(404, nil)
	}
	return data, nil
}

// pace sets a host's rest between requests: --delay, or the robots.txt
// Crawl-delay when that is longer.
func (c *crawler) pace(host string, crawlDelay time.Duration) error {
	delay := c.cfg.Delay
	if i := c.scope.siteOfHost(host); i >= 0 {
		delay = c.sites[i].Delay
	}
	if crawlDelay > delay {
		delay = min(crawlDelay, maxCrawlDelay)
		c.log.Info("robots.txt asks for a longer delay", "host", host, "delay", delay)
	}
	c.mu.Lock()
	c.delays[strings.ToLower(host)] = delay
	c.mu.Unlock()
	return nil
}

// limit gives Colly each host's bound on requests in flight (robots.txt
// and sitemaps included); the workers rest between pages (see delayOf),
// so that a 304 can cost less of the host's time than a page. It runs
// before the first request: Colly reads its rules while requests run
// without the lock its Limit takes, so a rule added mid-crawl is a data
// race (seen under -race as a rule read before its Init).
func (c *crawler) limit(hosts []string) error {
	for _, host := range hosts {
		parallel := c.cfg.Parallel
		if i := c.scope.siteOfHost(host); i >= 0 {
			parallel = c.sites[i].Parallel
		}
		rule := &colly.LimitRule{DomainRegexp: hostPattern(host), Parallelism: parallel}
		if err := c.col.Limit(rule); err != nil {
			return fmt.Errorf("politeness rule for %s: %w", host, err)
		}
	}
	return nil
}

// delayOf is the rest after a request to raw's host: its pace once set
// (robots.txt read), else its site's --delay.
func (c *crawler) delayOf(raw string) time.Duration {
	host := store.HostOf(raw)
	c.mu.Lock()
	d, ok := c.delays[host]
	c.mu.Unlock()
	if ok {
		return d
	}
	if i := c.scope.siteOfHost(host); i >= 0 {
		return c.sites[i].Delay
	}
	return c.cfg.Delay
}
