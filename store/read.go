package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Articles returns every article, duplicates and gone ones included,
// ordered by URL.
func (s *Store) Articles(ctx context.Context) ([]Article, error) {
	var out []Article
	err := s.EachArticle(ctx, ArticleFilter{Duplicates: true, Gone: true}, func(a Article) error {
		out = append(out, a)
		return nil
	})
	slices.SortFunc(out, func(a, b Article) int { return strings.Compare(a.URL, b.URL) })
	return out, err
}

// Pages returns every fetch record, ordered by URL.
func (s *Store) Pages(ctx context.Context) ([]Page, error) {
	return s.queryPages(ctx, `ORDER BY url`)
}

// queryPages reads the pages rows that rest (a WHERE and ORDER BY clause)
// selects.
func (s *Store) queryPages(ctx context.Context, rest string, args ...any) ([]Page, error) {
	rows, err := s.rdb.QueryContext(ctx, `
SELECT url, final_url, status, content_type, fetched_at, sha256, size, page_type, error, depth,
	warc_file, warc_offset, warc_length, etag, last_modified
FROM pages `+rest, args...)
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
	Since      string // only articles dated on or after this day (YYYY-MM-DD), when set
	Until      string // only articles dated on or before this day (YYYY-MM-DD), when set
	Duplicates bool   // include articles whose text an earlier article has
	Gone       bool   // include articles whose page answered 404 or 410 (see Article.GoneAt)
	// DateField is the date Since and Until compare: DatePublished (the
	// default) or DateFetched.
	DateField DateField
	// DropUndated leaves out, when Since or Until is set, the articles
	// whose publication date is unknown; by default they are kept, since
	// most articles of many sites show no date and a date filter would
	// otherwise empty the corpus without saying so.
	DropUndated bool
}

// DateField names the date an ArticleFilter compares.
type DateField string

// The dates an article has.
const (
	DatePublished DateField = "published"  // the date the page shows, in its own zone
	DateFetched   DateField = "fetched_at" // when the crawl fetched it, UTC
)

// publishedIsDate is true for an articles row whose published value starts
// with a day, as the extractor writes it (YYYY-MM-DD, or RFC 3339).
const publishedIsDate = `COALESCE(published, '') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'`

// where returns f as SQL conditions on the articles table and their
// arguments. Both date columns start with the day (YYYY-MM-DD), so plain
// string comparisons select whole days and can use the published index.
func (f ArticleFilter) where() (string, []any, error) {
	var (
		conds []string
		args  []any
	)
	switch {
	case !f.Gone:
		conds = append(conds, liveCondition(f.Duplicates))
	case !f.Duplicates:
		conds = append(conds, `duplicate_of IS NULL`)
	}
	if f.Site != "" {
		conds = append(conds, `site = ?`)
		args = append(args, f.Site)
	}
	col := DatePublished
	switch f.DateField {
	case "", DatePublished:
	case DateFetched:
		col = DateFetched
	default:
		return "", nil, fmt.Errorf("unknown date field %q", f.DateField)
	}
	var dated []string
	if f.Since != "" {
		dated = append(dated, string(col)+` >= ?`)
		args = append(args, f.Since)
	}
	if f.Until != "" {
		next, err := nextDay(f.Until)
		if err != nil {
			return "", nil, err
		}
		dated = append(dated, string(col)+` < ?`)
		args = append(args, next)
	}
	if len(dated) > 0 {
		cond := strings.Join(dated, ` AND `)
		if col == DatePublished {
			// A value that does not start with a day (none, or what an
			// older extractor kept) is no date: it neither passes nor
			// fails a range, and the undated policy decides.
			cond = publishedIsDate + ` AND ` + cond
			if !f.DropUndated {
				cond = `((` + cond + `) OR NOT ` + publishedIsDate + `)`
			}
		}
		conds = append(conds, cond)
	}
	if len(conds) == 0 {
		return ``, args, nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args, nil
}

// nextDay is the day after day (YYYY-MM-DD): a value below it is on or
// before day, whatever time of day follows the date.
func nextDay(day string) (string, error) {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return "", fmt.Errorf("date %q: want YYYY-MM-DD", day)
	}
	return t.AddDate(0, 0, 1).Format(time.DateOnly), nil
}

// EachArticle calls fn for every article matching f, in id order, reading
// them one at a time so an export of a large corpus stays small in memory.
func (s *Store) EachArticle(ctx context.Context, f ArticleFilter, fn func(Article) error) error {
	where, args, err := f.where()
	if err != nil {
		return fmt.Errorf("read articles from %q: %w", s.path, err)
	}
	query := `SELECT ` + articleColumns + ` FROM articles` + where
	rows, err := s.rdb.QueryContext(ctx, query+` ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("read articles from %q: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return fmt.Errorf("read articles from %q: %w", s.path, err)
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

// CountArticles returns how many articles EachArticle would call fn with
// for f, so an export can size what it keeps per article up front.
func (s *Store) CountArticles(ctx context.Context, f ArticleFilter) (int, error) {
	where, args, err := f.where()
	if err != nil {
		return 0, fmt.Errorf("count articles in %q: %w", s.path, err)
	}
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles in %q: %w", s.path, err)
	}
	return n, nil
}

// Validators returns what the last successful fetch of url said about its
// version (ETag, Last-Modified), for a conditional request; empty when
// there is none or the page failed.
func (s *Store) Validators(ctx context.Context, url string) (etag, lastModified string, err error) {
	err = s.rdb.QueryRowContext(ctx, `
SELECT etag, last_modified FROM pages p WHERE url = ? AND `+lastGoodFetch, url).
		Scan(&etag, &lastModified)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("read validators of %s: %w", url, err)
	}
	return etag, lastModified, nil
}

// StoredBody returns the sha256 of the body kept from the last successful
// fetch of url and the URL it was finally served from; empty when there
// is none or the page failed. A crawl that fetches the same body again
// (a server that sends no validators) records it as unchanged instead of
// reading it again.
func (s *Store) StoredBody(ctx context.Context, url string) (sha256, finalURL string, err error) {
	err = s.rdb.QueryRowContext(ctx, `
SELECT sha256, COALESCE(final_url, '') FROM pages p WHERE url = ? AND `+lastGoodFetch, url).
		Scan(&sha256, &finalURL)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("read stored body of %s: %w", url, err)
	}
	return sha256, finalURL, nil
}
