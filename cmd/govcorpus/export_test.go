package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/govcorpus/govcorpus/demosite"
	"github.com/govcorpus/govcorpus/neardup/neartest"
	"github.com/govcorpus/govcorpus/store"
)

func TestExport(t *testing.T) {
	srv := newCountingServer(t, demosite.Handler(), 0)
	db := tempDB(t)
	if code, _, stderr := runCmd(context.Background(), crawlArgs(srv.URL, db)...); code != exitPagesFailed {
		t.Fatalf("crawl: exit %d\n%s", code, stderr)
	}
	want := articleSet(t, db, srv.URL)

	code, out, stderr := runCmd(context.Background(), "export", "--db", db)
	if code != exitOK {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d JSON lines, want one per article (%d)", len(lines), len(want))
	}
	for _, l := range lines {
		var r jsonRow
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		a, ok := want[strings.TrimPrefix(r.URL, srv.URL)]
		if !ok || r.Text != a.Text || deref(r.Title) != a.Title || r.SHA256 == "" {
			t.Errorf("row for %s does not match the article", r.URL)
		}
	}

	pq := filepath.Join(t.TempDir(), "corpus.parquet")
	if code, _, stderr := runCmd(context.Background(), "export", "--db", db, "--format", "parquet", "--out", pq, "--tone-style", "new"); code != exitOK {
		t.Fatalf("parquet export: exit %d\n%s", code, stderr)
	}
	rows, err := parquet.ReadFile[parquetRow](pq)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want) {
		t.Fatalf("%d parquet rows, want %d", len(rows), len(want))
	}
	newStyle := false
	for _, r := range rows {
		if strings.Contains(r.Text, "ủy ban") || strings.Contains(r.Text, "Ủy ban") {
			t.Errorf("%s: --tone-style new left old-style ủy", r.URL)
		}
		newStyle = newStyle || strings.Contains(strings.ToLower(r.Text), "uỷ ban")
	}
	if !newStyle {
		t.Error("no article shows the new-style uỷ: the tone rewrite was not exercised")
	}
	entries, _ := os.ReadDir(filepath.Dir(pq))
	if names := dirNames(entries); !slices.Equal(names, []string{"README.md", "corpus.parquet"}) {
		t.Errorf("export folder holds %v, want the file and its card only (no temporary files)", names)
	}
	if code, _, _ := runCmd(context.Background(), "export", "--db", db, "--format", "parquet"); code != exitCannotRun {
		t.Errorf("parquet to a terminal: exit %d, want %d", code, exitCannotRun)
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func dirNames(entries []os.DirEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// fixture is an article of the export fixture corpus, by name.
type fixture struct {
	name, site, published, title string
	text                         string
	fetched                      time.Time
}

// exportFixture writes a corpus covering what export must get right: both
// date precisions, a time whose UTC instant falls on the day before the
// day the page shows, no date, a value that is no date, an exact
// duplicate, and a near-duplicate republished later on another site.
func exportFixture(t *testing.T) (db string, ids map[string]int64) {
	t.Helper()
	body := func(seed uint64) string { return strings.Join(neartest.Article(seed), " ") }
	orig, copied := neartest.Republished(neartest.Article(42))
	day := func(d int) time.Time { return time.Date(2026, 11, d, 3, 4, 5, 123456789, time.UTC) }
	fixtures := []fixture{
		{"day", "a.gov.vn", "2021-03-29", "Hội nghị tổng kết", body(1), day(1)},
		{"minute", "a.gov.vn", "2020-03-30T11:45:00+07:00", "Tin hoạt động", orig, day(2)},
		{"undated", "b.gov.vn", "", "", body(3), day(3)},
		{"dup", "a.gov.vn", "2021-03-29", "Hội nghị tổng kết (bản in)", body(1), day(4)},
		{"copy", "b.gov.vn", "2020-04-02", "Tin từ các sở ngành", copied, day(5)},
		{"newyear", "a.gov.vn", "2020-01-01T05:00:00+07:00", "Chúc mừng năm mới", body(6), day(6)},
		{"nodate", "b.gov.vn", "tháng 3", "Thông báo", body(7), day(7)},
	}
	db = tempDB(t)
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fixtures {
		sum := sha256.Sum256([]byte(f.text))
		u := "http://" + f.site + "/" + f.name + ".html"
		raw := ""
		if f.published != "" {
			raw = "Ngày đăng: " + f.published
		}
		if _, err := st.Complete(ctx, store.Result{
			Page: store.Page{URL: u, Status: 200, FetchedAt: f.fetched, PageType: "article"},
			Article: &store.Article{Title: f.title, Published: f.published, PublishedRaw: raw, Text: f.text,
				Lang: "vi", Words: len(strings.Fields(f.text)), SHA256: hex.EncodeToString(sum[:])},
		}); err != nil {
			t.Fatal(err)
		}
	}
	arts, err := st.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	ids = map[string]int64{}
	for _, a := range arts {
		ids[strings.TrimSuffix(filepath.Base(a.URL), ".html")] = a.ID
	}
	return db, ids
}

// dbArticles reads the fixture back as stored, by id.
func dbArticles(t *testing.T, db string) map[int64]store.Article {
	t.Helper()
	out := map[int64]store.Article{}
	for _, a := range articleSet(t, db, "") {
		out[a.ID] = a
	}
	return out
}

// wantPublished is what the published columns of a stored value must be:
// the instant, the day as shown, the precision; zero when no date.
func wantPublished(t *testing.T, s string) (instant time.Time, day, precision string) {
	t.Helper()
	switch {
	case len(s) == 10:
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(-7 * time.Hour), s, "day"
	case strings.Contains(s, "T"):
		ts, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return ts, s[:10], "minute"
	}
	return time.Time{}, "", ""
}

// checkJSONRow compares one exported JSON row with the stored article.
func checkJSONRow(t *testing.T, r jsonRow, a store.Article, cluster int64) {
	t.Helper()
	instant, day, precision := wantPublished(t, a.Published)
	var gotInstant time.Time
	if r.Published != nil {
		var err error
		if gotInstant, err = time.Parse(time.RFC3339, *r.Published); err != nil {
			t.Errorf("%s: published %q is not RFC 3339", a.URL, *r.Published)
		}
	}
	fetched, err := time.Parse(time.RFC3339Nano, r.FetchedAt)
	if err != nil {
		t.Errorf("%s: fetched_at %q is not RFC 3339", a.URL, r.FetchedAt)
	}
	checks := []struct {
		field     string
		got, want any
	}{
		{"url", r.URL, a.URL}, {"site", r.Site, a.Site}, {"title", r.Title, optional(a.Title)},
		{"published", gotInstant.UTC(), instant.UTC()}, {"published_date", r.PublishedDate, optional(day)},
		{"published_precision", r.PublishedPrecision, optional(precision)},
		{"published_raw", r.PublishedRaw, optional(a.PublishedRaw)}, {"text", r.Text, a.Text},
		{"lang", r.Lang, optional(a.Lang)}, {"words", int(r.Words), a.Words}, {"sha256", r.SHA256, a.SHA256},
		{"fetched_at", fetched.UTC(), a.FetchedAt.UTC()}, {"dup_cluster", r.DupCluster, optionalID(cluster)},
	}
	for _, c := range checks {
		if !equalValues(c.got, c.want) {
			t.Errorf("article %d (%s) %s: exported %.80s, stored %.80s", a.ID, a.URL, c.field, fmt.Sprint(show(c.got)), fmt.Sprint(show(c.want)))
		}
	}
}

func equalValues(a, b any) bool {
	if ta, ok := a.(time.Time); ok {
		return ta.Equal(b.(time.Time))
	}
	return fmt.Sprint(show(a)) == fmt.Sprint(show(b))
}

// show dereferences pointers for comparison and messages.
func show(v any) any {
	switch p := v.(type) {
	case *string:
		if p == nil {
			return "<null>"
		}
		return *p
	case *int64:
		if p == nil {
			return "<null>"
		}
		return *p
	}
	return v
}

func readJSONL(t *testing.T, out string) []jsonRow {
	t.Helper()
	var rows []jsonRow
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r jsonRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if strings.Contains(sc.Text(), `""`) {
			t.Errorf("line of article %d has an empty string: a missing value must be null", r.ID)
		}
		rows = append(rows, r)
	}
	return rows
}

// TestExportRoundTrip exports the fixture with each filter and checks that
// the rows are the articles the filter selects and that every field of
// every row equals the database.
func TestExportRoundTrip(t *testing.T) {
	db, id := exportFixture(t)
	stored := dbArticles(t, db)
	// Near-duplicate clusters are found among the rows a filter selects,
	// each led by its earliest published article (listed first): the
	// republished copy with its original, and the exact duplicate with its
	// first copy when --duplicates includes it.
	groups := [][]string{{"minute", "copy"}, {"day", "dup"}}
	clustersOf := func(names []string) map[int64]int64 {
		out := map[int64]int64{}
		for _, g := range groups {
			var in []string
			for _, n := range g {
				if slices.Contains(names, n) {
					in = append(in, n)
				}
			}
			if len(in) > 1 {
				for _, n := range in {
					out[id[n]] = id[in[0]]
				}
			}
		}
		return out
	}
	tests := []struct {
		name   string
		args   []string
		want   []string
		stderr string
	}{
		{"everything once", nil, []string{"day", "minute", "undated", "copy", "newyear", "nodate"}, "2 articles in 1 near-duplicate clusters, marked in dup_cluster"},
		{"exact duplicates too", []string{"--duplicates"}, []string{"day", "minute", "undated", "dup", "copy", "newyear", "nodate"}, ""},
		{"since keeps the undated and says so", []string{"--since", "2020-04-01"}, []string{"day", "undated", "copy", "nodate"}, "2 articles show no date and were kept"},
		{"since by the day shown, not the UTC day", []string{"--since", "2020-01-01", "--until", "2020-01-01"}, []string{"undated", "newyear", "nodate"}, ""},
		{"until takes the whole day", []string{"--until", "2020-03-30", "--undated", "drop"}, []string{"minute", "newyear"}, ""},
		{"fetch dates", []string{"--date-field", "fetched", "--since", "2026-11-03", "--until", "2026-11-05"}, []string{"undated", "copy"}, ""},
		{"one site", []string{"--site", "b.gov.vn"}, []string{"undated", "copy", "nodate"}, ""},
		{"near-duplicates out", []string{"--dedup", "near"}, []string{"day", "minute", "undated", "newyear", "nodate"}, "left out 1 near-duplicates, keeping the earliest published article of each of 1 clusters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCmd(context.Background(), append([]string{"export", "--db", db}, tt.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.stderr)
			}
			var got, want []int64
			names := tt.want
			if tt.name == "near-duplicates out" {
				names = append(names, "copy")
			}
			clusters := clustersOf(names)
			for _, r := range readJSONL(t, out) {
				got = append(got, r.ID)
				checkJSONRow(t, r, stored[r.ID], clusters[r.ID])
			}
			for _, n := range tt.want {
				want = append(want, id[n])
			}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("exported ids %v, want %v (%v)", got, want, tt.want)
			}
		})
	}
	_, _, stderr := runCmd(context.Background(), "export", "--db", db)
	if !strings.Contains(stderr, "1 articles have a published value that is no date") {
		t.Errorf("the value that is no date was not reported: %q", stderr)
	}
}

// TestExportParquetRoundTrip reads the Parquet export back, with
// parquet-go and with the independent readers, and compares every field.
func TestExportParquetRoundTrip(t *testing.T) {
	db, id := exportFixture(t)
	stored := dbArticles(t, db)
	dir := t.TempDir()
	pq := filepath.Join(dir, "corpus.parquet")
	if code, _, stderr := runCmd(context.Background(), "export", "--db", db, "--format", "parquet", "--out", pq); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rows, err := parquet.ReadFile[parquetRow](pq)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Errorf("%d rows, want the 6 articles that are no exact duplicate", len(rows))
	}
	for _, r := range rows {
		a := stored[r.ID]
		instant, day, precision := wantPublished(t, a.Published)
		var gotDay string
		if r.PublishedDate != nil {
			gotDay = time.Unix(int64(*r.PublishedDate)*86400, 0).UTC().Format(time.DateOnly)
		}
		if got := deref(r.Published); !got.Equal(instant) || gotDay != day || deref(r.PublishedPrecision) != precision {
			t.Errorf("article %d published %v/%s/%s, want %v/%s/%s (stored %q)", r.ID, got, gotDay, deref(r.PublishedPrecision), instant, day, precision, a.Published)
		}
		if r.URL != a.URL || r.Site != a.Site || deref(r.PublishedRaw) != a.PublishedRaw || (r.PublishedRaw != nil && *r.PublishedRaw == "") ||
			r.Text != a.Text || deref(r.Title) != a.Title || (r.Title != nil && *r.Title == "") || r.Words != int32(a.Words) ||
			r.SHA256 != a.SHA256 || !r.FetchedAt.Equal(a.FetchedAt.Truncate(time.Microsecond)) || deref(r.Lang) != a.Lang {
			t.Errorf("article %d: the row does not match the database", r.ID)
		}
		if want := map[int64]int64{id["minute"]: id["minute"], id["copy"]: id["minute"]}[r.ID]; deref(r.DupCluster) != want {
			t.Errorf("article %d dup_cluster %v, want %d", r.ID, deref(r.DupCluster), want)
		}
	}
	if fi, err := os.Stat(pq); err != nil || fi.Mode().Perm()&0o044 != 0o044 {
		t.Errorf("export is not readable by group and others: %v %v", fi.Mode(), err)
	}
	if codec := parquetCodec(t, pq); codec != format.Snappy {
		t.Errorf("default codec %v, want snappy (hyparquet reads no zstd without a plugin)", codec)
	}
	independent := independentRows(t, pq)
	if len(independent) != len(rows) {
		t.Fatalf("the independent readers read %d rows, parquet-go %d", len(independent), len(rows))
	}
	for _, r := range independent {
		a := stored[mustID(t, r.ID)]
		instant, day, _ := wantPublished(t, a.Published)
		wantMs := any(nil)
		if !instant.IsZero() {
			wantMs = float64(instant.UnixMilli())
		}
		if fmt.Sprint(r.Published) != fmt.Sprint(wantMs) || deref(r.PublishedDate) != day || r.Text != a.Text ||
			r.FetchedAt != float64(a.FetchedAt.UnixMilli()) || r.Words != a.Words {
			t.Errorf("hyparquet/DuckDB read article %s as published %v (%v), fetched %v, words %d; the database has %q, %v, %d",
				r.ID, r.Published, deref(r.PublishedDate), r.FetchedAt, r.Words, a.Published, a.FetchedAt, a.Words)
		}
	}

	zst := filepath.Join(dir, "zstd.parquet")
	if code, _, stderr := runCmd(context.Background(), "export", "--db", db, "--format", "parquet", "--out", zst, "--compression", "zstd", "--card", "none"); code != exitOK {
		t.Fatalf("zstd: exit %d\n%s", code, stderr)
	}
	if codec := parquetCodec(t, zst); codec != format.Zstd {
		t.Errorf("--compression zstd wrote %v", codec)
	}
}

func mustID(t *testing.T, s string) int64 {
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func parquetCodec(t *testing.T, path string) format.CompressionCodec {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	pf, err := parquet.OpenFile(f, fi.Size())
	if err != nil {
		t.Fatal(err)
	}
	md := pf.Metadata()
	if len(md.RowGroups) == 0 {
		t.Fatalf("%s has no row group", path)
	}
	return md.RowGroups[0].Columns[0].MetaData.Codec
}

// independentRow is a row as scripts/parquet-check prints it.
type independentRow struct {
	File          string  `json:"file"`
	ID            string  `json:"id"`
	Published     any     `json:"published"` // epoch ms or null
	PublishedDate *string `json:"published_date"`
	Text          string  `json:"text"`
	Words         int     `json:"words"`
	FetchedAt     float64 `json:"fetched_at"`
}

// independentRows reads Parquet files with scripts/parquet-check
// (hyparquet without plugins, and DuckDB, which must agree). It skips the
// test, saying why, only when the readers cannot be installed.
func independentRows(t *testing.T, files ...string) []independentRow {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("..", "..", "scripts", "parquet-check", "run.sh"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", append([]string{script}, files...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 2 {
		t.Skipf("skipping the independent Parquet readers: %s", strings.TrimSpace(stderr.String()))
	}
	if err != nil {
		t.Fatalf("parquet-check: %v\n%s", err, stderr.String())
	}
	var rows []independentRow
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var r independentRow
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("parquet-check line %q: %v", l, err)
		}
		rows = append(rows, r)
	}
	return rows
}

// TestExportShards writes the fixture in shards by rows and by bytes, as
// the Hub lays a dataset out, and reads every shard independently.
func TestExportShards(t *testing.T) {
	db, _ := exportFixture(t)
	dir := filepath.Join(t.TempDir(), "dataset")
	shards := func() []string {
		t.Helper()
		files, err := filepath.Glob(filepath.Join(dir, "data", "*"))
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	if code, _, stderr := runCmd(context.Background(), "export", "--db", db, "--format", "parquet", "--out", dir, "--shard-size", "2"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var names []string
	for _, f := range shards() {
		names = append(names, filepath.Base(f))
		fi, err := os.Stat(f)
		if err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644 (%v)", f, fi.Mode(), err)
		}
	}
	want := []string{"train-00000-of-00003.parquet", "train-00001-of-00003.parquet", "train-00002-of-00003.parquet"}
	if !slices.Equal(names, want) {
		t.Fatalf("shards %v, want %v", names, want)
	}
	rows := independentRows(t, shards()...)
	perFile := map[string]int{}
	for _, r := range rows {
		perFile[filepath.Base(r.File)]++
	}
	if len(rows) != 6 || perFile[want[0]] != 2 || perFile[want[2]] != 2 {
		t.Errorf("rows per shard %v, want 2 each and 6 in all", perFile)
	}
	entries, _ := os.ReadDir(dir)
	if names := dirNames(entries); !slices.Equal(names, []string{"README.md", "data"}) {
		t.Errorf("dataset folder holds %v, want README.md and data/ only", names)
	}

	// A byte budget: row groups shrink to fit it, so a small budget still
	// cuts several shards; an export into the same folder replaces the
	// old shards rather than leaving them beside the new ones.
	if code, _, stderr := runCmd(context.Background(), "export", "--db", db, "--format", "parquet", "--out", dir, "--shard-size", "5KB"); code != exitOK {
		t.Fatalf("bytes: exit %d\n%s", code, stderr)
	}
	byBytes := shards()
	if len(byBytes) < 2 || len(byBytes) > 6 {
		t.Errorf("5KB shards of ~15KB of text: %d files %v", len(byBytes), byBytes)
	}
	if rows := independentRows(t, byBytes...); len(rows) != 6 {
		t.Errorf("byte shards hold %d rows, want 6", len(rows))
	}
	if code, _, stderr := runCmd(context.Background(), "export", "--db", db, "--format", "parquet", "--out", dir, "--shard-size", "100000"); code != exitOK {
		t.Fatalf("one shard: exit %d\n%s", code, stderr)
	}
	if got := shards(); len(got) != 1 || filepath.Base(got[0]) != "train-00000-of-00001.parquet" {
		t.Errorf("after re-exporting into one shard the folder holds %v", got)
	}
}

func TestExportCard(t *testing.T) {
	db, _ := exportFixture(t)
	dir := filepath.Join(t.TempDir(), "dataset")
	if code, _, stderr := runCmd(context.Background(), "export", "--db", db, "--format", "parquet", "--out", dir,
		"--shard-size", "256MB", "--dedup", "near", "--contact", "corpus@example.org"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	card := string(b)
	header, body, ok := strings.Cut(strings.TrimPrefix(card, "---\n"), "\n---\n")
	if !strings.HasPrefix(card, "---\n") || !ok {
		t.Fatalf("card does not open with a YAML header:\n%s", card)
	}
	for _, want := range []string{"language:\n- vi\n", "size_categories:\n- n<1K\n", "# license:", `path: "data/train-*.parquet"`} {
		if !strings.Contains(header, want) {
			t.Errorf("YAML header lacks %q:\n%s", want, header)
		}
	}
	// The fixture after exact and near deduplication: a.gov.vn keeps day,
	// minute and newyear; b.gov.vn undated and nodate (copy is left out).
	for _, want := range []string{
		"| a.gov.vn | 3 |", "| b.gov.vn | 2 |",
		"| 2020 | 2 |", "| 2021 | 1 |", "| undated | 2 |",
		"Crawled between 2026-11-01 and 2026-11-07",
		"`published_precision`", "`dup_cluster`",
		"at least 0.80", "1 clusters; only the earliest published article of each is kept (1 left out)",
		"corpus@example.org", "govcorpus " + version,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("card lacks %q:\n%s", want, body)
		}
	}

	// A README.md someone wrote is never replaced: the export refuses
	// before writing anything.
	mine := filepath.Join(t.TempDir(), "mine")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "README.md"), []byte("# my notes\n"), 0o644)
	code, _, stderr := runCmd(context.Background(), "export", "--db", db, "--format", "parquet", "--out", filepath.Join(mine, "c.parquet"))
	if code != exitCannotRun || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "not a card govcorpus wrote") {
		t.Errorf("export over someone's README: exit %d, stderr %q", code, stderr)
	}
	entries, _ := os.ReadDir(mine)
	if names := dirNames(entries); !slices.Equal(names, []string{"README.md"}) {
		t.Errorf("the refused export left %v", names)
	}
	if code, _, stderr := runCmd(context.Background(), "export", "--db", db, "--format", "parquet", "--out", filepath.Join(mine, "c.parquet"), "--card", "none"); code != exitOK {
		t.Errorf("--card none: exit %d\n%s", code, stderr)
	}
}

func TestExportBadFlags(t *testing.T) {
	db, _ := exportFixture(t)
	out := filepath.Join(t.TempDir(), "x.parquet")
	pq := []string{"--format", "parquet", "--out", out}
	tests := []struct {
		args []string
		want string
	}{
		{append([]string{"--shard-size", "0"}, pq...), "--shard-size"},
		{append([]string{"--shard-size", "12XB"}, pq...), "--shard-size"},
		{[]string{"--shard-size", "100"}, "needs --format parquet"},
		{append([]string{"--compression", "lz4"}, pq...), "--compression"},
		{[]string{"--date-field", "modified"}, "--date-field"},
		{[]string{"--undated", "maybe"}, "--undated"},
		{[]string{"--dedup", "fuzzy"}, "--dedup"},
		{[]string{"--near-threshold", "1.5"}, "--near-threshold"},
		{[]string{"--near-threshold", "0"}, "--near-threshold"},
		{[]string{"--until", "30/03/2020"}, "--until"},
		{[]string{"--since", "2021-01-02", "--until", "2021-01-01"}, "is after --until"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCmd(context.Background(), append([]string{"export", "--db", db}, tt.args...)...)
			if code != exitCannotRun || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stdout %d bytes, stderr %q; want exit 1 and one line naming %s", code, len(stdout), stderr, tt.want)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused export wrote its file")
	}
}
