package crawlsite

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

var href = regexp.MustCompile(`href="([^"]+)"`)

// TestEveryPageReachable walks the site from its home page: every page it
// counts is reachable, no link is broken, and pages are the same on every
// request (a crawl measured twice crawls the same site).
func TestEveryPageReachable(t *testing.T) {
	for _, n := range []int{13, 500, 2345} {
		s := New(n)
		if s.Pages > n || s.Pages < n-perListing {
			t.Errorf("New(%d): %d pages", n, s.Pages)
		}
		seen := map[string]bool{"/": true}
		queue := []string{"/"}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			body := get(t, s, p)
			if body != get(t, s, p) {
				t.Fatalf("%s differs between two requests", p)
			}
			for _, m := range href.FindAllStringSubmatch(body, -1) {
				if !seen[m[1]] {
					seen[m[1]] = true
					queue = append(queue, m[1])
				}
			}
		}
		if len(seen) != s.Pages {
			t.Errorf("New(%d): %d pages reachable, %d laid out", n, len(seen), s.Pages)
		}
		if got := len(s.Served()); got != s.Pages {
			t.Errorf("New(%d): %d distinct pages noted as served, want %d", n, got, s.Pages)
		}
	}
}

func get(t *testing.T, s *Site, path string) string {
	t.Helper()
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: %d", path, w.Code)
	}
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET %s: %s", path, w.Header().Get("Content-Type"))
	}
	return w.Body.String()
}

func TestUnknownPathsAre404(t *testing.T) {
	s := New(100)
	for _, p := range []string{"/x", "/tin-tuc/trang-999.html", "/tin-tuc/bai-1.html", "/tin-tuc/a-999999.html", "/noi-bo/"} {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, p, nil))
		if w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, w.Code)
		}
	}
}
