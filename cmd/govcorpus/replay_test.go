package main

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govcorpus/govcorpus/demosite"
	"github.com/govcorpus/govcorpus/warc"
)

// TestReplayInBrowser opens the WACZ of a crawled, then recrawled (304),
// loopback site in ReplayWeb.page running in Debian's Chromium, after the
// site is gone: the archived article's text is on the page, and its
// stylesheet took effect. scripts/replay-test/run.sh installs chromium
// (apt) and ReplayWeb.page and playwright-core (npm); the test skips only
// when chromium cannot be installed.
func TestReplayInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must run the browser replay test, but npm is not installed")
		}
		t.Skip("npm not installed: ReplayWeb.page cannot be installed")
	}
	_, srv, dir, db, _ := recrawledDemo(t)
	wacz := filepath.Join(dir, "site.wacz")
	if code, _, stderr := runCmd(context.Background(), "wacz", "--db", db, "--out", wacz); code != exitOK {
		t.Fatalf("wacz: exit %d\n%s", code, stderr)
	}
	url := srv.URL + demosite.SeedPath
	srv.Close() // whatever the browser shows comes from the archive
	// Opened as ReplayWeb.page's page list opens it: at the time
	// pages.jsonl gives, the capture with the content.
	ts := pageTS(t, wacz, url)

	arts, err := demosite.Expected()
	if err != nil {
		t.Fatal(err)
	}
	var title string
	for _, a := range arts {
		if a.Path == demosite.SeedPath {
			title = a.Title
		}
	}
	script := filepath.Join("..", "..", "scripts", "replay-test", "run.sh")
	cmd := exec.Command("bash", script, "--wacz", wacz, "--url", url, "--ts", ts, "--text", title,
		// style.css sets .news-title to 20px in the site's blue; the
		// browser's own h1 is 32px and black.
		"--selector", "h1.news-title", "--style", "font-size=20px", "--style", "color=rgb(11, 79, 138)")
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 3 {
		t.Skipf("chromium cannot be installed: %s", exit.Stderr)
	}
	var summary struct {
		OK     bool              `json:"ok"`
		Frame  string            `json:"frame"`
		Checks map[string]bool   `json:"checks"`
		Styles map[string]string `json:"styles"`
		Error  string            `json:"error"`
	}
	if jerr := json.Unmarshal(out, &summary); jerr != nil || err != nil || !summary.OK {
		stderr := ""
		if exit != nil {
			stderr = string(exit.Stderr)
		}
		t.Fatalf("replay of %s: %v\n%s\n%s", url, err, out, stderr)
	}
	if !strings.Contains(summary.Frame, "/"+ts+"mp_/") {
		t.Errorf("replayed frame %s, want the capture at %s", summary.Frame, ts)
	}
	t.Logf("ReplayWeb.page in Chromium shows %s with its text and stylesheet: %v %v", url, summary.Checks, summary.Styles)
}

// pageTS returns the 14-digit time pages.jsonl gives url in the WACZ.
func pageTS(t *testing.T, wacz, url string) string {
	t.Helper()
	zr, err := zip.OpenReader(wacz)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("pages/pages.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var p struct{ URL, TS string }
		if json.Unmarshal(sc.Bytes(), &p) == nil && p.URL == url {
			ts, err := time.Parse(time.RFC3339, p.TS)
			if err != nil {
				t.Fatalf("%s: ts %q", url, p.TS)
			}
			return warc.Timestamp14(ts)
		}
	}
	t.Fatalf("%s not in pages.jsonl", url)
	return ""
}
