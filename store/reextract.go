package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ArchivedPages returns the pages a re-extraction can read again: fetched
// without error, with a response (or revisit) record in the WARC archive.
// They come in archive order (file, then offset), so the files are read
// front to back.
func (s *Store) ArchivedPages(ctx context.Context) ([]Page, error) {
	return s.queryPages(ctx, `WHERE warc_file != '' AND error = '' AND status > 0 ORDER BY warc_file, warc_offset, url`)
}

// Reextraction is a page extracted again from its archived response, with
// no fetch: what `govcorpus reextract` stores.
type Reextraction struct {
	URL      string // pages.url
	PageType string // as extracted now
	// Article is the page's article as extracted now (URL, Site and
	// FetchedAt filled in), nil unless the page is an article with text.
	Article *Article
}

// ArticleChange says what a Reextraction did to the page's articles row.
type ArticleChange int

// What a Reextraction can do to an articles row.
const (
	ArticleSame    ArticleChange = iota // no row before or after, or the same text, title and date
	ArticleAdded                        // the page is an article now and had no row
	ArticleUpdated                      // text, title, date or language changed
	ArticleRemoved                      // the page is no longer an article: its row is gone
)

// ReextractChange is what applying one Reextraction changed.
type ReextractChange struct {
	TypeChanged bool // pages.page_type changed
	Article     ArticleChange
}

// ApplyReextractions stores pages extracted again, in one transaction. An
// article that is now a listing or other page, or has no text, is removed
// from articles (and so from search and export); a new one gets its row,
// search entry and duplicate mark as a crawl gives it. An updated article
// keeps its id, fetch time and run. Nothing else of the page row changes:
// the fetch it describes is the same.
func (s *Store) ApplyReextractions(ctx context.Context, rs []Reextraction) ([]ReextractChange, error) {
	out := make([]ReextractChange, len(rs))
	err := s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for i, r := range rs {
			c, err := s.applyReextraction(ctx, tx, r)
			if err != nil {
				return fmt.Errorf("reextract %s: %w", r.URL, err)
			}
			out[i] = c
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store %d re-extracted pages: %w", len(rs), err)
	}
	return out, nil
}

func (s *Store) applyReextraction(ctx context.Context, tx *sql.Tx, r Reextraction) (ReextractChange, error) {
	var (
		c                      ReextractChange
		pageType, final, fetch sql.NullString
		run                    sql.NullInt64
	)
	err := tx.QueryRowContext(ctx, `SELECT page_type, final_url, fetched_at, run_id FROM pages WHERE url = ?`, r.URL).
		Scan(&pageType, &final, &fetch, &run)
	if errors.Is(err, sql.ErrNoRows) {
		return c, errors.New("no such page")
	}
	if err != nil {
		return c, fmt.Errorf("read page: %w", err)
	}
	if pageType.String != r.PageType {
		c.TypeChanged = true
		if _, err := tx.ExecContext(ctx, `UPDATE pages SET page_type = ? WHERE url = ?`, r.PageType, r.URL); err != nil {
			return c, fmt.Errorf("save page type: %w", err)
		}
	}
	artURL := final.String
	if artURL == "" {
		artURL = r.URL
	}
	old, oldRun, err := storedArticle(ctx, tx, artURL)
	if err != nil {
		return c, err
	}
	switch {
	case r.Article == nil && old == nil:
	case r.Article == nil:
		c.Article = ArticleRemoved
		err = s.putArticle(ctx, tx, old, nil, run)
	case old == nil:
		c.Article = ArticleAdded
		art := *r.Article
		art.URL = artURL
		if art.FetchedAt.IsZero() {
			if art.FetchedAt, err = parseTime(fetch); err != nil {
				return c, err
			}
		}
		err = s.putArticle(ctx, tx, nil, &art, run)
	case sameExtraction(*old, *r.Article):
	default:
		c.Article = ArticleUpdated
		art := *r.Article
		art.URL, art.FetchedAt = artURL, old.FetchedAt
		err = s.putArticle(ctx, tx, old, &art, oldRun)
	}
	return c, err
}

// sameExtraction reports whether two extractions of a page stored the
// same article.
func sameExtraction(a, b Article) bool {
	return a.Title == b.Title && a.Published == b.Published && a.PublishedRaw == b.PublishedRaw &&
		a.Text == b.Text && a.Lang == b.Lang && a.Words == b.Words && a.SHA256 == b.SHA256 && a.Site == b.Site
}
