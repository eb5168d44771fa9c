package crawler

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// origContentType carries the server's Content-Type past Colly. Colly
// converts a body to UTF-8 whenever the header names a charset, which would
// hide the raw bytes from the extractor (it decodes charsets itself, <meta>
// and legacy encodings included), so the transport hands Colly a
// Content-Type without the charset parameter and keeps the original here.
const origContentType = "X-Govcorpus-Content-Type"

// ErrBodyTooLarge reports a response body over the --max-body limit. Such a
// page is recorded as failed rather than stored cut short.
var ErrBodyTooLarge = errors.New("response body exceeds --max-body")

// bodyTransport reads every response body in full, up to a limit, so a
// larger body becomes an error instead of Colly's silent truncation.
type bodyTransport struct {
	base    http.RoundTripper
	maxBody int64 // 0: no limit
}

func (t *bodyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if t.maxBody > 0 && resp.ContentLength > t.maxBody {
		return nil, fmt.Errorf("%w (%d bytes): Content-Length is %d", ErrBodyTooLarge, t.maxBody, resp.ContentLength)
	}
	r := io.Reader(resp.Body)
	if t.maxBody > 0 {
		r = io.LimitReader(resp.Body, t.maxBody+1)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read body of %s: %w", req.URL, err)
	}
	if t.maxBody > 0 && int64(len(body)) > t.maxBody {
		return nil, fmt.Errorf("%w (%d bytes)", ErrBodyTooLarge, t.maxBody)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		resp.Header.Set(origContentType, ct)
		resp.Header.Set("Content-Type", withoutCharset(ct))
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// withoutCharset keeps only the media type, so Colly still recognises HTML
// but finds no charset to convert from. Malformed parameters are dropped
// too: the original header travels in origContentType.
func withoutCharset(ct string) string {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.TrimSpace(mt)
}
