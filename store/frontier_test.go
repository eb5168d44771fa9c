package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

func TestLeaseHostAndFrontierHosts(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	if _, err := s.Enqueue(ctx, links("https://a.vn/1", "https://B.vn:8080/1", "https://a.vn/2", "https://b.vn:8080/2")); err != nil {
		t.Fatal(err)
	}
	got, err := s.LeaseHost(ctx, "b.vn:8080", 5)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, l := range got {
		urls = append(urls, l.URL)
	}
	if want := []string{"https://B.vn:8080/1", "https://b.vn:8080/2"}; !slices.Equal(urls, want) {
		t.Errorf("LeaseHost(b.vn:8080) = %v, want %v", urls, want)
	}
	if err := s.Release(ctx, []string{"https://b.vn:8080/2"}); err != nil {
		t.Fatal(err)
	}
	hosts, err := s.FrontierHosts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []HostQueue{{Host: "a.vn", Queued: 2}, {Host: "b.vn:8080", Queued: 1, Leased: 1}}
	if !slices.Equal(hosts, want) {
		t.Errorf("FrontierHosts = %+v, want %+v", hosts, want)
	}
}

func TestNewPassOfOnlyTouchesItsHosts(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	finish := func(urls ...string) {
		for _, u := range urls {
			if _, err := s.Complete(ctx, Result{Page: Page{URL: u, Status: 200}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	finish("https://a.vn/1", "https://a.vn/2", "https://b.vn/1")
	if _, err := s.Enqueue(ctx, links("https://c.vn/1")); err != nil { // an unfinished other host
		t.Fatal(err)
	}
	for _, tc := range []struct {
		hosts []string
		want  int
	}{
		{nil, 0},
		{[]string{"b.vn", "c.vn"}, 0}, // c.vn is unfinished: that crawl resumes
		{[]string{"a.vn"}, 2},         // c.vn's queue is no reason to wait
		{[]string{"a.vn"}, 0},         // queued now: resuming
	} {
		n, err := s.NewPassOf(ctx, tc.hosts)
		if err != nil || n != tc.want {
			t.Errorf("NewPassOf(%v) = %d, %v; want %d", tc.hosts, n, err, tc.want)
		}
	}
	if q, _, d, _ := s.Counts(ctx); q != 3 || d != 1 {
		t.Errorf("after the passes: %d queued, %d done; want 3 and 1 (b.vn untouched)", q, d)
	}
}

// TestFrontierHostMigration: URLs queued before the host column existed
// get the host a new enqueue would give them.
func TestFrontierHostMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const hostMigration = 10
	if _, err := migrate(ctx, db, migrations[:hostMigration-1]); err != nil {
		t.Fatal(err)
	}
	urls := []string{"https://A.gov.vn/x/y", "http://b.vn:8080/", "https://c.vn?q=1", "https://d.vn#top", "https://e.vn"}
	for _, u := range urls {
		if _, err := db.Exec(`INSERT INTO frontier (url, state, added_at, updated_at) VALUES (?, 'queued', '', '')`, u); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := migrate(ctx, db, migrations); err != nil {
		t.Fatal(err)
	}
	for _, u := range urls {
		var host string
		if err := db.QueryRow(`SELECT host FROM frontier WHERE url = ?`, u).Scan(&host); err != nil {
			t.Fatal(err)
		}
		if host != HostOf(u) {
			t.Errorf("migrated host of %s = %q, want %q", u, host, HostOf(u))
		}
	}
}

// A recorded page marks its leased frontier row done by the row's id, and
// an id that names another URL's row (from another database, or stale)
// leaves that row alone and finds the page's own by its URL.
func TestDoneByLeasedRow(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	if _, err := s.Enqueue(ctx, links("https://a.vn/1", "https://a.vn/2", "https://a.vn/3")); err != nil {
		t.Fatal(err)
	}
	leased, err := s.LeaseHost(ctx, "a.vn", 3)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, l := range leased {
		if l.ID == 0 {
			t.Fatalf("leased %s without its frontier row's id", l.URL)
		}
		ids[l.URL] = l.ID
	}
	record := func(url string, id int64) {
		t.Helper()
		p := Page{URL: url, Status: 200, FetchedAt: time.Now(), FrontierID: id}
		if _, err := s.Complete(ctx, Result{Page: p}); err != nil {
			t.Fatal(err)
		}
	}
	record("https://a.vn/1", ids["https://a.vn/1"])
	record("https://a.vn/2", ids["https://a.vn/3"]) // names a.vn/3's row
	state := func(url string) string {
		var st string
		if err := s.rdb.QueryRowContext(ctx, `SELECT state FROM frontier WHERE url = ?`, url).Scan(&st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	for url, want := range map[string]string{"https://a.vn/1": "done", "https://a.vn/2": "done", "https://a.vn/3": "leased"} {
		if got := state(url); got != want {
			t.Errorf("%s is %s, want %s", url, got, want)
		}
	}
}
