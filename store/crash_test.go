package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// crashEnv, when set in the environment, turns TestCrashSafety into the
// child process: it writes to the database named by the variable until it is
// killed.
const crashEnv = "GOVCORPUS_STORE_CRASH_CHILD_DB"

// TestCrashSafety SIGKILLs a process in the middle of Complete calls and
// checks that every Complete that had returned is in the database.
func TestCrashSafety(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("spawns a subprocess")
	}

	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashSafety$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Guard against a child that never gets going.
	watchdog := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
	defer watchdog.Stop()

	const killAfter = 300
	var acked []string
	sc := bufio.NewScanner(stdout)
	killed := false
	for sc.Scan() {
		// A line is only trusted whole: "done <url> ok".
		f := strings.Fields(sc.Text())
		if len(f) != 3 || f[0] != "done" || f[2] != "ok" {
			continue
		}
		acked = append(acked, f[1])
		if len(acked) == killAfter && !killed {
			killed = true
			if err := cmd.Process.Kill(); err != nil { // SIGKILL
				t.Fatal(err)
			}
		}
	}
	err = cmd.Wait()
	if !killed {
		t.Fatalf("child exited after %d completions without being killed: %v\n%s", len(acked), err, stderr.String())
	}

	// The killed process's queue for the search index, as it left it: the
	// reopen below must index it.
	var leftQueued int
	if err := rawDB(t, path).QueryRow(`SELECT COUNT(*) FROM search_queue`).Scan(&leftQueued); err != nil {
		t.Fatal(err)
	}
	if leftQueued == 0 {
		t.Errorf("the killed process left no article queued for the search index: nothing tests its recovery")
	}

	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	var queued, indexed, originals int
	if err := s.rdb.QueryRow(`SELECT (SELECT COUNT(*) FROM search_queue), (SELECT COUNT(*) FROM articles_fts),
	(SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL)`).Scan(&queued, &indexed, &originals); err != nil {
		t.Fatal(err)
	}
	if queued != 0 || indexed != originals {
		t.Errorf("after reopening: %d queued, %d indexed of %d articles; want none queued, all indexed", queued, indexed, originals)
	}
	for _, u := range []string{acked[0], acked[len(acked)-1]} {
		q := strings.Join(tokens(u), " ")
		hits, err := s.Search(ctx, Query{Text: `"` + q + `"`})
		if err != nil || len(hits) != 1 || hits[0].URL != u {
			t.Errorf("search for %s after the kill: %v %v", u, urls(hits), err)
		}
	}
	pages, err := s.Pages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	arts, err := s.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	havePage := make(map[string]bool, len(pages))
	for _, p := range pages {
		havePage[p.URL] = true
	}
	haveArt := make(map[string]bool, len(arts))
	for _, a := range arts {
		haveArt[a.URL] = true
	}
	db := rawDB(t, path)
	for _, u := range acked {
		var state string
		db.QueryRow(`SELECT state FROM frontier WHERE url = ?`, u).Scan(&state)
		if !havePage[u] || !haveArt[u] || state != "done" {
			t.Errorf("%s acknowledged before the kill but page=%v article=%v frontier=%q",
				u, havePage[u], haveArt[u], state)
		}
	}
	t.Logf("acknowledged %d completions, %d pages on disk after SIGKILL", len(acked), len(pages))
}

func crashChild(path string) {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			// Bounded so a parent that fails to kill us does not leave a
			// process running forever.
			for i := range 100000 {
				u := fmt.Sprintf("https://crash.gov.vn/w%d/%d", w, i)
				r := articlePage(u, time.Now())
				r.Article.SHA256 = u // each an original, each searched
				r.Links = []Link{{URL: u + "/next", Depth: 2}}
				if _, err := s.Complete(ctx, r); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(2)
				}
				mu.Lock()
				fmt.Fprintf(os.Stdout, "done %s ok\n", u)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	os.Exit(3)
}
