package store

import (
	"context"
	"testing"
	"time"
)

func TestCaptures(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	date := time.Date(2021, 1, 18, 2, 15, 0, 0, time.UTC)
	for _, c := range []Capture{
		{URL: "http://a/", PayloadDigest: "sha1:AAA", File: "f1", Offset: 10, Length: 5, Date: date, RecordID: "<urn:uuid:1>"},
		{URL: "http://a/", PayloadDigest: "sha1:AAA", File: "f2", Offset: 20, Length: 3, Date: date.Add(time.Hour), RecordID: "<urn:uuid:2>", Revisit: true},
		{URL: "http://b/", PayloadDigest: "sha1:BBB", File: "f1", Offset: 30, Length: 7, Date: date, RecordID: "<urn:uuid:3>"},
	} {
		if err := s.AddCapture(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		url, digest string
		ok          bool
		file        string
	}{
		{"http://a/", "sha1:AAA", true, "f1"}, // the original, not the later revisit
		{"http://a/", "sha1:ZZZ", false, ""},  // changed payload
		{"http://b/", "sha1:AAA", false, ""},  // same bytes, other URL
		{"http://b/", "sha1:BBB", true, "f1"},
	}
	for _, tc := range tests {
		c, ok, err := s.OriginalCapture(ctx, tc.url, tc.digest)
		if err != nil {
			t.Fatal(err)
		}
		if ok != tc.ok || c.File != tc.file {
			t.Errorf("OriginalCapture(%s, %s) = %+v, %v; want file %q, %v", tc.url, tc.digest, c, ok, tc.file, tc.ok)
		}
		if ok && (!c.Date.Equal(date) || c.RecordID == "") {
			t.Errorf("capture lost its date or record id: %+v", c)
		}
	}
	// A newer response with other bytes is what a 304 confirms.
	if err := s.AddCapture(ctx, Capture{URL: "http://a/", PayloadDigest: "sha1:CCC", File: "f3", Offset: 40, Length: 9, Date: date.Add(2 * time.Hour), RecordID: "<urn:uuid:4>"}); err != nil {
		t.Fatal(err)
	}
	lookups := []struct {
		name string
		get  func() (Capture, bool, error)
		ok   bool
		file string
	}{
		{"LatestResponse(a)", func() (Capture, bool, error) { return s.LatestResponse(ctx, "http://a/") }, true, "f3"},
		{"LatestResponse(none)", func() (Capture, bool, error) { return s.LatestResponse(ctx, "http://c/") }, false, ""},
		{"CaptureByRecordID(a, 2)", func() (Capture, bool, error) { return s.CaptureByRecordID(ctx, "http://a/", "<urn:uuid:2>") }, true, "f2"},
		{"CaptureByRecordID(b, 2)", func() (Capture, bool, error) { return s.CaptureByRecordID(ctx, "http://b/", "<urn:uuid:2>") }, false, ""},
		{"CaptureAt(a, f2, 20)", func() (Capture, bool, error) { return s.CaptureAt(ctx, "http://a/", "f2", 20) }, true, "f2"},
		{"CaptureAt(a, f2, 21)", func() (Capture, bool, error) { return s.CaptureAt(ctx, "http://a/", "f2", 21) }, false, ""},
	}
	for _, l := range lookups {
		c, ok, err := l.get()
		if err != nil || ok != l.ok || c.File != l.file {
			t.Errorf("%s = %+v, %v, %v; want file %q, %v", l.name, c, ok, err, l.file, l.ok)
		}
	}
}

func TestNewPass(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	if _, err := s.Enqueue(ctx, []Link{{URL: "http://a/1"}, {URL: "http://a/2"}}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.NewPass(ctx); err != nil || n != 0 {
		t.Fatalf("NewPass with queued work = %d, %v; want 0 (resume, not recrawl)", n, err)
	}
	links, err := s.Lease(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Complete(ctx, Result{Page: Page{URL: links[0].URL, Status: 200}}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.NewPass(ctx); err != nil || n != 0 {
		t.Fatalf("NewPass with a lease out = %d, %v; want 0", n, err)
	}
	if _, err := s.Complete(ctx, Result{Page: Page{URL: links[1].URL, Status: 200}}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.NewPass(ctx); err != nil || n != 2 {
		t.Fatalf("NewPass after a finished crawl = %d, %v; want 2", n, err)
	}
	if q, l, d, err := s.Counts(ctx); err != nil || q != 2 || l != 0 || d != 0 {
		t.Errorf("counts = %d queued %d leased %d done (%v); want all queued", q, l, d, err)
	}
}

func TestUnchangedKeepsThePage(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	first := Page{URL: "http://a/1", FinalURL: "http://a/1", Status: 200, SHA256: "abc", Size: 10, PageType: "article",
		ETag: `"v1"`, LastModified: "Fri, 01 Mar 2024 08:00:00 GMT", WarcFile: "w1", WarcOffset: 5, WarcLength: 7,
		FetchedAt: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := s.Complete(ctx, Result{Page: first, Article: &Article{Title: "T", Text: "x", SHA256: "t"}}); err != nil {
		t.Fatal(err)
	}
	etag, lm, err := s.Validators(ctx, "http://a/1")
	if err != nil || etag != `"v1"` || lm != first.LastModified {
		t.Fatalf("validators %q %q %v", etag, lm, err)
	}
	later := time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC)
	if _, err := s.Complete(ctx, Result{Page: Page{URL: "http://a/1", Status: 304, FetchedAt: later}, Unchanged: true}); err != nil {
		t.Fatal(err)
	}
	ps, _ := s.Pages(ctx)
	p := ps[0]
	if p.Status != 200 || p.SHA256 != "abc" || p.WarcFile != "w1" || p.PageType != "article" || !p.FetchedAt.Equal(later) {
		t.Errorf("after a 304 the page row is %+v; want its content fields kept and the fetch time moved", p)
	}
	if _, err := s.Complete(ctx, Result{Page: Page{URL: "http://a/never"}, Unchanged: true}); err == nil {
		t.Error("a 304 for a page never fetched must be an error")
	}
	if e, l, _ := s.Validators(ctx, "http://a/never"); e != "" || l != "" {
		t.Error("validators for an unknown page")
	}
}

// TestLeaseCarriesThePrior: a lease hands each URL out with what its last
// successful fetch left, as Validators and StoredBody read it, and nothing
// for a page whose last fetch failed.
func TestLeaseCarriesThePrior(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	if _, err := s.Enqueue(ctx, []Link{{URL: "http://a/1"}, {URL: "http://a/2"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LeaseHost(ctx, "a", 2); err != nil {
		t.Fatal(err)
	}
	ok := Page{URL: "http://a/1", FinalURL: "http://a/1/", Status: 200, SHA256: "abc", ETag: `"v1"`,
		LastModified: "Fri, 01 Mar 2024 08:00:00 GMT", FetchedAt: time.Now()}
	failed := Page{URL: "http://a/2", FinalURL: "http://a/2", Status: 500, SHA256: "def", Error: "HTTP 500", ETag: `"x"`, FetchedAt: time.Now()}
	for _, p := range []Page{ok, failed} {
		if _, err := s.Complete(ctx, Result{Page: p}); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.NewPass(ctx); err != nil || n != 2 {
		t.Fatalf("NewPass = %d, %v; want 2", n, err)
	}
	leased, err := s.LeaseHost(ctx, "a", 2)
	if err != nil || len(leased) != 2 {
		t.Fatalf("lease = %v, %v", leased, err)
	}
	for _, l := range leased {
		etag, lm, _ := s.Validators(ctx, l.URL)
		sum, final, _ := s.StoredBody(ctx, l.URL)
		want := Prior{ETag: etag, LastModified: lm, SHA256: sum, FinalURL: final}
		if l.Prior == nil || *l.Prior != want {
			t.Errorf("%s leased with prior %+v, want %+v", l.URL, l.Prior, want)
		}
	}
	if leased[0].Prior == nil || leased[0].Prior.ETag != ok.ETag || leased[0].Prior.FinalURL != ok.FinalURL {
		t.Errorf("the fetched page's prior is %+v, want its validators and final URL", leased[0].Prior)
	}
}

// TestForgetArchiveFrom cuts f1 from offset 25: the page recorded there,
// and the page at a revisit of it in another file, lose their pointers
// and are queued again; the pages before the cut, and at a revisit of a
// response before it, keep theirs.
func TestForgetArchiveFrom(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	date := time.Date(2021, 1, 18, 2, 15, 0, 0, time.UTC)
	type rec struct {
		page, capURL, digest, file string
		offset                     int64
		revisit                    bool
	}
	recs := []rec{
		{"http://a/kept", "http://a/", "sha1:AAA", "f1", 10, false},
		{"http://b/cut", "http://b/", "sha1:BBB", "f1", 30, false},
		{"http://b/revisit", "http://b/", "sha1:BBB", "f2", 20, true},
		{"http://a/revisit", "http://a/", "sha1:AAA", "f2", 40, true},
	}
	for _, r := range recs {
		if err := s.AddCapture(ctx, Capture{URL: r.capURL, PayloadDigest: r.digest, File: r.file, Offset: r.offset, Length: 5, Date: date, RecordID: "<urn:uuid:" + r.page + ">", Revisit: r.revisit}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Complete(ctx, Result{Page: Page{URL: r.page, Status: 200, WarcFile: r.file, WarcOffset: r.offset, WarcLength: 5, ETag: `"e"`}}); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.ForgetArchiveFrom(ctx, "f1", 25)
	if err != nil || n != 2 {
		t.Fatalf("ForgetArchiveFrom = %d, %v; want the 2 pages without content", n, err)
	}
	pages, err := s.Pages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lost := map[string]bool{"http://b/cut": true, "http://b/revisit": true}
	for _, p := range pages {
		if cleared := p.WarcFile == "" && p.ETag == ""; cleared != lost[p.URL] {
			t.Errorf("%s: pointer %q@%d etag %q after the cut", p.URL, p.WarcFile, p.WarcOffset, p.ETag)
		}
	}
	if q, _, _, err := s.Counts(ctx); err != nil || q != 2 {
		t.Errorf("%d URLs queued (%v), want 2", q, err)
	}
	if _, ok, _ := s.OriginalCapture(ctx, "http://b/", "sha1:BBB"); ok {
		t.Error("the cut capture is still the original of http://b/")
	}
	if _, ok, _ := s.OriginalCapture(ctx, "http://a/", "sha1:AAA"); !ok {
		t.Error("the capture before the cut was forgotten")
	}
}
