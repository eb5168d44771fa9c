package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/govcorpus/govcorpus/extract"
	"github.com/govcorpus/govcorpus/extract/eval"
)

const evalUsage = `Usage: govcorpus eval --truth GROUND_TRUTH.json [--truth …] [flags]

Runs the extractor over the pages each ground truth lists (its "file"
field, or html/<id>.html.gz beside it) and scores each set its own way:
WCXB sets (entries with wcxbType) by WCXB's bag-of-words F1 per page, the
others by the article-extraction benchmark's word 4-gram shingles. For each
set it reports F1/P/R on content pages, per page type, the page-type
confusion, the share of content pages that came back empty, and title and
date accuracy where the truth has them.

Exit codes: 0 fine; 3 a set under one of the --min/--max gates; 1 could not
run.

Flags:
`

// truthFlags collects repeated --truth flags.
type truthFlags []string

func (t *truthFlags) String() string     { return strings.Join(*t, ",") }
func (t *truthFlags) Set(v string) error { *t = append(*t, v); return nil }

// evalGates are the CI ratchet's floors; each applies to every set.
type evalGates struct {
	minF1, minTypes, minTitles, minDates, maxEmpty float64
	strictEmpty                                    bool
}

func runEval(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	var truths truthFlags
	fs.Var(&truths, "truth", "ground-truth `file` (JSON: id → {file?, url, articleBody, pageType or wcxbType, title?, published?}); repeat for several sets")
	dir := fs.String("dir", "", "`directory` the pages are in (default: the ground truth's; one --truth only)")
	idsPath := fs.String("ids", "", "only the page ids listed in this `file`, one per line (one --truth only)")
	perPage := fs.Bool("per-page", false, "also print each page: type, truth type, P, R, F1, title and date checks")
	format := fs.String("format", "text", "output `format`: text or json")
	siteView := fs.Bool("site-view", false, "extract each page knowing its site, as a crawl does: every page of a host is seen once before any is extracted")
	var g evalGates
	fs.Float64Var(&g.minF1, "min-f1", 0, "exit 3 when a set's F1 is below this (a CI ratchet)")
	fs.Float64Var(&g.minTypes, "min-types", 0, "exit 3 when a set's share of right page types is below this")
	fs.Float64Var(&g.minTitles, "min-titles", 0, "exit 3 when a set's share of right titles is below this")
	fs.Float64Var(&g.minDates, "min-dates", 0, "exit 3 when a set's share of right dates is below this")
	fs.Float64Var(&g.maxEmpty, "max-empty", 1, "exit 3 when a set's share of content pages returned empty is above this")
	fs.BoolVar(&g.strictEmpty, "strict-empty", false, "exit 3 when any listing/other page of a shingle-scored set gets text")
	fs.Usage = func() { fmt.Fprint(fs.Output(), evalUsage); fs.PrintDefaults() }
	rest, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	fail := failer(e, "eval")
	switch {
	case len(rest) > 0 || len(truths) == 0:
		return fail("give --truth GROUND_TRUTH.json (repeatable) and no other argument")
	case len(truths) > 1 && (*dir != "" || *idsPath != ""):
		return fail("--dir and --ids apply to one --truth only")
	case *format != "text" && *format != "json":
		return fail("--format must be text or json, not %q", *format)
	}

	var reports []eval.Report
	for _, path := range truths {
		set, err := eval.Load(path, *dir)
		if err != nil {
			return fail("%v", err)
		}
		if *idsPath != "" {
			ids, err := readIDs(*idsPath)
			if err != nil {
				return fail("%v", err)
			}
			if err := set.Only(ids); err != nil {
				return fail("%s: %v", *idsPath, err)
			}
		}
		ex := eval.Extractor(extract.Extract)
		if *siteView {
			if ex, err = eval.SiteView(ctx, set); err != nil {
				if errors.Is(err, context.Canceled) {
					return exitInterrupted
				}
				return fail("%v", err)
			}
		}
		rep, err := eval.Run(ctx, set, ex, 0)
		if errors.Is(err, context.Canceled) {
			return exitInterrupted
		}
		if err != nil {
			return fail("%s: %v", set.Name, err)
		}
		reports = append(reports, rep)
	}

	if *format == "json" {
		if !*perPage {
			for i := range reports {
				reports[i].Results = nil
			}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(reports); err != nil {
			return fail("%v", err)
		}
	} else {
		printEval(e.stdout, reports, *perPage)
	}

	code = exitOK
	for _, r := range reports {
		for _, msg := range g.check(r) {
			fmt.Fprintf(e.stderr, "govcorpus eval: %s: %s\n", r.Set, msg)
			code = exitPagesFailed
		}
	}
	return code
}

// check says which gates a report fails.
func (g evalGates) check(r eval.Report) []string {
	var out []string
	below := func(what string, got, floor float64) {
		if got < floor {
			out = append(out, fmt.Sprintf("%s %.4f is below the floor %.4f", what, got, floor))
		}
	}
	below("F1", r.All.F1, g.minF1)
	below("page types right", ratio(r.TypesRight, r.Pages), g.minTypes)
	if r.Titles > 0 {
		below("titles right", ratio(r.TitlesRight, r.Titles), g.minTitles)
	}
	if r.Dates > 0 {
		below("dates right", ratio(r.DatesRight, r.Dates), g.minDates)
	}
	if rate := r.Content.EmptyRate(); rate > g.maxEmpty {
		out = append(out, fmt.Sprintf("content pages returned empty %.4f is above the ceiling %.4f", rate, g.maxEmpty))
	}
	if g.strictEmpty && r.Scoring == eval.ScoringShingles && r.EmptyTruthWithText > 0 {
		out = append(out, fmt.Sprintf("%d listing/other pages got text", r.EmptyTruthWithText))
	}
	return out
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

var pageTypes = []extract.PageType{extract.TypeArticle, extract.TypeListing, extract.TypeOther}

func printEval(w io.Writer, reports []eval.Report, perPage bool) {
	if perPage {
		for _, r := range reports {
			for _, p := range r.Results {
				fmt.Fprintf(w, "%-14s %-50s %-13s %-8s F1 %.4f P %.4f R %.4f title %s date %s\n",
					r.Set, p.ID, p.Group, p.Type, p.F1, p.P, p.R, check(p.TitleOK), check(p.DateOK))
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%-20s %-8s %5s  %-6s %-6s %-6s  %-7s %-6s %-8s %-8s %-9s\n",
		"set", "scoring", "pages", "F1", "P", "R", "types", "empty", "titles", "dates", "list+text")
	for _, r := range reports {
		fmt.Fprintf(w, "%-20s %-8s %5d  %.4f %.4f %.4f  %-7s %-6s %-8s %-8s %-9d\n",
			r.Set, r.Scoring, r.Pages, r.All.F1, r.All.P, r.All.R,
			fmt.Sprintf("%d/%d", r.TypesRight, r.Pages), fmt.Sprintf("%.1f%%", 100*r.Content.EmptyRate()),
			frac(r.TitlesRight, r.Titles), frac(r.DatesRight, r.Dates), r.EmptyTruthWithText)
	}
	for _, r := range reports {
		fmt.Fprintf(w, "\n%s: by truth type\n", r.Set)
		groups := make([]string, 0, len(r.ByGroup))
		for g := range r.ByGroup {
			groups = append(groups, g)
		}
		slices.Sort(groups)
		fmt.Fprintf(w, "  %-14s %5s  %-6s %-6s %-6s %-6s\n", "type", "pages", "F1", "P", "R", "empty")
		for _, g := range groups {
			m := r.ByGroup[g]
			fmt.Fprintf(w, "  %-14s %5d  %.4f %.4f %.4f %-6d\n", g, m.Pages, m.F1, m.P, m.R, m.Empty)
		}
		m := r.Content
		fmt.Fprintf(w, "  %-14s %5d  %.4f %.4f %.4f %-6d\n", "content pages", m.Pages, m.F1, m.P, m.R, m.Empty)
		fmt.Fprintf(w, "  page types (truth → extracted):")
		for _, tt := range pageTypes {
			row := r.Confusion[tt]
			if row == nil {
				continue
			}
			fmt.Fprintf(w, "  %s →", tt)
			for _, pt := range pageTypes {
				fmt.Fprintf(w, " %s %d", pt, row[pt])
			}
			fmt.Fprint(w, ";")
		}
		fmt.Fprintln(w)
	}
}

func frac(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d", n, d)
}

func check(ok *bool) string {
	switch {
	case ok == nil:
		return "-"
	case *ok:
		return "ok"
	}
	return "WRONG"
}

func readIDs(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ids []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		id := strings.TrimSpace(sc.Text())
		if id == "" || strings.HasPrefix(id, "#") {
			continue
		}
		ids = append(ids, id)
	}
	return ids, sc.Err()
}
