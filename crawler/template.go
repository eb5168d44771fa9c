package crawler

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/govcorpus/govcorpus/extract"
	"github.com/govcorpus/govcorpus/store"
)

// TemplateStore keeps per-host template statistics across runs.
type TemplateStore interface {
	Templates(ctx context.Context) (map[string]store.TemplateStats, error)
}

// SiteModelStore keeps per-host site models (extract.SiteModel, as JSON)
// across runs.
type SiteModelStore interface {
	SiteModels(ctx context.Context) (map[string][]byte, error)
	SaveSiteModels(ctx context.Context, models map[string][]byte) error
}

// templateWarmup is how many of a host's pages the crawl sees before it
// trusts the host's template statistics. Articles extracted earlier are
// held and extracted again once the host is warm, so the first pages of a
// site get the same cleaning as the rest; a site smaller than this gets
// no template cleaning, since a few pages cannot tell template from
// content.
const templateWarmup = 12

// maxHeld bounds the pages held per host while its template warms up.
const maxHeld = templateWarmup

// templates learns, per host, which text blocks recur on most pages: the
// site's menus, counters and footers, which single-page rules can miss (a
// sidebar longer than the article).
type templates struct {
	mu    sync.Mutex
	hosts map[string]*hostTemplate
	calls atomic.Int64 // extract.Extract calls, for Stats.Extractions
}

type hostTemplate struct {
	counts *extract.TemplateCounts
	site   *extract.SiteModel // the shapes of the host's pages
	held   []heldPage         // extracted before the host was warm
}

// heldPage is what re-extracting a page needs.
type heldPage struct {
	res         store.Result
	body        []byte
	contentType string
}

func loadTemplates(ctx context.Context, st any) (*templates, error) {
	t := &templates{hosts: map[string]*hostTemplate{}}
	ts, ok := st.(TemplateStore)
	if !ok {
		return t, nil
	}
	stats, err := ts.Templates(ctx)
	if err != nil {
		return nil, err
	}
	for host, s := range stats {
		counts := make(map[extract.Fingerprint]int, len(s.Counts))
		for fp, n := range s.Counts {
			counts[extract.Fingerprint(fp)] = n
		}
		t.hosts[host] = &hostTemplate{counts: extract.NewTemplateCounts(s.Pages, counts), site: &extract.SiteModel{}}
	}
	ms, ok := st.(SiteModelStore)
	if !ok {
		return t, nil
	}
	models, err := ms.SiteModels(ctx)
	if err != nil {
		return nil, err
	}
	for host, b := range models {
		if err := t.host(host).site.UnmarshalJSON(b); err != nil {
			return nil, fmt.Errorf("site model of %s: %w", host, err)
		}
	}
	return t, nil
}

// save stores every host's site model, for the next run to start with.
func (t *templates) save(ctx context.Context, st any) error {
	ms, ok := st.(SiteModelStore)
	if !ok {
		return nil
	}
	t.mu.Lock()
	models := make(map[string][]byte, len(t.hosts))
	for host, h := range t.hosts {
		b, err := h.site.MarshalJSON()
		if err != nil {
			t.mu.Unlock()
			return fmt.Errorf("site model of %s: %w", host, err)
		}
		models[host] = b
	}
	t.mu.Unlock()
	return ms.SaveSiteModels(ctx, models)
}

// siteOf returns the host's site model once it is trusted, else nil.
func (t *templates) siteOf(host string) extract.Site {
	t.mu.Lock()
	defer t.mu.Unlock()
	h := t.host(host)
	if h.site.Pages() < templateWarmup {
		return nil
	}
	return h.site
}

// of returns the host's statistics once they are trusted, else nil.
func (t *templates) of(host string) extract.Template {
	t.mu.Lock()
	defer t.mu.Unlock()
	h := t.host(host)
	if h.counts.Pages() < templateWarmup {
		return nil
	}
	return h.counts
}

// learn counts a page's blocks. An article extracted without trusted
// statistics (hold) is held until its host is warm, then returned for
// extraction again with the others held; workers race, so the host may
// have turned warm while this page was being extracted.
func (t *templates) learn(host string, fps []extract.Fingerprint, shape extract.Shape, hold *heldPage) (redo []heldPage) {
	t.mu.Lock()
	defer t.mu.Unlock()
	h := t.host(host)
	h.counts.Add(fps)
	h.site.Add(shape)
	if hold != nil && len(h.held) < maxHeld {
		h.held = append(h.held, *hold)
	}
	if h.counts.Pages() >= templateWarmup {
		redo, h.held = h.held, nil
	}
	return redo
}

// host returns a host's entry, creating it on first sight; t.mu is held.
func (t *templates) host(name string) *hostTemplate {
	h, ok := t.hosts[name]
	if !ok {
		h = &hostTemplate{counts: &extract.TemplateCounts{}, site: &extract.SiteModel{}}
		t.hosts[name] = h
	}
	return h
}

// extract reads a page as a crawl stores it. The page type comes from the
// page as served and, once the host is warm, its site model (see
// extract.SiteModel); a warm host's template statistics then only clean an
// article's text, and only when the article survives them (a site whose
// articles share their paragraphs would otherwise lose them as
// "template"). warm says whether the statistics were trusted.
func (t *templates) extract(p *store.Page, body []byte, host string) (art extract.Article, warm bool, err error) {
	page := extract.Page{URL: p.FinalURL, HTML: body, ContentType: p.ContentType, Site: t.siteOf(host)}
	t.calls.Add(1)
	art, err = extract.Extract(page)
	if err != nil || art.PageType != extract.TypeArticle {
		return art, page.Site != nil, err
	}
	if page.Template = t.of(host); page.Template == nil {
		return art, false, nil
	}
	t.calls.Add(1)
	clean, err := extract.Extract(page)
	if err != nil || clean.PageType != extract.TypeArticle || clean.Text == "" {
		return art, true, nil
	}
	clean.Fingerprints, clean.Shape = art.Fingerprints, art.Shape
	return clean, true, nil
}
