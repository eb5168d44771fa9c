package main

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govcorpus/govcorpus/demosite"
	"github.com/govcorpus/govcorpus/warc"
)

// conditionalSite serves h with a Last-Modified date and answers a
// request that already has that version with 304 Not Modified, as most
// government CMSs do for static pages. It counts the 304s it sends.
type conditionalSite struct {
	h     http.Handler
	mtime time.Time
	mu    sync.Mutex
	n304  int
}

func (s *conditionalSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	lm := s.mtime.UTC().Format(http.TimeFormat)
	if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !s.mtime.Truncate(time.Second).After(ims) {
		s.mu.Lock()
		s.n304++
		s.mu.Unlock()
		w.Header().Set("Last-Modified", lm)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Last-Modified", lm)
	s.h.ServeHTTP(w, r)
}

func (s *conditionalSite) notModified() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n304
}

// cdxLine is one parsed line of a CDXJ index.
type cdxLine struct {
	key, ts                                  string
	URL, Mime, Status, Filename, Offset, Len string
}

func readCDXJLines(t *testing.T, r io.Reader) []cdxLine {
	t.Helper()
	var out []cdxLine
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), " ", 3)
		if len(parts) != 3 {
			t.Fatalf("malformed CDXJ line %q", sc.Text())
		}
		var j struct {
			URL, Mime, Status, Filename, Offset, Length string
		}
		if err := json.Unmarshal([]byte(parts[2]), &j); err != nil {
			t.Fatalf("CDXJ line %q: %v", sc.Text(), err)
		}
		out = append(out, cdxLine{parts[0], parts[1], j.URL, j.Mime, j.Status, j.Filename, j.Offset, j.Length})
	}
	return out
}

// replayLookup finds what a replay tool shows for url at ts, the way
// ReplayWeb.page does: the capture closest in time, and for a revisit the
// capture its WARC-Refers-To-Target-URI and -Date name. It returns the
// record holding the content.
func replayLookup(t *testing.T, index []cdxLine, dir, url, ts string) (*warc.Record, cdxLine) {
	t.Helper()
	key := warc.SURT(url)
	var best *cdxLine
	dist := func(a, b string) time.Duration {
		ta, _ := time.Parse("20060102150405", a)
		tb, _ := time.Parse("20060102150405", b)
		return (ta.Sub(tb)).Abs()
	}
	for i := range index {
		l := &index[i]
		if l.key == key && (best == nil || dist(l.ts, ts) < dist(best.ts, ts)) {
			best = l
		}
	}
	if best == nil {
		t.Fatalf("%s: no capture in the WACZ index", url)
	}
	rec := readCDX(t, dir, *best)
	if rec.Type() != "revisit" {
		return rec, *best
	}
	refURL := rec.Header.Get("WARC-Refers-To-Target-URI")
	refDate, err := time.Parse(time.RFC3339Nano, rec.Header.Get("WARC-Refers-To-Date"))
	if err != nil {
		t.Fatalf("%s: revisit with WARC-Refers-To-Date %q", url, rec.Header.Get("WARC-Refers-To-Date"))
	}
	for _, l := range index {
		if l.key == warc.SURT(refURL) && l.ts == warc.Timestamp14(refDate) && l.Mime != "warc/revisit" {
			return readCDX(t, dir, l), *best
		}
	}
	t.Fatalf("%s: revisit refers to %s at %s, which the index does not hold", url, refURL, refDate)
	return nil, cdxLine{}
}

func readCDX(t *testing.T, dir string, l cdxLine) *warc.Record {
	t.Helper()
	var off int64
	if err := json.Unmarshal([]byte(l.Offset), &off); err != nil {
		t.Fatalf("offset %q: %v", l.Offset, err)
	}
	rec, err := warc.ReadRecordAt(filepath.Join(dir, l.Filename), off)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestRecrawlNotModifiedReplays crawls the demo site twice, the second
// time answered 304 for every unchanged page: each 304 is a
// server-not-modified revisit pointing at the capture with the content,
// and every page of the WACZ opens on content, not on an empty 304.
// recrawledDemo crawls the demo site into a fresh database and WARC
// folder, then recrawls it while the site answers 304 for what has not
// changed (everything), and returns the server and the paths.
func recrawledDemo(t *testing.T) (site *conditionalSite, srv *countingServer, dir, db, warcDir string) {
	t.Helper()
	site = &conditionalSite{h: demosite.Handler(), mtime: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)}
	srv = newCountingServer(t, site, 0)
	dir = t.TempDir()
	db = filepath.Join(dir, "c.db")
	warcDir = filepath.Join(dir, "warc")
	args := append(crawlArgs(srv.URL, db), "--warc", warcDir, "--collection", "Sở LĐTBXH 2024", "--contact", "archivist@example.org")
	for pass := 1; pass <= 2; pass++ {
		if code, _, stderr := runCmd(context.Background(), args...); code != exitOK && code != exitPagesFailed {
			t.Fatalf("crawl %d: exit %d\n%s", pass, code, stderr)
		}
	}
	return site, srv, dir, db, warcDir
}

func TestRecrawlNotModifiedReplays(t *testing.T) {
	site, srv, dir, db, warcDir := recrawledDemo(t)
	ctx := context.Background()
	n304 := site.notModified()
	if n304 < 20 {
		t.Fatalf("the server sent %d 304s on the recrawl; the test needs the demo site's pages revalidated", n304)
	}

	files := warcFiles(t, warcDir)
	byID := map[string]*warc.Record{}
	var notModified []*warc.Record
	records := 0
	for _, f := range files {
		for rec, err := range warc.Records(f) {
			if err != nil {
				t.Fatal(err)
			}
			records++
			byID[rec.Header.Get("WARC-Record-ID")] = rec
			switch rec.Type() {
			case "revisit":
				if rec.Header.Get("WARC-Profile") == warc.NotModifiedProfile {
					notModified = append(notModified, rec)
				}
			case "response":
				if resp, err := rec.HTTPResponse(); err == nil && resp.StatusCode == http.StatusNotModified {
					t.Errorf("%s: a 304 stored as a plain response", rec.Header.Get("WARC-Target-URI"))
				}
			}
		}
	}
	if len(notModified) != n304 {
		t.Errorf("%d server-not-modified revisits for %d 304s sent", len(notModified), n304)
	}
	for _, r := range notModified {
		uri := r.Header.Get("WARC-Target-URI")
		orig := byID[r.Header.Get("WARC-Refers-To")]
		if orig == nil || orig.Type() != "response" {
			t.Errorf("%s: WARC-Refers-To %s names no response record", uri, r.Header.Get("WARC-Refers-To"))
			continue
		}
		if orig.Header.Get("WARC-Target-URI") != r.Header.Get("WARC-Refers-To-Target-URI") ||
			orig.Header.Get("WARC-Date") != r.Header.Get("WARC-Refers-To-Date") {
			t.Errorf("%s: refers to %s at %s, but the record it names is %s at %s", uri,
				r.Header.Get("WARC-Refers-To-Target-URI"), r.Header.Get("WARC-Refers-To-Date"),
				orig.Header.Get("WARC-Target-URI"), orig.Header.Get("WARC-Date"))
		}
		if resp, err := r.HTTPResponse(); err != nil || resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s: revisit block is not the 304 as received: %v", uri, err)
		}
		if r.Header.Get("WARC-Last-Modified") == "" {
			t.Errorf("%s: server-not-modified revisit without the validator the server confirmed", uri)
		}
	}
	validate(t, files, records)
	for _, f := range files {
		info, err := warc.ReadInfo(f)
		if err != nil {
			t.Fatal(err)
		}
		host, _ := os.Hostname()
		if info["isPartOf"] != "Sở LĐTBXH 2024" || info["operator"] != "archivist@example.org" ||
			info["hostname"] != host || !strings.Contains(info["description"], srv.URL) {
			t.Errorf("%s: warcinfo %v lacks the collection, operator, hostname or description", f, info)
		}
	}

	// warc-get shows the content, not the 304.
	if code, out, stderr := runCmd(ctx, "warc-get", "--db", db, srv.URL+demosite.SeedPath); code != exitOK ||
		!strings.HasPrefix(out, "HTTP/1.1 200") || !strings.Contains(out, "</html>") {
		t.Errorf("warc-get after a 304 recrawl: exit %d %s, output starts %.60q", code, stderr, out)
	}

	wacz := filepath.Join(dir, "site.wacz")
	if code, _, stderr := runCmd(ctx, "wacz", "--db", db, "--out", wacz); code != exitOK {
		t.Fatalf("wacz: exit %d\n%s", code, stderr)
	}
	zr, err := zip.OpenReader(wacz)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Modified.Year() < 2020 || f.ModifiedDate>>9+1980 < 2020 {
			t.Errorf("WACZ entry %s dated %v", f.Name, f.Modified)
		}
	}
	open := func(name string) io.ReadCloser {
		f, err := zr.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	idx := open("indexes/index.cdxj")
	index := readCDXJLines(t, idx)
	idx.Close()
	dpf := open("datapackage.json")
	var dp struct{ Title string }
	if err := json.NewDecoder(dpf).Decode(&dp); err != nil || dp.Title != "Sở LĐTBXH 2024" {
		t.Errorf("WACZ title %q (%v), want the --collection", dp.Title, err)
	}
	dpf.Close()
	pf := open("pages/pages.jsonl")
	defer pf.Close()
	sc := bufio.NewScanner(pf)
	sc.Buffer(nil, 16<<20)
	sc.Scan() // header line
	pages := 0
	for sc.Scan() {
		var p struct{ URL, TS, Title string }
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		ts, err := time.Parse(time.RFC3339, p.TS)
		if err != nil {
			t.Fatalf("%s: ts %q", p.URL, p.TS)
		}
		pages++
		rec, chosen := replayLookup(t, index, warcDir, p.URL, warc.Timestamp14(ts))
		if chosen.Mime == "warc/revisit" && chosen.Status == "304" {
			t.Errorf("%s: the page opens on the recrawl's 304", p.URL)
		}
		resp, err := rec.HTTPResponse()
		if err != nil {
			t.Errorf("%s: %v", p.URL, err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "</html>") {
			t.Errorf("%s: replay resolves to status %d with %d bytes, not the page", p.URL, resp.StatusCode, len(body))
		}
	}
	if pages < 20 {
		t.Errorf("pages.jsonl lists %d pages", pages)
	}
	t.Logf("recrawl: %d 304s, %d server-not-modified revisits, %d pages in the WACZ all resolve to content", n304, len(notModified), pages)
}
