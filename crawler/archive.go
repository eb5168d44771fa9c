package crawler

import (
	"context"
	"log/slog"
	"net/http"
	"sync"

	"github.com/govcorpus/govcorpus/store"
	"github.com/govcorpus/govcorpus/warc"
)

// CaptureIndex remembers what the archive holds, so a response whose bytes
// were archived before for the same URL (in this run or an earlier run of
// the same database) is written as a revisit instead of a second copy.
type CaptureIndex interface {
	AddCapture(ctx context.Context, c store.Capture) error
	OriginalCapture(ctx context.Context, url, digest string) (store.Capture, bool, error)
}

// archive wires a warc.RecordingTransport to the capture index and keeps
// where each URL's last record went, for its pages row.
type archive struct {
	ctx   context.Context // not cancelled with the crawl: records already written must be indexed
	index CaptureIndex
	log   *slog.Logger

	mu       sync.Mutex
	revisits map[string]bool          // URIs Dedup turned into revisits, until OnRecord sees them
	last     map[string]warc.Location // request URL → its response or revisit record
}

func newArchive(ctx context.Context, index CaptureIndex, log *slog.Logger) *archive {
	return &archive{
		ctx: context.WithoutCancel(ctx), index: index, log: log,
		revisits: map[string]bool{}, last: map[string]warc.Location{},
	}
}

func (a *archive) transport(base http.RoundTripper, w warc.ExchangeWriter, maxBody int64) http.RoundTripper {
	return &warc.RecordingTransport{Base: base, W: w, MaxBody: maxBody, Dedup: a.dedup, OnRecord: a.onRecord}
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
	a.mu.Lock()
	a.revisits[uri] = true
	a.mu.Unlock()
	return warc.Location{
		File: c.File, Offset: c.Offset, Length: c.Length, PayloadDigest: c.PayloadDigest,
		Date: c.Date, TargetURI: c.URL, RecordID: c.RecordID,
	}, true
}

func (a *archive) onRecord(req *http.Request, loc warc.Location) {
	uri := req.URL.String()
	a.mu.Lock()
	revisit := a.revisits[uri]
	delete(a.revisits, uri)
	a.last[uri] = loc
	a.mu.Unlock()
	err := a.index.AddCapture(a.ctx, store.Capture{
		URL: uri, PayloadDigest: loc.PayloadDigest, File: loc.File, Offset: loc.Offset,
		Length: loc.Length, Date: loc.Date, RecordID: loc.RecordID, Revisit: revisit,
	})
	if err != nil {
		a.log.Warn("archive index not updated", "url", uri, "error", err)
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
