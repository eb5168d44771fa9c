package bench

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/govcorpus/govcorpus/extract/eval"
)

// WriteMarkdown writes the results as Markdown: a main table of quality and
// speed per set and tool, a table of details (content-page scores, listing
// pages given text, titles, dates, failures, what was timed), and the site
// view's speed with its learning pass counted.
func WriteMarkdown(w io.Writer, results []Result) error {
	type key struct{ set, tool string }
	byKey := make(map[key]Result, len(results))
	for _, r := range results {
		byKey[key{r.Set, r.Tool}] = r
	}
	var b strings.Builder

	b.WriteString("| set | tool | pages | F1 | P | R |")
	for _, t := range WCXBContentTypes {
		fmt.Fprintf(&b, " %s F1 |", t)
	}
	b.WriteString(" empty (content pages) | page types right | MB/s | speed vs go-trafilatura |\n")
	b.WriteString("|---|---|---|---|---|---|" + strings.Repeat("---|", len(WCXBContentTypes)) + "---|---|---|---|\n")
	for _, r := range results {
		rep := r.Report
		fmt.Fprintf(&b, "| %s | %s | %d | %.4f | %.4f | %.4f |", r.Set, r.Tool, rep.Pages, rep.All.F1, rep.All.P, rep.All.R)
		for _, t := range WCXBContentTypes {
			m, ok := rep.ByGroup[t]
			if rep.Scoring != eval.ScoringWCXB || !ok {
				b.WriteString(" – |")
				continue
			}
			fmt.Fprintf(&b, " %.4f |", m.F1)
		}
		types := "–"
		if r.Typed {
			types = fmt.Sprintf("%d/%d", rep.TypesRight, rep.Pages)
		}
		speed := "n/a"
		if t, ok := byKey[key{r.Set, Trafilatura}]; ok && t.Speed.MBps() > 0 {
			speed = fmt.Sprintf("%.2f×", r.Speed.MBps()/t.Speed.MBps())
		}
		fmt.Fprintf(&b, " %s | %s | %.2f | %s |\n", percent(rep.Content.Empty, rep.Content.Pages), types, r.Speed.MBps(), speed)
	}

	b.WriteString("\n| set | tool | scoring | content pages | content F1 / P / R | listing/other pages with text | titles right | dates right | tool failures (scored empty) | timed pages | input MB | timed passes | pages/s |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range results {
		rep := r.Report
		dates := "–"
		if r.Typed {
			dates = frac(rep.DatesRight, rep.Dates)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %.4f / %.4f / %.4f | %s | %s | %s | %d | %d | %.2f | %d | %.1f |\n",
			r.Set, r.Tool, rep.Scoring, rep.Content.Pages, rep.Content.F1, rep.Content.P, rep.Content.R,
			frac(rep.EmptyTruthWithText, rep.Pages-rep.Content.Pages), frac(rep.TitlesRight, rep.Titles), dates,
			r.Failures, r.Speed.Pages, float64(r.Speed.Bytes)/1e6, r.Speed.Passes, r.Speed.PagesPerSecond())
	}

	var site strings.Builder
	for _, r := range results {
		plain, ok := byKey[key{r.Set, Govcorpus}]
		if r.Tool != GovcorpusSiteView || !ok || plain.Speed.Pages != r.Speed.Pages || plain.Speed.Bytes != r.Speed.Bytes {
			continue
		}
		both := plain.Speed.PassTime() + r.Speed.PassTime()
		mbps := 0.0
		if both > 0 {
			mbps = float64(r.Speed.Bytes) / 1e6 / both.Seconds()
		}
		fmt.Fprintf(&site, "| %s | %.2f | %.2f | %.2f | %s |\n", r.Set, plain.Speed.MBps(), r.Speed.MBps(), mbps, both.Round(time.Millisecond))
	}
	if site.Len() > 0 {
		b.WriteString("\nThe site view learns each host from one plain extraction of every page before its timed pass (an article is read a second time only when its template cannot be dropped on its text); counting that learning pass too:\n\n")
		b.WriteString("| set | govcorpus MB/s | site view MB/s | site view incl. learning pass MB/s | learning + site-view time per pass |\n")
		b.WriteString("|---|---|---|---|---|\n")
		b.WriteString(site.String())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func frac(n, d int) string {
	if d == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d", n, d)
}

func percent(n, d int) string {
	if d == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(d))
}
