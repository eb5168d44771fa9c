package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/govcorpus/govcorpus/store"
)

// fetch gets one URL through Colly, retrying transient failures (timeouts,
// connection errors, 5xx, 429) with exponential backoff and honouring
// Retry-After. The last response or error is returned when retries run out.
func (c *crawler) fetch(ctx context.Context, u string, hdr http.Header) (*colly.Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := c.fetchOnce(u, hdr)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		wait, retry := c.retryable(resp, err, attempt)
		if !retry {
			if err != nil {
				return nil, fmt.Errorf("GET %s: %w", u, err)
			}
			return resp, nil
		}
		if attempt >= c.cfg.Retries {
			if err != nil {
				return nil, fmt.Errorf("GET %s: %w (gave up after %s)", u, err, plural(attempt, "retry", "retries"))
			}
			return resp, nil
		}
		c.log.Debug("retrying", "url", u, "attempt", attempt+1, "wait", wait, "error", err)
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		}
	}
}

func (c *crawler) fetchOnce(u string, hdr http.Header) (*colly.Response, error) {
	cctx := colly.NewContext()
	var h http.Header
	if len(hdr) > 0 {
		h = hdr.Clone() // Colly adds its own headers to the map it is given
	}
	err := c.col.Request(http.MethodGet, u, nil, cctx, h)
	if err != nil {
		return nil, err
	}
	resp, ok := cctx.GetAny("response").(*colly.Response)
	if !ok {
		return nil, errors.New("no response")
	}
	return resp, nil
}

// retryable says whether an attempt failed transiently and how long to wait
// before the next one.
func (c *crawler) retryable(resp *colly.Response, err error, attempt int) (time.Duration, bool) {
	backoff := c.cfg.RetryBase << attempt
	if backoff <= 0 || backoff > c.cfg.MaxRetryWait {
		backoff = c.cfg.MaxRetryWait
	}
	if err != nil {
		return backoff, transient(err)
	}
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < 500 {
		return 0, false
	}
	if ra, ok := retryAfter(resp.Headers.Get("Retry-After"), time.Now()); ok && ra > backoff {
		backoff = min(ra, c.cfg.MaxRetryWait)
	}
	return backoff, true
}

// transient reports errors worth another attempt: the network, not the
// request or our own limits.
func transient(err error) bool {
	switch {
	case errors.Is(err, ErrBodyTooLarge), errors.Is(err, context.Canceled):
		return false
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, context.DeadlineExceeded):
		return true
	}
	// *url.Error satisfies net.Error whatever it wraps (a refused redirect
	// too), so ask for timeouts and socket-level failures specifically.
	var ue *url.Error
	if errors.As(err, &ue) && ue.Timeout() {
		return true
	}
	var oe *net.OpError
	return errors.As(err, &oe)
}

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}

// conditional returns the headers that ask whether a page changed since
// its last successful fetch, when the lease or the store knows its
// validators.
func (c *crawler) conditional(ctx context.Context, link store.Link) http.Header {
	var etag, lastMod string
	switch {
	case link.Prior != nil:
		etag, lastMod = link.Prior.ETag, link.Prior.LastModified
	case c.reval != nil:
		var err error
		if etag, lastMod, err = c.reval.Validators(ctx, link.URL); err != nil {
			c.log.Warn("no conditional request", "url", link.URL, "error", err)
			return nil
		}
	}
	if etag == "" && lastMod == "" {
		return nil
	}
	h := http.Header{}
	if etag != "" {
		h.Set("If-None-Match", etag)
	}
	if lastMod != "" {
		h.Set("If-Modified-Since", lastMod)
	}
	return h
}

// plural spells n things: "1 retry", "3 retries".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
