package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/govcorpus/govcorpus/extract/vntext/vntexttest"
	"github.com/govcorpus/govcorpus/store"
	"github.com/govcorpus/govcorpus/warc"
	"github.com/govcorpus/govcorpus/warc/warctest"
)

const prose = `<p>Sở Thông tin và Truyền thông tổ chức hội nghị triển khai nhiệm vụ chuyển đổi số năm 2024 với sự tham dự của đại diện các sở, ban, ngành và ủy ban nhân dân các huyện.</p>
<p>Tại hội nghị, các đại biểu đã thảo luận về những khó khăn, vướng mắc trong quá trình triển khai và đề xuất nhiều giải pháp thiết thực để nâng cao hiệu quả công tác trong thời gian tới.</p>`

// archiveSite serves the kinds of response an archive must keep as sent:
// gzip, chunked, windows-1258, a redirect, a PDF, robots.txt. It counts
// every request, since each one must leave a request/response pair.
func archiveSite(t *testing.T) (*countingServer, *int, *sync.Mutex) {
	var mu sync.Mutex
	requests := 0
	// Real department pages weigh tens of kilobytes, mostly template; the
	// filler does not compress, like the images and scripts of real pages,
	// so the revisit saving is measured against a realistic size.
	rnd := rand.New(rand.NewPCG(1, 2))
	filler := make([]byte, 60<<10)
	for i := range filler {
		filler[i] = "abcdefghijklmnopqrstuvwxyz0123456789"[rnd.IntN(36)]
	}
	tmpl := "<div class=footer data-x=" + string(filler) + "></div>"
	page := func(title string) string {
		return "<!doctype html><html lang=vi><head><title>" + title + "</title></head><body><h1>" + title + "</h1>" + prose + tmpl + "</body></html>"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><body><ul><li><a href="/gzip.html">gzip</a></li><li><a href="/chunked.html">chunked</a></li>
<li><a href="/cp1258.html">cp1258</a></li><li><a href="/old">moved</a></li><li><a href="/doc.pdf">pdf</a></li></ul></body></html>`)
	})
	mux.HandleFunc("/gzip.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		io.WriteString(zw, page("Trang nén gzip"))
		zw.Close()
	})
	mux.HandleFunc("/chunked.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><html lang=vi><head><title>Trang chia khúc</title></head><body><h1>Trang chia khúc</h1>")
		w.(http.Flusher).Flush() // no Content-Length: the reply goes chunked
		io.WriteString(w, prose+tmpl+"</body></html>")
	})
	mux.HandleFunc("/cp1258.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1258")
		b, err := vntexttest.Windows1258(page("Hội nghị chuyển đổi số"))
		if err != nil {
			t.Error(err)
		}
		w.Write(b)
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/new.html", http.StatusFound)
	})
	mux.HandleFunc("/new.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page("Trang đã chuyển"))
	})
	mux.HandleFunc("/doc.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	})
	srv := newCountingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests++
		mu.Unlock()
		mux.ServeHTTP(w, r)
	}), 0)
	return srv, &requests, &mu
}

func warcFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func dirSize(t *testing.T, files []string) int64 {
	var n int64
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		n += fi.Size()
	}
	return n
}

func sha1b32(b []byte) string {
	sum := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

// checkRecords reads every record back, recomputes both digests, and
// returns the count by type.
func checkRecords(t *testing.T, files []string) map[string]int {
	t.Helper()
	types := map[string]int{}
	for _, f := range files {
		for rec, err := range warc.Records(f) {
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			types[rec.Type()]++
			if got, want := sha1b32(rec.Block), rec.Header.Get("WARC-Block-Digest"); got != want {
				t.Errorf("%s %s: block digest %s, recomputed %s", rec.Type(), rec.Header.Get("WARC-Target-URI"), want, got)
			}
			if rec.Type() != "response" {
				continue
			}
			i := bytes.Index(rec.Block, []byte("\r\n\r\n"))
			if i < 0 {
				t.Errorf("response without HTTP head: %s", rec.Header.Get("WARC-Target-URI"))
				continue
			}
			// The payload is the entity: a chunked body is de-chunked (by
			// net/http's reader, not the archive's own parser).
			payload := rec.Block[i+4:]
			if bytes.Contains(bytes.ToLower(rec.Block[:i]), []byte("\r\ntransfer-encoding: chunked")) {
				var err error
				if payload, err = io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(payload))); err != nil {
					t.Errorf("response %s: chunked body: %v", rec.Header.Get("WARC-Target-URI"), err)
				}
			}
			if got, want := sha1b32(payload), rec.Header.Get("WARC-Payload-Digest"); got != want {
				t.Errorf("response %s: payload digest %s, recomputed %s", rec.Header.Get("WARC-Target-URI"), want, got)
			}
		}
	}
	return types
}

func TestWARCCrawl(t *testing.T) {
	srv, requests, mu := archiveSite(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	warcDir := filepath.Join(dir, "warc")
	args := append(crawlArgs(srv.URL, db), "--warc", warcDir)
	if code, _, stderr := runCmd(context.Background(), args...); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	mu.Lock()
	fetches := *requests
	mu.Unlock()
	first := warcFiles(t, warcDir)
	types := checkRecords(t, first)
	total := types["request"] + types["response"] + types["warcinfo"]
	if want := fetches*2 + len(first); total != want || types["request"] != fetches || types["warcinfo"] != len(first) {
		t.Errorf("records %v for %d fetches in %d files; want a request and a response per fetch and a warcinfo per file", types, fetches, len(first))
	}

	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := st.Pages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	located := 0
	for _, p := range pages {
		if p.Status == 0 {
			continue
		}
		rec, err := warc.ReadRecordAt(p.WarcFile, p.WarcOffset)
		if err != nil {
			t.Errorf("%s: record at %s:%d: %v", p.URL, p.WarcFile, p.WarcOffset, err)
			continue
		}
		if rec.Type() != "response" || rec.Header.Get("WARC-Target-URI") != p.FinalURL || rec.Length != p.WarcLength {
			t.Errorf("%s: offset points at a %s of %s (length %d, want %d)", p.URL, rec.Type(), rec.Header.Get("WARC-Target-URI"), rec.Length, p.WarcLength)
		}
		located++
	}
	arts, err := st.Articles(context.Background())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if located != 6 {
		t.Errorf("%d pages point into the WARC, want 6 (index, gzip, chunked, cp1258, old→new, pdf)", located)
	}
	titles := map[string]bool{}
	for _, a := range arts {
		titles[a.Title] = true
	}
	for _, want := range []string{"Trang nén gzip", "Trang chia khúc", "Hội nghị chuyển đổi số", "Trang đã chuyển"} {
		if !titles[want] {
			t.Errorf("article %q missing (have %v): the archive must not change what the extractor sees", want, titles)
		}
	}

	// warc-get prints the response as served: still gzip-encoded.
	code, out, stderr := runCmd(context.Background(), "warc-get", "--db", db, srv.URL+"/gzip.html")
	if code != exitOK {
		t.Fatalf("warc-get: exit %d\n%s", code, stderr)
	}
	resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(out)), nil)
	if err != nil {
		t.Fatalf("warc-get output is not an HTTP response: %v", err)
	}
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("warc-get: Content-Encoding %q, want the gzip the server sent", resp.Header.Get("Content-Encoding"))
	}
	if zr, err := gzip.NewReader(resp.Body); err != nil {
		t.Errorf("warc-get body is not the gzip stream: %v", err)
	} else if b, _ := io.ReadAll(zr); !strings.Contains(string(b), "Trang nén gzip") {
		t.Errorf("warc-get body does not gunzip to the page")
	}

	validate(t, first, total)

	// Second pass over the unchanged site: revisits, not second copies.
	size1 := dirSize(t, first)
	if code, _, stderr := runCmd(context.Background(), args...); code != exitOK {
		t.Fatalf("second crawl: exit %d\n%s", code, stderr)
	}
	all := warcFiles(t, warcDir)
	types2 := checkRecords(t, all)
	if types2["revisit"] == 0 || types2["response"] != types["response"] {
		t.Errorf("second crawl records %v (first %v): want revisits and no new responses", types2, types)
	}
	grow := dirSize(t, all) - size1
	t.Logf("first crawl: %d fetches, records %v, %d bytes; second crawl: records %v, +%d bytes (%.1f%%)",
		fetches, types, size1, types2, grow, 100*float64(grow)/float64(size1))
	if grow*10 >= size1 {
		for rec := range warc.Records(all[len(all)-1]) {
			t.Logf("second crawl: %s %s %d bytes", rec.Type(), rec.Header.Get("WARC-Target-URI"), rec.Length)
		}
		t.Errorf("second crawl grew the archive by %d bytes, over 10%% of %d", grow, size1)
	}
	// warc-get on a revisit prints the response it refers to.
	if code, out, _ := runCmd(context.Background(), "warc-get", "--db", db, srv.URL+"/new.html"); code != exitOK || !strings.HasPrefix(out, "HTTP/1.1 200") {
		t.Errorf("warc-get after a revisit: exit %d, output starts %.40q", code, out)
	}

	wacz := filepath.Join(dir, "site.wacz")
	if code, _, stderr := runCmd(context.Background(), "wacz", "--db", db, "--out", wacz); code != exitOK {
		t.Fatalf("wacz: exit %d\n%s", code, stderr)
	}
	zr, err := zip.OpenReader(wacz)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	names := map[string]bool{}
	for _, f := range zr.File {
		names[filepath.Dir(f.Name)+"/"] = true
		names[f.Name] = true
	}
	for _, want := range []string{"datapackage.json", "pages/pages.jsonl", "indexes/index.cdxj", "archive/"} {
		if !names[want] {
			t.Errorf("WACZ lacks %s (has %v)", want, names)
		}
	}
}

// validate checks files with readers independent of the archive's own:
// warcio.js (CI installs node; the script fetches warcio from npm) and
// gowarc.
func validate(t *testing.T, files []string, records int) {
	t.Helper()
	warctest.Check(t, files, "--expect-records", fmt.Sprint(records))
}
