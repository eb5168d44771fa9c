package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/govcorpus/govcorpus/demosite"
)

func TestExport(t *testing.T) {
	srv := newCountingServer(t, demosite.Handler(), 0)
	db := tempDB(t)
	if code, _, stderr := runCmd(context.Background(), crawlArgs(srv.URL, db)...); code != exitPagesFailed {
		t.Fatalf("crawl: exit %d\n%s", code, stderr)
	}
	want := articleSet(t, db, srv.URL)

	code, out, stderr := runCmd(context.Background(), "export", "--db", db)
	if code != exitOK {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d JSON lines, want one per article (%d)", len(lines), len(want))
	}
	for _, l := range lines {
		var r exportRow
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		a, ok := want[strings.TrimPrefix(r.URL, srv.URL)]
		if !ok || r.Text != a.Text || r.Title != a.Title || r.Published != a.Published || r.SHA256 == "" {
			t.Errorf("row for %s does not match the article", r.URL)
		}
	}

	pq := filepath.Join(t.TempDir(), "corpus.parquet")
	if code, _, stderr := runCmd(context.Background(), "export", "--db", db, "--format", "parquet", "--out", pq, "--tone-style", "new"); code != exitOK {
		t.Fatalf("parquet export: exit %d\n%s", code, stderr)
	}
	rows, err := parquet.ReadFile[exportRow](pq)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want) {
		t.Fatalf("%d parquet rows, want %d", len(rows), len(want))
	}
	newStyle := false
	for _, r := range rows {
		if strings.Contains(r.Text, "ủy ban") || strings.Contains(r.Text, "Ủy ban") {
			t.Errorf("%s: --tone-style new left old-style ủy", r.URL)
		}
		newStyle = newStyle || strings.Contains(strings.ToLower(r.Text), "uỷ ban")
	}
	if !newStyle {
		t.Error("no article shows the new-style uỷ: the tone rewrite was not exercised")
	}
	entries, _ := os.ReadDir(filepath.Dir(pq))
	if len(entries) != 1 {
		t.Errorf("export left temporary files: %v", entries)
	}
	if code, _, _ := runCmd(context.Background(), "export", "--db", db, "--format", "parquet"); code != exitCannotRun {
		t.Errorf("parquet to a terminal: exit %d, want %d", code, exitCannotRun)
	}
}
