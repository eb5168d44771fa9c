package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// withSearchBatch lowers searchBatch, so a test reaches it in a few writes.
func withSearchBatch(n int64) Option {
	return func(o *options) { o.searchBatch = n }
}

// queueState is what the database itself says of the search queue: the
// queued rows and the entries in the index.
func queueState(t *testing.T, s *Store) (queued, indexed int) {
	t.Helper()
	if err := s.rdb.QueryRow(`SELECT (SELECT COUNT(*) FROM search_queue), (SELECT COUNT(*) FROM articles_fts)`).
		Scan(&queued, &indexed); err != nil {
		t.Fatal(err)
	}
	return queued, indexed
}

func complete(t *testing.T, s *Store, a Article) {
	t.Helper()
	if _, err := s.Complete(context.Background(), Result{Page: Page{URL: a.URL, Status: 200}, Article: &a}); err != nil {
		t.Fatal(err)
	}
}

func searchURLs(t *testing.T, s *Store, q string) []string {
	t.Helper()
	hits, err := s.Search(context.Background(), Query{Text: q})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return urls(hits)
}

// TestSearchReadsThroughQueue: committed articles not yet in the index
// are found, edited ones by their new words only, removed ones not at all,
// in a store that writes and in a read-only one opened beside it.
func TestSearchReadsThroughQueue(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "q.db")
	s, err := Open(ctx, path, WithFold(testFold))
	if err != nil {
		t.Fatal(err)
	}
	complete(t, s, Article{URL: "http://a/old", Title: "Giáo dục", Text: "Trường học vùng cao khai giảng năm học mới.", SHA256: "1"})
	complete(t, s, Article{URL: "http://a/edited", Title: "Lao động", Text: "Việc làm cho người lao động.", SHA256: "2"})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(ctx, path, WithFold(testFold))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if q, n := queueState(t, s); q != 0 || n != 2 {
		t.Fatalf("after reopening: %d queued, %d indexed; want 0 and 2", q, n)
	}
	complete(t, s, Article{URL: "http://a/new", Title: "Y tế", Text: "Bệnh viện huyện tiếp nhận máy chụp cắt lớp.", SHA256: "3"})
	complete(t, s, Article{URL: "http://a/edited", Title: "Đường sá", Text: "Nâng cấp đường giao thông nông thôn.", SHA256: "4"})
	if q, n := queueState(t, s); q != 2 || n != 2 {
		t.Fatalf("%d queued, %d indexed; want the new and the edited article queued, the index as it was", q, n)
	}

	ro, err := OpenReadOnly(ctx, path, WithFold(testFold))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	for name, st := range map[string]*Store{"writer": s, "read-only": ro} {
		for _, tc := range []struct {
			q    string
			want []string
		}{
			{"benh vien", []string{"http://a/new"}},     // queued, never indexed
			{"giao thông", []string{"http://a/edited"}}, // queued, new text
			{"lao động", nil},                           // the index's stale entry
			{"trường học", []string{"http://a/old"}},    // indexed, not queued
			{"huyện OR nông OR vùng", []string{"http://a/edited", "http://a/new", "http://a/old"}}, // both
		} {
			got := searchURLs(t, st, tc.q)
			if !sameSet(got, tc.want) {
				t.Errorf("%s: search %q = %v, want %v", name, tc.q, got, tc.want)
			}
		}
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		if m[x]--; m[x] < 0 {
			return false
		}
	}
	return true
}

// TestSearchQueueIndexedInBulk: the writer indexes the queue once it holds
// searchBatch articles, and Close indexes the rest.
func TestSearchQueueIndexedInBulk(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bulk.db")
	s, err := Open(ctx, path, WithFold(testFold), withSearchBatch(5))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		complete(t, s, Article{URL: fmt.Sprintf("http://a/%d", i), Text: fmt.Sprintf("Bài số%d", i), SHA256: fmt.Sprint(i)})
	}
	if q, n := queueState(t, s); q != 4 || n != 0 {
		t.Fatalf("below the batch: %d queued, %d indexed; want 4 and 0", q, n)
	}
	complete(t, s, Article{URL: "http://a/4", Text: "Bài số4", SHA256: "4"})
	// The flush follows the commit that reached the batch; any later write
	// call is committed after it.
	complete(t, s, Article{URL: "http://a/5", Text: "Bài số5", SHA256: "5"})
	if q, n := queueState(t, s); q != 1 || n != 5 {
		t.Fatalf("past the batch: %d queued, %d indexed; want 1 and 5", q, n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var q, n int
	if err := rawDB(t, path).QueryRow(`SELECT (SELECT COUNT(*) FROM search_queue), (SELECT COUNT(*) FROM articles_fts)`).Scan(&q, &n); err != nil {
		t.Fatal(err)
	}
	if q != 0 || n != 6 {
		t.Errorf("after Close: %d queued, %d indexed; want 0 and 6", q, n)
	}
}

// TestSearchQueueMigration: a database of the schema before the queue
// gets it empty, its index as it was, and queues what is written next.
func TestSearchQueueMigration(t *testing.T) {
	s := openOldWithOneArticle(t, 11)
	if q, n := queueState(t, s); q != 0 || n != 1 {
		t.Fatalf("after the migration: %d queued, %d indexed; want 0 and 1", q, n)
	}
	complete(t, s, Article{URL: "http://a/2", Title: "Y tế", Text: "Bệnh viện huyện.", SHA256: "2"})
	if q, _ := queueState(t, s); q != 1 {
		t.Errorf("%d queued after a write, want 1", q)
	}
	if got := searchURLs(t, s, "lao dong OR benh vien"); !sameSet(got, []string{"http://a/1", "http://a/2"}) {
		t.Errorf("search = %v, want both articles", got)
	}
}

// TestSearchIndexMergeConfig: the migration lets FTS5 hold a flush's worth
// of entries in memory, so a flush writes one segment, not a dozen, and
// merges segments 16 at a time, never all of a level at once.
func TestSearchIndexMergeConfig(t *testing.T) {
	s, _ := openTest(t)
	want := map[string]int64{"hashsize": 4 << 20, "automerge": 16, "crisismerge": 32}
	for k, w := range want {
		var v int64
		if err := s.rdb.QueryRow(`SELECT v FROM articles_fts_config WHERE k = ?`, k).Scan(&v); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		if v != w {
			t.Errorf("%s = %d, want %d", k, v, w)
		}
	}
}

// TestSearchFlushInChunks: a flush of more articles than it reads at a
// time indexes every one of them once, and replaces the entries of edited
// ones rather than adding to them.
func TestSearchFlushInChunks(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chunks.db")
	total := 2*flushChunk + 7
	write := func(word string, from, to int) {
		t.Helper()
		s, err := Open(ctx, path, WithFold(testFold))
		if err != nil {
			t.Fatal(err)
		}
		for i := from; i < to; i++ {
			complete(t, s, Article{URL: fmt.Sprintf("http://a/%d", i), Text: fmt.Sprintf("%s số%d", word, i), SHA256: word + fmt.Sprint(i)})
		}
		if err := s.Close(); err != nil { // flushes the queue
			t.Fatal(err)
		}
	}
	write("cũ", 0, total)
	edited := flushChunk + 3 // more than one chunk of entries to replace
	write("mới", 0, edited)

	s, err := Open(ctx, path, WithFold(testFold))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if q, n := queueState(t, s); q != 0 || n != total {
		t.Fatalf("%d queued, %d indexed; want 0 and %d", q, n, total)
	}
	hits := func(q string) int {
		t.Helper()
		h, err := s.Search(ctx, Query{Text: q, Limit: 2 * total})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		return len(h)
	}
	if got := hits("mới"); got != edited {
		t.Errorf("new word: %d hits, want %d", got, edited)
	}
	if got := hits("cũ"); got != total-edited {
		t.Errorf("old word: %d hits, want %d (edited ones keep no old entry)", got, total-edited)
	}
}
