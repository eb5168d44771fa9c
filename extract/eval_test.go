package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Quality floors on the shared benchmarks, just below what was measured when
// they were set (AEB F1 0.9680, vi-gov F1 0.9991; go test -v -run Benchmark).
const (
	aebMinF1   = 0.96
	viGovMinF1 = 0.99
)

func TestArticleExtractionBenchmark(t *testing.T) {
	dir, truth := loadAEB(t)
	ids := sortedKeys(truth)
	var pages []PageScore
	var report strings.Builder
	for _, id := range ids {
		tr := truth[id]
		a, err := Extract(Page{URL: tr.URL, HTML: readAEBPage(t, dir, id)})
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		s := ScorePage(tr.ArticleBody, a.Text)
		pages = append(pages, s)
		fmt.Fprintf(&report, "%.3f %.3f %6d %6d %s %s %s\n", s.Precision(), s.Recall(), len(tr.ArticleBody), len(a.Text), a.PageType, id[:8], tr.URL)
	}
	sum := Summarize(pages)
	if p := os.Getenv("EXTRACT_REPORT"); p != "" {
		os.WriteFile(p, []byte(report.String()), 0o644)
	}
	t.Logf("AEB %d pages: F1 %.4f P %.4f R %.4f", sum.Pages, sum.F1, sum.Precision, sum.Recall)
	if sum.F1 < aebMinF1 {
		t.Errorf("AEB F1 %.4f below the floor %.2f", sum.F1, aebMinF1)
	}
}

func TestViGovBenchmark(t *testing.T) {
	dir, truth := loadViGov(t)
	var pages []PageScore
	typeOK, itemsWant, itemsFound := 0, 0, 0
	var report strings.Builder
	for _, id := range sortedKeys(truth) {
		tr := truth[id]
		b, err := os.ReadFile(filepath.Join(dir, tr.File))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Extract(Page{URL: tr.URL, HTML: b})
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		s := ScorePage(tr.ArticleBody, a.Text)
		pages = append(pages, s)
		if string(a.PageType) == tr.PageType {
			typeOK++
		}
		switch {
		case tr.PageType == "article" && a.PageType != TypeArticle:
			t.Errorf("%s: page type %s, want article", id, a.PageType)
		case tr.PageType != "article" && (a.PageType == TypeArticle || a.Text != ""):
			t.Errorf("%s: page type %s with %d chars of text, want %s and no text", id, a.PageType, len(a.Text), tr.PageType)
		}
		if len(tr.ListingItems) > 0 {
			got := make(map[string]bool)
			for _, l := range a.Links {
				got[strings.ToLower(l.Text)] = true
			}
			found := 0
			for _, it := range tr.ListingItems {
				if got[strings.ToLower(it)] {
					found++
				}
			}
			itemsWant += len(tr.ListingItems)
			itemsFound += found
			if found < len(tr.ListingItems) {
				t.Logf("%s: %d of %d listing items found (%d links)", id, found, len(tr.ListingItems), len(a.Links))
			}
		}
		if a.Title != tr.Title {
			t.Logf("%s: title %q, want %q", id, a.Title, tr.Title)
		}
		fmt.Fprintf(&report, "%s %s P %.3f R %.3f len %d/%d title %q\n", id, a.PageType, s.Precision(), s.Recall(), len(a.Text), len(tr.ArticleBody), a.Title)
	}
	if p := os.Getenv("EXTRACT_REPORT"); p != "" {
		os.WriteFile(p+".vi", []byte(report.String()), 0o644)
	}
	sum := Summarize(pages)
	t.Logf("vi-gov %d pages: F1 %.4f P %.4f R %.4f; page type right on %d; listing items found %d of %d", sum.Pages, sum.F1, sum.Precision, sum.Recall, typeOK, itemsFound, itemsWant)
	if sum.F1 < viGovMinF1 {
		t.Errorf("vi-gov F1 %.4f below the floor %.2f", sum.F1, viGovMinF1)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// BenchmarkExtract runs the extractor over the 91 benchmark pages; its MB/s
// is over the raw HTML.
func BenchmarkExtract(b *testing.B) {
	dir, truth := loadAEB(b)
	var pages []Page
	size := 0
	for _, id := range sortedKeys(truth) {
		p := Page{URL: truth[id].URL, HTML: readAEBPage(b, dir, id)}
		pages = append(pages, p)
		size += len(p.HTML)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			if _, err := Extract(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkExtractViGov runs the extractor over the 20 Vietnamese department pages.
func BenchmarkExtractViGov(b *testing.B) {
	dir, truth := loadViGov(b)
	var pages []Page
	size := 0
	for _, id := range sortedKeys(truth) {
		html, err := os.ReadFile(filepath.Join(dir, truth[id].File))
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, Page{URL: truth[id].URL, HTML: html})
		size += len(html)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			if _, err := Extract(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
}
