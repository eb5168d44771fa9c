package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
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
type, title, date and text. An input larger than --max-body (before or
after gunzip) gets one line on stderr and is skipped.

Exit codes: 0 every input extracted; 3 some inputs failed or were
skipped; 1 could not run (bad flag, no input, output not writable).

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
	maxBodyFlag := fs.String("max-body", defaultMaxBody, "skip an input larger than this `size` (e.g. 500KiB, 20MiB), before or after gunzip; 0: no limit")
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
	maxBody, err := parseSize(*maxBodyFlag)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus extract: --max-body: %v\n", err)
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
		body, err := readPageLimit(name, e.stdin, maxBody)
		if err != nil {
			fmt.Fprintf(e.stderr, "govcorpus extract: %v\n", err)
			failed = true
			continue
		}
		a, err := extractPage(extract.Page{URL: *pageURL, HTML: body})
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

// extractPage runs the extractor and turns a panic on a hostile page into
// that page's error: bad input gets one line, never a stack trace.
func extractPage(p extract.Page) (a extract.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extractor failed on this input: %v", r)
		}
	}()
	return extract.Extract(p)
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

// errInputTooLarge marks an input over --max-body, before or after gzip
// decompression; it is skipped rather than read whole into memory.
var errInputTooLarge = errors.New("larger than --max-body")

// readPage reads a saved page with the default --max-body, so no caller
// can be made to read /dev/zero or a gzip bomb whole.
func readPage(name string, stdin io.Reader) ([]byte, error) {
	limit, err := parseSize(defaultMaxBody)
	if err != nil {
		return nil, err
	}
	return readPageLimit(name, stdin, limit)
}

// readPageLimit reads a saved page: "-" is standard input, and gzip is
// recognised by its magic bytes, whatever the file is named. Neither the
// bytes read nor the decompressed page may exceed maxBody (0: no limit).
func readPageLimit(name string, stdin io.Reader, maxBody int64) ([]byte, error) {
	src := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		defer f.Close()
		src = f
	}
	if src == nil {
		return nil, fmt.Errorf("read %s: no standard input", name)
	}
	br := bufio.NewReader(capped(src, maxBody))
	magic, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read %s: %w", name, tooLarge(err, maxBody))
	}
	if bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, tooLarge(err, maxBody))
		}
		body, err := io.ReadAll(capped(zr, maxBody))
		if err != nil {
			return nil, fmt.Errorf("read %s: gunzip: %w", name, tooLarge(err, maxBody))
		}
		return body, nil
	}
	if strings.HasSuffix(name, ".gz") {
		return nil, fmt.Errorf("read %s: not gzip data", name)
	}
	body, err := io.ReadAll(br)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, tooLarge(err, maxBody))
	}
	return body, nil
}

// tooLarge adds the limit to errInputTooLarge, so the line says what to
// raise.
func tooLarge(err error, maxBody int64) error {
	if errors.Is(err, errInputTooLarge) {
		return fmt.Errorf("%w (%d bytes); skipped", err, maxBody)
	}
	return err
}

// capReader fails with errInputTooLarge once more than left bytes come
// from r, instead of silently stopping there as io.LimitReader does: a
// page cut short must not pass for the whole page.
type capReader struct {
	r    io.Reader
	left int64
}

func capped(r io.Reader, maxBody int64) io.Reader {
	if maxBody <= 0 {
		return r
	}
	return &capReader{r: r, left: maxBody}
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var probe [1]byte
		n, err := c.r.Read(probe[:])
		if n > 0 {
			return 0, errInputTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
