package crawler

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/gocolly/colly/v2"

	"github.com/govcorpus/govcorpus/extract"
)

// TestLinksAsCollyFindsThem: the links a crawl follows, taken from the
// extractor's parse (or PageHrefs for a body not extracted), are the ones
// Colly's "a[href], area[href]" selector and AbsoluteURL gave, in order,
// each target once.
func TestLinksAsCollyFindsThem(t *testing.T) {
	pages := map[string]string{
		"/plain.html": `<html><body><a href="/a.html">a</a> <a href="b.html">b</a> <a href="#top">top</a>
<a href="">self</a> <a href="  /spaced.html  ">spaced</a> <a href="javascript:void(0)">js</a> <a href="mailto:x@y.vn">mail</a>
<a href="?q=1&amp;p=2">query</a> <a href="../up.html">up</a> <a href="//other.example/x">other</a> <a href="100%">pct</a>
<a href="%zz">bad pct</a> <a href="a b.html">space</a> <a href="/tin-tức/bài 1.html">vi</a> <a>no href</a>
<map><area href="/area.html"><area nohref></map><a HREF="/upper.html">upper</a> <a href="b.html">b again</a></body></html>`,
		"/dir/base.html": `<html><head><base href="/sub/dir/"><base href="/ignored/"></head><body>
<a href="x.html">x</a> <a href="/abs.html">abs</a> <a href="#f">f</a> <a href="">self</a></body></html>`,
		"/dir/nested.html": `<html><body><noscript><a href="/noscript.html">ns</a></noscript>
<template><a href="/template.html">tpl</a></template><svg><a href="/svg.html"><text>s</text></a></svg>
<!-- <a href="/comment.html">c</a> --><script>document.write('<a href="/script.html">')</script>
<table><a href="/in-table.html">t</a></table><a href="/last.html">last</a></body></html>`,
	}
	mux := http.NewServeMux()
	for p, body := range pages {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(body))
		})
	}
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/dir/nested.html", http.StatusFound)
	})
	// Two servers, two origins: one resolver remembers the targets of
	// both apart, and resolves them alike the second time.
	srv, other := httptest.NewServer(mux), httptest.NewServer(mux)
	defer srv.Close()
	defer other.Close()
	r := &linkResolver{}

	for _, page := range []string{srv.URL + "/plain.html", srv.URL + "/dir/base.html", srv.URL + "/dir/nested.html", srv.URL + "/moved", other.URL + "/plain.html", other.URL + "/moved"} {
		t.Run(page, func(t *testing.T) {
			// What the crawler did before: Colly's selector over its own parse.
			var want []string
			var body []byte
			var final string
			col := colly.NewCollector(colly.AllowURLRevisit())
			col.OnHTML("a[href], area[href]", func(e *colly.HTMLElement) {
				if u := e.Request.AbsoluteURL(e.Attr("href")); u != "" {
					want = append(want, u)
				}
			})
			col.OnResponse(func(r *colly.Response) { body, final = r.Body, r.Request.URL.String() })
			if err := col.Visit(page); err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 {
				t.Fatal("premise: Colly found no link")
			}
			want = firstOfEach(want)
			art, err := extract.Extract(extract.Page{URL: final, HTML: body, ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			for pass := range 2 {
				if got := r.absolute(final, art.Hrefs); !slices.Equal(got, want) {
					t.Errorf("links from the extractor's parse, pass %d:\n got %q\nwant %q", pass+1, got, want)
				}
			}
			h, err := extract.PageHrefs(body, "text/html; charset=utf-8")
			if err != nil {
				t.Fatal(err)
			}
			if got := r.absolute(final, h); !slices.Equal(got, want) {
				t.Errorf("links from PageHrefs:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// firstOfEach keeps the first of each repeated string, in order.
func firstOfEach(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
