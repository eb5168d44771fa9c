package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Articles returns every article, ordered by URL.
func (s *Store) Articles(ctx context.Context) ([]Article, error) {
	rows, err := s.rdb.QueryContext(ctx, `
SELECT id, url, site, title, published, published_raw, text, lang, words, sha256, fetched_at
FROM articles ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("read articles from %q: %w", s.path, err)
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		var (
			a                                                  Article
			site, title, pub, pubRaw, text, lang, sum, fetched sql.NullString
			words                                              sql.NullInt64
		)
		if err := rows.Scan(&a.ID, &a.URL, &site, &title, &pub, &pubRaw, &text, &lang, &words, &sum, &fetched); err != nil {
			return nil, fmt.Errorf("read articles from %q: %w", s.path, err)
		}
		// Columns are nullable because users may insert rows by hand.
		a.Site, a.Title, a.Published, a.PublishedRaw = site.String, title.String, pub.String, pubRaw.String
		a.Text, a.Lang, a.SHA256, a.Words = text.String, lang.String, sum.String, int(words.Int64)
		if a.FetchedAt, err = parseTime(fetched); err != nil {
			return nil, fmt.Errorf("read article %s: %w", a.URL, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read articles from %q: %w", s.path, err)
	}
	return out, nil
}

// Pages returns every fetch record, ordered by URL.
func (s *Store) Pages(ctx context.Context) ([]Page, error) {
	rows, err := s.rdb.QueryContext(ctx, `
SELECT url, final_url, status, content_type, fetched_at, sha256, size, page_type, error, depth,
	warc_file, warc_offset, warc_length
FROM pages ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("read pages from %q: %w", s.path, err)
	}
	defer rows.Close()
	var out []Page
	for rows.Next() {
		var (
			p                                       Page
			final, ctype, fetched, sum, ptype, perr sql.NullString
			status, size, depth                     sql.NullInt64
		)
		if err := rows.Scan(&p.URL, &final, &status, &ctype, &fetched, &sum, &size, &ptype, &perr, &depth,
			&p.WarcFile, &p.WarcOffset, &p.WarcLength); err != nil {
			return nil, fmt.Errorf("read pages from %q: %w", s.path, err)
		}
		p.FinalURL, p.ContentType, p.SHA256, p.PageType, p.Error = final.String, ctype.String, sum.String, ptype.String, perr.String
		p.Status, p.Size, p.Depth = int(status.Int64), size.Int64, int(depth.Int64)
		if p.FetchedAt, err = parseTime(fetched); err != nil {
			return nil, fmt.Errorf("read page %s: %w", p.URL, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read pages from %q: %w", s.path, err)
	}
	return out, nil
}

// PageCount returns the number of fetch records.
func (s *Store) PageCount(ctx context.Context) (int, error) {
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM pages`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count pages in %q: %w", s.path, err)
	}
	return n, nil
}
