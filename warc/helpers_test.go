package warc

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/govcorpus/govcorpus/warc/warctest"
)

// testSite is a loopback site with the cases the archive must get right.
type testSite struct {
	srv     *httptest.Server
	html    []byte // served gzip-encoded at /gzip
	gz      []byte
	chunked []byte
	win1258 []byte
	page    []byte // target of the /old redirect
	pdf     []byte
	big     []byte
}

// filler returns n bytes of deterministic, poorly compressible
// Vietnamese-looking text, so that bodies dominate WARC sizes like real
// pages do.
func filler(seed uint64, n int) []byte {
	words := []string{"Sở", "Lao động", "Thương binh", "Xã hội", "tỉnh", "Sóc Trăng", "thông báo", "quyết định", "năm", "2021", "về việc", "hướng dẫn", "công văn", "đơn vị"}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var b bytes.Buffer
	for b.Len() < n {
		b.WriteString(words[r.IntN(len(words))])
		fmt.Fprintf(&b, " %d ", r.Uint32())
	}
	return b.Bytes()[:n]
}

func gzipBytes(t testing.TB, p []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(p)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func newTestSite(t testing.TB) *testSite {
	t.Helper()
	s := &testSite{
		html:    append([]byte("<html><head><title>Sở Nội vụ</title></head><body>"), filler(1, 40000)...),
		chunked: filler(2, 30000),
		page:    append([]byte("<html><body>Trang đích "), filler(3, 20000)...),
		big:     filler(4, 200000),
	}
	s.gz = gzipBytes(t, s.html)
	// "Phòng Lao động" in windows-1258: bytes a UTF-8 decoder would mangle.
	s.win1258 = append([]byte("<html><body>Ph\xf2ng Lao \xf0\xf4ng "), filler(5, 20000)...)
	// PDF streams are compressed already, so the file is incompressible.
	noise := make([]byte, 100000)
	r := rand.New(rand.NewPCG(6, 7))
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	s.pdf = append(append([]byte("%PDF-1.4\n"), noise...), "\n%%EOF\n"...)

	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Write(s.html)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", fmt.Sprint(len(s.gz)))
		w.Write(s.gz)
	})
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		for p := s.chunked; len(p) > 0; {
			n := min(len(p), 7000)
			w.Write(p[:n])
			w.(http.Flusher).Flush() // forces Transfer-Encoding: chunked
			p = p[n:]
		}
	})
	mux.HandleFunc("/win1258", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1258")
		w.Write(s.win1258)
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/page?b=2&a=1", http.StatusFound)
	})
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(s.page)
	})
	mux.HandleFunc("/doc.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(s.pdf)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write(s.big)
	})
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

// crawlPaths is what one test crawl fetches; /old adds a redirect hop.
var crawlPaths = []string{"/robots.txt", "/gzip", "/chunked", "/win1258", "/old", "/doc.pdf"}

// crawlHops is the number of round trips crawlPaths makes.
const crawlHops = 7

type recorded struct {
	mu   sync.Mutex
	locs map[string]Location
}

func (r *recorded) add(req *http.Request, loc Location) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.locs[req.URL.String()] = loc
}

func (r *recorded) get(uri string) (Location, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	l, ok := r.locs[uri]
	return l, ok
}

// crawl fetches crawlPaths through a RecordingTransport and returns the
// decoded bodies the client saw, by path, and what OnRecord reported.
func crawl(t testing.TB, s *testSite, w ExchangeWriter, dedup func(uri, digest string) (Location, bool)) (map[string][]byte, *recorded, map[string]*http.Response) {
	t.Helper()
	rec := &recorded{locs: map[string]Location{}}
	client := &http.Client{Transport: &RecordingTransport{
		Base:     &http.Transport{DisableCompression: true},
		W:        w,
		Dedup:    dedup,
		OnRecord: rec.add,
	}}
	bodies := map[string][]byte{}
	resps := map[string]*http.Response{}
	for _, p := range crawlPaths {
		req, _ := http.NewRequestWithContext(context.Background(), "GET", s.srv.URL+p, nil)
		req.Header.Set("User-Agent", "govcorpus-test/1.0")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		bodies[p] = b
		resps[p] = resp
	}
	return bodies, rec, resps
}

func readAll(t testing.TB, file string) []*Record {
	t.Helper()
	var out []*Record
	for r, err := range Records(file) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func sha1b32(p []byte) string {
	s := sha1.Sum(p)
	return "sha1:" + base32.StdEncoding.EncodeToString(s[:])
}

// checkDigests recomputes block and payload digests in Go, independently
// of gowarc.
func checkDigests(t testing.TB, r *Record) {
	t.Helper()
	if got, want := r.Header.Get("WARC-Block-Digest"), sha1b32(r.Block); got != want {
		t.Errorf("%s at %d: block digest %s, computed %s", r.Type(), r.Offset, got, want)
	}
	if r.Type() != "response" && r.Type() != "request" {
		return
	}
	_, payload, ok := bytes.Cut(r.Block, []byte("\r\n\r\n"))
	if !ok {
		t.Fatalf("%s at %d: no HTTP head", r.Type(), r.Offset)
	}
	if r.Type() == "response" {
		// The payload is the entity: de-chunked by hand here, not with
		// the package's own parser.
		payload = dechunkTest(t, r.Block)
	}
	if got := r.Header.Get("WARC-Payload-Digest"); r.Type() == "response" || got != "" {
		if want := sha1b32(payload); got != want {
			t.Errorf("%s at %d: payload digest %s, computed %s", r.Type(), r.Offset, got, want)
		}
	}
}

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// openTest opens a Writer whose folder's WARC files, once the test is
// over, are read by the two independent readers (warctest.Check); the
// whole folder, since revisits may refer to an earlier writer's files.
func openTest(t testing.TB, dir, prefix string, opts Options) *Writer {
	t.Helper()
	w := openUnchecked(t, dir, prefix, opts)
	t.Cleanup(func() {
		if err := w.Close(); err == nil && !t.Failed() {
			files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
			warctest.Check(t, files)
		}
	})
	return w
}

// openUnchecked opens a Writer for a test that damages its files.
func openUnchecked(t testing.TB, dir, prefix string, opts Options) *Writer {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = quietLogger()
	}
	w, err := Open(dir, prefix, opts)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// validator returns a function running the warcio.js validator, or skips
// the test when node or npm is missing (CI must have them).
func validator(t *testing.T) func(args ...string) (string, error) {
	t.Helper()
	if !warctest.HaveNode() {
		warctest.Validate(t) // fails in CI
		t.Skip("skipping warcio.js validation: node or npm not found")
	}
	return func(args ...string) (string, error) { return warctest.Validate(t, args...) }
}

// maybeValidate checks files with both independent readers (warcio.js when
// node is installed, gowarc always), without skipping the calling test.
func maybeValidate(t *testing.T, files ...string) {
	t.Helper()
	warctest.Check(t, files)
}

// dechunkTest returns the body of an HTTP response block, de-chunked when
// its head says chunked.
func dechunkTest(t testing.TB, block []byte) []byte {
	t.Helper()
	head, body, _ := bytes.Cut(block, []byte("\r\n\r\n"))
	if !bytes.Contains(bytes.ToLower(head), []byte("\r\ntransfer-encoding: chunked")) {
		return body
	}
	var out []byte
	for {
		line, rest, ok := bytes.Cut(body, []byte("\r\n"))
		if !ok {
			t.Fatalf("chunked body without a chunk size line")
		}
		var n int
		if _, err := fmt.Sscanf(string(line), "%x", &n); err != nil {
			t.Fatalf("chunk size %q: %v", line, err)
		}
		if n == 0 {
			return out
		}
		out = append(out, rest[:n]...)
		body = rest[n+2:]
	}
}
