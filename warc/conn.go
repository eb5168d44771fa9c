package warc

import (
	"bytes"
	"net"
	"sync"
)

// recordingConn tees what a connection writes and reads, so that an
// exchange is archived as the bytes that crossed the wire: the request as
// net/http wrote it, the response with its status line, header case and
// order, duplicate fields and chunked framing as the server sent them.
//
// A keep-alive connection carries several exchanges one after the other
// (net/http never pipelines HTTP/1.1 requests), so the traffic is cut into
// exchanges: a write after the connection has read something starts the
// next one. RecordingTransport learns its exchange's number when it gets
// the connection (before its request is written) and takes the bytes once
// it has read the whole body.
type recordingConn struct {
	net.Conn

	mu   sync.Mutex
	n    int // number of the current exchange; 0 before the first write
	cur  *exchangeBytes
	open map[int]*exchangeBytes // exchanges not yet taken
}

// exchangeBytes is one exchange's traffic.
type exchangeBytes struct {
	sent, received bytes.Buffer
}

func newRecordingConn(c net.Conn) *recordingConn {
	return &recordingConn{Conn: c, open: map[int]*exchangeBytes{}}
}

func (c *recordingConn) Write(p []byte) (int, error) {
	// The exchange starts before the bytes go out: the answer can be read
	// before Write returns.
	c.mu.Lock()
	if c.cur == nil || c.cur.received.Len() > 0 {
		c.n++
		c.cur = &exchangeBytes{}
		c.open[c.n] = c.cur
	}
	cur := c.cur
	cur.sent.Write(p)
	c.mu.Unlock()
	n, err := c.Conn.Write(p)
	if n < len(p) {
		c.mu.Lock()
		cur.sent.Truncate(cur.sent.Len() - (len(p) - n))
		c.mu.Unlock()
	}
	return n, err
}

func (c *recordingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.mu.Lock()
		// Bytes before any request (a server speaking first) belong to
		// no exchange.
		if c.cur != nil {
			c.cur.received.Write(p[:n])
		}
		c.mu.Unlock()
	}
	return n, err
}

// next returns the number the exchange about to be written will have.
func (c *recordingConn) next() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur == nil || c.cur.received.Len() > 0 {
		return c.n + 1
	}
	return c.n // a request written, no answer yet: a retry on this connection
}

// take returns exchange n's traffic and forgets it. Exchanges are taken
// out of order: the connection goes back to the pool when the body has
// been read, so the next exchange on it can finish before this one's
// RoundTrip gets here.
func (c *recordingConn) take(n int) (sent, received []byte, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.open[n]
	delete(c.open, n)
	if !ok {
		return nil, nil, false
	}
	return e.sent.Bytes(), e.received.Bytes(), true
}
