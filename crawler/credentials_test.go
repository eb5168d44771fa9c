package crawler_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/govcorpus/govcorpus/crawler"
)

func TestSeedWithCredentialsIsRefused(t *testing.T) {
	for _, seed := range []string{
		"http://user:hunter2@127.0.0.1:1/",
		"https://hunter2@127.0.0.1:1/",
	} {
		_, err := crawler.ParseSeed(seed)
		if err == nil || !strings.Contains(err.Error(), "user:password@") {
			t.Errorf("ParseSeed(%q) = %v, want a refusal naming user:password@", seed, err)
			continue
		}
		if strings.Contains(err.Error(), "hunter2:") || strings.Contains(err.Error(), ":hunter2") {
			t.Errorf("the refusal prints the password: %v", err)
		}
	}
}

// TestCredentialsInLinksAreDropped: links and redirects carrying
// user:password@ are followed without it, so neither the database nor the
// requests (an Authorization header) carry the password.
func TestCredentialsInLinksAreDropped(t *testing.T) {
	var mu sync.Mutex
	var auth []string
	var s *site
	s = newSite(t, map[string]http.HandlerFunc{
		"/": func(w http.ResponseWriter, r *http.Request) {
			u := strings.Replace(s.URL, "http://", "http://alice:hunter2@", 1)
			html(`<a href="`+u+`/secret.html">secret</a> <a href="/moved">moved</a>`)(w, r)
		},
		"/moved": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, strings.Replace(s.URL, "http://", "http://bob:hunter2@", 1)+"/target.html", http.StatusFound)
		},
		"/secret.html": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			auth = append(auth, r.Header.Get("Authorization"))
			mu.Unlock()
			html(`<p>secret</p>`)(w, r)
		},
		"/target.html": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			auth = append(auth, r.Header.Get("Authorization"))
			mu.Unlock()
			html(`<p>target</p>`)(w, r)
		},
	})
	st := openStore(t)
	var logs syncBuffer
	cfg := testConfig(s.URL + "/")
	cfg.Logger = testLogger(&logs)
	if _, err := crawler.Crawl(context.Background(), cfg, st); err != nil {
		t.Fatal(err)
	}
	pages, err := st.Pages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fetched := map[string]bool{}
	for _, p := range pages {
		if strings.Contains(p.URL+p.FinalURL, "hunter2") {
			t.Errorf("page stored with a password: %+v", p)
		}
		fetched[strings.TrimPrefix(p.FinalURL, s.URL)] = true
	}
	if !fetched["/secret.html"] || !fetched["/target.html"] {
		t.Errorf("pages %v: the links with credentials were not followed without them", fetched)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, a := range auth {
		if a != "" {
			t.Errorf("a request carried Authorization %q", a)
		}
	}
	if strings.Contains(logs.String(), "hunter2") {
		t.Errorf("the log carries the password:\n%s", logs.String())
	}
}
