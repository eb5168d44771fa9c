package store

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// shardWith writes one run into a new shard: each page, an article when
// text is set, and a capture of it.
func shardWith(t *testing.T, dir, name string, at time.Time, pages map[string]string) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, name)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	run, err := s.StartRun(ctx, []string{"http://x.test/"}, at)
	if err != nil {
		t.Fatal(err)
	}
	s.SetRun(run)
	for u, text := range pages {
		r := Result{Page: Page{URL: u, FinalURL: u, Status: 200, FetchedAt: at, WarcFile: name + ".warc.gz", WarcOffset: 7, WarcLength: 9}}
		if text != "" {
			r.Article = &Article{URL: u, Title: "t " + text, Text: text, SHA256: "sha-" + text, FetchedAt: at}
		}
		if _, err := s.Complete(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := s.AddCapture(ctx, Capture{URL: u, PayloadDigest: "sha1:" + text, File: name + ".warc.gz", Offset: 7, Length: 9, Date: at, RecordID: "<urn:" + name + u + ">"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.FinishRun(ctx, run, at, RunStats{Pages: len(pages)}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMergeShards(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := shardWith(t, dir, "a.db", t0, map[string]string{"http://x.test/1": "cũ một", "http://x.test/2": "hai"})
	b := shardWith(t, dir, "b.db", t0.Add(time.Hour), map[string]string{"http://x.test/1": "mới một", "http://x.test/3": "ba"})
	out, path := openTest(t)
	// Order must not matter: the newer shard first.
	for _, sh := range []string{b, a} {
		if _, err := out.Merge(ctx, sh); err != nil {
			t.Fatal(err)
		}
	}
	if err := out.RebuildIndex(ctx); err != nil {
		t.Fatal(err)
	}

	arts, err := out.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Article{}
	for _, x := range arts {
		got[x.URL] = x
	}
	tests := []struct{ url, text string }{
		{"http://x.test/1", "mới một"}, // the newest fetch wins
		{"http://x.test/2", "hai"},
		{"http://x.test/3", "ba"},
	}
	if len(got) != len(tests) {
		t.Fatalf("merged %d articles, want %d", len(got), len(tests))
	}
	for _, tc := range tests {
		if g := got[tc.url]; g.Text != tc.text {
			t.Errorf("%s: text %q, want %q", tc.url, g.Text, tc.text)
		}
	}
	vs, err := out.Versions(ctx, got["http://x.test/1"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Text != "cũ một" {
		t.Errorf("versions of x.test/1 = %+v; want the older shard's text kept", vs)
	}

	runs, err := out.Runs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].ID == runs[1].ID {
		t.Fatalf("runs = %+v; want both shards' runs, renumbered", runs)
	}
	files, err := out.WARCFiles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	if strings.Join(files, ",") != "a.db.warc.gz,b.db.warc.gz" {
		t.Errorf("WARC files = %v; want both shards' pointers", files)
	}
	if c, ok, err := out.LatestCapture(ctx, "http://x.test/2"); err != nil || !ok || c.File != "a.db.warc.gz" || c.Offset != 7 {
		t.Errorf("capture of x.test/2 = %+v, %v, %v; want a's pointer", c, ok, err)
	}
	pages, err := out.Pages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if p.URL == "http://x.test/1" && p.WarcFile != "b.db.warc.gz" {
			t.Errorf("page x.test/1 points at %s; want the newest fetch's record", p.WarcFile)
		}
	}
	hits, err := out.Search(ctx, Query{Text: "một"})
	if err != nil || len(hits) != 1 || hits[0].URL != "http://x.test/1" {
		t.Errorf("search after merge = %+v, %v; want x.test/1 by its current text", hits, err)
	}

	if _, err := out.Merge(ctx, path); err == nil {
		t.Error("merging the corpus into itself: no error")
	}
	if _, err := out.Merge(ctx, filepath.Join(dir, "missing.db")); err == nil {
		t.Error("merging a missing shard: no error")
	}
}
