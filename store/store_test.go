package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func openTest(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "corpus.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, path
}

// rawDB opens the file behind the store's back, the way a user's SQL would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func userVersion(t *testing.T, path string) int {
	t.Helper()
	var v int
	if err := rawDB(t, path).QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func links(urls ...string) []Link {
	out := make([]Link, len(urls))
	for i, u := range urls {
		out[i] = Link{URL: u, Depth: 1}
	}
	return out
}

func counts(t *testing.T, s *Store) [3]int {
	t.Helper()
	q, l, d, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return [3]int{q, l, d}
}

func articlePage(u string, fetched time.Time) Result {
	return Result{
		Page: Page{URL: u, FinalURL: u, Status: 200, ContentType: "text/html; charset=utf-8",
			FetchedAt: fetched, SHA256: "aa", Size: 1234, PageType: "article", Depth: 1},
		Article: &Article{Title: "Tiêu đề " + u, Published: "2024-05-01", PublishedRaw: "01/05/2024",
			Text: "Nội dung bài viết " + u, Lang: "vi", Words: 4, SHA256: "bb"},
	}
}

func TestOpenFresh(t *testing.T) {
	s, path := openTest(t)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file not created: %v", err)
	}
	if v := userVersion(t, path); v != len(migrations) {
		t.Errorf("user_version = %d, want %d", v, len(migrations))
	}
	var mode string
	if err := s.rdb.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	for _, table := range []string{"pages", "articles", "runs", "frontier"} {
		var n int
		if err := s.rdb.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
			t.Errorf("table %s: %v", table, err)
		}
	}
}

// TestPageSize: a new database gets small pages, and a WAL checkpoint of
// walCheckpointBytes; one made with SQLite's 4 KiB pages keeps them, with
// the checkpoint at the same size in bytes.
func TestPageSize(t *testing.T) {
	ctx := context.Background()
	old := filepath.Join(t.TempDir(), "old.db")
	if _, err := rawDB(t, old).Exec(`PRAGMA page_size = 4096; CREATE TABLE before_govcorpus (x)`); err != nil {
		t.Fatal(err)
	}
	_, fresh := openTest(t)
	for path, want := range map[string]int{fresh: pageSize, old: 4096} {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var size, ckpt int
		if err := s.wdb.QueryRow(`PRAGMA page_size`).Scan(&size); err != nil {
			t.Fatal(err)
		}
		if err := s.wdb.QueryRow(`PRAGMA wal_autocheckpoint`).Scan(&ckpt); err != nil {
			t.Fatal(err)
		}
		if size != want || size*ckpt != walCheckpointBytes {
			t.Errorf("%s: page_size %d, wal_autocheckpoint %d; want %d and %d bytes", filepath.Base(path), size, ckpt, want, walCheckpointBytes)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "corpus.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, links("https://a.gov.vn/1", "https://a.gov.vn/2")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Complete(ctx, articlePage("https://a.gov.vn/1", time.Now())); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Migration 1 uses plain CREATE TABLE, so re-running it would fail Open.
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if got, want := counts(t, s), [3]int{1, 0, 1}; got != want {
		t.Errorf("counts after reopen = %v, want %v", got, want)
	}
	arts, err := s.Articles(ctx)
	if err != nil || len(arts) != 1 {
		t.Fatalf("articles after reopen = %v, %v", arts, err)
	}
	if v := userVersion(t, path); v != len(migrations) {
		t.Errorf("user_version = %d, want %d", v, len(migrations))
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "newer.db")
	db := rawDB(t, newer)
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations)+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tests := []struct {
		name    string
		path    string
		wantSub string
	}{
		{"parent is a regular file", filepath.Join(file, "sub", "corpus.db"), "unable to open database file"},
		{"not a database", garbage, "not a database"},
		{"schema from newer binary", newer, "newer than this binary"},
		{"empty path", "", "empty path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(context.Background(), tt.path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded, want error")
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("open database %q", tt.path)) {
				t.Errorf("error %q does not name the path %q", err, tt.path)
			}
			if !strings.Contains(err.Error(), tt.wantSub) {
				t.Errorf("error %q does not mention %q", err, tt.wantSub)
			}
		})
	}
}

func TestOpenPathWithURISyntax(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a ?b#c%20d")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "corpus.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(context.Background(), links("https://a.gov.vn/")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not created at the literal path: %v", err)
	}
}

func TestEnqueueDedup(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		setup func(*Store)
		in    []Link
		want  int
	}{
		{"new urls", nil, links("https://a/1", "https://a/2"), 2},
		{"same url twice in one call", nil, links("https://a/1", "https://a/1"), 1},
		{"already queued", func(s *Store) { s.Enqueue(ctx, links("https://a/1")) }, links("https://a/1", "https://a/2"), 1},
		{"already leased", func(s *Store) { s.Enqueue(ctx, links("https://a/1")); s.Lease(ctx, 1) }, links("https://a/1"), 0},
		{"already done", func(s *Store) {
			s.Complete(ctx, Result{Page: Page{URL: "https://a/1", PageType: "listing"}})
		}, links("https://a/1"), 0},
		{"empty url skipped", nil, links("", "https://a/1"), 1},
		{"nothing", nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTest(t)
			if tt.setup != nil {
				tt.setup(s)
			}
			got, err := s.Enqueue(ctx, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Enqueue = %d, want %d", got, tt.want)
			}
		})
	}

	// Done stays done: re-enqueueing must not resurrect it.
	s, _ := openTest(t)
	s.Complete(ctx, Result{Page: Page{URL: "https://a/1"}})
	s.Enqueue(ctx, links("https://a/1"))
	if got, want := counts(t, s), [3]int{0, 0, 1}; got != want {
		t.Errorf("counts = %v, want %v", got, want)
	}
}

func TestLeaseFIFOAndLimit(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	in := []Link{{URL: "https://a/c"}, {URL: "https://a/a", Depth: 1}, {URL: "https://a/b", Depth: 2}, {URL: "https://a/d", Depth: 3}, {URL: "https://a/e", Depth: 4}}
	s.Enqueue(ctx, in[:3])
	s.Enqueue(ctx, in[3:])

	var got []Link
	for _, n := range []int{2, 2, 2, 2} {
		l, err := s.Lease(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		if len(l) > n {
			t.Fatalf("Lease(%d) returned %d links", n, len(l))
		}
		for _, x := range l {
			if x.Prior == nil || *x.Prior != (Prior{}) {
				t.Errorf("lease of never fetched %s: prior %v, want known and empty", x.URL, x.Prior)
			}
			got = append(got, Link{URL: x.URL, Depth: x.Depth})
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(in) {
		t.Errorf("leased %v, want insertion order %v", got, in)
	}
	if got, want := counts(t, s), [3]int{0, 5, 0}; got != want {
		t.Errorf("counts = %v, want %v", got, want)
	}
	l, err := s.Lease(ctx, 3)
	if err != nil || l == nil || len(l) != 0 {
		t.Errorf("Lease on empty queue = %#v, %v; want empty non-nil slice", l, err)
	}
	if l, err := s.Lease(ctx, 0); err != nil || len(l) != 0 {
		t.Errorf("Lease(0) = %v, %v", l, err)
	}
}

func TestReleaseAndResetLeases(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	s.Enqueue(ctx, links("https://a/1", "https://a/2", "https://a/3", "https://a/4"))
	if _, err := s.Lease(ctx, 4); err != nil {
		t.Fatal(err)
	}
	s.Complete(ctx, Result{Page: Page{URL: "https://a/4"}})

	// Releasing a done URL or an unknown one must not requeue anything.
	if err := s.Release(ctx, []string{"https://a/1", "https://a/4", "https://a/unknown"}); err != nil {
		t.Fatal(err)
	}
	if got, want := counts(t, s), [3]int{1, 2, 1}; got != want {
		t.Errorf("after Release counts = %v, want %v", got, want)
	}
	// The released URL comes back first: it was enqueued first.
	l, _ := s.Lease(ctx, 1)
	if len(l) != 1 || l[0].URL != "https://a/1" {
		t.Errorf("lease after release = %v, want https://a/1", l)
	}

	n, err := s.ResetLeases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("ResetLeases = %d, want 3", n)
	}
	if got, want := counts(t, s), [3]int{3, 0, 1}; got != want {
		t.Errorf("after ResetLeases counts = %v, want %v", got, want)
	}
	if n, _ := s.ResetLeases(ctx); n != 0 {
		t.Errorf("second ResetLeases = %d, want 0", n)
	}
}

func TestCompleteWritesEverything(t *testing.T) {
	ctx := context.Background()
	s, path := openTest(t)
	u := "https://moj.gov.vn/tin-tuc/1"
	s.Enqueue(ctx, links(u))
	s.Lease(ctx, 1)

	fetched := time.Date(2025, 3, 4, 5, 6, 7, 800, time.FixedZone("ICT", 7*3600))
	r := articlePage(u, fetched)
	r.Page.FinalURL = u + "?redirected"
	r.Links = links("https://moj.gov.vn/tin-tuc/2", "https://moj.gov.vn/tin-tuc/3", u)
	isNew, err := s.Complete(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if !isNew {
		t.Error("first Complete of an article: newArticle = false")
	}

	pages, err := s.Pages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := r.Page
	if len(pages) != 1 || !pages[0].FetchedAt.Equal(want.FetchedAt) {
		t.Fatalf("pages = %+v", pages)
	}
	pages[0].FetchedAt = want.FetchedAt
	if pages[0] != want {
		t.Errorf("page = %+v\nwant %+v", pages[0], want)
	}

	arts, err := s.Articles(ctx)
	if err != nil || len(arts) != 1 {
		t.Fatalf("articles = %v, %v", arts, err)
	}
	a := arts[0]
	if a.URL != u || a.Site != "moj.gov.vn" || a.Title != r.Article.Title || a.Text != r.Article.Text ||
		a.Published != "2024-05-01" || a.PublishedRaw != "01/05/2024" || a.Lang != "vi" || a.Words != 4 ||
		a.SHA256 != "bb" || !a.FetchedAt.Equal(fetched) || a.ID == 0 {
		t.Errorf("article = %+v", a)
	}
	if got, want := counts(t, s), [3]int{2, 0, 1}; got != want {
		t.Errorf("counts = %v, want %v (2 new links queued, page done)", got, want)
	}

	var stored string
	rawDB(t, path).QueryRow(`SELECT fetched_at FROM pages`).Scan(&stored)
	if stored != "2025-03-03T22:06:07.000000800Z" {
		t.Errorf("fetched_at stored as %q, want fixed-width RFC3339 UTC", stored)
	}
}

func TestCompleteArticleSemantics(t *testing.T) {
	ctx := context.Background()
	const u = "https://a.gov.vn/x"
	article := func(title string) Result {
		r := articlePage(u, time.Now())
		r.Article.Title = title
		return r
	}
	listing := Result{Page: Page{URL: u, Status: 200, PageType: "listing"}}
	failed := Result{Page: Page{URL: u, Error: "timeout"}}

	tests := []struct {
		name      string
		steps     []Result
		wantNew   []bool
		wantTitle string // "" = no articles row
	}{
		{"article", []Result{article("t1")}, []bool{true}, "t1"},
		{"article twice updates in place", []Result{article("t1"), article("t2")}, []bool{true, false}, "t2"},
		{"listing never creates", []Result{listing}, []bool{false}, ""},
		{"failed never creates", []Result{failed}, []bool{false}, ""},
		{"article then listing keeps old row", []Result{article("t1"), listing}, []bool{true, false}, "t1"},
		{"article then failure keeps old row", []Result{article("t1"), failed}, []bool{true, false}, "t1"},
		{"listing then article is new", []Result{listing, article("t1")}, []bool{false, true}, "t1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTest(t)
			var firstID int64
			for i, r := range tt.steps {
				got, err := s.Complete(ctx, r)
				if err != nil {
					t.Fatal(err)
				}
				if got != tt.wantNew[i] {
					t.Errorf("step %d: newArticle = %v, want %v", i, got, tt.wantNew[i])
				}
				if arts, _ := s.Articles(ctx); len(arts) == 1 && firstID == 0 {
					firstID = arts[0].ID
				}
			}
			arts, err := s.Articles(ctx)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.wantTitle == "" && len(arts) != 0:
				t.Errorf("articles = %+v, want none", arts)
			case tt.wantTitle != "" && (len(arts) != 1 || arts[0].Title != tt.wantTitle):
				t.Errorf("articles = %+v, want one titled %q", arts, tt.wantTitle)
			case tt.wantTitle != "" && arts[0].ID != firstID:
				t.Errorf("article id changed from %d to %d", firstID, arts[0].ID)
			}
			if n, _ := s.PageCount(ctx); n != 1 {
				t.Errorf("PageCount = %d, want 1 (upsert by url)", n)
			}
			if pages, _ := s.Pages(ctx); pages[0].PageType != tt.steps[len(tt.steps)-1].Page.PageType {
				t.Errorf("page_type = %q, want the latest fetch's", pages[0].PageType)
			}
		})
	}
}

// addBoomTrigger makes any frontier insert of url fail inside SQLite, to
// observe what a failure halfway through a write leaves behind.
func addBoomTrigger(t *testing.T, path, url string) {
	t.Helper()
	_, err := rawDB(t, path).Exec(fmt.Sprintf(`CREATE TRIGGER boom BEFORE INSERT ON frontier WHEN NEW.url = '%s'
BEGIN SELECT RAISE(ABORT, 'boom'); END`, url))
	if err != nil {
		t.Fatal(err)
	}
}

func TestCompleteIsAtomic(t *testing.T) {
	ctx := context.Background()
	s, path := openTest(t)
	const u = "https://a.gov.vn/x"
	s.Enqueue(ctx, links(u))
	s.Lease(ctx, 1)
	addBoomTrigger(t, path, "https://a.gov.vn/boom")

	r := articlePage(u, time.Now())
	r.Links = links("https://a.gov.vn/ok", "https://a.gov.vn/boom")
	isNew, err := s.Complete(ctx, r)
	if err == nil || !strings.Contains(err.Error(), "boom") || !strings.Contains(err.Error(), u) {
		t.Fatalf("Complete err = %v, want boom error naming %s", err, u)
	}
	if isNew {
		t.Error("failed Complete reported newArticle")
	}
	if n, _ := s.PageCount(ctx); n != 0 {
		t.Errorf("page row survived a failed Complete")
	}
	if arts, _ := s.Articles(ctx); len(arts) != 0 {
		t.Errorf("article row survived a failed Complete")
	}
	if got, want := counts(t, s), [3]int{0, 1, 0}; got != want {
		t.Errorf("counts = %v, want %v (still leased, no links)", got, want)
	}
	// The store still works afterwards.
	r.Links = links("https://a.gov.vn/ok")
	if _, err := s.Complete(ctx, r); err != nil {
		t.Fatal(err)
	}
}

// TestBatchIsolatesFailures drives the writer's batch directly, so the
// failing op is guaranteed to share a transaction with the others.
func TestBatchIsolatesFailures(t *testing.T) {
	s, _ := openTest(t)
	ins := func(u string) func(context.Context, *sql.Tx) error {
		return func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO frontier (url, depth, state, added_at, updated_at) VALUES (?, 0, 'queued', '', '')`, u)
			return err
		}
	}
	failAfterWrite := func(ctx context.Context, tx *sql.Tx) error {
		if err := ins("https://a/2")(ctx, tx); err != nil {
			return err
		}
		return errors.New("op 2 failed")
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	batch := []*op{
		{ctx: context.Background(), fn: ins("https://a/1"), res: make(chan error, 1)},
		{ctx: context.Background(), fn: failAfterWrite, res: make(chan error, 1)},
		{ctx: cancelled, fn: ins("https://a/3"), res: make(chan error, 1)},
		{ctx: context.Background(), fn: ins("https://a/4"), res: make(chan error, 1)},
	}
	s.commit(batch)
	wantErr := []string{"", "op 2 failed", context.Canceled.Error(), ""}
	for i, o := range batch {
		err := <-o.res
		if got := fmt.Sprint(err); (err == nil) != (wantErr[i] == "") || (err != nil && got != wantErr[i]) {
			t.Errorf("op %d: err = %v, want %q", i, err, wantErr[i])
		}
	}
	rows, err := s.rdb.Query(`SELECT url FROM frontier ORDER BY url`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var u string
		rows.Scan(&u)
		got = append(got, u)
	}
	if want := "[https://a/1 https://a/4]"; fmt.Sprint(got) != want {
		t.Errorf("committed %v, want %s", got, want)
	}
}

func TestConcurrentComplete(t *testing.T) {
	ctx := context.Background()
	s, path := openTest(t)
	addBoomTrigger(t, path, "https://a.gov.vn/boom")
	const workers, each = 16, 40

	var wg sync.WaitGroup
	var mu sync.Mutex
	var newArticles, failures int
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				u := fmt.Sprintf("https://a.gov.vn/w%d/%d", w, i)
				if _, err := s.Enqueue(ctx, links(u)); err != nil {
					t.Error(err)
					return
				}
				r := articlePage(u, time.Now())
				r.Links = links(u+"/child", fmt.Sprintf("https://a.gov.vn/shared/%d", i))
				if i%10 == 9 {
					// Fails inside the batch; must not take the others down.
					r.Links = append(r.Links, Link{URL: "https://a.gov.vn/boom"})
				}
				isNew, err := s.Complete(ctx, r)
				mu.Lock()
				if err != nil {
					failures++
				} else if isNew {
					newArticles++
				}
				mu.Unlock()
				if err != nil && !strings.Contains(err.Error(), "boom") {
					t.Errorf("Complete %s: %v", u, err)
				}
			}
		})
	}
	wg.Wait()
	t.Logf("%d write calls in %d transactions", s.batchedOps.Load(), s.batches.Load())

	wantFail := workers * (each / 10)
	wantOK := workers*each - wantFail
	if failures != wantFail || newArticles != wantOK {
		t.Errorf("failures = %d, new articles = %d; want %d, %d", failures, newArticles, wantFail, wantOK)
	}
	if n, _ := s.PageCount(ctx); n != wantOK {
		t.Errorf("PageCount = %d, want %d", n, wantOK)
	}
	if arts, _ := s.Articles(ctx); len(arts) != wantOK {
		t.Errorf("articles = %d, want %d", len(arts), wantOK)
	}
	// queued: the failed pages' own URLs + one child per successful page
	// + the 40 shared links minus those only referenced by failed pages.
	sharedOK := each - each/10
	if got, want := counts(t, s), [3]int{wantFail + wantOK + sharedOK, 0, wantOK}; got != want {
		t.Errorf("counts = %v, want %v", got, want)
	}
}

func TestCancelledContext(t *testing.T) {
	s, _ := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Enqueue(ctx, links("https://a/1")); !errors.Is(err, context.Canceled) {
		t.Errorf("Enqueue err = %v, want context.Canceled", err)
	}
	if _, err := s.Complete(ctx, articlePage("https://a/2", time.Now())); !errors.Is(err, context.Canceled) {
		t.Errorf("Complete err = %v, want context.Canceled", err)
	}
	if _, err := s.Lease(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("Lease err = %v, want context.Canceled", err)
	}
	if got := counts(t, s); got != [3]int{} {
		t.Errorf("counts = %v after cancelled writes, want none", got)
	}
}

func TestClose(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "corpus.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	if _, err := s.Enqueue(ctx, links("https://a/1")); !errors.Is(err, ErrClosed) {
		t.Errorf("Enqueue after Close = %v, want ErrClosed", err)
	}
	if _, err := s.Complete(ctx, articlePage("https://a/1", time.Now())); !errors.Is(err, ErrClosed) {
		t.Errorf("Complete after Close = %v, want ErrClosed", err)
	}
}

// TestCloseDrains checks that writes racing with Close either commit or get
// ErrClosed, and that none is left hanging.
func TestCloseDrains(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "corpus.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var ok []string
	for w := range 8 {
		wg.Go(func() {
			for i := range 50 {
				u := fmt.Sprintf("https://a/%d/%d", w, i)
				_, err := s.Enqueue(ctx, links(u))
				if errors.Is(err, ErrClosed) {
					return
				}
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				ok = append(ok, u)
				mu.Unlock()
			}
		})
	}
	time.Sleep(2 * time.Millisecond)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if q, _, _, _ := s.Counts(ctx); q != len(ok) {
		t.Errorf("queued after reopen = %d, want %d acknowledged enqueues", q, len(ok))
	}
}

func TestRuns(t *testing.T) {
	ctx := context.Background()
	s, path := openTest(t)
	start := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	seeds := []string{"https://moj.gov.vn/", "https://mof.gov.vn/"}
	id, err := s.StartRun(ctx, seeds, start)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Complete(ctx, articlePage("https://moj.gov.vn/a", time.Now())); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishRun(ctx, id, start.Add(time.Hour), RunStats{Pages: 10, NewArticles: 7, Errors: 1, Cut: 3}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishRun(ctx, id+100, start, RunStats{}); err == nil || !strings.Contains(err.Error(), "no such run") {
		t.Errorf("FinishRun(unknown) = %v, want no such run", err)
	}

	runs, err := s.Runs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 {
		t.Fatalf("runs = %+v", runs)
	}
	r := runs[0]
	if r.ID != id || !r.StartedAt.Equal(start) || !r.FinishedAt.Equal(start.Add(time.Hour)) ||
		fmt.Sprint(r.Seeds) != fmt.Sprint(seeds) || r.Stats != (RunStats{Pages: 10, NewArticles: 7, Errors: 1, Cut: 3}) {
		t.Errorf("run = %+v", r)
	}
	db := rawDB(t, path)
	var pageRun, artRun int64
	var seedsJSON string
	db.QueryRow(`SELECT run_id FROM pages`).Scan(&pageRun)
	db.QueryRow(`SELECT run_id FROM articles`).Scan(&artRun)
	db.QueryRow(`SELECT seeds FROM runs`).Scan(&seedsJSON)
	if pageRun != id || artRun != id {
		t.Errorf("run_id on page/article = %d/%d, want %d", pageRun, artRun, id)
	}
	if seedsJSON != `["https://moj.gov.vn/","https://mof.gov.vn/"]` {
		t.Errorf("seeds column = %s", seedsJSON)
	}
}
