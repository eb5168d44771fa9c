package crawler

import (
	"net/url"
	"strings"
	"sync"

	whatwg "github.com/nlnwa/whatwg-url/url"

	"github.com/govcorpus/govcorpus/extract"
)

// hrefParser resolves links as Colly's Request.AbsoluteURL does (WHATWG
// URL parsing, a lone '%' percent-encoded), so that taking a page's links
// from the extractor's parse rather than a Colly selector over a parse of
// its own changes no URL the crawl follows. It holds no state.
var hrefParser = whatwg.NewParser(whatwg.WithPercentEncodeSinglePercentSign())

// linkResolver resolves a page's link targets (see absolute) and
// remembers those that resolve the same on every page of a site: a target
// starting with '/' or an http(s) scheme depends on the base's origin
// alone, not its path. A department site's menus, sidebars and footers
// link the same hundred of them from every page, and resolving them was a
// twentieth of a crawl's CPU. Safe for concurrent use.
type linkResolver struct {
	mu    sync.RWMutex
	known map[string]map[string]string // origin → target → its resolution, "" for none
	n     int                          // targets in known
}

// maxKnownLinks bounds the targets a linkResolver remembers: the menus of
// the few dozen sites a crawl is on at once, a few hundred links each.
// When full it forgets them all and learns the current sites' again.
const maxKnownLinks = 8192

// absolute resolves a page's link targets against the URL it was served
// from, or its <base href>, the way Colly does: a link to a fragment of
// the page itself, or one that does not parse, is dropped.
func (r *linkResolver) absolute(pageURL string, h extract.Hrefs) []string {
	base := pageURL
	if h.Base != "" {
		if u, err := hrefParser.ParseRef(pageURL, h.Base); err == nil {
			if b, err := url.Parse(u.Href(false)); err == nil {
				base = b.String()
			}
		}
	}
	// The base is parsed once and each target resolved against a deep
	// copy of it: ParseRef would parse it again for every link, and a
	// parsed base cannot be shared, as the parser moves its path into the
	// result and edits it there.
	b, err := hrefParser.Parse(base)
	if err != nil {
		return nil
	}
	origin := "" // "" when targets are not remembered
	if s := b.Scheme(); s == "http" || s == "https" {
		origin = s + "://" + b.Username() + ":" + b.Password() + "@" + b.Host()
	}
	// A page links the same targets many times (menus, teasers with a
	// picture and a headline): each is resolved once, and the WHATWG
	// parser reparses the base for every call.
	seen := make(map[string]bool, len(h.Targets))
	resolved := make([]string, 0, len(h.Targets))
	var missed []int // indexes in resolved of the targets not known
	r.mu.RLock()
	site := r.known[origin]
	for _, t := range h.Targets {
		if strings.HasPrefix(t, "#") || seen[t] {
			continue
		}
		seen[t] = true
		if s, ok := site[t]; ok {
			resolved = append(resolved, s)
			continue
		}
		missed = append(missed, len(resolved))
		resolved = append(resolved, t)
	}
	r.mu.RUnlock()
	var learnt map[string]string
	for _, i := range missed {
		t, s := resolved[i], ""
		if u, err := b.Clone().Parse(t); err == nil {
			s = u.Href(false)
		}
		resolved[i] = s
		if origin != "" && originOnly(t) {
			if learnt == nil {
				learnt = map[string]string{}
			}
			learnt[t] = s
		}
	}
	if len(learnt) > 0 {
		r.learn(origin, learnt)
	}
	out := resolved[:0]
	for _, s := range resolved {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// learn remembers the resolutions of an origin's targets, forgetting all
// others first when the resolver is full.
func (r *linkResolver) learn(origin string, learnt map[string]string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.known == nil || r.n+len(learnt) > maxKnownLinks {
		r.known, r.n = map[string]map[string]string{}, 0
	}
	site := r.known[origin]
	if site == nil {
		site = make(map[string]string, len(learnt))
		r.known[origin] = site
	}
	for t, s := range learnt {
		if _, ok := site[t]; !ok {
			r.n++
		}
		site[t] = s
	}
}

// originOnly tells whether a link target resolves against a base by the
// base's scheme, user, host and port alone: a path from the root ("/x",
// and "//host/x"), or an http(s) URL with its host. "http:x", which a
// base of the same scheme resolves as a relative path, is not.
func originOnly(t string) bool {
	if strings.HasPrefix(t, "/") {
		return true
	}
	lower := strings.ToLower(t[:min(len(t), len("https://"))])
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}
