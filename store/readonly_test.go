package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOpenReadOnly reads a closed database with mode=ro: reads see the
// data, writes fail with ErrReadOnly, and nothing is migrated or created.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "corpus.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, links("http://a.test/x")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Complete(ctx, articlePage("http://a.test/x", time.Now())); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("OpenReadOnly: %v", err)
	}
	defer ro.Close()
	if arts, err := ro.Articles(ctx); err != nil || len(arts) != 1 {
		t.Errorf("Articles: %d, %v; want the one article", len(arts), err)
	}
	if _, err := ro.Enqueue(ctx, links("http://a.test/y")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Enqueue on a read-only store: %v, want ErrReadOnly", err)
	}
	if err := ro.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

func TestOpenReadOnlyErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "old.db")
	db := rawDB(t, old)
	if _, err := db.Exec(`PRAGMA user_version = 1; CREATE TABLE t (x)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "missing.db"), "read-only"},
		{garbage, "read-only"},
		{old, "cannot be upgraded"},
	} {
		s, err := OpenReadOnly(ctx, tc.path)
		if err == nil {
			s.Close()
			t.Errorf("%s: opened", tc.path)
			continue
		}
		if !strings.Contains(err.Error(), tc.path) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q, want it to name the file and say %q", tc.path, err, tc.want)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error of more than one line: %q", tc.path, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("a read-only open created the missing database")
	}
}
