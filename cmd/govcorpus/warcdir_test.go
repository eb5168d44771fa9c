package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnwritableWARCFolder: a --warc folder that cannot be created or
// written stops the crawl before its first fetch, with exit 1, one line
// naming the folder, and no database.
func TestUnwritableWARCFolder(t *testing.T) {
	srv := newCountingServer(t, http.NotFoundHandler(), 0)
	dir := t.TempDir()
	file := filepath.Join(dir, "plain-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		folder func(t *testing.T) string
	}{
		// Fails for root too: no folder can be made under a regular file.
		{"under a regular file", func(*testing.T) string { return filepath.Join(file, "sub") }},
		// Exists but cannot be written: only the probe finds it early.
		{"read-only folder", func(t *testing.T) string { return readOnlyDir(t) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			warcDir := tc.folder(t)
			db := filepath.Join(t.TempDir(), "corpus.db")
			code, _, stderr := runCmd(context.Background(), "crawl", "--db", db, "--warc", warcDir, "--delay", "0", "--retries", "0", srv.URL+"/")
			if code != exitCannotRun {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitCannotRun, stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, warcDir) {
				t.Errorf("stderr %q: want one line naming %s", stderr, warcDir)
			}
			if n := len(srv.counts()); n != 0 {
				t.Errorf("%d URLs were requested of the site", n)
			}
			if _, err := os.Stat(db); !os.IsNotExist(err) {
				t.Errorf("the database was created (%v)", err)
			}
		})
	}
}
