package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// sharedDir finds the team's read-only shared/ folder, which sits beside the
// repository (../shared from its top). Tests that need it skip when it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("GOVCORPUS_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		cand := filepath.Join(dir, "shared", "benchmarks")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return filepath.Join(dir, "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("shared/ benchmarks not found beside the repository")
		}
		dir = parent
	}
}

type aebTruth struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

func loadAEB(t testing.TB) (dir string, truth map[string]aebTruth) {
	dir = filepath.Join(sharedDir(t), "benchmarks", "article-extraction")
	readJSON(t, filepath.Join(dir, "ground-truth.json"), &truth)
	if len(truth) == 0 {
		t.Fatal("empty ground truth")
	}
	return dir, truth
}

func readAEBPage(t testing.TB, dir, id string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type viTruth struct {
	File         string   `json:"file"`
	URL          string   `json:"url"`
	PageType     string   `json:"pageType"`
	Title        string   `json:"title"`
	Published    string   `json:"published"`
	ArticleBody  string   `json:"articleBody"`
	ListingItems []string `json:"listingItems"`
}

func loadViGov(t testing.TB) (dir string, truth map[string]viTruth) {
	dir = filepath.Join(sharedDir(t), "benchmarks", "vi-gov")
	readJSON(t, filepath.Join(dir, "ground-truth.json"), &truth)
	if len(truth) == 0 {
		t.Fatal("empty ground truth")
	}
	return dir, truth
}

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
