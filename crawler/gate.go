package crawler

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// HostGate is politeness shared with other processes: a frontier several
// crawlers lease from (Redis) also decides when each of them may send the
// next request to a host, so a host's delay and parallelism hold across
// all of them together. Optional; a store that implements it has every
// request of the crawl (robots.txt, redirects and retries included) pass
// through it.
type HostGate interface {
	// AcquireHost blocks until a request to host may start, with at most
	// parallel in flight over every process. The returned release ends
	// the request; the host's slot rests delay after it.
	AcquireHost(ctx context.Context, host string, parallel int) (release func(delay time.Duration), err error)
}

// SharedFrontier is a frontier that other processes lease from too: when
// this crawl has nothing left to lease, URLs others hold may still come
// back (a worker died, its leases expired) or lead to new ones. Optional.
type SharedFrontier interface {
	// AwaitWork waits while URLs of the hosts inScope accepts are leased
	// by others and none is queued; it reports whether some are queued.
	AwaitWork(ctx context.Context, inScope func(host string) bool) (bool, error)
}

// gateTransport passes each request through the HostGate; the slot is
// given back when the response body is closed, or at once on an error.
type gateTransport struct {
	base http.RoundTripper
	gate HostGate
	c    *crawler // set once the crawler exists, before any request
}

func (t *gateTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	host := strings.ToLower(req.URL.Host)
	parallel := t.c.cfg.Parallel
	if i := t.c.scope.siteOfHost(host); i >= 0 {
		parallel = t.c.sites[i].Parallel
	}
	release, err := t.gate.AcquireHost(req.Context(), host, parallel)
	if err != nil {
		err = fmt.Errorf("wait for %s's turn: %w", host, err)
		if req.Context().Err() == nil {
			// The gate is shared state gone (Redis down): every further
			// request would fail the same way, so the crawl stops.
			t.c.setStop(err)
		}
		return nil, err
	}
	delay := t.c.delayOf(req.URL.String())
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		release(delay)
		return nil, err
	}
	resp.Body = &gatedBody{ReadCloser: resp.Body, release: func() { release(delay) }}
	return resp, nil
}

// gatedBody releases its host's slot once, when closed.
type gatedBody struct {
	io.ReadCloser
	once    sync.Once
	release func()
}

func (b *gatedBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.release)
	return err
}
