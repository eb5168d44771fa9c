package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInvalidSeedsCreateNothing: a seed no request can be made to exits 1
// with one line naming it, before the database or its lock exists.
func TestInvalidSeedsCreateNothing(t *testing.T) {
	tests := []struct{ name, seed, want string }{
		{"port too large", "http://127.0.0.1:99999/", "port 99999"},
		{"port zero", "http://127.0.0.1:0/", "port 0"},
		{"port beyond 16 bits, IPv6", "http://[::1]:70000/", "port 70000"},
		{"empty host", "http:///path", "no host"},
		{"port but no host", "http://:8080/", "no host"},
		{"ftp scheme", "ftp://127.0.0.1/", "scheme"},
		{"file scheme", "file:///etc/passwd", "scheme"},
		{"no scheme", "127.0.0.1/", "scheme"},
		{"non-numeric port", "http://127.0.0.1:http/", "127.0.0.1:http"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "corpus.db")
			code, _, stderr := runCmd(context.Background(), "crawl", "--db", db, "--warc", filepath.Join(dir, "warc"), tc.seed)
			if code != exitCannotRun {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitCannotRun, stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q: want one line saying %q", stderr, tc.want)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a refused seed left %d files behind (%s...)", len(entries), entries[0].Name())
			}
		})
	}
}
