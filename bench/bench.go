// Package bench measures govcorpus's extractor side by side with other Go
// extractors (go-trafilatura with its fallback on, and go-readability) on the
// four shared benchmark sets: wcxb-dev, vi-gov2, vi-gov and
// article-extraction.
//
// Quality is what extract/eval scores: each set its own way (WCXB's
// bag-of-words F1 for wcxb-dev, the article-extraction benchmark's shingles
// for the others). Speed is input HTML bytes over the time spent in the
// extraction call alone, the HTML already in memory, pages processed one
// after another in a single goroutine.
//
// The package lives in its own module so that the extractors it compares
// against stay out of the main module's dependencies.
package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/govcorpus/govcorpus/extract"
	"github.com/govcorpus/govcorpus/extract/eval"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

// Set names: the folders under shared/benchmarks, in the order they are run.
const (
	WCXBDev           = "wcxb-dev"
	ViGov2            = "vi-gov2"
	ViGov             = "vi-gov"
	ArticleExtraction = "article-extraction"
)

// SetNames are the benchmark sets, in the order they are run and printed.
var SetNames = []string{WCXBDev, ViGov2, ViGov, ArticleExtraction}

// WCXBContentTypes are the WCXB page types that have main content, in the
// order their F1 is printed. (WCXB's two others, listing and collection, are
// scored on page type only.)
var WCXBContentTypes = []string{"article", "service", "forum", "product", "documentation"}

// ErrNoShared is returned when the shared benchmark folder cannot be found.
var ErrNoShared = errors.New("shared benchmarks folder not found")

// CheckShared reports whether dir holds the shared benchmarks, wrapping
// ErrNoShared when it does not.
func CheckShared(dir string) error {
	b := filepath.Join(dir, "benchmarks")
	if fi, err := os.Stat(b); err != nil || !fi.IsDir() {
		return fmt.Errorf("%w: no %s", ErrNoShared, b)
	}
	return nil
}

// LoadSets loads the named sets (all of SetNames when names is empty) from
// the shared folder dir: benchmarks/<name>/ground-truth.json. A limit above
// zero keeps limit pages of each set, spread evenly over its ids (see Spread).
func LoadSets(dir string, names []string, limit int) ([]*eval.Set, error) {
	if err := CheckShared(dir); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		names = SetNames
	}
	var sets []*eval.Set
	for _, name := range names {
		s, err := eval.Load(filepath.Join(dir, "benchmarks", name, "ground-truth.json"), "")
		if err != nil {
			return nil, fmt.Errorf("set %s: %w", name, err)
		}
		if len(s.Pages) == 0 {
			return nil, fmt.Errorf("set %s: no pages", name)
		}
		s.Pages = Spread(s.Pages, limit)
		sets = append(sets, s)
	}
	return sets, nil
}

// Spread returns n of pages evenly spaced over the list, first page
// included, in list order; all of them when n <= 0 or n >= len(pages). The
// sets are sorted by id and WCXB's ids run roughly by page type, so a first-n
// cut would be nearly all articles; an even spread keeps the mix.
func Spread[T any](pages []T, n int) []T {
	if n <= 0 || n >= len(pages) {
		return pages
	}
	out := make([]T, n)
	for i := range n {
		out[i] = pages[i*len(pages)/n]
	}
	return out
}

// LoadPages reads the set's pages into memory (gunzipped), for timing.
func LoadPages(s *eval.Set) ([]extract.Page, error) {
	pages := make([]extract.Page, len(s.Pages))
	for i, t := range s.Pages {
		body, err := s.Body(t)
		if err != nil {
			return nil, fmt.Errorf("%s page %s: %w", s.Name, t.ID, err)
		}
		pages[i] = extract.Page{URL: t.URL, HTML: body}
	}
	return pages, nil
}

// Tool names.
const (
	Govcorpus         = "govcorpus"
	GovcorpusSiteView = "govcorpus (site view)"
	Trafilatura       = "go-trafilatura"
	Readability       = "go-readability"
)

// Tool is an extractor under test.
type Tool struct {
	Name string
	// Typed is true for a tool that tells page types and publication dates
	// (govcorpus). The others give a text and a title only: a page they
	// return text for is an article, one they return none for is other.
	Typed bool
	// New returns the tool's extractor for one set. The site view learns the
	// set's sites here. A tool's own failure on a page (go-trafilatura's "not
	// long enough", say) is no text, not an error; failures, when not nil,
	// counts such pages.
	New func(ctx context.Context, s *eval.Set, failures *atomic.Int64) (eval.Extractor, error)
}

// Tools returns the extractors compared, govcorpus first.
func Tools() []Tool {
	return []Tool{
		{Name: Govcorpus, Typed: true, New: func(context.Context, *eval.Set, *atomic.Int64) (eval.Extractor, error) {
			return extract.Extract, nil
		}},
		{Name: GovcorpusSiteView, Typed: true, New: func(ctx context.Context, s *eval.Set, _ *atomic.Int64) (eval.Extractor, error) {
			return eval.SiteView(ctx, s)
		}},
		{Name: Trafilatura, New: func(_ context.Context, _ *eval.Set, failures *atomic.Int64) (eval.Extractor, error) {
			return TrafilaturaExtractor(failures), nil
		}},
		{Name: Readability, New: func(_ context.Context, _ *eval.Set, failures *atomic.Int64) (eval.Extractor, error) {
			return ReadabilityExtractor(failures), nil
		}},
	}
}

// textArticle is what a tool without page types says of a page: an article
// when it found text, other when it found none.
func textArticle(p extract.Page, title, text string) extract.Article {
	a := extract.Article{URL: p.URL, Title: title, PageType: extract.TypeOther}
	if strings.TrimSpace(text) != "" {
		a.PageType, a.Text = extract.TypeArticle, text
	}
	return a
}

func failed(failures *atomic.Int64) {
	if failures != nil {
		failures.Add(1)
	}
}

// TrafilaturaExtractor is go-trafilatura with its fallback extractors on
// (trafilatura.Options{EnableFallback: true}); the text is its own plain
// ContentText (the scorers look only at word tokens), the title its
// Metadata.Title. It reports "not long enough" and the like as errors, which
// mean it found no main text: they count in failures (when not nil) and give
// a page of type other.
func TrafilaturaExtractor(failures *atomic.Int64) eval.Extractor {
	return func(p extract.Page) (extract.Article, error) {
		opts := trafilatura.Options{EnableFallback: true}
		if u, err := url.Parse(p.URL); err == nil {
			opts.OriginalURL = u
		}
		r, err := trafilatura.Extract(bytes.NewReader(p.HTML), opts)
		if err != nil || r == nil {
			failed(failures)
			return textArticle(p, "", ""), nil
		}
		return textArticle(p, r.Metadata.Title, r.ContentText), nil
	}
}

// ReadabilityExtractor is go-readability; the text is its article node
// rendered by Article.RenderText, the title Article.Title. An error or no
// article node is no text (errors count in failures when not nil).
func ReadabilityExtractor(failures *atomic.Int64) eval.Extractor {
	return func(p extract.Page) (extract.Article, error) {
		u, err := url.Parse(p.URL)
		if err != nil {
			failed(failures)
			return textArticle(p, "", ""), nil
		}
		a, err := readability.FromReader(bytes.NewReader(p.HTML), u)
		if err != nil {
			failed(failures)
			return textArticle(p, "", ""), nil
		}
		if a.Node == nil {
			return textArticle(p, a.Title(), ""), nil
		}
		var sb strings.Builder
		if err := a.RenderText(&sb); err != nil {
			failed(failures)
			return textArticle(p, "", ""), nil
		}
		return textArticle(p, a.Title(), sb.String()), nil
	}
}

// Speed is a timing of one extractor over a list of pages.
type Speed struct {
	Pages   int           // pages in one pass
	Bytes   int64         // input HTML bytes of one pass
	Passes  int           // whole passes timed
	Elapsed time.Duration // time inside the extraction calls, summed over the passes
}

// MBps is input megabytes (10^6 bytes) per second of extraction time.
func (s Speed) MBps() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Bytes) * float64(s.Passes) / 1e6 / s.Elapsed.Seconds()
}

// PagesPerSecond is pages extracted per second of extraction time.
func (s Speed) PagesPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Pages*s.Passes) / s.Elapsed.Seconds()
}

// PassTime is the extraction time of one pass over the pages.
func (s Speed) PassTime() time.Duration {
	if s.Passes == 0 {
		return 0
	}
	return s.Elapsed / time.Duration(s.Passes)
}

// Time runs ex over pages in the calling goroutine, timing each call, whole
// pass after whole pass until at least minTime of extraction time is summed
// (one pass at the least). Errors were already met in the scored run and are
// not looked at.
func Time(ctx context.Context, pages []extract.Page, ex eval.Extractor, minTime time.Duration) (Speed, error) {
	sp := Speed{Pages: len(pages)}
	for _, p := range pages {
		sp.Bytes += int64(len(p.HTML))
	}
	if len(pages) == 0 {
		return sp, errors.New("no pages to time")
	}
	runtime.GC()
	for sp.Passes == 0 || sp.Elapsed < minTime {
		for _, p := range pages {
			start := time.Now()
			_, _ = ex(p)
			sp.Elapsed += time.Since(start)
		}
		sp.Passes++
		if err := ctx.Err(); err != nil {
			return sp, err
		}
	}
	return sp, nil
}

// Result is one tool's measurement on one set.
type Result struct {
	Set      string
	Tool     string
	Typed    bool        // the tool tells page types and dates
	Report   eval.Report // quality, on every page of the set
	Failures int64       // pages the tool failed on in the scored run (scored as no text)
	Speed    Speed
}

// Options are a run's settings.
type Options struct {
	// Workers extract the pages for the quality report (quality does not
	// depend on it); 0 is one per CPU.
	Workers int
	// MinTime is the least extraction time summed per tool per set.
	MinTime time.Duration
}

// Run scores tool on set with eval.Run, then times it on pages (the set's
// pages, or a part of them, in memory) in one goroutine. The scored run comes
// first and pays the tool's one-off start-up costs.
func Run(ctx context.Context, set *eval.Set, pages []extract.Page, tool Tool, opt Options) (Result, error) {
	res := Result{Set: set.Name, Tool: tool.Name, Typed: tool.Typed}
	var failures atomic.Int64
	ex, err := tool.New(ctx, set, &failures)
	if err != nil {
		return res, err
	}
	if res.Report, err = eval.Run(ctx, set, ex, opt.Workers); err != nil {
		return res, err
	}
	res.Failures = failures.Load()
	res.Speed, err = Time(ctx, pages, ex, opt.MinTime)
	return res, err
}
