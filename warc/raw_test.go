package warc

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// rawServer answers on a loopback TCP socket with bytes written by hand,
// the way no Go server would: header case and order as given, duplicate
// fields, chunk extensions and trailers. It serves several requests per
// connection (keep-alive) unless a response says Connection: close.
type rawServer struct {
	ln      net.Listener
	answers map[string][]byte
	wg      sync.WaitGroup
	mu      sync.Mutex
	conns   int
}

func newRawServer(t *testing.T, answers map[string][]byte) *rawServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &rawServer{ln: ln, answers: answers}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns++
			s.mu.Unlock()
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				defer c.Close()
				br := bufio.NewReader(c)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					io.Copy(io.Discard, req.Body)
					ans, ok := s.answers[req.URL.Path]
					if !ok {
						ans = []byte("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
					}
					if _, err := c.Write(ans); err != nil || bytes.Contains(ans, []byte("\r\nConnection: close\r\n")) {
						return
					}
				}
			}()
		}
	}()
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

func (s *rawServer) url(path string) string { return "http://" + s.ln.Addr().String() + path }

// TestResponsesStoredAsSent compares each response record's block byte for
// byte with what a raw server sent.
func TestResponsesStoredAsSent(t *testing.T) {
	page := []byte("<html><head><title>Sở Tư pháp</title></head><body>Thông báo</body></html>")
	gz := gzipBytes(t, page)
	var gzChunked bytes.Buffer
	fmt.Fprintf(&gzChunked, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\ncontent-encoding: gzip\r\nContent-Type: text/html\r\n\r\n%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n",
		20, gz[:20], len(gz)-20, gz[20:])
	answers := map[string][]byte{
		// Lower and odd case, an order no Go server writes, odd spacing.
		"/case": []byte("HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\nETag: \"v1-abc\"\r\nX-POWERED-by: ASP.NET\r\nSERVER:   IIS  \r\nContent-Length: " +
			fmt.Sprint(len(page)) + "\r\n\r\n" + string(page)),
		// Duplicate fields, kept apart and in order.
		"/dup": []byte("HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nContent-Type: text/plain\r\nSet-Cookie: b=2; Path=/\r\nCache-Control: no-cache\r\nCache-Control: private\r\nContent-Length: 2\r\n\r\nok"),
		// Chunked, with a chunk extension and a trailer.
		"/chunked":      []byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5;name=v\r\nhello\r\n7\r\n, world\r\n0\r\nX-Checksum: 42\r\n\r\n"),
		"/gzip":         []byte("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\nContent-Length: " + fmt.Sprint(len(gz)) + "\r\n\r\n" + string(gz)),
		"/gzip-chunked": gzChunked.Bytes(),
		"/moved":        []byte("HTTP/1.1 301 Moved Permanently\r\nlocation: /case\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nMoved. ok"),
		"/notmod":       []byte("HTTP/1.1 304 Not Modified\r\nETag: \"v1-abc\"\r\nDate: Mon, 04 Mar 2024 08:00:00 GMT\r\n\r\n"),
		// No length: the body ends when the connection does.
		"/close": []byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nuntil the end"),
	}
	srv := newRawServer(t, answers)
	dir := t.TempDir()
	w := openTest(t, dir, "raw", Options{})
	rec := &recorded{locs: map[string]Location{}}
	client := &http.Client{
		Transport:     &RecordingTransport{W: w, OnRecord: rec.add},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	paths := []string{"/case", "/dup", "/chunked", "/gzip", "/gzip-chunked", "/moved", "/notmod", "/close"}
	seen := map[string][]byte{}
	for _, p := range paths {
		req, _ := http.NewRequestWithContext(context.Background(), "GET", srv.url(p), nil)
		if p == "/notmod" {
			req.Header.Set("If-None-Match", `"v1-abc"`)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
		seen[p], _ = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	exact := 0
	for _, p := range paths {
		loc, ok := rec.get(srv.url(p))
		if !ok {
			t.Errorf("%s: not recorded", p)
			continue
		}
		r, err := ReadRecordAt(loc.File, loc.Offset)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(r.Block, answers[p]) {
			exact++
		} else {
			t.Errorf("%s: stored block differs from what the server sent:\nsent   %q\nstored %q", p, answers[p], r.Block)
		}
		checkDigests(t, r)
		if err := CheckDigests(r); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	t.Logf("%d of %d responses stored byte for byte as sent over %d connections", exact, len(paths), srv.conns)
	if !bytes.Equal(seen["/gzip"], page) || !bytes.Equal(seen["/gzip-chunked"], page) || string(seen["/chunked"]) != "hello, world" {
		t.Errorf("the caller must see decoded bodies: %q %q %q", seen["/gzip"], seen["/gzip-chunked"], seen["/chunked"])
	}
	// The gzip entity is hashed compressed, the chunked one de-chunked.
	if loc, _ := rec.get(srv.url("/gzip-chunked")); loc.PayloadDigest != sha1b32(gz) {
		t.Errorf("gzip-chunked payload digest %s, want the digest of the gzip stream %s", loc.PayloadDigest, sha1b32(gz))
	}
	if loc, _ := rec.get(srv.url("/chunked")); loc.PayloadDigest != sha1b32([]byte("hello, world")) {
		t.Errorf("chunked payload digest %s, want that of the entity", loc.PayloadDigest)
	}
	if srv.conns >= len(paths) {
		t.Errorf("%d connections for %d requests: keep-alive was not exercised", srv.conns, len(paths))
	}
	maybeValidate(t, w.Files()...)
}

// TestKeepAliveRecordsNotMixed sends many requests at once over a few
// reused connections; each record must hold its own request and response.
func TestKeepAliveRecordsNotMixed(t *testing.T) {
	var mu sync.Mutex
	conns := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		conns[r.RemoteAddr] = true
		mu.Unlock()
		n := len(r.URL.Path) * 97 // bodies of many sizes, some past the server's buffer (chunked)
		body := strings.Repeat(r.URL.Path+";", n/len(r.URL.Path))
		if strings.HasSuffix(r.URL.Path, "7") {
			w.Write([]byte(body[:len(body)/2]))
			w.(http.Flusher).Flush()
			w.Write([]byte(body[len(body)/2:]))
			return
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()
	dir := t.TempDir()
	w := openTest(t, dir, "ka", Options{})
	rec := &recorded{locs: map[string]Location{}}
	const workers, each = 6, 20
	client := &http.Client{Transport: &RecordingTransport{
		Base: &http.Transport{MaxConnsPerHost: 2, MaxIdleConnsPerHost: 2},
		W:    w, OnRecord: rec.add,
	}}
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				path := fmt.Sprintf("/w%d/%s/%d", g, strings.Repeat("x", i*13), i)
				resp, err := client.Get(srv.URL + path)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	requests := map[string]*Record{}
	responses := 0
	for _, r := range readAll(t, w.Files()[0]) {
		switch r.Type() {
		case "request":
			requests[r.Header.Get("WARC-Concurrent-To")] = r
		case "response":
			responses++
			uri := r.Header.Get("WARC-Target-URI")
			path := strings.TrimPrefix(uri, srv.URL)
			body := dechunkTest(t, r.Block)
			if want := strings.Repeat(path+";", len(path)*97/len(path)); string(body) != want {
				t.Errorf("%s: response record holds %d bytes not its own (%.60q)", path, len(body), body)
			}
		}
	}
	for _, q := range requests {
		uri := q.Header.Get("WARC-Target-URI")
		if !bytes.HasPrefix(q.Block, []byte("GET "+strings.TrimPrefix(uri, srv.URL)+" HTTP/1.1\r\n")) {
			t.Errorf("%s: request record holds %.60q", uri, q.Block)
		}
	}
	if responses != workers*each || len(requests) != workers*each {
		t.Errorf("%d responses and %d requests for %d exchanges", responses, len(requests), workers*each)
	}
	mu.Lock()
	t.Logf("%d exchanges over %d connections, every record its own", responses, len(conns))
	if len(conns) > 4 {
		t.Errorf("%d connections: keep-alive not exercised", len(conns))
	}
	mu.Unlock()
}

// TestTLSRecordedInPlaintext: over HTTPS the recorder sits above TLS, so
// the records hold the HTTP messages, not ciphertext, and HTTP/2 is not
// negotiated even with a server that offers it.
func TestTLSRecordedInPlaintext(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Proto", r.Proto)
		io.WriteString(w, "bí mật")
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	w := openTest(t, t.TempDir(), "tls", Options{})
	rec := &recorded{locs: map[string]Location{}}
	base := srv.Client().Transport.(*http.Transport)
	client := &http.Client{Transport: &RecordingTransport{Base: base, W: w, OnRecord: rec.add}}
	resp, err := client.Get(srv.URL + "/s")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	loc, _ := rec.get(srv.URL + "/s")
	r, err := ReadRecordAt(loc.File, loc.Offset)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(r.Block, []byte("HTTP/1.1 200 OK\r\n")) || !bytes.Contains(r.Block, []byte("X-Proto: HTTP/1.1\r\n")) || !bytes.HasSuffix(r.Block, []byte("bí mật")) {
		t.Errorf("HTTPS response record holds %q", r.Block)
	}
	if string(body) != "bí mật" {
		t.Errorf("caller got %q", body)
	}
	maybeValidate(t, w.Files()...)
}
