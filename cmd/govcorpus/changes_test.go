package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/govcorpus/govcorpus/store"
)

// editableSite serves pages a test can edit or delete between crawls.
type editableSite struct {
	*httptest.Server
	mu    sync.Mutex
	pages map[string]string
}

func newEditableSite(t *testing.T, pages map[string]string) *editableSite {
	t.Helper()
	s := &editableSite{pages: pages}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		body, ok := s.pages[r.URL.Path]
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *editableSite) set(path, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if body == "" {
		delete(s.pages, path)
		return
	}
	s.pages[path] = body
}

// newsPage is an article page of a department site, one <p> a paragraph.
func newsPage(title string, paras ...string) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="vi"><head><title>` + title + `</title></head><body>
<div class="menu"><a href="/">Trang chủ</a> <a href="/tin/">Tin tức</a></div><div class="content"><h1>` + title + `</h1>`)
	for _, p := range paras {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString(`</div><div class="footer">Sở Lao động - Thương binh và Xã hội</div></body></html>`)
	return b.String()
}

var (
	paraA1  = "Sáng ngày 12 tháng 3, Sở Lao động tổ chức hội nghị tổng kết công tác năm 2025 với sự tham dự của lãnh đạo các phòng ban."
	paraA2  = "Hội nghị đã đánh giá kết quả thực hiện các chỉ tiêu về giải quyết việc làm và đào tạo nghề cho lao động nông thôn."
	paraA3  = "Các đơn vị liên quan được giao triển khai thực hiện nghiêm túc kế hoạch năm 2026 trên toàn tỉnh."
	paraA2b = "Hội nghị đã đánh giá kết quả thực hiện các chỉ tiêu về giải quyết việc làm, vượt 12% kế hoạch năm."
	paraB   = "Sở ban hành kế hoạch đào tạo nghề cho lao động nông thôn trong năm 2026, tập trung vào các ngành nghề phi nông nghiệp."
	paraC   = "Thông báo lịch tiếp công dân định kỳ của Giám đốc Sở trong quý II năm 2026 tại trụ sở cơ quan."
)

func changesSite(t *testing.T) *editableSite {
	return newEditableSite(t, map[string]string{
		"/":           `<html><body><a href="/tin/">Tin tức</a></body></html>`,
		"/tin/":       `<html><body><a href="/tin/a.html">a</a> <a href="/tin/b.html">b</a> <a href="/tin/c.html">c</a></body></html>`,
		"/tin/a.html": newsPage("Hội nghị tổng kết công tác năm 2025", paraA1, paraA2, paraA3),
		"/tin/b.html": newsPage("Kế hoạch đào tạo nghề năm 2026", paraB, paraB+" Các huyện đăng ký chỉ tiêu trước ngày 30."),
		"/tin/c.html": newsPage("Lịch tiếp công dân quý II", paraC, paraC+" Công dân mang theo giấy tờ tùy thân."),
	})
}

func jsonLines[T any](t *testing.T, out string) []T {
	t.Helper()
	var list []T
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		list = append(list, v)
	}
	return list
}

func mustRun(t *testing.T, want int, args ...string) string {
	t.Helper()
	code, out, stderr := runCmd(context.Background(), args...)
	if code != want {
		t.Fatalf("%s: exit %d, want %d\n%s", strings.Join(args, " "), code, want, stderr)
	}
	return out
}

// TestRecrawlFindsChangedAndGoneArticles: an edited article keeps its old
// text as a version and shows in changes with a line diff; a page that now
// answers 404 marks its article gone, which export leaves out unless asked.
func TestRecrawlFindsChangedAndGoneArticles(t *testing.T) {
	site := changesSite(t)
	db := tempDB(t)
	mustRun(t, exitOK, crawlArgs(site.URL, db)...)
	first := jsonLines[changeLine](t, mustRun(t, exitOK, "changes", "--db", db, "--format", "jsonl"))
	if len(first) != 3 {
		t.Fatalf("first run's changes %+v, want the 3 articles new", first)
	}
	for _, c := range first {
		if c.Kind != store.ChangeNew || c.Run != 1 {
			t.Errorf("first run's change %+v, want new in run 1", c)
		}
	}

	site.set("/tin/a.html", newsPage("Hội nghị tổng kết công tác năm 2025", paraA1, paraA2b, paraA3))
	site.set("/tin/c.html", "")
	mustRun(t, exitPagesFailed, crawlArgs(site.URL, db)...) // the 404 is a failed page

	second := jsonLines[changeLine](t, mustRun(t, exitOK, "changes", "--db", db, "--format", "jsonl"))
	got := map[string]changeLine{}
	for _, c := range second {
		got[strings.TrimPrefix(c.URL, site.URL)] = c
	}
	if len(second) != 2 || got["/tin/a.html"].Kind != store.ChangeChanged || got["/tin/c.html"].Kind != store.ChangeGone {
		t.Fatalf("second run's changes %+v, want a.html changed and c.html gone", second)
	}
	diff := got["/tin/a.html"].Diff
	if !strings.Contains(diff, "-"+paraA2) || !strings.Contains(diff, "+"+paraA2b) || strings.Contains(diff, "-"+paraA1) ||
		!strings.Contains(diff, "--- run 1") || !strings.Contains(diff, "+++ run 2") {
		t.Errorf("diff of the edited article:\n%s", diff)
	}
	text := mustRun(t, exitOK, "changes", "--db", db, "--run", "2")
	if !strings.HasPrefix(text, "run 2 (finished, started ") || !strings.Contains(text, "): 0 new, 1 changed, 1 gone\n") ||
		!strings.Contains(text, "changed  run 2") || !strings.Contains(text, "    +"+paraA2b) || !strings.Contains(text, "gone     run 2") {
		t.Errorf("changes as text:\n%s", text)
	}
	if since := jsonLines[changeLine](t, mustRun(t, exitOK, "changes", "--db", db, "--since", "2000-01-01", "--format", "jsonl")); len(since) != 5 {
		t.Errorf("changes since 2000: %d, want all 5 of both runs", len(since))
	}

	st, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	a, ok, err := st.ArticleByURL(context.Background(), site.URL+"/tin/a.html")
	if err != nil || !ok {
		t.Fatalf("edited article: %v %v", ok, err)
	}
	vs, err := st.Versions(context.Background(), a.ID)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || !strings.Contains(vs[0].Text, paraA2) || !strings.Contains(a.Text, paraA2b) || vs[0].Run != 1 || vs[0].ReplacedRun != 2 {
		t.Errorf("edited article has %d earlier versions (%+v) and text %q; want its run 1 text kept", len(vs), vs, a.Text)
	}

	runs := jsonLines[runLine](t, mustRun(t, exitOK, "runs", "--db", db, "--format", "jsonl"))
	if len(runs) != 2 {
		t.Fatalf("%d runs", len(runs))
	}
	if r := runs[1]; r.ID != 1 || r.Status != statusFinished || r.NewArticles != 3 || r.Changed != 0 || r.Gone != 0 || r.Errors != 0 {
		t.Errorf("run 1 %+v, want finished with 3 new", r)
	}
	if r := runs[0]; r.ID != 2 || r.Status != statusFinished || r.NewArticles != 0 || r.Changed != 1 || r.Unchanged != 1 ||
		r.Gone != 1 || r.Errors != 1 || r.Pages != 5 {
		t.Errorf("run 2 %+v, want finished: 5 pages, 0 new, 1 changed, 1 unchanged, 1 gone, 1 failed", r)
	}

	urls := func(args ...string) map[string]bool {
		out := map[string]bool{}
		for _, r := range jsonLines[jsonRow](t, mustRun(t, exitOK, append([]string{"export", "--db", db}, args...)...)) {
			out[strings.TrimPrefix(r.URL, site.URL)] = r.Gone
		}
		return out
	}
	if ex := urls(); len(ex) != 2 || ex["/tin/a.html"] || ex["/tin/b.html"] {
		t.Errorf("export %v, want a.html and b.html, none gone", ex)
	}
	if ex := urls("--gone", "include"); len(ex) != 3 || !ex["/tin/c.html"] || ex["/tin/a.html"] {
		t.Errorf("export --gone include %v, want c.html marked gone", ex)
	}

	show := mustRun(t, exitOK, "show", "--db", db, site.URL+"/tin/a.html")
	for _, want := range []string{"versions:   1 earlier", paraA2b, "version 1: run 1", "-" + paraA2, "warc:       none"} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	var shown showArticle
	if err := json.Unmarshal([]byte(mustRun(t, exitOK, "show", "--db", db, "--format", "json", site.URL+"/tin/c.html")), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.GoneAt == "" || shown.GoneRun != 2 || shown.Status != http.StatusNotFound || !strings.Contains(shown.Text, paraC) {
		t.Errorf("show of the gone article: %+v", shown)
	}
	if byID := mustRun(t, exitOK, "show", "--db", db, strconv.FormatInt(shown.ID, 10)); !strings.Contains(byID, "gone:       since") {
		t.Errorf("show by id:\n%s", byID)
	}

	var stats statsReport
	if err := json.Unmarshal([]byte(mustRun(t, exitOK, "stats", "--db", db, "--format", "json")), &stats); err != nil {
		t.Fatal(err)
	}
	if stats.Articles != 2 || stats.Gone != 1 || stats.Versions != 1 || stats.Failed != 1 || len(stats.Sites) != 1 ||
		stats.Sites[0].Articles != 2 || stats.Sites[0].Gone != 1 || stats.Sites[0].Failed != 1 ||
		stats.LastRun == nil || stats.LastRun.ID != 2 || len(stats.Failures) != 1 || stats.Failures[0].Status != 404 {
		t.Errorf("stats %+v", stats)
	}
	text = mustRun(t, exitOK, "stats", "--db", db)
	for _, want := range []string{"2 articles (0 duplicates), 1 gone, 1 earlier versions", "127.0.0.1", "HTTP 404 Not Found", "last run:   2"} {
		if !strings.Contains(text, want) {
			t.Errorf("stats lacks %q:\n%s", want, text)
		}
	}
}

// TestRunStatuses: a crawl in progress is running, one stopped by a
// signal or killed with kill -9 is interrupted, one that drained its
// frontier finished.
func TestRunStatuses(t *testing.T) {
	status := func(db string) runLine {
		t.Helper()
		runs := jsonLines[runLine](t, mustRun(t, exitOK, "runs", "--db", db, "--format", "jsonl"))
		if len(runs) == 0 {
			t.Fatal("no run listed")
		}
		return runs[0]
	}

	srv := newCountingServer(t, changesSite(t).Config.Handler, 2) // holds the crawl after two pages
	db := tempDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		code, _, _ := runCmd(ctx, crawlArgs(srv.URL, db)...)
		done <- code
	}()
	waitFor(t, "the crawl to store two pages", func() bool { return donePages(t, db) >= 2 })
	if r := status(db); r.Status != statusRunning || r.FinishedAt != "" || r.Pages != 2 {
		t.Errorf("crawl in progress: %+v, want running with its 2 pages counted", r)
	}
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	if r := status(link); r.Status != statusRunning {
		t.Errorf("crawl in progress seen through a symlink: %+v, want running", r)
	}
	cancel()
	if code := <-done; code != exitInterrupted {
		t.Fatalf("cancelled crawl: exit %d", code)
	}
	if r := status(db); r.Status != statusInterrupted || r.Killed || r.FinishedAt == "" {
		t.Errorf("cancelled crawl: %+v, want interrupted (not killed)", r)
	}
	srv.drained(t)
	srv.open()
	mustRun(t, exitOK, crawlArgs(srv.URL, db)...)
	if r := status(db); r.Status != statusFinished || r.ID != 2 {
		t.Errorf("resumed crawl: %+v, want run 2 finished", r)
	}

	killed := newCountingServer(t, changesSite(t).Config.Handler, 2)
	db = tempDB(t)
	args, _ := json.Marshal(crawlArgs(killed.URL, db))
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GOVCORPUS_TEST_MAIN="+string(args))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the crawl to store two pages", func() bool { return donePages(t, db) >= 2 })
	if r := status(db); r.Status != statusRunning {
		t.Errorf("crawl in a running process: %+v, want running", r)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if r := status(db); r.Status != statusInterrupted || !r.Killed || r.FinishedAt != "" || r.Pages != 2 {
		t.Errorf("killed crawl: %+v, want interrupted (killed) with its 2 pages counted", r)
	}
	text := mustRun(t, exitOK, "runs", "--db", db)
	if !strings.Contains(text, "interrupted (killed)") {
		t.Errorf("runs as text:\n%s", text)
	}
}

func TestChangesStatsShowBadInput(t *testing.T) {
	site := changesSite(t)
	db := tempDB(t)
	mustRun(t, exitOK, crawlArgs(site.URL, db)...)
	for _, args := range [][]string{
		{"changes", "--db", db, "--since", "yesterday"},
		{"changes", "--db", db, "--since", "2026-13-01"},
		{"changes", "--db", db, "--run", "99"},
		{"changes", "--db", db, "--run", "1", "--since", "2026-01-01"},
		{"changes", "--db", db, "--format", "xml"},
		{"show", "--db", db, "424242"},
		{"show", "--db", db, site.URL + "/nowhere.html"},
		{"show", "--db", db},
		{"show", "--db", db, "1", "2"},
		{"stats", "--db", db, "extra"},
		{"stats", "--db", db + ".missing"},
		{"export", "--db", db, "--gone", "maybe"},
	} {
		code, out, stderr := runCmd(context.Background(), args...)
		if code != exitCannotRun || out != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stderr == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and one line", args[1:], code, out, stderr)
		}
	}
	for path, why := range map[string]string{"/": "the page is", "/nowhere.html": "never fetched"} {
		if _, _, stderr := runCmd(context.Background(), "show", "--db", db, site.URL+path); !strings.Contains(stderr, why) {
			t.Errorf("show %s: %q, want it to say %q", path, stderr, why)
		}
	}
}

func TestShowNamesWARCCapture(t *testing.T) {
	site := changesSite(t)
	db, dir := tempDB(t), t.TempDir()
	mustRun(t, exitOK, append(crawlArgs(site.URL, db), "--warc", dir)...)
	var shown showArticle
	if err := json.Unmarshal([]byte(mustRun(t, exitOK, "show", "--db", db, "--format", "json", site.URL+"/tin/b.html")), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.Capture == nil || !strings.HasPrefix(shown.Capture.File, dir) || shown.Capture.Length == 0 {
		t.Fatalf("show of an archived article: capture %+v, want a record in %s", shown.Capture, dir)
	}
	f, err := os.Open(shown.Capture.File)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Size() < shown.Capture.Offset+shown.Capture.Length {
		t.Errorf("capture %+v lies outside its file (%v)", shown.Capture, err)
	}
	text := mustRun(t, exitOK, "show", "--db", db, site.URL+"/tin/b.html")
	if !strings.Contains(text, "warc:       "+shown.Capture.File+" offset ") {
		t.Errorf("show as text does not name the capture:\n%s", text)
	}
}

// TestReextractKeepsTextAsVersionNotChange: govcorpus reextract that
// changes an article's text (here: the text an older extractor stored)
// keeps the text it replaced as a "reextract" version, and no run lists
// the article as changed: the site did not change.
func TestReextractKeepsTextAsVersionNotChange(t *testing.T) {
	site := changesSite(t)
	db, dir := tempDB(t), t.TempDir()
	mustRun(t, exitOK, append(crawlArgs(site.URL, db), "--warc", dir)...)
	const older = "Văn bản do bộ trích xuất cũ lưu."
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE articles SET text = ?, sha256 = 'older' WHERE url = ?`, older, site.URL+"/tin/b.html"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	mustRun(t, exitOK, "reextract", "--db", db, "--quiet")

	var shown showArticle
	if err := json.Unmarshal([]byte(mustRun(t, exitOK, "show", "--db", db, "--format", "json", site.URL+"/tin/b.html")), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Versions) != 1 || shown.Versions[0].Cause != store.CauseReextract || shown.Versions[0].Text != older ||
		!strings.Contains(shown.Text, paraB) || !strings.Contains(shown.Versions[0].Diff, "-"+older) {
		t.Errorf("re-extracted article: text %q, versions %+v; want the older text kept as a reextract version", shown.Text, shown.Versions)
	}
	for _, c := range jsonLines[changeLine](t, mustRun(t, exitOK, "changes", "--db", db, "--since", "2000-01-01", "--format", "jsonl")) {
		if c.Kind != store.ChangeNew {
			t.Errorf("change %+v after a re-extraction, want only the crawl's new articles", c)
		}
	}
}
