package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// articleColumns are the articles columns scanArticle reads, in its order.
const articleColumns = `id, url, site, title, published, published_raw, text, lang, words, sha256, fetched_at, duplicate_of, run_id, gone_at, gone_run`

// scanArticle reads one row of articleColumns, followed by extra columns.
func scanArticle(row interface{ Scan(...any) error }, extra ...any) (Article, error) {
	var (
		a                                                        Article
		site, title, pub, pubRaw, text, lang, sum, fetched, gone sql.NullString
		words, dup, run, goneRun                                 sql.NullInt64
	)
	dest := append([]any{&a.ID, &a.URL, &site, &title, &pub, &pubRaw, &text, &lang, &words, &sum, &fetched, &dup,
		&run, &gone, &goneRun}, extra...)
	if err := row.Scan(dest...); err != nil {
		return Article{}, err
	}
	a.Site, a.Title, a.Published, a.PublishedRaw = site.String, title.String, pub.String, pubRaw.String
	a.Text, a.Lang, a.SHA256, a.Words = text.String, lang.String, sum.String, int(words.Int64)
	a.DuplicateOf, a.Run, a.GoneRun = dup.Int64, run.Int64, goneRun.Int64
	var err error
	if a.FetchedAt, err = parseTime(fetched); err != nil {
		return Article{}, fmt.Errorf("read article %s: %w", a.URL, err)
	}
	if a.GoneAt, err = parseTime(gone); err != nil {
		return Article{}, fmt.Errorf("read article %s: %w", a.URL, err)
	}
	return a, nil
}

// storedArticle reads the articles row of url in the caller's transaction,
// with the run that wrote it; nil when there is none.
func storedArticle(ctx context.Context, tx *sql.Tx, url string) (*Article, sql.NullInt64, error) {
	a, err := scanArticle(tx.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE url = ?`, url))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sql.NullInt64{}, nil
	}
	if err != nil {
		return nil, sql.NullInt64{}, fmt.Errorf("look up article %s: %w", url, err)
	}
	return &a, nullInt(a.Run), nil
}

// putArticle is the one place an articles row is created (old nil),
// changed, or removed (art nil), together with its search entry and the
// duplicate marks that depend on its text. old is the row as stored; art
// carries URL, Site and FetchedAt already filled in, and run is stamped on
// the row.
//
// Every crawl, recrawl and reextract write passes through here, so this is
// also where history is kept (see history): the old text saved as a
// version before it is overwritten or removed, and the run's changes.
func (s *Store) putArticle(ctx context.Context, tx *sql.Tx, old, art *Article, run sql.NullInt64) error {
	if err := s.writeArticle(ctx, tx, old, art, run); err != nil {
		return err
	}
	return s.history(ctx, tx, old, art, run)
}

// writeArticle changes the articles row, its search entry and duplicate
// marks, as putArticle describes.
func (s *Store) writeArticle(ctx context.Context, tx *sql.Tx, old, art *Article, run sql.NullInt64) error {
	if art == nil {
		if old == nil {
			return nil
		}
		if err := s.queueSearch(ctx, tx, old.ID); err != nil {
			return fmt.Errorf("remove article %s: %w", old.URL, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, old.ID); err != nil {
			return fmt.Errorf("remove article %s: %w", old.URL, err)
		}
		return s.relinkDuplicates(ctx, tx, old.ID)
	}
	// Upsert rather than INSERT OR REPLACE: REPLACE would delete the row
	// and give the article a new id.
	if _, err := tx.ExecContext(ctx, `
INSERT INTO articles (url, site, title, published, published_raw, text, lang, words, sha256, fetched_at, run_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (url) DO UPDATE SET
	site = excluded.site, title = excluded.title, published = excluded.published,
	published_raw = excluded.published_raw, text = excluded.text, lang = excluded.lang,
	words = excluded.words, sha256 = excluded.sha256, fetched_at = excluded.fetched_at, run_id = excluded.run_id`,
		art.URL, art.Site, art.Title, art.Published, art.PublishedRaw, art.Text, art.Lang, art.Words,
		art.SHA256, formatTime(art.FetchedAt), run); err != nil {
		return fmt.Errorf("save article %s: %w", art.URL, err)
	}
	if err := s.indexArticle(ctx, tx, *art); err != nil {
		return err
	}
	if old != nil && old.SHA256 != art.SHA256 {
		return s.relinkDuplicates(ctx, tx, old.ID)
	}
	return nil
}

// relinkDuplicates decides again, in id order, what the articles marked
// duplicates of id are, once id's text has changed or gone: the first of
// them becomes the original (and is searched), the others its duplicates.
func (s *Store) relinkDuplicates(ctx context.Context, tx *sql.Tx, id int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE duplicate_of = ? ORDER BY id`, id)
	if err != nil {
		return fmt.Errorf("relink duplicates of article %d: %w", id, err)
	}
	var dups []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("relink duplicates of article %d: %w", id, err)
		}
		dups = append(dups, a)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("relink duplicates of article %d: %w", id, err)
	}
	for _, a := range dups {
		if err := s.indexArticle(ctx, tx, a); err != nil {
			return err
		}
	}
	return nil
}
