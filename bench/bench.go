// Package bench measures govcorpus's extractor side by side with other Go
// extractors (go-trafilatura with its fallback on, and go-readability) on the
// shared benchmark sets: the 91-page article-extraction set and the 20-page
// vi-gov set.
//
// Quality is scored with extract.Score, the benchmark's own shingle method;
// speed is input HTML bytes over the time spent in the extraction call alone,
// pages processed one after another in a single goroutine.
//
// The package lives in its own module so that the extractors it compares
// against stay out of the main module's dependencies.
package bench

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/govcorpus/govcorpus/extract"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

// Set names.
const (
	ArticleExtraction = "article-extraction"
	ViGov             = "vi-gov"
)

// ErrNoShared is returned when the shared benchmark folder cannot be found.
var ErrNoShared = errors.New("shared benchmarks folder not found")

// Page is one benchmark page with its HTML already in memory (gunzipped).
type Page struct {
	ID       string
	URL      string
	HTML     []byte
	Truth    string // the true article text; "" for listing and other pages
	PageType string // "article", "listing" or "other"
}

// Set is a named list of pages, sorted by id.
type Set struct {
	Name  string
	Pages []Page
}

// Bytes returns the total HTML size of the set's pages.
func (s Set) Bytes() int64 {
	var n int64
	for _, p := range s.Pages {
		n += int64(len(p.HTML))
	}
	return n
}

// CheckShared reports whether dir holds the shared benchmarks, wrapping
// ErrNoShared when it does not.
func CheckShared(dir string) error {
	b := filepath.Join(dir, "benchmarks")
	if fi, err := os.Stat(b); err != nil || !fi.IsDir() {
		return fmt.Errorf("%w: no %s", ErrNoShared, b)
	}
	return nil
}

// LoadSets loads both benchmark sets from the shared folder dir. A limit
// above zero keeps only the first limit pages of each set (by id).
func LoadSets(dir string, limit int) ([]Set, error) {
	if err := CheckShared(dir); err != nil {
		return nil, err
	}
	aeb, err := LoadArticleExtraction(filepath.Join(dir, "benchmarks", ArticleExtraction), limit)
	if err != nil {
		return nil, err
	}
	vi, err := LoadViGov(filepath.Join(dir, "benchmarks", ViGov), limit)
	if err != nil {
		return nil, err
	}
	return []Set{aeb, vi}, nil
}

// LoadArticleExtraction loads the article-extraction set from its folder:
// ground-truth.json and html/<id>.html.gz.
func LoadArticleExtraction(dir string, limit int) (Set, error) {
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &truth); err != nil {
		return Set{}, err
	}
	set := Set{Name: ArticleExtraction}
	for _, id := range firstKeys(truth, limit) {
		body, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return Set{}, err
		}
		t := truth[id]
		set.Pages = append(set.Pages, Page{ID: id, URL: t.URL, HTML: body, Truth: t.ArticleBody, PageType: "article"})
	}
	return set, nil
}

// LoadViGov loads the vi-gov set from its folder: ground-truth.json, whose
// entries name their page file.
func LoadViGov(dir string, limit int) (Set, error) {
	var truth map[string]struct {
		File        string `json:"file"`
		URL         string `json:"url"`
		PageType    string `json:"pageType"`
		ArticleBody string `json:"articleBody"`
	}
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &truth); err != nil {
		return Set{}, err
	}
	set := Set{Name: ViGov}
	for _, id := range firstKeys(truth, limit) {
		t := truth[id]
		body, err := os.ReadFile(filepath.Join(dir, t.File))
		if err != nil {
			return Set{}, fmt.Errorf("vi-gov page %s: %w", id, err)
		}
		set.Pages = append(set.Pages, Page{ID: id, URL: t.URL, HTML: body, Truth: t.ArticleBody, PageType: t.PageType})
	}
	return set, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read ground truth: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open page: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// firstKeys returns m's keys sorted, the first limit of them if limit > 0.
func firstKeys[V any](m map[string]V, limit int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if limit > 0 && limit < len(keys) {
		keys = keys[:limit]
	}
	return keys
}

// Tool is an extractor under test. Extract turns one page into its plain
// main text ("" when the tool finds none); everything it does is timed.
type Tool struct {
	Name    string
	Extract func(pageURL string, html []byte) (string, error)
}

// Tool names.
const (
	Govcorpus   = "govcorpus"
	Trafilatura = "go-trafilatura"
	Readability = "go-readability"
)

// Tools returns the extractors compared, govcorpus first.
func Tools() []Tool {
	return []Tool{
		{Name: Govcorpus, Extract: govcorpusText},
		{Name: Trafilatura, Extract: trafilaturaText},
		{Name: Readability, Extract: readabilityText},
	}
}

func govcorpusText(pageURL string, body []byte) (string, error) {
	a, err := extract.Extract(extract.Page{URL: pageURL, HTML: body})
	if err != nil {
		return "", fmt.Errorf("govcorpus: %w", err)
	}
	return a.Text, nil
}

// trafilaturaText runs go-trafilatura with its fallback extractors on.
// ContentText is its own plain text (whitespace collapsed; the scorer looks
// only at tokens). It reports "not long enough" and the like as errors,
// which mean it found no main text.
func trafilaturaText(pageURL string, body []byte) (string, error) {
	opts := trafilatura.Options{EnableFallback: true}
	if u, err := url.Parse(pageURL); err == nil {
		opts.OriginalURL = u
	}
	r, err := trafilatura.Extract(bytes.NewReader(body), opts)
	if err != nil {
		return "", fmt.Errorf("go-trafilatura: %w", err)
	}
	return r.ContentText, nil
}

// readabilityText runs go-readability and renders its article node to plain
// text, one line per block.
func readabilityText(pageURL string, body []byte) (string, error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return "", fmt.Errorf("go-readability: %w", err)
	}
	a, err := readability.FromReader(bytes.NewReader(body), u)
	if err != nil {
		return "", fmt.Errorf("go-readability: %w", err)
	}
	if a.Node == nil {
		return "", nil
	}
	var sb strings.Builder
	if err := a.RenderText(&sb); err != nil {
		return "", fmt.Errorf("go-readability: %w", err)
	}
	return sb.String(), nil
}

// Result is one tool's measurement on one set.
type Result struct {
	Set, Tool     string
	Pages         int
	P, R, F1      float64
	Bytes         int64         // input HTML bytes of one pass
	Elapsed       time.Duration // time inside Extract over the timed passes
	Passes        int           // timed passes over the set
	Errors        int           // pages the tool returned an error for (scored as empty)
	EmptyPages    int           // listing/other pages, whose truth is ""
	EmptyWithText int           // of those, pages the tool returned text for

	// ArticleP, ArticleR and ArticleF1 score the pages with a true text only,
	// leaving out listing and other pages.
	ArticleP, ArticleR, ArticleF1 float64
}

// MBps is input megabytes (10^6 bytes) per second of extraction time.
func (r Result) MBps() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Bytes) * float64(r.Passes) / 1e6 / r.Elapsed.Seconds()
}

// PagesPerSecond is pages extracted per second of extraction time.
func (r Result) PagesPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Pages*r.Passes) / r.Elapsed.Seconds()
}

// Run runs tool over every page of set in the calling goroutine. A first,
// untimed pass (which also pays one-off set-up costs) gives the texts that
// are scored; then whole passes are timed, call by call, until at least
// minTime of extraction time is summed (one pass at the least).
func Run(set Set, tool Tool, minTime time.Duration) (Result, error) {
	res := Result{Set: set.Name, Tool: tool.Name, Pages: len(set.Pages), Bytes: set.Bytes()}
	if len(set.Pages) == 0 {
		return res, fmt.Errorf("%s: no pages", set.Name)
	}
	truth := make(map[string]string, len(set.Pages))
	pred := make(map[string]string, len(set.Pages))
	artTruth := make(map[string]string, len(set.Pages))
	for _, p := range set.Pages {
		text, err := tool.Extract(p.URL, p.HTML)
		if err != nil {
			res.Errors++
			text = ""
		}
		truth[p.ID], pred[p.ID] = p.Truth, text
		if p.Truth != "" {
			artTruth[p.ID] = p.Truth
		} else {
			res.EmptyPages++
			if strings.TrimSpace(text) != "" {
				res.EmptyWithText++
			}
		}
	}
	res.P, res.R, res.F1 = extract.Score(truth, pred)
	res.ArticleP, res.ArticleR, res.ArticleF1 = extract.Score(artTruth, pred)

	runtime.GC()
	for res.Passes == 0 || res.Elapsed < minTime {
		for _, p := range set.Pages {
			start := time.Now()
			_, _ = tool.Extract(p.URL, p.HTML) // errors were counted in the scored pass
			res.Elapsed += time.Since(start)
		}
		res.Passes++
	}
	return res, nil
}

// WriteMarkdown writes the results as a Markdown table, then a note per set
// with pass counts, pages/s, errors and, where the set has listing or other
// pages, how many of them each tool returned text for and the scores on the
// article pages alone.
func WriteMarkdown(w io.Writer, results []Result) error {
	base := make(map[string]float64) // set -> go-trafilatura MB/s
	for _, r := range results {
		if r.Tool == Trafilatura {
			base[r.Set] = r.MBps()
		}
	}
	var b strings.Builder
	b.WriteString("| set | tool | F1 | P | R | MB/s | speed vs go-trafilatura |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, r := range results {
		speed := "n/a"
		if t := base[r.Set]; t > 0 {
			speed = fmt.Sprintf("%.2f×", r.MBps()/t)
		}
		fmt.Fprintf(&b, "| %s | %s | %.4f | %.4f | %.4f | %.2f | %s |\n",
			r.Set, r.Tool, r.F1, r.P, r.R, r.MBps(), speed)
	}
	b.WriteString("\n| set | tool | pages | input MB | timed passes | pages/s | errors (scored empty) | listing/other pages with text | F1 / P / R on article pages only |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range results {
		empty, art := "–", "–"
		if r.EmptyPages > 0 {
			empty = fmt.Sprintf("%d of %d", r.EmptyWithText, r.EmptyPages)
			art = fmt.Sprintf("%.4f / %.4f / %.4f", r.ArticleF1, r.ArticleP, r.ArticleR)
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %.2f | %d | %.1f | %d | %s | %s |\n",
			r.Set, r.Tool, r.Pages, float64(r.Bytes)/1e6, r.Passes, r.PagesPerSecond(), r.Errors, empty, art)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
