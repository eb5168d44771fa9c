package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// maxBatch bounds how many write calls share one transaction, so a burst
// cannot hold the write lock (and delay every caller in it) for long.
const maxBatch = 256

// op is one synchronous write call waiting for the writer goroutine.
type op struct {
	ctx      context.Context
	fn       func(ctx context.Context, tx *sql.Tx) error
	res      chan error // buffered: the writer never blocks on a caller
	deferred bool       // made under Deferred: nobody waits on it at once
}

// maxDeferWait is how long a batch of Deferred calls only may gather. A
// crawl records its pages this way while its workers go on fetching, and
// a commit per few pages rewrote the same index and search-index pages
// in every one of them: the WAL got 24 page images per page crawled. A
// quarter second gathers a crawl's pages by the dozen to the hundred, and
// is all a kill -9 can make a crawl fetch again.
const maxDeferWait = 250 * time.Millisecond

// deferGap ends a batch of Deferred calls when no call has come for this
// long: the crawl has slowed or stopped, and its last pages need not wait
// the whole maxDeferWait (a fast crawl's calls come a millisecond or two
// apart; a polite one's, hundreds).
const deferGap = 25 * time.Millisecond

type deferredKey struct{}

// Deferred marks the write calls made with the returned context as ones
// no caller waits on at once (a crawl records its pages from goroutines
// of their own): the writer may hold them up to maxDeferWait to commit
// them with others. Each call still returns only once it has committed,
// and any call made without the mark closes the batch it joins soon.
func Deferred(ctx context.Context) context.Context {
	return context.WithValue(ctx, deferredKey{}, true)
}

// do runs fn in the writer's next transaction and returns once that
// transaction has committed (nil) or fn's work was rolled back (error).
func (s *Store) do(ctx context.Context, fn func(ctx context.Context, tx *sql.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.readOnly {
		return ErrReadOnly
	}
	deferred, _ := ctx.Value(deferredKey{}).(bool)
	o := &op{ctx: ctx, fn: fn, res: make(chan error, 1), deferred: deferred}

	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return ErrClosed
	}
	select {
	case s.ops <- o:
	case <-ctx.Done():
		s.mu.RUnlock()
		return ctx.Err()
	}
	s.mu.RUnlock()

	// Once submitted, wait for the outcome even if ctx ends meanwhile. The
	// writer skips ops whose ctx is already done, but one it has started is
	// committed or not as a whole; returning early would leave the caller
	// unable to tell which (a Lease result would simply be lost).
	return <-o.res
}

// writer is the only goroutine that writes. It takes whatever requests are
// already waiting (up to maxBatch) and commits them in one transaction:
// while one batch commits, the next one queues up, which is what makes
// concurrent callers share a commit without adding latency to a lone one.
func (s *Store) writer() {
	defer close(s.done)
	batch := make([]*op, 0, maxBatch)
	for {
		o, ok := <-s.ops
		if !ok {
			return // closed and drained
		}
		batch = append(batch[:0], o)
		batch = s.fill(batch)
		s.batches.Add(1)
		s.batchedOps.Add(int64(len(batch)))
		s.commit(batch)
		clear(batch)
		if s.queued.Load() >= s.searchBatch {
			// Between batches, so no caller's write waits inside it; the
			// queue stays for the next try if this fails.
			if err := s.flushSearch(context.Background()); err != nil {
				s.log.Error("index queued articles", "err", err)
			}
		}
	}
}

// batchGap is how long the writer waits for one more write call before it
// commits what it has. Crawl workers send their writes a few hundred
// microseconds apart; gathering them makes a transaction write each index
// page it shares once instead of once per call (a page's writes dirty
// about 20 database pages, most of them shared), while a lone caller waits
// at most this long.
const batchGap = 300 * time.Microsecond

// maxBatchWait bounds how long a batch gathers after its first call. Calls
// arriving less than batchGap apart would otherwise keep it open until
// maxBatch: at a revalidation's 10,000 calls a second, 25 ms, which every
// caller waits (a crawl worker's rest after a 304 is 10 ms). While a batch
// commits the next one queues anyway, so this costs few commits.
const maxBatchWait = 2 * time.Millisecond

// fill adds to batch the calls already waiting, and those arriving less
// than batchGap apart, up to maxBatch and for at most maxBatchWait; while
// every call in it is Deferred, those arriving less than deferGap apart,
// for up to maxDeferWait.
func (s *Store) fill(batch []*op) []*op {
	var timer *time.Timer
	now := time.Now()
	hurried := !batch[0].deferred
	deadline := now.Add(maxDeferWait)
	if hurried {
		deadline = now.Add(maxBatchWait)
	}
	add := func(o *op) {
		batch = append(batch, o)
		if !o.deferred && !hurried {
			hurried = true
			if soon := time.Now().Add(maxBatchWait); soon.Before(deadline) {
				deadline = soon
			}
		}
	}
	for len(batch) < maxBatch {
		select {
		case o, ok := <-s.ops:
			if !ok {
				return batch
			}
			add(o)
			continue
		default:
		}
		wait := min(deferGap, time.Until(deadline))
		if hurried {
			wait = min(batchGap, wait)
		}
		if wait <= 0 {
			return batch
		}
		if timer == nil {
			timer = time.NewTimer(wait)
			defer timer.Stop()
		} else {
			timer.Reset(wait)
		}
		select {
		case o, ok := <-s.ops:
			if !ok {
				return batch
			}
			add(o)
		case <-timer.C:
			return batch
		}
	}
	return batch
}

// commit runs a batch and hands every caller its own result.
func (s *Store) commit(batch []*op) {
	errs := make([]error, len(batch))
	live := 0
	for i, o := range batch {
		if err := o.ctx.Err(); err != nil {
			errs[i] = err
			continue
		}
		live++
	}
	if live > 0 {
		if err := s.runBatch(batch, errs); err != nil {
			s.log.Error("write batch failed", "ops", live, "err", err)
			for i := range errs {
				if errs[i] == nil {
					errs[i] = err
				}
			}
		}
	}
	for i, o := range batch {
		o.res <- errs[i]
	}
}

// runBatch executes every op without an error yet inside its own SAVEPOINT,
// so a failing op is undone alone and reported only to its caller. A non-nil
// return means the whole transaction was lost.
func (s *Store) runBatch(batch []*op, errs []error) error {
	// Deliberately not a caller's ctx: cancelling a running statement calls
	// sqlite3_interrupt, which rolls back the entire transaction, i.e. the
	// other callers' writes too.
	ctx := context.Background()
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write transaction: %w", err)
	}
	abort := func(what string, err error) error {
		_ = tx.Rollback()
		return fmt.Errorf("%s: %w", what, err)
	}
	counts, own := tally{}, tally{}
	for i, o := range batch {
		if errs[i] != nil {
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT op`); err != nil {
			return abort("savepoint", err)
		}
		// An op's counts join the batch's only if the op holds.
		clear(own)
		if err := o.fn(context.WithValue(ctx, tallyKey{}, own), tx); err == nil {
			counts.add(own)
		} else {
			errs[i] = err
			// Some errors (disk full, I/O) make SQLite roll back the whole
			// transaction itself; the savepoint is then gone and this fails,
			// which correctly fails the batch.
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO op`); rerr != nil {
				return abort("roll back failed write", rerr)
			}
		}
		if _, err := tx.ExecContext(ctx, `RELEASE op`); err != nil {
			return abort("release savepoint", err)
		}
	}
	if err := counts.write(ctx, tx); err != nil {
		return abort("write run counts", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit write transaction: %w", err)
	}
	return nil
}
