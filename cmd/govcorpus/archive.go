package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/store"
	"github.com/govcorpus/govcorpus/warc"
)

const warcGetUsage = `Usage: govcorpus warc-get --db DB URL

Prints the archived HTTP response (status line, headers and body exactly as
served) of the latest capture of URL. A capture stored as a revisit prints
the response it refers to.

Flags:
`

func runWarcGet(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("warc-get", flag.ContinueOnError)
	db := fs.String("db", "corpus.db", "SQLite database `path`")
	fs.Usage = func() { fmt.Fprint(fs.Output(), warcGetUsage); fs.PrintDefaults() }
	urls, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	if len(urls) != 1 {
		fmt.Fprintln(e.stderr, "govcorpus warc-get: give exactly one URL")
		return exitCannotRun
	}
	st, err := openReader(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus warc-get: %v\n", err)
		return exitCannotRun
	}
	defer st.Close()
	rec, err := archivedResponse(ctx, st, urls[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus warc-get: %v\n", err)
		return exitCannotRun
	}
	if _, err := e.stdout.Write(rec.Block); err != nil {
		fmt.Fprintf(e.stderr, "govcorpus warc-get: write: %v\n", err)
		return exitCannotRun
	}
	return exitOK
}

// archivedResponse reads the response record of u's latest capture,
// following a revisit to the record it refers to.
func archivedResponse(ctx context.Context, st *store.Store, u string) (*warc.Record, error) {
	c, ok, err := st.LatestCapture(ctx, u)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("no archived capture of %s (was it crawled with --warc?)", u)
	}
	rec, err := crawler.ArchivedResponse(ctx, st, c.File, c.Offset)
	if err != nil {
		return nil, fmt.Errorf("read capture of %s: %w", u, err)
	}
	return rec, nil
}

const waczUsage = `Usage: govcorpus wacz --db DB --out FILE.wacz

Packages the database's WARC files, their CDXJ index, a pages list and a
datapackage.json with sha256 hashes into one WACZ file, as ReplayWeb.page
opens it. Every record's digests are checked as it is indexed: a damaged
WARC file is refused, naming the file and the offset of the bad record. The
package is titled with the crawl's --collection.

Flags:
`

func runWACZ(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("wacz", flag.ContinueOnError)
	db := fs.String("db", "corpus.db", "SQLite database `path`")
	out := fs.String("out", "", "WACZ `file` to write")
	fs.Usage = func() { fmt.Fprint(fs.Output(), waczUsage); fs.PrintDefaults() }
	rest, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	if len(rest) > 0 || *out == "" {
		fmt.Fprintln(e.stderr, "govcorpus wacz: give --out FILE.wacz and no other argument")
		return exitCannotRun
	}
	st, err := openReader(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus wacz: %v\n", err)
		return exitCannotRun
	}
	defer st.Close()
	files, err := st.WARCFiles(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus wacz: %v\n", err)
		return exitCannotRun
	}
	if len(files) == 0 {
		fmt.Fprintf(e.stderr, "govcorpus wacz: %s has no WARC captures (crawl with --warc DIR)\n", *db)
		return exitCannotRun
	}
	pages, err := waczPages(ctx, st)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus wacz: %v\n", err)
		return exitCannotRun
	}
	// The collection is named once, when crawling (--collection), and read
	// back from the warcinfo records.
	var title string
	for _, f := range files {
		if info, err := warc.ReadInfo(f); err == nil && info["isPartOf"] != "" {
			title = info["isPartOf"]
			break
		}
	}
	if err := warc.WriteWACZ(*out, files, pages, warc.WACZOptions{Title: title}); err != nil {
		fmt.Fprintf(e.stderr, "govcorpus wacz: %v\n", err)
		return exitCannotRun
	}
	fmt.Fprintf(e.stdout, "govcorpus: wrote %s (%d WARC files, %d pages)\n", *out, len(files), len(pages))
	return exitOK
}

// waczPages lists the HTML pages a person would open in the replay, with
// the article's title and text where there is one (ReplayWeb.page
// searches them).
func waczPages(ctx context.Context, st *store.Store) ([]warc.PageEntry, error) {
	ps, err := st.Pages(ctx)
	if err != nil {
		return nil, err
	}
	arts, err := st.Articles(ctx)
	if err != nil {
		return nil, err
	}
	byURL := map[string]store.Article{}
	for _, a := range arts {
		byURL[a.URL] = a
	}
	var out []warc.PageEntry
	for _, p := range ps {
		if p.WarcFile == "" || p.PageType == "" || p.Status != 200 {
			continue
		}
		ts, err := contentDate(ctx, st, p)
		if err != nil {
			return nil, err
		}
		e := warc.PageEntry{URL: p.FinalURL, TS: ts}
		if a, ok := byURL[p.FinalURL]; ok {
			e.Title, e.Text = a.Title, a.Text
		}
		out = append(out, e)
	}
	return out, nil
}

// contentDate is the WARC-Date of the capture holding p's content, which
// is where a replay must open the page: a recrawl answered 304 or with the
// same bytes leaves a revisit at a later date, and a replay tool asked for
// that date would find the revisit's empty 304 first. Pages recorded
// before captures were indexed fall back to their fetch time.
func contentDate(ctx context.Context, st *store.Store, p store.Page) (time.Time, error) {
	c, ok, err := st.CaptureAt(ctx, p.FinalURL, p.WarcFile, p.WarcOffset)
	if err != nil || !ok {
		return p.FetchedAt, err
	}
	if c.Revisit {
		orig, found, err := st.OriginalCapture(ctx, c.URL, c.PayloadDigest)
		if err != nil {
			return time.Time{}, err
		}
		if found {
			c = orig
		}
	}
	return c.Date, nil
}
