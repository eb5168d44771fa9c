package warc

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRecordingTransportCapture(t *testing.T) {
	s := newTestSite(t)
	dir := t.TempDir()
	w := openTest(t, dir, "test", Options{Software: "govcorpus/test", Info: map[string]string{"robots": "obey", "crawl-flags": "--depth 2"}})
	bodies, rec, resps := crawl(t, s, w, nil)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	// The caller sees decoded, unconverted bytes.
	for path, want := range map[string][]byte{"/gzip": s.html, "/chunked": s.chunked, "/win1258": s.win1258, "/old": s.page, "/doc.pdf": s.pdf} {
		if !bytes.Equal(bodies[path], want) {
			t.Errorf("%s: caller got %d bytes, want %d", path, len(bodies[path]), len(want))
		}
	}
	if ce := resps["/gzip"].Header.Get("Content-Encoding"); ce != "" {
		t.Errorf("caller still sees Content-Encoding %q", ce)
	}

	files := w.Files()
	if len(files) != 1 {
		t.Fatalf("files = %v, want 1", files)
	}
	recs := readAll(t, files[0])
	if got, want := len(recs), crawlHops*2+1; got != want {
		t.Fatalf("read %d records, want %d (hops*2 + warcinfo)", got, want)
	}
	info := string(recs[0].Block)
	if recs[0].Type() != "warcinfo" || !strings.Contains(info, "software: govcorpus/test") || !strings.Contains(info, "robots: obey") || !strings.Contains(info, "crawl-flags: --depth 2") {
		t.Errorf("bad warcinfo %s:\n%s", recs[0].Type(), info)
	}
	byID := map[string]*Record{}
	for _, r := range recs {
		checkDigests(t, r)
		byID[r.Header.Get("WARC-Record-ID")] = r
	}
	for i, r := range recs[1:] {
		want := []string{"request", "response"}[i%2]
		if r.Type() != want {
			t.Errorf("record %d is %s, want %s", i+1, r.Type(), want)
		}
		if r.Header.Get("WARC-IP-Address") != "127.0.0.1" {
			t.Errorf("%s %s: WARC-IP-Address %q", r.Type(), r.Header.Get("WARC-Target-URI"), r.Header.Get("WARC-IP-Address"))
		}
		if r.Type() == "request" {
			to := byID[r.Header.Get("WARC-Concurrent-To")]
			if to == nil || to.Type() != "response" || to.Header.Get("WARC-Target-URI") != r.Header.Get("WARC-Target-URI") {
				t.Errorf("request %s: WARC-Concurrent-To does not name its response", r.Header.Get("WARC-Target-URI"))
			}
			if !bytes.Contains(r.Block, []byte("Accept-Encoding: gzip\r\n")) || !bytes.Contains(r.Block, []byte("User-Agent: govcorpus-test/1.0\r\n")) {
				t.Errorf("request record lacks headers as sent:\n%s", r.Block)
			}
		}
	}

	// OnRecord points at the right records, every hop included.
	wantURIs := []string{"/robots.txt", "/gzip", "/chunked", "/win1258", "/old", "/page?b=2&a=1", "/doc.pdf"}
	for _, p := range wantURIs {
		uri := s.srv.URL + p
		loc, ok := rec.get(uri)
		if !ok {
			t.Errorf("OnRecord not called for %s", uri)
			continue
		}
		r, err := ReadRecordAt(loc.File, loc.Offset)
		if err != nil {
			t.Fatal(err)
		}
		if r.Type() != "response" || r.Header.Get("WARC-Target-URI") != uri || r.Length != loc.Length || r.Header.Get("WARC-Payload-Digest") != loc.PayloadDigest {
			t.Errorf("%s: location %+v points at %s %s (length %d)", uri, loc, r.Type(), r.Header.Get("WARC-Target-URI"), r.Length)
		}
	}

	// Wire bytes: gzip kept as sent, chunked stored de-chunked and renamed,
	// windows-1258 untouched, redirect archived as a 302.
	get := func(p string) (*Record, *http.Response, []byte) {
		t.Helper()
		loc, _ := rec.get(s.srv.URL + p)
		r, err := ReadRecordAt(loc.File, loc.Offset)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := r.HTTPResponse()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		return r, resp, body
	}
	_, resp, body := get("/gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(body, s.gz) {
		t.Errorf("gzip page not stored as sent: Content-Encoding %q, %d bytes", resp.Header.Get("Content-Encoding"), len(body))
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err := DecodeContent(resp); err != nil {
		t.Fatal(err)
	}
	if plain, _ := io.ReadAll(resp.Body); !bytes.Equal(plain, s.html) {
		t.Error("DecodeContent did not restore the page")
	}
	// Chunked stays chunked in the record, framing and all; the reader
	// hands back the entity.
	r, _, body := get("/chunked")
	if !bytes.Contains(r.Block, []byte("\r\nTransfer-Encoding: chunked\r\n")) || !bytes.HasSuffix(r.Block, []byte("\r\n0\r\n\r\n")) ||
		bytes.Contains(r.Block, []byte("X-Orig-Transfer-Encoding")) {
		t.Errorf("chunked response not stored as sent:\n%s", r.Block[:bytes.Index(r.Block, []byte("\r\n\r\n"))])
	}
	if !bytes.Equal(body, s.chunked) {
		t.Errorf("chunked body read back: %d bytes, want %d", len(body), len(s.chunked))
	}
	_, _, body = get("/win1258")
	if !bytes.Equal(body, s.win1258) {
		t.Error("windows-1258 body altered")
	}
	_, resp, _ = get("/old")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/page?b=2&a=1" {
		t.Errorf("redirect hop stored as %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}

	// CDXJ sidecar: one line per response, sorted, SURT keys.
	lines, err := readCDXJ(files[0] + ".cdxj")
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != crawlHops || !slices.IsSorted(lines) {
		t.Errorf("cdxj: %d lines (want %d), sorted=%v", len(lines), crawlHops, slices.IsSorted(lines))
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "1,0,0,127:") || !strings.Contains(l, `"filename":"`+filepath.Base(files[0])+`"`) {
			t.Errorf("cdxj line %q", l)
		}
	}
	if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, ")/page?a=1&b=2 ") }) {
		t.Errorf("no SURT key with sorted query in %q", lines)
	}
	rebuilt, err := IndexFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rebuilt, lines) {
		t.Errorf("IndexFile differs from the index written at close:\n%q\n%q", rebuilt, lines)
	}
}

func TestRevisitOnUnchangedPage(t *testing.T) {
	s := newTestSite(t)
	dir := t.TempDir()
	w1 := openTest(t, dir, "first", Options{})
	_, rec1, _ := crawl(t, s, w1, nil)
	if err := w1.Close(); err != nil {
		t.Fatal(err)
	}
	// Dedup across crawls: same URI, same payload digest.
	dedup := func(uri, digest string) (Location, bool) {
		loc, ok := rec1.get(uri)
		return loc, ok && loc.PayloadDigest == digest
	}
	w2 := openTest(t, dir, "second", Options{})
	bodies, rec2, _ := crawl(t, s, w2, dedup)
	if err := w2.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bodies["/gzip"], s.html) {
		t.Error("revisit changed what the caller sees")
	}
	st1, _ := os.Stat(w1.Files()[0])
	st2, _ := os.Stat(w2.Files()[0])
	t.Logf("first crawl %d bytes, second crawl (revisits) %d bytes: %.1f%%", st1.Size(), st2.Size(), 100*float64(st2.Size())/float64(st1.Size()))
	if st2.Size()*10 >= st1.Size() {
		t.Errorf("second WARC is %d bytes, not < 10%% of %d", st2.Size(), st1.Size())
	}
	recs := readAll(t, w2.Files()[0])
	if len(recs) != crawlHops*2+1 {
		t.Fatalf("%d records", len(recs))
	}
	for _, r := range recs[1:] {
		checkDigests(t, r)
		if r.Type() == "request" {
			continue
		}
		uri := r.Header.Get("WARC-Target-URI")
		orig, _ := rec1.get(uri)
		if r.Type() != "revisit" ||
			r.Header.Get("WARC-Profile") != RevisitProfile ||
			r.Header.Get("WARC-Refers-To-Target-URI") != uri ||
			r.Header.Get("WARC-Refers-To") != orig.RecordID ||
			r.Header.Get("WARC-Payload-Digest") != orig.PayloadDigest {
			t.Errorf("%s: %s record %v", uri, r.Type(), r.Header)
		}
		if d, err := time.Parse(time.RFC3339Nano, r.Header.Get("WARC-Refers-To-Date")); err != nil || !d.Equal(orig.Date) {
			t.Errorf("%s: WARC-Refers-To-Date %q, want %v", uri, r.Header.Get("WARC-Refers-To-Date"), orig.Date)
		}
		resp, err := r.HTTPResponse()
		if err != nil || resp.StatusCode == 0 {
			t.Errorf("%s: revisit head unreadable: %v", uri, err)
		}
	}
	loc, _ := rec2.get(s.srv.URL + "/gzip")
	lines, _ := readCDXJ(loc.File + ".cdxj")
	if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, `"mime":"warc/revisit"`) }) {
		t.Errorf("revisits not indexed as warc/revisit: %q", lines)
	}
}

func TestRotationAndConcurrentWrites(t *testing.T) {
	dir := t.TempDir()
	const maxSize = 64 << 10
	w := openTest(t, dir, "rot", Options{MaxSize: maxSize})
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for g := range workers {
		wg.Go(func() {
			for i := range each {
				body := filler(uint64(g*1000+i), 3000+i*50)
				ex := Exchange{
					TargetURI:  fmt.Sprintf("https://soldtbxh.soctrang.gov.vn/w%d/p%d", g, i),
					Request:    fmt.Appendf(nil, "GET /w%d/p%d HTTP/1.1\r\nHost: soldtbxh.soctrang.gov.vn\r\n\r\n", g, i),
					StatusLine: "HTTP/1.1 200 OK",
					Header:     http.Header{"Content-Type": {"text/html"}, "Content-Length": {fmt.Sprint(len(body))}},
					Body:       body,
					Start:      time.Now(),
				}
				loc, err := w.WriteExchange(context.Background(), ex)
				if err != nil {
					errs <- err
					return
				}
				if r, err := ReadRecordAt(loc.File, loc.Offset); err != nil || r.Header.Get("WARC-Target-URI") != ex.TargetURI {
					errs <- fmt.Errorf("read back %s: %v", ex.TargetURI, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files := w.Files()
	if len(files) < 3 {
		t.Fatalf("only %d files for %d exchanges at MaxSize %d", len(files), workers*each, maxSize)
	}
	total, seen := 0, map[string]bool{}
	for _, f := range files {
		recs := readAll(t, f)
		if recs[0].Type() != "warcinfo" || !strings.Contains(recs[0].Header.Get("WARC-Filename"), filepath.Base(f)) {
			t.Errorf("%s does not start with its warcinfo", f)
		}
		st, _ := os.Stat(f)
		if st.Size() > maxSize && len(recs) > 3 {
			t.Errorf("%s is %d bytes > MaxSize with %d records", f, st.Size(), len(recs))
		}
		for _, r := range recs {
			checkDigests(t, r)
			if r.Type() == "response" {
				seen[r.Header.Get("WARC-Target-URI")] = true
			}
		}
		total += len(recs)
		if _, err := os.Stat(f + ".cdxj"); err != nil {
			t.Errorf("no index for %s", f)
		}
	}
	if want := workers*each*2 + len(files); total != want || len(seen) != workers*each {
		t.Errorf("%d records, %d responses; want %d, %d", total, len(seen), want, workers*each)
	}
	maybeValidate(t, files...)
	late := Exchange{TargetURI: "http://x/", Request: []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), StatusLine: "HTTP/1.1 200 OK"}
	if _, err := w.WriteExchange(context.Background(), late); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: %v", err)
	}
}

// writeN writes n simple exchanges and returns their locations.
func writeN(t *testing.T, w *Writer, n int) []Location {
	t.Helper()
	var locs []Location
	for i := range n {
		body := filler(uint64(i), 5000)
		loc, err := w.WriteExchange(context.Background(), Exchange{
			TargetURI:  fmt.Sprintf("http://sonoivu.hagiang.gov.vn/tin/%d", i),
			Request:    []byte("GET / HTTP/1.1\r\nHost: sonoivu.hagiang.gov.vn\r\n\r\n"),
			StatusLine: "HTTP/1.1 200 OK",
			Header:     http.Header{"Content-Type": {"text/html; charset=utf-8"}},
			Body:       body,
			RemoteIP:   "203.0.113.7",
			Start:      time.Date(2021, 10, 18, 9, 15, i, 0, time.UTC),
		})
		if err != nil {
			t.Fatal(err)
		}
		locs = append(locs, loc)
	}
	return locs
}

func TestTornRecordRecovery(t *testing.T) {
	cases := []struct {
		name string
		// cut returns the size to truncate the file to.
		cut      func(locs []Location) int64
		wantKeep func(locs []Location) int64 // -1: file removed
		// closed: the file was closed cleanly (it has its index) before
		// it was cut, as by a copy that ran out of room.
		closed bool
	}{
		{"mid response", func(l []Location) int64 { return l[4].Offset + l[4].Length/2 }, func(l []Location) int64 { return l[3].Offset + l[3].Length }, false},
		{"after request", func(l []Location) int64 { return l[4].Offset }, func(l []Location) int64 { return l[3].Offset + l[3].Length }, false},
		{"mid request", func(l []Location) int64 { return l[4].Offset - 20 }, func(l []Location) int64 { return l[3].Offset + l[3].Length }, false},
		{"gzip header only", func(l []Location) int64 { return l[4].Offset + 5 }, func(l []Location) int64 { return l[3].Offset + l[3].Length }, false},
		{"mid warcinfo", func(l []Location) int64 { return 30 }, func(l []Location) int64 { return -1 }, false},
		{"closed, mid response", func(l []Location) int64 { return l[4].Offset + l[4].Length/2 }, func(l []Location) int64 { return l[3].Offset + l[3].Length }, true},
		{"closed, mid warcinfo", func(l []Location) int64 { return 30 }, func(l []Location) int64 { return -1 }, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			w := openTest(t, dir, "crash", Options{})
			locs := writeN(t, w, 5)
			file := locs[0].File
			if tc.closed {
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
			} else {
				// Simulate a crash: no Close, so no index; the last record torn.
				w.f.Close()
			}
			if err := os.Truncate(file, tc.cut(locs)); err != nil {
				t.Fatal(err)
			}

			w2 := openTest(t, dir, "crash", Options{})
			keep := tc.wantKeep(locs)
			if want := []Cut{{File: file, Offset: max(keep, 0)}}; !slices.Equal(w2.Cuts(), want) {
				t.Errorf("Cuts() = %v, want %v", w2.Cuts(), want)
			}
			st, err := os.Stat(file)
			if keep < 0 {
				if !os.IsNotExist(err) {
					t.Fatalf("file with no complete record kept: %v", err)
				}
			} else {
				if err != nil || st.Size() != keep {
					t.Fatalf("after recovery size %d, want %d (%v)", st.Size(), keep, err)
				}
				recs := readAll(t, file)
				if len(recs) != 1+4*2 {
					t.Errorf("%d records survive, want 9", len(recs))
				}
				lines, err := readCDXJ(file + ".cdxj")
				if err != nil || len(lines) != 4 {
					t.Errorf("rebuilt index: %d lines, %v", len(lines), err)
				}
				maybeValidate(t, file)
			}
			// Writing continues in a new file with the next serial.
			more := writeN(t, w2, 1)
			if more[0].File == file || !strings.HasSuffix(more[0].File, "-00002.warc.gz") {
				t.Errorf("new writes went to %s", more[0].File)
			}
			if err := w2.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestMaxBody(t *testing.T) {
	s := newTestSite(t)
	w := openTest(t, t.TempDir(), "max", Options{})
	client := &http.Client{Transport: &RecordingTransport{W: w, MaxBody: 100000}}
	_, err := client.Get(s.srv.URL + "/big")
	if !errors.Is(err, ErrBodyTooLarge) || !strings.Contains(err.Error(), "/big") {
		t.Fatalf("err = %v, want ErrBodyTooLarge naming the URL", err)
	}
	resp, err := client.Get(s.srv.URL + "/page")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	w.Close()
	if recs := readAll(t, w.Files()[0]); len(recs) != 3 {
		t.Errorf("%d records; the oversize body must not be archived", len(recs))
	}
}

func TestBadInput(t *testing.T) {
	w := openTest(t, t.TempDir(), "bad", Options{})
	defer w.Close()
	for _, ex := range []Exchange{
		{},
		{TargetURI: "http://x/", StatusLine: "HTTP/1.1 200 OK"}, // no request bytes
		{TargetURI: "http://x/", Request: []byte("GET / HTTP/1.1\r\n\r\n"), StatusLine: "garbage"},
		{TargetURI: "http://x/", StatusLine: "HTTP/1.1 200 OK", RevisitOf: &Location{}},
	} {
		if _, err := w.WriteExchange(context.Background(), ex); err == nil {
			t.Errorf("WriteExchange(%+v) accepted bad input", ex)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := w.WriteExchange(ctx, Exchange{TargetURI: "http://x/", StatusLine: "HTTP/1.1 200 OK"}); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled context: %v", err)
	}
	for _, p := range []string{"", "a/b"} {
		if _, err := Open(t.TempDir(), p, Options{}); err == nil {
			t.Errorf("Open accepted prefix %q", p)
		}
	}
	for _, k := range []string{"", "a b", "x:y"} {
		if _, err := Open(t.TempDir(), "p", Options{Info: map[string]string{k: "v"}}); err == nil {
			t.Errorf("Open accepted warcinfo field %q", k)
		}
	}
	// Garbage files must produce errors, never panics.
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"empty":   nil,
		"text":    []byte("hello"),
		"gzipnot": gzipBytes(t, []byte("not a warc record")),
		"badlen":  gzipBytes(t, []byte("WARC/1.1\r\nContent-Length: 99\r\n\r\nshort\r\n\r\n")),
		"fold":    gzipBytes(t, []byte("WARC/1.1\r\n continued\r\n\r\n")),
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		if _, err := ReadRecordAt(p, 0); err == nil {
			t.Errorf("%s: ReadRecordAt succeeded", name)
		}
		if _, err := ReadRecordAt(p, 1<<20); err == nil {
			t.Errorf("%s: ReadRecordAt past the end succeeded", name)
		}
	}
}

func TestSURT(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://soldtbxh.soctrang.gov.vn/path?query", "vn,gov,soctrang,soldtbxh)/path?query"},
		{"https://www.soldtbxh.soctrang.gov.vn/a/b.html?b=2&a=1#frag", "vn,gov,soctrang,soldtbxh)/a/b.html?a=1&b=2"},
		// Expected values are warcio.js getSurt output: ReplayWeb.page must find our keys.
		{"http://www2.example.com:8080/Tin-Tuc", "com,example:8080)/tin-tuc"},
		{"http://WWW2.Example.COM:8080/Tin-Tuc", "com,example,www2:8080)/tin-tuc"},
		{"http://127.0.0.1:4444/x?b=1&a=2", "1,0,0,127:4444)/x?a=2&b=1"},
		{"https://example.com/%7Efoo/ä?q=ä", "com,example)/%7efoo/%C3%A4?q=%C3%A4"},
		{"https://example.com:443/", "com,example)/"},
		{"http://example.com", "com,example)/"},
		{"http://example.com/a b", "com,example)/a%20b"},
		{"https://bộ.gov.vn/", "vn,gov,xn--b-8xm)/"},
		{"dns:example.com", "dns:example.com"},
	} {
		if got := SURT(tc.in); got != tc.want {
			t.Errorf("SURT(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDecodeContentRejectsCorruptGzip(t *testing.T) {
	resp := &http.Response{Header: http.Header{"Content-Encoding": {"gzip"}}, Body: io.NopCloser(strings.NewReader("\x1f\x8bnot gzip"))}
	if err := DecodeContent(resp); err == nil {
		t.Error("corrupt gzip decoded")
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte("xin chào"))
	zw.Close()
	resp = &http.Response{Header: http.Header{"Content-Encoding": {"gzip"}, "Content-Length": {"3"}}, Body: io.NopCloser(&b)}
	if err := DecodeContent(resp); err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(resp.Body); string(got) != "xin chào" || resp.Header.Get("Content-Length") != "" {
		t.Errorf("decoded %q, header %v", got, resp.Header)
	}
}
