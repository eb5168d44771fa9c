package demosite

import (
	"bufio"
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

const base = "http://demo.test"

func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, base+target, nil))
	return rec
}

// parsed is what the tests need from one HTML page.
type parsed struct {
	text      string   // visible text, whitespace collapsed, blocks separated by a space
	body      string   // same for the article body (div.news-content), if any
	h1        string   // text of the first <h1>
	links     []string // <a>/<area> hrefs resolved against the page, fragment removed; http(s) only
	resources []string // img/script src and link href, resolved
}

var blockTags = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "table": true, "tr": true, "td": true,
	"th": true, "h1": true, "h2": true, "h3": true, "h4": true, "br": true, "form": true, "select": true,
	"option": true, "textarea": true,
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && strings.Contains(" "+a.Val+" ", " "+class+" ") {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func parsePage(t *testing.T, pagePath string, data []byte) parsed {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", pagePath, err)
	}
	pageURL, _ := url.Parse(base + pagePath)
	resolve := func(ref string) (string, bool) {
		u, err := pageURL.Parse(strings.TrimSpace(ref))
		if err != nil {
			t.Errorf("%s: bad URL %q: %v", pagePath, ref, err)
			return "", false
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			return "", false
		}
		u.Fragment = ""
		return u.String(), true
	}
	var p parsed
	var text, body, h1 strings.Builder
	var walk func(n *html.Node, inBody, inH1 bool)
	walk = func(n *html.Node, inBody, inH1 bool) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
			if inBody {
				body.WriteString(n.Data)
			}
			if inH1 {
				h1.WriteString(n.Data)
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "head", "script", "style":
				// Resources of head are collected below.
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode {
						walk(c, false, false)
					}
				}
				if n.Data == "script" {
					if src, ok := attr(n, "src"); ok {
						if u, ok := resolve(src); ok {
							p.resources = append(p.resources, u)
						}
					}
				}
				return
			case "title":
				return
			case "a", "area":
				if href, ok := attr(n, "href"); ok {
					if u, ok := resolve(href); ok {
						p.links = append(p.links, u)
					}
				}
			case "img":
				if src, ok := attr(n, "src"); ok {
					if u, ok := resolve(src); ok {
						p.resources = append(p.resources, u)
					}
				}
			case "link":
				if href, ok := attr(n, "href"); ok {
					if u, ok := resolve(href); ok {
						p.resources = append(p.resources, u)
					}
				}
			case "h1":
				if h1.Len() == 0 {
					inH1 = true
				}
			}
			if hasClass(n, "news-content") {
				inBody = true
			}
		}
		if n.Type == html.ElementNode && blockTags[n.Data] {
			text.WriteString(" ")
			if inBody {
				body.WriteString(" ")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inBody, inH1)
		}
		if n.Type == html.ElementNode && blockTags[n.Data] {
			text.WriteString(" ")
			if inBody {
				body.WriteString(" ")
			}
		}
	}
	walk(doc, false, false)
	p.text, p.body, p.h1 = collapse(text.String()), collapse(body.String()), collapse(h1.String())
	return p
}

// sitePages returns every HTML page of the embedded site by URL path,
// directory indexes as "/x/".
func sitePages(t *testing.T) map[string][]byte {
	t.Helper()
	pages := map[string][]byte{}
	err := fs.WalkDir(files, "site", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".html" {
			return err
		}
		data, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		p := strings.TrimPrefix(name, "site")
		if path.Base(p) == "index.html" {
			p = strings.TrimSuffix(p, "index.html")
		}
		pages[p] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

func TestHandler(t *testing.T) {
	tests := []struct {
		method, path string
		status       int
		ctype        string
		body         string // substring of the body
		location     string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "<html lang=\"vi\"", ""},
		{"GET", "/index.html", 200, "text/html; charset=utf-8", "hot-news", ""},
		{"GET", "/tin-tuc/", 200, "text/html; charset=utf-8", "<h2>Tin tức - Sự kiện</h2>", ""},
		{"GET", "/tin-tuc", 301, "", "", "/tin-tuc/"},
		{"GET", "/tin-tuc/trang-2.html", 200, "text/html; charset=utf-8", "Trang trước", ""},
		{"GET", SeedPath, 200, "text/html; charset=utf-8", "Lượt xem: 1055", ""},
		{"GET", "/tim-kiem.html?q=lao+%C4%91%E1%BB%99ng", 200, "text/html; charset=utf-8", "Tìm kiếm", ""},
		{"HEAD", SeedPath, 200, "text/html; charset=utf-8", "", ""},
		{"GET", "/robots.txt", 200, "text/plain; charset=utf-8", "Disallow: /noi-bo/", ""},
		{"GET", "/css/style.css", 200, "text/css; charset=utf-8", ".news-title", ""},
		{"GET", "/images/logo.png", 200, "image/png", "\x89PNG", ""},
		{"GET", DisallowedPath, 200, "text/html; charset=utf-8", "nội bộ", ""},
		{"GET", BrokenPath, 404, "", "", ""},
		{"GET", "/khong-co.html", 404, "", "", ""},
		{"GET", "/images/", 404, "", "", ""},
		{"GET", "/expected.json", 404, "", "", ""},
		{"GET", "/../demosite.go", 404, "", "", ""},
		{"GET", "/site/index.html", 404, "", "", ""},
		{"POST", "/lien-he.html", 405, "", "", ""},
	}
	h := Handler()
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := get(t, h, tt.method, tt.path)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if tt.ctype != "" {
				if got := rec.Header().Get("Content-Type"); got != tt.ctype {
					t.Errorf("Content-Type %q, want %q", got, tt.ctype)
				}
			}
			if tt.body != "" && !strings.Contains(rec.Body.String(), tt.body) {
				t.Errorf("body lacks %q", tt.body)
			}
			if tt.method == "HEAD" && rec.Body.Len() != 0 {
				t.Errorf("HEAD returned %d body bytes", rec.Body.Len())
			}
			if tt.location != "" {
				if got := rec.Header().Get("Location"); got != tt.location {
					t.Errorf("Location %q, want %q", got, tt.location)
				}
			}
		})
	}
}

func TestRobots(t *testing.T) {
	rec := get(t, Handler(), "GET", "/robots.txt")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("robots.txt: status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	lines := map[string]bool{}
	sc := bufio.NewScanner(rec.Body)
	for sc.Scan() {
		lines[strings.TrimSpace(sc.Text())] = true
	}
	for _, want := range []string{"User-agent: *", "Disallow: /noi-bo/"} {
		if !lines[want] {
			t.Errorf("robots.txt lacks the line %q", want)
		}
	}
	if !strings.HasPrefix(DisallowedPath, "/noi-bo/") {
		t.Errorf("DisallowedPath %q is not under /noi-bo/", DisallowedPath)
	}
}

// TestLinks checks every link and resource of every page: internal ones
// resolve to a served file, except BrokenPath, which must be linked and 404.
func TestLinks(t *testing.T) {
	h := Handler()
	linkedFrom := map[string][]string{} // internal path → linking pages
	external := map[string]bool{}
	for p, data := range sitePages(t) {
		pg := parsePage(t, p, data)
		for _, l := range pg.links {
			u, _ := url.Parse(l)
			if u.Host != "demo.test" {
				external[l] = true
				continue
			}
			linkedFrom[u.Path] = append(linkedFrom[u.Path], p)
		}
		for _, r := range pg.resources {
			u, _ := url.Parse(r)
			if u.Host != "demo.test" {
				t.Errorf("%s: external resource %s", p, r)
				continue
			}
			if rec := get(t, h, "GET", u.Path); rec.Code != 200 {
				t.Errorf("%s: resource %s: status %d", p, u.Path, rec.Code)
			}
		}
	}
	for target, from := range linkedFrom {
		rec := get(t, h, "GET", target)
		switch {
		case target == BrokenPath:
			if rec.Code != 404 {
				t.Errorf("broken link %s: status %d, want 404", target, rec.Code)
			}
		case rec.Code != 200:
			t.Errorf("%s (linked from %v): status %d", target, from, rec.Code)
		}
	}
	for _, must := range []string{BrokenPath, DisallowedPath} {
		if len(linkedFrom[must]) == 0 {
			t.Errorf("%s is linked from no page", must)
		}
	}
	hosts := map[string]bool{}
	for l := range external {
		u, _ := url.Parse(l)
		hosts[u.Host] = true
	}
	if !hosts["chinhphu.vn"] || len(hosts) < 2 {
		t.Errorf("external hosts %v: want chinhphu.vn and at least one more", hosts)
	}
}

// crawl follows links from "/" the way a crawler obeying robots.txt does
// and returns the HTML pages it reaches.
func crawl(t *testing.T) map[string]parsed {
	t.Helper()
	h := Handler()
	seen := map[string]parsed{}
	queue := []string{"/"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if _, ok := seen[p]; ok {
			continue
		}
		rec := get(t, h, "GET", p)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			continue
		}
		pg := parsePage(t, p, rec.Body.Bytes())
		seen[p] = pg
		for _, l := range pg.links {
			u, _ := url.Parse(l)
			if u.Host != "demo.test" || strings.HasPrefix(u.Path, "/noi-bo/") {
				continue
			}
			queue = append(queue, u.Path)
		}
	}
	return seen
}

func TestManifestCoversReachablePages(t *testing.T) {
	arts, err := Expected()
	if err != nil {
		t.Fatal(err)
	}
	non, err := NonArticles()
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < 20 || len(non) < 8 {
		t.Fatalf("manifest has %d articles and %d non-articles", len(arts), len(non))
	}
	want := map[string]string{}
	for _, a := range arts {
		want[a.Path] = "article"
	}
	for _, p := range non {
		if want[p] != "" {
			t.Errorf("%s is both an article and a non-article", p)
		}
		want[p] = "non-article"
	}
	if want[SeedPath] != "article" {
		t.Errorf("SeedPath %s is not an expected article", SeedPath)
	}
	reached := crawl(t)
	for p, kind := range want {
		if _, ok := reached[p]; !ok {
			t.Errorf("%s %s is not reachable from / (robots obeyed)", kind, p)
		}
	}
	for p := range reached {
		if want[p] == "" {
			t.Errorf("reachable page %s is in neither list of the manifest", p)
		}
	}
	for p := range sitePages(t) {
		if _, ok := reached[p]; !ok && p != DisallowedPath {
			t.Errorf("page %s is not reachable from /", p)
		}
	}
	if _, ok := reached[DisallowedPath]; ok {
		t.Errorf("crawl reached %s", DisallowedPath)
	}
}

var (
	rawDate = regexp.MustCompile(`^(\d\d)/(\d\d)/(\d{4})(?:(?: | - )(\d\d):(\d\d))?$`)
	weekday = [...]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}
)

func TestExpectedArticles(t *testing.T) {
	arts, err := Expected()
	if err != nil {
		t.Fatal(err)
	}
	h := Handler()
	boiler := Boilerplate()
	seenBoiler := map[string]bool{}
	styles := map[string]bool{}
	for _, a := range arts {
		t.Run(a.Path, func(t *testing.T) {
			rec := get(t, h, "GET", a.Path)
			if rec.Code != 200 {
				t.Fatalf("status %d", rec.Code)
			}
			pg := parsePage(t, a.Path, rec.Body.Bytes())
			if pg.h1 != a.Title {
				t.Errorf("h1 %q, want title %q", pg.h1, a.Title)
			}
			if pg.body == "" {
				t.Fatal("no article body (div.news-content)")
			}
			if len(a.Contains) == 0 {
				t.Error("no Contains sentences")
			}
			for _, s := range a.Contains {
				if !strings.Contains(pg.body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			lowBody := strings.ToLower(pg.body)
			for _, b := range boiler {
				if strings.Contains(lowBody, strings.ToLower(b)) {
					t.Errorf("body contains boilerplate %q", b)
				}
				if strings.Contains(pg.text, b) {
					seenBoiler[b] = true
				}
			}
			checkDate(t, a, pg, styles)
		})
	}
	for _, b := range boiler {
		if !seenBoiler[b] {
			t.Errorf("boilerplate %q appears on no article page", b)
		}
	}
	for _, s := range []string{"Cập nhật ngày: ", "Ngày đăng: ", "weekday", "dash", "none"} {
		if !styles[s] {
			t.Errorf("no article uses date line style %q", s)
		}
	}
}

// checkDate checks that Published and PublishedRaw agree and that the
// page shows PublishedRaw on its date line.
func checkDate(t *testing.T, a ExpectedArticle, pg parsed, styles map[string]bool) {
	t.Helper()
	if a.PublishedRaw == "" {
		if a.Published != "" {
			t.Errorf("Published %q without PublishedRaw", a.Published)
		}
		styles["none"] = true
		return
	}
	m := rawDate.FindStringSubmatch(a.PublishedRaw)
	if m == nil {
		t.Fatalf("PublishedRaw %q has an unknown form", a.PublishedRaw)
	}
	var want string
	var tm time.Time
	var err error
	loc := time.FixedZone("", 7*3600)
	if m[4] == "" {
		want = m[3] + "-" + m[2] + "-" + m[1]
		tm, err = time.ParseInLocation("2006-01-02", a.Published, loc)
	} else {
		want = m[3] + "-" + m[2] + "-" + m[1] + "T" + m[4] + ":" + m[5] + ":00+07:00"
		tm, err = time.Parse(time.RFC3339, a.Published)
	}
	if err != nil || a.Published != want {
		t.Errorf("Published %q does not match PublishedRaw %q (want %q, %v)", a.Published, a.PublishedRaw, want, err)
	}
	wd := weekday[tm.Weekday()] + ", " + a.PublishedRaw
	switch {
	case strings.Contains(pg.text, "Cập nhật ngày: "+a.PublishedRaw):
		styles["Cập nhật ngày: "] = true
	case strings.Contains(pg.text, "Ngày đăng: "+a.PublishedRaw):
		styles["Ngày đăng: "] = true
	case strings.Contains(pg.text, wd):
		styles["weekday"] = true
	case strings.Contains(a.PublishedRaw, " - ") && strings.Contains(pg.text, a.PublishedRaw):
		styles["dash"] = true
	default:
		t.Errorf("page shows no date line with %q", a.PublishedRaw)
	}
	if strings.Contains(pg.body, a.PublishedRaw) {
		t.Errorf("body repeats the date line %q", a.PublishedRaw)
	}
}

func TestNonArticlesHaveNoArticleBody(t *testing.T) {
	non, err := NonArticles()
	if err != nil {
		t.Fatal(err)
	}
	h := Handler()
	for _, p := range non {
		rec := get(t, h, "GET", p)
		if rec.Code != 200 {
			t.Errorf("%s: status %d", p, rec.Code)
			continue
		}
		pg := parsePage(t, p, rec.Body.Bytes())
		if pg.body != "" || strings.Contains(pg.text, "Lượt xem") {
			t.Errorf("%s has an article body or view counter", p)
		}
	}
}

// TestSeedPage checks that the seed page shows, in order, every line of the
// seed text: the article and its boilerplate.
func TestSeedPage(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "000_3040c7fb27edc180.txt"))
	if os.IsNotExist(err) {
		t.Skip("../shared is absent")
	}
	if err != nil {
		t.Fatal(err)
	}
	rec := get(t, Handler(), "GET", SeedPath)
	pg := parsePage(t, SeedPath, rec.Body.Bytes())
	text := pg.text
	n := 0
	for _, line := range strings.Split(string(seed), "\n") {
		line = collapse(strings.TrimLeft(strings.TrimSpace(line), "•"))
		if line == "" {
			continue
		}
		n++
		i := strings.Index(text, line)
		if i < 0 {
			t.Errorf("seed page lacks (or misorders) %q", line)
			continue
		}
		text = text[i+len(line):]
	}
	if n < 20 {
		t.Errorf("only %d seed lines", n)
	}
}

func TestFilesAreNFCUTF8(t *testing.T) {
	err := fs.WalkDir(files, "site", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) == ".png" {
			return err
		}
		data, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		if !utf8.Valid(data) {
			t.Errorf("%s is not valid UTF-8", name)
		}
		if !norm.NFC.IsNormal(data) {
			t.Errorf("%s is not NFC", name)
		}
		if path.Ext(name) == ".html" && !bytes.Contains(data, []byte(`<html lang="vi"`)) {
			t.Errorf(`%s lacks <html lang="vi">`, name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !norm.NFC.IsNormal(manifestJSON) {
		t.Error("expected.json is not NFC")
	}
}

func TestExpectedSorted(t *testing.T) {
	arts, _ := Expected()
	non, _ := NonArticles()
	if !sort.SliceIsSorted(arts, func(i, j int) bool { return arts[i].Path < arts[j].Path }) || !sort.StringsAreSorted(non) {
		t.Error("manifest lists are not sorted by path")
	}
}
