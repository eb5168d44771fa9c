package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
)

// CorpusStats is what `govcorpus stats` reports: the corpus now, not one
// run.
type CorpusStats struct {
	Articles   int // live articles, duplicates included
	Duplicates int // of them, the same text as an earlier article
	Gone       int // articles whose page answered 404 or 410
	Versions   int // earlier texts kept
	Pages      int // fetch records
	Failed     int // of them, whose last fetch failed
	Sites      []SiteStats
	Years      []YearStats
	Failures   []FailureStats // the last fetch's errors, most frequent first
}

// SiteStats counts one host's articles.
type SiteStats struct {
	Site                    string
	Articles, Gone, Failed  int
	Duplicates              int
	LastFetched, FirstDated string // RFC 3339 fetch time; earliest published date
	LastDated               string // latest published date
}

// YearStats counts the live articles published in one year; Year is ""
// for articles with no date.
type YearStats struct {
	Year     string
	Articles int
}

// FailureStats counts the pages whose last fetch failed with one error
// class (the HTTP status, or "network" with status 0).
type FailureStats struct {
	Status int // 0: no response (network, robots.txt, too large)
	Pages  int
}

// Stats counts the corpus.
func (s *Store) Stats(ctx context.Context) (CorpusStats, error) {
	var st CorpusStats
	fail := func(err error) (CorpusStats, error) {
		return CorpusStats{}, fmt.Errorf("count the corpus in %q: %w", s.path, err)
	}
	if err := s.rdb.QueryRowContext(ctx, `SELECT
	(SELECT COUNT(*) FROM articles WHERE gone_at IS NULL),
	(SELECT COUNT(*) FROM articles WHERE gone_at IS NULL AND duplicate_of IS NOT NULL),
	(SELECT COUNT(*) FROM articles WHERE gone_at IS NOT NULL),
	(SELECT COUNT(*) FROM article_versions),
	(SELECT COUNT(*) FROM pages),
	(SELECT COUNT(*) FROM pages WHERE error != '' AND error IS NOT NULL)`).
		Scan(&st.Articles, &st.Duplicates, &st.Gone, &st.Versions, &st.Pages, &st.Failed); err != nil {
		return fail(err)
	}
	var err error
	st.Sites, err = collect(ctx, s.rdb, `
SELECT COALESCE(site, ''),
	SUM(gone_at IS NULL), SUM(gone_at IS NOT NULL), SUM(gone_at IS NULL AND duplicate_of IS NOT NULL),
	COALESCE(MAX(fetched_at), ''), COALESCE(MIN(NULLIF(published, '')), ''), COALESCE(MAX(NULLIF(published, '')), '')
FROM articles GROUP BY site ORDER BY site`, func(rows *sql.Rows, x *SiteStats) error {
		return rows.Scan(&x.Site, &x.Articles, &x.Gone, &x.Duplicates, &x.LastFetched, &x.FirstDated, &x.LastDated)
	})
	if err != nil {
		return fail(err)
	}
	if err := s.siteFailures(ctx, st.Sites); err != nil {
		return fail(err)
	}
	// published is RFC 3339 or YYYY-MM-DD, so its first four characters
	// are the year.
	st.Years, err = collect(ctx, s.rdb, `
SELECT COALESCE(substr(NULLIF(published, ''), 1, 4), ''), COUNT(*) FROM articles
WHERE gone_at IS NULL GROUP BY 1 ORDER BY 1`, func(rows *sql.Rows, y *YearStats) error {
		return rows.Scan(&y.Year, &y.Articles)
	})
	if err != nil {
		return fail(err)
	}
	st.Failures, err = collect(ctx, s.rdb, `
SELECT COALESCE(status, 0), COUNT(*) FROM pages WHERE error != '' AND error IS NOT NULL
GROUP BY 1 ORDER BY 2 DESC, 1`, func(rows *sql.Rows, f *FailureStats) error {
		return rows.Scan(&f.Status, &f.Pages)
	})
	if err != nil {
		return fail(err)
	}
	return st, nil
}

// collect reads every row of query into a T with scan.
func collect[T any](ctx context.Context, db *sql.DB, query string, scan func(*sql.Rows, *T) error) ([]T, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// siteFailures fills in each site's failed pages. Pages carry no site
// column; their host is read from the URL.
func (s *Store) siteFailures(ctx context.Context, sites []SiteStats) error {
	idx := make(map[string]int, len(sites))
	for i, x := range sites {
		idx[x.Site] = i
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT url FROM pages WHERE error != '' AND error IS NOT NULL`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return err
		}
		if i, ok := idx[hostname(u)]; ok {
			sites[i].Failed++
		}
	}
	return rows.Err()
}

// ArticleByID returns the article with this id, gone or not; ok is false
// when there is none.
func (s *Store) ArticleByID(ctx context.Context, id int64) (a Article, ok bool, err error) {
	return s.oneArticle(ctx, `WHERE id = ?`, id)
}

// ArticleByURL returns the article stored for url: under that URL, or
// under the URL the page at url was redirected to.
func (s *Store) ArticleByURL(ctx context.Context, url string) (a Article, ok bool, err error) {
	return s.oneArticle(ctx, `WHERE url = ? OR url = (SELECT final_url FROM pages WHERE url = ?) ORDER BY url = ? DESC LIMIT 1`,
		url, url, url)
}

func (s *Store) oneArticle(ctx context.Context, where string, args ...any) (Article, bool, error) {
	a, err := scanArticle(s.rdb.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Article{}, false, nil
	}
	if err != nil {
		return Article{}, false, fmt.Errorf("read article from %q: %w", s.path, err)
	}
	return a, true, nil
}

// PageOf returns the fetch record of url, or of the page redirected to
// url; ok is false when there is none.
func (s *Store) PageOf(ctx context.Context, url string) (Page, bool, error) {
	ps, err := s.queryPages(ctx, `WHERE url = ? OR final_url = ? ORDER BY url = ? DESC, fetched_at DESC LIMIT 1`, url, url, url)
	if err != nil || len(ps) == 0 {
		return Page{}, false, err
	}
	return ps[0], true, nil
}

// hostname is the host of a URL without its port, as articles.site is.
func hostname(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
