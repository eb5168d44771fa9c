package crawler

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Scope decides which discovered URLs the crawl follows. A crawl has one
// or more sites, each with its hosts (its seeds' hosts and its extra
// allowed hosts), its depth and its include and exclude patterns; a URL is
// judged by the rules of the site its host belongs to, and a URL of no
// site is not followed.
type Scope struct {
	sites  []*siteScope
	byHost map[string]*siteScope // host[:port] as it appears in URLs, lower case
}

// siteScope is one site's rules.
type siteScope struct {
	hosts    []string
	maxDepth int // < 0: unlimited
	include  []*regexp.Regexp
	exclude  []*regexp.Regexp
}

// NewScope builds the scope of a crawl of one site. allowHosts may be
// "host" or "host:port"; a bare host admits every port of it.
func NewScope(seeds []*url.URL, allowHosts []string, maxDepth int, include, exclude []*regexp.Regexp) *Scope {
	s := &Scope{byHost: map[string]*siteScope{}}
	s.add(seeds, allowHosts, maxDepth, include, exclude)
	return s
}

// add adds a site and returns its index. A host already claimed by an
// earlier site stays with it (newScope refuses such configurations).
func (s *Scope) add(seeds []*url.URL, allowHosts []string, maxDepth int, include, exclude []*regexp.Regexp) int {
	site := &siteScope{maxDepth: maxDepth, include: include, exclude: exclude}
	claim := func(h string) {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, taken := s.byHost[h]; !taken {
			s.byHost[h] = site
			site.hosts = append(site.hosts, h)
		}
	}
	for _, u := range seeds {
		claim(u.Host)
	}
	for _, h := range allowHosts {
		claim(h)
	}
	s.sites = append(s.sites, site)
	return len(s.sites) - 1
}

// Hosts returns the hosts in scope, for per-host politeness rules.
func (s *Scope) Hosts() []string {
	out := make([]string, 0, len(s.byHost))
	for _, site := range s.sites {
		out = append(out, site.hosts...)
	}
	return out
}

// site returns the index of the site u's host belongs to, or -1.
func (s *Scope) site(u *url.URL) int {
	site := s.byHost[strings.ToLower(u.Host)]
	if site == nil {
		site = s.byHost[strings.ToLower(u.Hostname())]
	}
	return slices.Index(s.sites, site)
}

// siteOfHost is site for a frontier host key (host[:port]).
func (s *Scope) siteOfHost(host string) int {
	return s.site(&url.URL{Host: host})
}

// HostAllowed reports whether u's host is in scope.
func (s *Scope) HostAllowed(u *url.URL) bool {
	return s.site(u) >= 0
}

// Follow reports whether a link found at depth-1 is to be crawled at depth.
func (s *Scope) Follow(u *url.URL, depth int) bool {
	if u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	i := s.site(u)
	if i < 0 {
		return false
	}
	site := s.sites[i]
	if site.maxDepth >= 0 && depth > site.maxDepth {
		return false
	}
	raw := u.String()
	for _, re := range site.exclude {
		if re.MatchString(raw) {
			return false
		}
	}
	if len(site.include) == 0 {
		return true
	}
	for _, re := range site.include {
		if re.MatchString(raw) {
			return true
		}
	}
	return false
}

// TCP ports a seed may name: 0 is no port one can connect to, and a port
// number is 16 bits.
const (
	minPort = 1
	maxPort = 65535
)

// ParseSeed validates a seed URL given on the command line.
func ParseSeed(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("invalid seed URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("invalid seed URL %q: scheme must be http or https", raw)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("invalid seed URL %q: no host", raw)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < minPort || n > maxPort {
			return nil, fmt.Errorf("invalid seed URL %q: port %s is not in %d-%d", raw, p, minPort, maxPort)
		}
	}
	if u.User != nil {
		// Refused rather than stripped: a seed that needs a password would
		// crawl as an anonymous visitor, which is not what was asked.
		return nil, fmt.Errorf("invalid seed URL %q: user:password@ is not supported (it would be stored and logged); give the URL without it", u.Redacted())
	}
	return Canonical(u), nil
}
