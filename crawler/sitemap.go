package crawler

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
)

// maxSitemaps bounds how many sitemap files one host's robots.txt leads
// to (an index may list thousands).
const maxSitemaps = 50

// sitemapDoc is a sitemap or a sitemap index (sitemaps.org 0.9).
type sitemapDoc struct {
	URLs     []sitemapLoc `xml:"url"`
	Sitemaps []sitemapLoc `xml:"sitemap"`
}

type sitemapLoc struct {
	Loc string `xml:"loc"`
}

// sitemaps enqueues the pages listed by the sitemaps a host's robots.txt
// declares: many portals build their menus in JavaScript, so links alone
// miss whole sections. Listed pages count as one hop from the seed. A
// sitemap that fails is logged and skipped; the crawl goes on from links.
func (c *crawler) sitemaps(ctx context.Context, declared []string) {
	queue := append([]string(nil), declared...)
	seen := map[string]bool{}
	for n := 0; len(queue) > 0 && n < maxSitemaps; n++ {
		raw := queue[0]
		queue = queue[1:]
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil || seen[u.String()] || !c.scope.HostAllowed(u) {
			continue
		}
		seen[u.String()] = true
		resp, err := c.fetch(ctx, u.String(), nil)
		if err != nil || resp.StatusCode != 200 {
			status := 0
			if resp != nil {
				status = resp.StatusCode
			}
			c.log.Warn("sitemap skipped", "url", u.String(), "status", status, "error", err)
			continue
		}
		var doc sitemapDoc
		if err := xml.Unmarshal(resp.Body, &doc); err != nil {
			c.log.Warn("sitemap skipped", "url", u.String(), "error", fmt.Errorf("parse: %w", err))
			continue
		}
		for _, s := range doc.Sitemaps {
			queue = append(queue, s.Loc)
		}
		var locs []string
		for _, l := range doc.URLs {
			locs = append(locs, strings.TrimSpace(l.Loc))
		}
		links := c.outlinks("", locs, 1)
		if len(links) == 0 {
			continue
		}
		n, err := c.st.Enqueue(ctx, links)
		if err != nil {
			c.log.Warn("sitemap pages not queued", "url", u.String(), "error", err)
			continue
		}
		c.log.Info("sitemap read", "url", u.String(), "pages", len(links), "new", n)
	}
}
