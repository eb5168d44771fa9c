package extract

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

func extractFile(t *testing.T, name, pageURL string) Article {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract(Page{URL: pageURL, HTML: b})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// A department news page in a table layout inside an ASP.NET form, with the
// furniture such sites carry: menus, a links box, a visitor counter, a poll,
// "other news", print/email buttons, a view count and a footer.
func TestGovArticleInTableLayout(t *testing.T) {
	a := extractFile(t, "vi-article-aspnet.html", "https://sonn.haugiang.gov.vn/tin-tuc/chi-tiet.aspx?id=1203")
	if a.PageType != TypeArticle {
		t.Fatalf("PageType = %s, want article", a.PageType)
	}
	if want := "Sở Nông nghiệp tổ chức hội nghị sơ kết vụ lúa Đông Xuân 2023"; a.Title != want {
		t.Errorf("Title = %q, want %q", a.Title, want)
	}
	if a.PublishedRaw != "15/05/2023 - 14:20" || a.PublishedText() != "2023-05-15T14:20:00+07:00" {
		t.Errorf("Published = %q (%q), want 2023-05-15T14:20:00+07:00 (15/05/2023 - 14:20)", a.PublishedText(), a.PublishedRaw)
	}
	if a.Lang != "vi" {
		t.Errorf("Lang = %q", a.Lang)
	}
	for _, want := range []string{
		"Sáng ngày 12/5, Sở Nông nghiệp và Phát triển nông thôn tỉnh tổ chức hội nghị sơ kết",
		"năng suất bình quân ước đạt 7,2 tấn mỗi héc-ta",
		"Quang cảnh hội nghị sơ kết",
		"tăng cường liên kết với doanh nghiệp trong tiêu thụ lúa gạo.",
		"Phụng Hiệp 21.400 7,1", // a table row on one line
	} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, leak := range []string{"Giới thiệu chung", "Tập huấn kỹ thuật canh tác", "Quảng cáo", "15/05/2023", "Minh Tâm"} {
		if strings.Contains(a.Text, leak) {
			t.Errorf("text leaks %q:\n%s", leak, a.Text)
		}
	}
	checkNoBoilerplate(t, a.Text)
	if len(a.Links) != 0 {
		t.Errorf("an article has no listing links, got %d", len(a.Links))
	}
	if len(a.Fingerprints) == 0 {
		t.Error("no fingerprints")
	}
}

// The same kind of page with boxes whose class names say nothing: the view
// count, date line, notices, counter, poll, links box and footer must go by
// their shape, and the date must be the date line's, not the first date of
// the body ("Ngày 16/01/2021, …").
func TestGovArticleWithUnnamedBoxes(t *testing.T) {
	a := extractFile(t, "vi-article-plain-boxes.html", "https://sldtbxh.anhoa.gov.vn/tin-tuc/hoi-nghi-tong-ket-2020.html")
	if a.PageType != TypeArticle {
		t.Fatalf("PageType = %s", a.PageType)
	}
	if want := "Hội nghị tổng kết công tác lao động, người có công và xã hội năm 2020"; a.Title != want {
		t.Errorf("Title = %q, want %q", a.Title, want)
	}
	if a.PublishedText() != "2021-01-18T09:15:00+07:00" || a.PublishedRaw != "18/01/2021 09:15" {
		t.Errorf("Published = %q (%q), want 2021-01-18T09:15:00+07:00 (18/01/2021 09:15)", a.PublishedText(), a.PublishedRaw)
	}
	if a.Lang != "vi" {
		t.Errorf("Lang = %q, want vi from the text", a.Lang)
	}
	if !strings.HasPrefix(a.Text, "Ngày 16/01/2021, Sở Lao động") || !strings.Contains(a.Text, "Giám đốc Sở phát biểu khai mạc hội nghị") ||
		!strings.HasSuffix(a.Text, "ngay từ những tháng đầu năm.") {
		t.Errorf("text:\n%s", a.Text)
	}
	checkNoBoilerplate(t, a.Text)
}

// Boilerplate of Vietnamese department sites that must never reach the text.
var viBoilerplate = []string{
	"Trang chủ", "Đăng nhập", "ỦY BAN NHÂN DÂN", "Thông báo mới", "Tin mới", "Các tin khác", "Tin liên quan",
	"Lượt xem", "Thống kê truy cập", "Đang online", "Hôm nay", "Trong tuần", "Tất cả", "Bình chọn", "Bình Chọn",
	"Khả năng đáp ứng", "Xem kết quả", "Liên kết website", "Cổng thông tin điện tử Chính phủ", "In bài viết",
	"Gửi email", "Chia sẻ", "Về đầu trang", "©", "Địa chỉ", "Điện thoại", "Ghi rõ nguồn", "phát hành lại",
	"Cập nhật ngày", "18/01/2021",
}

func checkNoBoilerplate(t *testing.T, text string) {
	t.Helper()
	for _, b := range viBoilerplate {
		if strings.Contains(text, b) {
			t.Errorf("text holds boilerplate %q:\n%s", b, text)
		}
	}
}

func TestGovListing(t *testing.T) {
	a := extractFile(t, "vi-listing.html", "https://stp.bentre.gov.vn/tin-tuc")
	if a.PageType != TypeListing {
		t.Fatalf("PageType = %s, want listing (text %q)", a.PageType, a.Text)
	}
	if a.Text != "" {
		t.Errorf("a listing has no text, got %q", a.Text)
	}
	if a.Title != "Tin tức - Sự kiện" {
		t.Errorf("Title = %q", a.Title)
	}
	if !a.Published.IsZero() {
		t.Errorf("a listing's item dates are not its own, got %v", a.Published)
	}
	want := []Link{
		{"Hội nghị phổ biến pháp luật cho cán bộ cơ sở năm 2023", "https://stp.bentre.gov.vn/tin-tuc/101-hoi-nghi-pho-bien-phap-luat"},
		{"Tập huấn nghiệp vụ hòa giải ở cơ sở", "https://stp.bentre.gov.vn/tin-tuc/100-tap-huan-hoa-giai"},
		{"Kiểm tra công tác đăng ký và quản lý hộ tịch tại huyện Chợ Lách", "https://stp.bentre.gov.vn/tin-tuc/99-kiem-tra-cong-tac-ho-tich"},
		{"Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam", "https://stp.bentre.gov.vn/tin-tuc/98-ngay-phap-luat"},
		{"Trợ giúp pháp lý lưu động tại xã đặc biệt khó khăn", "https://stp.bentre.gov.vn/tin-tuc/97-tro-giup-phap-ly"},
	}
	if len(a.Links) != len(want) {
		t.Fatalf("Links = %+v, want %d items", a.Links, len(want))
	}
	for i := range want {
		if a.Links[i] != want[i] {
			t.Errorf("Links[%d] = %+v, want %+v", i, a.Links[i], want[i])
		}
	}
}

// Pages with no prose of their own: a short document table in its folder is a
// listing; a contact form beside the same sidebars is not.
func TestPagesWithoutText(t *testing.T) {
	sidebar := `<div class="col-right"><div class="box"><h3>Thông báo mới</h3><ul>
<li><a href="/thong-bao/1.html">Thông báo lịch tiếp công dân định kỳ năm 2021</a></li>
<li><a href="/thong-bao/2.html">Thông báo tuyển sinh đào tạo nghề trình độ sơ cấp</a></li>
<li><a href="/thong-bao/3.html">Thông báo nghỉ Tết Nguyên đán Tân Sửu năm 2021</a></li>
<li><a href="/thong-bao/4.html">Thông báo công khai dự toán ngân sách năm 2021</a></li></ul></div></div>`
	docs := `<html><body><div class="col-main"><h2>Văn bản</h2><table><tbody>
<tr><td>1</td><td>604/SLĐTBXH</td><td>29/03/2021</td><td><a href="nghi-dinh-20.html">Triển khai Nghị định số 20/2021/NĐ-CP về trợ giúp xã hội</a></td></tr>
<tr><td>2</td><td>15/KH-SLĐTBXH</td><td>20/01/2021</td><td><a href="giam-ngheo-2021.html">Kế hoạch giảm nghèo bền vững năm 2021</a></td></tr>
<tr><td>3</td><td>3512/QĐ-UBND</td><td>30/12/2020</td><td><a href="ra-soat-2020.html">Quyết định phê duyệt kết quả rà soát hộ nghèo năm 2020</a></td></tr>
</tbody></table><div class="paging"><a href="trang-2.html">2</a></div></div>` + sidebar + `</body></html>`
	a, _ := Extract(Page{URL: "http://so.test/van-ban/", HTML: []byte(docs)})
	if a.PageType != TypeListing || a.Text != "" {
		t.Errorf("document table: %s %q, want listing", a.PageType, a.Text)
	}
	form := `<html><body><div class="col-main"><h2>Liên hệ</h2><form action="/gui" method="post">
<label>Họ tên</label><input name="n"><label>Email</label><input name="e"><label>Nội dung</label><textarea name="c"></textarea>
<button>Gửi</button></form></div>` + sidebar + `</body></html>`
	a, _ = Extract(Page{URL: "http://so.test/lien-he.html", HTML: []byte(form)})
	if a.PageType != TypeOther || a.Text != "" {
		t.Errorf("contact form: %s %q, want other", a.PageType, a.Text)
	}
}

func TestLoginPageIsOther(t *testing.T) {
	a := extractFile(t, "vi-login.html", "https://syt.example.gov.vn/dang-nhap")
	if a.PageType != TypeOther || a.Text != "" {
		t.Errorf("PageType = %s, Text = %q; want other and no text", a.PageType, a.Text)
	}
	if a.Title != "Đăng nhập" {
		t.Errorf("Title = %q", a.Title)
	}
}

func TestEmptyAndBrokenInput(t *testing.T) {
	for _, in := range []string{"", "plain text, no markup", "<html><body></body></html>", "<<<>>>\x00\xff", "<p>Xin chào</p>"} {
		a, err := Extract(Page{URL: "http://x.test/", HTML: []byte(in)})
		if err != nil {
			t.Errorf("Extract(%q): %v", in, err)
		}
		if a.PageType != TypeOther || a.Text != "" {
			t.Errorf("Extract(%q) = %s %q, want other and no text", in, a.PageType, a.Text)
		}
	}
}

// A page in windows-1258 (base letters and combining tone marks) comes out as
// NFC UTF-8; so does a UTF-8 page written decomposed.
func TestLegacyCharsetAndNFC(t *testing.T) {
	// "Việt Nam" in cp1258: V i ê(EA) dot-below(F2) t.
	para := "Vi\xea\xf2t Nam l\xe0 m\xf4\xf2t qu\xf4\xecc gia n\xf4ng nghi\xea\xf2p, c\xf3 truy\xea\xccn th\xf4\xecng l\xe2u \xf0\xf5\xcci." // "Việt Nam là một quốc gia nông nghiệp, có truyền thống lâu đời."
	page := "<html><head><meta charset=\"windows-1258\"><title>Th\xf5\xec</title></head><body><div class=\"content\"><p>" +
		para + " " + para + "</p><p>" + para + "</p></div></body></html>"
	a, err := Extract(Page{URL: "http://x.test/a", HTML: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Việt Nam là một quốc gia nông nghiệp, có truyền thống lâu đời. Việt Nam") || !norm.NFC.IsNormalString(a.Text) {
		t.Errorf("windows-1258 text = %q, want NFC Vietnamese", a.Text)
	}
	nfd := norm.NFD.String("<html><body><article><p>Hội nghị tổng kết công tác lao động, người có công và xã hội năm 2020, triển khai nhiệm vụ năm 2021 tại Hội trường Trung tâm Dịch vụ việc làm của tỉnh.</p></article></body></html>")
	a, _ = Extract(Page{URL: "http://x.test/b", HTML: []byte(nfd)})
	if !strings.Contains(a.Text, "Hội nghị tổng kết") || !norm.NFC.IsNormalString(a.Text) {
		t.Errorf("NFD input gave %q, want NFC", a.Text)
	}
}

// The charset may come from the Content-Type header alone, or from a BOM.
func TestCharsetFromHeaderAndBOM(t *testing.T) {
	para := "Vi\xea\xf2t Nam l\xe0 m\xf4\xf2t qu\xf4\xecc gia n\xf4ng nghi\xea\xf2p, c\xf3 truy\xea\xccn th\xf4\xecng l\xe2u \xf0\xf5\xcci."
	page := "<html><body><article><p>" + para + " " + para + "</p><p>" + para + "</p></article></body></html>"
	a, _ := Extract(Page{URL: "http://x.test/", HTML: []byte(page), ContentType: "text/html; charset=windows-1258"})
	if !strings.HasPrefix(a.Text, "Việt Nam là một quốc gia nông nghiệp, có truyền thống lâu đời.") || !norm.NFC.IsNormalString(a.Text) {
		t.Errorf("charset from the header: %q", a.Text)
	}
	if b, _ := DecodeHTML([]byte(page), "text/html; charset=windows-1258"); !strings.Contains(string(b), "Vi\u1ec7t") && !strings.Contains(norm.NFC.String(string(b)), "Việt") {
		t.Errorf("DecodeHTML: %q", b)
	}

	utf8Page := "<html><body><article><p>Sở Thông tin và Truyền thông tổ chức tập huấn chuyển đổi số cho cán bộ, công chức cấp xã trên địa bàn tỉnh trong hai ngày.</p></article></body></html>"
	a, _ = Extract(Page{URL: "http://x.test/", HTML: append([]byte("\xef\xbb\xbf"), utf8Page...)})
	if !strings.HasPrefix(a.Text, "Sở Thông tin") {
		t.Errorf("UTF-8 BOM page: %q", a.Text)
	}
	u16 := []byte{0xff, 0xfe}
	for _, r := range utf8Page {
		u16 = append(u16, byte(r), byte(r>>8)) // every rune here is in the BMP
	}
	a, _ = Extract(Page{URL: "http://x.test/", HTML: u16})
	if !strings.HasPrefix(a.Text, "Sở Thông tin") {
		t.Errorf("UTF-16LE BOM page: %q", a.Text)
	}
}

// Colly hands over bodies already converted to UTF-8 with the original
// <meta charset> still in them: they must not be decoded twice.
func TestUTF8BodyWithLegacyMeta(t *testing.T) {
	page := `<html><head><meta charset="windows-1258"></head><body><article><p>Đà Nẵng tổ chức hội nghị xúc tiến đầu tư vào các khu công nghiệp, khu công nghệ cao và khu thương mại tự do trong năm nay.</p></article></body></html>`
	a, _ := Extract(Page{URL: "http://x.test/", HTML: []byte(page), ContentType: "text/html; charset=windows-1258"})
	if !strings.Contains(a.Text, "Đà Nẵng tổ chức") {
		t.Errorf("text = %q", a.Text)
	}
}

func TestMetadata(t *testing.T) {
	page := `<html lang="en"><head>
<title>Budget passes after long night | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="description" content="The council agreed a budget.">
<link rel="canonical" href="/news/budget?utm=x#top">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Budget passes after long night","datePublished":"2024-03-05T08:30:00+07:00","author":[{"@type":"Person","name":"An Nguyen"}]}]}</script>
</head><body><h1>Budget passes after long night</h1><article><p>The city council agreed its budget for next year after a debate that went on until the early hours, with the vote split along familiar lines.</p></article></body></html>`
	a, _ := Extract(Page{URL: "https://daily.example/news/budget", HTML: []byte(page)})
	if a.Title != "Budget passes after long night" {
		t.Errorf("Title = %q", a.Title)
	}
	if a.Author != "An Nguyen" || a.Description != "The council agreed a budget." || a.Lang != "en" {
		t.Errorf("Author %q Description %q Lang %q", a.Author, a.Description, a.Lang)
	}
	if a.Canonical != "https://daily.example/news/budget?utm=x" {
		t.Errorf("Canonical = %q", a.Canonical)
	}
	if a.PublishedText() != "2024-03-05T08:30:00+07:00" || !a.Published.Equal(time.Date(2024, 3, 5, 1, 30, 0, 0, time.UTC)) {
		t.Errorf("Published = %s (%v)", a.PublishedText(), a.Published)
	}
	if strings.Contains(a.Text, "Budget passes") {
		t.Errorf("the headline is not part of the text: %q", a.Text)
	}
}

func TestTitleFromDocTitle(t *testing.T) {
	cases := []struct{ docTitle, h1, want string }{
		{"Hội nghị tổng kết năm 2020 - Sở Lao động - Thương binh và Xã hội tỉnh Sóc Trăng", "", "Hội nghị tổng kết năm 2020"},
		{"Chức năng nhiệm vụ - Sở Thông Tin Và Truyền Thông", "", "Chức năng nhiệm vụ"},
		{"Tin tức | Sở Y tế", "", "Tin tức"},
		{"Home | The Daily Example", "", "Home | The Daily Example"}, // one word is no headline
		{"Sở Y tế - Lịch tiếp công dân tháng 5", "Lịch tiếp công dân tháng 5", "Lịch tiếp công dân tháng 5"},
		{"Trang chủ", "", "Trang chủ"},
	}
	for _, c := range cases {
		page := "<html><head><title>" + c.docTitle + "</title></head><body>"
		if c.h1 != "" {
			page += "<h1>" + c.h1 + "</h1>"
		}
		page += "</body></html>"
		a, _ := Extract(Page{URL: "http://x.test/", HTML: []byte(page)})
		if a.Title != c.want {
			t.Errorf("title of %q = %q, want %q", c.docTitle, a.Title, c.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct {
		in, text, raw string // text is PublishedText's form
	}{
		{"27/01/2021 - 14:10", "2021-01-27T14:10:00+07:00", "27/01/2021 - 14:10"},
		{"Thứ Tư, 27/01/2021 - 14:10", "2021-01-27T14:10:00+07:00", "27/01/2021 - 14:10"},
		{"Ngày đăng: 15/01/2021", "2021-01-15", "15/01/2021"},
		{"Cập nhật ngày: 25/01/2021 17:00", "2021-01-25T17:00:00+07:00", "25/01/2021 17:00"},
		{"Thứ hai, 8/5/2023, 15:58 (GMT+7)", "2023-05-08T15:58:00+07:00", "8/5/2023, 15:58"},
		{"15:58, 16/01/2021", "2021-01-16T15:58:00+07:00", "15:58, 16/01/2021"},
		{"08h30 ngày 05-03-2024", "2024-03-05T08:30:00+07:00", "08h30 ngày 05-03-2024"},
		{"Hà Nội, ngày 05 tháng 3 năm 2020", "2020-03-05", "ngày 05 tháng 3 năm 2020"},
		{"10/11/2020 04:05 PM", "2020-11-10T16:05:00+07:00", "10/11/2020 04:05 PM"},
		{"16.01.2021", "2021-01-16", "16.01.2021"},
		{"2019-11-19T11:51:32.556Z", "2019-11-19T18:51:32+07:00", "2019-11-19T11:51:32.556Z"},
		{"2024-05-01", "2024-05-01", "2024-05-01"},
		{"Tue, 19 Nov 2019 10:00:00 GMT", "2019-11-19T17:00:00+07:00", "Tue, 19 Nov 2019 10:00:00 GMT"},
		{"November 19, 2019", "2019-11-19", "November 19, 2019"},
	}
	for _, c := range cases {
		d, ok := parseDate(c.in)
		if !ok {
			t.Errorf("parseDate(%q) failed", c.in)
			continue
		}
		got := Article{Published: d.t, PublishedHasTime: d.hasClock}.PublishedText()
		if got != c.text || d.raw != c.raw {
			t.Errorf("parseDate(%q) = %s raw %q, want %s raw %q", c.in, got, d.raw, c.text, c.raw)
		}
	}
	for _, in := range []string{"", "31/02/2021", "Lượt xem: 1055", "Điện thoại: 0293.3876", "13/13/2013", "01/01/1890"} {
		if d, ok := parseDate(in); ok {
			t.Errorf("parseDate(%q) = %v, want no date", in, d.t)
		}
	}
}

func TestIsDateLine(t *testing.T) {
	for _, s := range []string{"15/05/2023", "Thứ Hai, 15/05/2023 - 14:20", "Ngày đăng: 15/01/2021 | Lượt xem: 120", "Cập nhật lúc 08:30 ngày 05/03/2024"} {
		if !isDateLine(s) {
			t.Errorf("isDateLine(%q) = false", s)
		}
	}
	for _, s := range []string{"Ngày 16/01/2021, tại Hội trường Trung tâm Dịch vụ việc làm, Sở tổ chức hội nghị", "Quyết định số 15/QĐ-TTg ngày 24/4/2020 của Thủ tướng"} {
		if isDateLine(s) {
			t.Errorf("isDateLine(%q) = true", s)
		}
	}
}

// Blocks that most of a host's pages share are dropped once the host's
// template is known, even where the page puts them inside the content.
func TestTemplateDropsSharedBlocks(t *testing.T) {
	page := func(i int, body string) []byte {
		return []byte(`<html><body><div class="noidung">
<p>Tin tức mới nhất từ Ủy ban nhân dân xã Tân Phú, cập nhật hằng ngày cho bà con trong xã.</p>
<p>` + body + `</p>
<p>Mọi ý kiến đóng góp về nội dung trang tin xin gửi về bộ phận văn phòng của Ủy ban nhân dân xã.</p>
</div></body></html>`)
	}
	bodies := []string{
		"Ủy ban nhân dân xã tổ chức ra quân dọn dẹp vệ sinh môi trường, khơi thông cống rãnh trên các tuyến đường liên ấp trước mùa mưa, thu hút hơn 200 người tham gia.",
		"Hội Nông dân xã phối hợp mở lớp tập huấn kỹ thuật nuôi bò vỗ béo cho 45 hội viên, hướng dẫn cách phòng bệnh và làm chuồng trại hợp vệ sinh.",
		"Trạm Y tế xã triển khai đợt tiêm chủng mở rộng cho trẻ dưới năm tuổi, đồng thời tư vấn dinh dưỡng cho các bà mẹ đang nuôi con nhỏ tại ấp.",
		"Xã tổ chức lễ trao nhà tình thương cho hai hộ nghèo ở ấp Phú Hòa, kinh phí do các nhà hảo tâm và cán bộ, công chức xã cùng đóng góp.",
		"Đoàn Thanh niên xã ra mắt mô hình thắp sáng đường quê với 120 bóng đèn năng lượng mặt trời dọc tuyến đường từ ấp Tân Lợi đến trường tiểu học.",
		"Công an xã tuyên truyền phòng chống cháy nổ tại chợ, hướng dẫn tiểu thương cách sử dụng bình chữa cháy và kiểm tra hệ thống điện của các sạp.",
	}
	tmpl := &TemplateCounts{}
	for i, b := range bodies {
		a, err := Extract(Page{URL: "http://xa.test/", HTML: page(i, b)})
		if err != nil {
			t.Fatal(err)
		}
		tmpl.Add(a.Fingerprints)
	}
	probe := page(99, "Chi bộ ấp Tân Phú tổ chức hội nghị sơ kết sáu tháng đầu năm, đánh giá kết quả lãnh đạo phát triển kinh tế, xây dựng nông thôn mới nâng cao tại địa phương.")
	without, _ := Extract(Page{URL: "http://xa.test/x", HTML: probe})
	with, _ := Extract(Page{URL: "http://xa.test/x", HTML: probe, Template: tmpl})
	if !strings.Contains(without.Text, "Mọi ý kiến đóng góp") {
		t.Fatalf("without a template the shared lines stay (test premise): %q", without.Text)
	}
	if strings.Contains(with.Text, "Mọi ý kiến đóng góp") || strings.Contains(with.Text, "Tin tức mới nhất") {
		t.Errorf("with the template the shared lines go: %q", with.Text)
	}
	if !strings.Contains(with.Text, "Chi bộ ấp Tân Phú tổ chức hội nghị") {
		t.Errorf("with the template the page's own text stays: %q", with.Text)
	}
	// Too few pages: the template is not trusted yet.
	few := &TemplateCounts{}
	few.Add(without.Fingerprints)
	if a, _ := Extract(Page{URL: "http://xa.test/x", HTML: probe, Template: few}); a.Text != without.Text {
		t.Errorf("a template of one page changed the text")
	}
}

// Extract is safe for concurrent use (run with -race).
func TestConcurrentExtract(t *testing.T) {
	names := []string{"vi-article-aspnet.html", "vi-listing.html", "vi-login.html"}
	want := make(map[string]string)
	pages := make(map[string][]byte)
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		pages[n] = b
		a, _ := Extract(Page{URL: "http://x.test/" + n, HTML: b})
		want[n] = string(a.PageType) + "\x00" + a.Title + "\x00" + a.Text
	}
	tmpl := &TemplateCounts{}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				n := names[(i+j)%len(names)]
				a, err := Extract(Page{URL: "http://x.test/" + n, HTML: pages[n]})
				if err != nil {
					t.Error(err)
					return
				}
				tmpl.Add(a.Fingerprints)
				if got := string(a.PageType) + "\x00" + a.Title + "\x00" + a.Text; got != want[n] {
					t.Errorf("%s: concurrent result differs", n)
				}
			}
		}(i)
	}
	wg.Wait()
}

// maxFuzzInput bounds what FuzzExtract reads: the fuzzer minimizes every
// new input it finds by rerunning it once per byte removed, so large
// inputs (and large seeds) turn a run into minutes of minimizing, which is
// why the target once ran 6–19 inputs a minute. Pages past the bound are
// the extract-size tests' business, not the fuzzer's.
const maxFuzzInput = 64 << 10

// fuzzPages are FuzzExtract's seeds: each kind of page in a few hundred
// bytes (an article, a listing, a login form, broken nesting, a legacy
// charset), small for the same reason.
var fuzzPages = []string{
	`<html lang=vi><head><title>Hội nghị sơ kết vụ lúa - Sở Nông nghiệp</title></head><body>` +
		`<ul class=menu><li><a href=/>Trang chủ</a><li><a href=/tin-tuc>Tin tức</a></ul>` +
		`<div class=chitiet><h1>Hội nghị sơ kết vụ lúa Đông Xuân 2023</h1><div class=ngay>Thứ Hai, 15/05/2023 - 14:20</div>` +
		`<p>Sáng ngày 12/5, Sở Nông nghiệp tổ chức hội nghị sơ kết sản xuất vụ lúa Đông Xuân, toàn tỉnh đã xuống giống hơn 77.800 héc-ta.</p>` +
		`<p>Giám đốc Sở đề nghị các địa phương theo dõi sát lịch thời vụ, khuyến cáo nông dân sử dụng giống xác nhận.</p></div>` +
		`<div id=footer>Bản quyền thuộc Sở Nông nghiệp</div></body></html>`,
	`<html lang=vi><head><meta charset=utf-8><title>Tin tức - Sở Tư pháp</title></head><body><h2>Tin tức - Sự kiện</h2>` +
		`<div class=news-item><h3><a href=/tin-tuc/101>Hội nghị phổ biến pháp luật năm 2023</a></h3><span class=date>12/06/2023</span><p>Sở Tư pháp phối hợp tổ chức hội nghị.</p></div>` +
		`<div class=news-item><h3><a href=/tin-tuc/100>Tập huấn nghiệp vụ hòa giải ở cơ sở</a></h3><span class=date>05/06/2023</span><p>Lớp tập huấn giúp hòa giải viên.</p></div>` +
		`<div class=pager><a href="/tin-tuc?page=2">2</a> <a href="/tin-tuc?page=3">Trang sau</a></div></body></html>`,
	`<html><head><title>Đăng nhập hệ thống</title></head><body><form method=post><input name=user><input type=password name=pass><button>Đăng nhập</button></form></body></html>`,
	"<table><tr><td><p>x<td><div><a href=x>y</a></table><time datetime=2020-01-01>",
	"<meta charset=windows-1258><p>Vi\xea\xf2t</p>",
}

// maxFuzzSeed is the largest FuzzExtract seed: a few hundred bytes cover
// each kind of page, and every byte of a seed is one more run when the
// fuzzer minimizes the inputs grown from it.
const maxFuzzSeed = 1 << 10

func TestFuzzSeedsAreSmall(t *testing.T) {
	for i, p := range fuzzPages {
		if len(p) > maxFuzzSeed {
			t.Errorf("fuzz seed %d has %d bytes, over %d", i, len(p), maxFuzzSeed)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, p := range fuzzPages {
		f.Add([]byte(p))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzInput {
			t.Skip("input over maxFuzzInput")
		}
		a, err := Extract(Page{URL: "http://x.test/p", HTML: b})
		if err != nil {
			return
		}
		for _, s := range []string{a.Text, a.Title, a.PublishedRaw} {
			if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
				t.Fatalf("output not NFC UTF-8: %q", s)
			}
		}
		if a.PageType != TypeArticle && a.Text != "" {
			t.Fatalf("%s page with text", a.PageType)
		}
	})
}

// The streaming counts and fingerprints must agree with the text they stand
// for, on every element.
func TestStreamingTextAgrees(t *testing.T) {
	pages := []string{"<p>  Xin\u00a0chào,  thế giới ;\u200b<b>đi</b><br>tiếp\ufeff, \ufffd x</p><div> a <p>b</p> ، c、d，e <span>F G</span></div><td>\tKỲ\nİ ſ</td>"}
	files, _ := filepath.Glob("testdata/*.html")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, string(b))
	}
	for _, p := range pages {
		doc, err := html.Parse(strings.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		walk(doc, func(n *html.Node) bool {
			if n.Type != html.ElementNode {
				return true
			}
			in, it := innerCount(n), innerText(n)
			if in.chars != countChars(it) || in.commas != countCommas(it) || in.started != (it != "") {
				t.Errorf("innerCount %+v for %q", in, it)
			}
			own, ot := ownCount(n), ownText(n)
			if own.chars != countChars(ot) || own.commas != countCommas(ot) || own.started != (ot != "") {
				t.Errorf("ownCount %+v for %q", own, ot)
			}
			fp, ok := ownFingerprint(n)
			wfp, wok := fingerprintText(ot)
			if ok != wok || ok && fp != wfp {
				t.Errorf("ownFingerprint %v %v, want %v %v for %q", fp, ok, wfp, wok, ot)
			}
			return true
		})
	}
}
