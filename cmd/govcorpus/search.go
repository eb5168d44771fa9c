package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/govcorpus/govcorpus/extract/vntext"
	"github.com/govcorpus/govcorpus/store"
)

// openStore opens the corpus with Vietnamese folding for its search index:
// every command that writes articles or searches must fold the same way.
func openStore(ctx context.Context, path string) (*store.Store, error) {
	return store.Open(ctx, path, store.WithFold(vntext.Fold))
}

// openCorpus opens an existing corpus to change it (reextract): a
// mistyped --db must not leave an empty new database behind.
func openCorpus(ctx context.Context, path string) (*store.Store, error) {
	if err := corpusExists(path); err != nil {
		return nil, err
	}
	return openStore(ctx, path)
}

// openReader opens an existing corpus read-only, for the commands that
// never write (search, export, runs, warc-get, wacz): they work on a
// read-only disk or share, and never change a corpus they only read.
func openReader(ctx context.Context, path string) (*store.Store, error) {
	if err := corpusExists(path); err != nil {
		return nil, err
	}
	return store.OpenReadOnly(ctx, path, store.WithFold(vntext.Fold))
}

func corpusExists(path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no database at %s (crawl into it first)", path)
	}
	return nil
}

// toneFlag is --tone-style: how oa/oe/uy syllables are written on output.
// The corpus keeps the spelling as published.
type toneFlag struct{ style string }

func (f *toneFlag) register(fs *flag.FlagSet) {
	fs.StringVar(&f.style, "tone-style", "", "rewrite oa/oe/uy tone marks on output: `old` (hòa, thủy) or new (hoà, thuỷ); default: as published")
}

func (f *toneFlag) check() error {
	switch f.style {
	case "", "old", "new":
		return nil
	}
	return fmt.Errorf("--tone-style %q: want old or new", f.style)
}

// checkOutputFlags validates the flags search and export share.
func checkOutputFlags(tone toneFlag, since string) error {
	if err := tone.check(); err != nil {
		return err
	}
	if since != "" {
		if _, err := time.Parse("2006-01-02", since); err != nil {
			return fmt.Errorf("--since %q: want YYYY-MM-DD", since)
		}
	}
	return nil
}

func (f *toneFlag) apply(s string) string {
	switch f.style {
	case "old":
		return vntext.ToneStyle(s, vntext.StyleOld)
	case "new":
		return vntext.ToneStyle(s, vntext.StyleNew)
	}
	return s
}

const searchUsage = `Usage: govcorpus search [flags] QUERY

Finds articles by full-text search, best match first (bm25). Diacritics are
optional: "lao dong", "lao động" and "LAO ĐỘNG" all find "lao động", and exact
spellings rank first. "Quoted phrases", prefix* terms and AND / OR / NOT work.

Flags:
`

type searchHit struct {
	URL       string  `json:"url"`
	Title     string  `json:"title"`
	Published string  `json:"published"`
	Site      string  `json:"site"`
	Snippet   string  `json:"snippet"`
	Score     float64 `json:"score"`
}

func runSearch(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	db := fs.String("db", "corpus.db", "SQLite database `path`")
	site := fs.String("site", "", "only articles of this `host`")
	since := fs.String("since", "", "only articles published on or after this `date` (YYYY-MM-DD)")
	limit := fs.Int("limit", 20, "at most this many results")
	format := fs.String("format", "text", "output `format`: text or jsonl")
	var tone toneFlag
	tone.register(fs)
	fs.Usage = func() { fmt.Fprint(fs.Output(), searchUsage); fs.PrintDefaults() }
	words, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	fail := failer(e, "search")
	switch {
	case len(words) == 0:
		return fail("no QUERY given")
	case *format != "text" && *format != "jsonl":
		return fail("unknown --format %q (want text or jsonl)", *format)
	case *limit < 1:
		return fail("--limit must be at least 1")
	}
	if err := checkOutputFlags(tone, *since); err != nil {
		return fail("%v", err)
	}
	st, err := openReader(ctx, *db)
	if err != nil {
		return fail("%v", err)
	}
	defer st.Close()
	hits, err := st.Search(ctx, store.Query{Text: strings.Join(words, " "), Site: *site, Since: *since, Limit: *limit})
	if err != nil {
		return fail("%v", err)
	}
	if err := writeHits(e.stdout, *format, hits, tone); err != nil {
		return fail("write: %v", err)
	}
	return exitOK
}

func writeHits(w io.Writer, format string, hits []store.Hit, tone toneFlag) error {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, h := range hits {
			if err := enc.Encode(searchHit{URL: h.URL, Title: tone.apply(h.Title), Published: h.Published,
				Site: h.Site, Snippet: tone.apply(h.Snippet), Score: h.Score}); err != nil {
				return err
			}
		}
		return nil
	}
	for i, h := range hits {
		if _, err := fmt.Fprintf(w, "%d. %s\n   %s  %s\n   %s\n\n", i+1, tone.apply(h.Title), h.Published, h.URL, tone.apply(h.Snippet)); err != nil {
			return err
		}
	}
	return nil
}
