package store

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestArticleFilterDates(t *testing.T) {
	ctx := context.Background()
	fetched := func(d int) time.Time { return time.Date(2026, 11, d, 23, 30, 0, 0, time.UTC) }
	s := searchStore(t,
		Article{URL: "http://a/day", Published: "2021-03-29", Text: "một", SHA256: "1", FetchedAt: fetched(1)},
		Article{URL: "http://a/time", Published: "2021-03-30T23:45:00+07:00", Text: "hai", SHA256: "2", FetchedAt: fetched(2)},
		Article{URL: "http://a/none", Text: "ba", SHA256: "3", FetchedAt: fetched(3)},
		Article{URL: "http://a/junk", Published: "hôm qua", Text: "bốn", SHA256: "4", FetchedAt: fetched(4)},
	)
	tests := []struct {
		name string
		f    ArticleFilter
		want []string
	}{
		{"no filter", ArticleFilter{}, []string{"http://a/day", "http://a/time", "http://a/none", "http://a/junk"}},
		{"since keeps the undated", ArticleFilter{Since: "2021-03-30"}, []string{"http://a/time", "http://a/none", "http://a/junk"}},
		{"until is inclusive of the whole day", ArticleFilter{Until: "2021-03-30", DropUndated: true}, []string{"http://a/day", "http://a/time"}},
		{"a day range", ArticleFilter{Since: "2021-03-29", Until: "2021-03-29", DropUndated: true}, []string{"http://a/day"}},
		{"fetch dates, UTC", ArticleFilter{DateField: DateFetched, Since: "2026-11-02", Until: "2026-11-03"}, []string{"http://a/time", "http://a/none"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			if err := s.EachArticle(ctx, tt.f, func(a Article) error { got = append(got, a.URL); return nil }); err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(got, want) {
				t.Errorf("articles %v, want %v", got, want)
			}
			if n, err := s.CountArticles(ctx, tt.f); err != nil || n != len(want) {
				t.Errorf("CountArticles %d (%v), want %d", n, err, len(want))
			}
		})
	}
	if err := s.EachArticle(ctx, ArticleFilter{Until: "29/03/2021"}, func(Article) error { return nil }); err == nil {
		t.Error("a malformed --until was accepted")
	}
	if _, err := s.CountArticles(ctx, ArticleFilter{DateField: "modified", Since: "2021-01-01"}); err == nil {
		t.Error("an unknown date field was accepted")
	}
}
