package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/govcorpus/govcorpus/demosite"
	"github.com/govcorpus/govcorpus/internal/redistest"
	"github.com/govcorpus/govcorpus/redisfrontier"
	"github.com/govcorpus/govcorpus/store"
)

// killDelay is each host's delay in the acceptance test: requests of three
// workers to one host would come far closer without the shared slots.
const killDelay = 30 * time.Millisecond

// killLease is the acceptance test's --lease: the killed worker's URLs come
// back this long after it died.
const killLease = 2 * time.Second

// killAfter is how many pages the doomed worker stores before it is killed.
const killAfter = 4

// Three worker processes crawl the sample site on three loopback hosts on
// one Redis frontier; one is killed with SIGKILL mid-crawl. The merged
// shards hold what a single-process crawl holds, no URL was fetched twice
// but those the killed worker held, and each host's requests stayed a delay
// apart over all workers, as the servers saw them.
func TestSharedCrawlSurvivesKilledWorker(t *testing.T) {
	srv := redistest.Start(t)
	log := newHostLog()
	var seeds []string
	for i := range 3 {
		s := serveAt(t, fmt.Sprintf("127.0.0.%d", i+2), log.wrap(demosite.Handler()))
		seeds = append(seeds, s.URL+"/")
	}
	dir := t.TempDir()

	// The single-process crawl to compare with.
	single := filepath.Join(dir, "single.db")
	args := append([]string{"crawl", "--db", single, "--delay", "0", "--retries", "0", "--quiet"}, seeds...)
	if code, _, stderr := runCmd(context.Background(), args...); code != exitPagesFailed {
		t.Fatalf("single crawl: exit %d (want %d: the site has a broken link)\n%s", code, exitPagesFailed, stderr)
	}
	want := articleSet(t, single, "")
	if len(want) == 0 {
		t.Fatal("the single crawl found no articles")
	}
	log.reset()

	db := filepath.Join(dir, "corpus.db")
	workers := []string{"w1", "w2", "w3"}
	cmds := make([]*exec.Cmd, len(workers))
	for i, w := range workers {
		// One host a worker, so each starts with a host of its own however
		// the three race to the frontier. Page requisites are each
		// worker's own (not in the shared frontier): off, so every fetch
		// counted is a frontier URL's.
		a := sharedArgs(srv.URL(), w, db, seeds, "--delay", killDelay.String(), "--lease", killLease.String(),
			"--warc", filepath.Join(dir, "warc"), "--no-requisites", "--max-hosts", "1")
		js, _ := json.Marshal(a)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "GOVCORPUS_TEST_MAIN="+string(js))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds[i] = cmd
		t.Cleanup(func() {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			if t.Failed() {
				t.Logf("worker %s stderr:\n%s", w, stderr.String())
			}
		})
	}
	doomed := filepath.Join(dir, "corpus-w1.db")
	waitFor(t, "the doomed worker's first pages", func() bool {
		_, err := os.Stat(doomed)
		return err == nil && donePages(t, doomed) >= killAfter
	})
	if err := cmds[0].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmds[0].Wait()
	// What it held: the only URLs another worker may fetch again.
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr})
	defer rdb.Close()
	owners, err := rdb.HGetAll(context.Background(), redisfrontier.DefaultPrefix+"lowner").Result()
	if err != nil {
		t.Fatal(err)
	}
	held := map[string]bool{}
	for u, w := range owners {
		if w == "w1" {
			held[u] = true
		}
	}
	for i, cmd := range cmds[1:] {
		err := cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != exitOK && code != exitPagesFailed {
			t.Fatalf("worker %s: exit %d (%v)", workers[i+1], code, err)
		}
	}

	merged := filepath.Join(dir, "merged.db")
	mergeArgs := []string{"merge", "--out", merged}
	for _, w := range workers {
		mergeArgs = append(mergeArgs, filepath.Join(dir, "corpus-"+w+".db"))
	}
	if code, _, stderr := runCmd(context.Background(), mergeArgs...); code != exitOK {
		t.Fatalf("merge: exit %d\n%s", code, stderr)
	}
	sameArticles(t, articleSet(t, merged, ""), want)
	perShard := map[string]int{}
	for _, w := range workers {
		perShard[w] = donePages(t, filepath.Join(dir, "corpus-"+w+".db"))
	}
	gap, host := log.closestGap()
	t.Logf("%d articles; pages done per shard %v; the killed worker held %d URLs; closest requests %v apart (%s)",
		len(want), perShard, len(held), gap, host)

	for u, n := range log.hits {
		if n > 1 && !held["http://"+u] {
			t.Errorf("%s fetched %d times, and the killed worker did not hold it", u, n)
		}
	}
	if gap < killDelay {
		t.Errorf("two requests to %s %v apart, under the delay %v", host, gap, killDelay)
	}

	hits, err := searchCount(merged)
	if err != nil || hits == 0 {
		t.Errorf("search of the merged corpus: %d hits, %v; want the rebuilt index to answer", hits, err)
	}
	if code, _, stderr := runCmd(context.Background(), "wacz", "--db", merged, "--out", filepath.Join(dir, "corpus.wacz")); code != exitOK {
		t.Errorf("wacz of the merged corpus: exit %d\n%s", code, stderr)
	}
}

// searchCount searches the corpus for a word every sample article has.
func searchCount(db string) (int, error) {
	st, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	hits, err := st.Search(context.Background(), store.Query{Text: "nam", Limit: 1000})
	return len(hits), err
}
