package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/govcorpus/govcorpus/extract"
	"github.com/govcorpus/govcorpus/store"
)

// TemplateStore keeps per-host template statistics across runs.
type TemplateStore interface {
	Templates(ctx context.Context) (map[string]store.TemplateStats, error)
}

// TemplateSaver stores the template statistics a crawl kept in memory.
type TemplateSaver interface {
	SaveTemplates(ctx context.Context, stats map[string]store.TemplateStats) error
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
	mu        sync.Mutex
	hosts     map[string]*hostTemplate
	sinceSave int          // pages learnt since the statistics were last saved
	calls     atomic.Int64 // extract.Extract calls, for Stats.Extractions
}

// templateSaveEvery is how many pages a crawl learns between two saves of
// its template statistics: often enough that a killed crawl loses little
// of what it learnt (the next run learns it again), seldom enough that
// saving costs nothing next to the pages. Every run also saves at its end.
const templateSaveEvery = 1000

type hostTemplate struct {
	counts *blockCounts
	site   *extract.SiteModel // the shapes of the host's pages
	held   []heldPage         // extracted before the host was warm
	// dirty says the host learnt pages since its last save: a crawl over
	// hundreds of hosts saves only the few it is on.
	dirty bool
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
		t.hosts[host] = &hostTemplate{counts: loadBlockCounts(s), site: &extract.SiteModel{}}
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

// save stores the template statistics and site model of every host that
// learnt pages since the last save, for the next run to start with.
func (t *templates) save(ctx context.Context, st any) error {
	t.mu.Lock()
	t.sinceSave = 0
	stats := map[string]store.TemplateStats{}
	models := map[string][]byte{}
	for host, h := range t.hosts {
		if !h.dirty {
			continue
		}
		b, err := h.site.MarshalJSON()
		if err != nil {
			t.mu.Unlock()
			return fmt.Errorf("site model of %s: %w", host, err)
		}
		h.dirty = false
		stats[host], models[host] = h.counts.stats(), b
	}
	t.mu.Unlock()
	if len(stats) == 0 {
		return nil
	}
	var terr, merr error
	if ts, ok := st.(TemplateSaver); ok {
		terr = ts.SaveTemplates(ctx, stats)
	}
	if ms, ok := st.(SiteModelStore); ok {
		merr = ms.SaveSiteModels(ctx, models)
	}
	if err := errors.Join(terr, merr); err != nil {
		t.mu.Lock()
		for host := range stats {
			t.hosts[host].dirty = true // saved again next time
		}
		t.mu.Unlock()
		return err
	}
	return nil
}

// saveIfDue saves the statistics once templateSaveEvery pages were
// learnt since the last save. A failed save is only logged: the pages are
// stored, and the statistics are saved again later.
func (t *templates) saveIfDue(ctx context.Context, st any, log *slog.Logger) {
	t.mu.Lock()
	due := t.sinceSave >= templateSaveEvery
	if due {
		t.sinceSave = 0 // one worker saves; the others go on
	}
	t.mu.Unlock()
	if !due {
		return
	}
	if err := t.save(ctx, st); err != nil && ctx.Err() == nil {
		log.Warn("site templates not saved; they are saved again later", "error", err)
	}
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
	h.counts.add(fps)
	h.site.Add(shape)
	h.dirty = true
	t.sinceSave++
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
		h = &hostTemplate{counts: &blockCounts{}, site: &extract.SiteModel{}}
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
	if clean, ok := art.WithTemplate(page.Template); ok {
		return clean, true, nil // cleaned on its text, not read again
	}
	t.calls.Add(1)
	clean, err := extract.Extract(page)
	if err != nil || clean.PageType != extract.TypeArticle || clean.Text == "" {
		return art, true, nil
	}
	clean.Fingerprints, clean.Shape = art.Fingerprints, art.Shape
	return clean, true, nil
}

// templateWindow is the bucket width, in pages, of the lossy counting
// (Manku and Motwani) that bounds a host's block counts: at the end of
// every window, blocks that did not appear on at least one page in
// templateWindow since they were first counted are forgotten. A count is
// then at most pages/templateWindow (1%) below the truth, far from the
// boundary extract draws (a block on half the pages is template), while
// the map holds the template's blocks and about one window of unique
// paragraphs instead of every paragraph the host ever served.
const templateWindow = 100

// blockCounts is a host's template statistics (extract.Template) in
// bounded memory; see templateWindow.
type blockCounts struct {
	mu     sync.RWMutex
	pages  int
	counts map[extract.Fingerprint]blockCount
}

// blockCount is a block's count since it was last taken in, and how many
// pages it may have been missed on before that (lossy counting's delta).
type blockCount struct{ n, missed int }

func loadBlockCounts(s store.TemplateStats) *blockCounts {
	b := &blockCounts{pages: s.Pages, counts: make(map[extract.Fingerprint]blockCount, len(s.Counts))}
	missed := b.window() - 1
	for fp, n := range s.Counts {
		b.counts[extract.Fingerprint(fp)] = blockCount{n: n, missed: missed}
	}
	return b
}

// window is the number of the current window, from 1; b.mu is held.
func (b *blockCounts) window() int { return b.pages/templateWindow + 1 }

// add counts one page's fingerprints.
func (b *blockCounts) add(fps []extract.Fingerprint) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.counts == nil {
		b.counts = make(map[extract.Fingerprint]blockCount)
	}
	w := b.window()
	b.pages++
	for _, fp := range fps { // each once (Article.Fingerprints)
		c, ok := b.counts[fp]
		if !ok {
			c.missed = w - 1
		}
		c.n++
		b.counts[fp] = c
	}
	if b.pages%templateWindow == 0 {
		for fp, c := range b.counts {
			if c.n+c.missed <= w {
				delete(b.counts, fp)
			}
		}
	}
}

// Pages implements extract.Template.
func (b *blockCounts) Pages() int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.pages
}

// Count implements extract.Template.
func (b *blockCounts) Count(fp extract.Fingerprint) int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.counts[fp].n
}

// stats is what is saved: the blocks seen on more than one page (one
// seen once tells nothing yet, and most are an article's own paragraphs).
func (b *blockCounts) stats() store.TemplateStats {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := store.TemplateStats{Pages: b.pages, Counts: map[uint64]int{}}
	for fp, c := range b.counts {
		if c.n > 1 {
			out.Counts[uint64(fp)] = c.n
		}
	}
	return out
}
