package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3" // also registers the "sqlite3" driver
)

// ErrClosed is returned by write calls made after Close.
var ErrClosed = errors.New("store: closed")

// Link is a URL waiting in, or leaving, the frontier.
type Link struct {
	URL   string
	Depth int
	// ID is the frontier row a lease handed out (0 otherwise): the page
	// recorded for it carries it back (Page.FrontierID).
	ID int64
	// Prior is what the URL's last successful fetch left, read with the
	// lease so that a recrawl asks its conditional request without
	// another query; nil when the frontier did not say (a shared
	// frontier's lease), zero when there was none.
	Prior *Prior
}

// Prior is what a page's last successful fetch left: its validators, for
// a conditional request, and its body's sha256 and final URL, to know the
// same body when the server sends no validators.
type Prior struct {
	ETag, LastModified string
	SHA256, FinalURL   string
}

// Page is the fetch record of one URL, successful or not.
type Page struct {
	URL         string // the URL as requested (frontier key)
	FinalURL    string // after redirects
	Status      int    // HTTP status, 0 if no response
	ContentType string
	FetchedAt   time.Time
	SHA256      string // hex sha256 of the raw body, "" if none
	Size        int64
	PageType    string // "article" | "listing" | "other" | "" (non-HTML or failed)
	Error       string // "" when OK
	Depth       int
	// Where the response (or revisit) record of this fetch is in the WARC
	// archive; "" and 0 when the crawl wrote no archive.
	WarcFile   string
	WarcOffset int64
	WarcLength int64
	// ETag and LastModified are the response's validators, sent back on
	// the next pass as If-None-Match / If-Modified-Since.
	ETag         string
	LastModified string
	// FrontierID is the frontier row of the lease this fetch came from
	// (Link.ID), 0 when unknown. Marking the URL done finds its row by
	// this id: rows leased together are neighbours in the table, while a
	// look-up by URL lands on a random page of the index on URLs, which
	// at 100,000 pages no longer fits in SQLite's cache.
	FrontierID int64
}

// Article is the extracted text of a page classified as an article.
type Article struct {
	ID           int64
	URL          string
	Site         string // host of URL
	Title        string
	Published    string // RFC3339 or YYYY-MM-DD or ""
	PublishedRaw string
	Text         string
	Lang         string
	Words        int
	SHA256       string // hex sha256 of Text
	FetchedAt    time.Time
	// DuplicateOf is the id of an earlier article with the same text (the
	// same page under another URL), 0 for an original. Search and export
	// leave duplicates out.
	DuplicateOf int64
	Run         int64 // the run that last wrote the row, 0 if none
	// GoneAt is when a fetch found the page gone (HTTP 404 or 410), zero
	// while it is there; GoneRun is that fetch's run. Export leaves gone
	// articles out unless asked.
	GoneAt  time.Time
	GoneRun int64
}

// Result is everything one finished fetch contributes to the database.
type Result struct {
	Page    Page
	Article *Article // nil unless the page is an article
	Links   []Link   // outlinks to enqueue (already scoped by the crawler)
	// Template, when set, counts the page's text blocks into its host's
	// template statistics.
	Template *TemplateSample
	// Unchanged marks a page found as stored: a 304 answer to a
	// conditional request, or the same body again (same sha256) from a
	// server that sent no validators. The stored page (its archive record
	// included), article, search entry and template counts stand; only
	// the fetch time and run are updated, and Links enqueued.
	Unchanged bool
	// Blocked marks a URL robots.txt forbade: recorded, never fetched, so
	// not a failure of the run.
	Blocked bool
}

// RunStats are the totals recorded when a run finishes.
type RunStats struct {
	Pages, NewArticles, Errors int
	Cut                        int // discovered URLs not taken in: traps, budgets
	// Interrupted marks a run stopped before its frontier was drained
	// (a signal, --time-limit, writes failing): the next crawl resumes it.
	Interrupted bool
}

// Store is an open govcorpus database. It is safe for concurrent use.
type Store struct {
	path string
	fold func(string) string // search key of a text; see WithFold
	wdb  *sql.DB             // exactly one connection, owned by the writer goroutine
	rdb  *sql.DB             // read pool
	log  *slog.Logger
	// readOnly stores (OpenReadOnly) have no writer: wdb and ops are nil.
	readOnly bool

	run atomic.Int64 // run id stamped on pages and articles; 0 = none

	// Writer statistics, for tests and debugging.
	batches, batchedOps atomic.Int64
	// queued counts the rows added to search_queue since its last flush
	// (search.go): at least as many as it holds, since a row rolled back
	// with its write call is still counted.
	queued      atomic.Int64
	searchBatch int64 // queued articles that make the writer index them

	mu     sync.RWMutex // guards closed and sends on ops
	closed bool
	ops    chan *op
	done   chan struct{} // closed when the writer goroutine exits
}

// Open opens or creates the database at path, applies pending migrations and
// starts the writer. It fails if path cannot be opened for writing, or if the
// database was created by a newer govcorpus.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	s, err := open(ctx, path, newOptions(opts))
	if err != nil {
		return nil, fmt.Errorf("open database %q: %w", path, ftsError(err))
	}
	return s, nil
}

// Option configures Open.
type Option func(*options)

type options struct {
	fold        func(string) string
	searchBatch int64 // see searchBatch; tests lower it
}

func newOptions(opts []Option) options {
	o := options{fold: strings.ToLower, searchBatch: searchBatch}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// fileURI is path as a file: URI with an escaped absolute path, so that
// '?', '#' or '%' in a directory name cannot be mistaken for connection
// parameters.
func fileURI(path string) (string, error) {
	if path == "" {
		return "", errors.New("empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: abs}).String(), nil
}

// WithFold sets how text is folded for diacritic-insensitive search
// (extract/vntext.Fold for Vietnamese). The store applies it to articles
// as they are written and to queries; without it, search folds case only.
func WithFold(fold func(string) string) Option {
	return func(o *options) { o.fold = fold }
}

func open(ctx context.Context, path string, o options) (*Store, error) {
	base, err := fileURI(path)
	if err != nil {
		return nil, err
	}

	// synchronous=NORMAL in WAL mode: a commit is in the WAL file (the
	// operating system's cache) when it returns, so a killed process loses
	// nothing; the WAL is fsynced at checkpoints, so a power loss can cost
	// the commits since the last one, and never corrupts the database.
	// FULL would fsync every commit, the largest cost of a crawl's writes.
	// txlock=immediate: take the write lock at BEGIN so a concurrent process
	// makes us wait (busy_timeout) instead of failing mid-transaction.
	// stmt_cache_size: a crawl runs the same few dozen statements for every
	// page, and preparing each one anew was a third of the writer's CPU.
	// WAL mode is set by writerConnector, after the page size.
	wdb := sql.OpenDB(writerConnector{base + "?_busy_timeout=10000&_foreign_keys=on&_synchronous=NORMAL&_txlock=immediate" + stmtCache})
	wdb.SetMaxOpenConns(1)
	wdb.SetMaxIdleConns(1)
	wdb.SetConnMaxLifetime(0)
	wdb.SetConnMaxIdleTime(0)

	// Connecting sets WAL mode, which creates or writes the file, so a bad
	// path fails here rather than on the first write.
	if err := wdb.PingContext(ctx); err != nil {
		_ = wdb.Close()
		return nil, err
	}
	applied, err := migrate(ctx, wdb, migrations)
	if err != nil {
		_ = wdb.Close()
		return nil, err
	}

	rdb, err := sql.Open("sqlite3", base+"?_busy_timeout=10000&_foreign_keys=on&_query_only=true"+stmtCache)
	if err != nil {
		_ = wdb.Close()
		return nil, err
	}
	if err := rdb.PingContext(ctx); err != nil {
		_ = wdb.Close()
		_ = rdb.Close()
		return nil, err
	}

	s := &Store{
		path:        path,
		fold:        o.fold,
		wdb:         wdb,
		rdb:         rdb,
		log:         slog.Default().With("db", path),
		ops:         make(chan *op, maxBatch),
		done:        make(chan struct{}),
		searchBatch: o.searchBatch,
	}
	if applied > 0 {
		s.log.Debug("applied migrations", "count", applied, "version", len(migrations))
	}
	if err := s.reindexIfStale(ctx); err != nil {
		_ = wdb.Close()
		_ = rdb.Close()
		return nil, err
	}
	go s.writer()
	return s, nil
}

// Close commits every write already submitted, stops the writer and closes
// the database. Calling it again returns nil.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	if s.readOnly {
		s.mu.Unlock()
		if err := s.rdb.Close(); err != nil {
			return fmt.Errorf("close database %q: %w", s.path, err)
		}
		return nil
	}
	// Senders hold the read lock while sending, so none is mid-send now.
	close(s.ops)
	s.mu.Unlock()

	<-s.done
	if s.queued.Load() > 0 {
		// The queue is durable: a failure here only leaves the articles
		// read through by Search until the next open indexes them.
		if err := s.flushSearch(context.Background()); err != nil {
			s.log.Warn("search index left to the next open", "err", err)
		}
	}
	werr := s.wdb.Close()
	rerr := s.rdb.Close()
	if err := errors.Join(werr, rerr); err != nil {
		return fmt.Errorf("close database %q: %w", s.path, err)
	}
	return nil
}

// SetRun sets the run id stamped on pages and articles written by Complete.
// StartRun calls it; 0 stores NULL.
func (s *Store) SetRun(id int64) { s.run.Store(id) }

// timeFormat is RFC 3339 with fixed-width nanoseconds, so that the TEXT
// columns sort chronologically in plain SQL.
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: t.UTC().Format(timeFormat), Valid: true}
}

func parseTime(ns sql.NullString) (time.Time, error) {
	if !ns.Valid || ns.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, ns.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse time %q: %w", ns.String, err)
	}
	return t, nil
}

func nullInt(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}

// stmtCache asks the driver to keep each connection's prepared statements:
// the crawl's writes are the same few dozen statements for every page. 128
// holds every statement the store runs, with room for the searches' and
// exports' built ones, which are evicted oldest first.
const stmtCache = "&_stmt_cache_size=128"

// writerConnector opens the writer's connection with what a DSN cannot
// set: the page size of a new database, and temp_store=MEMORY. Each write
// call runs in a SAVEPOINT, and SQLite copies every page a savepoint first
// changes into a statement journal, a temporary file by default: 785 MB of
// writes to /var/tmp in 250,000 calls for a 10,000-page crawl, more than
// the database and its WAL got. In memory the journal costs a copy of a
// few pages per call.
type writerConnector struct{ dsn string }

func (c writerConnector) Connect(context.Context) (driver.Conn, error) {
	return c.Driver().Open(c.dsn)
}

func (writerConnector) Driver() driver.Driver {
	return &sqlite3.SQLiteDriver{ConnectHook: func(conn *sqlite3.SQLiteConn) error {
		// Before WAL mode, which fixes the page size of a new file; an
		// existing database keeps its own.
		if _, err := conn.Exec(fmt.Sprintf("PRAGMA page_size = %d", pageSize), nil); err != nil {
			return fmt.Errorf("set the page size: %w", err)
		}
		if _, err := conn.Exec("PRAGMA journal_mode = WAL", nil); err != nil {
			return fmt.Errorf("set WAL mode: %w", err)
		}
		if _, err := conn.Exec("PRAGMA temp_store = MEMORY", nil); err != nil {
			return fmt.Errorf("keep statement journals in memory: %w", err)
		}
		size, err := pragmaInt(conn, "page_size")
		if err != nil {
			return fmt.Errorf("read the page size: %w", err)
		}
		if _, err := conn.Exec(fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", walCheckpointBytes/size), nil); err != nil {
			return fmt.Errorf("set the WAL checkpoint: %w", err)
		}
		return nil
	}}
}

// pragmaInt reads an integer PRAGMA on a raw connection.
func pragmaInt(conn *sqlite3.SQLiteConn, name string) (int64, error) {
	rows, err := conn.Query("PRAGMA "+name, nil)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	v := make([]driver.Value, 1)
	if err := rows.Next(v); err != nil {
		return 0, err
	}
	n, ok := v[0].(int64)
	if !ok || n <= 0 {
		return 0, fmt.Errorf("PRAGMA %s = %v", name, v[0])
	}
	return n, nil
}

// pageSize is the page size of a new database: 1 KiB, not SQLite's 4 KiB.
// A WAL commit writes every page it changed whole, and a crawl's pages
// land at random places in the indexes on URLs, sha256 and dates, a page
// of each per crawled page and commit: a quarter of the bytes per page
// cut a 10,000-page crawl's writes from 271 MB to 212 MB, and its database
// from 71 to 66 MB (an article's text fills its overflow pages closer).
const pageSize = 1024

// walCheckpointBytes is the WAL size at which a commit copies it into the
// database. SQLite's 1,000 pages (4 MB of 4 KiB pages) copied the
// indexes' pages back every few hundred crawled pages, though the next
// commits change them again: 194 MB written to a 72 MB database in a
// 10,000-page crawl. A crawl's pages land at random places in the indexes
// on URLs and sha256, so each checkpoint copies most of those indexes
// anew: 256 MB copies them a quarter as often as 64 MB did, and a
// 100,000-page crawl wrote 4.6 times its database instead of 6.0. What a
// power loss can cost barely changes: the kernel writes the WAL out within
// about 30 seconds whatever its length, and SQLite's frame checksums stop
// a recovery at the first frame that did not reach the disk.
const walCheckpointBytes = 256 << 20
