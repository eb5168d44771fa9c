package warc

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync"
	"time"
)

// DefaultMaxBody is RecordingTransport's body limit when MaxBody is zero.
const DefaultMaxBody = 64 << 20

// ErrBodyTooLarge is returned (wrapped, naming the URL) when a response
// body exceeds RecordingTransport.MaxBody. Nothing is archived for it: a
// truncated capture would carry digests of bytes the server never sent as
// a whole.
var ErrBodyTooLarge = errors.New("warc: response body exceeds limit")

// ErrNotArchived is returned (wrapped, naming the URL and the cause) when
// an exchange was fetched but could not be written to the archive: a full
// disk, an I/O error. The caller must not treat the page as captured.
var ErrNotArchived = errors.New("warc: exchange not archived")

// RecordingTransport is an http.RoundTripper that archives every exchange
// passing through it, including robots.txt and each redirect hop, since the
// http.Client calls RoundTrip once per hop.
//
// It records at the connection: its dialer wraps every connection so that
// the request and response records hold the bytes that crossed the wire
// (see recordingConn), status line, header case and order, duplicate
// fields and chunked framing included; TLS is done inside the wrapper, so
// what is recorded is the plaintext. It speaks HTTP/1.1 only: HTTP/2
// frames are not an HTTP/1.1 message a WARC response record can hold.
//
// It asks for gzip, keeps the body exactly as sent in the archive, and
// returns the response with the body decoded and Content-Encoding removed,
// so callers (Colly) see plain bytes and never write decoded bytes back.
// It must not be copied after first use.
type RecordingTransport struct {
	// Base is the transport whose settings (timeouts, TLS configuration,
	// dialer, connection limits) are used; nil means
	// http.DefaultTransport's. It is cloned, never changed; its proxy
	// setting is ignored, since the bytes to a proxy are not the exchange.
	Base *http.Transport
	// W receives the exchanges; usually a *Writer.
	W ExchangeWriter
	// MaxBody is the largest body read, in bytes; a larger one fails the
	// request with ErrBodyTooLarge. Zero means DefaultMaxBody.
	MaxBody int64
	// Dedup, if set, is asked before the response is written. When it
	// returns true the response is stored as a revisit of the returned
	// Location, which must carry at least PayloadDigest and Date.
	Dedup func(uri, payloadDigest string) (Location, bool)
	// NotModified, if set, is asked when a conditional request is answered
	// 304 Not Modified: it returns the capture holding the content the
	// server confirmed (the URI's latest full response), and the 304 is
	// stored as a server-not-modified revisit of it. Without it, or when it
	// finds nothing, the 304 is stored as a plain response.
	NotModified func(uri string) (Location, bool)
	// OnRecord, if set, is called with the caller's request and the
	// location of the response or revisit record after it is written.
	OnRecord func(req *http.Request, loc Location)

	once sync.Once
	tr   *http.Transport
}

// defaultKeepAlive and defaultDialTimeout are net/http's own defaults, for
// a Base without a dialer.
const (
	defaultDialTimeout = 30 * time.Second
	defaultKeepAlive   = 30 * time.Second
)

// transport is Base with the recording dialers.
func (t *RecordingTransport) transport() *http.Transport {
	t.once.Do(func() {
		base := t.Base
		if base == nil {
			base = http.DefaultTransport.(*http.Transport)
		}
		tr := base.Clone()
		dial := tr.DialContext
		if dial == nil {
			dial = (&net.Dialer{Timeout: defaultDialTimeout, KeepAlive: defaultKeepAlive}).DialContext
		}
		tlsConfig := &tls.Config{}
		if tr.TLSClientConfig != nil {
			tlsConfig = tr.TLSClientConfig.Clone()
		}
		// Only HTTP/1.1 is offered, so that the server never answers in
		// HTTP/2 frames.
		tlsConfig.NextProtos = []string{"http/1.1"}
		tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return newRecordingConn(c), nil
		}
		tr.DialTLSContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			raw, err := dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			cfg := tlsConfig.Clone()
			if cfg.ServerName == "" {
				host, _, err := net.SplitHostPort(addr)
				if err != nil {
					host = addr
				}
				cfg.ServerName = host
			}
			tc := tls.Client(raw, cfg)
			if err := tc.HandshakeContext(ctx); err != nil {
				raw.Close()
				return nil, err
			}
			return newRecordingConn(tc), nil
		}
		tr.Proxy = nil
		tr.ForceAttemptHTTP2 = false
		tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{} // non-nil: no HTTP/2
		// Setting Accept-Encoding ourselves already turns off Go's
		// transparent gzip; this makes it explicit.
		tr.DisableCompression = true
		t.tr = tr
	})
	return t.tr
}

// CloseIdleConnections closes the recording transport's idle connections.
func (t *RecordingTransport) CloseIdleConnections() { t.transport().CloseIdleConnections() }

// RoundTrip implements http.RoundTripper.
func (t *RecordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.W == nil {
		return nil, errors.New("warc: RecordingTransport without writer")
	}
	maxBody := t.MaxBody
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	uri := req.URL.String()

	// A RoundTripper must not modify the caller's request.
	var (
		mu       sync.Mutex
		conn     *recordingConn
		exchange int
		remoteIP string
	)
	ctx := httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		// Called before the request is written, once per connection
		// tried: the last one is the connection that answered.
		GotConn: func(ci httptrace.GotConnInfo) {
			mu.Lock()
			defer mu.Unlock()
			conn, _ = ci.Conn.(*recordingConn)
			if conn != nil {
				exchange = conn.next()
			}
			if a, ok := ci.Conn.RemoteAddr().(*net.TCPAddr); ok {
				remoteIP = a.IP.String()
			}
		},
	})
	out := req.Clone(ctx)
	out.Header.Set("Accept-Encoding", "gzip")

	start := time.Now()
	resp, err := t.transport().RoundTrip(out)
	if err != nil {
		// Whatever the connection recorded of a failed exchange is
		// dropped with it.
		mu.Lock()
		if conn != nil {
			conn.take(exchange)
		}
		mu.Unlock()
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	resp.Body.Close()
	mu.Lock()
	rc, n := conn, exchange
	mu.Unlock()
	var sent, received []byte
	if rc != nil {
		sent, received, _ = rc.take(n)
	}
	if err != nil {
		return nil, fmt.Errorf("warc: %s: read body: %w", uri, err)
	}
	if int64(len(body)) > maxBody {
		return nil, fmt.Errorf("%w: %s: more than %d bytes", ErrBodyTooLarge, uri, maxBody)
	}
	if len(sent) == 0 || len(received) == 0 {
		return nil, fmt.Errorf("%w: %s: the exchange was not seen on the connection", ErrNotArchived, uri)
	}
	raw, err := finalResponse(received)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrNotArchived, uri, err)
	}

	ex := Exchange{
		TargetURI: uri,
		Request:   sent,
		Response:  raw,
		RemoteIP:  remoteIP,
		Start:     start,
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && conditional(out):
		if t.NotModified != nil {
			if loc, ok := t.NotModified(uri); ok {
				ex.RevisitOf, ex.Profile = &loc, NotModifiedProfile
			}
		}
	case t.Dedup != nil:
		if loc, ok := t.Dedup(uri, PayloadDigest(body)); ok {
			ex.RevisitOf = &loc
		}
	}
	loc, err := t.W.WriteExchange(req.Context(), ex)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrNotArchived, uri, err)
	}
	if t.OnRecord != nil {
		t.OnRecord(req, loc)
	}

	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.TransferEncoding = nil
	resp.Header.Del("Transfer-Encoding")
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	if err := DecodeContent(resp); err != nil {
		// The capture is safe in the archive; the caller just cannot use
		// the bytes.
		return nil, fmt.Errorf("warc: %s: %w", uri, err)
	}
	resp.Request = req
	return resp, nil
}

// finalResponse cuts the bytes read for one exchange down to its final
// response: interim 1xx responses (100 Continue, 103 Early Hints), which
// net/http reads past, are dropped, and so is anything after the message.
func finalResponse(received []byte) ([]byte, error) {
	for {
		resp, n, err := ParseResponse(received)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 200 || resp.StatusCode == http.StatusSwitchingProtocols {
			return received[:n], nil
		}
		received = received[n:]
	}
}

// conditional reports whether req asks "changed since?", the only request
// a 304 answers.
func conditional(req *http.Request) bool {
	return req.Header.Get("If-None-Match") != "" || req.Header.Get("If-Modified-Since") != ""
}
