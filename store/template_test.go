package store

import (
	"context"
	"testing"
)

func TestTemplates(t *testing.T) {
	ctx := context.Background()
	s, path := openTest(t)
	big := uint64(1) << 63 // the sign bit must survive the INTEGER column
	for i, fps := range [][]uint64{{1, 2, big}, {1, big}, {1}} {
		r := Result{Page: Page{URL: "http://a/" + string(rune('0'+i))}, Template: &TemplateSample{Host: "a", Fingerprints: fps}}
		if _, err := s.Complete(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Complete(ctx, Result{Page: Page{URL: "http://b/"}, Template: &TemplateSample{Host: "b", Fingerprints: []uint64{1}}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(ctx, path) // the statistics outlive the process
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Templates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := got["a"]
	if a.Pages != 3 || a.Counts[1] != 3 || a.Counts[2] != 1 || a.Counts[big] != 2 || len(a.Counts) != 3 {
		t.Errorf("host a = %+v", a)
	}
	if b := got["b"]; b.Pages != 1 || b.Counts[1] != 1 {
		t.Errorf("host b = %+v", b)
	}
}

// TestSaveTemplates replaces a host's statistics as a whole: blocks left
// out are gone, other hosts keep theirs.
func TestSaveTemplates(t *testing.T) {
	ctx := context.Background()
	s, path := openTest(t)
	big := uint64(1) << 63
	if err := s.SaveTemplates(ctx, map[string]TemplateStats{
		"a": {Pages: 10, Counts: map[uint64]int{1: 10, 2: 3, big: 7}},
		"b": {Pages: 4, Counts: map[uint64]int{1: 4}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveTemplates(ctx, map[string]TemplateStats{"a": {Pages: 20, Counts: map[uint64]int{1: 20, big: 9}}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Templates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a := got["a"]; a.Pages != 20 || len(a.Counts) != 2 || a.Counts[1] != 20 || a.Counts[big] != 9 {
		t.Errorf("host a = %+v, want the second save only", a)
	}
	if b := got["b"]; b.Pages != 4 || len(b.Counts) != 1 || b.Counts[1] != 4 {
		t.Errorf("host b = %+v, want it untouched", b)
	}
}
