package warc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/http/httputil"
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
// It asks for gzip, keeps the body exactly as sent in the archive, and
// returns the response with the body decoded and Content-Encoding removed,
// so callers (Colly) see plain bytes and never write decoded bytes back.
// It must not be copied after first use.
type RecordingTransport struct {
	// Base performs the request; nil means a clone of
	// http.DefaultTransport. Setting Accept-Encoding ourselves already
	// turns off Go's transparent gzip, but an http.Transport with
	// DisableCompression set makes that explicit.
	Base http.RoundTripper
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

	once        sync.Once
	defaultBase http.RoundTripper
}

func (t *RecordingTransport) base() http.RoundTripper {
	if t.Base != nil {
		return t.Base
	}
	t.once.Do(func() {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.DisableCompression = true
		t.defaultBase = tr
	})
	return t.defaultBase
}

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
	var remoteIP string
	ctx := httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		GotConn: func(ci httptrace.GotConnInfo) {
			if a, ok := ci.Conn.RemoteAddr().(*net.TCPAddr); ok {
				remoteIP = a.IP.String()
			}
		},
	})
	out := req.Clone(ctx)
	out.Header.Set("Accept-Encoding", "gzip")
	// DumpRequestOut renders the request the way net/http's transport
	// writes it (Host, User-Agent, body) and gives the body back.
	raw, err := httputil.DumpRequestOut(out, true)
	if err != nil {
		return nil, fmt.Errorf("warc: %s: dump request: %w", uri, err)
	}

	start := time.Now()
	resp, err := t.base().RoundTrip(out)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("warc: %s: read body: %w", uri, err)
	}
	if int64(len(body)) > maxBody {
		return nil, fmt.Errorf("%w: %s: more than %d bytes", ErrBodyTooLarge, uri, maxBody)
	}

	ex := Exchange{
		TargetURI:        uri,
		Request:          raw,
		StatusLine:       fmt.Sprintf("HTTP/%d.%d %s", resp.ProtoMajor, resp.ProtoMinor, statusText(resp)),
		Header:           resp.Header,
		TransferEncoding: resp.TransferEncoding,
		Body:             body,
		RemoteIP:         remoteIP,
		Start:            start,
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
	if len(ex.TransferEncoding) > 0 {
		resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	}
	if err := DecodeContent(resp); err != nil {
		// The capture is safe in the archive; the caller just cannot use
		// the bytes.
		return nil, fmt.Errorf("warc: %s: %w", uri, err)
	}
	resp.Request = req
	return resp, nil
}

// statusText returns "200 OK" from resp.Status, falling back to the code.
func statusText(resp *http.Response) string {
	if resp.Status != "" {
		return resp.Status
	}
	return fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
}

// conditional reports whether req asks "changed since?", the only request
// a 304 answers.
func conditional(req *http.Request) bool {
	return req.Header.Get("If-None-Match") != "" || req.Header.Get("If-Modified-Since") != ""
}
