package crawler_test

import (
	"net/url"
	"testing"

	"github.com/govcorpus/govcorpus/crawler"
)

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTP://Example.GOV.vn:80/a?b=2&a=1#top", "http://example.gov.vn/a?a=1&b=2"},
		{"https://example.gov.vn:443", "https://example.gov.vn/"},
		{"http://example.gov.vn:8080/x", "http://example.gov.vn:8080/x"},
		{"http://[::1]:80/x", "http://[::1]/x"},
		{"http://alice:hunter2@example.gov.vn/x", "http://example.gov.vn/x"},
		// Repeated names keep their order; values keep their escaping.
		{"http://h/x?b=2&a=z&a=y&c=%20+", "http://h/x?a=z&a=y&b=2&c=%20+"},
		{"http://h/x?&&a=1&", "http://h/x?a=1"},
		{"http://h/x?", "http://h/x"},
		// Session ids, in the query and the path.
		{"http://h/list.jsp?page=2&JSESSIONID=0A1B2C3D4E5F", "http://h/list.jsp?page=2"},
		{"http://h/x.php?PHPSESSID=abc123&id=7", "http://h/x.php?id=7"},
		{"http://h/x.asp?ASPSESSIONIDQACTDBSR=KJHGFDSAPOIUYTRE&id=7", "http://h/x.asp?id=7"},
		{"http://h/x?sessionid=1&session_id=2&cfid=3&cftoken=4", "http://h/x"},
		{"http://h/list.jsp;jsessionid=0A1B2C3D4E5F?page=2", "http://h/list.jsp?page=2"},
		{"http://h/a;jsessionid=XYZ/b.html", "http://h/a/b.html"},
		{"http://h/(S(lit3py55t21z5v55vlm25s55))/default.aspx?id=1", "http://h/default.aspx?id=1"},
		// sid is a session only when it looks like a token: ?sid=12 is a
		// section id on many portals.
		{"http://h/x?sid=12", "http://h/x?sid=12"},
		{"http://h/x?sid=9f8e7d6c5b4a39281706", "http://h/x"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			u, err := url.Parse(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := crawler.Canonical(u).String(); got != tc.want {
				t.Errorf("Canonical(%s) = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
}
