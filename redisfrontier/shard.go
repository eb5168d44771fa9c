package redisfrontier

import (
	"context"
	"time"

	"github.com/govcorpus/govcorpus/store"
)

// Shard is one worker's store for a crawl on the shared frontier: what it
// fetches goes to its own SQLite database (the shard) and what is left to
// fetch is the frontier's. It is a crawler.Store, HostGate and
// SharedFrontier; its database's own frontier table only mirrors what the
// worker saw.
type Shard struct {
	*store.Store
	F *Frontier
}

func (s Shard) Enqueue(ctx context.Context, links []store.Link) (int, error) {
	return s.F.Enqueue(ctx, links)
}

func (s Shard) LeaseHost(ctx context.Context, host string, n int) ([]store.Link, error) {
	return s.F.LeaseHost(ctx, host, n)
}

func (s Shard) FrontierHosts(ctx context.Context) ([]store.HostQueue, error) {
	return s.F.FrontierHosts(ctx)
}

func (s Shard) Release(ctx context.Context, urls []string) error { return s.F.Release(ctx, urls) }

func (s Shard) ResetLeases(ctx context.Context) (int, error) { return s.F.ResetLeases(ctx) }

func (s Shard) NewPassOf(ctx context.Context, hosts []string) (int, error) {
	return s.F.NewPassOf(ctx, hosts)
}

func (s Shard) AwaitWork(ctx context.Context, inScope func(string) bool) (bool, error) {
	return s.F.AwaitWork(ctx, inScope)
}

func (s Shard) AcquireHost(ctx context.Context, host string, parallel int) (func(time.Duration), error) {
	return s.F.AcquireHost(ctx, host, parallel)
}

// Complete stores the page in the shard, then marks it done in the
// frontier. Stored but not marked (Redis lost), the URL stays leased and
// comes back after the lease: fetched twice, never lost; merge keeps the
// newest fetch.
func (s Shard) Complete(ctx context.Context, r store.Result) (bool, error) {
	newArticle, err := s.Store.Complete(ctx, r)
	if err != nil {
		return false, err
	}
	return newArticle, s.F.Complete(ctx, r.Page.URL, r.Links)
}
