package crawler

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/govcorpus/govcorpus/store"
)

// ErrNoArchive means there is nothing to re-extract: no page of the
// database (or of the chosen site) has an archived response.
var ErrNoArchive = errors.New("no page has an archived response (crawl with --warc DIR first)")

// reextractBatch is how many re-extracted pages share one transaction: a
// commit (an fsync) costs more than the rows it writes, while a batch of
// this size still holds the write lock for milliseconds only.
const reextractBatch = 64

// ReextractStore is what re-extracting archived pages needs of the
// database.
type ReextractStore interface {
	TemplateStore
	CaptureFinder
	ArchivedPages(ctx context.Context) ([]store.Page, error)
	ApplyReextractions(ctx context.Context, rs []store.Reextraction) ([]store.ReextractChange, error)
}

// ReextractConfig is one re-extraction's settings.
type ReextractConfig struct {
	// Site, when set, keeps the pages of this host only: a bare host
	// matches any port of it, host:port that port only (as --allow-host).
	Site string
	// Workers is how many pages are extracted at once; < 1 means one per
	// CPU.
	Workers int
	Logger  *slog.Logger
}

// ReextractStats summarises one re-extraction.
type ReextractStats struct {
	Pages       int   // HTML pages read from the archive and extracted
	Bytes       int64 // their bodies, decoded
	Added       int   // pages that are articles now and had no article row
	Updated     int   // articles whose text, title, date or language changed
	Removed     int   // articles that are listing or other pages now
	TypeChanges int   // pages whose page type changed
	Errors      int   // pages whose archived response could not be read or extracted
	Elapsed     time.Duration
}

// Reextract runs today's extractor over the responses the crawl archived,
// with no network, and stores what a crawl would store now: page types,
// and articles added, updated or removed. Template statistics are the
// host's as learned by the crawls and are used the way a crawl uses them;
// they are not counted again. A page whose record cannot be read is logged
// (the file and the URL; once per missing file) and counted in Errors, and
// the others go on. The returned error means the run could not go on.
func Reextract(ctx context.Context, cfg ReextractConfig, st ReextractStore) (ReextractStats, error) {
	start := time.Now()
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	workers := cfg.Workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	pages, err := archivedPages(ctx, st, cfg.Site)
	if err != nil {
		return ReextractStats{}, err
	}
	tpl, err := loadTemplates(ctx, st)
	if err != nil {
		return ReextractStats{}, fmt.Errorf("load site templates: %w", err)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan store.Page)
	outs := make(chan reextracted, workers)
	go func() {
		defer close(jobs)
		for _, p := range pages {
			select {
			case jobs <- p:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				outs <- reextractPage(ctx, st, tpl, p)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(outs)
	}()

	t := tally{log: log, missing: map[string]bool{}}
	for o := range outs {
		if t.err != nil {
			continue // drain, so the workers end
		}
		t.add(o)
		if len(t.batch) >= reextractBatch {
			t.flush(ctx, st)
		}
		if t.err != nil {
			cancel()
		}
	}
	t.flush(ctx, st)
	t.stats.Elapsed = time.Since(start)
	if t.err != nil {
		return t.stats, t.err
	}
	return t.stats, ctx.Err()
}

// archivedPages lists the archived pages of site (all when empty).
func archivedPages(ctx context.Context, st ReextractStore, site string) ([]store.Page, error) {
	all, err := st.ArchivedPages(ctx)
	if err != nil {
		return nil, err
	}
	if site == "" {
		if len(all) == 0 {
			return nil, ErrNoArchive
		}
		return all, nil
	}
	var out []store.Page
	for _, p := range all {
		if u, err := url.Parse(p.FinalURL); err == nil && onSite(u, site) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("site %s: %w", site, ErrNoArchive)
	}
	return out, nil
}

// onSite reports whether u is on site: a bare host matches any port of
// it, host:port that port only.
func onSite(u *url.URL, site string) bool {
	site = strings.ToLower(site)
	if strings.EqualFold(u.Host, site) {
		return true
	}
	if strings.Contains(site, ":") && !strings.HasSuffix(site, "]") {
		return false // a port was given, and it differs
	}
	return strings.EqualFold(u.Hostname(), strings.Trim(site, "[]"))
}

// reextracted is the outcome of one page.
type reextracted struct {
	page    store.Page
	rx      *store.Reextraction // nil when skipped or failed
	bytes   int64
	err     error
	missing string // the WARC file that is not there, when that is err
}

// reextractPage reads one page's archived response and extracts it as a
// crawl would now.
func reextractPage(ctx context.Context, idx CaptureFinder, tpl *templates, p store.Page) reextracted {
	out := reextracted{page: p}
	if p.ContentType != "" && !isHTML(p.ContentType, nil) {
		return out // a PDF, an image: never extracted
	}
	rec, err := ArchivedResponse(ctx, idx, p.WarcFile, p.WarcOffset)
	if err != nil {
		out.err = fmt.Errorf("read the archived response of %s: %w", p.URL, err)
		var pe *fs.PathError
		if errors.Is(err, fs.ErrNotExist) && errors.As(err, &pe) {
			out.missing = pe.Path
		}
		return out
	}
	body, err := ArchivedBody(rec)
	if err != nil {
		out.err = fmt.Errorf("read the archived response of %s: %w", p.URL, err)
		return out
	}
	if !isHTML(p.ContentType, body) {
		return out
	}
	u, err := url.Parse(p.FinalURL)
	if err != nil {
		out.err = fmt.Errorf("extract %s: %w", p.URL, err)
		return out
	}
	art, _, err := tpl.extract(&p, body, u.Host)
	if err != nil {
		out.err = fmt.Errorf("extract %s: %w", p.URL, err)
		return out
	}
	out.bytes = int64(len(body))
	out.rx = &store.Reextraction{URL: p.URL, PageType: string(art.PageType), Article: articleOf(art, &p)}
	return out
}

// tally counts outcomes and stores them in batches. Only Reextract's own
// goroutine uses it.
type tally struct {
	log     *slog.Logger
	stats   ReextractStats
	batch   []store.Reextraction
	missing map[string]bool // WARC files already reported missing
	err     error           // a store write failed: the run stops
}

func (t *tally) add(o reextracted) {
	switch {
	case o.missing != "":
		t.stats.Errors++
		if !t.missing[o.missing] {
			t.missing[o.missing] = true
			t.log.Warn("WARC file missing: none of its pages is re-extracted", "file", o.missing, "url", o.page.URL)
		}
	case o.err != nil:
		t.stats.Errors++
		t.log.Warn("not re-extracted", "file", o.page.WarcFile, "url", o.page.URL, "error", o.err)
	case o.rx != nil:
		t.stats.Pages++
		t.stats.Bytes += o.bytes
		t.batch = append(t.batch, *o.rx)
	}
}

func (t *tally) flush(ctx context.Context, st ReextractStore) {
	if len(t.batch) == 0 || t.err != nil {
		return
	}
	changes, err := st.ApplyReextractions(ctx, t.batch)
	if err != nil {
		t.err = err
		return
	}
	for i, c := range changes {
		if c.TypeChanged {
			t.stats.TypeChanges++
		}
		switch c.Article {
		case store.ArticleAdded:
			t.stats.Added++
		case store.ArticleUpdated:
			t.stats.Updated++
		case store.ArticleRemoved:
			t.stats.Removed++
		}
		if c.TypeChanged || c.Article != store.ArticleSame {
			t.log.Debug("re-extracted", "url", t.batch[i].URL, "type", t.batch[i].PageType)
		}
	}
	t.batch = t.batch[:0]
}
