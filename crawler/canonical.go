package crawler

import (
	"cmp"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// sessionParams are query parameters that carry a session id, by lower-case
// name: the same page under a new id per visit is a crawler trap, and an id
// is worthless (even a risk) once stored.
var sessionParams = map[string]bool{
	"jsessionid": true, "phpsessid": true, "sessionid": true, "session_id": true,
	"cfid": true, "cftoken": true, "oscsid": true, "zenid": true,
}

// aspSessionPrefix names classic ASP's session parameters,
// ASPSESSIONIDxxxxxxxx with a varying suffix.
const aspSessionPrefix = "aspsessionid"

// minSessionToken is the shortest value of a "sid" parameter taken for a
// session id. Portals also use sid for a section id ("?sid=12"), which must
// stay; session tokens are long random strings.
const minSessionToken = 16

var (
	sessionToken = regexp.MustCompile(`^[0-9A-Za-z_-]+$`)
	// ;jsessionid=… (Java servlets) and the like, inside a path segment.
	pathSession = regexp.MustCompile(`(?i);(?:jsessionid|phpsessid|sessionid|sid)=[^/;?]*`)
	// ASP.NET cookieless sessions: a "(S(…))" path segment.
	aspNetSession = regexp.MustCompile(`^\((?:[A-Z]\([^()/]*\))+\)$`)
)

// Canonical returns the form of u used as the frontier key, so the same
// page reached by two spellings is fetched once: lower-case scheme and host,
// no default port, no fragment, "/" for an empty path, query parameters in
// sorted order (a stable sort by name, so repeated names keep their order),
// and no session ids (see sessionParams), in the query or the path.
// Credentials (user:password@) are dropped, so no stored or logged URL
// carries them.
func Canonical(u *url.URL) *url.URL {
	c := *u
	c.User = nil
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = strings.ToLower(c.Host)
	if (c.Scheme == "http" && c.Port() == "80") || (c.Scheme == "https" && c.Port() == "443") {
		c.Host = c.Hostname()
		if strings.Contains(c.Host, ":") { // IPv6 literal
			c.Host = "[" + c.Host + "]"
		}
	}
	c.Fragment = ""
	c.RawFragment = ""
	if c.Opaque == "" {
		stripPathSessions(&c)
	}
	if c.Path == "" && c.Opaque == "" {
		c.Path = "/"
	}
	c.RawQuery = canonicalQuery(c.RawQuery)
	c.ForceQuery = false
	return &c
}

// stripPathSessions removes ;jsessionid=… parameters and ASP.NET
// "(S(…))" segments from the path.
func stripPathSessions(u *url.URL) {
	if !strings.Contains(u.Path, ";") && !strings.Contains(u.Path, "(") {
		return
	}
	clean := func(p string) string {
		p = pathSession.ReplaceAllString(p, "")
		segs := strings.Split(p, "/")
		out := segs[:0]
		for _, s := range segs {
			if !aspNetSession.MatchString(s) {
				out = append(out, s)
			}
		}
		return strings.Join(out, "/")
	}
	u.Path = clean(u.Path)
	if u.RawPath != "" {
		u.RawPath = clean(u.RawPath)
	}
}

// canonicalQuery sorts a raw query's parameters by name without decoding
// them (a server may care how a value is escaped) and drops empty ones and
// session ids.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type param struct{ key, pair string }
	var ps []param
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		if isSessionParam(k, v) {
			continue
		}
		ps = append(ps, param{k, pair})
	}
	slices.SortStableFunc(ps, func(a, b param) int { return cmp.Compare(a.key, b.key) })
	pairs := make([]string, len(ps))
	for i, p := range ps {
		pairs[i] = p.pair
	}
	return strings.Join(pairs, "&")
}

func isSessionParam(rawKey, rawValue string) bool {
	k, err := url.QueryUnescape(rawKey)
	if err != nil {
		k = rawKey
	}
	k = strings.ToLower(k)
	switch {
	case sessionParams[k], strings.HasPrefix(k, aspSessionPrefix):
		return true
	case k == "sid":
		return len(rawValue) >= minSessionToken && sessionToken.MatchString(rawValue)
	}
	return false
}
