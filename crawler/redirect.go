package crawler

import (
	"errors"
	"fmt"
	"net/http"
)

// maxRedirects is the longest redirect chain followed. Browsers and
// net/http stop near ten hops; a longer chain is a misconfigured site or a
// trap, and its target is not worth the requests.
const maxRedirects = 10

// maxVisitsInChain is how often one URL may appear in a redirect chain.
// Twice, not once: many portals set a session cookie and send the client
// straight back to the page it asked for; a third visit is a loop.
const maxVisitsInChain = 2

// errRedirectLoop marks a redirect chain that came back to a URL too often.
var errRedirectLoop = errors.New("redirect loop")

// checkRedirect is the collector's redirect policy (Colly has already
// checked the target's host). A loop or an overlong chain fails the fetch,
// so the page row carries the reason instead of an unexplained 3xx.
// Credentials in a Location header are dropped before the hop is made:
// the next request would otherwise send them and archive the URL with them.
func checkRedirect(req *http.Request, via []*http.Request) error {
	req.URL.User = nil
	if len(via) > maxRedirects {
		return fmt.Errorf("too many redirects (%d)", len(via))
	}
	target := Canonical(req.URL).String()
	seen := 0
	for _, v := range via {
		if Canonical(v.URL).String() == target {
			seen++
		}
	}
	if seen >= maxVisitsInChain {
		return fmt.Errorf("%w: back to %s after %d hops", errRedirectLoop, target, len(via))
	}
	// As Colly's default policy does: a credential meant for one host is
	// not handed to another.
	if last := via[len(via)-1]; req.URL.Host != last.URL.Host {
		req.Header.Del("Authorization")
	}
	return nil
}
