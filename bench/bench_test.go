package bench

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govcorpus/govcorpus/extract"
	"github.com/govcorpus/govcorpus/extract/eval"
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

func inUnit(x float64) bool { return x >= 0 && x <= 1 }

// TestHarness runs every tool on 3 pages of each set so the harness, the
// adapters and the report keep building and working.
func TestHarness(t *testing.T) {
	sets, err := LoadSets(sharedForTest(t), nil, 3)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range sets {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, SetNames) {
		t.Fatalf("sets %v, want %v", names, SetNames)
	}
	ctx := context.Background()
	var results []Result
	for _, set := range sets {
		if len(set.Pages) != 3 {
			t.Fatalf("%s: %d pages, want 3", set.Name, len(set.Pages))
		}
		wantScoring := eval.ScoringShingles
		if set.Name == WCXBDev {
			wantScoring = eval.ScoringWCXB
		}
		pages, err := LoadPages(set)
		if err != nil {
			t.Fatal(err)
		}
		for _, tool := range Tools() {
			r, err := Run(ctx, set, pages, tool, Options{Workers: 2, MinTime: time.Millisecond})
			if err != nil {
				t.Fatalf("%s on %s: %v", tool.Name, set.Name, err)
			}
			rep := r.Report
			if rep.Set != set.Name || rep.Scoring != wantScoring {
				t.Errorf("%s on %s: report of set %q scored %q", tool.Name, set.Name, rep.Set, rep.Scoring)
			}
			if rep.Pages != 3 || len(rep.Results) != 3 {
				t.Errorf("%s on %s: %d pages (%d results), want 3", tool.Name, set.Name, rep.Pages, len(rep.Results))
			}
			confused := 0
			for _, row := range rep.Confusion {
				for _, n := range row {
					confused += n
				}
			}
			if confused != 3 || rep.TypesRight > 3 || rep.Content.Pages > 3 || rep.Content.Empty > rep.Content.Pages {
				t.Errorf("%s on %s: counts do not add up: %+v", tool.Name, set.Name, rep)
			}
			for name, m := range map[string]eval.Metrics{"all": rep.All, "content": rep.Content} {
				if !inUnit(m.F1) || !inUnit(m.P) || !inUnit(m.R) {
					t.Errorf("%s on %s: %s F1/P/R %v/%v/%v out of [0,1]", tool.Name, set.Name, name, m.F1, m.P, m.R)
				}
			}
			for _, p := range rep.Results {
				if !tool.Typed && p.Type != extract.TypeArticle && p.Type != extract.TypeOther {
					t.Errorf("%s on %s page %s: type %q, want article or other", tool.Name, set.Name, p.ID, p.Type)
				}
			}
			if r.Speed.Pages != 3 || r.Speed.Passes < 1 || r.Speed.Elapsed <= 0 || r.Speed.MBps() <= 0 {
				t.Errorf("%s on %s: no timing: %+v", tool.Name, set.Name, r.Speed)
			}
			if tool.Typed && rep.Content.Pages > 0 && rep.Content.F1 == 0 {
				t.Errorf("%s on %s: content F1 0 on %d content pages", tool.Name, set.Name, rep.Content.Pages)
			}
			results = append(results, r)
		}
	}
	var sb strings.Builder
	if err := WriteMarkdown(&sb, results); err != nil {
		t.Fatal(err)
	}
	out := sb.String()
	for _, s := range SetNames {
		for _, tool := range Tools() {
			if !strings.Contains(out, "| "+s+" | "+tool.Name+" |") {
				t.Errorf("table lacks a row for %s on %s", tool.Name, s)
			}
		}
	}
	if !strings.Contains(out, "site view incl. learning pass") {
		t.Errorf("no site-view learning table:\n%s", out)
	}
	t.Log("\n" + out)
}

// TestUntypedTools checks that the tools without page types say article when
// they find text and other when they do not, without shared/.
func TestUntypedTools(t *testing.T) {
	var para strings.Builder
	for range 12 {
		para.WriteString("<p>The provincial committee met on Monday to review the budget of the coming year, and the members agreed on a plan for new schools and roads in every district.</p>\n")
	}
	article := extract.Page{URL: "https://example.org/news/budget",
		HTML: []byte("<html><head><title>Budget plan agreed</title></head><body><nav><a href=/>Home</a></nav><article><h1>Budget plan agreed</h1>" + para.String() + "</article></body></html>")}
	empty := extract.Page{URL: "https://example.org/empty", HTML: []byte("<html><head></head><body><div></div></body></html>")}
	for _, tool := range Tools() {
		if tool.Typed {
			continue
		}
		var failures atomic.Int64
		ex, err := tool.New(context.Background(), nil, &failures)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ex(article)
		if err != nil {
			t.Fatalf("%s: %v", tool.Name, err)
		}
		if a.PageType != extract.TypeArticle || !strings.Contains(a.Text, "provincial committee") {
			t.Errorf("%s on an article: type %q, text %q", tool.Name, a.PageType, a.Text)
		}
		a, err = ex(empty)
		if err != nil {
			t.Fatalf("%s on an empty page: %v (want no error)", tool.Name, err)
		}
		if a.PageType != extract.TypeOther || a.Text != "" {
			t.Errorf("%s on an empty page: type %q, text %q", tool.Name, a.PageType, a.Text)
		}
	}
}

func TestSpread(t *testing.T) {
	ids := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	for _, c := range []struct {
		n    int
		want []int
	}{
		{0, ids}, {10, ids}, {11, ids}, {1, []int{0}}, {3, []int{0, 3, 6}}, {5, []int{0, 2, 4, 6, 8}},
	} {
		if got := Spread(ids, c.n); !slices.Equal(got, c.want) {
			t.Errorf("Spread(10 ids, %d) = %v, want %v", c.n, got, c.want)
		}
	}
}

func TestTime(t *testing.T) {
	pages := []extract.Page{{HTML: []byte("abc")}, {HTML: []byte("de")}}
	calls := 0
	ex := func(extract.Page) (extract.Article, error) { calls++; return extract.Article{}, nil }
	sp, err := Time(context.Background(), pages, ex, 0)
	if err != nil {
		t.Fatal(err)
	}
	if sp.Pages != 2 || sp.Bytes != 5 || sp.Passes != 1 || calls != 2 {
		t.Errorf("Time with no minimum: %+v after %d calls, want one pass of 2 pages, 5 bytes", sp, calls)
	}
	if _, err := Time(context.Background(), nil, ex, 0); err == nil {
		t.Error("Time of no pages: no error")
	}
}

func TestCheckSharedMissing(t *testing.T) {
	if err := CheckShared(t.TempDir()); !errors.Is(err, ErrNoShared) {
		t.Errorf("CheckShared(empty dir) = %v, want ErrNoShared", err)
	}
	if _, err := LoadSets(t.TempDir(), nil, 0); !errors.Is(err, ErrNoShared) {
		t.Errorf("LoadSets(empty dir) = %v, want ErrNoShared", err)
	}
}
