package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Articles returns every article, duplicates included, ordered by URL.
func (s *Store) Articles(ctx context.Context) ([]Article, error) {
	var out []Article
	err := s.EachArticle(ctx, ArticleFilter{Duplicates: true}, func(a Article) error {
		out = append(out, a)
		return nil
	})
	slices.SortFunc(out, func(a, b Article) int { return strings.Compare(a.URL, b.URL) })
	return out, err
}

// Pages returns every fetch record, ordered by URL.
func (s *Store) Pages(ctx context.Context) ([]Page, error) {
	rows, err := s.rdb.QueryContext(ctx, `
SELECT url, final_url, status, content_type, fetched_at, sha256, size, page_type, error, depth,
	warc_file, warc_offset, warc_length, etag, last_modified
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
			&p.WarcFile, &p.WarcOffset, &p.WarcLength, &p.ETag, &p.LastModified); err != nil {
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

// ArticleFilter narrows EachArticle.
type ArticleFilter struct {
	Site       string // only this host, when set
	Since      string // only articles published on or after this date, when set
	Duplicates bool   // include articles whose text an earlier article has
}

// EachArticle calls fn for every article matching f, in id order, reading
// them one at a time so an export of a large corpus stays small in memory.
func (s *Store) EachArticle(ctx context.Context, f ArticleFilter, fn func(Article) error) error {
	query := `SELECT id, url, site, title, published, published_raw, text, lang, words, sha256, fetched_at, duplicate_of FROM articles WHERE 1=1`
	var args []any
	if !f.Duplicates {
		query += ` AND duplicate_of IS NULL`
	}
	if f.Site != "" {
		query += ` AND site = ?`
		args = append(args, f.Site)
	}
	if f.Since != "" {
		query += ` AND published >= ?`
		args = append(args, f.Since)
	}
	rows, err := s.rdb.QueryContext(ctx, query+` ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("read articles from %q: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			a                                                  Article
			site, title, pub, pubRaw, text, lang, sum, fetched sql.NullString
			words, dup                                         sql.NullInt64
		)
		if err := rows.Scan(&a.ID, &a.URL, &site, &title, &pub, &pubRaw, &text, &lang, &words, &sum, &fetched, &dup); err != nil {
			return fmt.Errorf("read articles from %q: %w", s.path, err)
		}
		a.Site, a.Title, a.Published, a.PublishedRaw = site.String, title.String, pub.String, pubRaw.String
		a.Text, a.Lang, a.SHA256, a.Words = text.String, lang.String, sum.String, int(words.Int64)
		a.DuplicateOf = dup.Int64
		if a.FetchedAt, err = parseTime(fetched); err != nil {
			return fmt.Errorf("read article %s: %w", a.URL, err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read articles from %q: %w", s.path, err)
	}
	return nil
}

// Validators returns what the last successful fetch of url said about its
// version (ETag, Last-Modified), for a conditional request; empty when
// there is none or the page failed.
func (s *Store) Validators(ctx context.Context, url string) (etag, lastModified string, err error) {
	err = s.rdb.QueryRowContext(ctx, `
SELECT etag, last_modified FROM pages WHERE url = ? AND status = 200 AND error = '' AND sha256 != ''`, url).
		Scan(&etag, &lastModified)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("read validators of %s: %w", url, err)
	}
	return etag, lastModified, nil
}
