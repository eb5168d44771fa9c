package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations is the schema history. migrations[i] moves the database from
// PRAGMA user_version i to i+1. Entries are never edited once released:
// existing databases have already run them. Append new ones.
var migrations = []string{
	// 1: initial schema.
	`
CREATE TABLE runs (
	id           INTEGER PRIMARY KEY,
	started_at   TEXT NOT NULL,
	finished_at  TEXT,
	seeds        TEXT NOT NULL DEFAULT '[]',
	pages        INTEGER NOT NULL DEFAULT 0,
	new_articles INTEGER NOT NULL DEFAULT 0,
	errors       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE pages (
	url          TEXT PRIMARY KEY,
	final_url    TEXT,
	status       INTEGER,
	content_type TEXT,
	fetched_at   TEXT,
	sha256       TEXT,
	size         INTEGER,
	page_type    TEXT,
	error        TEXT,
	depth        INTEGER,
	run_id       INTEGER
);

CREATE TABLE articles (
	id            INTEGER PRIMARY KEY,
	url           TEXT NOT NULL UNIQUE,
	site          TEXT,
	title         TEXT,
	published     TEXT,
	published_raw TEXT,
	text          TEXT,
	lang          TEXT,
	words         INTEGER,
	sha256        TEXT,
	fetched_at    TEXT,
	run_id        INTEGER
);
CREATE INDEX articles_site ON articles(site);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE frontier (
	id         INTEGER PRIMARY KEY,
	url        TEXT NOT NULL UNIQUE,
	depth      INTEGER NOT NULL DEFAULT 0,
	state      TEXT NOT NULL CHECK (state IN ('queued', 'leased', 'done')),
	added_at   TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX frontier_state ON frontier(state, id);
`,
	// 2: WARC archive. pages point at the response (or revisit) record of
	// their capture; captures remembers every archived response so a later
	// fetch with the same payload is written as a revisit, across runs.
	`
ALTER TABLE pages ADD COLUMN warc_file TEXT NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN warc_offset INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pages ADD COLUMN warc_length INTEGER NOT NULL DEFAULT 0;

CREATE TABLE captures (
	id             INTEGER PRIMARY KEY,
	url            TEXT NOT NULL,
	payload_digest TEXT NOT NULL,
	warc_file      TEXT NOT NULL,
	warc_offset    INTEGER NOT NULL,
	warc_length    INTEGER NOT NULL,
	warc_date      TEXT NOT NULL,
	record_id      TEXT NOT NULL,
	revisit        INTEGER NOT NULL DEFAULT 0,
	run_id         INTEGER
);
CREATE INDEX captures_url ON captures(url, payload_digest);
`,
	// 3: full-text search. Raw columns find exact spellings; the folded
	// columns (no diacritics, đ→d, lower case, written by the store with
	// its fold function) find "lao dong" in "lao động", which FTS5's
	// remove_diacritics cannot since đ does not decompose. rowid is
	// articles.id; Complete keeps both in one transaction.
	`
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text, title_folded, text_folded,
	tokenize = 'unicode61 remove_diacritics 0'
);
-- rank weights: an exact-spelling hit outweighs a folded-only one, a
-- title hit a body hit. ORDER BY rank lets FTS5 sort inside the index.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.5, 1.0)');
`,
	// 4: site templates. Text blocks that recur on most of a host's pages
	// are its template (menus, counters, footers); the counts persist so a
	// recrawl recognises them from its first page.
	`
CREATE TABLE template_hosts (
	host  TEXT PRIMARY KEY,
	pages INTEGER NOT NULL
);
CREATE TABLE template_blocks (
	host        TEXT NOT NULL,
	fingerprint INTEGER NOT NULL,
	pages       INTEGER NOT NULL,
	PRIMARY KEY (host, fingerprint)
) WITHOUT ROWID;
`,
	// 5: duplicates. The same article under two URLs (print views, old
	// and new paths) is stored twice but marked, so the corpus a
	// researcher exports or searches has each text once.
	`
ALTER TABLE articles ADD COLUMN duplicate_of INTEGER;
CREATE INDEX articles_sha256 ON articles(sha256);
`,
	// 6: conditional recrawls. A page's validators let the next pass ask
	// "changed since?" and get a 304 instead of the page again.
	`
ALTER TABLE pages ADD COLUMN etag TEXT NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN last_modified TEXT NOT NULL DEFAULT '';
`,
	// 7: crawler traps. A run reports the discovered URLs it did not take
	// in (trap shapes, the per-host budget, pagination repeating itself).
	`
ALTER TABLE runs ADD COLUMN cut INTEGER NOT NULL DEFAULT 0;
`,
	// 8: site models. Each host's site model (extract.SiteModel as JSON: the
	// slots of its articles' text and listings' items, its <title>s),
	// kept between runs so a recrawl knows its sites from the start.
	`
CREATE TABLE site_models (
	host  TEXT PRIMARY KEY,
	model BLOB NOT NULL
);
`,
	// 9: what changed. An article edited between runs keeps its earlier
	// text in article_versions; one that disappears (404/410) is marked
	// gone, never deleted; article_changes lists what each run found new,
	// changed, gone or back, and run_counts the per-run tallies that are
	// not a list (pages, unchanged, failed), written in the transaction of
	// each page so a killed run keeps them. runs remembers the process of
	// each run and whether it was stopped early, so `runs` can tell
	// running, interrupted and finished apart.
	`
ALTER TABLE articles ADD COLUMN gone_at TEXT;
ALTER TABLE articles ADD COLUMN gone_run INTEGER;
ALTER TABLE runs ADD COLUMN pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0;
-- export finds the live stand-in of a gone original among its duplicates
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

CREATE TABLE article_versions (
	id           INTEGER PRIMARY KEY,
	article_id   INTEGER NOT NULL,
	url          TEXT NOT NULL,
	run_id       INTEGER,
	fetched_at   TEXT,
	sha256       TEXT,
	title        TEXT,
	published    TEXT,
	text         TEXT,
	cause        TEXT NOT NULL CHECK (cause IN ('edit', 'reextract')),
	replaced_run INTEGER,
	replaced_at  TEXT NOT NULL
);
CREATE INDEX article_versions_article ON article_versions(article_id, id);
CREATE INDEX article_versions_url ON article_versions(url);

CREATE TABLE article_changes (
	id         INTEGER PRIMARY KEY,
	run_id     INTEGER,
	article_id INTEGER NOT NULL,
	url        TEXT NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('new', 'changed', 'gone', 'back')),
	at         TEXT NOT NULL,
	version_id INTEGER
);
CREATE INDEX article_changes_run ON article_changes(run_id, kind);
CREATE INDEX article_changes_at ON article_changes(at);
CREATE INDEX article_changes_article ON article_changes(article_id);

CREATE TABLE run_counts (
	run_id INTEGER NOT NULL,
	kind   TEXT NOT NULL,
	n      INTEGER NOT NULL,
	PRIMARY KEY (run_id, kind)
) WITHOUT ROWID;
`,
	// 10: the frontier by host. A crawl of many sites hands out work host
	// by host, each at its own pace, and a run's scope is its own hosts;
	// both need the host without parsing every URL. Existing rows get the
	// authority of their (canonical, scheme://host[:port]/...) URL.
	`
ALTER TABLE frontier ADD COLUMN host TEXT NOT NULL DEFAULT '';
UPDATE frontier SET host = lower(substr(
	replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/'), 1,
	instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1));
CREATE INDEX frontier_host ON frontier(host, state, id);
`,
	// 11: the search index keeps no copy of the text. A contentless FTS5
	// table holds only the index (articles keeps the text, search reads
	// it from there), so an article's text is stored once, not three
	// times; contentless_delete lets the store replace an entry by rowid.
	// The store rebuilds the empty index on open (reindexIfStale).
	`
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text, title_folded, text_folded,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.5, 1.0)');
`,
	// 12: the search index in bulk. An article written is queued here in
	// its own transaction and indexed with a few thousand others later
	// (search.go, flushSearch): one FTS5 segment per write transaction,
	// merged again and again, was two fifths of what a crawl wrote. A
	// search reads queued articles through, so it never misses one; the
	// rows left by a killed process are indexed at the next open.
	// FTS5 writes a segment whenever its in-memory index of pending
	// entries passes hashsize (1 MB by default), so a flush of a few
	// thousand articles wrote a dozen small segments and merged them at
	// once. 4 MB writes a flush of 4,000 as a few segments and wrote no
	// more than 16 MB did (211 MB for a 10,000-page crawl), for 6 MB less
	// peak memory; 1 MB wrote 244 MB. Segments merge 16 at a time rather
	// than 4, so a 100,000-article corpus rewrites its index about twice,
	// not four times; crisismerge above automerge keeps merging
	// incremental, spread over the flushes.
	`
CREATE TABLE search_queue (
	article_id INTEGER PRIMARY KEY
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 4194304);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 32);
`,
}

// migrate brings the database up to date, one migration per transaction.
// The version is re-read inside each write transaction, so two processes
// opening a fresh file at once cannot both apply the same migration.
func migrate(ctx context.Context, db *sql.DB, list []string) (applied int, err error) {
	for {
		done, err := migrateOne(ctx, db, list)
		if err != nil {
			return applied, err
		}
		if done {
			return applied, nil
		}
		applied++
	}
}

func migrateOne(ctx context.Context, db *sql.DB, list []string) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("begin migration: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()

	var v int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case v > len(list):
		return false, fmt.Errorf("schema version %d is newer than this binary supports (%d): upgrade govcorpus", v, len(list))
	case v < 0:
		return false, fmt.Errorf("invalid schema version %d", v)
	case v == len(list):
		return true, tx.Commit()
	}
	if _, err := tx.ExecContext(ctx, list[v]); err != nil {
		return false, fmt.Errorf("apply migration %d: %w", v+1, err)
	}
	// user_version lives in the database header, which is covered by the
	// transaction: the schema change and the version bump commit together.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, v+1)); err != nil {
		return false, fmt.Errorf("set schema version %d: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("commit migration %d: %w", v+1, err)
	}
	return false, nil
}
