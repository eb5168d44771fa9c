package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/govcorpus/govcorpus/extract"
)

const extractUsage = `Usage: govcorpus extract [flags] FILE...

Runs the crawler's extractor on saved pages ("-" reads standard input; .gz
files are read transparently) and prints, per file in input order, the page
type, title, date and text.

Flags:
`

// extracted is one line of --format jsonl output.
type extracted struct {
	File         string `json:"file"`
	URL          string `json:"url"`
	PageType     string `json:"pageType"`
	Title        string `json:"title"`
	Published    string `json:"published"`
	PublishedRaw string `json:"publishedRaw"`
	Text         string `json:"text"`
	Lang         string `json:"lang"`
	Reason       string `json:"reason,omitempty"` // why a page is "other" when it is no page at all
}

func runExtract(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	pageURL := fs.String("url", "", "the `URL` the pages were served from (resolves links, names the site)")
	format := fs.String("format", "text", "output `format`: json, jsonl or text")
	var tone toneFlag
	tone.register(fs)
	fs.Usage = func() { fmt.Fprint(fs.Output(), extractUsage); fs.PrintDefaults() }
	files, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	switch *format {
	case "json", "jsonl", "text":
	default:
		fmt.Fprintf(e.stderr, "govcorpus extract: unknown --format %q (want json, jsonl or text)\n", *format)
		return exitCannotRun
	}
	if err := tone.check(); err != nil {
		fmt.Fprintf(e.stderr, "govcorpus extract: %v\n", err)
		return exitCannotRun
	}
	if len(files) == 0 {
		fmt.Fprintln(e.stderr, "govcorpus extract: no FILE given (use - for standard input)")
		return exitCannotRun
	}
	var out []extracted
	failed := false
	for _, name := range files {
		if ctx.Err() != nil {
			return exitInterrupted
		}
		body, err := readPage(name, e.stdin)
		if err != nil {
			fmt.Fprintf(e.stderr, "govcorpus extract: %v\n", err)
			failed = true
			continue
		}
		a, err := extract.Extract(extract.Page{URL: *pageURL, HTML: body})
		if err != nil {
			fmt.Fprintf(e.stderr, "govcorpus extract: %s: %v\n", name, err)
			failed = true
			continue
		}
		out = append(out, extracted{
			File: name, URL: *pageURL, PageType: string(a.PageType), Reason: a.Reason, Title: tone.apply(a.Title),
			Published: a.PublishedText(), PublishedRaw: a.PublishedRaw, Text: tone.apply(a.Text), Lang: a.Lang,
		})
	}
	if err := writeExtracted(e.stdout, *format, out); err != nil {
		fmt.Fprintf(e.stderr, "govcorpus extract: write output: %v\n", err)
		return exitCannotRun
	}
	if failed {
		return exitPagesFailed
	}
	return exitOK
}

func writeExtracted(w io.Writer, format string, out []extracted) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, x := range out {
			if err := enc.Encode(x); err != nil {
				return err
			}
		}
		return nil
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if len(out) == 1 {
			return enc.Encode(out[0])
		}
		if out == nil {
			out = []extracted{}
		}
		return enc.Encode(out)
	}
	for i, x := range out {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "== %s (%s)\n", x.File, x.PageType)
		if x.Title != "" {
			fmt.Fprintf(w, "Title: %s\n", x.Title)
		}
		if x.Published != "" {
			fmt.Fprintf(w, "Published: %s (%s)\n", x.Published, x.PublishedRaw)
		}
		if x.Text != "" {
			if _, err := fmt.Fprintf(w, "\n%s\n", x.Text); err != nil {
				return err
			}
		}
	}
	return nil
}

// readPage reads a saved page: "-" is standard input, and gzip is
// recognised by its magic bytes, whatever the file is named.
func readPage(name string, stdin io.Reader) ([]byte, error) {
	var (
		body []byte
		err  error
	)
	if name == "-" {
		body, err = io.ReadAll(stdin)
	} else {
		body, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		body, err = io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("read %s: gunzip: %w", name, err)
		}
	} else if strings.HasSuffix(name, ".gz") {
		return nil, fmt.Errorf("read %s: not gzip data", name)
	}
	return body, nil
}
