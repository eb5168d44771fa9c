package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// benchVocabulary is about 9,000 distinct Vietnamese-shaped syllables in
// Zipf order, so frequent words are frequent and rare ones rare, as in
// real text; the words the benchmark queries sit at realistic ranks.
func benchVocabulary() []string {
	onsets := []string{"", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"}
	nuclei := []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "iê", "uô", "ươ", "oa"}
	codas := []string{"", "c", "m", "n", "ng", "nh", "p", "t", "i", "u"}
	tones := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	r := rand.New(rand.NewPCG(7, 7))
	seen := map[string]bool{}
	var out []string
	for len(out) < 9000 {
		w := onsets[r.IntN(len(onsets))] + nuclei[r.IntN(len(nuclei))] + tones[r.IntN(len(tones))] + codas[r.IntN(len(codas))]
		w = norm.NFC.String(w)
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	// Query words at the ranks such words have in department news.
	for rank, w := range map[int]string{40: "lao", 41: "động", 90: "chuyển", 91: "đổi", 92: "số", 300: "thủy",
		301: "lợi", 120: "doanh", 121: "nghiệp", 200: "bảo", 201: "hiểm", 60: "xã", 61: "hội", 150: "giáo",
		151: "dục", 900: "hải", 901: "quan", 902: "thuế", 2000: "biên", 2001: "phòng", 700: "công", 701: "an"} {
		out[rank] = w
	}
	return out
}

func benchText(r *rand.Rand, vocab []string, words int) string {
	z := rand.NewZipf(r, 1.07, 3, uint64(len(vocab)-1))
	var b strings.Builder
	for i := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(vocab[z.Uint64()])
	}
	return b.String()
}

// BenchmarkSearch100k measures query latency over 100,000 articles of 300
// words each (median and p95 reported as metrics). Building the corpus
// takes a minute or two.
func BenchmarkSearch100k(b *testing.B) {
	ctx := context.Background()
	// The corpus takes a minute or two to build: it is kept in the temp
	// dir between runs (delete it to rebuild).
	path := filepath.Join(os.TempDir(), "govcorpus-search-100k-v2.db")
	s, err := Open(ctx, path, WithFold(testFold))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var have int
	if err := s.rdb.QueryRow(`SELECT COUNT(*) FROM articles`).Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have != 100_000 {
		fillSearchBench(b, s)
	}
	queries := []Query{
		{Text: "lao dong"}, {Text: "lao động"}, {Text: "LAO ĐỘNG"}, {Text: `"chuyển đổi số"`},
		{Text: "thuy loi"}, {Text: "doanh ngh*"}, {Text: "bảo hiểm xã hội", Site: "site7.gov.vn"},
		{Text: "giáo dục", Since: "2023-01-01"}, {Text: "hải quan thuế"}, {Text: "biên phòng OR công an"},
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		start := time.Now()
		hits, err := s.Search(ctx, q)
		lat = append(lat, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		if len(hits) == 0 {
			b.Fatalf("no hit for %q", q.Text)
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}

// fillSearchBench writes the 100,000 articles in one transaction.
func fillSearchBench(b *testing.B, s *Store) {
	ctx := context.Background()
	if _, err := s.wdb.Exec(`DELETE FROM articles; DELETE FROM articles_fts`); err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	vocab := benchVocabulary()
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 100_000 {
		a := Article{
			URL:       fmt.Sprintf("https://site%d.gov.vn/tin-tuc/%d.html", i%50, i),
			Site:      fmt.Sprintf("site%d.gov.vn", i%50),
			Title:     benchText(r, vocab, 12),
			Text:      benchText(r, vocab, 300),
			Published: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%3650).Format("2006-01-02"),
		}
		if i%20 == 0 { // a phrase in one article of twenty
			a.Text += " chuyển đổi số " + benchText(r, vocab, 20)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles (url, site, title, published, text) VALUES (?, ?, ?, ?, ?)`,
			a.URL, a.Site, a.Title, a.Published, a.Text); err != nil {
			b.Fatal(err)
		}
		if err := s.indexArticle(ctx, tx, a); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
