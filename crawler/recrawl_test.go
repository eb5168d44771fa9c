package crawler_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/store"
)

// TestConditionalRecrawl runs a crawl twice over a site that honours
// If-Modified-Since: the second pass gets 304s for unchanged pages, keeps
// their articles, and refetches only the page that changed.
func TestConditionalRecrawl(t *testing.T) {
	var mu sync.Mutex
	modified := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
	bodies := map[string]string{
		"/":       `<html><body><a href="/a.html">a</a> <a href="/b.html">b</a></body></html>`,
		"/a.html": articlePage("Bài A", "Sở tổ chức hội nghị tổng kết công tác năm 2023 với sự tham dự của lãnh đạo các phòng ban."),
		"/b.html": articlePage("Bài B", "Sở ban hành kế hoạch đào tạo nghề cho lao động nông thôn trong năm 2024 trên toàn tỉnh."),
	}
	mtimes := map[string]time.Time{"/": modified, "/a.html": modified, "/b.html": modified}
	full := map[string]int{} // 200 answers per path
	serve := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		body, ok := bodies[r.URL.Path]
		mtime := mtimes[r.URL.Path]
		mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		rec := &statusRecorder{ResponseWriter: w, status: 200}
		http.ServeContent(rec, r, r.URL.Path, mtime, bytes.NewReader([]byte(body)))
		if rec.status == 200 {
			mu.Lock()
			full[r.URL.Path]++
			mu.Unlock()
		}
	}
	s := newSite(t, map[string]http.HandlerFunc{"/": serve})
	st := openStore(t)
	cfg := testConfig(s.URL + "/")
	cfg.IgnoreRobots = true
	if _, err := crawler.Crawl(context.Background(), cfg, st); err != nil {
		t.Fatal(err)
	}

	mu.Lock()
	bodies["/b.html"] = articlePage("Bài B", "Kế hoạch đào tạo nghề năm 2024 đã được điều chỉnh, bổ sung thêm các lớp học nghề cho phụ nữ và thanh niên.")
	mtimes["/b.html"] = modified.Add(24 * time.Hour)
	mu.Unlock()
	stats, err := crawler.Crawl(context.Background(), cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Pages != 3 || stats.Unchanged != 2 {
		t.Errorf("second pass: %+v; want 3 pages fetched, 2 of them unchanged", stats)
	}
	mu.Lock()
	if full["/a.html"] != 1 || full["/"] != 1 || full["/b.html"] != 2 {
		t.Errorf("full responses per path %v; want the unchanged pages sent once, the changed one twice", full)
	}
	mu.Unlock()
	arts, err := st.Articles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, a := range arts {
		texts[strings.TrimPrefix(a.URL, s.URL)] = a.Text
	}
	if !strings.Contains(texts["/a.html"], "hội nghị tổng kết") {
		t.Errorf("unchanged article lost its text: %q", texts["/a.html"])
	}
	if !strings.Contains(texts["/b.html"], "phụ nữ và thanh niên") {
		t.Errorf("changed article not updated: %q", texts["/b.html"])
	}
	pages := pagesByPath(t, st, s.URL)
	if p := pages["/a.html"]; p.Status != 200 || p.SHA256 == "" || p.LastModified == "" || p.PageType != "article" {
		t.Errorf("unchanged page row lost its content fields: %+v", p)
	}
}

func articlePage(title, para string) string {
	return `<!doctype html><html lang="vi"><head><title>` + title + `</title></head><body><div class="menu"><a href="/">Trang chủ</a></div>
<div class="content"><h1>` + title + `</h1><p>` + para + `</p><p>` + para + ` Các đơn vị liên quan triển khai thực hiện nghiêm túc.</p></div></body></html>`
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// recordingStore keeps every Result a crawl hands the store, and counts
// second readings, so a test sees what was written, not how long it took.
type recordingStore struct {
	*store.Store
	mu        sync.Mutex
	results   []store.Result
	rereading int
}

func (r *recordingStore) Complete(ctx context.Context, res store.Result) (bool, error) {
	r.mu.Lock()
	r.results = append(r.results, res)
	r.mu.Unlock()
	return r.Store.Complete(ctx, res)
}

func (r *recordingStore) ApplyReextractions(ctx context.Context, rs []store.Reextraction) ([]store.ReextractChange, error) {
	r.mu.Lock()
	r.rereading += len(rs)
	r.mu.Unlock()
	return r.Store.ApplyReextractions(ctx, rs)
}

func (r *recordingStore) take() (results []store.Result, rereading int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	results, rereading = r.results, r.rereading
	r.results, r.rereading = nil, 0
	return results, rereading
}

// TestUnchangedBodyNotReadAgain recrawls a site that sends no validators:
// a body with the sha256 stored for its page is not extracted, and its
// page hands the store no article (so no article or search entry is
// written) and counts nothing into its host's template, while a body that
// changed is read and stored as usual.
func TestUnchangedBodyNotReadAgain(t *testing.T) {
	var mu sync.Mutex
	bodies := map[string]string{
		"/":       `<html><body><a href="/a.html">a</a> <a href="/b.html">b</a></body></html>`,
		"/a.html": articlePage("Bài A", "Sở tổ chức hội nghị tổng kết công tác năm 2023 với sự tham dự của lãnh đạo các phòng ban."),
		"/b.html": articlePage("Bài B", "Sở ban hành kế hoạch đào tạo nghề cho lao động nông thôn trong năm 2024 trên toàn tỉnh."),
	}
	serve := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		body, ok := bodies[r.URL.Path]
		mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(body)) // no ETag, no Last-Modified
	}
	s := newSite(t, map[string]http.HandlerFunc{"/": serve})
	st := &recordingStore{Store: openStore(t)}
	cfg := testConfig(s.URL + "/")
	cfg.IgnoreRobots = true
	ctx := context.Background()

	first, err := crawler.Crawl(ctx, cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	if first.Extractions < 3 || first.Unchanged != 0 {
		t.Fatalf("first pass: %+v; want every page extracted, none unchanged", first)
	}
	st.take()
	before, err := st.Articles(ctx)
	if err != nil || len(before) != 2 {
		t.Fatalf("articles after the first pass: %v, %v", before, err)
	}
	host := strings.TrimPrefix(s.URL, "http://")
	tplBefore, err := st.Templates(ctx)
	if err != nil || tplBefore[host].Pages != 3 {
		t.Fatalf("template after the first pass: %+v, %v; want 3 pages counted", tplBefore[host], err)
	}

	second, err := crawler.Crawl(ctx, cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	if second.Pages != 3 || second.Unchanged != 3 || second.Extractions != 0 {
		t.Errorf("second pass: %+v; want 3 pages fetched, all unchanged, no extraction", second)
	}
	results, rereading := st.take()
	if len(results) != 3 || rereading != 0 {
		t.Errorf("second pass: %d pages completed, %d read again; want 3 and 0", len(results), rereading)
	}
	for _, r := range results {
		if !r.Unchanged || r.Article != nil || r.Template != nil {
			t.Errorf("second pass wrote %s: unchanged %v, article %v, template %v; want only the unchanged mark",
				r.Page.URL, r.Unchanged, r.Article != nil, r.Template != nil)
		}
	}
	if tpl, err := st.Templates(ctx); err != nil || tpl[host].Pages != 3 {
		t.Errorf("template after the unchanged pass: %d pages, %v; want the first pass's 3 only", tpl[host].Pages, err)
	}
	after, err := st.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range after {
		if after[i] != before[i] {
			t.Errorf("article rewritten by an unchanged page: %+v, was %+v", after[i], before[i])
		}
	}
	if hits, err := st.Search(ctx, store.Query{Text: "hội nghị"}); err != nil || len(hits) != 1 {
		t.Errorf("search after the unchanged pass: %d hits, %v; want the article still found once", len(hits), err)
	}

	mu.Lock()
	bodies["/b.html"] = articlePage("Bài B", "Kế hoạch đào tạo nghề năm 2024 đã được điều chỉnh, bổ sung thêm các lớp học nghề cho phụ nữ và thanh niên.")
	mu.Unlock()
	third, err := crawler.Crawl(ctx, cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	if third.Unchanged != 2 || third.Extractions < 1 {
		t.Errorf("third pass: %+v; want the changed page extracted, the other two unchanged", third)
	}
	results, _ = st.take()
	for _, r := range results {
		changed := strings.HasSuffix(r.Page.URL, "/b.html")
		if changed == r.Unchanged || changed != (r.Article != nil) {
			t.Errorf("third pass, %s: unchanged %v, article %v", r.Page.URL, r.Unchanged, r.Article != nil)
		}
	}
	if hits, err := st.Search(ctx, store.Query{Text: "thanh niên"}); err != nil || len(hits) != 1 {
		t.Errorf("changed article not indexed: %d hits, %v", len(hits), err)
	}
}

// TestStoredLinksNotHandedAgain: a link already in the frontier's table
// (from an earlier run, or from a page recorded before) is not handed to
// the store again with every page that shows it, as a site's menu is.
func TestStoredLinksNotHandedAgain(t *testing.T) {
	const pages = 30
	menu := `<a href="/">Trang chủ</a> <a href="/gioi-thieu.html">Giới thiệu</a> <a href="/lien-he.html">Liên hệ</a>`
	serve := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		var b strings.Builder
		if r.URL.Path == "/" {
			for i := range pages {
				fmt.Fprintf(&b, `<a href="/bai-%d.html">Bài %d</a> `, i, i)
			}
		}
		fmt.Fprintf(w, "<html><body><div>%s</div><p>Trang %s của Sở, nội dung riêng của trang này.</p>%s</body></html>", menu, r.URL.Path, b.String())
	}
	s := newSite(t, map[string]http.HandlerFunc{"/": serve})
	st := &recordingStore{Store: openStore(t)}
	cfg := testConfig(s.URL + "/")
	cfg.IgnoreRobots = true
	ctx := context.Background()
	handed := func(results []store.Result) (menuLinks int) {
		for _, r := range results {
			for _, l := range r.Links {
				if strings.HasSuffix(l.URL, "/lien-he.html") {
					menuLinks++
				}
			}
		}
		return menuLinks
	}

	first, err := crawler.Crawl(ctx, cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	results, _ := st.take()
	if first.Pages != pages+3 || len(results) != pages+3 {
		t.Fatalf("first run: %d pages, %d records; want %d", first.Pages, len(results), pages+3)
	}
	if n := handed(results); n < 1 || n > pages/2 {
		t.Errorf("first run: the menu's link handed over by %d pages of %d; want by the first few only", n, len(results))
	}

	second, err := crawler.Crawl(ctx, cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	results, _ = st.take()
	if second.Pages != pages+3 || len(results) != pages+3 {
		t.Fatalf("second run: %d pages, %d records; want %d", second.Pages, len(results), pages+3)
	}
	for _, r := range results {
		if len(r.Links) != 0 {
			t.Errorf("second run: %s handed over %d links the frontier holds", r.Page.URL, len(r.Links))
		}
	}
}
