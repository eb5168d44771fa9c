package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/govcorpus/govcorpus/store"
)

const showUsage = `Usage: govcorpus show --db DB [--format text|json] URL|ID

Prints one article: its metadata (site, dates, words, run, duplicate and
gone marks), its text, its earlier versions (each with a line diff to the
text that replaced it), and where its last capture is in the WARC archive
(read it with govcorpus warc-get). URL is the article's URL or one that
was redirected to it; ID is its id in export and search.

Flags:
`

type showVersion struct {
	Run         int64  `json:"run"`
	FetchedAt   string `json:"fetched_at"`
	Title       string `json:"title"`
	SHA256      string `json:"sha256"`
	Cause       string `json:"cause"`
	ReplacedRun int64  `json:"replaced_run"`
	ReplacedAt  string `json:"replaced_at"`
	Text        string `json:"text"`
	Diff        string `json:"diff"` // to the text that replaced it
}

type showCapture struct {
	File   string `json:"file"`
	Offset int64  `json:"offset"`
	Length int64  `json:"length"`
}

type showArticle struct {
	ID           int64         `json:"id"`
	URL          string        `json:"url"`
	Site         string        `json:"site"`
	Title        string        `json:"title"`
	Published    string        `json:"published"`
	PublishedRaw string        `json:"published_raw"`
	Lang         string        `json:"lang"`
	Words        int           `json:"words"`
	SHA256       string        `json:"sha256"`
	FetchedAt    string        `json:"fetched_at"`
	Run          int64         `json:"run"`
	DuplicateOf  int64         `json:"duplicate_of,omitempty"`
	GoneAt       string        `json:"gone_at,omitempty"`
	GoneRun      int64         `json:"gone_run,omitempty"`
	Status       int           `json:"status"` // of the page's last fetch
	Text         string        `json:"text"`
	Versions     []showVersion `json:"versions"`
	Capture      *showCapture  `json:"warc,omitempty"`
}

func runShow(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	db := fs.String("db", "corpus.db", "SQLite database `path`")
	format := fs.String("format", "text", "output `format`: text or json")
	fs.Usage = func() { fmt.Fprint(fs.Output(), showUsage); fs.PrintDefaults() }
	rest, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	fail := failer(e, "show")
	switch {
	case len(rest) == 0:
		return fail("give an article's URL or id (see govcorpus show --help)")
	case len(rest) > 1:
		return fail("unexpected argument %q (one article at a time)", rest[1])
	case *format != "text" && *format != "json":
		return fail("unknown --format %q (want text or json)", *format)
	}
	st, err := openReader(ctx, *db)
	if err != nil {
		return fail("%v", err)
	}
	defer st.Close()
	a, err := findArticle(ctx, st, rest[0], *db)
	if err != nil {
		return fail("%v", err)
	}
	out, err := describeArticle(ctx, st, a)
	if err != nil {
		return fail("%v", err)
	}
	if err := writeReport(e.stdout, *format == "json", out, func(w *bufio.Writer) { writeShowText(w, out) }); err != nil {
		return fail("write: %v", err)
	}
	return exitOK
}

// findArticle reads the argument of show: all digits is an id, anything
// else a URL.
func findArticle(ctx context.Context, st *store.Store, arg, db string) (store.Article, error) {
	var (
		a   store.Article
		ok  bool
		err error
	)
	if id, perr := strconv.ParseInt(arg, 10, 64); perr == nil {
		if a, ok, err = st.ArticleByID(ctx, id); err == nil && !ok {
			err = fmt.Errorf("no article with id %d in %s", id, db)
		}
		return a, err
	}
	if a, ok, err = st.ArticleByURL(ctx, arg); err != nil || ok {
		return a, err
	}
	p, ok, err := st.PageOf(ctx, arg)
	switch {
	case err != nil:
		return a, err
	case !ok:
		return a, fmt.Errorf("no article for %s in %s (never fetched)", arg, db)
	case p.Error != "":
		return a, fmt.Errorf("no article for %s in %s (its last fetch failed: %s)", arg, db, p.Error)
	case p.PageType == "listing":
		return a, fmt.Errorf("no article for %s in %s (the page is a listing)", arg, db)
	case p.PageType != "":
		return a, fmt.Errorf("no article for %s in %s (the page is not an article)", arg, db)
	}
	return a, fmt.Errorf("no article for %s in %s (not an HTML page)", arg, db)
}

func describeArticle(ctx context.Context, st *store.Store, a store.Article) (showArticle, error) {
	out := showArticle{ID: a.ID, URL: a.URL, Site: a.Site, Title: a.Title, Published: a.Published,
		PublishedRaw: a.PublishedRaw, Lang: a.Lang, Words: a.Words, SHA256: a.SHA256,
		FetchedAt: localTime(a.FetchedAt), Run: a.Run, DuplicateOf: a.DuplicateOf,
		GoneAt: localTime(a.GoneAt), GoneRun: a.GoneRun, Text: a.Text, Versions: []showVersion{}}
	vs, err := st.Versions(ctx, a.ID)
	if err != nil {
		return out, err
	}
	for i, v := range vs {
		next := store.Version{Run: a.Run, FetchedAt: a.FetchedAt, Title: a.Title, Text: a.Text}
		if i+1 < len(vs) {
			next = vs[i+1]
		}
		out.Versions = append(out.Versions, showVersion{Run: v.Run, FetchedAt: localTime(v.FetchedAt), Title: v.Title,
			SHA256: v.SHA256, Cause: v.Cause, ReplacedRun: v.ReplacedRun, ReplacedAt: localTime(v.ReplacedAt),
			Text: v.Text, Diff: textDiff(v, next)})
	}
	if p, ok, err := st.PageOf(ctx, a.URL); err != nil {
		return out, err
	} else if ok {
		out.Status = p.Status
	}
	c, ok, err := st.LatestCapture(ctx, a.URL)
	if err != nil {
		return out, err
	}
	if ok {
		out.Capture = &showCapture{File: c.File, Offset: c.Offset, Length: c.Length}
	}
	return out, nil
}

func localTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format(time.RFC3339)
}

// writeShowText writes to a bufio.Writer, whose Flush reports any write
// error.
func writeShowText(w *bufio.Writer, a showArticle) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("article %d  %s\n", a.ID, a.URL)
	p("title:      %s\n", a.Title)
	p("site:       %s\n", a.Site)
	if a.Published != "" {
		p("published:  %s\n", a.Published)
	}
	p("fetched:    %s (run %d, HTTP %d)\n", a.FetchedAt, a.Run, a.Status)
	p("words:      %d  lang: %s  sha256: %s\n", a.Words, a.Lang, a.SHA256)
	if a.DuplicateOf != 0 {
		p("duplicate:  of article %d\n", a.DuplicateOf)
	}
	if a.GoneAt != "" {
		p("gone:       since %s (run %d): the page answered 404 or 410\n", a.GoneAt, a.GoneRun)
	}
	if a.Capture != nil {
		p("warc:       %s offset %d length %d\n", a.Capture.File, a.Capture.Offset, a.Capture.Length)
	} else {
		p("warc:       none (crawled without --warc)\n")
	}
	p("versions:   %d earlier\n\n%s\n", len(a.Versions), withNewline(a.Text))
	for i, v := range a.Versions {
		p("\nversion %d: run %d, fetched %s, replaced in run %d (%s)\n%s", i+1, v.Run, v.FetchedAt, v.ReplacedRun, v.Cause, v.Diff)
	}
}
