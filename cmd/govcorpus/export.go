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
	"path/filepath"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/govcorpus/govcorpus/store"
)

const exportUsage = `Usage: govcorpus export --db DB [flags]

Writes the corpus's articles, one record each, as JSON Lines (standard
output by default) or Parquet (--out required), for datasets and notebooks.

Flags:
`

// exportRow is one exported article. The names follow the corpus schema so
// a dataset card can describe both at once.
type exportRow struct {
	ID           int64  `json:"id" parquet:"id"`
	URL          string `json:"url" parquet:"url"`
	Site         string `json:"site" parquet:"site"`
	Title        string `json:"title" parquet:"title"`
	Published    string `json:"published" parquet:"published"`
	PublishedRaw string `json:"published_raw" parquet:"published_raw"`
	Text         string `json:"text" parquet:"text"`
	Lang         string `json:"lang" parquet:"lang"`
	Words        int64  `json:"words" parquet:"words"`
	SHA256       string `json:"sha256" parquet:"sha256"`
	FetchedAt    string `json:"fetched_at" parquet:"fetched_at"`
	// Gone marks an article whose page answered 404 or 410, with --gone include.
	Gone bool `json:"gone,omitempty" parquet:"gone"`
}

func runExport(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	db := fs.String("db", "corpus.db", "SQLite database `path`")
	format := fs.String("format", "jsonl", "output `format`: jsonl or parquet")
	out := fs.String("out", "", "output `file` (default standard output; required for parquet)")
	site := fs.String("site", "", "only articles of this `host`")
	since := fs.String("since", "", "only articles published on or after this `date` (YYYY-MM-DD)")
	dups := fs.Bool("duplicates", false, "include articles whose text an earlier article already has (the same page under another URL)")
	gone := fs.String("gone", "exclude", "articles whose page answered 404 or 410: `exclude` them, or include them marked \"gone\": true")
	var tone toneFlag
	tone.register(fs)
	fs.Usage = func() { fmt.Fprint(fs.Output(), exportUsage); fs.PrintDefaults() }
	rest, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "govcorpus export: "+format+"\n", a...)
		return exitCannotRun
	}
	switch {
	case len(rest) > 0:
		return fail("unexpected argument %q", rest[0])
	case *format != "jsonl" && *format != "parquet":
		return fail("unknown --format %q (want jsonl or parquet)", *format)
	case *format == "parquet" && *out == "":
		return fail("--format parquet needs --out FILE")
	case *gone != "exclude" && *gone != "include":
		return fail("unknown --gone %q (want exclude or include)", *gone)
	}
	if err := checkOutputFlags(tone, *since); err != nil {
		return fail("%v", err)
	}
	st, err := openReader(ctx, *db)
	if err != nil {
		return fail("%v", err)
	}
	defer st.Close()

	w := e.stdout
	var f *os.File
	if *out != "" {
		// Written beside the target and renamed, so a failed export never
		// leaves a truncated file where a good one is expected.
		if f, err = os.CreateTemp(filepath.Dir(*out), ".export-*"); err != nil {
			return fail("%v", err)
		}
		defer os.Remove(f.Name())
		defer f.Close()
		w = f
	}
	var sink rowSink
	if *format == "parquet" {
		sink = newParquetSink(w)
	} else {
		sink = newJSONLSink(w)
	}
	n := 0
	err = st.EachArticle(ctx, store.ArticleFilter{Site: *site, Since: *since, Duplicates: *dups, Gone: *gone == "include"}, func(a store.Article) error {
		n++
		return sink.write(exportRow{
			ID: a.ID, URL: a.URL, Site: a.Site, Title: tone.apply(a.Title), Published: a.Published,
			PublishedRaw: a.PublishedRaw, Text: tone.apply(a.Text), Lang: a.Lang, Words: int64(a.Words),
			SHA256: a.SHA256, FetchedAt: a.FetchedAt.UTC().Format(time.RFC3339), Gone: !a.GoneAt.IsZero(),
		})
	})
	err = errors.Join(err, sink.close())
	if f != nil {
		err = errors.Join(err, f.Sync(), f.Close())
		if err == nil {
			err = os.Rename(f.Name(), *out)
		}
	}
	if err != nil {
		return fail("%v", err)
	}
	if *out != "" {
		fmt.Fprintf(e.stderr, "govcorpus: exported %d articles to %s\n", n, *out)
	}
	return exitOK
}

// rowSink is one output format.
type rowSink interface {
	write(exportRow) error
	close() error
}

type jsonlSink struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func newJSONLSink(w io.Writer) *jsonlSink {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonlSink{bw: bw, enc: enc}
}

func (s *jsonlSink) write(r exportRow) error { return s.enc.Encode(r) }
func (s *jsonlSink) close() error            { return s.bw.Flush() }

// parquetSink buffers rows into row groups of a bounded size.
type parquetSink struct {
	w   *parquet.GenericWriter[exportRow]
	buf []exportRow
}

func newParquetSink(w io.Writer) *parquetSink {
	return &parquetSink{w: parquet.NewGenericWriter[exportRow](w, parquet.Compression(&parquet.Zstd))}
}

func (s *parquetSink) write(r exportRow) error {
	s.buf = append(s.buf, r)
	if len(s.buf) < 1024 {
		return nil
	}
	return s.flush()
}

func (s *parquetSink) flush() error {
	if _, err := s.w.Write(s.buf); err != nil {
		return fmt.Errorf("write parquet: %w", err)
	}
	s.buf = s.buf[:0]
	return nil
}

func (s *parquetSink) close() error {
	if err := s.flush(); err != nil {
		return err
	}
	return s.w.Close()
}
