package crawler

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/govcorpus/govcorpus/store"
	"github.com/govcorpus/govcorpus/warc"
)

// CaptureIndex remembers what the archive holds, so a response whose bytes
// were archived before for the same URL (in this run or an earlier run of
// the same database) is written as a revisit instead of a second copy.
type CaptureIndex interface {
	AddCapture(ctx context.Context, c store.Capture) error
	// LatestResponse is the content a 304 Not Modified confirms.
	LatestResponse(ctx context.Context, url string) (store.Capture, bool, error)
	CaptureFinder
}

// CaptureFinder finds the full response a revisit record stands for: by
// URL and payload digest (identical-payload revisits) or by the record id
// it refers to (server-not-modified revisits, which carry no digest).
type CaptureFinder interface {
	OriginalCapture(ctx context.Context, url, digest string) (store.Capture, bool, error)
	CaptureByRecordID(ctx context.Context, url, id string) (store.Capture, bool, error)
}

// archive wires a warc.RecordingTransport to the capture index and keeps
// where each URL's last record went, for its pages row.
type archive struct {
	ctx   context.Context // not cancelled with the crawl: records already written must be indexed
	index CaptureIndex
	log   *slog.Logger

	// Captures being indexed (see onRecord), at most maxRecording at
	// once; the crawl waits for them before it ends.
	indexing errgroup.Group

	mu       sync.Mutex
	revisits map[string]bool          // URIs Dedup turned into revisits, until OnRecord sees them
	last     map[string]warc.Location // request URL → its response or revisit record
}

func newArchive(ctx context.Context, index CaptureIndex, log *slog.Logger) *archive {
	a := &archive{
		ctx: context.WithoutCancel(ctx), index: index, log: log,
		revisits: map[string]bool{}, last: map[string]warc.Location{},
	}
	a.indexing.SetLimit(maxRecording)
	return a
}

// transport records at the connection, so it needs the *http.Transport
// whose dialer it wraps; any other RoundTripper cannot be archived.
func (a *archive) transport(base http.RoundTripper, w warc.ExchangeWriter, maxBody int64) (http.RoundTripper, error) {
	tr, ok := base.(*http.Transport)
	if !ok {
		return nil, fmt.Errorf("archiving needs an *http.Transport to record connections, not a %T", base)
	}
	return &warc.RecordingTransport{Base: tr, W: w, MaxBody: maxBody, Dedup: a.dedup, NotModified: a.notModified, OnRecord: a.onRecord}, nil
}

// notModified finds the capture a 304 confirms, for its revisit record.
func (a *archive) notModified(uri string) (warc.Location, bool) {
	c, ok, err := a.index.LatestResponse(a.ctx, uri)
	if err != nil {
		a.log.Warn("archive lookup failed; storing the 304 as a plain response", "url", uri, "error", err)
		return warc.Location{}, false
	}
	if !ok {
		return warc.Location{}, false
	}
	return a.revisitOf(uri, c), true
}

// revisitOf notes that uri's next record is a revisit of c.
func (a *archive) revisitOf(uri string, c store.Capture) warc.Location {
	a.mu.Lock()
	a.revisits[uri] = true
	a.mu.Unlock()
	return warc.Location{
		File: c.File, Offset: c.Offset, Length: c.Length, PayloadDigest: c.PayloadDigest,
		Date: c.Date, TargetURI: c.URL, RecordID: c.RecordID,
	}
}

func (a *archive) dedup(uri, digest string) (warc.Location, bool) {
	c, ok, err := a.index.OriginalCapture(a.ctx, uri, digest)
	if err != nil {
		a.log.Warn("archive dedup lookup failed; storing a full copy", "url", uri, "error", err)
		return warc.Location{}, false
	}
	if !ok {
		return warc.Location{}, false
	}
	return a.revisitOf(uri, c), true
}

func (a *archive) onRecord(req *http.Request, loc warc.Location) {
	uri := req.URL.String()
	a.mu.Lock()
	revisit := a.revisits[uri]
	delete(a.revisits, uri)
	a.last[uri] = loc
	a.mu.Unlock()
	// Indexed from a goroutine, in the store's deferred commits: the
	// fetch need not wait for it, and a write that commits at once ends
	// the batch the crawl's pages gather in. Until it commits, a later
	// response with the same payload is archived in full, not as a
	// revisit, which loses nothing.
	c := store.Capture{
		URL: uri, PayloadDigest: loc.PayloadDigest, File: loc.File, Offset: loc.Offset,
		Length: loc.Length, Date: loc.Date, RecordID: loc.RecordID, Revisit: revisit,
	}
	a.indexing.Go(func() error {
		if err := a.index.AddCapture(store.Deferred(a.ctx), c); err != nil {
			a.log.Warn("archive index not updated", "url", uri, "error", err)
		}
		return nil
	})
}

// wait returns once every capture recorded so far is indexed.
func (a *archive) wait() {
	if a != nil {
		_ = a.indexing.Wait() // errors are logged, not returned
	}
}

// forget drops what the archive remembers of a fetch whose record the
// page row does not point at.
func (a *archive) forget(p *store.Page) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.last, p.FinalURL)
	delete(a.last, p.URL)
}

// drop forgets the record of a fetch no page row points at (a requisite).
func (a *archive) drop(uri string) {
	if a == nil {
		return
	}
	a.mu.Lock()
	delete(a.last, uri)
	a.mu.Unlock()
}

// locate fills a page's WARC fields with the record of its final response
// and forgets the URLs of the fetch.
func (a *archive) locate(p *store.Page) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if loc, ok := a.last[p.FinalURL]; ok {
		p.WarcFile, p.WarcOffset, p.WarcLength = loc.File, loc.Offset, loc.Length
	}
	delete(a.last, p.FinalURL)
	delete(a.last, p.URL)
}

// ArchivedResponse reads the response record at offset in file, following
// a revisit record to the capture that holds its content.
func ArchivedResponse(ctx context.Context, index CaptureFinder, file string, offset int64) (*warc.Record, error) {
	rec, err := warc.ReadRecordAt(file, offset)
	if err != nil {
		return nil, err
	}
	if rec.Type() != "revisit" {
		return rec, nil
	}
	target := rec.Header.Get("WARC-Refers-To-Target-URI")
	if target == "" {
		target = rec.Header.Get("WARC-Target-URI")
	}
	var orig store.Capture
	var ok bool
	if d := rec.Header.Get("WARC-Payload-Digest"); d != "" {
		orig, ok, err = index.OriginalCapture(ctx, target, d)
	} else {
		orig, ok, err = index.CaptureByRecordID(ctx, target, rec.Header.Get("WARC-Refers-To"))
	}
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s at %d: a revisit of a record the capture index does not know", file, offset)
	}
	rec, err = warc.ReadRecordAt(orig.File, orig.Offset)
	if err != nil {
		return nil, fmt.Errorf("original of the revisit at %s:%d: %w", file, offset, err)
	}
	return rec, nil
}

// ArchivedBody is a response record's payload as the crawl's extractor
// saw it: de-chunked (the record keeps the framing as sent) and with a gzip
// Content-Encoding undone, as warc.RecordingTransport hands it over.
func ArchivedBody(rec *warc.Record) ([]byte, error) {
	resp, err := rec.HTTPResponse()
	if err != nil {
		return nil, err
	}
	if err := warc.DecodeContent(resp); err != nil {
		return nil, fmt.Errorf("%s at %d: %w", rec.File, rec.Offset, err)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
