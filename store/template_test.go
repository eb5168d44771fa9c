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
