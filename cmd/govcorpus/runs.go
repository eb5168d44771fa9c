package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"
)

const runsUsage = `Usage: govcorpus runs --db DB [flags]

Lists the database's crawl runs, newest first: when each started and
finished, its seeds, pages fetched, new articles, failed pages and the
discovered URLs it cut (crawler traps, --max-url-length, the per-host
budget). A run
with no finish time was killed (its crawl resumes on the next run).

Flags:
`

type runLine struct {
	ID          int64    `json:"id"`
	StartedAt   string   `json:"started_at"`
	FinishedAt  string   `json:"finished_at"`
	Seeds       []string `json:"seeds"`
	Pages       int      `json:"pages"`
	NewArticles int      `json:"new_articles"`
	Errors      int      `json:"errors"`
	Cut         int      `json:"cut"`
}

func runRuns(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("runs", flag.ContinueOnError)
	db := fs.String("db", "corpus.db", "SQLite database `path`")
	limit := fs.Int("limit", 10, "show at most this many runs")
	format := fs.String("format", "text", "output `format`: text or jsonl")
	fs.Usage = func() { fmt.Fprint(fs.Output(), runsUsage); fs.PrintDefaults() }
	rest, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "govcorpus runs: "+format+"\n", a...)
		return exitCannotRun
	}
	switch {
	case len(rest) > 0:
		return fail("unexpected argument %q", rest[0])
	case *format != "text" && *format != "jsonl":
		return fail("unknown --format %q (want text or jsonl)", *format)
	}
	st, err := openReader(ctx, *db)
	if err != nil {
		return fail("%v", err)
	}
	defer st.Close()
	runs, err := st.Runs(ctx)
	if err != nil {
		return fail("%v", err)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for i := len(runs) - 1; i >= 0 && i >= len(runs)-*limit; i-- {
		r := runs[i]
		l := runLine{ID: r.ID, StartedAt: r.StartedAt.Local().Format(time.RFC3339), Seeds: r.Seeds,
			Pages: r.Stats.Pages, NewArticles: r.Stats.NewArticles, Errors: r.Stats.Errors, Cut: r.Stats.Cut}
		if !r.FinishedAt.IsZero() {
			l.FinishedAt = r.FinishedAt.Local().Format(time.RFC3339)
		}
		if *format == "jsonl" {
			if err := enc.Encode(l); err != nil {
				return fail("write: %v", err)
			}
			continue
		}
		took := "did not finish"
		if l.FinishedAt != "" {
			took = r.FinishedAt.Sub(r.StartedAt).Round(time.Second).String()
		}
		fmt.Fprintf(e.stdout, "run %d  %s  %-14s %d pages, %d new articles, %d errors, %d URLs cut  %s\n",
			l.ID, l.StartedAt, took, l.Pages, l.NewArticles, l.Errors, l.Cut, strings.Join(l.Seeds, " "))
	}
	return exitOK
}
