package crawler

import (
	"context"
	"sync"
)

// Monitor lets a caller watch a running crawl: give it in Config.Monitor
// and call Snapshot from another goroutine (a progress line). Before the
// crawl starts and after it ends, Snapshot returns the zero Snapshot.
type Monitor struct {
	mu sync.Mutex
	c  *crawler
}

// Snapshot is a running crawl's counts so far.
type Snapshot struct {
	Pages       int // fetched, failed ones included
	Errors      int
	NewArticles int
	Queued      int // URLs of the run's scope still to fetch (queued or leased)
	HostsActive int // hosts being crawled now
	// Budget is the run's page limit (--max-pages, or the sum of the
	// sites' limits when every site has one); 0: unbounded.
	Budget int
}

func (m *Monitor) attach(c *crawler) {
	m.mu.Lock()
	m.c = c
	m.mu.Unlock()
}

func (m *Monitor) detach() {
	m.mu.Lock()
	m.c = nil
	m.mu.Unlock()
}

// Snapshot reads the counts of the crawl being watched. Queued is read
// from the frontier, so it needs ctx; an error leaves it 0.
func (m *Monitor) Snapshot(ctx context.Context) (Snapshot, error) {
	m.mu.Lock()
	c := m.c
	m.mu.Unlock()
	if c == nil {
		return Snapshot{}, nil
	}
	c.mu.Lock()
	s := Snapshot{
		Pages: c.stats.Pages, Errors: c.stats.Errors, NewArticles: c.stats.NewArticles,
		HostsActive: len(c.active), Budget: c.budget(),
	}
	c.mu.Unlock()
	q, err := c.queued(ctx)
	s.Queued = q
	return s, err
}

// budget is the most pages this run may fetch; 0 when unbounded.
func (c *crawler) budget() int {
	sum := 0
	for _, s := range c.sites {
		if s.MaxPages <= 0 {
			sum = 0
			break
		}
		sum += s.MaxPages
	}
	switch {
	case c.cfg.MaxPages > 0 && (sum == 0 || c.cfg.MaxPages < sum):
		return c.cfg.MaxPages
	default:
		return sum
	}
}
