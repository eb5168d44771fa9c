package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/demosite"
)

func TestSearchCommand(t *testing.T) {
	srv := newCountingServer(t, demosite.Handler(), 0)
	db := tempDB(t)
	if code, _, stderr := runCmd(context.Background(), crawlArgs(srv.URL, db)...); code != exitPagesFailed {
		t.Fatalf("crawl: exit %d\n%s", code, stderr)
	}
	seed := srv.URL + demosite.SeedPath
	for _, q := range []string{"lao dong nguoi co cong", "lao động người có công", "LAO ĐỘNG NGƯỜI CÓ CÔNG", `"Huỳnh Thị Diễm Ngọc"`, "huynh thi diem ng*"} {
		t.Run(q, func(t *testing.T) {
			code, out, stderr := runCmd(context.Background(), "search", "--db", db, "--format", "jsonl", q)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			var hits []searchHit
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if line == "" {
					continue
				}
				var h searchHit
				if err := json.Unmarshal([]byte(line), &h); err != nil {
					t.Fatalf("line %q: %v", line, err)
				}
				hits = append(hits, h)
			}
			found := false
			for _, h := range hits {
				if h.URL == seed {
					found = true
					if !strings.Contains(h.Snippet, "[") || h.Title == "" || h.Published == "" {
						t.Errorf("hit lacks snippet marks, title or date: %+v", h)
					}
				}
			}
			if !found {
				t.Errorf("the seed article is not among %d hits", len(hits))
			}
		})
	}
	code, out, _ := runCmd(context.Background(), "search", "--db", db, "--tone-style", "new", "--limit", "3", "ủy ban")
	if code != exitOK || !strings.Contains(strings.ToLower(out), "uỷ]") || strings.Contains(out, "Ủy ban") || strings.Contains(out, "ủy ban") {
		t.Errorf("--tone-style new left old-style spellings (exit %d):\n%s", code, out)
	}
	missing := filepath.Join(t.TempDir(), "typo.db")
	for _, bad := range [][]string{
		{"search", "--db", missing, "x"},
		{"export", "--db", missing},
		{"search", "--db", db},
		{"search", "--db", db, "--since", "18/01/2021", "x"},
		{"search", "--db", db, "--tone-style", "modern", "x"},
	} {
		if code, _, stderr := runCmd(context.Background(), bad...); code != exitCannotRun || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want 1 and one line", bad, code, stderr)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a read-only command created the database it was pointed at")
	}
}
