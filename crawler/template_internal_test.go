package crawler

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/govcorpus/govcorpus/extract"
	"github.com/govcorpus/govcorpus/store"
)

// TestBlockCountsBounded feeds a host's pages of one template (blocks on
// every page, one on every other page) and unique paragraphs: the map
// stays about one window of paragraphs however many pages go in, while the
// template's counts stay within templateWindow's error of the truth.
func TestBlockCountsBounded(t *testing.T) {
	const (
		pages     = 20 * templateWindow
		template  = 30 // blocks on every page
		ownBlocks = 25 // paragraphs of the page's own
	)
	var b blockCounts
	next := extract.Fingerprint(1 << 32)
	largest := 0
	for p := range pages {
		fps := make([]extract.Fingerprint, 0, template+1+ownBlocks)
		for i := range template {
			fps = append(fps, extract.Fingerprint(i+1))
		}
		if p%2 == 0 {
			fps = append(fps, 1000) // on half the pages: the template boundary
		}
		for range ownBlocks {
			next++
			fps = append(fps, next)
		}
		b.add(fps)
		largest = max(largest, len(b.counts))
	}
	if bound := template + 1 + ownBlocks*templateWindow; largest > bound {
		t.Errorf("the counts held %d blocks at most; want at most %d (the template and one window of paragraphs)", largest, bound)
	}
	if b.Pages() != pages {
		t.Errorf("pages %d, want %d", b.Pages(), pages)
	}
	for i := range template {
		if n := b.Count(extract.Fingerprint(i + 1)); n != pages {
			t.Errorf("template block %d counted %d times, want %d", i+1, n, pages)
		}
	}
	if n := b.Count(1000); n < pages/2-pages/templateWindow || n > pages/2 {
		t.Errorf("half-page block counted %d times, want %d less at most 1%%", n, pages/2)
	}

	// What is saved leaves out the blocks seen once, and loads back.
	st := b.stats()
	if len(st.Counts) != template+1 {
		t.Errorf("saved %d blocks, want the %d seen more than once", len(st.Counts), template+1)
	}
	back := loadBlockCounts(st)
	if back.Pages() != pages || back.Count(1) != pages {
		t.Errorf("loaded back: pages %d, block 1 counted %d", back.Pages(), back.Count(1))
	}
	// A loaded template block is not forgotten at the next window.
	for range templateWindow {
		back.add([]extract.Fingerprint{1})
	}
	if back.Count(1) != pages+templateWindow || back.Count(1000) == 0 {
		t.Errorf("after a window more: block 1 counted %d, half-page block %d", back.Count(1), back.Count(1000))
	}
}

// savingStore records what templates.save hands it, failing when told.
type savingStore struct {
	fail   bool
	hosts  [][]string // hosts of each SaveTemplates call, sorted
	models int        // SaveSiteModels calls
}

func (s *savingStore) SaveTemplates(_ context.Context, stats map[string]store.TemplateStats) error {
	s.hosts = append(s.hosts, slices.Sorted(maps.Keys(stats)))
	if s.fail {
		return errors.New("disk full")
	}
	return nil
}

func (s *savingStore) SiteModels(context.Context) (map[string][]byte, error) { return nil, nil }

func (s *savingStore) SaveSiteModels(context.Context, map[string][]byte) error {
	s.models++
	return nil
}

// TestTemplatesSaveOnlyWhatLearnt: a save writes the hosts that learnt
// pages since the last one, and a failed save is written again.
func TestTemplatesSaveOnlyWhatLearnt(t *testing.T) {
	ctx := context.Background()
	tpl := &templates{hosts: map[string]*hostTemplate{}}
	st := &savingStore{}
	tpl.learn("a", []extract.Fingerprint{1}, extract.Shape{}, nil)
	tpl.learn("b", []extract.Fingerprint{1}, extract.Shape{}, nil)
	if err := tpl.save(ctx, st); err != nil {
		t.Fatal(err)
	}
	tpl.learn("b", []extract.Fingerprint{2}, extract.Shape{}, nil)
	st.fail = true
	if err := tpl.save(ctx, st); err == nil {
		t.Fatal("a failed save reported no error")
	}
	st.fail = false
	if err := tpl.save(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := tpl.save(ctx, st); err != nil { // nothing learnt: nothing written
		t.Fatal(err)
	}
	want := [][]string{{"a", "b"}, {"b"}, {"b"}}
	if !slices.EqualFunc(st.hosts, want, slices.Equal) || st.models != 3 {
		t.Errorf("saved hosts %v, %d site model saves; want %v and 3", st.hosts, st.models, want)
	}
}
