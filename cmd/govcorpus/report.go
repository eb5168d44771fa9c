package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/store"
)

// before is what the database held before a run, for its report.
type before struct {
	lastRun int64           // the latest earlier run; 0 for none
	failing map[string]bool // pages whose last fetch failed
}

func runBefore(ctx context.Context, st *store.Store) (before, error) {
	b := before{failing: map[string]bool{}}
	runs, err := st.Runs(ctx)
	if err != nil {
		return b, err
	}
	if len(runs) > 0 {
		b.lastRun = runs[len(runs)-1].ID
	}
	fails, err := st.Failures(ctx, 0)
	if err != nil {
		return b, err
	}
	for _, f := range fails {
		b.failing[f.URL] = true
	}
	return b, nil
}

// report prints the end of a crawl on w: the summary line, then under
// --quiet the failures new since the last run, else the corpus totals and,
// with --per-host, each host's counts.
func report(ctx context.Context, w io.Writer, st *store.Store, run int64, stats crawler.Stats, b before, f crawlFlags, interrupted, timeUp bool) error {
	counts, err := st.RunCounts(ctx, run)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, summary(stats, counts.Changed, counts.Gone, interrupted, timeUp))
	if f.quiet {
		return newFailures(ctx, w, st, run, b)
	}
	if f.perHost {
		for _, h := range slices.Sorted(maps.Keys(stats.PerHost)) {
			hs := stats.PerHost[h]
			fmt.Fprintf(w, "  %s: %s, %s, %s\n", h, plural(hs.Pages, "page"), plural(hs.NewArticles, "new article"), plural(hs.Errors, "error"))
		}
	}
	t, err := st.CorpusTotals(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "govcorpus: corpus: %s from %s, %s fetched\n", plural(t.Articles, "article"), plural(t.Sites, "site"), plural(t.Pages, "page"))
	return nil
}

// newFailures lists the pages this run failed that had not failed before,
// and counts the others: cron mails the news, not the same dead links
// every night.
func newFailures(ctx context.Context, w io.Writer, st *store.Store, run int64, b before) error {
	fails, err := st.Failures(ctx, run)
	if err != nil {
		return err
	}
	known := 0
	for _, f := range fails {
		switch {
		case crawler.Blocked(f.Error):
		case b.failing[f.URL]:
			known++
		default:
			fmt.Fprintf(w, "failed: %s: %s\n", f.URL, f.Error)
		}
	}
	if known > 0 {
		fmt.Fprintf(w, "%s already failing at the last run, not listed\n", plural(known, "page"))
	}
	return nil
}

// summary is the run's one line; changed and gone are left out while
// negative (a store that does not count them).
func summary(s crawler.Stats, changed, gone int, interrupted, timeUp bool) string {
	line := fmt.Sprintf("govcorpus: %s fetched, %s", plural(s.Pages, "page"), plural(s.NewArticles, "new article"))
	line += fmt.Sprintf(", %d changed, %d gone", changed, gone)
	line += ", " + plural(s.Errors, "error")
	if s.Unchanged > 0 {
		line += fmt.Sprintf(", %d unchanged since the last pass", s.Unchanged)
	}
	if s.Blocked > 0 {
		line += fmt.Sprintf(", %d blocked by robots.txt", s.Blocked)
	}
	if s.Cut > 0 {
		line += ", " + cutSummary(s.Cut, s.CutBy)
	}
	line += fmt.Sprintf(", %s elapsed", s.Elapsed.Round(10*time.Millisecond))
	switch {
	case timeUp:
		line += " (time limit reached: run the same command again to continue)"
	case interrupted:
		line += " (interrupted: run the same command again to resume)"
	}
	return line
}

// cutSummary is "12 URLs cut (host page budget 10, long URL 2)".
func cutSummary(total int, by map[string]int) string {
	parts := make([]string, 0, len(by))
	for _, r := range slices.Sorted(maps.Keys(by)) {
		parts = append(parts, fmt.Sprintf("%s %d", r, by[r]))
	}
	return fmt.Sprintf("%s cut (%s)", plural(total, "URL"), strings.Join(parts, ", "))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
