package crawler

import (
	"bytes"
	"context"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A page archived without its stylesheets, images, scripts and fonts
// replays unstyled, with alt text for pictures. With --warc the crawler
// fetches what an archived page references, once per URL per run, through
// the same politeness, robots.txt and --max-body as pages, so that the
// recorder archives it. Requisites are never extracted and never become
// pages or articles.

// maxRequisitesPerPage bounds what one page may make the crawler fetch: a
// department page references a few dozen files; a page listing thousands
// of thumbnails would otherwise cost thousands of requests per visit.
const maxRequisitesPerPage = 200

// maxRequisiteDepth bounds stylesheets importing stylesheets: a page's
// stylesheet (1) may @import another (2), whose fonts and images (3) are
// still fetched; anything deeper is a loop or a generator.
const maxRequisiteDepth = 3

// requisites remembers what this run fetched and decides which hosts a
// page's requisites may come from.
type requisites struct {
	scope *Scope
	extra map[string]bool // --requisites-hosts, host or host:port, lower case

	mu   sync.Mutex
	seen map[string]bool
}

func newRequisites(scope *Scope, hosts []string) *requisites {
	r := &requisites{scope: scope, extra: map[string]bool{}, seen: map[string]bool{}}
	for _, h := range hosts {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			r.extra[h] = true
		}
	}
	return r
}

// hosts lists the extra requisite hosts, for politeness rules and Colly's
// allowed domains.
func (r *requisites) hosts() []string {
	out := make([]string, 0, len(r.extra))
	for h := range r.extra {
		out = append(out, h)
	}
	return out
}

// wanted reports whether u may be fetched as a requisite now, and claims
// it for this run.
func (r *requisites) wanted(u *url.URL) bool {
	if u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	if !r.scope.HostAllowed(u) && !r.extra[strings.ToLower(u.Host)] && !r.extra[strings.ToLower(u.Hostname())] {
		return false
	}
	key := u.String()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen[key] {
		return false
	}
	r.seen[key] = true
	return true
}

// fetchRequisites fetches what an archived HTML page references, and what
// its stylesheets reference in turn. Failures are logged and do not fail
// the page: the page itself is archived.
func (c *crawler) fetchRequisites(ctx context.Context, pageURL *url.URL, body []byte) {
	if c.req == nil {
		return
	}
	type item struct {
		u     *url.URL
		depth int
	}
	var queue []item
	for _, u := range htmlRequisites(pageURL, body) {
		queue = append(queue, item{u, 1})
	}
	fetched := 0
	for len(queue) > 0 && fetched < maxRequisitesPerPage && ctx.Err() == nil {
		it := queue[0]
		queue = queue[1:]
		it.u.Fragment = ""
		if !c.req.wanted(it.u) {
			continue
		}
		raw := it.u.String()
		if err := c.obeyRobots(ctx, raw); err != nil {
			c.log.Debug("requisite skipped", "url", raw, "error", err)
			continue
		}
		fetched++
		resp, err := c.fetch(ctx, raw, nil)
		c.arch.drop(raw)
		if err != nil {
			c.log.Warn("requisite not archived", "url", raw, "page", pageURL.String(), "error", err)
			continue
		}
		c.arch.drop(resp.Request.URL.String())
		if resp.StatusCode != 200 || it.depth >= maxRequisiteDepth || !isCSS(resp.Headers.Get(origContentType), raw) {
			continue
		}
		for _, u := range cssRequisites(resp.Request.URL, resp.Body) {
			queue = append(queue, item{u, it.depth + 1})
		}
	}
}

// isCSS says whether a response is a stylesheet, whose url() and @import
// references are requisites too.
func isCSS(contentType, u string) bool {
	mt := strings.ToLower(withoutCharset(contentType))
	return mt == "text/css" || (mt == "" && strings.HasSuffix(strings.ToLower(strings.SplitN(u, "?", 2)[0]), ".css"))
}

// htmlRequisites lists the resources a page needs to be displayed:
// stylesheets and icons (<link>), images (src, srcset, poster), scripts,
// media sources, and what inline styles reference.
func htmlRequisites(base *url.URL, body []byte) []*url.URL {
	var out []*url.URL
	add := func(ref string) {
		ref = strings.TrimSpace(ref)
		if ref == "" || strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
			return
		}
		if u, err := base.Parse(ref); err == nil {
			out = append(out, u)
		}
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	inStyle := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.TextToken:
			if inStyle {
				for _, u := range cssRequisites(base, z.Text()) {
					out = append(out, u)
				}
			}
			continue
		case html.EndTagToken:
			inStyle = false
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		name, hasAttr := z.TagName()
		tag := atom.Lookup(name)
		if tag == atom.Style {
			inStyle = tt == html.StartTagToken
		}
		if tag == atom.Base && hasAttr {
			// <base href> changes what every relative reference means.
			for {
				k, v, more := z.TagAttr()
				if string(k) == "href" {
					if b, err := base.Parse(string(v)); err == nil {
						base = b
					}
				}
				if !more {
					break
				}
			}
			continue
		}
		attrs := map[string]string{}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			attrs[string(k)] = string(v)
		}
		if st := attrs["style"]; st != "" {
			for _, u := range cssRequisites(base, []byte(st)) {
				out = append(out, u)
			}
		}
		switch tag {
		case atom.Link:
			rel := " " + strings.ToLower(attrs["rel"]) + " "
			if strings.Contains(rel, " stylesheet ") || strings.Contains(rel, "icon") || strings.Contains(rel, " preload ") {
				add(attrs["href"])
			}
		case atom.Img, atom.Source:
			add(attrs["src"])
			for _, cand := range strings.Split(attrs["srcset"], ",") {
				if f := strings.Fields(cand); len(f) > 0 {
					add(f[0])
				}
			}
		case atom.Script, atom.Audio, atom.Track, atom.Embed:
			add(attrs["src"])
		case atom.Video:
			add(attrs["src"])
			add(attrs["poster"])
		case atom.Input:
			if strings.EqualFold(attrs["type"], "image") {
				add(attrs["src"])
			}
		}
	}
}

var (
	cssURL    = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)`)
	cssImport = regexp.MustCompile(`@import\s+(?:"([^"]*)"|'([^']*)')`)
)

// cssRequisites lists what a stylesheet references: url() (fonts,
// background images) and @import.
func cssRequisites(base *url.URL, css []byte) []*url.URL {
	var out []*url.URL
	for _, re := range []*regexp.Regexp{cssURL, cssImport} {
		for _, m := range re.FindAllSubmatch(css, -1) {
			var ref string
			for _, g := range m[1:] {
				if len(g) > 0 {
					ref = string(g)
				}
			}
			ref = strings.TrimSpace(ref)
			if ref == "" || strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
				continue
			}
			if u, err := base.Parse(ref); err == nil {
				out = append(out, u)
			}
		}
	}
	return out
}
