package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchArticles is how many articles each recrawl of the benchmark writes:
// a department site's worth.
const benchArticles = 500

// BenchmarkRecrawl measures one recrawl of benchArticles articles through
// Complete, a tenth of them edited, as nightly runs do: the cost of keeping
// history (versions, changes, counts) shows against the same benchmark on
// a store without it.
func BenchmarkRecrawl(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	para := strings.Repeat("Sở Lao động tổ chức hội nghị tổng kết công tác năm với sự tham dự của lãnh đạo. ", 20)
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	crawl := func(run int) {
		if _, err := s.StartRun(ctx, nil, at); err != nil {
			b.Fatal(err)
		}
		for i := range benchArticles {
			text := fmt.Sprintf("%s\nBài %d.", para, i)
			if i%10 == 0 {
				text += fmt.Sprintf(" Sửa lần %d.", run)
			}
			sum := sha256.Sum256([]byte(text))
			u := fmt.Sprintf("http://a/tin/%d.html", i)
			at = at.Add(time.Second)
			r := Result{Page: Page{URL: u, FinalURL: u, Status: 200, PageType: "article", FetchedAt: at},
				Article: &Article{URL: u, Title: "Tin", Text: text, SHA256: hex.EncodeToString(sum[:])}}
			if _, err := s.Complete(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
	}
	crawl(0)
	b.ResetTimer()
	for i := range b.N {
		crawl(i + 1)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*benchArticles), "µs/page")
}
