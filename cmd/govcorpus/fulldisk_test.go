package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/demosite"
	"github.com/govcorpus/govcorpus/warc/warctest"
)

// mountTmpfs mounts a tmpfs of size at a fresh directory and returns it,
// skipping the test where that is not permitted (not root, no mount).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("a full disk needs a small tmpfs, and mounting one needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("mount -t tmpfs is not permitted here: %v %s", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

func growTmpfs(t *testing.T, dir, size string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,size="+size, dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s: %v %s", dir, err, out)
	}
}

// TestFullDiskCrawlResumes fills a real disk (a small tmpfs) under the
// archive or the database: the crawl exits non-zero, and once there is
// room the same command ends with every article of an undisturbed crawl.
func TestFullDiskCrawlResumes(t *testing.T) {
	tests := []struct {
		name   string
		size   string // the sample site needs ~180 KiB of WARC, ~330 KiB of database
		warcOn bool   // the archive on the small disk, else the database
	}{
		{"archive on a full disk", "128k", true},
		{"database on a full disk", "256k", false},
	}
	want := baseline(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			small := mountTmpfs(t, tc.size)
			db, warcDir := tempDB(t), filepath.Join(t.TempDir(), "warc")
			if tc.warcOn {
				warcDir = filepath.Join(small, "warc")
			} else {
				db = filepath.Join(small, "corpus.db")
			}
			srv := newCountingServer(t, demosite.Handler(), 0)
			args := append(crawlArgs(srv.URL, db), "--warc", warcDir)
			code, _, stderr := runCmd(context.Background(), args...)
			if code != exitCannotRun && code != exitPagesFailed {
				t.Fatalf("crawl on a full disk: exit %d, want 1 or 3\n%s", code, stderr)
			}
			last := strings.TrimSpace(stderr)
			if i := strings.LastIndex(last, "\n"); i >= 0 {
				last = last[i+1:]
			}
			t.Logf("%s: exit %d after %d pages served; last line: %.200s", tc.name, code, len(srv.counts()), last)

			growTmpfs(t, small, "64m")
			first := srv.counts()
			code, _, stderr = runCmd(context.Background(), args...)
			if code != exitPagesFailed { // the sample site's broken link
				t.Fatalf("resumed crawl: exit %d\n%s", code, stderr)
			}
			sameArticles(t, articleSet(t, db, srv.URL), want)
			// The archive a full disk cut and a resume completed reads whole.
			warctest.Check(t, warcFiles(t, warcDir))
			t.Logf("%s: the resume fetched %d URLs again or for the first time", tc.name, len(subtract(srv.counts(), first)))
		})
	}
}
