package redisfrontier

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/govcorpus/govcorpus/store"
)

// DefaultLease is the --lease default: far longer than one page takes
// (the request timeout is 30 s), since a live worker renews its leases
// anyway, and short enough that a dead worker's URLs come back soon.
const DefaultLease = 2 * time.Minute

// DefaultPrefix starts every key of the frontier.
const DefaultPrefix = "govcorpus:"

// awaitPoll is how often a worker with nothing to lease looks again while
// others hold URLs: a tenth of a second costs Redis nothing and keeps the
// end of a crawl prompt.
const awaitPoll = 100 * time.Millisecond

// maxGateWait bounds one sleep waiting for a host's slot held by a request
// in flight, whose end no one knows: the slot is asked again this often.
const maxGateWait = 50 * time.Millisecond

// argChunk bounds the URLs passed to one script call, so a long release
// or renewal does not block Redis for long.
const argChunk = 500

// Options configure a worker's view of the frontier.
type Options struct {
	Worker string        // the worker's name; required, unique in the run
	Prefix string        // key prefix; "" means DefaultPrefix
	Lease  time.Duration // 0 means DefaultLease
	Logger *slog.Logger
}

// Frontier is one worker's handle on the shared frontier.
type Frontier struct {
	rdb    *redis.Client
	p      string
	worker string
	lease  time.Duration
	log    *slog.Logger

	mu   sync.Mutex
	held map[string]string // URLs this worker leased -> their host

	stop chan struct{}
	done chan struct{}
}

// Open connects to the Redis server a redis:// URL names and starts
// renewing the worker's leases.
func Open(ctx context.Context, rawURL string, opt Options) (*Frontier, error) {
	if opt.Worker == "" {
		return nil, errors.New("a shared frontier needs a worker name (--worker)")
	}
	ro, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("frontier %s: %w", rawURL, err)
	}
	rdb := redis.NewClient(ro)
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return nil, fmt.Errorf("frontier %s: %w", rawURL, err)
	}
	f := &Frontier{
		rdb: rdb, p: opt.Prefix, worker: opt.Worker, lease: opt.Lease, log: opt.Logger,
		held: map[string]string{}, stop: make(chan struct{}), done: make(chan struct{}),
	}
	if f.p == "" {
		f.p = DefaultPrefix
	}
	if f.lease <= 0 {
		f.lease = DefaultLease
	}
	if f.log == nil {
		f.log = slog.New(slog.DiscardHandler)
	}
	go f.renew()
	return f, nil
}

// Close stops renewing the leases and closes the connection. Leases still
// held expire after the lease time.
func (f *Frontier) Close() error {
	close(f.stop)
	<-f.done
	return f.rdb.Close()
}

// StartRun joins the run (naming it when this worker is the first) and
// records its seeds. It returns the run's id and whether this call
// started it.
func (f *Frontier) StartRun(ctx context.Context, seeds []string) (id string, started bool, err error) {
	args := append([]any{f.p, f.worker}, strs(seeds)...)
	res, err := runScript.Run(ctx, f.rdb, nil, args...).Slice()
	if err != nil || len(res) != 2 {
		return "", false, fmt.Errorf("join the run in the shared frontier: %w", orShape(err))
	}
	id, _ = res[0].(string)
	n, _ := res[1].(int64)
	return id, n == 1, nil
}

// link is a queued URL as the scripts keep it.
type link struct {
	URL   string `json:"u"`
	Host  string `json:"h"`
	Depth int    `json:"d"`
}

// linkArgs turns links into the scripts' (url, host, link) triples.
func linkArgs(links []store.Link) ([]any, error) {
	out := make([]any, 0, 3*len(links))
	for _, l := range links {
		if l.URL == "" {
			continue
		}
		h := store.HostOf(l.URL)
		b, err := json.Marshal(link{URL: l.URL, Host: h, Depth: l.Depth})
		if err != nil {
			return nil, fmt.Errorf("queue %s: %w", l.URL, err)
		}
		out = append(out, l.URL, h, string(b))
	}
	return out, nil
}

// Enqueue adds the URLs never seen before to their hosts' queues.
func (f *Frontier) Enqueue(ctx context.Context, links []store.Link) (int, error) {
	args, err := linkArgs(links)
	if err != nil || len(args) == 0 {
		return 0, err
	}
	n, err := enqueueScript.Run(ctx, f.rdb, nil, append([]any{f.p}, args...)...).Int()
	if err != nil {
		return 0, fmt.Errorf("enqueue %d links in the shared frontier: %w", len(links), err)
	}
	return n, nil
}

// LeaseHost leases up to n of host's queued URLs to this worker.
func (f *Frontier) LeaseHost(ctx context.Context, host string, n int) ([]store.Link, error) {
	if n <= 0 {
		return []store.Link{}, ctx.Err()
	}
	vs, err := leaseScript.Run(ctx, f.rdb, nil, f.p, host, n, f.lease.Milliseconds(), f.worker).StringSlice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("lease %d URLs of %s from the shared frontier: %w", n, host, err)
	}
	out := make([]store.Link, 0, len(vs))
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, v := range vs {
		var l link
		if err := json.Unmarshal([]byte(v), &l); err != nil {
			return nil, fmt.Errorf("lease from %s: bad entry %q in the shared frontier: %w", host, v, err)
		}
		f.held[l.URL] = l.Host
		out = append(out, store.Link{URL: l.URL, Depth: l.Depth})
	}
	return out, nil
}

// FrontierHosts counts each host's URLs by state, over all workers.
func (f *Frontier) FrontierHosts(ctx context.Context) ([]store.HostQueue, error) {
	res, err := hostsScript.Run(ctx, f.rdb, nil, f.p, f.worker).Slice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("count the shared frontier's hosts: %w", err)
	}
	out := make([]store.HostQueue, 0, len(res)/4)
	for i := 0; i+3 < len(res); i += 4 {
		h, _ := res[i].(string)
		q, _ := res[i+1].(int64)
		l, _ := res[i+2].(int64)
		d, _ := res[i+3].(int64)
		out = append(out, store.HostQueue{Host: h, Queued: int(q), Leased: int(l), Done: int(d)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Host < out[j].Host })
	return out, nil
}

// Release puts URLs this worker leased back at the front of their queues.
func (f *Frontier) Release(ctx context.Context, urls []string) error {
	for len(urls) > 0 {
		chunk := urls[:min(len(urls), argChunk)]
		urls = urls[len(chunk):]
		args := append([]any{f.p, f.worker}, strs(chunk)...)
		if err := releaseScript.Run(ctx, f.rdb, nil, args...).Err(); err != nil {
			return fmt.Errorf("release %d URLs to the shared frontier: %w", len(chunk), err)
		}
		f.forget(chunk...)
	}
	return nil
}

// ResetLeases requeues the leases that expired: their workers died. Live
// workers' leases are theirs.
func (f *Frontier) ResetLeases(ctx context.Context) (int, error) {
	n, err := expireScript.Run(ctx, f.rdb, nil, f.p).Int()
	if err != nil {
		return 0, fmt.Errorf("requeue expired leases of the shared frontier: %w", err)
	}
	return n, nil
}

// NewPassOf never requeues: a shared run is one pass, and the next pass
// is a new prefix or database (workers join and leave while it runs, so
// "finished" is not theirs to decide).
func (f *Frontier) NewPassOf(ctx context.Context, hosts []string) (int, error) {
	return 0, ctx.Err()
}

// Complete marks a URL this worker fetched done and queues its links.
func (f *Frontier) Complete(ctx context.Context, url string, links []store.Link) error {
	args, err := linkArgs(links)
	if err != nil {
		return err
	}
	args = append([]any{f.p, f.worker, url, store.HostOf(url)}, args...)
	if err := completeScript.Run(ctx, f.rdb, nil, args...).Err(); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("mark %s done in the shared frontier: %w", url, err)
	}
	f.forget(url)
	return nil
}

// AwaitWork waits while other workers hold URLs of the hosts in scope and
// none is queued, and reports whether some are queued now.
func (f *Frontier) AwaitWork(ctx context.Context, inScope func(host string) bool) (bool, error) {
	t := time.NewTicker(awaitPoll)
	defer t.Stop()
	for {
		hq, err := f.FrontierHosts(ctx)
		if err != nil {
			return false, err
		}
		mine := f.heldBy(inScope)
		queued, leased := 0, 0
		for _, h := range hq {
			if inScope(h.Host) {
				queued += h.Queued
				leased += h.Leased
			}
		}
		if queued > 0 {
			return true, nil
		}
		if leased-mine <= 0 {
			return false, nil
		}
		select {
		case <-t.C:
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
}

// AcquireHost waits for a free slot of host, over all workers; see
// crawler.HostGate. A slot is held for at most the lease time, so one a
// dead worker held comes back.
func (f *Frontier) AcquireHost(ctx context.Context, host string, parallel int) (func(time.Duration), error) {
	parallel = max(parallel, 1)
	for {
		res, err := acquireScript.Run(ctx, f.rdb, nil, f.p, host, parallel, f.lease.Milliseconds()).Int64Slice()
		if err != nil || len(res) != 2 {
			return nil, fmt.Errorf("take a slot of %s in the shared frontier: %w", host, orShape(err))
		}
		if slot := res[0]; slot > 0 {
			return func(delay time.Duration) { f.rest(ctx, host, slot, delay) }, nil
		}
		wait := min(time.Duration(res[1])*time.Millisecond, maxGateWait)
		if wait <= 0 {
			wait = time.Millisecond
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		}
	}
}

// restTimeout bounds giving a slot back after the request's context ended.
const restTimeout = 5 * time.Second

// rest gives a slot back, free delay after now. If Redis cannot be told,
// the slot comes back after the lease time.
func (f *Frontier) rest(ctx context.Context, host string, slot int64, delay time.Duration) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), restTimeout)
	defer cancel()
	if err := restScript.Run(rctx, f.rdb, nil, f.p, host, slot, delay.Milliseconds()).Err(); err != nil {
		f.log.Warn("could not free a host's slot in the shared frontier; it frees itself after the lease", "host", host, "error", err)
	}
}

// renew pushes back the expiry of the leases this worker holds every third
// of the lease time, until Close.
func (f *Frontier) renew() {
	defer close(f.done)
	t := time.NewTicker(f.lease / 3)
	defer t.Stop()
	for {
		select {
		case <-f.stop:
			return
		case <-t.C:
		}
		if err := f.renewOnce(); err != nil {
			f.log.Warn("could not renew leases in the shared frontier", "error", err)
		}
	}
}

// renewOnce renews every lease this worker holds.
func (f *Frontier) renewOnce() error {
	f.mu.Lock()
	urls := make([]string, 0, len(f.held))
	hosts := map[string]bool{}
	for u, h := range f.held {
		urls = append(urls, u)
		hosts[h] = true
	}
	f.mu.Unlock()
	if len(hosts) > 0 {
		args := []any{f.p, f.worker, f.lease.Milliseconds()}
		for h := range hosts {
			args = append(args, h)
		}
		ctx, cancel := context.WithTimeout(context.Background(), f.lease/3)
		err := claimScript.Run(ctx, f.rdb, nil, args...).Err()
		cancel()
		if err != nil {
			return fmt.Errorf("renew %d host claims: %w", len(hosts), err)
		}
	}
	for len(urls) > 0 {
		chunk := urls[:min(len(urls), argChunk)]
		urls = urls[len(chunk):]
		ctx, cancel := context.WithTimeout(context.Background(), f.lease/3)
		err := renewScript.Run(ctx, f.rdb, nil, append([]any{f.p, f.worker, f.lease.Milliseconds()}, strs(chunk)...)...).Err()
		cancel()
		if err != nil {
			return fmt.Errorf("renew %d leases: %w", len(chunk), err)
		}
	}
	return nil
}

func (f *Frontier) forget(urls ...string) {
	f.mu.Lock()
	for _, u := range urls {
		delete(f.held, u)
	}
	f.mu.Unlock()
}

// heldBy counts the URLs this worker holds of the hosts inScope accepts.
func (f *Frontier) heldBy(inScope func(string) bool) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, h := range f.held {
		if inScope(h) {
			n++
		}
	}
	return n
}

func strs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// orShape is err, or an error saying a script answered in a shape it
// never does (a server that is not Redis).
func orShape(err error) error {
	if err != nil {
		return err
	}
	return errors.New("unexpected reply")
}
