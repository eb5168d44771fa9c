package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/govcorpus/govcorpus/extract"
)

const evalUsage = `Usage: govcorpus eval --truth GROUND_TRUTH.json --dir DIR [flags]

Runs the extractor over the pages a ground truth lists (its "file" field,
or html/<id>.html.gz under DIR) and prints precision, recall and F1 with the
article-extraction benchmark's scoring (word 4-gram shingles, averaged per
page). Listing and other pages (empty truth) must yield no text.

Exit codes: 0 fine; 3 F1 below --min-f1, or text on a page whose truth is
empty with --strict-empty; 1 could not run.

Flags:
`

// truthEntry is one page of a ground-truth file; both shared sets use it.
type truthEntry struct {
	File        string `json:"file"`
	URL         string `json:"url"`
	PageType    string `json:"pageType"`
	ArticleBody string `json:"articleBody"`
}

func runEval(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	truthPath := fs.String("truth", "", "ground-truth `file` (JSON: id → {file?, url, articleBody, pageType?})")
	dir := fs.String("dir", "", "`directory` the pages are in (default: the ground truth's)")
	idsPath := fs.String("ids", "", "only the page ids listed in this `file`, one per line")
	perPage := fs.Bool("per-page", false, "print each page's P, R and F1")
	minF1 := fs.Float64("min-f1", 0, "exit 3 when F1 is below this (a CI ratchet)")
	strictEmpty := fs.Bool("strict-empty", false, "exit 3 when any page with an empty truth gets text")
	fs.Usage = func() { fmt.Fprint(fs.Output(), evalUsage); fs.PrintDefaults() }
	rest, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "govcorpus eval: "+format+"\n", a...)
		return exitCannotRun
	}
	if len(rest) > 0 || *truthPath == "" {
		return fail("give --truth GROUND_TRUTH.json and no other argument")
	}
	if *dir == "" {
		*dir = filepath.Dir(*truthPath)
	}
	raw, err := os.ReadFile(*truthPath)
	if err != nil {
		return fail("%v", err)
	}
	var truth map[string]truthEntry
	if err := json.Unmarshal(raw, &truth); err != nil {
		return fail("read %s: %v", *truthPath, err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if *idsPath != "" {
		if ids, err = readIDs(*idsPath, truth); err != nil {
			return fail("%v", err)
		}
	}

	var scores []extract.PageScore
	emptyWithText := 0
	for _, id := range ids {
		if ctx.Err() != nil {
			return exitInterrupted
		}
		tr := truth[id]
		name := tr.File
		if name == "" {
			name = filepath.Join("html", id+".html.gz")
		}
		body, err := readPage(filepath.Join(*dir, name), nil)
		if err != nil {
			return fail("page %s: %v", id, err)
		}
		a, err := extract.Extract(extract.Page{URL: tr.URL, HTML: body})
		if err != nil {
			return fail("page %s: %v", id, err)
		}
		s := extract.ScorePage(tr.ArticleBody, a.Text)
		scores = append(scores, s)
		if tr.ArticleBody == "" && a.Text != "" {
			emptyWithText++
		}
		if *perPage {
			fmt.Fprintf(e.stdout, "%-60s %-8s P %.4f R %.4f %s\n", id, a.PageType, s.Precision(), s.Recall(), tr.URL)
		}
	}
	sum := extract.Summarize(scores)
	fmt.Fprintf(e.stdout, "pages %d  P %.4f  R %.4f  F1 %.4f  empty-truth pages with text %d\n",
		sum.Pages, sum.Precision, sum.Recall, sum.F1, emptyWithText)
	switch {
	case sum.F1 < *minF1:
		fmt.Fprintf(e.stderr, "govcorpus eval: F1 %.4f is below --min-f1 %.4f\n", sum.F1, *minF1)
		return exitPagesFailed
	case *strictEmpty && emptyWithText > 0:
		fmt.Fprintf(e.stderr, "govcorpus eval: %d listing/other pages got text\n", emptyWithText)
		return exitPagesFailed
	}
	return exitOK
}

func readIDs(path string, truth map[string]truthEntry) ([]string, error) {
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
		if _, ok := truth[id]; !ok {
			return nil, fmt.Errorf("%s: id %q is not in the ground truth", path, id)
		}
		ids = append(ids, id)
	}
	return ids, sc.Err()
}
