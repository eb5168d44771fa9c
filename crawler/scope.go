package crawler

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Scope decides which discovered URLs the crawl follows: the seeds' hosts
// and any extra allowed hosts, within a depth, matching the include
// patterns (when any) and none of the exclude patterns.
type Scope struct {
	hosts    map[string]bool // host[:port] as it appears in URLs, lower case
	maxDepth int             // < 0: unlimited
	include  []*regexp.Regexp
	exclude  []*regexp.Regexp
}

// NewScope builds the scope of a crawl. allowHosts may be "host" or
// "host:port"; a bare host admits every port of it.
func NewScope(seeds []*url.URL, allowHosts []string, maxDepth int, include, exclude []*regexp.Regexp) *Scope {
	s := &Scope{hosts: map[string]bool{}, maxDepth: maxDepth, include: include, exclude: exclude}
	for _, u := range seeds {
		s.hosts[strings.ToLower(u.Host)] = true
	}
	for _, h := range allowHosts {
		s.hosts[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return s
}

// Hosts returns the hosts in scope, for per-host politeness rules.
func (s *Scope) Hosts() []string {
	out := make([]string, 0, len(s.hosts))
	for h := range s.hosts {
		out = append(out, h)
	}
	return out
}

// HostAllowed reports whether u's host is in scope.
func (s *Scope) HostAllowed(u *url.URL) bool {
	return s.hosts[strings.ToLower(u.Host)] || s.hosts[strings.ToLower(u.Hostname())]
}

// Follow reports whether a link found at depth-1 is to be crawled at depth.
func (s *Scope) Follow(u *url.URL, depth int) bool {
	if u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	if s.maxDepth >= 0 && depth > s.maxDepth {
		return false
	}
	if !s.HostAllowed(u) {
		return false
	}
	raw := u.String()
	for _, re := range s.exclude {
		if re.MatchString(raw) {
			return false
		}
	}
	if len(s.include) == 0 {
		return true
	}
	for _, re := range s.include {
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
