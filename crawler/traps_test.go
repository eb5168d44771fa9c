package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/govcorpus/govcorpus/crawler"
)

// safetyNet stops a trap test whose crawl would otherwise never end: the
// assertions below expect far fewer pages.
const safetyNet = 400

func trapPage(w http.ResponseWriter, r *http.Request, body string) {
	html(`<div class="menu"><a href="/">Trang chủ</a> <a href="/gioi-thieu">Giới thiệu</a></div>`+body)(w, r)
}

func TestCrawlerTraps(t *testing.T) {
	var session atomic.Int64
	routes := map[string]http.HandlerFunc{
		"/":           func(w http.ResponseWriter, r *http.Request) { trapPage(w, r, "") },
		"/gioi-thieu": func(w http.ResponseWriter, r *http.Request) { trapPage(w, r, "") },
		// A calendar: every day links the next and the previous one, with
		// no events (the same items every day).
		"/lich": func(w http.ResponseWriter, r *http.Request) {
			d, _ := strconv.Atoi(r.URL.Query().Get("d"))
			trapPage(w, r, fmt.Sprintf(`<a href="?d=%d">trước</a> <a href="?d=%d">sau</a><p>Không có sự kiện</p>`, d-1, d+1))
		},
		// A calendar with a new event every day: only a budget ends it.
		"/su-kien": func(w http.ResponseWriter, r *http.Request) {
			d, _ := strconv.Atoi(r.URL.Query().Get("d"))
			trapPage(w, r, fmt.Sprintf(`<a href="?d=%d">sau</a> <a href="/su-kien/%d.html">sự kiện %d</a>`, d+1, d, d))
		},
		"/su-kien/": func(w http.ResponseWriter, r *http.Request) { trapPage(w, r, "<p>sự kiện</p>") },
		// Pagination past the end keeps showing the last items.
		"/tin-tuc": func(w http.ResponseWriter, r *http.Request) {
			n, _ := strconv.Atoi(r.URL.Query().Get("page"))
			trapPage(w, r, fmt.Sprintf(`<a href="/bai/1.html">1</a> <a href="/bai/2.html">2</a> <a href="?page=%d">Trang sau</a>`, n+1))
		},
		"/bai/": func(w http.ResponseWriter, r *http.Request) { trapPage(w, r, "<p>bài viết</p>") },
		// A soft 404 with a relative link: /a/, /a/a/, /a/a/a/ …
		"/a/": func(w http.ResponseWriter, r *http.Request) { trapPage(w, r, `<a href="a/">tiếp</a>`) },
		// A fresh session id in every link.
		"/phien": func(w http.ResponseWriter, r *http.Request) {
			id := session.Add(1)
			trapPage(w, r, fmt.Sprintf(`<a href="/phien?PHPSESSID=%032d&muc=1">1</a> <a href="/phien;jsessionid=%032d?muc=2">2</a>`, id, id))
		},
		// A query that grows by one parameter per hop.
		"/tim": func(w http.ResponseWriter, r *http.Request) {
			next := r.URL.RawQuery + fmt.Sprintf("&k%d=1", len(r.URL.Query()))
			trapPage(w, r, `<a href="?`+strings.TrimPrefix(next, "&")+`">lọc thêm</a>`)
		},
		// A path that grows by 100 characters per hop.
		"/dai/": func(w http.ResponseWriter, r *http.Request) {
			trapPage(w, r, `<a href="`+r.URL.Path+strings.Repeat("x", 100)+`">tiếp</a>`)
		},
	}
	tests := []struct {
		name      string
		seed      string
		cfg       func(*crawler.Config)
		maxPages  int    // pages fetched, at most
		reason    string // the cut that ends the trap; "" for none
		wantPages []string
	}{
		{"calendar without events", "/lich?d=0", nil, 5, crawler.CutRepeatingPages, []string{"/lich?d=1", "/lich?d=-1"}},
		{"calendar with events", "/su-kien?d=0", func(c *crawler.Config) { c.MaxPagesPerHost = 40 }, 40, crawler.CutHostBudget, nil},
		{"pagination repeating itself", "/tin-tuc", nil, 6, crawler.CutRepeatingPages, []string{"/tin-tuc?page=1", "/bai/2.html"}},
		{"repeated path segments", "/a/", nil, 5, crawler.CutRepeatedSegment, []string{"/a/a/a/"}},
		{"session ids", "/phien", nil, 5, "", []string{"/phien?muc=1", "/phien?muc=2"}},
		{"growing query", "/tim?k0=1", nil, 23, crawler.CutGrowingQuery, nil},
		{"long URL", "/dai/x", func(c *crawler.Config) { c.MaxURLLength = 600 }, 9, crawler.CutLongURL, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, routes)
			st := openStore(t)
			cfg := testConfig(s.URL + tc.seed)
			cfg.IgnoreRobots = true
			cfg.MaxPages = safetyNet
			cfg.MaxURLLength = crawler.DefaultMaxURLLength
			cfg.MaxPagesPerHost = crawler.DefaultMaxPagesPerHost
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			stats, err := crawler.Crawl(context.Background(), cfg, st)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: crawl stopped after %d pages, %d URLs cut %v", tc.name, stats.Pages, stats.Cut, stats.CutBy)
			if stats.Pages > tc.maxPages {
				t.Errorf("%d pages fetched, want at most %d", stats.Pages, tc.maxPages)
			}
			if tc.reason == "" && stats.Cut != 0 {
				t.Errorf("cut %v, want nothing cut", stats.CutBy)
			}
			if tc.reason != "" && (stats.CutBy[tc.reason] == 0 || stats.Cut != stats.CutBy[tc.reason]) {
				t.Errorf("cut %v (total %d), want every cut for %q", stats.CutBy, stats.Cut, tc.reason)
			}
			pages := pagesByPath(t, st, s.URL)
			for _, p := range tc.wantPages {
				if _, ok := pages[p]; !ok {
					t.Errorf("%s not fetched; pages %v", p, keys(pages))
				}
			}
			for p := range pages {
				if strings.Contains(strings.ToLower(p), "sessid") {
					t.Errorf("a URL with a session id was stored: %s", p)
				}
			}
		})
	}
}

// TestHostBudgetHoldsAcrossRuns: the budget counts the frontier, so a
// recrawl of a trap does not take in another budget's worth.
func TestHostBudgetHoldsAcrossRuns(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/": func(w http.ResponseWriter, r *http.Request) {
			n, _ := strconv.Atoi(r.URL.Query().Get("n"))
			html(fmt.Sprintf(`<a href="/?n=%d">sau</a> <p>%d</p>`, n+1, n))(w, r)
		},
	})
	st := openStore(t)
	const budget = 15
	for run := 1; run <= 2; run++ {
		cfg := testConfig(s.URL + "/")
		cfg.IgnoreRobots = true
		cfg.MaxPages = safetyNet
		cfg.MaxPagesPerHost = budget
		stats, err := crawler.Crawl(context.Background(), cfg, st)
		if err != nil {
			t.Fatal(err)
		}
		queued, leased, done, err := st.Counts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("run %d: %d pages fetched, %d cut; frontier %d URLs", run, stats.Pages, stats.Cut, queued+leased+done)
		if total := queued + leased + done; total > budget {
			t.Errorf("run %d: the frontier holds %d URLs of one host, budget %d", run, total, budget)
		}
		if stats.Pages > budget || stats.CutBy[crawler.CutHostBudget] == 0 {
			t.Errorf("run %d: %d pages fetched, cut %v; want at most %d and the budget's cut counted", run, stats.Pages, stats.CutBy, budget)
		}
	}
}
