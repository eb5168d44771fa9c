// Package crawlsite is a synthetic department website of any size, built
// page by page on request, for crawl benchmarks: a home page, categories
// with paginated listings of 20 articles each, and article pages with
// Vietnamese-looking text (unique paragraphs per page inside one shared
// portal template: menu, sidebar, footer).
//
// Every page is generated from its number with a seeded generator, so the
// site is the same on every run and costs no memory beyond a request log.
// Pages are served without validators (no ETag, no Last-Modified), as
// many department sites do. robots.txt disallows a folder no page links
// to, so crawlers that obey it and crawlers that do not fetch the same set.
package crawlsite

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// perListing is how many articles a listing page shows, as department
// portals commonly do.
const perListing = 20

// categories are the site's sections: slug and title.
var categories = [][2]string{
	{"tin-tuc", "Tin tức - Sự kiện"},
	{"thong-bao", "Thông báo"},
	{"chinh-sach", "Chính sách mới"},
	{"cai-cach-hanh-chinh", "Cải cách hành chính"},
	{"khoa-hoc-cong-nghe", "Khoa học công nghệ"},
	{"van-ban", "Văn bản chỉ đạo điều hành"},
}

// syllables make the text: common Vietnamese syllables, so word counts,
// diacritics and UTF-8 lengths look like the real sites'.
var syllables = strings.Fields(`các của và cho với trong những được là có một này đã không người
năm tỉnh huyện xã sở ban ngành đơn vị cán bộ công chức viên chức nhân dân kinh tế xã hội phát triển
triển khai thực hiện kế hoạch chương trình nhiệm vụ giải pháp quản lý nhà nước hành chính thủ tục
hồ sơ dịch vụ công trực tuyến chuyển đổi số hạ tầng giao thông nông nghiệp nông thôn mới y tế giáo dục
đào tạo văn hóa thể thao du lịch tài nguyên môi trường đất đai xây dựng quy hoạch đầu tư doanh nghiệp
hội nghị tổng kết đánh giá kết quả năm qua đề ra phương hướng thời gian tới đồng chí chủ tịch phó
giám đốc trưởng phòng chỉ đạo yêu cầu tăng cường kiểm tra giám sát phối hợp chặt chẽ hiệu quả nâng cao
chất lượng đời sống vật chất tinh thần bảo đảm an ninh trật tự an toàn phòng chống thiên tai dịch bệnh
tuyên truyền phổ biến pháp luật lấy ý kiến góp ý dự thảo nghị quyết quyết định thông tư nghị định
ủy ban hội đồng quốc hội chính phủ thủ tướng bộ trưởng địa phương khu vực vùng miền núi đồng bằng ven biển
học sinh sinh viên giáo viên bệnh viện trạm xá bác sĩ điều trị tiêm chủng sản xuất lúa gạo cà phê hồ tiêu
thủy sản chăn nuôi trồng trọt khuyến nông hợp tác xã thị trường xuất khẩu ngân sách thu chi tiết kiệm`)

// Site is a synthetic site of Pages pages (robots.txt not counted). It
// records when it served each page, for time-per-page curves.
type Site struct {
	Pages int

	articles, listings int // listings per category: see layout

	mu     sync.Mutex
	served []time.Time
	seen   map[string]bool // distinct pages served
}

// New lays out a site of about pages pages (at least the home page, one
// listing per category and one article per category).
func New(pages int) *Site {
	s := &Site{seen: map[string]bool{}}
	minimum := 1 + len(categories)*2
	if pages < minimum {
		pages = minimum
	}
	// Every category has ceil(its articles / perListing) listing pages.
	for a := pages - 1; a > 0; a-- {
		per := (a + len(categories) - 1) / len(categories)
		l := (per + perListing - 1) / perListing
		if 1+a+l*len(categories) <= pages {
			s.articles, s.listings = a, l
			break
		}
	}
	s.Pages = 1 + s.articles + s.listings*len(categories)
	return s
}

// Served returns the times at which distinct pages were first served
// (status 200), in order.
func (s *Site) Served() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.served...)
}

func (s *Site) note(path string) {
	now := time.Now()
	s.mu.Lock()
	if !s.seen[path] {
		s.seen[path] = true
		s.served = append(s.served, now)
	}
	s.mu.Unlock()
}

// ServeHTTP serves the site.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if p == "/robots.txt" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "User-agent: *\nDisallow: /noi-bo/\n")
		return
	}
	var b strings.Builder
	b.Grow(16 << 10)
	if !s.page(&b, p) {
		http.NotFound(w, r)
		return
	}
	s.note(p)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	_, _ = w.Write([]byte(b.String()))
}

// page writes the page at path; false if there is none.
func (s *Site) page(b *strings.Builder, path string) bool {
	if path == "/" {
		s.home(b)
		return true
	}
	rest, ok := strings.CutPrefix(path, "/")
	if !ok {
		return false
	}
	cat, file, ok := strings.Cut(rest, "/")
	c := -1
	for i, x := range categories {
		if x[0] == cat {
			c = i
		}
	}
	if !ok || c < 0 {
		return false
	}
	if file == "" {
		s.listing(b, c, 1)
		return true
	}
	if n, ok := number(file, "trang-"); ok && n >= 2 && n <= s.listings {
		s.listing(b, c, n)
		return true
	}
	if n, ok := number(file[strings.LastIndexByte(file, '-')+1:], ""); ok && n < s.articles && n%len(categories) == c {
		s.article(b, n)
		return true
	}
	return false
}

// number parses prefix + digits + ".html".
func number(file, prefix string) (int, bool) {
	digits, ok := strings.CutPrefix(file, prefix)
	if !ok {
		return 0, false
	}
	digits, ok = strings.CutSuffix(digits, ".html")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	return n, err == nil && n >= 0
}

func rng(n, salt int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(n), uint64(salt)))
}

func words(r *rand.Rand, b *strings.Builder, n int) {
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
}

func sentence(r *rand.Rand, b *strings.Builder) {
	first := []rune(syllables[r.IntN(len(syllables))])
	first[0] = unicode.ToUpper(first[0])
	b.WriteString(string(first))
	b.WriteByte(' ')
	words(r, b, 7+r.IntN(14))
	b.WriteString(". ")
}

func (s *Site) title(n int) string {
	var b strings.Builder
	r := rng(n, 1)
	words(r, &b, 8+r.IntN(7))
	t := []rune(b.String())
	t[0] = unicode.ToUpper(t[0])
	return string(t)
}

func (s *Site) articleURL(n int) string {
	r := rng(n, 2)
	var b strings.Builder
	for i := range 5 {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(ascii(syllables[r.IntN(len(syllables))]))
	}
	return fmt.Sprintf("/%s/%s-%d.html", categories[n%len(categories)][0], b.String(), n)
}

// ascii strips a syllable to a URL slug the way Vietnamese portals do,
// roughly: anything not a-z goes.
func ascii(w string) string {
	var b strings.Builder
	for _, c := range w {
		switch {
		case c >= 'a' && c <= 'z':
			b.WriteRune(c)
		case c == 'đ':
			b.WriteByte('d')
		case c > 127:
			b.WriteByte('a')
		}
	}
	return b.String()
}

func listingURL(c, page int) string {
	if page == 1 {
		return "/" + categories[c][0] + "/"
	}
	return fmt.Sprintf("/%s/trang-%d.html", categories[c][0], page)
}

func (s *Site) head(b *strings.Builder, title string) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>%s - Sở Nội vụ tỉnh Bình An</title>
</head><body>
<div class="header"><div class="logo"><a href="/">SỞ NỘI VỤ TỈNH BÌNH AN</a></div>
<div class="slogan">Cổng thông tin điện tử - Phục vụ nhân dân</div></div>
<ul class="menu"><li><a href="/">Trang chủ</a></li>`, title)
	for c, x := range categories {
		fmt.Fprintf(b, `<li><a href="%s">%s</a></li>`, listingURL(c, 1), x[1])
	}
	b.WriteString("</ul>\n<div class=\"container\"><div class=\"main\">\n")
}

func (s *Site) foot(b *strings.Builder) {
	b.WriteString(`</div><div class="sidebar"><h3>Tin nổi bật</h3><ul>`)
	for i := range 5 {
		if i < s.articles {
			fmt.Fprintf(b, `<li><a href="%s">%s</a></li>`, s.articleURL(i), s.title(i))
		}
	}
	b.WriteString(`</ul><h3>Liên kết</h3><ul><li>Cổng dịch vụ công quốc gia</li><li>Báo điện tử Chính phủ</li></ul>
<div class="counter">Lượt truy cập: 1.234.567 - Đang trực tuyến: 89</div></div></div>
<div class="footer"><p>Cơ quan chủ quản: Sở Nội vụ tỉnh Bình An. Địa chỉ: Số 1 đường Trần Hưng Đạo, thành phố Bình An.</p>
<p>Điện thoại: 0123 456 789 - Email: sonoivu@binhan.example. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div>
</body></html>
`)
}

func (s *Site) home(b *strings.Builder) {
	s.head(b, "Trang chủ")
	b.WriteString("<h2>Tin mới nhất</h2><ul class=\"news\">\n")
	for i := s.articles - 1; i >= 0 && i >= s.articles-10; i-- {
		fmt.Fprintf(b, "<li><a href=\"%s\">%s</a></li>\n", s.articleURL(i), s.title(i))
	}
	b.WriteString("</ul>\n")
	s.foot(b)
}

func (s *Site) listing(b *strings.Builder, c, page int) {
	s.head(b, fmt.Sprintf("%s - Trang %d", categories[c][1], page))
	fmt.Fprintf(b, "<h1 class=\"cat-title\">%s</h1>\n<div class=\"list\">\n", categories[c][1])
	cats := len(categories)
	for k := range perListing {
		j := (page-1)*perListing + k // index within the category
		n := j*cats + c
		if n >= s.articles {
			break
		}
		r := rng(n, 3)
		fmt.Fprintf(b, "<div class=\"item\"><a href=\"%s\"><h3>%s</h3></a><span class=\"date\">%02d/%02d/%d</span><p>",
			s.articleURL(n), s.title(n), 1+r.IntN(28), 1+r.IntN(12), 2018+r.IntN(7))
		sentence(r, b)
		b.WriteString("</p></div>\n")
	}
	b.WriteString("</div>\n<div class=\"paging\">")
	for _, p := range []int{1, page - 2, page - 1, page + 1, page + 2, s.listings} {
		if p >= 1 && p <= s.listings && p != page {
			fmt.Fprintf(b, ` <a href="%s">%d</a>`, listingURL(c, p), p)
		}
	}
	b.WriteString("</div>\n")
	s.foot(b)
}

func (s *Site) article(b *strings.Builder, n int) {
	cats := len(categories)
	c := n % cats
	title := s.title(n)
	r := rng(n, 3)
	s.head(b, title)
	j := n / cats
	fmt.Fprintf(b, `<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="%s">%s</a></div>
<div class="article"><h1 class="title">%s</h1><div class="date">Ngày đăng: %02d/%02d/%d</div>
`, listingURL(c, j/perListing+1), categories[c][1], title, 1+r.IntN(28), 1+r.IntN(12), 2018+r.IntN(7))
	b.WriteString("<div class=\"content\">\n<p><strong>")
	sentence(r, b)
	b.WriteString("</strong></p>\n")
	for range 4 + r.IntN(9) {
		b.WriteString("<p>")
		for range 2 + r.IntN(4) {
			sentence(r, b)
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("<p class=\"author\">Phòng Văn hóa - Thông tin</p></div></div>\n<div class=\"related\"><h3>Tin liên quan</h3><ul>\n")
	for _, d := range []int{-1, 1, 7} {
		if m := (j+d)*cats + c; j+d >= 0 && m < s.articles {
			fmt.Fprintf(b, "<li><a href=\"%s\">%s</a></li>\n", s.articleURL(m), s.title(m))
		}
	}
	b.WriteString("</ul></div>\n")
	s.foot(b)
}
