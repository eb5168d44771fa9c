package store

import (
	"context"
	"testing"
	"time"
)

func TestApplyReextractions(t *testing.T) {
	ctx := context.Background()
	text := "Sở Lao động tổ chức hội nghị tổng kết công tác năm 2020."
	fetched := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	s := searchStore(t)
	for _, a := range []Article{
		{URL: "http://a/tin/1", Title: "Hội nghị", Text: text, SHA256: "same"},
		{URL: "http://a/in/1?print=1", Title: "Hội nghị", Text: text, SHA256: "same"},
		{URL: "http://a/tin/2", Title: "Khác", Text: "Một bài viết khác về lao động.", SHA256: "other"},
	} {
		a := a
		p := Page{URL: a.URL, FinalURL: a.URL, Status: 200, PageType: "article", FetchedAt: fetched}
		if _, err := s.Complete(ctx, Result{Page: p, Article: &a}); err != nil {
			t.Fatal(err)
		}
	}
	listing := Page{URL: "http://a/tin/", FinalURL: "http://a/tin/", Status: 200, PageType: "listing", FetchedAt: fetched}
	if _, err := s.Complete(ctx, Result{Page: listing}); err != nil {
		t.Fatal(err)
	}
	before := articlesByURL(t, s)

	rx := []Reextraction{
		{URL: "http://a/tin/1", PageType: "listing"}, // the original of a duplicate goes
		{URL: "http://a/tin/2", PageType: "article", Article: &Article{URL: "http://a/tin/2", Site: "a",
			Title: "Khác hẳn", Text: "Một bài viết khác về việc làm.", SHA256: "new", FetchedAt: time.Now()}},
		{URL: "http://a/tin/", PageType: "article", Article: &Article{URL: "http://a/tin/", Site: "a",
			Title: "Tin tức", Text: "Trang tin tức là một bài viết.", SHA256: "tin"}},
		{URL: "http://a/in/1?print=1", PageType: "article", Article: &Article{URL: "http://a/in/1?print=1", Site: "a",
			Title: "Hội nghị", Text: text, SHA256: "same"}},
	}
	changes, err := s.ApplyReextractions(ctx, rx)
	if err != nil {
		t.Fatal(err)
	}
	want := []ReextractChange{
		{TypeChanged: true, Article: ArticleRemoved},
		{Article: ArticleUpdated},
		{TypeChanged: true, Article: ArticleAdded},
		{Article: ArticleSame},
	}
	for i := range want {
		if changes[i] != want[i] {
			t.Errorf("%s: change %+v, want %+v", rx[i].URL, changes[i], want[i])
		}
	}

	after := articlesByURL(t, s)
	if _, ok := after["http://a/tin/1"]; ok {
		t.Error("the article that is a listing now is still stored")
	}
	if dup := after["http://a/in/1?print=1"]; dup.DuplicateOf != 0 {
		t.Errorf("the copy of a removed original is still marked a duplicate of %d", dup.DuplicateOf)
	}
	if hits, err := s.Search(ctx, Query{Text: "hoi nghi tong ket"}); err != nil || len(hits) != 1 || hits[0].URL != "http://a/in/1?print=1" {
		t.Errorf("search hits %v (%v); want the copy, the original now", urls(hits), err)
	}
	upd := after["http://a/tin/2"]
	if upd.ID != before["http://a/tin/2"].ID || upd.Title != "Khác hẳn" || !upd.FetchedAt.Equal(fetched) {
		t.Errorf("updated article %+v; want the same id and fetch time, the new title", upd)
	}
	if hits, _ := s.Search(ctx, Query{Text: "viec lam"}); len(hits) != 1 {
		t.Errorf("search for the updated text: %v", urls(hits))
	}
	if hits, _ := s.Search(ctx, Query{Text: "lao dong"}); len(hits) != 1 {
		t.Errorf("search for the old text finds %v; want only the copy of the removed article", urls(hits))
	}
	if added := after["http://a/tin/"]; added.Title != "Tin tức" || !added.FetchedAt.Equal(fetched) {
		t.Errorf("added article %+v; want the page's fetch time", added)
	}
	pages, err := s.Pages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if p.URL == "http://a/tin/1" && p.PageType != "listing" {
			t.Errorf("page type %q, want listing", p.PageType)
		}
	}

	again, err := s.ApplyReextractions(ctx, rx)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range again {
		if c != (ReextractChange{}) {
			t.Errorf("%s applied twice: %+v, want no change", rx[i].URL, c)
		}
	}
	if _, err := s.ApplyReextractions(ctx, []Reextraction{{URL: "http://a/never-fetched", PageType: "article"}}); err == nil {
		t.Error("a page the database does not have was accepted")
	}
}

func articlesByURL(t *testing.T, s *Store) map[string]Article {
	t.Helper()
	arts, err := s.Articles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Article{}
	for _, a := range arts {
		out[a.URL] = a
	}
	return out
}
