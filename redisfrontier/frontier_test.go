package redisfrontier

import (
	"context"
	"errors"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/govcorpus/govcorpus/internal/redistest"
	"github.com/govcorpus/govcorpus/store"
)

func open(t *testing.T, url, worker string, lease time.Duration) *Frontier {
	t.Helper()
	f, err := Open(context.Background(), url, Options{Worker: worker, Lease: lease})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

func links(urls ...string) []store.Link {
	out := make([]store.Link, len(urls))
	for i, u := range urls {
		out[i] = store.Link{URL: u, Depth: i}
	}
	return out
}

func urlsOf(ls []store.Link) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.URL
	}
	sort.Strings(out)
	return out
}

func hostsOf(t *testing.T, f *Frontier) map[string]store.HostQueue {
	t.Helper()
	hq, err := f.FrontierHosts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.HostQueue{}
	for _, h := range hq {
		out[h.Host] = h
	}
	return out
}

// Two workers share one queue per host: a URL is queued once however many
// find it, leased to one worker only, and done once stored.
func TestSharedQueue(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	a := open(t, srv.URL(), "a", time.Minute)
	b := open(t, srv.URL(), "b", time.Minute)

	n, err := a.Enqueue(ctx, links("http://x.test/1", "http://x.test/2", "http://Y.test:8080/1"))
	if err != nil || n != 3 {
		t.Fatalf("enqueue = %d, %v; want 3 new", n, err)
	}
	if n, err := b.Enqueue(ctx, links("http://x.test/1", "http://x.test/3")); err != nil || n != 1 {
		t.Fatalf("second worker's enqueue = %d, %v; want 1 new (x.test/1 was seen)", n, err)
	}
	la, err := a.LeaseHost(ctx, "x.test", 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := urlsOf(la); !slices.Equal(got, []string{"http://x.test/1", "http://x.test/2"}) {
		t.Fatalf("a leased %v", got)
	}
	if la[1].Depth != 1 {
		t.Errorf("depth = %d, want 1 as queued", la[1].Depth)
	}
	lb, err := b.LeaseHost(ctx, "x.test", 8)
	if err != nil {
		t.Fatal(err)
	}
	if got := urlsOf(lb); !slices.Equal(got, []string{"http://x.test/3"}) {
		t.Fatalf("b leased %v; want only the URL a does not hold", got)
	}
	if got := hostsOf(t, a)["x.test"]; got.Queued != 0 || got.Leased != 3 {
		t.Fatalf("x.test = %+v; want 3 leased", got)
	}
	if got := hostsOf(t, a)["y.test:8080"]; got.Queued != 1 {
		t.Fatalf("y.test:8080 = %+v; want 1 queued (hosts in HostOf spelling)", got)
	}

	// Done with a new link and one seen before; b's lease is b's.
	if err := a.Complete(ctx, "http://x.test/1", links("http://x.test/4", "http://x.test/2")); err != nil {
		t.Fatal(err)
	}
	if err := a.Release(ctx, []string{"http://x.test/2", "http://x.test/3"}); err != nil {
		t.Fatal(err)
	}
	got := hostsOf(t, b)["x.test"]
	if want := (store.HostQueue{Host: "x.test", Queued: 2, Leased: 1, Done: 1}); got != want {
		t.Fatalf("x.test = %+v; want %+v (x.test/2 released, x.test/4 new, x.test/3 still b's)", got, want)
	}
	// b leased last: the host is b's to crawl, so a sees nothing to start.
	if got := hostsOf(t, a)["x.test"]; got.Queued != 0 {
		t.Fatalf("x.test seen by a = %+v; want nothing queued while b claims it", got)
	}
	again, err := b.LeaseHost(ctx, "x.test", 8)
	if err != nil {
		t.Fatal(err)
	}
	if got := urlsOf(again); !slices.Equal(got, []string{"http://x.test/2", "http://x.test/4"}) {
		t.Fatalf("b leased %v after the release", got)
	}
	if empty, err := a.LeaseHost(ctx, "x.test", 8); err != nil || len(empty) != 0 {
		t.Fatalf("lease of a dry host = %v, %v; want none", empty, err)
	}
	// b finds the host dry and drops its claim: released URLs are a's to
	// see again.
	if empty, err := b.LeaseHost(ctx, "x.test", 8); err != nil || len(empty) != 0 {
		t.Fatalf("lease of a dry host = %v, %v; want none", empty, err)
	}
	if err := b.Release(ctx, []string{"http://x.test/4"}); err != nil {
		t.Fatal(err)
	}
	if got := hostsOf(t, a)["x.test"]; got.Queued != 1 {
		t.Fatalf("x.test seen by a after b's claim ended = %+v; want x.test/4 queued", got)
	}
}

// A worker that dies keeps its leases only for the lease time: the URLs
// go back to the queue, at its front, for another worker.
func TestDeadWorkersLeasesExpire(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	const lease = 300 * time.Millisecond
	dead, err := Open(ctx, srv.URL(), Options{Worker: "dead", Lease: lease})
	if err != nil {
		t.Fatal(err)
	}
	live := open(t, srv.URL(), "live", time.Minute)
	if _, err := live.Enqueue(ctx, links("http://x.test/1", "http://x.test/2")); err != nil {
		t.Fatal(err)
	}
	if l, err := dead.LeaseHost(ctx, "x.test", 1); err != nil || len(l) != 1 {
		t.Fatalf("lease = %v, %v", l, err)
	}
	_ = dead.Close() // as kill -9 would: no release, no more renewals
	if l, err := live.LeaseHost(ctx, "x.test", 8); err != nil || len(l) != 1 || l[0].URL != "http://x.test/2" {
		t.Fatalf("lease while the dead worker's lease runs = %v, %v; want x.test/2 only", l, err)
	}
	// Waits on the server's clock, bounded by attempts.
	for range 100 {
		if hostsOf(t, live)["x.test"].Queued == 1 {
			break
		}
		time.Sleep(lease / 5)
	}
	l, err := live.LeaseHost(ctx, "x.test", 8)
	if err != nil || len(l) != 1 || l[0].URL != "http://x.test/1" {
		t.Fatalf("lease after expiry = %v, %v; want the dead worker's x.test/1", l, err)
	}
}

// A live worker's leases are renewed, however long it holds them.
func TestRenewalKeepsLeases(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	f := open(t, srv.URL(), "a", time.Hour)
	if _, err := f.Enqueue(ctx, links("http://x.test/1")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.LeaseHost(ctx, "x.test", 1); err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr})
	defer rdb.Close()
	key := DefaultPrefix + "leased"
	// Pull the expiry into the past, as if the hour were over.
	if err := rdb.ZAdd(ctx, key, redis.Z{Score: 1, Member: "http://x.test/1"}).Err(); err != nil {
		t.Fatal(err)
	}
	if err := f.renewOnce(); err != nil {
		t.Fatal(err)
	}
	score, err := rdb.ZScore(ctx, key, "http://x.test/1").Result()
	if err != nil {
		t.Fatal(err)
	}
	tm, err := rdb.Time(ctx).Result()
	if err != nil {
		t.Fatal(err)
	}
	if now := float64(tm.UnixMilli()); score < now+float64(30*time.Minute/time.Millisecond) {
		t.Fatalf("expiry after renewal = %.0f, server now %.0f; want about an hour ahead", score, now)
	}
	if got := hostsOf(t, f)["x.test"]; got.Leased != 1 || got.Queued != 0 {
		t.Fatalf("x.test = %+v; want the renewed lease kept", got)
	}
}

// A host's slots bound its requests in flight over every worker, and a
// slot rests the delay after its request, by the server's clock.
func TestHostSlots(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	a := open(t, srv.URL(), "a", time.Minute)
	b := open(t, srv.URL(), "b", time.Minute)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr})
	defer rdb.Close()

	r1, err := a.AcquireHost(ctx, "x.test", 2)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := b.AcquireHost(ctx, "x.test", 2)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, err := a.AcquireHost(short, "x.test", 2); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("third request with two in flight: %v; want it kept waiting", err)
	}
	if _, err := a.AcquireHost(ctx, "other.test", 2); err != nil {
		t.Fatalf("another host waits on x.test: %v", err)
	}

	const delay = 150 * time.Millisecond
	before, _ := rdb.Time(ctx).Result()
	r1(delay)
	r2(delay)
	if _, err := b.AcquireHost(ctx, "x.test", 2); err != nil {
		t.Fatal(err)
	}
	after, _ := rdb.Time(ctx).Result()
	if gap := after.Sub(before); gap < delay {
		t.Fatalf("slot taken again %v after its release (server clock); want at least the delay %v", gap, delay)
	}
}

// Redis going away is an error from the next call, not a hang or a panic.
func TestRedisGone(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	f := open(t, srv.URL(), "a", time.Minute)
	if _, err := f.Enqueue(ctx, links("http://x.test/1")); err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	if _, err := f.LeaseHost(ctx, "x.test", 1); err == nil {
		t.Fatal("lease with Redis gone: no error")
	}
	if _, err := Open(ctx, srv.URL(), Options{Worker: "b"}); err == nil {
		t.Fatal("open with Redis gone: no error")
	}
	if _, err := Open(ctx, "http://x", Options{Worker: "b"}); err == nil {
		t.Fatal("open of a non-redis URL: no error")
	}
}

func TestRunID(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	a := open(t, srv.URL(), "a", time.Minute)
	b := open(t, srv.URL(), "b", time.Minute)
	ida, starteda, err := a.StartRun(ctx, []string{"http://x.test/"})
	if err != nil {
		t.Fatal(err)
	}
	idb, startedb, err := b.StartRun(ctx, []string{"http://y.test/"})
	if err != nil {
		t.Fatal(err)
	}
	if !starteda || startedb || ida != idb || ida == "" {
		t.Fatalf("runs: a %q started=%v, b %q started=%v; want one run, started by a", ida, starteda, idb, startedb)
	}
}
