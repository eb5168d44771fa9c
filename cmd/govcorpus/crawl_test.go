package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/govcorpus/govcorpus/demosite"
	"github.com/govcorpus/govcorpus/store"
)

// crawlArgs are the flags every test crawl of the sample site uses: no
// politeness delay on loopback, few retries.
func crawlArgs(url, db string) []string {
	return []string{"crawl", url + "/", "--db", db, "--delay", "0", "--parallel", "2", "--retries", "1", "--quiet"}
}

func TestDemoSiteCrawl(t *testing.T) {
	srv := newCountingServer(t, demosite.Handler(), 0)
	db := tempDB(t)
	code, stdout, stderr := runCmd(context.Background(), crawlArgs(srv.URL, db)...)
	// The sample site has one broken link on purpose.
	if code != exitPagesFailed {
		t.Fatalf("exit %d, want %d (one broken link); stderr:\n%s", code, exitPagesFailed, stderr)
	}
	// --quiet: the summary line and the failure, new in this first run.
	if lines := strings.Split(strings.TrimSpace(stdout), "\n"); len(lines) != 2 ||
		!strings.HasPrefix(lines[0], "govcorpus: 35 pages fetched") || !strings.Contains(lines[1], "404") {
		t.Errorf("--quiet printed %q, want the summary and the broken link's failure", stdout)
	}
	if stderr != "" {
		t.Errorf("--quiet logged %q", stderr)
	}

	got := articleSet(t, db, srv.URL)
	want, err := demosite.Expected()
	if err != nil {
		t.Fatal(err)
	}
	wantPaths := map[string]bool{}
	for _, w := range want {
		wantPaths[w.Path] = true
		a, ok := got[w.Path]
		if !ok {
			t.Errorf("expected article %s not stored", w.Path)
			continue
		}
		if a.Title != w.Title {
			t.Errorf("%s: title %q, want %q", w.Path, a.Title, w.Title)
		}
		if a.Published != w.Published || !strings.Contains(a.PublishedRaw, w.PublishedRaw) {
			t.Errorf("%s: published %q (%q), want %q (%q)", w.Path, a.Published, a.PublishedRaw, w.Published, w.PublishedRaw)
		}
		for _, c := range w.Contains {
			if !strings.Contains(a.Text, c) {
				t.Errorf("%s: text lacks %q", w.Path, c)
			}
		}
	}
	for p := range got {
		if !wantPaths[p] {
			t.Errorf("unexpected article %s (a listing or other page?)", p)
		}
	}
	non, err := demosite.NonArticles()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range non {
		if _, ok := got[p]; ok {
			t.Errorf("non-article page %s stored as an article", p)
		}
	}
	for p, a := range got {
		for _, b := range demosite.Boilerplate() {
			if strings.Contains(strings.ToLower(a.Text), strings.ToLower(b)) {
				t.Errorf("%s: boilerplate %q in article text", p, b)
			}
		}
	}

	seed, ok := got[demosite.SeedPath]
	if !ok {
		t.Fatalf("seed page %s not stored", demosite.SeedPath)
	}
	if seed.Published != "2021-01-18T09:15:00+07:00" {
		t.Errorf("seed published %q, want 2021-01-18T09:15:00+07:00 from its date line", seed.Published)
	}
	for _, line := range []string{
		"Ngày 16/01/2021, tại Hội trường Trung tâm Dịch vụ việc làm",
		"Quang cảnh Hội nghị",
		"trao tặng phần quà chúc mừng năm mới Tân Sửu 2021",
	} {
		if !strings.Contains(seed.Text, line) {
			t.Errorf("seed text lacks %q", line)
		}
	}
	if strings.Contains(seed.Text, "1055") {
		t.Error("seed text keeps the visit counter")
	}

	for p, n := range srv.counts() {
		if strings.HasPrefix(p, "/noi-bo/") {
			t.Errorf("%s, disallowed by robots.txt, was requested %d times", p, n)
		}
	}
	assertNoPageTwice(t, srv.counts())

	code, out, _ := runCmd(context.Background(), "runs", "--db", db, "--format", "jsonl")
	var run runLine
	if err := json.Unmarshal([]byte(out), &run); code != exitOK || err != nil {
		t.Fatalf("runs: exit %d, %v, output %q", code, err, out)
	}
	if run.Pages != 35 || run.NewArticles != len(want) || run.Errors != 1 || run.FinishedAt == "" || len(run.Seeds) != 1 {
		t.Errorf("run report %+v; want 35 pages, %d new articles, 1 error, finished", run, len(want))
	}
}

// baseline crawls the sample site without interruption.
func baseline(t *testing.T) map[string]store.Article {
	t.Helper()
	srv := newCountingServer(t, demosite.Handler(), 0)
	db := tempDB(t)
	if code, _, stderr := runCmd(context.Background(), crawlArgs(srv.URL, db)...); code != exitPagesFailed {
		t.Fatalf("baseline crawl: exit %d\n%s", code, stderr)
	}
	return articleSet(t, db, srv.URL)
}

func TestResumeAfterCancel(t *testing.T) {
	want := baseline(t)
	const before = 8
	srv := newCountingServer(t, demosite.Handler(), before)
	db := tempDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		code, _, _ := runCmd(ctx, crawlArgs(srv.URL, db)...)
		done <- code
	}()
	// Stop once the first pages are served and recorded, with more in flight.
	waitFor(t, "first pages recorded", func() bool { return donePages(t, db) >= before })
	cancel()
	if code := <-done; code != exitInterrupted {
		t.Errorf("interrupted crawl exit %d, want %d", code, exitInterrupted)
	}
	srv.drained(t)
	first := srv.counts()
	if n := srv.pagesServed(); n != before {
		t.Fatalf("%d pages served before the cancel, want %d", n, before)
	}
	srv.open()

	// The rerun goes to the same server: the frontier is keyed by URL.
	code, _, stderr := runCmd(context.Background(), crawlArgs(srv.URL, db)...)
	if code != exitPagesFailed {
		t.Fatalf("resumed crawl exit %d\n%s", code, stderr)
	}
	second := subtract(srv.counts(), first)
	if len(second) == 0 {
		t.Fatal("the rerun fetched nothing")
	}
	sameArticles(t, articleSet(t, db, srv.URL), want)
	assertNoPageTwice(t, first, second)
}

func TestResumeAfterSIGKILL(t *testing.T) {
	want := baseline(t)
	const before = 8
	srv := newCountingServer(t, demosite.Handler(), before)
	db := tempDB(t)
	args, _ := json.Marshal(crawlArgs(srv.URL, db))
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GOVCORPUS_TEST_MAIN="+string(args))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "first pages recorded", func() bool { return donePages(t, db) >= before })
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("crawler was not killed: %v", err)
	}
	srv.drained(t)
	first := srv.counts()
	srv.open()

	code, _, stderr := runCmd(context.Background(), crawlArgs(srv.URL, db)...)
	if code != exitPagesFailed {
		t.Fatalf("resumed crawl exit %d\n%s", code, stderr)
	}
	second := subtract(srv.counts(), first)
	sameArticles(t, articleSet(t, db, srv.URL), want)
	assertNoPageTwice(t, first, second)
}

func subtract(all, before map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range all {
		if d := v - before[k]; d > 0 {
			out[k] = d
		}
	}
	return out
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	dead := newCountingServer(t, http.NotFoundHandler(), 0)
	deadURL := dead.URL + "/"
	dead.Close()

	loop := newCountingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	}), 0)

	tests := []struct {
		name     string
		args     []string
		code     int
		stderrIn []string
	}{
		{"malformed URL", []string{"crawl", "--db", filepath.Join(dir, "a.db"), "ht!tp://x"}, exitCannotRun, []string{"ht!tp://x"}},
		{"no host", []string{"crawl", "--db", filepath.Join(dir, "a.db"), "http://"}, exitCannotRun, []string{"no host"}},
		{"unwritable DB", []string{"crawl", "--db", filepath.Join(file, "x.db"), "http://127.0.0.1:1/"}, exitCannotRun, []string{filepath.Join(file, "x.db")}},
		{"unknown flag", []string{"crawl", "--frobnicate", "http://127.0.0.1:1/"}, exitCannotRun, []string{"frobnicate"}},
		{"bad regexp", []string{"crawl", "--exclude", "(", "http://127.0.0.1:1/"}, exitCannotRun, []string{"--exclude"}},
		{"requisite host with a path", []string{"crawl", "--db", filepath.Join(dir, "r.db"), "--warc", filepath.Join(dir, "w"), "--requisites-hosts", "cdn.example,cdn.example/x", "http://127.0.0.1:1/"}, exitCannotRun, []string{"--requisites-hosts", "cdn.example/x"}},
		{"unreachable seed", []string{"crawl", "--db", filepath.Join(dir, "b.db"), "--retries", "0", "--quiet", deadURL}, exitPagesFailed, []string{deadURL, "connection refused"}},
		{"redirect loop", []string{"crawl", "--db", filepath.Join(dir, "d.db"), "--delay", "0", "--quiet", loop.URL + "/"}, exitPagesFailed, []string{loop.URL + "/", "redirect loop"}},
		{"worker without frontier", []string{"crawl", "--db", filepath.Join(dir, "e.db"), "--worker", "w1", "http://127.0.0.1:1/"}, exitCannotRun, []string{"--worker needs --frontier"}},
		{"frontier not redis", []string{"crawl", "--db", filepath.Join(dir, "e.db"), "--frontier", "http://x:1", "--worker", "w1", "http://127.0.0.1:1/"}, exitCannotRun, []string{"redis://"}},
		{"frontier without worker", []string{"crawl", "--db", filepath.Join(dir, "e.db"), "--frontier", "redis://127.0.0.1:1/0", "http://127.0.0.1:1/"}, exitCannotRun, []string{"--worker NAME"}},
		{"worker name with a slash", []string{"crawl", "--db", filepath.Join(dir, "e.db"), "--frontier", "redis://127.0.0.1:1/0", "--worker", "a/b", "http://127.0.0.1:1/"}, exitCannotRun, []string{"a/b"}},
		{"frontier unreachable", []string{"crawl", "--db", filepath.Join(dir, "e.db"), "--frontier", "redis://127.0.0.1:1/0", "--worker", "w1", "http://127.0.0.1:1/"}, exitCannotRun, []string{"redis://127.0.0.1:1/0", "connection refused"}},
		{"merge without shards", []string{"merge", "--out", filepath.Join(dir, "m.db")}, exitCannotRun, []string{"at least one shard"}},
		{"merge of a missing shard", []string{"merge", "--out", filepath.Join(dir, "m.db"), filepath.Join(dir, "nope.db")}, exitCannotRun, []string{"nope.db"}},
		{"seed with a password", []string{"crawl", "--db", filepath.Join(dir, "c.db"), "http://alice:hunter2@127.0.0.1:1/"}, exitCannotRun, []string{"user:password@"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(context.Background(), tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			// A crawl that ran under --quiet reports its failures with
			// its summary, on stdout; one that could not run says why in
			// one line on stderr.
			out := stderr
			if code != exitCannotRun {
				out = stdout
			}
			if lines := strings.Count(strings.TrimSpace(stderr), "\n") + 1; code == exitCannotRun && lines != 1 {
				t.Errorf("stderr has %d lines, want one:\n%s", lines, stderr)
			}
			for _, s := range tc.stderrIn {
				if !strings.Contains(out, s) {
					t.Errorf("output %q does not mention %q", out, s)
				}
			}
			if strings.Contains(stderr, "hunter2") {
				t.Errorf("stderr prints the password: %q", stderr)
			}
		})
	}
}

func TestRefusedSeedCreatesNoDatabase(t *testing.T) {
	db := tempDB(t)
	if code, _, _ := runCmd(context.Background(), "crawl", "--db", db, "http://alice:hunter2@127.0.0.1:1/"); code != exitCannotRun {
		t.Errorf("exit %d, want %d", code, exitCannotRun)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a refused seed left a database behind (%v)", err)
	}
}

func TestSecondCrawlOfOneDatabaseIsRefused(t *testing.T) {
	srv := newCountingServer(t, demosite.Handler(), 2) // holds the crawl after two pages
	db := tempDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		code, _, _ := runCmd(ctx, crawlArgs(srv.URL, db)...)
		done <- code
	}()
	waitFor(t, "the first crawl to start", func() bool { return donePages(t, db) >= 2 })
	code, _, stderr := runCmd(context.Background(), crawlArgs(srv.URL, db)...)
	if code != exitLocked || !strings.Contains(stderr, "another govcorpus (pid ") || !strings.Contains(stderr, "started ") ||
		strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("second crawl: exit %d, stderr %q; want %d and one line naming the other crawl's pid and start", code, stderr, exitLocked)
	}
	cancel()
	<-done
	srv.drained(t)
	srv.open()
	// The lock went with the first crawl: the same command now resumes.
	if code, _, stderr := runCmd(context.Background(), crawlArgs(srv.URL, db)...); code != exitPagesFailed {
		t.Errorf("crawl after the first ended: exit %d\n%s", code, stderr)
	}
}
