package bench

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// sharedForTest finds the shared folder as the command does by default
// (../../shared from bench/, or $GOVCORPUS_SHARED) and skips without it.
func sharedForTest(t *testing.T) string {
	t.Helper()
	dir := "../../shared"
	if d := os.Getenv("GOVCORPUS_SHARED"); d != "" {
		dir = d
	}
	if err := CheckShared(dir); err != nil {
		t.Skipf("skipping: %v", err)
	}
	return dir
}

// TestHarness runs every tool on the first 3 pages of each set so the
// harness and the adapters keep building and working.
func TestHarness(t *testing.T) {
	sets, err := LoadSets(sharedForTest(t), 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 2 {
		t.Fatalf("got %d sets, want 2", len(sets))
	}
	var results []Result
	for _, set := range sets {
		if len(set.Pages) != 3 {
			t.Fatalf("%s: %d pages, want 3", set.Name, len(set.Pages))
		}
		for _, tool := range Tools() {
			r, err := Run(set, tool, time.Millisecond)
			if err != nil {
				t.Fatalf("%s on %s: %v", tool.Name, set.Name, err)
			}
			if r.Passes < 1 || r.Elapsed <= 0 || r.MBps() <= 0 {
				t.Errorf("%s on %s: no timing: %+v", tool.Name, set.Name, r)
			}
			if r.F1 < 0 || r.F1 > 1 {
				t.Errorf("%s on %s: F1 %v out of range", tool.Name, set.Name, r.F1)
			}
			if tool.Name == Govcorpus && r.F1 == 0 {
				t.Errorf("govcorpus on %s: F1 0", set.Name)
			}
			results = append(results, r)
		}
	}
	var sb strings.Builder
	if err := WriteMarkdown(&sb, results); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sb.String(), "| go-trafilatura |") {
		t.Errorf("table lacks go-trafilatura:\n%s", sb.String())
	}
	t.Log("\n" + sb.String())
}

func TestCheckSharedMissing(t *testing.T) {
	if err := CheckShared(t.TempDir()); !errors.Is(err, ErrNoShared) {
		t.Errorf("CheckShared(empty dir) = %v, want ErrNoShared", err)
	}
}
