package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Version is one text of an article: an earlier one kept in
// article_versions, or the current row (ID 0).
type Version struct {
	ID        int64 // article_versions.id; 0 for the article as it is now
	ArticleID int64
	URL       string
	Run       int64 // the run that fetched this text
	FetchedAt time.Time
	SHA256    string
	Title     string
	Published string
	Text      string
	// Cause is why it was replaced (CauseEdit, CauseReextract), "" for the
	// current text; ReplacedRun and ReplacedAt say when.
	Cause       string
	ReplacedRun int64
	ReplacedAt  time.Time
}

// Change is one row of article_changes: what a run found about an article.
type Change struct {
	ID        int64
	Kind      string // ChangeNew, ChangeChanged, ChangeGone, ChangeBack
	Run       int64
	At        time.Time // the fetch that found it
	ArticleID int64
	URL       string
	Title     string // the article's title now; "" if its row is gone
	// Before and After are, for ChangeChanged, the texts either side of
	// the change: the version it replaced and the one that replaced it
	// (the current article, or a later version if it changed again).
	Before, After *Version
}

// ChangeFilter selects changes: those of one run, or found since a time.
type ChangeFilter struct {
	Run   int64     // only this run, when not 0
	Since time.Time // only changes found at or after this time, when not zero
}

// Changes returns the changes f selects, in the order they were found.
func (s *Store) Changes(ctx context.Context, f ChangeFilter) ([]Change, error) {
	query := `
SELECT c.id, c.kind, c.run_id, c.at, c.article_id, c.url, COALESCE(a.title, ''), c.version_id
FROM article_changes c LEFT JOIN articles a ON a.id = c.article_id WHERE 1=1`
	var args []any
	if f.Run != 0 {
		query += ` AND c.run_id = ?`
		args = append(args, f.Run)
	}
	if !f.Since.IsZero() {
		query += ` AND c.at >= ?`
		args = append(args, formatTime(f.Since))
	}
	rows, err := s.rdb.QueryContext(ctx, query+` ORDER BY c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read changes from %q: %w", s.path, err)
	}
	var (
		out      []Change
		versions []sql.NullInt64
	)
	for rows.Next() {
		var (
			c       Change
			run, vr sql.NullInt64
			at      sql.NullString
		)
		if err := rows.Scan(&c.ID, &c.Kind, &run, &at, &c.ArticleID, &c.URL, &c.Title, &vr); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read changes from %q: %w", s.path, err)
		}
		c.Run = run.Int64
		if c.At, err = parseTime(at); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read change %d: %w", c.ID, err)
		}
		out = append(out, c)
		versions = append(versions, vr)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("read changes from %q: %w", s.path, err)
	}
	// The texts are read once the list is: a changes listing holds no
	// connection while it reads them.
	for i := range out {
		if out[i].Kind != ChangeChanged || !versions[i].Valid {
			continue
		}
		if out[i].Before, out[i].After, err = s.versionPair(ctx, versions[i].Int64); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// versionColumns are the article_versions columns scanVersion reads.
const versionColumns = `id, article_id, url, run_id, fetched_at, sha256, title, published, text, cause, replaced_run, replaced_at`

func scanVersion(row interface{ Scan(...any) error }) (Version, error) {
	var (
		v                                     Version
		run, replaced                         sql.NullInt64
		fetched, sum, title, pub, text, repAt sql.NullString
	)
	if err := row.Scan(&v.ID, &v.ArticleID, &v.URL, &run, &fetched, &sum, &title, &pub, &text, &v.Cause, &replaced, &repAt); err != nil {
		return Version{}, err
	}
	v.Run, v.ReplacedRun = run.Int64, replaced.Int64
	v.SHA256, v.Title, v.Published, v.Text = sum.String, title.String, pub.String, text.String
	var err error
	if v.FetchedAt, err = parseTime(fetched); err != nil {
		return Version{}, fmt.Errorf("read version %d: %w", v.ID, err)
	}
	if v.ReplacedAt, err = parseTime(repAt); err != nil {
		return Version{}, fmt.Errorf("read version %d: %w", v.ID, err)
	}
	return v, nil
}

// versionPair returns version id and the text that replaced it: the next
// version of the same article, or the article as it is now.
func (s *Store) versionPair(ctx context.Context, id int64) (before, after *Version, err error) {
	b, err := scanVersion(s.rdb.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM article_versions WHERE id = ?`, id))
	if err != nil {
		return nil, nil, fmt.Errorf("read version %d: %w", id, err)
	}
	a, err := scanVersion(s.rdb.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM article_versions
WHERE article_id = ? AND id > ? ORDER BY id LIMIT 1`, b.ArticleID, id))
	switch {
	case err == nil:
		return &b, &a, nil
	case !errors.Is(err, sql.ErrNoRows):
		return nil, nil, fmt.Errorf("read version after %d: %w", id, err)
	}
	cur, err := scanArticle(s.rdb.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`, b.ArticleID))
	if errors.Is(err, sql.ErrNoRows) {
		return &b, nil, nil // the article was removed since (re-extracted as no article)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read article %d: %w", b.ArticleID, err)
	}
	return &b, currentVersion(cur), nil
}

func currentVersion(a Article) *Version {
	return &Version{ArticleID: a.ID, URL: a.URL, Run: a.Run, FetchedAt: a.FetchedAt, SHA256: a.SHA256,
		Title: a.Title, Published: a.Published, Text: a.Text}
}

// Versions returns the earlier texts of the article with this id, oldest
// first; the current text is the articles row.
func (s *Store) Versions(ctx context.Context, articleID int64) ([]Version, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+versionColumns+` FROM article_versions WHERE article_id = ? ORDER BY id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("read versions of article %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("read versions of article %d: %w", articleID, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read versions of article %d: %w", articleID, err)
	}
	return out, nil
}
