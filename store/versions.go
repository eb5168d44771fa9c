package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Kinds of article_changes rows: what a run found about one article.
const (
	ChangeNew     = "new"     // the article was not in the corpus
	ChangeChanged = "changed" // its text or title differ from the last run's
	ChangeGone    = "gone"    // its page answered 404 or 410
	ChangeBack    = "back"    // a gone article's page answered again
)

// Causes of article_versions rows: why the text stopped being current.
const (
	// CauseEdit: a later run fetched the page and found other text.
	CauseEdit = "edit"
	// CauseReextract: the same fetch, read again by a newer extractor
	// (govcorpus reextract), gave other text or no article. The site did
	// not change, so it is no change of a run, but the text a researcher
	// may have exported is kept all the same.
	CauseReextract = "reextract"
)

// Kinds of run_counts rows, the tallies that are not a list of articles.
const (
	countPages     = "pages"     // fetches recorded, robots.txt refusals left out
	countFailed    = "failed"    // of them, with an error (network, HTTP >= 400, extraction)
	countUnchanged = "unchanged" // articles fetched again with the same title and text
)

// history records what writing art over old means for the corpus's
// history, in the same transaction as the write. run is the run stamped on
// the row; it is the store's current run when a crawl fetched the page,
// and an older run when a stored fetch is read again (govcorpus reextract),
// which changes the corpus but not the site: such writes keep versions
// (CauseReextract) but make no article_changes and count nothing.
//
// A crawl may write one article twice in a run (reading the page again
// once its host's template is known, or fetching it under a second URL);
// only what the run ends with is a state of the site, so the second write
// is judged against the text from before the run (see rewrite).
func (s *Store) history(ctx context.Context, tx *sql.Tx, old, art *Article, run sql.NullInt64) error {
	cur := nullInt(s.run.Load())
	crawl := run == cur
	sameRun := cur.Valid && old != nil && old.Run == cur.Int64
	switch {
	case old == nil && art == nil:
		return nil
	case old == nil:
		if !crawl {
			return nil
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE url = ?`, art.URL).Scan(&id); err != nil {
			return fmt.Errorf("record new article %s: %w", art.URL, err)
		}
		return addChange(ctx, tx, cur, id, art.URL, ChangeNew, art.FetchedAt, 0)
	case art == nil:
		// A re-reading found no article. One this run created was only
		// ever a provisional reading: it leaves no trace. An older one
		// keeps its text.
		var fresh int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM article_changes WHERE article_id = ? AND run_id IS ? AND kind = ?`,
			old.ID, cur, ChangeNew).Scan(&fresh); err != nil {
			return fmt.Errorf("remove article %s: %w", old.URL, err)
		}
		if crawl && sameRun && fresh > 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM article_changes WHERE article_id = ? AND run_id IS ?`, old.ID, cur); err != nil {
				return fmt.Errorf("remove article %s: %w", old.URL, err)
			}
			return nil
		}
		_, err := saveVersion(ctx, tx, old, CauseReextract, cur, time.Now())
		return err
	}
	reread := art.FetchedAt.Equal(old.FetchedAt)
	edited := old.SHA256 != art.SHA256 || old.Title != art.Title
	switch {
	case sameRun && crawl:
		if edited {
			return s.rewrite(ctx, tx, old, art, cur)
		}
		return nil
	case edited && (reread || !crawl):
		_, err := saveVersion(ctx, tx, old, CauseReextract, cur, time.Now())
		return err
	case edited:
		v, err := saveVersion(ctx, tx, old, CauseEdit, run, art.FetchedAt)
		if err != nil {
			return err
		}
		if err := addChange(ctx, tx, cur, old.ID, art.URL, ChangeChanged, art.FetchedAt, v); err != nil {
			return err
		}
	case crawl && !reread:
		if err := addCount(ctx, tx, cur, countUnchanged, 1); err != nil {
			return err
		}
	}
	if crawl && !reread && !old.GoneAt.IsZero() {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET gone_at = NULL, gone_run = NULL WHERE id = ?`, old.ID); err != nil {
			return fmt.Errorf("record article %s back: %w", art.URL, err)
		}
		return addChange(ctx, tx, cur, old.ID, art.URL, ChangeBack, art.FetchedAt, 0)
	}
	return nil
}

// rewrite records a crawl writing other text over an article it already
// wrote in this run. What the run changed is judged against the text from
// before the run: kept in the version this run made, if it made one; else
// old itself, which the run found unchanged, unless the run found the
// article new.
func (s *Store) rewrite(ctx context.Context, tx *sql.Tx, old, art *Article, cur sql.NullInt64) error {
	var (
		base       int64
		sum, title sql.NullString
	)
	err := tx.QueryRowContext(ctx, `SELECT id, sha256, title FROM article_versions
WHERE article_id = ? AND replaced_run = ? AND cause = ? ORDER BY id DESC LIMIT 1`, old.ID, cur, CauseEdit).Scan(&base, &sum, &title)
	switch {
	case err == nil:
		if sum.String != art.SHA256 || title.String != art.Title {
			return nil // still changed; the diff reads the current row
		}
		// Back to the text from before the run: it changed nothing.
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_changes WHERE version_id = ?`, base); err != nil {
			return fmt.Errorf("record article %s: %w", art.URL, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_versions WHERE id = ?`, base); err != nil {
			return fmt.Errorf("record article %s: %w", art.URL, err)
		}
		return addCount(ctx, tx, cur, countUnchanged, 1)
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("record article %s: %w", art.URL, err)
	}
	var fresh int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM article_changes WHERE article_id = ? AND run_id IS ? AND kind = ?`,
		old.ID, cur, ChangeNew).Scan(&fresh); err != nil {
		return fmt.Errorf("record article %s: %w", art.URL, err)
	}
	if fresh > 0 {
		return nil
	}
	v, err := saveVersion(ctx, tx, old, CauseEdit, cur, art.FetchedAt)
	if err != nil {
		return err
	}
	if err := addChange(ctx, tx, cur, old.ID, art.URL, ChangeChanged, art.FetchedAt, v); err != nil {
		return err
	}
	return addCount(ctx, tx, cur, countUnchanged, -1)
}

// saveVersion keeps old's text in article_versions, replaced by run at
// the given time, and returns the version's id.
func saveVersion(ctx context.Context, tx *sql.Tx, old *Article, cause string, run sql.NullInt64, at time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, `
INSERT INTO article_versions (article_id, url, run_id, fetched_at, sha256, title, published, text, cause, replaced_run, replaced_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		old.ID, old.URL, nullInt(old.Run), formatTime(old.FetchedAt), old.SHA256, old.Title, old.Published, old.Text,
		cause, run, formatTime(at))
	if err != nil {
		return 0, fmt.Errorf("keep earlier version of %s: %w", old.URL, err)
	}
	return res.LastInsertId()
}

func addChange(ctx context.Context, tx *sql.Tx, run sql.NullInt64, id int64, url, kind string, at time.Time, version int64) error {
	if at.IsZero() {
		at = time.Now()
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_changes (run_id, article_id, url, kind, at, version_id) VALUES (?, ?, ?, ?, ?, ?)`,
		run, id, url, kind, formatTime(at), nullInt(version)); err != nil {
		return fmt.Errorf("record %s article %s: %w", kind, url, err)
	}
	return nil
}

// addCount adds delta to a tally of run; writes outside a run count
// nothing. Inside the writer the delta joins the call's tally, which the
// writer sums over its batch (see runBatch); every page counts at least
// once, and an upsert per page per counter was a third of the statements
// of a revalidation.
func addCount(ctx context.Context, tx *sql.Tx, run sql.NullInt64, kind string, delta int) error {
	if !run.Valid {
		return nil
	}
	if t, ok := ctx.Value(tallyKey{}).(tally); ok {
		t[countKey{run.Int64, kind}] += delta
		return nil
	}
	return writeCount(ctx, tx, run.Int64, kind, delta)
}

func writeCount(ctx context.Context, tx *sql.Tx, run int64, kind string, delta int) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO run_counts (run_id, kind, n) VALUES (?, ?, ?)
ON CONFLICT (run_id, kind) DO UPDATE SET n = n + excluded.n`, run, kind, delta); err != nil {
		return fmt.Errorf("count %s pages of run %d: %w", kind, run, err)
	}
	return nil
}

// tally is the run_counts deltas of one write call, or of a batch of them.
type tally map[countKey]int

type countKey struct {
	run  int64
	kind string
}

// tallyKey finds the write call's tally in its context.
type tallyKey struct{}

// add merges o into t.
func (t tally) add(o tally) {
	for k, n := range o {
		t[k] += n
	}
}

// write adds the tally to run_counts.
func (t tally) write(ctx context.Context, tx *sql.Tx) error {
	for k, n := range t {
		if n == 0 {
			continue
		}
		if err := writeCount(ctx, tx, k.run, k.kind, n); err != nil {
			return err
		}
	}
	return nil
}

// noteFetch tallies one recorded fetch for its run and marks gone the
// articles of a page that answers 404 or 410. It runs in Complete's
// transaction, before the pages row is overwritten, so the page's earlier
// final URL (where its article is stored) can still be read.
func (s *Store) noteFetch(ctx context.Context, tx *sql.Tx, r Result, run sql.NullInt64) error {
	if r.Blocked {
		return nil
	}
	p := r.Page
	if err := addCount(ctx, tx, run, countPages, 1); err != nil {
		return err
	}
	if p.Error != "" {
		if err := addCount(ctx, tx, run, countFailed, 1); err != nil {
			return err
		}
	}
	if r.Unchanged {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE url = ? OR url = (SELECT final_url FROM pages WHERE url = ?)`,
			p.URL, p.URL).Scan(&n); err != nil {
			return fmt.Errorf("count unchanged article %s: %w", p.URL, err)
		}
		if n > 0 {
			return addCount(ctx, tx, run, countUnchanged, 1)
		}
	}
	if (p.Status == http.StatusNotFound || p.Status == http.StatusGone) && r.Article == nil {
		return markGone(ctx, tx, p, run)
	}
	return nil
}

// markGone marks gone the live articles stored for page p: under its URL,
// where it was redirected now, or where it was redirected last time. The
// rows stay, text and all; only export leaves them out.
func markGone(ctx context.Context, tx *sql.Tx, p Page, run sql.NullInt64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, url FROM articles WHERE gone_at IS NULL
	AND (url = ? OR url = ? OR url = (SELECT final_url FROM pages WHERE url = ?))`, p.URL, p.FinalURL, p.URL)
	if err != nil {
		return fmt.Errorf("mark article of %s gone: %w", p.URL, err)
	}
	type gone struct {
		id  int64
		url string
	}
	var list []gone
	for rows.Next() {
		var g gone
		if err := rows.Scan(&g.id, &g.url); err != nil {
			rows.Close()
			return fmt.Errorf("mark article of %s gone: %w", p.URL, err)
		}
		list = append(list, g)
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("mark article of %s gone: %w", p.URL, err)
	}
	at := p.FetchedAt
	if at.IsZero() {
		at = time.Now()
	}
	for _, g := range list {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET gone_at = ?, gone_run = ? WHERE id = ?`, formatTime(at), run, g.id); err != nil {
			return fmt.Errorf("mark article %s gone: %w", g.url, err)
		}
		if err := addChange(ctx, tx, run, g.id, g.url, ChangeGone, at, 0); err != nil {
			return err
		}
	}
	return nil
}

// liveCondition is the articles WHERE condition that leaves gone
// articles out, for a listing that leaves duplicates out too (dups false)
// or not. A duplicate whose original is gone stands in for it: the first
// live one of them is listed, so a text still on the site is never left
// out because the URL it was first found under went away.
func liveCondition(dups bool) string {
	if dups {
		return `gone_at IS NULL`
	}
	return `gone_at IS NULL AND (duplicate_of IS NULL OR id = (
	SELECT MIN(d.id) FROM articles d JOIN articles o ON o.id = d.duplicate_of
	WHERE d.duplicate_of = articles.duplicate_of AND d.gone_at IS NULL AND o.gone_at IS NOT NULL))`
}
