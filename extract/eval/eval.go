// Package eval scores the extractor against ground-truth sets of real pages.
//
// A set is a ground-truth JSON file, id → {file, url, pageType or wcxbType,
// title, published, articleBody}, with the pages beside it. Each set is
// scored its own way:
//
//   - WCXB sets (entries with wcxbType) by WCXB's own method: lowercase
//     word tokens, bag-of-words overlap, F1 per page, mean over pages. Its
//     listing and collection types are govcorpus listings; the five others
//     have main content and are articles. Text is scored on the content
//     types, page type on the list types.
//   - Every other set by the article-extraction benchmark's method (word
//     4-gram shingles, mean precision and mean recall over pages, F1 of the
//     two means), where a listing or other page must yield no text.
//
// A Report gives F1/P/R on content pages, overall and per truth type, the
// page-type confusion, the share of content pages that came back empty, and
// title and date accuracy where the truth has them.
package eval

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/govcorpus/govcorpus/extract"
	"golang.org/x/text/unicode/norm"
)

// Scoring names how a set is scored.
type Scoring string

const (
	// ScoringShingles is the article-extraction benchmark's method.
	ScoringShingles Scoring = "shingles"
	// ScoringWCXB is WCXB's bag-of-words method.
	ScoringWCXB Scoring = "wcxb"
)

// maxPageBytes bounds one page after gunzip: the largest benchmark page is
// a few MB, so anything near this is a broken or hostile file, not a page.
const maxPageBytes = 64 << 20

// Truth is one page of a ground truth.
type Truth struct {
	ID          string `json:"-"`
	File        string `json:"file"`
	URL         string `json:"url"`
	PageType    string `json:"pageType"`
	WCXBType    string `json:"wcxbType"`
	Title       string `json:"title"`
	Published   string `json:"published"`
	ArticleBody string `json:"articleBody"`
}

// Type is the govcorpus page type the truth stands for.
func (t Truth) Type() extract.PageType {
	switch t.WCXBType {
	case "":
	case "listing", "collection":
		return extract.TypeListing
	default:
		return extract.TypeArticle
	}
	switch t.PageType {
	case "listing":
		return extract.TypeListing
	case "other":
		return extract.TypeOther
	case "", "article":
		if strings.TrimSpace(t.ArticleBody) == "" && t.PageType == "" {
			return extract.TypeOther
		}
	}
	return extract.TypeArticle
}

// Group is the type a page is reported under: WCXB's own type, or ours.
func (t Truth) Group() string {
	if t.WCXBType != "" {
		return t.WCXBType
	}
	return string(t.Type())
}

// Set is a loaded ground truth.
type Set struct {
	Name    string // the folder the ground truth is in
	Dir     string // where the pages are
	Scoring Scoring
	Pages   []Truth // sorted by id
}

// Load reads a ground-truth file; pages are looked up under dir, or beside
// the file when dir is "".
func Load(path, dir string) (*Set, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]Truth
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if dir == "" {
		dir = filepath.Dir(path)
	}
	abs, _ := filepath.Abs(path)
	s := &Set{Name: filepath.Base(filepath.Dir(abs)), Dir: dir, Scoring: ScoringShingles}
	for id, t := range m {
		t.ID = id
		if t.File == "" {
			t.File = filepath.Join("html", id+".html.gz")
		}
		if t.WCXBType != "" {
			s.Scoring = ScoringWCXB
		}
		s.Pages = append(s.Pages, t)
	}
	slices.SortFunc(s.Pages, func(a, b Truth) int { return strings.Compare(a.ID, b.ID) })
	return s, nil
}

// Only keeps the pages whose ids are listed, in the list's order.
func (s *Set) Only(ids []string) error {
	byID := make(map[string]Truth, len(s.Pages))
	for _, t := range s.Pages {
		byID[t.ID] = t
	}
	var out []Truth
	for _, id := range ids {
		t, ok := byID[id]
		if !ok {
			return fmt.Errorf("id %q is not in the ground truth of %s", id, s.Name)
		}
		out = append(out, t)
	}
	s.Pages = out
	return nil
}

// Body reads one page of the set, gunzipping it when it is gzip.
func (s *Set) Body(t Truth) ([]byte, error) {
	name := filepath.Join(s.Dir, t.File)
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	head := make([]byte, 2)
	n, _ := io.ReadFull(f, head)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if n == 2 && bytes.Equal(head, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		r = zr
	}
	body, err := io.ReadAll(io.LimitReader(r, maxPageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(body) > maxPageBytes {
		return nil, fmt.Errorf("read %s: larger than %d bytes", name, maxPageBytes)
	}
	return body, nil
}

// Extractor turns one page into an Article: extract.Extract, or the same
// with what a crawl would know of the page's site.
type Extractor func(extract.Page) (extract.Article, error)

// PageResult is one page's outcome.
type PageResult struct {
	ID        string           `json:"id"`
	URL       string           `json:"url"`
	Group     string           `json:"group"`
	TruthType extract.PageType `json:"truthType"`
	Type      extract.PageType `json:"type"`
	P         float64          `json:"p"`
	R         float64          `json:"r"`
	F1        float64          `json:"f1"`
	Empty     bool             `json:"empty"` // truth has text, prediction none
	Title     string           `json:"title"`
	TitleOK   *bool            `json:"titleOK,omitempty"`
	Published string           `json:"published"`
	DateOK    *bool            `json:"dateOK,omitempty"`

	shingles extract.PageScore
	hasText  bool // the truth has text
	gotText  bool // the prediction has text
}

// Metrics are P, R and F1 over a group of pages.
type Metrics struct {
	Pages int     `json:"pages"`
	P     float64 `json:"p"`
	R     float64 `json:"r"`
	F1    float64 `json:"f1"`
	Empty int     `json:"empty"` // pages whose truth has text that came back empty
}

// EmptyRate is the share of the group's pages that came back empty.
func (m Metrics) EmptyRate() float64 {
	if m.Pages == 0 {
		return 0
	}
	return float64(m.Empty) / float64(m.Pages)
}

// Report is a set's outcome.
type Report struct {
	Set     string  `json:"set"`
	Scoring Scoring `json:"scoring"`
	Pages   int     `json:"pages"`
	// All is the set's headline: for shingle sets the benchmark's figure
	// over every page (listing and other pages must stay empty), for WCXB
	// the mean over content pages.
	All Metrics `json:"all"`
	// Content is over the pages whose truth is an article.
	Content Metrics            `json:"content"`
	ByGroup map[string]Metrics `json:"byGroup"`
	// Confusion counts truth type → predicted type.
	Confusion  map[extract.PageType]map[extract.PageType]int `json:"confusion"`
	TypesRight int                                           `json:"typesRight"`
	// EmptyTruthWithText counts listing/other pages that got text.
	EmptyTruthWithText int          `json:"emptyTruthWithText"`
	Titles             int          `json:"titles"` // article pages whose truth has a title
	TitlesRight        int          `json:"titlesRight"`
	Dates              int          `json:"dates"` // article pages of a set that gives dates
	DatesRight         int          `json:"datesRight"`
	Results            []PageResult `json:"pages_,omitempty"`
}

// Run extracts every page of the set with workers goroutines (0: one per
// CPU) and scores it.
func Run(ctx context.Context, s *Set, ex Extractor, workers int) (Report, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]PageResult, len(s.Pages))
	errs := make([]error, len(s.Pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], errs[i] = s.runPage(s.Pages[i], ex)
			}
		}()
	}
feed:
	for i := range s.Pages {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	for i, err := range errs {
		if err != nil {
			return Report{}, fmt.Errorf("page %s: %w", s.Pages[i].ID, err)
		}
	}
	return s.report(results), nil
}

func (s *Set) runPage(t Truth, ex Extractor) (PageResult, error) {
	body, err := s.Body(t)
	if err != nil {
		return PageResult{}, err
	}
	a, err := ex(extract.Page{URL: t.URL, HTML: body})
	if err != nil {
		return PageResult{}, err
	}
	return s.score(t, a), nil
}

// datesGiven is whether a set's truth has publication dates at all: WCXB
// has none, and scoring its pages as "no date" would be wrong.
func (s *Set) datesGiven() bool {
	for _, t := range s.Pages {
		if t.Published != "" {
			return true
		}
	}
	return false
}

func (s *Set) score(t Truth, a extract.Article) PageResult {
	r := PageResult{ID: t.ID, URL: t.URL, Group: t.Group(), TruthType: t.Type(), Type: a.PageType,
		Title: a.Title, Published: a.PublishedText()}
	r.hasText = strings.TrimSpace(t.ArticleBody) != ""
	text := a.Text
	if s.Scoring == ScoringWCXB {
		r.P, r.R, r.F1 = ScoreWords(t.ArticleBody, text)
	} else {
		r.shingles = extract.ScorePage(t.ArticleBody, text)
		r.P, r.R = r.shingles.Precision(), r.shingles.Recall()
		if r.P+r.R > 0 {
			r.F1 = 2 * r.P * r.R / (r.P + r.R)
		}
	}
	r.gotText = strings.TrimSpace(text) != ""
	r.Empty = r.hasText && !r.gotText
	if r.TruthType == extract.TypeArticle && t.Title != "" {
		ok := SameTitle(t.Title, a.Title)
		r.TitleOK = &ok
	}
	if r.TruthType == extract.TypeArticle && t.WCXBType == "" && s.datesGiven() {
		ok := SameDate(t.Published, r.Published)
		r.DateOK = &ok
	}
	return r
}

func (s *Set) report(results []PageResult) Report {
	rep := Report{Set: s.Name, Scoring: s.Scoring, Pages: len(results), ByGroup: map[string]Metrics{},
		Confusion: map[extract.PageType]map[extract.PageType]int{}, Results: results}
	groups := map[string][]PageResult{}
	var content []PageResult
	for _, r := range results {
		if rep.Confusion[r.TruthType] == nil {
			rep.Confusion[r.TruthType] = map[extract.PageType]int{}
		}
		rep.Confusion[r.TruthType][r.Type]++
		if r.TruthType == r.Type {
			rep.TypesRight++
		}
		if r.TruthType != extract.TypeArticle && r.gotText {
			rep.EmptyTruthWithText++
		}
		groups[r.Group] = append(groups[r.Group], r)
		if r.TruthType == extract.TypeArticle {
			content = append(content, r)
		}
		if r.TitleOK != nil {
			rep.Titles++
			if *r.TitleOK {
				rep.TitlesRight++
			}
		}
		if r.DateOK != nil {
			rep.Dates++
			if *r.DateOK {
				rep.DatesRight++
			}
		}
	}
	for g, rs := range groups {
		rep.ByGroup[g] = s.metrics(rs)
	}
	rep.Content = s.metrics(content)
	if s.Scoring == ScoringWCXB {
		rep.All = rep.Content
	} else {
		rep.All = s.metrics(results)
	}
	return rep
}

// metrics averages a group of pages the set's own way.
func (s *Set) metrics(rs []PageResult) Metrics {
	m := Metrics{Pages: len(rs)}
	for _, r := range rs {
		if r.Empty {
			m.Empty++
		}
	}
	if s.Scoring == ScoringWCXB {
		for _, r := range rs {
			m.P += r.P
			m.R += r.R
			m.F1 += r.F1
		}
		if n := float64(len(rs)); n > 0 {
			m.P, m.R, m.F1 = m.P/n, m.R/n, m.F1/n
		}
		return m
	}
	scores := make([]extract.PageScore, len(rs))
	for i, r := range rs {
		scores[i] = r.shingles
	}
	sum := extract.Summarize(scores)
	m.P, m.R, m.F1 = sum.Precision, sum.Recall, sum.F1
	return m
}

// ScoreWords is WCXB's page score: lowercase word tokens as a bag, overlap
// over predicted tokens (P) and over true tokens (R). An empty truth scores
// 1 for an empty prediction and 0 otherwise.
func ScoreWords(truth, pred string) (p, r, f1 float64) {
	tt, pt := words(truth), words(pred)
	switch {
	case len(tt) == 0 && len(pt) == 0:
		return 1, 1, 1
	case len(tt) == 0 || len(pt) == 0:
		return 0, 0, 0
	}
	bag := make(map[string]int, len(tt))
	for _, w := range tt {
		bag[w]++
	}
	overlap := 0
	for _, w := range pt {
		if bag[w] > 0 {
			bag[w]--
			overlap++
		}
	}
	if overlap == 0 {
		return 0, 0, 0
	}
	p = float64(overlap) / float64(len(pt))
	r = float64(overlap) / float64(len(tt))
	return p, r, 2 * p * r / (p + r)
}

// words splits like Python's re.findall(r"\w+", s.lower()): runs of
// letters, numbers and the underscore (Python's \w has no combining marks).
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(c rune) bool {
		return !(unicode.IsLetter(c) || unicode.IsNumber(c) || c == '_')
	})
}

// SameTitle compares titles as a reader would: NFC, case, whitespace and
// edge punctuation aside.
func SameTitle(truth, got string) bool {
	return titleKey(truth) == titleKey(got)
}

func titleKey(s string) string {
	s = strings.ToLower(norm.NFC.String(strings.Join(strings.Fields(s), " ")))
	return strings.TrimFunc(s, func(c rune) bool { return unicode.IsPunct(c) || unicode.IsSpace(c) })
}

// SameDate is whether a predicted publication date (RFC 3339 or
// YYYY-MM-DD) says what the truth says, to the truth's precision: a truth
// of "2019-08-05T16:32" needs the minute, "2019-08-05" the day, and ""
// needs no date at all.
func SameDate(truth, got string) bool {
	truth = strings.TrimSpace(truth)
	if truth == "" || got == "" {
		return truth == got
	}
	return strings.HasPrefix(got, truth)
}

// Host is the host part of a page's URL, for grouping pages by site.
func Host(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}
