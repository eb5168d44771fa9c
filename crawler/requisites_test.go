package crawler_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/warc"
	"github.com/govcorpus/govcorpus/warc/warctest"
)

// hostOn serves h on another loopback address, a second host for the
// crawl (a CDN), or skips when the machine has only 127.0.0.1.
func hostOn(t *testing.T, ip string, h http.Handler) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// counter counts requests per path.
type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.n[r.URL.Path]++
		c.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (c *counter) get(p string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[p]
}

func TestRequisites(t *testing.T) {
	cdnHits := &counter{n: map[string]int{}}
	cdn := hostOn(t, "127.0.0.2", cdnHits.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		fmt.Fprint(w, "\x89PNG cdn "+r.URL.Path)
	})))
	other := hostOn(t, "127.0.0.3", http.NotFoundHandler())

	hits := &counter{n: map[string]int{}}
	file := func(ct, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			fmt.Fprint(w, body)
		}
	}
	page := func(title string) http.HandlerFunc {
		return file("text/html; charset=utf-8", `<!doctype html><html lang="vi"><head><title>`+title+`</title>
<link rel="stylesheet" href="/css/site.css"><link rel="icon" href="/favicon.ico"><script src="/js/app.js"></script>
<style>.banner { background: url("/img/banner.png") }</style></head><body>
<h1>`+title+`</h1><img src="/img/logo.png" srcset="/img/logo.png 1x, /img/logo@2x.png 2x" alt="logo">
<img src="`+cdn.URL+`/pic.png" alt="cdn"><img src="`+other.URL+`/elsewhere.png" alt="other">
<div style="background-image: url('/img/inline.png')"></div>
<p>Sở Lao động tổ chức hội nghị tổng kết công tác năm 2023 với sự tham dự của lãnh đạo các phòng ban và đơn vị trực thuộc trên địa bàn tỉnh.</p>
<p>Hội nghị đã thảo luận các giải pháp nâng cao hiệu quả công tác trong năm 2024, tập trung vào đào tạo nghề cho lao động nông thôn.</p>
<a href="/a.html">a</a> <a href="/b.html">b</a></body></html>`)
	}
	mux := http.NewServeMux()
	mux.Handle("/robots.txt", http.NotFoundHandler())
	mux.HandleFunc("/{$}", page("Trang chủ"))
	mux.HandleFunc("/a.html", page("Bài A"))
	mux.HandleFunc("/b.html", page("Bài B"))
	mux.HandleFunc("/css/site.css", file("text/css", `@import "more.css"; body { font-family: F } @font-face { font-family: F; src: url(../fonts/f.woff2) format("woff2") } .x { background: url('../img/bg.png') }`))
	mux.HandleFunc("/css/more.css", file("text/css", `.y { background: url(/img/more.png) }`))
	for _, p := range []string{"/favicon.ico", "/js/app.js", "/img/banner.png", "/img/logo.png", "/img/logo@2x.png", "/img/inline.png", "/fonts/f.woff2", "/img/bg.png", "/img/more.png"} {
		mux.HandleFunc(p, file("application/octet-stream", "bytes of "+p))
	}
	srv := httptest.NewServer(hits.wrap(mux))
	t.Cleanup(srv.Close)
	requisites := []string{"/css/site.css", "/css/more.css", "/favicon.ico", "/js/app.js", "/img/banner.png", "/img/logo.png",
		"/img/logo@2x.png", "/img/inline.png", "/fonts/f.woff2", "/img/bg.png", "/img/more.png"}

	crawl := func(t *testing.T, on bool, hosts []string) (*warc.Writer, map[string]bool) {
		st := openStore(t)
		w, err := warc.Open(t.TempDir(), "req", warc.Options{Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		cfg := testConfig(srv.URL + "/")
		cfg.IgnoreRobots = true
		cfg.WARC, cfg.Requisites, cfg.RequisiteHosts = w, on, hosts
		if _, err := crawler.Crawl(context.Background(), cfg, st); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		// Nothing fetched as a requisite is a page or an article.
		ps, _ := st.Pages(context.Background())
		arts, _ := st.Articles(context.Background())
		for _, p := range ps {
			for _, r := range requisites {
				if strings.HasSuffix(p.URL, r) {
					t.Errorf("requisite %s recorded as a page", p.URL)
				}
			}
		}
		if len(ps) != 3 || len(arts) != 3 {
			t.Errorf("%d pages, %d articles; want the 3 pages, each an article", len(ps), len(arts))
		}
		archived := map[string]bool{}
		for rec, err := range warc.Records(w.Files()[0]) {
			if err != nil {
				t.Fatal(err)
			}
			if rec.Type() == "response" || rec.Type() == "revisit" {
				archived[rec.Header.Get("WARC-Target-URI")] = true
			}
		}
		return w, archived
	}

	t.Run("on", func(t *testing.T) {
		w, archived := crawl(t, true, []string{strings.TrimPrefix(cdn.URL, "http://")})
		for _, p := range requisites {
			if n := hits.get(p); n != 1 {
				t.Errorf("%s fetched %d times, want once for three pages", p, n)
			}
			if !archived[srv.URL+p] {
				t.Errorf("%s not archived", p)
			}
		}
		if cdnHits.get("/pic.png") != 1 || !archived[cdn.URL+"/pic.png"] {
			t.Errorf("the --requisites-hosts image: %d fetches, archived %v", cdnHits.get("/pic.png"), archived[cdn.URL+"/pic.png"])
		}
		if archived[other.URL+"/elsewhere.png"] {
			t.Error("an image on a host neither in scope nor listed was fetched")
		}
		t.Logf("%d URLs archived, %d of them requisites", len(archived), len(requisites)+1)
		warctest.Check(t, w.Files())
	})
	t.Run("off", func(t *testing.T) {
		before := hits.get("/css/site.css")
		_, archived := crawl(t, false, nil)
		if hits.get("/css/site.css") != before || archived[srv.URL+"/css/site.css"] {
			t.Error("--no-requisites still fetched the stylesheet")
		}
	})
}
