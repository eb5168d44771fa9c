package demosite

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:generate go run ./internal/gen -o .

//go:embed site
var files embed.FS

//go:embed expected.json
var manifestJSON []byte

// SeedPath is the path of the page reproducing the seed article
// (../shared/seed/000_3040c7fb27edc180.txt).
const SeedPath = "/tin-tuc/hoi-nghi-tong-ket-2020.html"

// BrokenPath is the one internal link of the site whose page does not
// exist; the handler answers it with 404.
const BrokenPath = "/tin-tuc/bai-da-xoa.html"

// DisallowedPath is a page that robots.txt disallows ("Disallow: /noi-bo/")
// but that is linked from the home page and the login page. A crawler that
// obeys robots.txt never fetches it; one that ignores robots gets one more
// article, which Expected does not list.
const DisallowedPath = "/noi-bo/huong-dan-su-dung-phan-mem.html"

// Handler serves the embedded site. "/" serves index.html and "/x/" serves
// x/index.html; a directory asked for without its trailing slash is
// redirected to it. Unknown paths get 404. Query strings are ignored, so
// "/tim-kiem.html?q=x" is the search page. HTML is served as
// "text/html; charset=utf-8" and robots.txt as "text/plain; charset=utf-8".
// Only GET and HEAD are allowed.
func Handler() http.Handler {
	site, err := fs.Sub(files, "site")
	if err != nil {
		// fs.Sub fails only on an invalid directory name, and "site" is valid.
		panic(err)
	}
	return handler{site: site}
}

type handler struct {
	site fs.FS
}

var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".png":  "image/png",
}

func (h handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = "."
	}
	if strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	fi, err := fs.Stat(h.site, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if fi.IsDir() {
		if _, err := fs.Stat(h.site, path.Join(name, "index.html")); err != nil {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
		return
	}
	data, err := fs.ReadFile(h.site, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ct, ok := contentTypes[path.Ext(name)]
	if !ok {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// ExpectedArticle is a page that must become an article when the whole
// site is crawled.
type ExpectedArticle struct {
	// Path is the page's URL path, e.g. "/tin-tuc/hoi-nghi-tong-ket-2020.html".
	Path string `json:"path"`
	// Title is the article's own heading, without the site name.
	Title string `json:"title"`
	// Published is "2021-01-18T09:15:00+07:00" when the date line shows a
	// time, "2020-03-05" when it shows a date only, "" on pages without one.
	Published string `json:"published"`
	// PublishedRaw is the date (and time) as written on the date line,
	// without its label or weekday: "18/01/2021 09:15", "05/03/2020",
	// "24/07/2020 - 08:00"; "" when there is no date line.
	PublishedRaw string `json:"publishedRaw"`
	// Contains are sentences of the body, whitespace collapsed, that the
	// extracted text must contain.
	Contains []string `json:"contains"`
}

type manifest struct {
	Articles    []ExpectedArticle `json:"articles"`
	NonArticles []string          `json:"nonArticles"`
}

func readManifest() (manifest, error) {
	var m manifest
	if err := json.Unmarshal(manifestJSON, &m); err != nil {
		return m, fmt.Errorf("demosite: expected.json: %w", err)
	}
	return m, nil
}

// Expected lists the pages that must become articles when the whole site is
// crawled with robots.txt obeyed, sorted by path.
func Expected() ([]ExpectedArticle, error) {
	m, err := readManifest()
	return m.Articles, err
}

// NonArticles lists the reachable pages that must not become articles:
// the home page, the category listings and the form pages (contact, search,
// login), sorted by path. Directory pages are listed as "/tin-tuc/", the
// form in which the site links them.
func NonArticles() ([]string, error) {
	m, err := readManifest()
	return m.NonArticles, err
}

// Boilerplate lists strings of the shared template that must never appear
// in the text of any article: site chrome, the visit counter, the poll, the
// share bar, the related-news headings and the footer. None of them occurs
// in an article body, compared case-insensitively.
func Boilerplate() []string {
	return []string{
		"Trang chủ",
		"Đăng nhập",
		"ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG",
		"Thông báo mới",
		"Tin mới",
		"Liên kết website",
		"Cổng thông tin điện tử Chính phủ",
		"Thống kê truy cập",
		"Đang online: 15",
		"Hôm nay: 73",
		"Trong tuần: 722",
		"Tất cả: 789499",
		"Bình Chọn",
		"Khả năng đáp ứng thông tin của Website",
		"Xem kết quả",
		"Lượt xem",
		"Cập nhật ngày:",
		"Ngày đăng:",
		"In bài viết",
		"Gửi email",
		"Chia sẻ",
		"Về đầu trang",
		"Các tin khác",
		"Tin liên quan",
		"2018 © Sở Lao Động - Thương binh và Xã hội tỉnh Sóc Trăng",
		"©",
		"Địa Chỉ: Số 46, Lê Duẩn",
		"Điện Thoại: 02993.827.104",
		"soldtbxh@soctrang.gov.vn",
		"Khi Phát Hành Lại Thông Tin Từ Website Này",
	}
}
