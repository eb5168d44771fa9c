package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/govcorpus/govcorpus/store"
)

const changesUsage = `Usage: govcorpus changes --db DB [--run N | --since DATE] [--format text|jsonl]

Lists what a recrawl found: articles new, changed (with a line diff of the
text, and the title when it changed), gone (the page answered 404 or 410;
the article stays in the database, marked gone) and back (a gone page
answering again). Without --run or --since, the last run's.

--since takes a date (YYYY-MM-DD, local midnight) or an RFC 3339 time and
lists the changes found from then on, over every run.

Flags:
`

// diffContext is how many unchanged lines surround each changed hunk: the
// unified-diff default, enough to place an edit in its paragraph.
const diffContext = 3

type changeLine struct {
	Kind      string `json:"kind"`
	Run       int64  `json:"run"`
	At        string `json:"at"`
	ArticleID int64  `json:"article_id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	OldTitle  string `json:"old_title,omitempty"`
	Diff      string `json:"diff,omitempty"` // unified diff of the text, for kind "changed"
}

func runChanges(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("changes", flag.ContinueOnError)
	db := fs.String("db", "corpus.db", "SQLite database `path`")
	runID := fs.Int64("run", 0, "only the changes of run `N` (see govcorpus runs)")
	since := fs.String("since", "", "only the changes found on or after this `date` (YYYY-MM-DD or RFC 3339)")
	format := fs.String("format", "text", "output `format`: text or jsonl")
	fs.Usage = func() { fmt.Fprint(fs.Output(), changesUsage); fs.PrintDefaults() }
	rest, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	fail := failer(e, "changes")
	var f store.ChangeFilter
	switch {
	case len(rest) > 0:
		return fail("unexpected argument %q", rest[0])
	case *format != "text" && *format != "jsonl":
		return fail("unknown --format %q (want text or jsonl)", *format)
	case *runID != 0 && *since != "":
		return fail("--run and --since cannot be combined")
	case *runID < 0:
		return fail("--run %d: run ids start at 1", *runID)
	case *since != "":
		t, err := parseSince(*since)
		if err != nil {
			return fail("%v", err)
		}
		f.Since = t
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
	switch {
	case *runID != 0:
		if !slices.ContainsFunc(runs, func(r store.Run) bool { return r.ID == *runID }) {
			return fail("no run %d in %s (see govcorpus runs)", *runID, *db)
		}
		f.Run = *runID
	case f.Since.IsZero():
		if len(runs) == 0 {
			return fail("no run in %s yet (crawl into it first)", *db)
		}
		f.Run = runs[len(runs)-1].ID
	}
	changes, err := st.Changes(ctx, f)
	if err != nil {
		return fail("%v", err)
	}
	w := bufio.NewWriter(e.stdout)
	if *format == "jsonl" {
		err = writeChangesJSONL(w, changes)
	} else {
		writeChangesHeader(w, f, runs, crawlLockHolder(*db))
		err = writeChangesText(w, changes)
	}
	if err = errors.Join(err, w.Flush()); err != nil {
		return fail("write: %v", err)
	}
	return exitOK
}

// parseSince reads --since: a date is local midnight, as a user in the
// sites' time zone means it.
func parseSince(s string) (time.Time, error) {
	if t, err := time.ParseInLocation(time.DateOnly, s, time.Local); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--since %q: want a date (YYYY-MM-DD) or an RFC 3339 time", s)
}

func newChangeLine(c store.Change) changeLine {
	l := changeLine{Kind: c.Kind, Run: c.Run, At: c.At.Local().Format(time.RFC3339), ArticleID: c.ArticleID,
		URL: c.URL, Title: c.Title}
	if c.Kind == store.ChangeChanged && c.Before != nil {
		after := store.Version{}
		if c.After != nil {
			after = *c.After
		}
		if c.Before.Title != after.Title {
			l.OldTitle = c.Before.Title
		}
		l.Diff = textDiff(*c.Before, after)
	}
	return l
}

// textDiff is the unified line diff from one text of an article to the
// next, headed with the runs and fetch times of both.
func textDiff(before, after store.Version) string {
	name := func(v store.Version) string {
		if v.FetchedAt.IsZero() {
			return "removed"
		}
		return fmt.Sprintf("run %d, fetched %s", v.Run, v.FetchedAt.Local().Format(time.RFC3339))
	}
	d, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: diffLines(before.Text), B: diffLines(after.Text),
		FromFile: name(before), ToFile: name(after), Context: diffContext,
	})
	if err != nil {
		// It writes to a strings.Builder, which cannot fail.
		return ""
	}
	return d
}

// diffLines splits a text into the newline-ended lines difflib compares;
// an empty text has none.
func diffLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return difflib.SplitLines(s)
}

// withNewline ends a text with a newline, for printing.
func withNewline(s string) string {
	if s == "" || strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

func writeChangesJSONL(w io.Writer, changes []store.Change) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range changes {
		if err := enc.Encode(newChangeLine(c)); err != nil {
			return err
		}
	}
	return nil
}

// writeChangesHeader sums up what is listed: the run with its status and
// counts, or the period.
func writeChangesHeader(w io.Writer, f store.ChangeFilter, runs []store.Run, holder lockHolder) {
	if f.Run == 0 {
		fmt.Fprintf(w, "changes since %s\n", f.Since.Local().Format(time.RFC3339))
		return
	}
	for i, r := range runs {
		if r.ID != f.Run {
			continue
		}
		l := newRunLine(r, holder, i == len(runs)-1)
		fmt.Fprintf(w, "run %d (%s, started %s): %d new, %d changed, %d gone", l.ID, l.Status, l.StartedAt,
			l.NewArticles, l.Changed, l.Gone)
		if l.Back > 0 {
			fmt.Fprintf(w, ", %d back", l.Back)
		}
		fmt.Fprintln(w)
	}
}

func writeChangesText(w io.Writer, changes []store.Change) error {
	if len(changes) == 0 {
		_, err := fmt.Fprintln(w, "no new, changed or gone articles")
		return err
	}
	for _, c := range changes {
		l := newChangeLine(c)
		if _, err := fmt.Fprintf(w, "%-8s run %d  %s  %s  %s\n", l.Kind, l.Run, l.At, l.URL, l.Title); err != nil {
			return err
		}
		if l.OldTitle != "" {
			if _, err := fmt.Fprintf(w, "    title was: %s\n", l.OldTitle); err != nil {
				return err
			}
		}
		for _, line := range strings.SplitAfter(l.Diff, "\n") {
			if line == "" {
				continue
			}
			if _, err := io.WriteString(w, "    "+line); err != nil {
				return err
			}
		}
	}
	return nil
}
