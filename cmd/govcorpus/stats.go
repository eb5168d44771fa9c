package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/govcorpus/govcorpus/store"
)

const statsUsage = `Usage: govcorpus stats --db DB [--format text|json]

Counts the corpus as it is now: articles per site and per year of
publication, duplicates, gone articles (their page answered 404 or 410)
and earlier versions kept, the pages whose last fetch failed (by HTTP
status), and the last run.

Flags:
`

type statsReport struct {
	store.CorpusStats
	LastRun *runLine `json:"last_run,omitempty"`
}

func runStats(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	db := fs.String("db", "corpus.db", "SQLite database `path`")
	format := fs.String("format", "text", "output `format`: text or json")
	fs.Usage = func() { fmt.Fprint(fs.Output(), statsUsage); fs.PrintDefaults() }
	rest, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	fail := failer(e, "stats")
	switch {
	case len(rest) > 0:
		return fail("unexpected argument %q", rest[0])
	case *format != "text" && *format != "json":
		return fail("unknown --format %q (want text or json)", *format)
	}
	st, err := openReader(ctx, *db)
	if err != nil {
		return fail("%v", err)
	}
	defer st.Close()
	cs, err := st.Stats(ctx)
	if err != nil {
		return fail("%v", err)
	}
	runs, err := st.Runs(ctx)
	if err != nil {
		return fail("%v", err)
	}
	rep := statsReport{CorpusStats: cs}
	if len(runs) > 0 {
		l := newRunLine(runs[len(runs)-1], crawlLockHolder(*db), true)
		rep.LastRun = &l
	}
	if err := writeReport(e.stdout, *format == "json", rep, func(w *bufio.Writer) { writeStatsText(w, rep) }); err != nil {
		return fail("write: %v", err)
	}
	return exitOK
}

// writeReport writes v as indented JSON, or as text, buffered: the
// writer keeps the first write error and Flush reports it.
func writeReport(out io.Writer, asJSON bool, v any, text func(*bufio.Writer)) error {
	w := bufio.NewWriter(out)
	var err error
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(v)
	} else {
		text(w)
	}
	return errors.Join(err, w.Flush())
}

// writeStatsText writes to a bufio.Writer, whose Flush reports any write
// error.
func writeStatsText(w *bufio.Writer, r statsReport) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("%d articles (%d duplicates), %d gone, %d earlier versions; %d pages, %d failed at their last fetch\n",
		r.Articles, r.Duplicates, r.Gone, r.Versions, r.Pages, r.Failed)
	if r.LastRun != nil {
		l := r.LastRun
		p("last run:   %d, started %s, %s: %d pages, %d new, %d changed, %d gone, %d failed\n",
			l.ID, l.StartedAt, l.Status, l.Pages, l.NewArticles, l.Changed, l.Gone, l.Errors)
	}
	if len(r.Sites) > 0 {
		p("\n%-40s %8s %6s %6s %6s  %-10s  %-10s  %s\n", "site", "articles", "dups", "gone", "failed", "first date", "last date", "last fetched")
		for _, s := range r.Sites {
			p("%-40s %8d %6d %6d %6d  %-10s  %-10s  %s\n", s.Site, s.Articles, s.Duplicates, s.Gone, s.Failed,
				dateOnly(s.FirstDated), dateOnly(s.LastDated), localTimeText(s.LastFetched))
		}
	}
	if len(r.Years) > 0 {
		p("\n%-8s %8s\n", "year", "articles")
		for _, y := range r.Years {
			year := y.Year
			if year == "" {
				year = "no date"
			}
			p("%-8s %8d\n", year, y.Articles)
		}
	}
	if len(r.Failures) > 0 {
		p("\n%-28s %6s\n", "failed with", "pages")
		for _, f := range r.Failures {
			p("%-28s %6d\n", failureClass(f.Status), f.Pages)
		}
	}
}

func failureClass(status int) string {
	if status == 0 {
		return "no response (network, robots.txt, too large)"
	}
	return fmt.Sprintf("HTTP %d %s", status, http.StatusText(status))
}

func dateOnly(s string) string {
	if len(s) >= len(time.DateOnly) {
		return s[:len(time.DateOnly)]
	}
	return s
}

// localTimeText shows a stored RFC 3339 time in local time, as the other
// commands do; a value that does not parse is shown as stored.
func localTimeText(s string) string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return localTime(t)
}
