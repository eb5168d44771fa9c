package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Frontier states, as stored in frontier.state.
const (
	stateQueued = "queued"
	stateLeased = "leased"
	stateDone   = "done"
)

// Enqueue adds the URLs never seen before, in any state, as queued and
// returns how many were new. Empty URLs are skipped.
func (s *Store) Enqueue(ctx context.Context, links []Link) (int, error) {
	if len(links) == 0 {
		return 0, ctx.Err()
	}
	var n int
	err := s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		n, err = enqueue(ctx, tx, links, time.Now())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("enqueue %d links: %w", len(links), err)
	}
	return n, nil
}

func enqueue(ctx context.Context, tx *sql.Tx, links []Link, now time.Time) (int, error) {
	if len(links) == 0 {
		return 0, nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO frontier (url, host, depth, state, added_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	ts := formatTime(now)
	n := 0
	for _, l := range links {
		if l.URL == "" {
			continue
		}
		res, err := stmt.ExecContext(ctx, l.URL, HostOf(l.URL), l.Depth, ts, ts)
		if err != nil {
			return 0, fmt.Errorf("enqueue %s: %w", l.URL, err)
		}
		k, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		n += int(k)
	}
	return n, nil
}

// HostOf is the frontier's host key of a URL: its authority (host[:port])
// in lower case, "" when it does not parse.
func HostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

// Lease marks up to n queued URLs as leased, oldest first, and returns them.
// The slice is empty when nothing is queued.
func (s *Store) Lease(ctx context.Context, n int) ([]Link, error) {
	return s.lease(ctx, `SELECT f.id, f.url, f.depth`+priorColumns+` FROM frontier f`+priorJoin+` WHERE f.state = 'queued' ORDER BY f.id LIMIT ?`, n)
}

// LeaseHost is Lease for the URLs of one host (as HostOf spells it): a
// crawl of many sites hands out work host by host, so each host goes at
// its own pace instead of every worker waiting on the oldest URL's host.
func (s *Store) LeaseHost(ctx context.Context, host string, n int) ([]Link, error) {
	return s.lease(ctx, `SELECT f.id, f.url, f.depth`+priorColumns+` FROM frontier f`+priorJoin+` WHERE f.host = ? AND f.state = 'queued' ORDER BY f.id LIMIT ?`, host, n)
}

// A lease reads each URL's Prior with it: the same rows Validators and
// StoredBody read, one join instead of two queries a page.
//
// A row still as Enqueue wrote it (updated_at = added_at: never leased,
// done or requeued) was never fetched, so it has no pages row to find;
// its join key is NULL, which SQLite does not look up. In a first crawl
// that is every row, and the look-up by URL landed on a random page of
// the index on pages' URLs, a cache miss at 100,000 pages. (A page
// written without its frontier row, as a user's own SQL might, only
// costs that URL one unconditional fetch.)
const (
	priorColumns = `, COALESCE(p.etag, ''), COALESCE(p.last_modified, ''), COALESCE(p.sha256, ''), COALESCE(p.final_url, '')`
	priorJoin    = ` LEFT JOIN pages p ON p.url = CASE WHEN f.updated_at = f.added_at THEN NULL ELSE f.url END AND ` + lastGoodFetch
)

// lastGoodFetch selects the pages row p of a successful fetch with a body
// kept: the fetch a conditional request or a body comparison refers to.
const lastGoodFetch = `p.status = 200 AND p.error = '' AND p.sha256 != ''`

// lease marks the rows query selects (its last argument is the count) as
// leased and returns them.
func (s *Store) lease(ctx context.Context, query string, args ...any) ([]Link, error) {
	n, _ := args[len(args)-1].(int)
	if n <= 0 {
		return []Link{}, ctx.Err()
	}
	var out []Link
	err := s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		out = out[:0]
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			l := Link{Prior: &Prior{}}
			if err := rows.Scan(&id, &l.URL, &l.Depth, &l.Prior.ETag, &l.Prior.LastModified, &l.Prior.SHA256, &l.Prior.FinalURL); err != nil {
				rows.Close()
				return err
			}
			l.ID = id
			ids = append(ids, id)
			out = append(out, l)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		stmt, err := tx.PrepareContext(ctx, `UPDATE frontier SET state = 'leased', updated_at = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		ts := formatTime(time.Now())
		for _, id := range ids {
			if _, err := stmt.ExecContext(ctx, ts, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lease %d urls: %w", n, err)
	}
	if out == nil {
		out = []Link{}
	}
	return out, nil
}

// HostQueue is one host's URLs in the frontier, by state.
type HostQueue struct {
	Host                 string
	Queued, Leased, Done int
}

// FrontierHosts returns every host of the frontier with its URLs by
// state, in host order.
func (s *Store) FrontierHosts(ctx context.Context) ([]HostQueue, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT host, state, COUNT(*) FROM frontier GROUP BY host, state ORDER BY host`)
	if err != nil {
		return nil, fmt.Errorf("count frontier hosts in %q: %w", s.path, err)
	}
	defer rows.Close()
	var out []HostQueue
	for rows.Next() {
		var host, state string
		var n int
		if err := rows.Scan(&host, &state, &n); err != nil {
			return nil, fmt.Errorf("count frontier hosts in %q: %w", s.path, err)
		}
		if len(out) == 0 || out[len(out)-1].Host != host {
			out = append(out, HostQueue{Host: host})
		}
		h := &out[len(out)-1]
		switch state {
		case stateQueued:
			h.Queued = n
		case stateLeased:
			h.Leased = n
		case stateDone:
			h.Done = n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count frontier hosts in %q: %w", s.path, err)
	}
	return out, nil
}

// Release puts leased URLs back in the queue, e.g. when their fetch was
// cancelled, so the next run fetches them. URLs that are not leased are
// left alone: a URL already done stays done.
func (s *Store) Release(ctx context.Context, urls []string) error {
	if len(urls) == 0 {
		return ctx.Err()
	}
	err := s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `UPDATE frontier SET state = 'queued', updated_at = ? WHERE url = ? AND state = 'leased'`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		ts := formatTime(time.Now())
		for _, u := range urls {
			if _, err := stmt.ExecContext(ctx, ts, u); err != nil {
				return fmt.Errorf("release %s: %w", u, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("release %d urls: %w", len(urls), err)
	}
	return nil
}

// ResetLeases turns every leased URL back into queued and returns how many
// there were. Call it when a crawl starts: leases surviving in the database
// belong to a process that died.
func (s *Store) ResetLeases(ctx context.Context) (int, error) {
	var n int64
	err := s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE frontier SET state = 'queued', updated_at = ? WHERE state = 'leased'`, formatTime(time.Now()))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("reset leases: %w", err)
	}
	return int(n), nil
}

// Complete records one finished fetch atomically: the pages row, the
// article (if any), the outlinks, and the URL marked done in the frontier.
// It reports whether the article is new, i.e. no articles row existed for
// its URL. A page without an Article never creates or deletes an articles
// row: an article that is now a listing or an error keeps its old text.
func (s *Store) Complete(ctx context.Context, r Result) (newArticle bool, err error) {
	if r.Page.URL == "" {
		return false, errors.New("complete: page has no URL")
	}
	var art Article
	if r.Article != nil {
		art = *r.Article
		if art.URL == "" {
			art.URL = r.Page.URL
		}
		if art.Site == "" {
			if u, err := url.Parse(art.URL); err == nil {
				art.Site = u.Hostname()
			}
		}
		if art.FetchedAt.IsZero() {
			art.FetchedAt = r.Page.FetchedAt
		}
	}
	run := nullInt(s.run.Load())

	err = s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		newArticle = false
		now := time.Now()
		p := r.Page
		if err := s.noteFetch(ctx, tx, r, run); err != nil {
			return err
		}
		if r.Unchanged {
			// An unchanged body still hands over its links: a recrawl
			// with a wider scope finds what the last pass left out.
			if _, err := enqueue(ctx, tx, r.Links, now); err != nil {
				return err
			}
			return markUnchanged(ctx, tx, p, run, now)
		}
		if _, err := tx.ExecContext(ctx, `
INSERT INTO pages (url, final_url, status, content_type, fetched_at, sha256, size, page_type, error, depth, run_id,
	warc_file, warc_offset, warc_length, etag, last_modified)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (url) DO UPDATE SET
	final_url = excluded.final_url, status = excluded.status, content_type = excluded.content_type,
	fetched_at = excluded.fetched_at, sha256 = excluded.sha256, size = excluded.size,
	page_type = excluded.page_type, error = excluded.error, depth = excluded.depth, run_id = excluded.run_id,
	warc_file = excluded.warc_file, warc_offset = excluded.warc_offset, warc_length = excluded.warc_length,
	etag = excluded.etag, last_modified = excluded.last_modified`,
			p.URL, p.FinalURL, p.Status, p.ContentType, formatTime(p.FetchedAt), p.SHA256, p.Size,
			p.PageType, p.Error, p.Depth, run, p.WarcFile, p.WarcOffset, p.WarcLength, p.ETag, p.LastModified); err != nil {
			return fmt.Errorf("save page: %w", err)
		}

		if r.Article != nil {
			old, _, err := storedArticle(ctx, tx, art.URL)
			if err != nil {
				return err
			}
			newArticle = old == nil
			if err := s.putArticle(ctx, tx, old, &art, run); err != nil {
				return err
			}
		}

		if _, err := enqueue(ctx, tx, r.Links, now); err != nil {
			return err
		}
		if err := addTemplateSample(ctx, tx, r.Template); err != nil {
			return err
		}

		return markDone(ctx, tx, p, now)
	})
	if err != nil {
		return false, fmt.Errorf("complete %s: %w", r.Page.URL, err)
	}
	return newArticle, nil
}

// EachFrontierURL calls fn with every URL of the frontier, in any state, in
// insertion order; a crawl counts them against its per-host budget. An
// error from fn stops the scan and is returned.
func (s *Store) EachFrontierURL(ctx context.Context, fn func(url string) error) error {
	rows, err := s.rdb.QueryContext(ctx, `SELECT url FROM frontier ORDER BY id`)
	if err != nil {
		return fmt.Errorf("list frontier of %q: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return fmt.Errorf("list frontier of %q: %w", s.path, err)
		}
		if err := fn(u); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list frontier of %q: %w", s.path, err)
	}
	return nil
}

// Counts returns how many frontier URLs are in each state.
func (s *Store) Counts(ctx context.Context) (queued, leased, done int, err error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT state, COUNT(*) FROM frontier GROUP BY state`)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("count frontier in %q: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return 0, 0, 0, fmt.Errorf("count frontier in %q: %w", s.path, err)
		}
		switch state {
		case stateQueued:
			queued = n
		case stateLeased:
			leased = n
		case stateDone:
			done = n
		}
	}
	if err := rows.Err(); err != nil {
		return 0, 0, 0, fmt.Errorf("count frontier in %q: %w", s.path, err)
	}
	return queued, leased, done, nil
}

// NewPass starts a recrawl: when the frontier holds no queued or leased
// URL (the last crawl finished), every done URL is queued again. It
// returns how many were requeued; 0 while a crawl is unfinished, which then
// resumes instead.
func (s *Store) NewPass(ctx context.Context) (int, error) {
	return s.newPass(ctx, "", nil)
}

// NewPassOf is NewPass over the given hosts only (HostOf spelling): a
// run's scope is its own sites, so the other hosts of the database are
// neither recrawled nor a reason to resume. Nothing is requeued while one
// of the hosts has URLs queued or leased: that crawl resumes.
func (s *Store) NewPassOf(ctx context.Context, hosts []string) (int, error) {
	if len(hosts) == 0 {
		return 0, ctx.Err()
	}
	js, err := json.Marshal(hosts)
	if err != nil {
		return 0, fmt.Errorf("requeue finished crawl in %q: %w", s.path, err)
	}
	return s.newPass(ctx, ` AND host IN (SELECT value FROM json_each(?))`, []any{string(js)})
}

// newPass requeues the done URLs that match the extra condition when none
// that match it is pending.
func (s *Store) newPass(ctx context.Context, cond string, args []any) (int, error) {
	var n int64
	err := s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var pending int
		if err := tx.QueryRowContext(ctx,
			`SELECT COUNT(*) FROM frontier WHERE state IN ('queued', 'leased')`+cond, args...).Scan(&pending); err != nil {
			return err
		}
		if pending > 0 {
			n = 0
			return nil
		}
		res, err := tx.ExecContext(ctx, `UPDATE frontier SET state = 'queued', updated_at = ? WHERE state = 'done'`+cond,
			append([]any{formatTime(time.Now())}, args...)...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("requeue finished crawl in %q: %w", s.path, err)
	}
	return int(n), nil
}

// markUnchanged records a 304: the page row keeps its content fields and
// its archive record (the content, not the 304), and the URL is done for
// this pass.
func markUnchanged(ctx context.Context, tx *sql.Tx, p Page, run sql.NullInt64, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE pages SET fetched_at = ?, run_id = ?, error = '' WHERE url = ?`,
		formatTime(p.FetchedAt), run, p.URL)
	if err != nil {
		return fmt.Errorf("save unchanged page: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("save unchanged page %s: no earlier fetch to keep", p.URL)
	}
	return markDone(ctx, tx, p, now)
}

// markDone finishes a page's URL in the frontier. A URL that was never
// enqueued is still recorded as done instead of silently doing nothing.
// The UPDATE comes first, not as an upsert: every crawled URL was
// enqueued, and SQLite's upsert prepares the insert's index keys before it
// finds the conflict, which made it the dearest write of a revalidation.
func markDone(ctx context.Context, tx *sql.Tx, p Page, now time.Time) error {
	ts := formatTime(now)
	if p.FrontierID != 0 {
		// The URL must match too: an id from another database (a merged
		// shard's) or a row requeued since names another URL, which then
		// goes by its URL below.
		res, err := tx.ExecContext(ctx, `UPDATE frontier SET state = 'done', updated_at = ? WHERE id = ? AND url = ?`, ts, p.FrontierID, p.URL)
		if err != nil {
			return fmt.Errorf("mark done: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			return err
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE frontier SET state = 'done', updated_at = ? WHERE url = ?`, ts, p.URL)
	if err != nil {
		return fmt.Errorf("mark done: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO frontier (url, host, depth, state, added_at, updated_at) VALUES (?, ?, ?, 'done', ?, ?)`,
		p.URL, HostOf(p.URL), p.Depth, ts, ts); err != nil {
		return fmt.Errorf("mark done: %w", err)
	}
	return nil
}
