package store

import (
	"context"
	"fmt"
)

// Failure is a page whose last fetch failed.
type Failure struct {
	URL, Error string
}

// Failures returns the pages whose last fetch failed, by URL: all of them
// when run is 0, else those fetched in run. A crawl under cron compares
// the two to report only what broke since the last run.
func (s *Store) Failures(ctx context.Context, run int64) ([]Failure, error) {
	q := `SELECT url, error FROM pages WHERE error != ''`
	var args []any
	if run != 0 {
		q += ` AND run_id = ?`
		args = append(args, run)
	}
	rows, err := s.rdb.QueryContext(ctx, q+` ORDER BY url`, args...)
	if err != nil {
		return nil, fmt.Errorf("read failed pages from %q: %w", s.path, err)
	}
	defer rows.Close()
	var out []Failure
	for rows.Next() {
		var f Failure
		if err := rows.Scan(&f.URL, &f.Error); err != nil {
			return nil, fmt.Errorf("read failed pages from %q: %w", s.path, err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read failed pages from %q: %w", s.path, err)
	}
	return out, nil
}

// Totals are the corpus's sizes.
type Totals struct {
	Articles int // distinct texts: duplicates left out
	Sites    int // hosts with an article
	Pages    int // fetch records
}

// CorpusTotals counts the corpus, for the end of a crawl's summary.
func (s *Store) CorpusTotals(ctx context.Context) (Totals, error) {
	var t Totals
	err := s.rdb.QueryRowContext(ctx, `SELECT
	(SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL),
	(SELECT COUNT(DISTINCT site) FROM articles),
	(SELECT COUNT(*) FROM pages)`).Scan(&t.Articles, &t.Sites, &t.Pages)
	if err != nil {
		return Totals{}, fmt.Errorf("count the corpus in %q: %w", s.path, err)
	}
	return t, nil
}
