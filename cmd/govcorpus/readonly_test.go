package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/demosite"
)

// readOnlyDir returns a directory holding copies of files that this
// process cannot write to: chmod 0555 for a normal user; for root, who
// ignores permission bits, a tmpfs remounted read-only. It skips where
// neither is possible (root without mount permission).
func readOnlyDir(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	if os.Geteuid() == 0 {
		// Root ignores permission bits; where mounting is not permitted
		// this skips, leaving mode=ro to store.TestOpenReadOnly.
		dir = mountTmpfs(t, "64m")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o444); err != nil {
			t.Fatal(err)
		}
	}
	if os.Geteuid() == 0 {
		if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
			t.Fatalf("remount %s read-only: %v %s", dir, err, out)
		}
	} else {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
	}
	if err := os.WriteFile(filepath.Join(dir, "probe"), nil, 0o644); err == nil {
		t.Fatalf("%s is still writable", dir)
	}
	return dir
}

// TestReadersOnReadOnlyMedia: search, export and runs read a corpus on a
// read-only filesystem (its WAL index cannot be created there), and leave
// nothing behind; a file that is no database gets one line saying the
// read-only open failed.
func TestReadersOnReadOnlyMedia(t *testing.T) {
	srv := newCountingServer(t, demosite.Handler(), 0)
	src := tempDB(t)
	if code, _, stderr := runCmd(context.Background(), crawlArgs(srv.URL, src)...); code != exitPagesFailed {
		t.Fatalf("crawl: exit %d\n%s", code, stderr)
	}
	garbage := filepath.Join(t.TempDir(), "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("no database here ", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := readOnlyDir(t, src, garbage)
	db := filepath.Join(dir, filepath.Base(src))

	for _, args := range [][]string{
		{"search", "--db", db, "Hội nghị"},
		{"export", "--db", db},
		{"runs", "--db", db},
		{"changes", "--db", db},
		{"stats", "--db", db},
		{"show", "--db", db, "1"},
	} {
		code, stdout, stderr := runCmd(context.Background(), args...)
		if code != exitOK || strings.TrimSpace(stdout) == "" {
			t.Errorf("%s on a read-only folder: exit %d, %d bytes out; stderr:\n%s", args[0], code, len(stdout), stderr)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Errorf("the read-only folder now holds %d entries, want the 2 copied", len(entries))
	}

	code, _, stderr := runCmd(context.Background(), "search", "--db", filepath.Join(dir, "garbage.db"), "x")
	if code != exitCannotRun || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "read-only") {
		t.Errorf("search of a non-database: exit %d, stderr %q; want 1 and one line saying the read-only open failed", code, stderr)
	}
}
