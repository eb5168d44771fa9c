package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/demosite"
)

// TestTrapSiteEnds crawls a site made of traps with the default limits
// but a small host budget: the crawl ends, and the summary line and the
// run report count what was cut.
func TestTrapSiteEnds(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", http.NotFound)
	page := func(w http.ResponseWriter, body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html lang="vi"><body><a href="/">Trang chủ</a> <a href="/lich">Lịch</a> <a href="/tin?page=1">Tin</a> <a href="/x/">X</a>`+body+`</body></html>`)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { page(w, "") })
	mux.HandleFunc("/lich", func(w http.ResponseWriter, r *http.Request) {
		d, _ := strconv.Atoi(r.URL.Query().Get("d"))
		page(w, fmt.Sprintf(`<a href="/lich?d=%d&amp;PHPSESSID=%d">sau</a><a href="/su-kien/%d">sự kiện</a>`, d+1, d*7919, d))
	})
	mux.HandleFunc("/su-kien/", func(w http.ResponseWriter, r *http.Request) { page(w, "") })
	mux.HandleFunc("/tin", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		page(w, fmt.Sprintf(`<a href="/tin?page=%d">Trang sau</a>`, n+1))
	})
	mux.HandleFunc("/x/", func(w http.ResponseWriter, r *http.Request) { page(w, `<a href="x/">x</a>`) })
	srv := newCountingServer(t, mux, 0)
	db := tempDB(t)
	args := append(crawlArgs(srv.URL, db), "--max-pages-per-host", "60", "--max-pages", "1000")
	args = slicesWithout(args, "--quiet")
	code, stdout, stderr := runCmd(context.Background(), args...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "URLs cut (") || !strings.Contains(stdout, "host page budget") {
		t.Errorf("summary %q does not count the URLs cut", stdout)
	}
	code, out, _ := runCmd(context.Background(), "runs", "--db", db, "--format", "jsonl")
	var run runLine
	if err := json.Unmarshal([]byte(out), &run); code != exitOK || err != nil {
		t.Fatalf("runs: exit %d, %v, output %q", code, err, out)
	}
	if run.Cut == 0 || run.Pages > 60 {
		t.Errorf("run report %+v; want at most 60 pages and the cut URLs counted", run)
	}
	t.Logf("trap site: crawl stopped after %d pages, %d URLs cut: %s", run.Pages, run.Cut, strings.TrimSpace(stdout))
}

func slicesWithout(args []string, drop string) []string {
	var out []string
	for _, a := range args {
		if a != drop {
			out = append(out, a)
		}
	}
	return out
}

// TestTimeLimit: a crawl stuck on a slow site stops at --time-limit with
// its own exit code, and the same command then finishes the corpus.
func TestTimeLimit(t *testing.T) {
	want := baseline(t)
	const before = 5
	srv := newCountingServer(t, demosite.Handler(), before) // holds every request after the fifth page
	db := tempDB(t)
	args := append(crawlArgs(srv.URL, db), "--time-limit", "500ms")
	code, stdout, stderr := runCmd(context.Background(), slicesWithout(args, "--quiet")...)
	if code != exitTimeLimit {
		t.Fatalf("exit %d, want %d\n%s", code, exitTimeLimit, stderr)
	}
	if !strings.Contains(stdout, "time limit reached") {
		t.Errorf("summary %q does not say the time limit stopped it", stdout)
	}
	srv.drained(t)
	first := srv.counts()
	srv.open()
	code, _, stderr = runCmd(context.Background(), crawlArgs(srv.URL, db)...)
	if code != exitPagesFailed { // the sample site's broken link
		t.Fatalf("resumed crawl: exit %d\n%s", code, stderr)
	}
	sameArticles(t, articleSet(t, db, srv.URL), want)
	assertNoPageTwice(t, first, subtract(srv.counts(), first))
}
