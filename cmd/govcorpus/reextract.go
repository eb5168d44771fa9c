package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/govcorpus/govcorpus/crawler"
)

const reextractUsage = `Usage: govcorpus reextract --db DB [--site HOST]

Runs today's extractor again over the responses the crawl archived with
--warc, without any network, and updates the database as a crawl would
store the pages now: page types, articles added, articles updated, and
articles removed when the page is a listing or other page now. The host's
learned template statistics are used as a crawl uses them.

Exit codes: 0 finished cleanly; 3 finished but some pages could not be
read from the archive or extracted (one line each; once per missing WARC
file); 1 could not run (no database, no archived pages, another govcorpus
on the same database); 130 interrupted (run again: it is idempotent).

Flags:
`

func runReextract(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("reextract", flag.ContinueOnError)
	db := fs.String("db", "corpus.db", "SQLite database `path`")
	site := fs.String("site", "", "only the pages of this `host` (host:port for one port only)")
	quiet := fs.Bool("quiet", false, "print only failures")
	verbose := fs.Bool("verbose", false, "log every page that changed")
	fs.Usage = func() { fmt.Fprint(fs.Output(), reextractUsage); fs.PrintDefaults() }
	rest, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "govcorpus reextract: unexpected argument %q (see govcorpus reextract --help)\n", rest[0])
		return exitCannotRun
	}
	// Opened before it is locked, so a mistyped --db leaves no lock file.
	st, err := openCorpus(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus reextract: %v\n", err)
		return exitCannotRun
	}
	defer st.Close()
	// A crawl writing the same articles meanwhile would race it.
	lock, err := lockDB(*db)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus reextract: %v\n", err)
		if errors.Is(err, errLocked) {
			return exitLocked
		}
		return exitCannotRun
	}
	defer lock.release()

	cfg := crawler.ReextractConfig{Site: *site, Logger: newLogger(e.stderr, logLevel(*quiet, *verbose, slog.LevelWarn), "text")}
	stats, err := crawler.Reextract(ctx, cfg, st)
	switch {
	case errors.Is(err, crawler.ErrNoArchive):
		fmt.Fprintf(e.stderr, "govcorpus reextract: %s: %v\n", *db, err)
		return exitCannotRun
	case err != nil && ctx.Err() != nil:
		fmt.Fprintln(e.stderr, "govcorpus reextract: interrupted; run it again")
		return exitInterrupted
	case err != nil:
		fmt.Fprintf(e.stderr, "govcorpus reextract: %v\n", err)
		return exitCannotRun
	}
	if !*quiet {
		fmt.Fprintln(e.stdout, reextractSummary(stats))
	}
	if stats.Errors > 0 {
		return exitPagesFailed
	}
	return exitOK
}

func reextractSummary(s crawler.ReextractStats) string {
	return fmt.Sprintf("govcorpus: %s re-extracted (%.1f MB), articles: %d updated, %d added, %d removed; %s, %s, %s elapsed",
		plural(s.Pages, "page"), float64(s.Bytes)/1e6, s.Updated, s.Added, s.Removed,
		plural(s.TypeChanges, "type change"), plural(s.Errors, "error"), s.Elapsed.Round(10*time.Millisecond))
}
