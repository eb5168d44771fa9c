package main

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govcorpus/govcorpus/demosite"
	"github.com/govcorpus/govcorpus/store"
	"github.com/govcorpus/govcorpus/warc"
	"github.com/govcorpus/govcorpus/warc/warctest"
)

// crawlArchived crawls seeds into db with --warc dir and the extra flags.
func crawlArchived(t testing.TB, db, dir string, extra []string, seeds ...string) {
	t.Helper()
	args := append([]string{"crawl", "--db", db, "--warc", dir, "--delay", "0", "--parallel", "2", "--retries", "0", "--quiet"}, extra...)
	code, _, stderr := runCmd(context.Background(), append(args, seeds...)...)
	if code != exitOK && code != exitPagesFailed { // the sample site has a broken link
		t.Fatalf("crawl: exit %d\n%s", code, stderr)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if err != nil {
		t.Fatal(err)
	}
	warctest.Check(t, files)
}

// corpusState is what a crawl stores of its pages, by URL: the page
// types, and the articles with the URL of the article each duplicates.
type corpusState struct {
	types    map[string]string
	articles map[string]store.Article // ID and DuplicateOf cleared
	dupOf    map[string]string
}

// withStore opens db for the length of fn.
func withStore(t *testing.T, db string, fn func(ctx context.Context, st *store.Store)) {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fn(context.Background(), st)
}

func readState(t *testing.T, db string) corpusState {
	t.Helper()
	var (
		pages []store.Page
		arts  []store.Article
		err   error
	)
	withStore(t, db, func(ctx context.Context, st *store.Store) {
		if pages, err = st.Pages(ctx); err == nil {
			arts, err = st.Articles(ctx)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	s := corpusState{types: map[string]string{}, articles: map[string]store.Article{}, dupOf: map[string]string{}}
	for _, p := range pages {
		s.types[p.URL] = p.PageType
	}
	byID := map[int64]string{}
	for _, a := range arts {
		byID[a.ID] = a.URL
	}
	for _, a := range arts {
		if a.DuplicateOf != 0 {
			s.dupOf[a.URL] = byID[a.DuplicateOf]
		}
		a.ID, a.DuplicateOf = 0, 0
		s.articles[a.URL] = a
	}
	return s
}

// sameState reports every way got differs from want. Among articles with
// the same text, which one is the original depends on the order they were
// stored in; sameOriginals says the order was kept (updates in place).
func sameState(t *testing.T, got, want corpusState, sameOriginals bool) {
	t.Helper()
	for u, w := range want.types {
		if g := got.types[u]; g != w {
			t.Errorf("%s: page type %q, want %q", u, g, w)
		}
	}
	for u, w := range want.articles {
		g, ok := got.articles[u]
		switch {
		case !ok:
			t.Errorf("%s: article missing", u)
		case !g.FetchedAt.Equal(w.FetchedAt):
			t.Errorf("%s: fetched_at %v, want %v", u, g.FetchedAt, w.FetchedAt)
		default:
			g.FetchedAt = w.FetchedAt
			if g != w {
				t.Errorf("%s: article differs:\n got %+v\nwant %+v", u, g, w)
			}
		}
		if sameOriginals && got.dupOf[u] != want.dupOf[u] {
			t.Errorf("%s: duplicate of %q, want %q", u, got.dupOf[u], want.dupOf[u])
		}
	}
	if !sameOriginals {
		originals := map[string]int{} // by text hash
		for u, a := range got.articles {
			if o, ok := got.dupOf[u]; !ok {
				originals[a.SHA256]++
			} else if got.articles[o].SHA256 != a.SHA256 || got.dupOf[o] != "" {
				t.Errorf("%s: marked a duplicate of %s, which is not an original with its text", u, o)
			}
		}
		for sum, n := range originals {
			if n != 1 {
				t.Errorf("%d originals of the text %s, want 1", n, sum)
			}
		}
	}
	for u := range got.articles {
		if _, ok := want.articles[u]; !ok {
			t.Errorf("%s: an article the crawl did not store", u)
		}
	}
}

// execSQL changes a database behind govcorpus's back, as an older
// extractor (or a user) would have left it.
func execSQL(t testing.TB, db string, stmts ...string) {
	t.Helper()
	conn, err := sql.Open("sqlite3", db+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range stmts {
		if _, err := conn.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// forgetExtraction leaves only what a fetch knows: no articles, no page
// types. Re-extraction must rebuild all of it from the archive.
var forgetExtraction = []string{`DELETE FROM articles`, `DELETE FROM articles_fts`, `UPDATE pages SET page_type = ''`}

func reextract(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runCmd(context.Background(), append([]string{"reextract"}, args...)...)
}

func TestReextractGivesTheCrawlsArticles(t *testing.T) {
	sites := []struct {
		name    string
		start   func(t *testing.T) (seed string)
		recrawl bool // a second pass, so pages point at revisit records
	}{
		// Over twelve pages: the host's template statistics are warm.
		{"sample site", func(t *testing.T) string { return newCountingServer(t, demosite.Handler(), 0).URL + "/" }, false},
		// gzip, chunked, windows-1258, a redirect and a PDF, archived as sent.
		{"archive site recrawled", func(t *testing.T) string { srv, _, _ := archiveSite(t); return srv.URL + "/" }, true},
		{"real site mirror", func(t *testing.T) string {
			site := http.FileServer(http.Dir(shared(t, "sites", "sotttt.hanoi.gov.vn")))
			return newCountingServer(t, site, 0).URL + "/index.html"
		}, false},
	}
	for _, site := range sites {
		t.Run(site.name, func(t *testing.T) {
			seed := site.start(t)
			dir := t.TempDir()
			db := filepath.Join(dir, "c.db")
			crawlArchived(t, db, filepath.Join(dir, "warc"), nil, seed)
			if site.recrawl {
				crawlArchived(t, db, filepath.Join(dir, "warc"), nil, seed)
				if n := revisitPages(t, db); n == 0 {
					t.Fatal("no page points at a revisit record after the second pass")
				}
			}
			crawled := readState(t, db)
			if len(crawled.articles) == 0 {
				t.Fatal("the crawl stored no article")
			}

			code, out, stderr := reextract(t, "--db", db)
			if code != exitOK || stderr != "" {
				t.Fatalf("reextract: exit %d\n%s", code, stderr)
			}
			if !strings.Contains(out, "articles: 0 updated, 0 added, 0 removed; 0 type changes, 0 errors") {
				t.Errorf("reextract of what today's extractor crawled changed something: %s", out)
			}
			sameState(t, readState(t, db), crawled, true)

			want := crawled
			if site.recrawl {
				// The second pass found the bodies unchanged and kept the
				// articles as first read; rebuilt from nothing but the
				// archive, an article is dated by its page's last fetch.
				want = datedByLastFetch(t, db, crawled)
			}
			execSQL(t, db, forgetExtraction...)
			code, out, stderr = reextract(t, "--db", db, "--quiet")
			if code != exitOK || out != "" || stderr != "" {
				t.Fatalf("reextract --quiet: exit %d, stdout %q, stderr %q", code, out, stderr)
			}
			sameState(t, readState(t, db), want, false)
		})
	}
}

// datedByLastFetch is s with each article's fetch time and run its
// page's last fetch's.
func datedByLastFetch(t *testing.T, db string, s corpusState) corpusState {
	t.Helper()
	conn, err := sql.Open("sqlite3", db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	out := s
	out.articles = make(map[string]store.Article, len(s.articles))
	for u, a := range s.articles {
		var fetched string
		var run sql.NullInt64
		if err := conn.QueryRow(`SELECT fetched_at, run_id FROM pages WHERE final_url = ? ORDER BY fetched_at DESC LIMIT 1`, u).
			Scan(&fetched, &run); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if a.FetchedAt, err = time.Parse(time.RFC3339Nano, fetched); err != nil {
			t.Fatal(err)
		}
		a.Run = run.Int64
		out.articles[u] = a
	}
	return out
}

// revisitPages counts the pages whose record is a revisit.
func revisitPages(t *testing.T, db string) int {
	t.Helper()
	var pages []store.Page
	var err error
	withStore(t, db, func(ctx context.Context, st *store.Store) { pages, err = st.ArchivedPages(ctx) })
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range pages {
		rec, err := warc.ReadRecordAt(p.WarcFile, p.WarcOffset)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Type() == "revisit" {
			n++
		}
	}
	return n
}

func TestReextractCorrectsAnOlderExtraction(t *testing.T) {
	srv := newCountingServer(t, demosite.Handler(), 0)
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	crawlArchived(t, db, filepath.Join(dir, "warc"), nil, srv.URL+"/")
	crawled := readState(t, db)

	listing, article, edited := srv.URL+"/tin-tuc/", srv.URL+demosite.SeedPath, ""
	for u := range crawled.articles {
		if u != article && edited == "" {
			edited = u
		}
	}
	if crawled.types[listing] != "listing" || crawled.types[article] != "article" {
		t.Fatalf("the sample site's types changed: %s is %q, %s is %q", listing, crawled.types[listing], article, crawled.types[article])
	}
	// An older extractor took the category page for an article, the seed
	// article for a listing, and cut another article's text short. The
	// search index is rebuilt from articles when the store next opens for
	// writing (search itself opens it read-only).
	execSQL(t, db,
		`UPDATE pages SET page_type = 'article' WHERE url = '`+listing+`'`,
		`INSERT INTO articles (url, site, title, text, lang, words, sha256, fetched_at)
			VALUES ('`+listing+`', '127.0.0.1', 'Tin tức', 'Danh sách tin tức xyzzy', 'vi', 4, 'old', '2021-01-01T00:00:00Z')`,
		`UPDATE pages SET page_type = 'listing' WHERE url = '`+article+`'`,
		`DELETE FROM articles WHERE url = '`+article+`'`,
		`UPDATE articles SET text = 'Đoạn đầu', words = 2, sha256 = 'short' WHERE url = '`+edited+`'`,
		`DELETE FROM articles_fts`,
	)
	withStore(t, db, func(context.Context, *store.Store) {})
	if code, out, _ := runCmd(context.Background(), "search", "--db", db, "xyzzy"); code != exitOK || !strings.Contains(out, listing) {
		t.Fatalf("the listing typed article is not searchable before the fix (exit %d): %q", code, out)
	}

	code, out, stderr := reextract(t, "--db", db)
	if code != exitOK {
		t.Fatalf("reextract: exit %d\n%s", code, stderr)
	}
	if want := "articles: 1 updated, 1 added, 1 removed; 2 type changes, 0 errors"; !strings.Contains(out, want) {
		t.Errorf("summary %q, want it to say %q", out, want)
	}
	sameState(t, readState(t, db), crawled, true)
	if _, out, _ := runCmd(context.Background(), "search", "--db", db, "xyzzy"); strings.Contains(out, listing) {
		t.Errorf("the listing is still found by search: %q", out)
	}
	if _, out, _ := runCmd(context.Background(), "export", "--db", db); strings.Contains(out, `"url":"`+listing+`"`) {
		t.Error("the listing is still exported")
	}
	if _, out, _ := runCmd(context.Background(), "search", "--db", db, "Hội nghị tổng kết"); !strings.Contains(out, article) {
		t.Errorf("the article found again is not searchable: %q", out)
	}
}

func TestReextractSite(t *testing.T) {
	a := newCountingServer(t, demosite.Handler(), 0)
	b := newCountingServer(t, demosite.Handler(), 0)
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	crawlArchived(t, db, filepath.Join(dir, "warc"), nil, a.URL+"/", b.URL+"/")
	crawled := readState(t, db)
	stale := func() {
		for _, srv := range []*countingServer{a, b} {
			execSQL(t, db, `UPDATE articles SET title = 'Tiêu đề cũ' WHERE url = '`+srv.URL+demosite.SeedPath+`'`)
		}
	}
	title := func(srv *countingServer) string { return readState(t, db).articles[srv.URL+demosite.SeedPath].Title }
	stale()

	hostPort := strings.TrimPrefix(a.URL, "http://")
	code, out, stderr := reextract(t, "--db", db, "--site", hostPort)
	if code != exitOK || !strings.Contains(out, "1 updated") {
		t.Fatalf("reextract --site %s: exit %d, %q\n%s", hostPort, code, out, stderr)
	}
	if want := crawled.articles[a.URL+demosite.SeedPath].Title; title(a) != want {
		t.Errorf("the chosen site's article: title %q, want %q", title(a), want)
	}
	if title(b) != "Tiêu đề cũ" {
		t.Errorf("the other site's article was re-extracted too: title %q", title(b))
	}

	// A bare host takes every port of it, as --allow-host does.
	stale()
	if code, out, _ := reextract(t, "--db", db, "--site", "127.0.0.1"); code != exitOK || !strings.Contains(out, "2 updated") {
		t.Errorf("reextract --site 127.0.0.1: exit %d, %q; want both sites' articles updated", code, out)
	}
	sameState(t, readState(t, db), crawled, true)

	code, _, stderr = reextract(t, "--db", db, "--site", "example.org")
	if code != exitCannotRun || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "example.org") {
		t.Errorf("a site with no pages: exit %d, stderr %q; want 1 and one line naming it", code, stderr)
	}
}

func TestReextractMissingWARCFile(t *testing.T) {
	srv := newCountingServer(t, demosite.Handler(), 0)
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	// One exchange per file, so one file holds one page.
	crawlArchived(t, db, filepath.Join(dir, "warc"), []string{"--warc-size", "1"}, srv.URL+"/")
	crawled := readState(t, db)
	lost, kept := srv.URL+demosite.SeedPath, ""
	for u := range crawled.articles {
		if u != lost && kept == "" {
			kept = u
		}
	}
	file := warcFileOf(t, db, lost)
	if file == warcFileOf(t, db, kept) {
		t.Fatalf("two pages share %s", file)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{lost, kept} {
		execSQL(t, db, `UPDATE articles SET title = 'Tiêu đề cũ' WHERE url = '`+u+`'`)
	}

	code, out, stderr := reextract(t, "--db", db, "--quiet")
	if code != exitPagesFailed || out != "" {
		t.Errorf("reextract with a WARC file gone: exit %d, stdout %q; want 3 and no summary", code, out)
	}
	if lines := strings.Split(strings.TrimSpace(stderr), "\n"); len(lines) != 1 || !strings.Contains(stderr, file) || !strings.Contains(stderr, lost) {
		t.Errorf("stderr %q; want one line naming %s and %s", stderr, file, lost)
	}
	after := readState(t, db)
	if got, want := after.articles[kept].Title, crawled.articles[kept].Title; got != want {
		t.Errorf("a page in another file was not re-extracted: title %q, want %q", got, want)
	}
	if a, ok := after.articles[lost]; !ok || a.Title != "Tiêu đề cũ" || after.types[lost] != "article" {
		t.Errorf("the page whose record is gone changed: %+v, type %q; want it as it was", a, after.types[lost])
	}

	// A corrupt file is one line for its page, beside the missing one.
	corrupt := srv.URL + "/tin-tuc/"
	if err := os.WriteFile(warcFileOf(t, db, corrupt), []byte("not a WARC file"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = reextract(t, "--db", db)
	if code != exitPagesFailed || !strings.Contains(out, "2 errors") {
		t.Errorf("exit %d, summary %q; want 3 and 2 errors", code, out)
	}
	if lines := strings.Split(strings.TrimSpace(stderr), "\n"); len(lines) != 2 || !strings.Contains(stderr, corrupt) {
		t.Errorf("stderr %q; want a second line naming %s", stderr, corrupt)
	}
}

func warcFileOf(t *testing.T, db, u string) string {
	t.Helper()
	conn, err := sql.Open("sqlite3", db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var f string
	if err := conn.QueryRow(`SELECT warc_file FROM pages WHERE url = ?`, u).Scan(&f); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	return f
}

func TestReextractCannotRun(t *testing.T) {
	srv := newCountingServer(t, demosite.Handler(), 0)
	db := tempDB(t)
	if code, _, stderr := runCmd(context.Background(), crawlArgs(srv.URL, db)...); code != exitPagesFailed {
		t.Fatalf("crawl: exit %d\n%s", code, stderr)
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"crawled without --warc", []string{"--db", db}, "--warc"},
		{"no database", []string{"--db", missing}, "none.db"},
		{"an argument", []string{"--db", db, "extra"}, "extra"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := reextract(t, tc.args...)
			if code != exitCannotRun || out != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want 1 and one line mentioning %q", code, out, stderr, tc.want)
			}
		})
	}
	if _, err := os.Stat(missing + ".lock"); err == nil {
		t.Error("a mistyped --db left a lock file")
	}

	// A crawl running on the database keeps re-extraction off it.
	lock, err := lockDB(db)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.release()
	if code, _, stderr := reextract(t, "--db", db); code != exitLocked || !strings.Contains(stderr, "another govcorpus") {
		t.Errorf("reextract during a crawl: exit %d, stderr %q; want %d naming the other govcorpus", code, stderr, exitLocked)
	}
}
