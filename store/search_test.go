package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// testFold stands in for vntext.Fold (store must not import extract):
// drop diacritics, đ→d, lower case.
func testFold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, _ := transform.String(t, s)
	return strings.ToLower(strings.NewReplacer("đ", "d", "Đ", "D").Replace(out))
}

func searchStore(t *testing.T, arts ...Article) *Store {
	t.Helper()
	_, path := openTest(t)
	s, err := Open(context.Background(), path+"-search.db", WithFold(testFold))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, a := range arts {
		a := a
		if _, err := s.Complete(context.Background(), Result{Page: Page{URL: a.URL, Status: 200}, Article: &a}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func urls(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.URL)
	}
	return out
}

func TestSearch(t *testing.T) {
	s := searchStore(t,
		Article{URL: "http://a/1", Site: "a", Published: "2021-01-18", Title: "Hội nghị tổng kết công tác lao động",
			Text: "Sở Lao động - Thương binh và Xã hội tổ chức hội nghị về chính sách cho người có công."},
		Article{URL: "http://a/2", Site: "a", Published: "2019-05-02", Title: "Tin về giáo dục",
			Text: "Người dân có nhiều ý kiến; công tác tuyển sinh được bàn kỹ."},
		Article{URL: "http://b/3", Site: "b", Published: "2022-03-01", Title: "Cây má",
			Text: "Bài viết về cây má và mã số."},
		Article{URL: "http://b/4", Site: "b", Published: "2022-03-02", Title: "Con ma",
			Text: "Bài viết về con ma trong truyện dân gian."},
	)
	tests := []struct {
		name  string
		q     Query
		want  []string // in order when order matters
		first string   // the hit that must rank first, if set
	}{
		{"folded query", Query{Text: "lao dong"}, []string{"http://a/1"}, ""},
		{"exact query", Query{Text: "lao động"}, []string{"http://a/1"}, ""},
		{"upper case", Query{Text: "LAO ĐỘNG"}, []string{"http://a/1"}, ""},
		{"phrase", Query{Text: `"người có công"`}, []string{"http://a/1"}, ""},
		{"words anywhere", Query{Text: "người công"}, []string{"http://a/1", "http://a/2"}, ""},
		{"prefix", Query{Text: "thuon*"}, []string{"http://a/1"}, ""},
		{"punctuation is not syntax", Query{Text: "LĐ-TB&XH: lao-động"}, nil, ""},
		{"site filter", Query{Text: "bài viết", Site: "b"}, []string{"http://b/3", "http://b/4"}, ""},
		{"since filter", Query{Text: "công tác", Since: "2020-01-01"}, []string{"http://a/1"}, ""},
		{"exact spelling ranks first", Query{Text: "má"}, []string{"http://b/3", "http://b/4"}, "http://b/3"},
		{"folded matches both", Query{Text: "ma"}, []string{"http://b/3", "http://b/4"}, ""},
		{"OR", Query{Text: "giáo OR truyện"}, []string{"http://a/2", "http://b/4"}, ""},
		{"NOT", Query{Text: "bài NOT truyện"}, []string{"http://b/3"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits, err := s.Search(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, u := range urls(hits) {
				got[u] = true
			}
			if len(got) != len(tc.want) {
				t.Errorf("hits %v, want %v", urls(hits), tc.want)
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("hits %v lack %s", urls(hits), w)
				}
			}
			if tc.first != "" && (len(hits) == 0 || hits[0].URL != tc.first) {
				t.Errorf("hits %v, want %s first", urls(hits), tc.first)
			}
		})
	}
}

func TestSearchSnippetAndSync(t *testing.T) {
	ctx := context.Background()
	a := Article{URL: "http://a/1", Title: "Tiêu đề", Text: "Mở đầu. Sở Lao động tổ chức hội nghị. Kết thúc."}
	s := searchStore(t, a)
	hits, err := s.Search(ctx, Query{Text: "lao dong"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, %v", hits, err)
	}
	if !strings.Contains(hits[0].Snippet, "[Lao] [động]") {
		t.Errorf("snippet %q does not mark the matched words", hits[0].Snippet)
	}
	// Rewriting the article rewrites its index entry in the same
	// transaction: the old words stop matching.
	a.Text = "Nội dung mới về giáo dục."
	if _, err := s.Complete(ctx, Result{Page: Page{URL: a.URL, Status: 200}, Article: &a}); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Search(ctx, Query{Text: "lao dong"}); len(hits) != 0 {
		t.Errorf("stale index: old text still found: %v", urls(hits))
	}
	if hits, _ := s.Search(ctx, Query{Text: "giao duc"}); len(hits) != 1 {
		t.Errorf("new text not found: %v", urls(hits))
	}
	if _, err := s.Search(ctx, Query{Text: `  "" AND `}); err == nil {
		t.Error("an empty query must be an error, not every article")
	}
}

func TestSearchIndexRebuiltOnOpen(t *testing.T) {
	ctx := context.Background()
	_, path := openTest(t)
	path += "-rebuild.db"
	s, err := Open(ctx, path, WithFold(testFold))
	if err != nil {
		t.Fatal(err)
	}
	a := Article{URL: "http://a/1", Title: "Lao động", Text: "Việc làm cho người lao động."}
	if _, err := s.Complete(ctx, Result{Page: Page{URL: a.URL, Status: 200}, Article: &a}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A user's own SQL adds an article behind the store's back.
	db := rawDB(t, path)
	if _, err := db.Exec(`INSERT INTO articles (url, title, text) VALUES ('http://a/2', 'Đường sá', 'Nâng cấp đường giao thông.')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err = Open(ctx, path, WithFold(testFold))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if hits, err := s.Search(ctx, Query{Text: "duong giao thong"}); err != nil || len(hits) != 1 {
		t.Errorf("hand-inserted article not indexed on open: %v %v", urls(hits), err)
	}
}

func TestNoFTS5ErrorNamesTheBuildTag(t *testing.T) {
	err := ftsError(errors.New("no such module: fts5"))
	if !errors.Is(err, ErrNoFTS5) || !strings.Contains(err.Error(), "-tags sqlite_fts5") {
		t.Errorf("error %q does not say how to build with FTS5", err)
	}
	if other := errors.New("disk I/O error"); ftsError(other) != other {
		t.Error("other errors must pass through unchanged")
	}
}

func TestDuplicatesAreMarkedNotSearchedNotExported(t *testing.T) {
	ctx := context.Background()
	text := "Sở Lao động tổ chức hội nghị tổng kết công tác năm 2020."
	s := searchStore(t,
		Article{URL: "http://a/tin/1", Title: "Hội nghị", Text: text, SHA256: "same"},
		Article{URL: "http://a/in/1?print=1", Title: "Hội nghị", Text: text, SHA256: "same"},
		Article{URL: "http://a/tin/2", Title: "Khác", Text: "Một bài viết khác về lao động.", SHA256: "other"},
	)
	arts, err := s.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]Article{}
	for _, a := range arts {
		byURL[a.URL] = a
	}
	orig, dup := byURL["http://a/tin/1"], byURL["http://a/in/1?print=1"]
	if orig.DuplicateOf != 0 || dup.DuplicateOf != orig.ID || byURL["http://a/tin/2"].DuplicateOf != 0 {
		t.Errorf("duplicate marks: original %d, copy %d (want %d), other %d", orig.DuplicateOf, dup.DuplicateOf, orig.ID, byURL["http://a/tin/2"].DuplicateOf)
	}
	hits, err := s.Search(ctx, Query{Text: "hoi nghi tong ket"})
	if err != nil || len(hits) != 1 || hits[0].URL != "http://a/tin/1" {
		t.Errorf("search hits %v (%v); want the original only", urls(hits), err)
	}
	var exported []string
	if err := s.EachArticle(ctx, ArticleFilter{}, func(a Article) error { exported = append(exported, a.URL); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(exported) != 2 {
		t.Errorf("exported %v; want the original and the other article", exported)
	}
}

// TestSearchIndexKeepsNoText opens a database whose search index still
// copies the text (schema 10): the migration rebuilds it contentless, the
// old articles are found, the index returns no text of its own, and an
// edited article's old words stop matching.
func TestSearchIndexKeepsNoText(t *testing.T) {
	ctx := context.Background()
	s := openOldWithOneArticle(t, 10)
	if hits, err := s.Search(ctx, Query{Text: "người lao động"}); err != nil || len(hits) != 1 || !strings.Contains(hits[0].Snippet, "lao") {
		t.Fatalf("article of the old index not found after the migration: %+v %v", hits, err)
	}
	var text sql.NullString
	if err := s.rdb.QueryRowContext(ctx, `SELECT text FROM articles_fts WHERE rowid = 1`).Scan(&text); err != nil {
		t.Fatal(err)
	}
	if text.Valid {
		t.Errorf("the search index keeps a copy of the text: %q", text.String)
	}
	a := Article{URL: "http://a/1", Title: "Đường sá", Text: "Nâng cấp đường giao thông nông thôn."}
	if _, err := s.Complete(ctx, Result{Page: Page{URL: a.URL, Status: 200}, Article: &a}); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.Search(ctx, Query{Text: "lao động"}); err != nil || len(hits) != 0 {
		t.Errorf("edited article still found by its old words: %v %v", urls(hits), err)
	}
	if hits, err := s.Search(ctx, Query{Text: "giao thông"}); err != nil || len(hits) != 1 {
		t.Errorf("edited article not found by its new words: %v %v", urls(hits), err)
	}
}

// openOldWithOneArticle writes a database of the schema of the first
// version migrations, one article in it and in its search index, and
// opens it with the store, which migrates it the rest of the way.
func openOldWithOneArticle(t *testing.T, version int) *Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db := rawDB(t, path)
	if _, err := migrate(ctx, db, migrations[:version]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO articles (id, url, title, text) VALUES (1, 'http://a/1', 'Lao động', 'Việc làm cho người lao động.');
INSERT INTO articles_fts (rowid, title, text, title_folded, text_folded) VALUES (1, 'Lao động', 'Việc làm cho người lao động.', 'lao dong', 'viec lam cho nguoi lao dong.')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(ctx, path, WithFold(testFold))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
