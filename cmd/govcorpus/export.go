package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"

	"github.com/govcorpus/govcorpus/extract/vntext"
	"github.com/govcorpus/govcorpus/neardup"
	"github.com/govcorpus/govcorpus/store"
)

const exportUsage = `Usage: govcorpus export --db DB [flags]

Writes the corpus's articles, one record each, as JSON Lines (standard
output by default) or Parquet (--out required), with a Hugging Face
dataset card (README.md) beside the files.

  govcorpus export --db c.db --format parquet --out c.parquet
  govcorpus export --db c.db --format parquet --out dataset/ --shard-size 256MB
      writes dataset/data/train-00000-of-0000M.parquet... and dataset/README.md

--since and --until compare the published date when --date-field is
published (the default); articles without one are kept and counted on
stderr (--undated drop leaves them out).

Flags:
`

// Export layout and sizes.
const (
	// exportZone is the zone of a date shown without a time: Vietnam has
	// kept UTC+7 all year since 1975, as the extractor assumes.
	exportZone = 7 * 60 * 60
	// writeBatch is how many rows go to the Parquet writer at once.
	writeBatch = 1024
	// rowGroupBytes bounds a row group's text (uncompressed): the writer
	// holds one row group in memory, and readers such as hyparquet read
	// one at a time, so both stay small whatever the corpus.
	rowGroupBytes = 32 << 20
	// shardDir and shardPattern are the layout the Hugging Face Hub reads
	// as the train split of a dataset repository.
	shardDir     = "data"
	shardPattern = "train-%05d-of-%05d.parquet"
	// cardMarker opens every card govcorpus writes, so a re-export may
	// replace its own card and never a README someone wrote.
	cardMarker = "<!-- written by govcorpus export: rerunning the export replaces this file -->"
	// exportGCPercent is the garbage collector's target while exporting.
	// What an export keeps is mostly pointer-free (near-duplicate
	// signatures, about 145 bytes an article; row buffers), which a collection
	// marks at almost no cost, while the rows read stream garbage through:
	// Go's default (100) lets the heap grow to twice what is kept.
	exportGCPercent = 10
)

// Undated-article policies of a date filter.
const (
	undatedKeep = "keep"
	undatedDrop = "drop"
)

// jsonRow is one exported article in JSON Lines. A missing value is null.
type jsonRow struct {
	ID                 int64   `json:"id"`
	URL                string  `json:"url"`
	Site               string  `json:"site"`
	Title              *string `json:"title"`
	Published          *string `json:"published"`      // RFC 3339 with the page's offset
	PublishedDate      *string `json:"published_date"` // YYYY-MM-DD as shown
	PublishedPrecision *string `json:"published_precision"`
	PublishedRaw       *string `json:"published_raw"`
	Text               string  `json:"text"`
	Lang               *string `json:"lang"`
	Words              int32   `json:"words"`
	SHA256             string  `json:"sha256"`
	FetchedAt          string  `json:"fetched_at"` // RFC 3339, UTC
	DupCluster         *int64  `json:"dup_cluster"`
	Gone               bool    `json:"gone"` // the page answered 404 or 410 (with --gone include)
}

// parquetRow is one exported article in Parquet: timestamps are instants
// (UTC-adjusted, as pandas, DuckDB and Arrow read them), a date is a DATE.
type parquetRow struct {
	ID                 int64      `parquet:"id"`
	URL                string     `parquet:"url"`
	Site               string     `parquet:"site,dict"`
	Title              *string    `parquet:"title,optional"`
	Published          *time.Time `parquet:"published,timestamp(microsecond),optional"`
	PublishedDate      *int32     `parquet:"published_date,date,optional"` // days since 1970-01-01
	PublishedPrecision *string    `parquet:"published_precision,dict,optional"`
	PublishedRaw       *string    `parquet:"published_raw,optional"`
	Text               string     `parquet:"text"`
	Lang               *string    `parquet:"lang,dict,optional"`
	Words              int32      `parquet:"words"`
	SHA256             string     `parquet:"sha256"`
	FetchedAt          time.Time  `parquet:"fetched_at,timestamp(microsecond)"`
	DupCluster         *int64     `parquet:"dup_cluster,optional"`
	Gone               bool       `parquet:"gone"`
}

// record is one article on its way out: the row as stored, its date read.
type record struct {
	store.Article
	published time.Time // zero when unknown
	precision string    // day, minute or second; "" when unknown
	cluster   int64     // id of the kept article of its near-duplicate cluster, 0 for none
}

// published reads a stored published value: YYYY-MM-DD (a day, in the
// site's zone) or RFC 3339 (a time with its offset). ok is false for
// anything else, which is exported as no date (published_raw keeps it).
func parsePublished(s string) (t time.Time, precision string, ok bool) {
	if s == "" {
		return time.Time{}, "", false
	}
	if d, err := time.ParseInLocation(time.DateOnly, s, time.FixedZone("+07:00", exportZone)); err == nil {
		return d, "day", true
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, "", false
	}
	if t.Second() != 0 || t.Nanosecond() != 0 {
		return t, "second", true
	}
	return t, "minute", true
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func (r record) json() jsonRow {
	j := jsonRow{
		ID: r.ID, URL: r.URL, Site: r.Site, Title: optional(r.Title), PublishedRaw: optional(r.PublishedRaw),
		Text: r.Text, Lang: optional(r.Lang), Words: int32(r.Words), SHA256: r.SHA256,
		FetchedAt: r.FetchedAt.UTC().Format(time.RFC3339Nano), DupCluster: optionalID(r.cluster),
		Gone: !r.GoneAt.IsZero(),
	}
	if !r.published.IsZero() {
		j.Published = optional(r.published.Format(time.RFC3339))
		j.PublishedDate = optional(r.published.Format(time.DateOnly))
		j.PublishedPrecision = optional(r.precision)
	}
	return j
}

func (r record) parquet() parquetRow {
	p := parquetRow{
		ID: r.ID, URL: r.URL, Site: r.Site, Title: optional(r.Title), PublishedRaw: optional(r.PublishedRaw),
		Text: r.Text, Lang: optional(r.Lang), Words: int32(r.Words), SHA256: r.SHA256,
		FetchedAt: r.FetchedAt.UTC(), DupCluster: optionalID(r.cluster), Gone: !r.GoneAt.IsZero(),
	}
	if !r.published.IsZero() {
		utc := r.published.UTC()
		// DATE is days since the epoch of the calendar day as shown, so
		// the day is taken in the page's zone. An int32, because
		// parquet-go v0.32 writes a *time.Time DATE as no reader reads it.
		y, m, d := r.published.Date()
		day := int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
		p.Published, p.PublishedDate, p.PublishedPrecision = &utc, &day, optional(r.precision)
	}
	return p
}

// exportOptions are the parsed flags of one export.
type exportOptions struct {
	db, format, out, card, contact string
	filter                         store.ArticleFilter
	dedup                          string  // exact or near
	threshold                      float64 // near-duplicate Jaccard threshold
	compression                    string
	shard                          shardSize
	tone                           toneFlag
}

// shardSize is --shard-size: a row count or a byte size.
type shardSize struct {
	rows, bytes int64
}

func (s shardSize) set() bool { return s.rows > 0 || s.bytes > 0 }

// byteUnits are --shard-size's suffixes, decimal and binary as the Hugging
// Face datasets library reads them ("500MB" is 500·10⁶ bytes).
var byteUnits = []struct {
	suffix string
	factor int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1},
}

func parseShardSize(v string) (shardSize, error) {
	if v == "" {
		return shardSize{}, nil
	}
	bad := fmt.Errorf("--shard-size %q: want a number of rows (100000) or a size (256MB, 1GiB)", v)
	for _, u := range byteUnits {
		if num, ok := strings.CutSuffix(v, u.suffix); ok {
			n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || n <= 0 || n*float64(u.factor) < 1 {
				return shardSize{}, bad
			}
			return shardSize{bytes: int64(n * float64(u.factor))}, nil
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return shardSize{}, bad
	}
	return shardSize{rows: n}, nil
}

func parseExportFlags(args []string, e env) (o exportOptions, code int, ok bool) {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.StringVar(&o.db, "db", "corpus.db", "SQLite database `path`")
	fs.StringVar(&o.format, "format", "jsonl", "output `format`: jsonl or parquet")
	fs.StringVar(&o.out, "out", "", "output `file`, or folder with --shard-size (default standard output; required for parquet)")
	fs.StringVar(&o.filter.Site, "site", "", "only articles of this `host`")
	fs.StringVar(&o.filter.Since, "since", "", "only articles dated on or after this `day` (YYYY-MM-DD)")
	fs.StringVar(&o.filter.Until, "until", "", "only articles dated on or before this `day` (YYYY-MM-DD)")
	dateField := fs.String("date-field", "published", "the date --since and --until compare: `published` (as the page shows it) or fetched (UTC)")
	undated := fs.String("undated", undatedKeep, "with --since/--until on published dates, `keep` or drop the articles that show no date")
	gone := fs.String("gone", "exclude", "articles whose page answered 404 or 410: `exclude` them, or include them marked \"gone\": true")
	fs.BoolVar(&o.filter.Duplicates, "duplicates", false, "include articles whose text an earlier article already has (the same page under another URL)")
	fs.StringVar(&o.dedup, "dedup", "exact", "`exact`: leave out exact duplicates and mark near-duplicate clusters in dup_cluster; near: also keep only the earliest published article of each cluster")
	fs.Float64Var(&o.threshold, "near-threshold", neardup.DefaultThreshold, "Jaccard `similarity` of word shingles from which two articles are near-duplicates")
	fs.StringVar(&o.compression, "compression", "snappy", "Parquet `codec`: snappy (every reader opens it) or zstd (smaller)")
	shard := fs.String("shard-size", "", "write Parquet shards of this many `rows` or bytes (100000, 256MB) as --out/data/train-0000N-of-0000M.parquet")
	fs.StringVar(&o.card, "card", "", "dataset card `path` (default README.md beside the output; none for no card)")
	fs.StringVar(&o.contact, "contact", "", "`address` the dataset card gives for removal requests")
	o.tone.register(fs)
	fs.Usage = func() { fmt.Fprint(fs.Output(), exportUsage); fs.PrintDefaults() }
	rest, code, ok := parseFlags(fs, args, e)
	if !ok {
		return o, code, false
	}
	var err error
	o.shard, err = parseShardSize(*shard)
	switch {
	case len(rest) > 0:
		err = fmt.Errorf("unexpected argument %q", rest[0])
	case err != nil:
	case o.format != "jsonl" && o.format != "parquet":
		err = fmt.Errorf("unknown --format %q (want jsonl or parquet)", o.format)
	case o.format == "parquet" && o.out == "":
		err = errors.New("--format parquet needs --out FILE")
	case o.shard.set() && o.format != "parquet":
		err = errors.New("--shard-size needs --format parquet")
	case *dateField != "published" && *dateField != "fetched":
		err = fmt.Errorf("unknown --date-field %q (want published or fetched)", *dateField)
	case *undated != undatedKeep && *undated != undatedDrop:
		err = fmt.Errorf("unknown --undated %q (want keep or drop)", *undated)
	case *gone != "exclude" && *gone != "include":
		err = fmt.Errorf("unknown --gone %q (want exclude or include)", *gone)
	case o.dedup != "exact" && o.dedup != "near":
		err = fmt.Errorf("unknown --dedup %q (want exact or near)", o.dedup)
	case !(o.threshold > 0 && o.threshold <= 1):
		err = fmt.Errorf("--near-threshold %v: want a similarity above 0 and at most 1", o.threshold)
	case o.compression != "snappy" && o.compression != "zstd":
		err = fmt.Errorf("unknown --compression %q (want snappy or zstd)", o.compression)
	}
	if err == nil {
		err = checkOutputFlags(o.tone, o.filter.Since)
	}
	if err == nil && o.filter.Until != "" {
		if _, perr := time.Parse(time.DateOnly, o.filter.Until); perr != nil {
			err = fmt.Errorf("--until %q: want YYYY-MM-DD", o.filter.Until)
		} else if o.filter.Since > o.filter.Until && o.filter.Since != "" {
			err = fmt.Errorf("--since %s is after --until %s", o.filter.Since, o.filter.Until)
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus export: %v\n", err)
		return o, exitCannotRun, false
	}
	if *dateField == "fetched" {
		o.filter.DateField = store.DateFetched
	}
	o.filter.DropUndated = *undated == undatedDrop
	o.filter.Gone = *gone == "include"
	return o, exitOK, true
}

func runExport(ctx context.Context, args []string, e env) int {
	o, code, ok := parseExportFlags(args, e)
	if !ok {
		return code
	}
	defer debug.SetGCPercent(debug.SetGCPercent(exportGCPercent))
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "govcorpus export: %v\n", err)
		return exitCannotRun
	}
	out, err := newExportOutput(o)
	if err != nil {
		return fail(err)
	}
	defer out.discard()
	st, err := openReader(ctx, o.db)
	if err != nil {
		return fail(err)
	}
	defer st.Close()

	clusters, nClusters, err := nearClusters(ctx, st, o)
	if err != nil {
		return fail(err)
	}
	var sink rowSink
	if o.format == "parquet" {
		sink, err = out.parquet(o)
	} else {
		sink, err = out.jsonl(e.stdout)
	}
	if err != nil {
		return fail(err)
	}
	stats := newExportStats()
	err = st.EachArticle(ctx, o.filter, func(a store.Article) error {
		r := record{Article: a, cluster: clusters[a.ID]}
		if o.dedup == "near" && r.cluster != 0 && r.cluster != r.ID {
			stats.nearDropped++
			return nil
		}
		var ok bool
		r.published, r.precision, ok = parsePublished(a.Published)
		if !ok && a.Published != "" {
			stats.unreadableDates++
		}
		r.Title, r.Text = o.tone.apply(r.Title), o.tone.apply(r.Text)
		stats.add(r)
		return sink.write(r)
	})
	err = errors.Join(err, sink.close())
	if err == nil {
		err = out.commit(o, stats, nClusters)
	}
	if err != nil {
		return fail(err)
	}
	dateFiltered := (o.filter.Since != "" || o.filter.Until != "") && o.filter.DateField != store.DateFetched
	if dateFiltered && !o.filter.DropUndated && stats.undated > 0 {
		fmt.Fprintf(e.stderr, "govcorpus: %d articles show no date and were kept by --since/--until (--undated drop leaves them out)\n", stats.undated)
	}
	if stats.unreadableDates > 0 {
		fmt.Fprintf(e.stderr, "govcorpus: %d articles have a published value that is no date; exported with published null (published_raw keeps what the page showed)\n", stats.unreadableDates)
	}
	switch {
	case o.dedup == "near" && stats.nearDropped > 0:
		fmt.Fprintf(e.stderr, "govcorpus: left out %d near-duplicates, keeping the earliest published article of each of %d clusters\n", stats.nearDropped, nClusters)
	case o.dedup != "near" && nClusters > 0:
		fmt.Fprintf(e.stderr, "govcorpus: %d articles in %d near-duplicate clusters, marked in dup_cluster (--dedup near keeps one of each)\n", stats.inClusters, nClusters)
	}
	if o.out != "" {
		fmt.Fprintf(e.stderr, "govcorpus: exported %d articles to %s\n", stats.rows, out.describe())
	}
	return exitOK
}

// nearClusters reads the articles the filter selects once, and returns for
// each article in a near-duplicate cluster the id of the cluster's kept
// article: the earliest published (undated ones last), the lowest id among
// equals. Only cluster members are in the map; what is kept per article
// meanwhile is its signature and two numbers (about 145 bytes).
func nearClusters(ctx context.Context, st *store.Store, o exportOptions) (map[int64]int64, int, error) {
	n, err := st.CountArticles(ctx, o.filter)
	if err != nil {
		return nil, 0, err
	}
	ix := neardup.NewIndex(n)
	ids := make([]int64, 0, n)
	order := make([]int32, 0, n) // publication instant, Unix minutes (to year 6053); undated last
	err = st.EachArticle(ctx, o.filter, func(a store.Article) error {
		ix.Add(vntext.Fold(a.Text))
		ids = append(ids, a.ID)
		key := int32(math.MaxInt32)
		if t, _, ok := parsePublished(a.Published); ok {
			key = int32(min(max(t.Unix()/60, math.MinInt32), math.MaxInt32-1))
		}
		order = append(order, key)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	groups, err := ix.Clusters(o.threshold)
	if err != nil {
		return nil, 0, err
	}
	out := map[int64]int64{}
	for _, g := range groups {
		keep := g[0]
		for _, i := range g[1:] {
			if order[i] < order[keep] || order[i] == order[keep] && ids[i] < ids[keep] {
				keep = i
			}
		}
		for _, i := range g {
			out[ids[i]] = ids[keep]
		}
	}
	return out, len(groups), nil
}

// rowSink is one output format.
type rowSink interface {
	write(record) error
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

func (s *jsonlSink) write(r record) error { return s.enc.Encode(r.json()) }
func (s *jsonlSink) close() error         { return s.bw.Flush() }

// exportOutput stages an export's files in a temporary folder beside their
// targets and moves them into place only once everything is written, so a
// failed export never leaves a truncated file, or a mix of old and new
// shards, where a good export is expected.
type exportOutput struct {
	stage    string // temporary folder; "" when writing to standard output only
	target   string // --out: a file, or with --shard-size a folder
	cardPath string // "" for no card
	sharded  bool   // --shard-size: target is a folder of shards
	file     *os.File
	shards   []string // staged shard files, in order
}

func newExportOutput(o exportOptions) (*exportOutput, error) {
	x := &exportOutput{target: o.out, sharded: o.shard.set()}
	switch {
	case o.card == "none":
	case o.card != "":
		x.cardPath = o.card
	case o.out == "":
	case o.shard.set():
		x.cardPath = filepath.Join(o.out, "README.md")
	default:
		x.cardPath = filepath.Join(filepath.Dir(o.out), "README.md")
	}
	if x.cardPath != "" {
		if err := checkCardPath(x.cardPath); err != nil {
			return nil, err
		}
	}
	if o.out == "" && x.cardPath == "" {
		return x, nil
	}
	dir := filepath.Dir(o.out)
	if o.shard.set() {
		if fi, err := os.Stat(o.out); err == nil && !fi.IsDir() {
			return nil, fmt.Errorf("--out %s is a file: with --shard-size it names a folder", o.out)
		}
		if err := os.MkdirAll(filepath.Join(o.out, shardDir), 0o755); err != nil {
			return nil, fmt.Errorf("create export folder: %w", err)
		}
		dir = o.out
	}
	if o.out == "" {
		dir = filepath.Dir(x.cardPath)
	}
	stage, err := os.MkdirTemp(dir, ".govcorpus-export-*")
	if err != nil {
		return nil, fmt.Errorf("create export files in %s: %w", dir, err)
	}
	x.stage = stage
	return x, nil
}

// checkCardPath refuses, before anything is written, to replace a
// README.md that is not a card govcorpus wrote.
func checkCardPath(path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read dataset card %s: %w", path, err)
	}
	if !strings.Contains(string(b), cardMarker) {
		return fmt.Errorf("%s exists and is not a card govcorpus wrote: move it, or pass --card PATH or --card none", path)
	}
	return nil
}

// create makes a staged file readable by everyone, as a dataset is meant
// to be (the process umask still applies).
func (x *exportOutput) create(name string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(x.stage, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create export file: %w", err)
	}
	return f, nil
}

func (x *exportOutput) jsonl(stdout io.Writer) (rowSink, error) {
	if x.target == "" {
		return newJSONLSink(stdout), nil
	}
	f, err := x.create("export.jsonl")
	if err != nil {
		return nil, err
	}
	x.file = f
	return &closingSink{rowSink: newJSONLSink(f), f: f}, nil
}

// closingSink syncs and closes the file under a sink.
type closingSink struct {
	rowSink
	f *os.File
}

func (s *closingSink) close() error {
	return errors.Join(s.rowSink.close(), s.f.Sync(), s.f.Close())
}

func (x *exportOutput) parquet(o exportOptions) (rowSink, error) {
	codec := compress.Codec(&parquet.Snappy)
	if o.compression == "zstd" {
		codec = &parquet.Zstd
	}
	return &parquetSink{x: x, codec: codec, limit: o.shard}, nil
}

// commit writes the card and moves the staged files into place.
func (x *exportOutput) commit(o exportOptions, st *exportStats, clusters int) error {
	if x.stage == "" {
		return nil
	}
	if x.cardPath != "" {
		card := datasetCard(o, st, clusters, x.dataFiles())
		if err := os.WriteFile(filepath.Join(x.stage, "README.md"), []byte(card), 0o644); err != nil {
			return fmt.Errorf("write dataset card: %w", err)
		}
	}
	switch {
	case x.sharded:
		old, err := filepath.Glob(filepath.Join(x.target, shardDir, "train-*-of-*.parquet"))
		if err != nil {
			return err
		}
		for _, f := range old {
			if err := os.Remove(f); err != nil {
				return fmt.Errorf("remove the previous export's shard: %w", err)
			}
		}
		for i, f := range x.shards {
			name := filepath.Join(x.target, shardDir, fmt.Sprintf(shardPattern, i, len(x.shards)))
			if err := os.Rename(f, name); err != nil {
				return fmt.Errorf("move shard into place: %w", err)
			}
		}
	case len(x.shards) == 1:
		if err := os.Rename(x.shards[0], x.target); err != nil {
			return fmt.Errorf("move export into place: %w", err)
		}
	case x.file != nil:
		if err := os.Rename(x.file.Name(), x.target); err != nil {
			return fmt.Errorf("move export into place: %w", err)
		}
	}
	if x.cardPath != "" {
		if err := os.Rename(filepath.Join(x.stage, "README.md"), x.cardPath); err != nil {
			return fmt.Errorf("move dataset card into place: %w", err)
		}
	}
	return nil
}

// dataFiles is the card's data_files pattern, relative to the card.
func (x *exportOutput) dataFiles() string {
	if x.target == "" {
		return ""
	}
	files := x.target
	if x.sharded {
		files = filepath.Join(x.target, shardDir, "train-*.parquet")
	}
	if rel, err := filepath.Rel(filepath.Dir(x.cardPath), files); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(files)
}

func (x *exportOutput) describe() string {
	if x.sharded {
		return fmt.Sprintf("%d shards in %s", len(x.shards), filepath.Join(x.target, shardDir))
	}
	return x.target
}

// discard removes whatever staged files are left (all of them after a
// failure, none after commit).
func (x *exportOutput) discard() {
	if x.stage != "" {
		os.RemoveAll(x.stage)
	}
}

// parquetSink writes Parquet files, one or a shard per --shard-size,
// buffering rows into row groups of a bounded size.
type parquetSink struct {
	x     *exportOutput
	codec compress.Codec
	limit shardSize

	f        *os.File
	cw       *countingWriter
	w        *parquet.GenericWriter[parquetRow]
	buf      []parquetRow
	rows     int64 // rows in the current shard
	groupLen int64 // text bytes in the current row group
}

func (s *parquetSink) open() error {
	f, err := s.x.create(fmt.Sprintf("shard-%05d.parquet", len(s.x.shards)))
	if err != nil {
		return err
	}
	s.f, s.cw, s.rows, s.groupLen = f, &countingWriter{w: f}, 0, 0
	s.w = parquet.NewGenericWriter[parquetRow](s.cw, parquet.Compression(s.codec),
		parquet.CreatedBy("govcorpus", version, ""))
	s.x.shards = append(s.x.shards, f.Name())
	return nil
}

// groupLimit is the text a row group holds before it is written out: a
// shard cut by bytes closes after the row group that takes it past its
// size, so row groups there are a quarter of it at most.
func (s *parquetSink) groupLimit() int64 {
	if s.limit.bytes > 0 {
		return max(min(rowGroupBytes, s.limit.bytes/4), 1)
	}
	return rowGroupBytes
}

func (s *parquetSink) write(r record) error {
	if s.w == nil {
		if err := s.open(); err != nil {
			return err
		}
	}
	s.buf = append(s.buf, r.parquet())
	s.rows++
	s.groupLen += int64(len(r.Text) + len(r.Title) + len(r.URL))
	if len(s.buf) >= writeBatch {
		if err := s.writeBuf(); err != nil {
			return err
		}
	}
	if s.groupLen >= s.groupLimit() {
		if err := s.endGroup(); err != nil {
			return err
		}
		if s.limit.bytes > 0 && s.cw.n >= s.limit.bytes {
			return s.closeShard()
		}
	}
	if s.limit.rows > 0 && s.rows >= s.limit.rows {
		return s.closeShard()
	}
	return nil
}

func (s *parquetSink) writeBuf() error {
	if _, err := s.w.Write(s.buf); err != nil {
		return fmt.Errorf("write parquet: %w", err)
	}
	s.buf = s.buf[:0]
	return nil
}

func (s *parquetSink) endGroup() error {
	if err := s.writeBuf(); err != nil {
		return err
	}
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("write parquet row group: %w", err)
	}
	s.groupLen = 0
	return nil
}

func (s *parquetSink) closeShard() error {
	err := s.writeBuf()
	if err == nil {
		err = s.w.Close()
	}
	err = errors.Join(err, s.f.Sync(), s.f.Close())
	s.w = nil
	if err != nil {
		return fmt.Errorf("write parquet %s: %w", s.f.Name(), err)
	}
	return nil
}

func (s *parquetSink) close() error {
	// An export of nothing is still one file with the schema, which
	// readers open as an empty table.
	if s.w == nil && len(s.x.shards) == 0 {
		if err := s.open(); err != nil {
			return err
		}
	}
	if s.w == nil {
		return nil
	}
	return s.closeShard()
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
