package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// MergeStats counts what merging one shard brought in.
type MergeStats struct {
	Runs, Pages, Articles, Captures int
}

// Merge adds a worker's shard (a database another crawl wrote, of this
// schema version) to this one. Pages and articles are keyed by URL and
// the newest fetch wins; the text it replaces, when different, is kept in
// article_versions, as a recrawl keeps an edited article's earlier text.
// Runs get new ids (every run_id follows them), captures are added with
// their WARC pointers as they are, template statistics add up, and the
// frontier keeps a URL done when any shard has it done. The search index
// and the duplicate marks are rebuilt over the whole corpus. One
// transaction per shard: a failed merge leaves this database as it was.
func (s *Store) Merge(ctx context.Context, shard string) (MergeStats, error) {
	var st MergeStats
	if s.readOnly {
		return st, ErrReadOnly
	}
	if err := sameFile(s.path, shard); err != nil {
		return st, err
	}
	uri, err := fileURI(shard)
	if err != nil {
		return st, err
	}
	if _, err := os.Stat(shard); err != nil {
		return st, fmt.Errorf("merge %s: %w", shard, err)
	}
	// The writer owns the only connection; merging takes it for the
	// while (ATTACH is per connection, and not allowed in a transaction).
	conn, err := s.wdb.Conn(ctx)
	if err != nil {
		return st, fmt.Errorf("merge %s: %w", shard, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS shard`, uri+"?mode=ro"); err != nil {
		return st, fmt.Errorf("merge %s: open: %w", shard, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE shard`)
	var v int
	if err := conn.QueryRowContext(ctx, `PRAGMA shard.user_version`).Scan(&v); err != nil {
		return st, fmt.Errorf("merge %s: %w", shard, err)
	}
	if v != len(migrations) {
		return st, fmt.Errorf("merge %s: schema version %d, this corpus has %d (open the shard with this govcorpus first, e.g. govcorpus stats --db %s)", shard, v, len(migrations), shard)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("merge %s: %w", shard, err)
	}
	defer tx.Rollback()
	var off int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM main.runs`).Scan(&off); err != nil {
		return st, fmt.Errorf("merge %s: %w", shard, err)
	}
	for _, step := range mergeSteps {
		res, err := tx.ExecContext(ctx, step.sql, sql.Named("off", off))
		if err != nil {
			return st, fmt.Errorf("merge %s: %s: %w", shard, step.what, err)
		}
		n, _ := res.RowsAffected()
		switch step.what {
		case "runs":
			st.Runs = int(n)
		case "pages":
			st.Pages = int(n)
		case "articles":
			st.Articles = int(n)
		case "captures":
			st.Captures = int(n)
		}
	}
	if err := tx.Commit(); err != nil {
		return st, fmt.Errorf("merge %s: %w", shard, err)
	}
	return st, nil
}

// mergeSteps are Merge's statements, in order: versions are taken before
// the articles they replace are overwritten. :off is added to the shard's
// run ids.
var mergeSteps = []struct{ what, sql string }{
	{"runs", `INSERT INTO main.runs (id, started_at, finished_at, seeds, pages, new_articles, errors, cut, pid, interrupted)
SELECT id + :off, started_at, finished_at, seeds, pages, new_articles, errors, cut, pid, interrupted FROM shard.runs`},
	{"run counts", `INSERT INTO main.run_counts (run_id, kind, n) SELECT run_id + :off, kind, n FROM shard.run_counts WHERE true
ON CONFLICT (run_id, kind) DO UPDATE SET n = n + excluded.n`},
	{"pages", `INSERT INTO main.pages (url, final_url, status, content_type, fetched_at, sha256, size, page_type, error, depth, run_id,
	warc_file, warc_offset, warc_length, etag, last_modified)
SELECT url, final_url, status, content_type, fetched_at, sha256, size, page_type, error, depth, run_id + :off,
	warc_file, warc_offset, warc_length, etag, last_modified FROM shard.pages WHERE true
ON CONFLICT (url) DO UPDATE SET
	final_url = excluded.final_url, status = excluded.status, content_type = excluded.content_type,
	fetched_at = excluded.fetched_at, sha256 = excluded.sha256, size = excluded.size,
	page_type = excluded.page_type, error = excluded.error, depth = excluded.depth, run_id = excluded.run_id,
	warc_file = excluded.warc_file, warc_offset = excluded.warc_offset, warc_length = excluded.warc_length,
	etag = excluded.etag, last_modified = excluded.last_modified
WHERE excluded.fetched_at > pages.fetched_at OR pages.fetched_at IS NULL`},
	{"captures", `INSERT INTO main.captures (url, payload_digest, warc_file, warc_offset, warc_length, warc_date, record_id, revisit, run_id)
SELECT url, payload_digest, warc_file, warc_offset, warc_length, warc_date, record_id, revisit, run_id + :off FROM shard.captures`},
	{"older texts of the shard", `INSERT INTO main.article_versions (article_id, url, run_id, fetched_at, sha256, title, published, text, cause, replaced_run, replaced_at)
SELECT m.id, s.url, s.run_id + :off, s.fetched_at, s.sha256, s.title, s.published, s.text, 'edit', m.run_id, COALESCE(m.fetched_at, s.fetched_at)
FROM shard.articles s JOIN main.articles m ON m.url = s.url
WHERE s.sha256 IS NOT m.sha256 AND s.fetched_at <= m.fetched_at`},
	{"older texts of the corpus", `INSERT INTO main.article_versions (article_id, url, run_id, fetched_at, sha256, title, published, text, cause, replaced_run, replaced_at)
SELECT m.id, m.url, m.run_id, m.fetched_at, m.sha256, m.title, m.published, m.text, 'edit', s.run_id + :off, s.fetched_at
FROM shard.articles s JOIN main.articles m ON m.url = s.url
WHERE s.sha256 IS NOT m.sha256 AND (s.fetched_at > m.fetched_at OR m.fetched_at IS NULL)`},
	{"articles", `INSERT INTO main.articles (url, site, title, published, published_raw, text, lang, words, sha256, fetched_at, run_id, gone_at, gone_run)
SELECT url, site, title, published, published_raw, text, lang, words, sha256, fetched_at, run_id + :off, gone_at, gone_run + :off
FROM shard.articles WHERE true
ON CONFLICT (url) DO UPDATE SET
	site = excluded.site, title = excluded.title, published = excluded.published, published_raw = excluded.published_raw,
	text = excluded.text, lang = excluded.lang, words = excluded.words, sha256 = excluded.sha256,
	fetched_at = excluded.fetched_at, run_id = excluded.run_id, gone_at = excluded.gone_at, gone_run = excluded.gone_run
WHERE excluded.fetched_at > articles.fetched_at OR articles.fetched_at IS NULL`},
	{"versions", `INSERT INTO main.article_versions (article_id, url, run_id, fetched_at, sha256, title, published, text, cause, replaced_run, replaced_at)
SELECT m.id, v.url, v.run_id + :off, v.fetched_at, v.sha256, v.title, v.published, v.text, v.cause, v.replaced_run + :off, v.replaced_at
FROM shard.article_versions v JOIN main.articles m ON m.url = v.url`},
	// version_id pointed into the shard's versions; the change stays
	// listed, its text is among the article's versions.
	{"changes", `INSERT INTO main.article_changes (run_id, article_id, url, kind, at, version_id)
SELECT c.run_id + :off, m.id, c.url, c.kind, c.at, NULL FROM shard.article_changes c JOIN main.articles m ON m.url = c.url`},
	{"template hosts", `INSERT INTO main.template_hosts (host, pages) SELECT host, pages FROM shard.template_hosts WHERE true
ON CONFLICT (host) DO UPDATE SET pages = pages + excluded.pages`},
	{"template blocks", `INSERT INTO main.template_blocks (host, fingerprint, pages) SELECT host, fingerprint, pages FROM shard.template_blocks WHERE true
ON CONFLICT (host, fingerprint) DO UPDATE SET pages = pages + excluded.pages`},
	{"site models", `INSERT OR IGNORE INTO main.site_models (host, model) SELECT host, model FROM shard.site_models`},
	{"frontier", `INSERT INTO main.frontier (url, host, depth, state, added_at, updated_at)
SELECT url, host, depth, CASE state WHEN 'leased' THEN 'queued' ELSE state END, added_at, updated_at FROM shard.frontier WHERE true
ON CONFLICT (url) DO UPDATE SET state = 'done', updated_at = excluded.updated_at WHERE excluded.state = 'done'`},
	// An article is a duplicate of the earliest with its text, over the
	// whole corpus now; the index is rebuilt from that (RebuildIndex).
	{"duplicates", `UPDATE main.articles SET duplicate_of = (SELECT MIN(a2.id) FROM main.articles a2
WHERE a2.sha256 = articles.sha256 AND a2.sha256 != '' AND a2.id < articles.id)`},
	{"search index", `DELETE FROM main.articles_fts`},
}

// RebuildIndex rebuilds the search index over every original article, as
// Merge leaves it to do once after the last shard.
func (s *Store) RebuildIndex(ctx context.Context) error {
	if s.readOnly {
		return ErrReadOnly
	}
	return s.reindexIfStale(ctx)
}

// sameFile refuses to merge a database into itself.
func sameFile(a, b string) error {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	if err1 == nil && err2 == nil && os.SameFile(ia, ib) {
		return fmt.Errorf("merge %s: it is the output database", b)
	}
	if aa, _ := filepath.Abs(a); aa != "" {
		if bb, _ := filepath.Abs(b); aa == bb {
			return errors.New("merge: a shard is the output database")
		}
	}
	return nil
}
