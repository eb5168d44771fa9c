package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
)

// ErrReadOnly is returned by write calls on a store opened with OpenReadOnly.
var ErrReadOnly = errors.New("store: opened read-only")

// OpenReadOnly opens an existing database for reading only, as search,
// export and runs need on a read-only disk, a DVD or an archive share. It
// never creates, migrates or writes anything: first with SQLite's mode=ro,
// which still needs to create the WAL index (<db>-shm) beside a WAL
// database, and, when that cannot be created, with immutable=1, which
// reads the main file as it is (a database closed cleanly has its WAL
// folded in). Write calls return ErrReadOnly.
func OpenReadOnly(ctx context.Context, path string, opts ...Option) (*Store, error) {
	o := newOptions(opts)
	rdb, err := openRead(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open database %q read-only: %w", path, ftsError(err))
	}
	done := make(chan struct{})
	close(done)
	return &Store{
		path:     path,
		fold:     o.fold,
		rdb:      rdb,
		readOnly: true,
		log:      slog.Default().With("db", path),
		done:     done,
	}, nil
}

// openRead tries mode=ro, then immutable=1, and checks the schema is the
// one this binary reads (a read-only open cannot migrate it).
func openRead(ctx context.Context, path string) (*sql.DB, error) {
	base, err := fileURI(path)
	if err != nil {
		return nil, err
	}
	var first error
	for _, params := range []string{"mode=ro", "mode=ro&immutable=1"} {
		db, err := sql.Open("sqlite3", base+"?"+params+"&_query_only=true&_busy_timeout=10000")
		if err == nil {
			err = checkSchema(ctx, db)
			if err == nil {
				return db, nil
			}
			_ = db.Close()
		}
		if first == nil {
			first = err
			continue
		}
		// One line: the reason mode=ro failed is usually the one to act on.
		return nil, fmt.Errorf("%w (with immutable=1: %v)", first, err)
	}
	return nil, first
}

// checkSchema reads the schema version; it is also what first touches the
// file, so an unreadable one fails here.
func checkSchema(ctx context.Context, db *sql.DB) error {
	var v int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case v > len(migrations):
		return fmt.Errorf("schema version %d is newer than this binary supports (%d): upgrade govcorpus", v, len(migrations))
	case v < len(migrations):
		return fmt.Errorf("schema version %d is older than this binary's (%d), and a read-only database cannot be upgraded: open a writable copy once", v, len(migrations))
	}
	return nil
}
