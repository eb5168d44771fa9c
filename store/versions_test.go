package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"testing"
	"time"
)

// fetchArticle records one fetch of url that gave an article.
func fetchArticle(t *testing.T, s *Store, url, title, text string, at time.Time) {
	t.Helper()
	sum := sha256.Sum256([]byte(text))
	a := &Article{URL: url, Title: title, Text: text, SHA256: hex.EncodeToString(sum[:])}
	p := Page{URL: url, FinalURL: url, Status: 200, PageType: "article", FetchedAt: at}
	if _, err := s.Complete(context.Background(), Result{Page: p, Article: a}); err != nil {
		t.Fatal(err)
	}
}

// fetchStatus records one failed fetch of url with an HTTP status.
func fetchStatus(t *testing.T, s *Store, url string, status int, at time.Time) {
	t.Helper()
	p := Page{URL: url, FinalURL: url, Status: status, FetchedAt: at, Error: http.StatusText(status)}
	if _, err := s.Complete(context.Background(), Result{Page: p}); err != nil {
		t.Fatal(err)
	}
}

func startRun(t *testing.T, s *Store, at time.Time) int64 {
	t.Helper()
	id, err := s.StartRun(context.Background(), []string{"http://a/"}, at)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func byURL(t *testing.T, s *Store) map[string]Article {
	t.Helper()
	all, err := s.Articles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Article{}
	for _, a := range all {
		out[a.URL] = a
	}
	return out
}

func kinds(t *testing.T, s *Store, f ChangeFilter) map[string]string {
	t.Helper()
	cs, err := s.Changes(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range cs {
		out[c.URL] += c.Kind
	}
	return out
}

func TestHistoryAcrossRuns(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	t1 := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	t2, t3 := t1.Add(24*time.Hour), t1.Add(48*time.Hour)

	run1 := startRun(t, s, t1)
	fetchArticle(t, s, "http://a/edited", "Tin 1", "Dòng một.\nDòng hai.", t1)
	fetchArticle(t, s, "http://a/same", "Tin 2", "Không đổi.", t1)
	fetchArticle(t, s, "http://a/deleted", "Tin 3", "Sẽ bị xoá.", t1)
	if c, err := s.RunCounts(ctx, run1); err != nil || c != (RunCounts{Pages: 3, New: 3}) {
		t.Fatalf("run 1 counts %+v, %v; want 3 pages, 3 new", c, err)
	}

	run2 := startRun(t, s, t2)
	fetchArticle(t, s, "http://a/edited", "Tin 1", "Dòng một.\nDòng hai đã sửa.", t2)
	fetchArticle(t, s, "http://a/same", "Tin 2", "Không đổi.", t2)
	fetchStatus(t, s, "http://a/deleted", http.StatusNotFound, t2)
	fetchArticle(t, s, "http://a/fresh", "Tin 4", "Mới.", t2)
	fetchStatus(t, s, "http://a/broken", http.StatusInternalServerError, t2)
	// The crawl reads the edited page again from the same fetch once its
	// host's template is known: the last reading of a run wins, no version.
	if _, err := s.ApplyReextractions(ctx, []Reextraction{{URL: "http://a/edited", PageType: "article",
		Article: &Article{URL: "http://a/edited", Title: "Tin 1", Text: "Dòng hai đã sửa.", SHA256: "warm", FetchedAt: t2}}}); err != nil {
		t.Fatal(err)
	}

	got, err := s.RunCounts(ctx, run2)
	if err != nil {
		t.Fatal(err)
	}
	if want := (RunCounts{Pages: 5, Failed: 2, New: 1, Changed: 1, Unchanged: 1, Gone: 1}); got != want {
		t.Errorf("run 2 counts %+v, want %+v", got, want)
	}
	if k := kinds(t, s, ChangeFilter{Run: run2}); len(k) != 3 || k["http://a/edited"] != ChangeChanged ||
		k["http://a/deleted"] != ChangeGone || k["http://a/fresh"] != ChangeNew {
		t.Errorf("run 2 changes %v", k)
	}
	if k := kinds(t, s, ChangeFilter{Since: t2}); len(k) != 3 {
		t.Errorf("changes since %v: %v, want run 2's three", t2, k)
	}

	arts := byURL(t, s)
	edited := arts["http://a/edited"]
	vs, err := s.Versions(ctx, edited.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Text != "Dòng một.\nDòng hai." || vs[0].Run != run1 || vs[0].Cause != CauseEdit ||
		vs[0].ReplacedRun != run2 || !vs[0].FetchedAt.Equal(t1) {
		t.Fatalf("versions of the edited article: %+v", vs)
	}
	cs, err := s.Changes(ctx, ChangeFilter{Run: run2})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Kind == ChangeChanged && (c.Before == nil || c.After == nil || c.Before.Text != vs[0].Text || c.After.Text != edited.Text) {
			t.Errorf("changed article's texts: before %+v after %+v", c.Before, c.After)
		}
	}

	gone := arts["http://a/deleted"]
	if gone.GoneAt.IsZero() || gone.GoneRun != run2 || gone.Text != "Sẽ bị xoá." {
		t.Errorf("deleted page's article: %+v, want kept and marked gone in run %d", gone, run2)
	}
	var exported []string
	if err := s.EachArticle(ctx, ArticleFilter{}, func(a Article) error { exported = append(exported, a.URL); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, u := range exported {
		if u == "http://a/deleted" {
			t.Error("export lists the gone article")
		}
	}
	if len(exported) != 3 {
		t.Errorf("exported %v, want the 3 live articles", exported)
	}

	// A second 404 is not news; the page coming back is.
	run3 := startRun(t, s, t3)
	fetchStatus(t, s, "http://a/deleted", http.StatusGone, t3)
	fetchArticle(t, s, "http://a/deleted", "Tin 3", "Sẽ bị xoá.", t3.Add(time.Minute))
	if got, _ := s.RunCounts(ctx, run3); got.Gone != 0 || got.Back != 1 || got.Unchanged != 1 {
		t.Errorf("run 3 counts %+v, want 0 gone, 1 back, 1 unchanged", got)
	}
	if a := byURL(t, s)["http://a/deleted"]; !a.GoneAt.IsZero() || a.GoneRun != 0 {
		t.Errorf("article back on the site still gone: %+v", a)
	}

	// govcorpus reextract (no run) reads an old fetch anew: the old text is
	// kept as a reextract version, and no run reports a change.
	s.SetRun(0)
	if _, err := s.ApplyReextractions(ctx, []Reextraction{{URL: "http://a/same", PageType: "article",
		Article: &Article{URL: "http://a/same", Title: "Tin 2", Text: "Không đổi, đọc lại.", SHA256: "rx"}}}); err != nil {
		t.Fatal(err)
	}
	vs, err = s.Versions(ctx, arts["http://a/same"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Cause != CauseReextract || vs[0].Text != "Không đổi." {
		t.Errorf("versions after reextract: %+v", vs)
	}
	for _, id := range []int64{run1, run2, run3} {
		if k := kinds(t, s, ChangeFilter{Run: id}); k["http://a/same"] != map[int64]string{run1: ChangeNew}[id] {
			t.Errorf("run %d lists the re-extracted article: %v", id, k)
		}
	}
}

func TestGoneOriginalLeavesDuplicateInExport(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	t1 := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	startRun(t, s, t1)
	fetchArticle(t, s, "http://a/old-path/1", "Tin", "Cùng một bài.", t1)
	fetchArticle(t, s, "http://a/new-path/1", "Tin", "Cùng một bài.", t1)
	fetchArticle(t, s, "http://a/other", "Khác", "Bài khác.", t1)
	startRun(t, s, t1.Add(time.Hour))
	fetchStatus(t, s, "http://a/old-path/1", http.StatusNotFound, t1.Add(time.Hour))

	list := func(f ArticleFilter) map[string]bool {
		out := map[string]bool{}
		if err := s.EachArticle(ctx, f, func(a Article) error { out[a.URL] = true; return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got := list(ArticleFilter{}); len(got) != 2 || !got["http://a/new-path/1"] || !got["http://a/other"] {
		t.Errorf("live export %v: the duplicate must stand in for its gone original", got)
	}
	if got := list(ArticleFilter{Gone: true}); len(got) != 2 || !got["http://a/old-path/1"] {
		t.Errorf("export with gone articles %v: the gone original, not its duplicate", got)
	}
	if got := list(ArticleFilter{Duplicates: true}); len(got) != 2 || got["http://a/old-path/1"] {
		t.Errorf("export with duplicates %v", got)
	}
}

func TestKilledRunKeepsCounts(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	t1 := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	run1 := startRun(t, s, t1)
	fetchArticle(t, s, "http://a/1", "Tin", "Một.", t1)
	if err := s.FinishRun(ctx, run1, t1.Add(time.Minute), RunStats{Pages: 1, NewArticles: 1, Interrupted: true}); err != nil {
		t.Fatal(err)
	}
	run2 := startRun(t, s, t1.Add(time.Hour))
	fetchArticle(t, s, "http://a/2", "Tin", "Hai.", t1.Add(time.Hour))
	fetchStatus(t, s, "http://a/3", http.StatusNotFound, t1.Add(time.Hour)) // no article there: not gone
	// The process dies here: no FinishRun.
	runs, err := s.Runs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 {
		t.Fatalf("%d runs", len(runs))
	}
	if r := runs[0]; !r.Stats.Interrupted || r.FinishedAt.IsZero() || r.PID != os.Getpid() {
		t.Errorf("run 1 %+v, want finished, interrupted, pid %d", r, os.Getpid())
	}
	if r := runs[1]; r.ID != run2 || r.Stats.Interrupted || !r.FinishedAt.IsZero() || r.Counts != (RunCounts{Pages: 2, Failed: 1, New: 1}) {
		t.Errorf("killed run 2 %+v, want its counts and no finish", r)
	}
}

// TestProvisionalArticleLeavesNoTrace: a page the crawl first read as an
// article and, once its host's template was known, as a listing was never
// an article of the run: no change, no version.
func TestProvisionalArticleLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	t1 := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	run := startRun(t, s, t1)
	fetchArticle(t, s, "http://a/tin/", "Tin tức", "Danh sách tin.", t1)
	fetchArticle(t, s, "http://a/tin/1", "Tin", "Một bài.", t1)
	if _, err := s.ApplyReextractions(ctx, []Reextraction{{URL: "http://a/tin/", PageType: "listing"}}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.RunCounts(ctx, run); c.New != 1 {
		t.Errorf("counts %+v, want the one article new", c)
	}
	if k := kinds(t, s, ChangeFilter{Run: run}); len(k) != 1 || k["http://a/tin/1"] != ChangeNew {
		t.Errorf("changes %v", k)
	}
	var versions int
	if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM article_versions`).Scan(&versions); err != nil || versions != 0 {
		t.Errorf("%d versions (%v), want none", versions, err)
	}
}

// TestSecondReadingJudgedAgainstLastRun: when the crawl reads a page again
// in the same run (its host's template now known), what the run changed
// is judged against the text from before the run.
func TestSecondReadingJudgedAgainstLastRun(t *testing.T) {
	ctx := context.Background()
	t1 := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	t2 := t1.Add(24 * time.Hour)
	reread := func(t *testing.T, s *Store, url, text string) {
		t.Helper()
		sum := sha256.Sum256([]byte(text))
		if _, err := s.ApplyReextractions(ctx, []Reextraction{{URL: url, PageType: "article",
			Article: &Article{URL: url, Title: "Tin", Text: text, SHA256: hex.EncodeToString(sum[:]), FetchedAt: t2}}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name               string
		first, second      string // this run's two readings; the last run read "Cũ."
		versions           int
		changed, unchanged int
	}{
		{"unchanged, then changed", "Cũ.", "Mới.", 1, 1, 0},
		{"changed, then back", "Mới.", "Cũ.", 0, 0, 1},
		{"changed twice", "Mới.", "Mới hơn.", 1, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTest(t)
			startRun(t, s, t1)
			fetchArticle(t, s, "http://a/1", "Tin", "Cũ.", t1)
			run := startRun(t, s, t2)
			fetchArticle(t, s, "http://a/1", "Tin", tc.first, t2)
			reread(t, s, "http://a/1", tc.second)
			c, err := s.RunCounts(ctx, run)
			if err != nil {
				t.Fatal(err)
			}
			if c.Changed != tc.changed || c.Unchanged != tc.unchanged {
				t.Errorf("counts %+v, want %d changed, %d unchanged", c, tc.changed, tc.unchanged)
			}
			a := byURL(t, s)["http://a/1"]
			vs, err := s.Versions(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(vs) != tc.versions || (len(vs) == 1 && vs[0].Text != "Cũ.") {
				t.Fatalf("versions %+v, want %d holding the last run's text", vs, tc.versions)
			}
			cs, err := s.Changes(ctx, ChangeFilter{Run: run})
			if err != nil {
				t.Fatal(err)
			}
			if tc.changed == 1 && (len(cs) != 1 || cs[0].Before.Text != "Cũ." || cs[0].After.Text != tc.second) {
				t.Errorf("changes %+v, want Cũ. → %s", cs, tc.second)
			}
		})
	}
}
