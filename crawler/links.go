package crawler

import (
	"net/url"
	"strings"

	whatwg "github.com/nlnwa/whatwg-url/url"

	"github.com/govcorpus/govcorpus/extract"
)

// hrefParser resolves links as Colly's Request.AbsoluteURL does (WHATWG
// URL parsing, a lone '%' percent-encoded), so that taking a page's links
// from the extractor's parse rather than a Colly selector over a parse of
// its own changes no URL the crawl follows. It holds no state.
var hrefParser = whatwg.NewParser(whatwg.WithPercentEncodeSinglePercentSign())

// absoluteLinks resolves a page's link targets against the URL it was
// served from, or its <base href>, the way Colly does: a link to a
// fragment of the page itself, or one that does not parse, is dropped.
func absoluteLinks(pageURL string, h extract.Hrefs) []string {
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
	out := make([]string, 0, len(h.Targets))
	// A page links the same targets many times (menus, teasers with a
	// picture and a headline): each is resolved once, and the WHATWG
	// parser reparses the base for every call.
	seen := make(map[string]bool, len(h.Targets))
	for _, t := range h.Targets {
		if strings.HasPrefix(t, "#") || seen[t] {
			continue
		}
		seen[t] = true
		u, err := b.Clone().Parse(t)
		if err != nil {
			continue
		}
		if s := u.Href(false); s != "" {
			out = append(out, s)
		}
	}
	return out
}
