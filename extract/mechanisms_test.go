package extract

// Tests of single mechanisms on small synthetic pages written here (none is
// copied from a real site): the site model's slots, hidden content, binary
// bodies, a site-wide <title>, and the header's clock. Each fixture is
// built so that the page would come out otherwise without the mechanism,
// and where the mechanism can be switched off (a Page without Site, a
// <title> that names no home page, a question with no toggle) the test
// checks that premise too.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"golang.org/x/net/html"
)

// ---------------------------------------------------------------------------
// 1. Site slots

// siteHost is the synthetic department site of TestSiteSlotLearning.
const siteHost = "https://sotnmt.example.gov.vn"

// sitePage wraps a center box in the site's one template: a header with
// the logo and menu, a left sidebar box of links, the center column, a
// footer. Only the center box's class differs between kinds of page; bar
// is what the center column holds beside the box ("" for nothing).
func sitePage(bar, title, centerClass, center string) string {
	return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<div class="header"><a href="/"><img src="/logo.png" alt="Sở Tài nguyên và Môi trường tỉnh Bình An"></a>
<ul class="menu">
<li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu.html">Giới thiệu chung</a></li>
<li><a href="/tin-tuc.html">Tin tức sự kiện</a></li><li><a href="/thong-bao.html">Thông báo mới</a></li>
<li><a href="/van-ban.html">Văn bản pháp luật</a></li><li><a href="/lien-he.html">Liên hệ góp ý</a></li>
</ul></div>
<div class="wrapper">
<div class="left-col"><div class="box-left"><div class="box-head">Liên kết nhanh</div><ul class="quick">
<li><a href="/thu-tuc.html">Thủ tục hành chính</a></li><li><a href="/lich-cong-tac.html">Lịch công tác tuần</a></li>
<li><a href="/hoi-dap.html">Hỏi đáp trực tuyến</a></li><li><a href="/so-do.html">Sơ đồ cổng thông tin</a></li>
<li><a href="/quy-hoach.html">Quy hoạch sử dụng đất</a></li>
</ul></div></div>
<div class="center-col">` + bar + `<div class="` + centerClass + `">` + center + `</div></div>
</div>
<div class="footer"><p>Bản quyền thuộc Sở Tài nguyên và Môi trường tỉnh Bình An. Địa chỉ: số 12 đường Lê Lợi, thành phố Bình An.</p></div>
</body></html>`
}

// siteTopics give each synthetic article its own words.
var siteTopics = []string{
	"cấp giấy chứng nhận quyền sử dụng đất", "quan trắc chất lượng nước sông", "thu gom rác thải sinh hoạt",
	"đo đạc bản đồ địa chính", "cấp phép khai thác khoáng sản", "ứng phó biến đổi khí hậu",
	"bảo vệ nguồn nước ngầm", "thanh tra việc chấp hành pháp luật đất đai", "phân loại chất thải tại nguồn",
	"trồng rừng phòng hộ ven biển", "định giá đất cụ thể", "xử lý nước thải khu công nghiệp",
}

func siteArticle(i int) string {
	topic := siteTopics[i%len(siteTopics)]
	return fmt.Sprintf(`<h1 class="news-title">Hội nghị triển khai công tác %s năm 2024</h1>
<div class="news-date">Ngày đăng: %02d/03/2024</div>
<p>Sáng ngày %d tháng 3, Sở Tài nguyên và Môi trường tổ chức hội nghị triển khai công tác %s, với sự tham dự của lãnh đạo các phòng chuyên môn, đơn vị trực thuộc và đại diện Ủy ban nhân dân các huyện, thành phố.</p>
<p>Tại hội nghị, các đại biểu đã thảo luận về những khó khăn, vướng mắc trong công tác %s thời gian qua, đồng thời đề xuất nhiều giải pháp thiết thực để nâng cao hiệu quả quản lý nhà nước trên địa bàn tỉnh.</p>
<p>Kết luận hội nghị, Giám đốc Sở yêu cầu các đơn vị khẩn trương xây dựng kế hoạch cụ thể, phân công rõ trách nhiệm và báo cáo kết quả thực hiện công tác %s trước ngày 30 tháng 6.</p>`,
		topic, i+1, i+1, topic, topic, topic)
}

// siteTeaser is one item of a listing: a linked headline and a short summary.
func siteTeaser(i int) string {
	topic := siteTopics[i%len(siteTopics)]
	return fmt.Sprintf(`<div class="news-item"><h3><a href="/tin-tuc/bai-%d.html">Hội nghị triển khai công tác %s năm 2024</a></h3>
<p class="sapo">Sở tổ chức hội nghị triển khai công tác %s với các phòng chuyên môn.</p></div>
`, i, topic, topic)
}

// sitePageFixture is one page of the synthetic site.
type sitePageFixture struct {
	name string
	url  string
	html string
}

// siteFixtures is the synthetic site: ordinary articles and listings, and
// the four pages that only the site model can decide.
type siteFixtures struct {
	articles, listings                     []sitePageFixture
	oneTeaser, searchForm, home, pdfNotice sitePageFixture
}

func (s siteFixtures) all() []sitePageFixture {
	out := append(append([]sitePageFixture{}, s.articles...), s.listings...)
	return append(out, s.oneTeaser, s.searchForm, s.home, s.pdfNotice)
}

const pdfNoticeSentence = "Sở thông báo lịch tiếp công dân tháng 6."

func newSiteFixtures(bar string) siteFixtures {
	var s siteFixtures
	for i := 0; i < 8; i++ {
		s.articles = append(s.articles, sitePageFixture{
			fmt.Sprintf("article %d", i), fmt.Sprintf("%s/tin-tuc/bai-%d.html", siteHost, i),
			sitePage(bar, fmt.Sprintf("Hội nghị triển khai công tác %s năm 2024", siteTopics[i]), "news-detail", siteArticle(i)),
		})
	}
	for i := 0; i < 3; i++ {
		var b strings.Builder
		b.WriteString(`<h2 class="cat-name">Tin tức sự kiện</h2>`)
		for j := i * 3; j < i*3+6; j++ {
			b.WriteString(siteTeaser(j))
		}
		s.listings = append(s.listings, sitePageFixture{
			fmt.Sprintf("listing %d", i), fmt.Sprintf("%s/tin-tuc.html?page=%d", siteHost, i+1),
			sitePage(bar, "Tin tức sự kiện", "news-list", b.String()),
		})
	}
	// (a) The last page of a category: one teaser, whose summary is long
	// enough to pass for a short article's text.
	s.oneTeaser = sitePageFixture{"one-teaser listing", siteHost + "/thong-bao.html?page=4", sitePage(bar, "Thông báo mới", "news-list",
		`<h2 class="cat-name">Thông báo mới</h2><div class="news-item"><h3><a href="/thong-bao/tuyen-dung-2024.html">Thông báo tuyển dụng viên chức sự nghiệp năm 2024</a></h3>
<p class="sapo">Sở Tài nguyên và Môi trường thông báo tuyển dụng viên chức làm việc tại các đơn vị sự nghiệp trực thuộc, gồm Văn phòng đăng ký đất đai, Trung tâm quan trắc và Trung tâm phát triển quỹ đất, với tổng số mười hai chỉ tiêu.</p></div>`)}
	// (b) A document search form, its labels and help text, no result rows.
	s.searchForm = sitePageFixture{"document search form", siteHost + "/van-ban.html", sitePage(bar, "Văn bản pháp luật", "doc-search",
		`<h2 class="cat-name">Tra cứu văn bản</h2>
<form action="/van-ban.html" method="get">
<p>Số ký hiệu: <input type="text" name="so"></p>
<p>Trích yếu: <input type="text" name="q"></p>
<p>Loại văn bản: <select name="loai"><option>Tất cả</option><option>Quyết định</option><option>Công văn</option><option>Thông báo</option></select></p>
<p>Từ ngày: <input type="date" name="tu"> Đến ngày: <input type="date" name="den"></p>
<p><input type="submit" value="Tìm kiếm"></p>
</form>
<p>Hướng dẫn: nhập số ký hiệu, trích yếu hoặc chọn loại văn bản, khoảng thời gian ban hành để tra cứu các văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành do Sở Tài nguyên và Môi trường ban hành.</p>`)}
	// (c) The home page: a featured story whose lead is as long as an
	// article's text, over the latest news in the listing's item boxes.
	lead := strings.Repeat("Trong năm qua, ngành tài nguyên và môi trường tỉnh đã hoàn thành cơ bản việc đo đạc, lập bản đồ địa chính, cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân, đồng thời tăng cường kiểm tra, xử lý các cơ sở gây ô nhiễm môi trường nghiêm trọng. ", 3)
	s.home = sitePageFixture{"home page", siteHost + "/", sitePage(bar, "Trang chủ", "news-list",
		`<div class="featured"><h2><a href="/tin-tuc/tong-ket-2023.html">Tổng kết công tác tài nguyên và môi trường năm 2023</a></h2>
<p class="featured-lead">`+lead+`</p></div>
`+siteTeaser(0)+siteTeaser(1)+siteTeaser(2)+siteTeaser(3))}
	// (d) A notice that is one sentence and its PDF.
	s.pdfNotice = sitePageFixture{"one-sentence notice with PDF", siteHost + "/thong-bao/lich-tiep-dan.html", sitePage(bar, "Lịch tiếp công dân tháng 6", "news-detail",
		`<h1 class="news-title">Lịch tiếp công dân tháng 6</h1>
<p>`+pdfNoticeSentence+`</p>
<p><a href="/files/lich-tiep-dan-t6.pdf">Lịch tiếp dân.pdf</a></p>`)}
	return s
}

func extractWith(t *testing.T, name, pageURL, body string, site Site) Article {
	t.Helper()
	p := Page{URL: pageURL, HTML: []byte(body)}
	if site != nil {
		p.Site = site
	}
	a, err := Extract(p)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return a
}

// sameReading tells whether two extractions of a page agree on what the
// crawl stores.
func sameReading(a, b Article) bool {
	return a.PageType == b.PageType && a.Title == b.Title && a.Text == b.Text &&
		slices.Equal(a.Links, b.Links) && a.Published.Equal(b.Published)
}

// TestSiteSlotLearning builds a SiteModel from the Shapes of a synthetic
// site's pages, each extracted alone, and reads the pages again with it.
//
// The layouts differ only in what stands beside the content box in the
// center column. With a location bar beside it, the box is the content's
// element and its class tells articles from listings. When the box is the
// column's only element (as it is too when its sibling is a breadcrumb,
// which stripUnlikely removes before scoring), the content found is the
// column itself ("an only child says no more than its parent", scorer.top),
// so every page reports the same Content slot; the model then learns no
// article slot, and the four pages stay as they were read alone. Those two
// subtests assert the behaviour the model is for, and fail.
func TestSiteSlotLearning(t *testing.T) {
	for _, layout := range []struct{ name, bar string }{
		{"box beside a location bar", `<div class="position">Bạn đang xem: Trang chủ » Chuyên mục</div>`},
		{"box the only child of its column", ``},
		{"box beside a breadcrumb", `<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/tin-tuc.html">Chuyên mục</a></div>`},
	} {
		t.Run(layout.name, func(t *testing.T) {
			fx := newSiteFixtures(layout.bar)
			model := &SiteModel{}
			alone := map[string]Article{}
			for _, f := range fx.all() {
				a := extractWith(t, f.name, f.url, f.html, nil)
				alone[f.name] = a
				model.Add(a.Shape)
			}
			if model.Pages() != len(fx.all()) {
				t.Fatalf("model counted %d pages, want %d", model.Pages(), len(fx.all()))
			}

			// The premises: read alone, the four pages come out wrong,
			// and the ordinary ones right.
			for _, f := range fx.articles {
				if a := alone[f.name]; a.PageType != TypeArticle || a.Text == "" {
					t.Fatalf("premise: %s alone is %s, want an article with text", f.name, a.PageType)
				}
			}
			for _, f := range fx.listings {
				if a := alone[f.name]; a.PageType != TypeListing {
					t.Fatalf("premise: %s alone is %s, want listing", f.name, a.PageType)
				}
			}
			if a := alone[fx.oneTeaser.name]; a.PageType == TypeListing {
				t.Errorf("premise: the one-teaser listing is already a listing alone; the fixture does not test the model")
			}
			if a := alone[fx.searchForm.name]; a.PageType != TypeArticle {
				t.Errorf("premise: the search form alone is %s, want article (its help text); the fixture does not test the model", a.PageType)
			}
			if a := alone[fx.home.name]; a.PageType != TypeArticle {
				t.Errorf("premise: the home page alone is %s, want article (the featured lead); the fixture does not test the model", a.PageType)
			}
			if a := alone[fx.pdfNotice.name]; a.PageType == TypeArticle {
				t.Errorf("premise: the one-sentence notice is already an article alone; the fixture does not test the model")
			}

			if !model.KnowsArticles() {
				t.Errorf("the model knows no article slot after %d pages (%d articles)", model.Pages(), len(fx.articles))
			}
			checkSiteReadings(t, fx, alone, model)

			// The model as stored between runs keeps its decisions.
			b, err := json.Marshal(model)
			if err != nil {
				t.Fatal(err)
			}
			var loaded SiteModel
			if err := json.Unmarshal(b, &loaded); err != nil {
				t.Fatal(err)
			}
			again, err := json.Marshal(&loaded)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, again) {
				t.Errorf("JSON round trip changes the model:\n%s\n%s", b, again)
			}
			if loaded.Pages() != model.Pages() || loaded.KnowsArticles() != model.KnowsArticles() {
				t.Errorf("loaded model: pages %d knows %v, want %d %v", loaded.Pages(), loaded.KnowsArticles(), model.Pages(), model.KnowsArticles())
			}
			for _, f := range fx.all() {
				sh := alone[f.name].Shape
				if loaded.ArticleSlot(sh.Content) != model.ArticleSlot(sh.Content) {
					t.Errorf("%s: loaded model's ArticleSlot differs", f.name)
				}
				for sl := range sh.Links {
					if loaded.ItemSlot(sl) != model.ItemSlot(sl) {
						t.Errorf("%s: loaded model's ItemSlot differs", f.name)
					}
				}
				want := extractWith(t, f.name, f.url, f.html, model)
				if got := extractWith(t, f.name, f.url, f.html, &loaded); !sameReading(got, want) {
					t.Errorf("%s: read with the loaded model as %s %q, with the original as %s %q",
						f.name, got.PageType, got.Text, want.PageType, want.Text)
				}
			}
		})
	}
}

// checkSiteReadings reads every page of fx with the model and checks the
// decisions.
func checkSiteReadings(t *testing.T, fx siteFixtures, alone map[string]Article, model Site) {
	t.Helper()
	for _, f := range append(append([]sitePageFixture{}, fx.articles...), fx.listings...) {
		if got := extractWith(t, f.name, f.url, f.html, model); !sameReading(got, alone[f.name]) {
			t.Errorf("%s: the model changes an ordinary page: %s %q %q, alone %s %q %q", f.name,
				got.PageType, got.Title, got.Text, alone[f.name].PageType, alone[f.name].Title, alone[f.name].Text)
		}
	}

	a := extractWith(t, fx.oneTeaser.name, fx.oneTeaser.url, fx.oneTeaser.html, model)
	if a.PageType != TypeListing || a.Text != "" {
		t.Errorf("(a) one-teaser listing: %s with text %q, want listing without text", a.PageType, a.Text)
	} else if !slices.ContainsFunc(a.Links, func(l Link) bool { return strings.HasSuffix(l.URL, "/thong-bao/tuyen-dung-2024.html") }) {
		t.Errorf("(a) one-teaser listing: links %v lack the teaser", a.Links)
	}

	a = extractWith(t, fx.searchForm.name, fx.searchForm.url, fx.searchForm.html, model)
	if a.PageType != TypeOther || a.Text != "" || len(a.Links) != 0 {
		t.Errorf("(b) search form: %s with text %q and %d links, want other", a.PageType, a.Text, len(a.Links))
	}

	a = extractWith(t, fx.home.name, fx.home.url, fx.home.html, model)
	if a.PageType != TypeListing || a.Text != "" {
		t.Errorf("(c) home page: %s with text %.80q, want listing without text", a.PageType, a.Text)
	}

	a = extractWith(t, fx.pdfNotice.name, fx.pdfNotice.url, fx.pdfNotice.html, model)
	if a.PageType != TypeArticle || !strings.Contains(a.Text, pdfNoticeSentence) {
		t.Errorf("(d) one-sentence notice: %s with text %q, want an article with %q", a.PageType, a.Text, pdfNoticeSentence)
	}
}

// ---------------------------------------------------------------------------
// 2. Hidden content

const hiddenURL = "https://huyen.example.gov.vn/tin/ke-hoach-cchc.html"

// The article of hiddenPage: its two shown paragraphs.
const (
	hiddenPara1 = "Ủy ban nhân dân huyện ban hành kế hoạch cải cách hành chính năm 2024, tập trung vào cải cách thể chế, thủ tục hành chính, tổ chức bộ máy và xây dựng chính quyền số trên địa bàn."
	hiddenPara2 = "Các phòng, ban chuyên môn căn cứ kế hoạch, chủ động triển khai thực hiện, định kỳ báo cáo kết quả về Văn phòng Ủy ban nhân dân huyện trước ngày 15 hằng tháng để tổng hợp."
)

// hiddenPage is an article whose box holds hidden blocks between its
// paragraphs.
func hiddenPage(hidden string) string {
	return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch cải cách hành chính năm 2024</title></head><body>
<div class="header"><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc.html">Tin tức</a></li></ul></div>
<div class="main"><div class="detail">
<h1>Kế hoạch cải cách hành chính năm 2024</h1>
<p>` + hiddenPara1 + `</p>
` + hidden + `
<p>` + hiddenPara2 + `</p>
</div></div>
<div class="footer">Bản quyền Ủy ban nhân dân huyện</div>
</body></html>`
}

// hiddenBlocks are small hidden blocks of each kind.
const hiddenBlocks = `<div style="display: none"><ul><li><a href="/a/1">Danh sách ẩn mục một của hệ thống</a></li><li><a href="/a/2">Danh sách ẩn mục hai của hệ thống</a></li><li><a href="/a/3">Danh sách ẩn mục ba của hệ thống</a></li></ul></div>
<p hidden>Đoạn văn ẩn bằng thuộc tính hidden không được hiển thị cho người đọc.</p>
<p style="visibility:hidden">Đoạn văn ẩn bằng visibility hidden không được hiển thị.</p>
<div aria-hidden="true"><p>Đoạn văn ẩn bằng aria-hidden dành cho trình đọc màn hình.</p></div>`

// bigDump is a list dump or a run of paragraphs longer than the article:
// more than half the page's text.
func bigDump(links bool) string {
	var b strings.Builder
	if links {
		b.WriteString("<ul>")
	}
	for i := 0; i < 40; i++ {
		if links {
			fmt.Fprintf(&b, `<li><a href="/vb/%d.html">Quyết định số %d/QĐ-UBND phê duyệt danh mục thủ tục hành chính ẩn</a></li>`, i, i)
		} else {
			fmt.Fprintf(&b, `<p>Mục %d của bản sao ẩn được hệ thống lưu tự động, chưa biên tập, không hiển thị cho người đọc.</p>`, i)
		}
	}
	if links {
		b.WriteString("</ul>")
	}
	return b.String()
}

const qaURL = "https://huyen.example.gov.vn/hoi-dap/dat-dai.html"

const (
	qaAnswer1 = "Trả lời: Hồ sơ gồm đơn đăng ký biến động, bản gốc giấy chứng nhận đã cấp, hợp đồng chuyển nhượng có công chứng và các giấy tờ liên quan khác."
	qaAnswer2 = "Trả lời: Thời hạn giải quyết không quá mười ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, không tính thời gian niêm yết công khai."
)

// qaPage is a Q&A page whose answers are collapsed; toggle1 and toggle2
// are the attributes of the questions that unfold them.
func qaPage(toggle1, toggle2 string) string {
	return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hỏi đáp về thủ tục đất đai</title></head><body>
<div class="main"><div class="faq">
<h1>Hỏi đáp về thủ tục đất đai</h1>
<p>Dưới đây là các câu hỏi thường gặp của người dân về thủ tục đăng ký đất đai, cấp giấy chứng nhận và chuyển mục đích sử dụng đất tại Văn phòng đăng ký đất đai.</p>
<div class="q" ` + toggle1 + `>Câu hỏi 1: Hồ sơ đăng ký biến động đất đai gồm những gì?</div>
<div class="a" style="display:none">` + qaAnswer1 + `</div>
<div class="q" ` + toggle2 + `>Câu hỏi 2: Thời hạn giải quyết thủ tục là bao lâu?</div>
<div class="a" style="display:none">` + qaAnswer2 + `</div>
</div></div></body></html>`
}

const (
	modalPara = "Chủ tịch Ủy ban nhân dân huyện thông báo lịch tiếp công dân định kỳ trong tháng, tại trụ sở tiếp công dân của huyện, để lắng nghe ý kiến, kiến nghị, phản ánh của người dân."
	modalText = "Bạn có muốn nhận thông báo từ cổng thông tin?"
)

// modalPage is an article whose whole page a script has marked hidden
// under an open dialog.
const modalPage = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Thông báo lịch tiếp công dân</title></head><body>
<div id="page" aria-hidden="true"><div class="main"><div class="detail">
<h1>Thông báo lịch tiếp công dân định kỳ</h1>
<p>` + modalPara + `</p>
<p>Công dân đến trình bày cần mang theo giấy tờ tùy thân và các tài liệu liên quan đến nội dung khiếu nại, tố cáo, kiến nghị, phản ánh để được hướng dẫn, giải quyết theo quy định.</p>
</div></div></div>
<div class="modal" role="dialog"><p>` + modalText + `</p></div>
</body></html>`

// TestHiddenContentIsNeverText: what the page does not show is not its
// text, except an answer a toggle beside it unfolds, and a whole page a
// script has hidden for a moment.
//
// Three cases fail. The two "larger than the article": a block hidden by
// the hidden attribute or aria-hidden that holds more than half the page's
// text is taken for a hidden page wrapper (prepare's wrapperShare rule)
// and kept, though it lies inside the article's box beside its paragraphs.
// And the <button> question: unfoldedByToggle accepts a <button> just
// before the hidden answer, but prepare has already removed the button
// (a skipTag, visited first), so the answer's previous element is the
// answer before it, and the answer is dropped.
func TestHiddenContentIsNeverText(t *testing.T) {
	hiddenWords := []string{"Danh sách ẩn", "Đoạn văn ẩn", "QĐ-UBND", "bản sao ẩn"}
	for _, tc := range []struct {
		name, url, html string
		want            []string // in Text
		absent          []string // never in Text
	}{
		{"hidden blocks of each kind in the article's box", hiddenURL, hiddenPage(hiddenBlocks),
			[]string{hiddenPara1, hiddenPara2}, hiddenWords},
		{"display:none list dump larger than the article", hiddenURL, hiddenPage(`<div style="display:none">` + bigDump(true) + `</div>`),
			[]string{hiddenPara1, hiddenPara2}, hiddenWords},
		{"hidden-attribute list dump larger than the article", hiddenURL, hiddenPage(`<div hidden>` + bigDump(true) + `</div>`),
			[]string{hiddenPara1, hiddenPara2}, hiddenWords},
		{"aria-hidden paragraphs larger than the article", hiddenURL, hiddenPage(`<div aria-hidden="true">` + bigDump(false) + `</div>`),
			[]string{hiddenPara1, hiddenPara2}, hiddenWords},
		{"collapsed answers after onclick and aria-expanded questions", qaURL, qaPage(`onclick="toggle(1)"`, `aria-expanded="false"`),
			[]string{qaAnswer1, qaAnswer2}, nil},
		{"collapsed answers after data-toggle and data-bs-toggle questions", qaURL, qaPage(`data-toggle="collapse"`, `data-bs-toggle="collapse"`),
			[]string{qaAnswer1, qaAnswer2}, nil},
		{"collapsed answer after a <button> question", qaURL,
			strings.Replace(qaPage(`data-toggle="collapse"`, ``), `<div class="q" >Câu hỏi 2: Thời hạn giải quyết thủ tục là bao lâu?</div>`,
				`<button class="q" type="button">Câu hỏi 2: Thời hạn giải quyết thủ tục là bao lâu?</button>`, 1),
			[]string{qaAnswer1, qaAnswer2}, nil},
		{"whole page under aria-hidden while a dialog is open", hiddenURL, modalPage,
			[]string{modalPara}, []string{modalText}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := extractWith(t, tc.name, tc.url, tc.html, nil)
			if a.PageType != TypeArticle {
				t.Fatalf("page type %s (%d links), want article", a.PageType, len(a.Links))
			}
			for _, w := range tc.want {
				if !strings.Contains(a.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, a.Text)
				}
			}
			for _, w := range tc.absent {
				if strings.Contains(a.Text, w) {
					t.Errorf("hidden %q is in the text:\n%s", w, a.Text)
				}
			}
		})
	}

	// The premises: shown, the same blocks are text, and an answer with no
	// toggle before it stays hidden.
	t.Run("premise: the blocks shown are text", func(t *testing.T) {
		shown := strings.NewReplacer(`style="display: none"`, ``, `<p hidden>`, `<p>`, `style="visibility:hidden"`, ``, `aria-hidden="true"`, ``).Replace(hiddenBlocks)
		a := extractWith(t, "shown", hiddenURL, hiddenPage(shown), nil)
		for _, w := range []string{"Đoạn văn ẩn bằng thuộc tính hidden", "Đoạn văn ẩn bằng visibility hidden", "Đoạn văn ẩn bằng aria-hidden"} {
			if !strings.Contains(a.Text, w) {
				t.Errorf("shown, %q is not in the text, so hiding it proves nothing:\n%s", w, a.Text)
			}
		}
	})
	t.Run("premise: an answer without a toggle is hidden", func(t *testing.T) {
		a := extractWith(t, "no toggle", qaURL, qaPage(``, ``), nil)
		for _, w := range []string{qaAnswer1, qaAnswer2} {
			if strings.Contains(a.Text, w) {
				t.Errorf("an answer with no toggle before it is in the text: %q", w)
			}
		}
	})
}

// ---------------------------------------------------------------------------
// 3. Binary bodies

const binaryURL = "https://so.example.gov.vn/files/tai-lieu.html"

// controlBytes is n bytes that are mostly C0 control bytes, with letters
// and high bytes between, from a fixed linear congruential sequence.
func controlBytes(n int) []byte {
	out := make([]byte, n)
	x := uint32(12345)
	for i := range out {
		x = x*1664525 + 1013904223
		switch v := byte(x >> 24); {
		case v < 0x80:
			out[i] = 1 + v%0x1f // 0x01..0x1f
		case v < 0xc0:
			out[i] = 'a' + v%26
		default:
			out[i] = v
		}
	}
	return out
}

// utf16Page encodes s as UTF-16 with a BOM.
func utf16Page(s string, bigEndian bool) []byte {
	u := utf16.Encode([]rune(s))
	var b []byte
	if bigEndian {
		b = []byte{0xfe, 0xff}
	} else {
		b = []byte{0xff, 0xfe}
	}
	for _, r := range u {
		if bigEndian {
			b = append(b, byte(r>>8), byte(r))
		} else {
			b = append(b, byte(r), byte(r>>8))
		}
	}
	return b
}

// TestBinaryBodiesAreOther: bytes served as HTML that are no text are
// other, with the reason, and never an article; text in UTF-16 is text.
func TestBinaryBodiesAreOther(t *testing.T) {
	page := hiddenPage("")
	for _, tc := range []struct {
		name   string
		body   []byte
		reason string // "" for text
	}{
		{"PDF", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + strings.Repeat("stream\x00\x01\x02 BT /F1 12 Tf (Ke hoach) Tj ET endstream\n", 50)), "binary body (PDF)"},
		{"PDF after blank lines and a UTF-8 BOM", []byte("\xef\xbb\xbf\r\n\r\n%PDF-1.7\n<< /Title (Quyet dinh) >>\n"), "binary body (PDF)"},
		{"PNG", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), bytes.Repeat([]byte("IDATx\x9c\xed<html><p>chữ</p>"), 100)...), "binary body (PNG)"},
		{"gzip", append([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"), controlBytes(2000)...), "binary body (gzip)"},
		{"ZIP", append([]byte("PK\x03\x04\x14\x00\x06\x00\x08\x00"), []byte("word/document.xml<html><body><p>Nội dung</p></body></html>")...), "binary body (ZIP)"},
		{"64 KB of control bytes", controlBytes(64 << 10), "binary body"},
		{"control bytes after an HTML opening", append([]byte("<html><body><p>"), controlBytes(16<<10)...), "binary body"},
		{"UTF-16LE page with BOM", utf16Page(page, false), ""},
		{"UTF-16BE page with BOM", utf16Page(page, true), ""},
		{"UTF-8 page", []byte(page), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Extract(Page{URL: binaryURL, HTML: tc.body, ContentType: "text/html"})
			if err != nil {
				t.Fatal(err)
			}
			if a.Reason != tc.reason {
				t.Errorf("reason %q, want %q", a.Reason, tc.reason)
			}
			if tc.reason != "" {
				if a.PageType != TypeOther || a.Text != "" || a.Title != "" || len(a.Links) != 0 {
					t.Errorf("binary body read as %s, title %q, text %.80q, %d links; want other and nothing", a.PageType, a.Title, a.Text, len(a.Links))
				}
				if !strings.HasPrefix(a.Reason, "binary body") {
					t.Errorf("reason %q does not say binary body", a.Reason)
				}
				return
			}
			if a.PageType != TypeArticle || !strings.Contains(a.Text, hiddenPara1) || !strings.Contains(a.Text, hiddenPara2) {
				t.Errorf("text page read as %s with text %q, want the article", a.PageType, a.Text)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// 4. A <title> that is not the page's

const homeTitledHeadline = "Sở X tổ chức tập huấn nghiệp vụ cho cán bộ cơ sở"

// homeTitledPage is an article under a <title> that names the site's home
// page, its headline rendered in a <p class="Title"> that opens the
// content, no date line under it.
func homeTitledPage(title string) string {
	return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<div class="header"><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc.html">Tin tức</a></li></ul></div>
<div class="main"><div class="content-detail">
<p class="Title">` + homeTitledHeadline + `</p>
<p>Trong hai ngày 14 và 15 tháng 5, Sở X tổ chức lớp tập huấn nghiệp vụ cho hơn một trăm cán bộ cơ sở của các xã, phường, thị trấn trên địa bàn tỉnh.</p>
<p>Tại lớp tập huấn, các học viên được giới thiệu những điểm mới của pháp luật, kỹ năng tiếp nhận, xử lý hồ sơ và giải đáp thắc mắc của người dân, doanh nghiệp.</p>
</div></div>
<div class="footer">Bản quyền thuộc Sở X</div></body></html>`
}

func sharedTitleHeadline(i int) string {
	return fmt.Sprintf("Sở Y hướng dẫn thực hiện chính sách hỗ trợ đợt %d", i)
}

// sharedTitledPage is page i of a site that gives every page one <title>.
// The section's name, a short menu name, stands above the headline: as
// the content's first line (inBox) or over the content's box.
func sharedTitledPage(title string, i int, inBox bool) string {
	section := `<h2 class="cat-title">Tin tức</h2>`
	above, in := section, ""
	if inBox {
		above, in = "", section
	}
	return fmt.Sprintf(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>%s</title></head><body>
<div class="header"><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc.html">Tin tức</a></li></ul></div>
<div class="main">%s<div class="content-detail">%s
<div class="news-title">%s</div>
<p>Sở Y vừa ban hành văn bản số %d hướng dẫn các địa phương thực hiện chính sách hỗ trợ người lao động, bảo đảm đúng đối tượng, công khai, minh bạch và kịp thời.</p>
<p>Các địa phương có trách nhiệm rà soát, lập danh sách đối tượng được hỗ trợ, gửi về Sở Y trước ngày %d tháng 6 để tổng hợp, trình Ủy ban nhân dân tỉnh phê duyệt.</p>
</div></div>
<div class="footer">Bản quyền thuộc Sở Y</div></body></html>`, title, above, in, sharedTitleHeadline(i), i+100, i+1)
}

// TestSharedTitle: under a <title> that is the site's, not the page's,
// the page's own headline is its title.
func TestSharedTitle(t *testing.T) {
	t.Run("home page title", func(t *testing.T) {
		const u = "https://sox.example.gov.vn/tin/tap-huan.html"
		a := extractWith(t, "home title", u, homeTitledPage("Trang chủ - Sở X"), nil)
		if a.Title != homeTitledHeadline {
			t.Errorf("title %q, want the headline %q", a.Title, homeTitledHeadline)
		}
		if a.PageType != TypeArticle || !strings.Contains(a.Text, "lớp tập huấn nghiệp vụ") {
			t.Errorf("page %s, text %q: want the article", a.PageType, a.Text)
		}
		// The premise: under a section's <title>, the same page keeps it.
		if c := extractWith(t, "section title", u, homeTitledPage("Tin tức - Sở X"), nil); c.Title == homeTitledHeadline {
			t.Errorf("premise: the headline is the title under any <title>; the fixture does not test the home title")
		}
	})

	for _, tc := range []struct {
		name, title string
		inBox       bool
		aloneWrong  bool // read alone, the title is not the headline
	}{
		{"neutral shared title, section heading in the box", "Tin tức - Sự kiện", true, true},
		{"neutral shared title, section heading over the box", "Tin tức - Sự kiện", false, true},
		{"portal name as shared title", "Cổng thông tin Sở Y", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			model := &SiteModel{}
			for i := 0; i < 6; i++ {
				a := extractWith(t, tc.name, fmt.Sprintf("https://soy.example.gov.vn/tin/%d.html", i), sharedTitledPage(tc.title, i, tc.inBox), nil)
				model.Add(a.Shape)
			}
			if !model.SharedTitle(tc.title) {
				t.Fatalf("the model does not take %q, on every page, for the site's title", tc.title)
			}
			if model.SharedTitle("Một tiêu đề khác của trang") {
				t.Errorf("the model takes a title no page has for the site's")
			}
			const u = "https://soy.example.gov.vn/tin/3.html"
			body := sharedTitledPage(tc.title, 3, tc.inBox)
			a := extractWith(t, tc.name, u, body, model)
			if a.Title != sharedTitleHeadline(3) {
				t.Errorf("title %q, want the page's heading %q", a.Title, sharedTitleHeadline(3))
			}
			if a.Title == "Tin tức" {
				t.Errorf("the section's menu name above the heading was taken for the title")
			}
			if a.PageType != TypeArticle || !strings.Contains(a.Text, "Sở Y vừa ban hành văn bản số 103") {
				t.Errorf("page %s, text %q: want the article", a.PageType, a.Text)
			}
			if tc.aloneWrong {
				if alone := extractWith(t, tc.name, u, body, nil); alone.Title == sharedTitleHeadline(3) {
					t.Errorf("premise: alone the title is already the heading; the fixture does not test the site's title")
				}
			}
		})
	}
}

// ---------------------------------------------------------------------------
// 5. The header's clock

const clockURL = "https://sxd.example.gov.vn/tin/kiem-tra-du-an.html"

const clockHeadline = "Đoàn công tác kiểm tra tiến độ dự án trọng điểm"

// clockPage is an article under a site header whose top bar shows the
// day the page was served, with a sidebar box of documents before the
// content in the source. sidebarDoc is the box's item; head is what
// stands over the content's box; inBox is what opens it.
func clockPage(sidebarDoc, head, inBox string) string {
	return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>` + clockHeadline + `</title></head><body>
<div class="topbar"><span class="today">Thứ năm, 09/05/2019</span></div>
<div class="logo-row"><a href="/"><img src="/logo.png" alt="Sở Xây dựng"></a><p class="slogan">Sở Xây dựng tỉnh Bình An</p></div>
<div class="wrap">
<div class="col-left"><div class="box-vanban"><div class="box-title">Văn bản mới</div>
` + sidebarDoc + `
</div></div>
<div class="col-main">
` + head + `
<div class="content">` + inBox + `
<p>Đoàn công tác của Sở Xây dựng đã kiểm tra tiến độ thi công các dự án trọng điểm trên địa bàn, làm việc với chủ đầu tư và nhà thầu về những khó khăn, vướng mắc.</p>
<p>Trưởng đoàn đề nghị các nhà thầu tập trung nhân lực, máy móc, thiết bị, bảo đảm chất lượng công trình và an toàn lao động, hoàn thành dự án đúng tiến độ đã cam kết.</p></div>
</div></div>
<div class="footer">Bản quyền thuộc Sở Xây dựng</div></body></html>`
}

// TestHeaderClockIsNotTheDate: the header's "Thứ năm, 09/05/2019" and a
// sidebar document's date inside its link never date the article; its own
// date line beside the headline does.
//
// Three cases fail. The clock is passed over only when a line above the
// content is the headline (dateNearContent counts lines from it): when
// the headline opens the content's box, the clock four lines above the
// content is taken. And itemDate looks for the <li> or the link among a
// date line's ancestors only (the <li> from the line's parent up): a
// sidebar document <li><a>Số: … Ngày: 06/10/2013</a></li>, or
// <div><a><span>Số: …</span> <span>Ngày: 06/10/2013</span></a></div>, is
// one leaf whose date lies inside its own link, and the date is taken
// (it is the line just above the headline, within clockDistance).
func TestHeaderClockIsNotTheDate(t *testing.T) {
	h1 := `<h1 class="title">` + clockHeadline + `</h1>`
	ownDate := `<div class="date">(26.07.2019 14:14)</div>`
	plainDoc := `<div class="vb-item"><a href="/van-ban/quy-hoach.html">Quyết định phê duyệt quy hoạch xây dựng vùng tỉnh</a></div>`
	liDoc := `<ul><li><a href="/van-ban/03-2013.html">Số: 03/2013/TT-TTCP Ngày: 06/10/2013</a></li></ul>`
	divDoc := `<div class="vb-item"><a href="/van-ban/03-2013.html"><span class="vb-so">Số: 03/2013/TT-TTCP</span> <span class="vb-ngay">Ngày: 06/10/2013</span></a></div>`
	want := time.Date(2019, 7, 26, 14, 14, 0, 0, vietnamTime)
	for _, tc := range []struct {
		name, html string
		want       time.Time // zero: no date
	}{
		{"own date line under the headline", clockPage(plainDoc, h1+ownDate, ""), want},
		{"own date line under the headline, document dated in a list", clockPage(liDoc, h1+ownDate, ""), want},
		{"own date line in the box under the headline", clockPage(divDoc, "", h1+ownDate), want},
		{"clock only, headline over the box", clockPage(plainDoc, h1, ""), time.Time{}},
		{"clock only, headline opening the box", clockPage(plainDoc, "", h1), time.Time{}},
		{"clock and a list item's document date", clockPage(liDoc, h1, ""), time.Time{}},
		{"clock and a document date inside a link in a div", clockPage(divDoc, h1, ""), time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := extractWith(t, tc.name, clockURL, tc.html, nil)
			if a.PageType != TypeArticle || a.Title != clockHeadline {
				t.Fatalf("page %s titled %q, want the article", a.PageType, a.Title)
			}
			if !a.Published.Equal(tc.want) {
				t.Errorf("published %v (%q), want %v", a.Published, a.PublishedRaw, tc.want)
			}
			if !tc.want.IsZero() && !a.PublishedHasTime {
				t.Errorf("published without its time of day")
			}
		})
	}
	// The premise: the date lines are read from where they stand. A date
	// line just above the headline (where the clock is not) dates the page.
	t.Run("premise: a date line just above the headline is read", func(t *testing.T) {
		a := extractWith(t, "premise", clockURL, clockPage(plainDoc, ownDate+h1, ""), nil)
		if !a.Published.Equal(want) {
			t.Errorf("published %v (%q), want %v", a.Published, a.PublishedRaw, want)
		}
	})
}

// slugNoticePage is a notice whose body is empty, in a page of lists of
// other notices: its own box holds the section's name and its date, its
// headline as a plain paragraph, and no text.
func slugNoticePage(headline string) string {
	var other strings.Builder
	for i := 0; i < 8; i++ {
		fmt.Fprintf(&other, `<li><a href="/thong-bao-so-%d-ve-viec-to-chuc-hoi-nghi/">Thông báo số %d về việc tổ chức hội nghị tổng kết công tác năm</a> (0%d.04.2019)</li>`, i, i, i+1)
	}
	return `<html><head><title>Trang chủ</title></head><body>
<div class="menu"><a href="/">Trang chủ</a> <a href="/tin-tuc/">Tin tức</a> <a href="/thong-bao/">Thông báo</a></div>
<div class="main"><div class="box"><table><tr><td class="cat"><a href="/thong-bao/">Thông báo</a></td><td class="time">(14.04.2019 17:09)</td></tr></table>
<div id="part1"><p class="Title">` + headline + `</p><div></div></div></div>
<div class="other"><p>TIN MỚI HƠN</p><ul>` + other.String() + `</ul></div></div>
<div class="footer">Bản quyền thuộc về Sở X. Địa chỉ: số 1 đường Y.</div></body></html>`
}

func TestURLSpelledHeadline(t *testing.T) {
	const headline = "V/v chuyển đơn kiến nghị của bà Nguyễn Thị Lan (13/04)"
	for _, tc := range []struct {
		name, url string
		want      PageType
	}{
		// The CMS made the URL from the headline, dropping "/" and
		// parentheses and keeping the digits.
		{"url spells the headline", "https://sox.example.gov.vn/vv-chuyen-don-kien-nghi-cua-ba-nguyen-thi-lan-1304/", TypeArticle},
		// The same page under a numeric URL: nothing names its headline,
		// and the lists of notices make it a listing.
		{"numeric url", "https://sox.example.gov.vn/Pages/view.aspx?ItemID=1304", TypeListing},
		// A section's URL spells its name in few words: no headline.
		{"short slug", "https://sox.example.gov.vn/thong-bao/", TypeListing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := extractWith(t, tc.name, tc.url, slugNoticePage(headline), nil)
			if a.PageType != tc.want {
				t.Fatalf("page %s, want %s", a.PageType, tc.want)
			}
			if tc.want != TypeArticle {
				return
			}
			if a.Title != headline {
				t.Errorf("title %q, want the headline the URL spells", a.Title)
			}
			if a.Published.IsZero() || a.Published.Format("2006-01-02 15:04") != "2019-04-14 17:09" {
				t.Errorf("published %v, want the date line above the headline", a.Published)
			}
			if strings.Contains(a.Text, "Thông báo số") || strings.Contains(a.Text, "Bản quyền") {
				t.Errorf("text %q holds the other notices or the footer", a.Text)
			}
		})
	}
}

// commentBoxPage is a forum thread whose posts sit in boxes named like
// comments, which the strict attempt strips as furniture; the site's
// links and footer follow them.
func commentBoxPage() string {
	var b strings.Builder
	b.WriteString(`<html><head><title>Which charger should I buy?</title></head><body>
<div class="nav"><a href="/">Forum</a> <a href="/hardware/">Hardware</a></div>
<div class="comment-list">`)
	for i, p := range []string{
		"I am planning to buy a new charger for my board, but the shop offers three models and I cannot tell which one suits a ten cell battery best.",
		"Take the one with the balance port, because charging without balancing will wear the cells unevenly over a season of daily rides.",
		"I agree with the answer above, and I would add that a slower charge keeps the pack cooler, which matters more than the brand on the label.",
	} {
		fmt.Fprintf(&b, `<div class="comment-body" id="post-%d"><p>%s</p></div>`, i, p)
	}
	b.WriteString(`</div>` + furnitureAfter + `</body></html>`)
	return b.String()
}

// furnitureAfter: more text than the posts, so that no rule keeps their
// box for holding most of the page.
var furnitureAfter = func() string {
	var b strings.Builder
	b.WriteString(`<div class="related"><h3>Related topics</h3><ul>`)
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&b, `<li><a href="/t/%d">Battery care in winter for long rides, part %d</a></li>`, i, i)
	}
	b.WriteString(`</ul></div><footer><p>This forum is run by volunteers who love building electric boards; all posts belong to their authors and may be quoted with a link back to the thread.</p><p>Contact the moderators through the help page; we answer within a week.</p></footer>`)
	return b.String()
}()

func TestStrippedPostsAreTheText(t *testing.T) {
	a := extractWith(t, "posts", "https://forum.example.org/t/which-charger/42", commentBoxPage(), nil)
	if a.PageType != TypeArticle || !strings.Contains(a.Text, "balance port") || !strings.Contains(a.Text, "pack cooler") {
		t.Errorf("page %s, text %q: want the thread's posts", a.PageType, a.Text)
	}
	if strings.Contains(a.Text, "run by volunteers") {
		t.Errorf("text %q holds the footer", a.Text)
	}
}

func TestSpelledOutLinksStay(t *testing.T) {
	page := `<html><head><title>Black Friday: the deals</title></head><body>
<div class="menu"><p><a href="/">Home</a></p><p><a href="/deals/">Deals</a></p></div>
<article><h1>Black Friday: the deals</h1>
<p>Here are the consoles from our childhood that the shops sell at half price this week, with the links to buy them.</p>
<p>The first is the small console with thirty games built in, sold out within hours last year and back in stock now.</p>
<p><a href="http://amzn.example/2iJFhRj">http://amzn.example/2iJFhRj</a></p>
<p>The second is the handheld that plays the old cartridges, which comes with a case and a charger in the box.</p>
<p><a href="https://shop.example.com/item/42">https://shop.example.com/item/42</a></p>
</article>
<div class="related"><p><a href="/older/">Older deals</a></p></div></body></html>`
	a := extractWith(t, "spelled links", "https://news.example.it/black-friday", page, nil)
	for _, want := range []string{"http://amzn.example/2iJFhRj", "https://shop.example.com/item/42"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lost the address the author wrote out, %s:\n%s", want, a.Text)
		}
	}
	for _, menu := range []string{"Older deals", "Deals"} {
		if strings.Contains(a.Text, menu) {
			t.Errorf("text holds the link line %q", menu)
		}
	}
}

// registerPage is a document register: a search form of several fields
// with a list, and the rows it found, each linking its file. prose adds
// an article's text beside it, as pages with a sidebar search have.
func registerPage(rows int, prose bool) string {
	var b strings.Builder
	b.WriteString(`<html><head><title>Trang chủ</title></head><body><div class="menu"><a href="/">Trang chủ</a></div><div class="main">`)
	if prose {
		b.WriteString(`<h1>Hội nghị tổng kết công tác tư pháp năm 2019</h1><p>Sáng ngày 10/01/2020, Sở Tư pháp tổ chức hội nghị tổng kết công tác tư pháp năm 2019 và triển khai nhiệm vụ năm 2020, với sự tham dự của lãnh đạo các phòng, đơn vị trực thuộc.</p><p>Tại hội nghị, các đại biểu đã thảo luận, đóng góp nhiều ý kiến nhằm nâng cao hiệu quả công tác trong thời gian tới.</p>`)
	}
	b.WriteString(`<div class="search"><table><tr><td>Nội dung tìm</td><td><input type="text" name="q"></td></tr>
<tr><td>Tìm theo</td><td><input type="text" name="by"></td></tr>
<tr><td>Lĩnh vực:</td><td><select name="f"><option>---Toàn bộ---</option><option>Văn hóa</option></select></td></tr></table>
<table class="ds"><tr class="row_title"><td>Số ký hiệu</td><td>Ngày ban hành</td><td>Tên văn bản</td><td>File đính kèm</td></tr>`)
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&b, `<tr><td>TH-%d</td><td>2%d/5/2012</td><td>Quyết định số %d</td><td><a href="/img/%d.PDF"><img src="/img/pdf.png" alt="Xem"></a></td></tr>`, i, i, i, i)
	}
	b.WriteString(`</table></div></div><div class="footer">Sở Tư pháp tỉnh X</div></body></html>`)
	return b.String()
}

func TestSearchFormRecordsAreAListing(t *testing.T) {
	const u = "https://stp.example.gov.vn/van-ban-phap-quy/"
	for _, tc := range []struct {
		name    string
		rows    int
		prose   bool
		want    PageType
		records int
	}{
		{"one record", 1, false, TypeListing, 1},
		{"two records", 2, false, TypeListing, 2},
		{"no record", 0, false, "", 0},
		{"article beside a register", 2, true, TypeArticle, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := extractWith(t, tc.name, u, registerPage(tc.rows, tc.prose), nil)
			if tc.want == "" {
				if a.PageType == TypeListing {
					t.Errorf("a search form with no rows is a listing: %v", a.Links)
				}
				return
			}
			if a.PageType != tc.want {
				t.Fatalf("page %s, want %s (text %q)", a.PageType, tc.want, a.Text)
			}
			if tc.records > 0 && (len(a.Links) != tc.records || !strings.HasSuffix(a.Links[0].URL, "/img/0.PDF")) {
				t.Errorf("links %v, want the %d records' files", a.Links, tc.records)
			}
		})
	}
}

func TestSecondOpinion(t *testing.T) {
	const ours = "The first section of the guide explains how to choose a tool for the data you have."
	rest := strings.Repeat("Each later section compares two tools on speed, price and how well they scale with the data. ", 6)
	for _, tc := range []struct {
		name, second string
		want         bool
	}{
		{"the whole of a text ours cut short", ours + "\n" + rest, true},
		{"a little longer: ours and a sidebar line", ours + "\nRead more guides like this one.", false},
		{"longer but another block (the footer of a short page)", rest + "\nContact us at the address below.", false},
		{"nothing found", "", false},
	} {
		if got := preferSecond(ours, tc.second); got != tc.want {
			t.Errorf("%s: preferSecond = %v, want %v", tc.name, got, tc.want)
		}
	}

	// Through Extract: the second reading sees the page as prepare left
	// it, so hidden text never comes back through it, and a short
	// article beside a long box of links keeps its own text.
	a := extractWith(t, "short notice", "https://office.example.org/notice", shortNoticePage, nil)
	if strings.Contains(a.Text, "hidden archive") || strings.Contains(a.Text, "Another notice") {
		t.Errorf("text %q holds the hidden block or the box of links", a.Text)
	}
	if !strings.Contains(a.Text, "closed on Friday") {
		t.Errorf("text %q lost the notice", a.Text)
	}
}

// shortNoticePage is a short article beside a hidden block and a long box
// of links: short enough beside the page to be read a second time, and
// the second reading loses.
var shortNoticePage = `<html><head><title>Notice</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/news/">News</a> <a href="/about/">About</a></div>
<div class="content"><h1>Notice</h1><p>The office is closed on Friday for the holiday, and opens again on Monday at eight. Requests sent by mail in the meantime are answered in the order they arrived, within a week.</p></div>
<div style="display:none"><p>` + strings.Repeat("This hidden archive of old notices must never be read as the page's text, however long it is. ", 12) + `</p></div>
<div class="box"><h3>Các tin khác</h3><ul>` + strings.Repeat(`<li><a href="/n/1">Another notice about the office hours in the summer months</a></li>`, 12) + `</ul></div>
</body></html>`

// A site's pages in a slot where the second reading always lost are not
// read a second time, but for the rechecks; where it won once, they are.
func TestSecondOpinionSkippedWhereItLoses(t *testing.T) {
	pageURL := func(i int) string { return fmt.Sprintf("https://office.example.org/notice-%d", i) }
	first := extractWith(t, "cold", pageURL(0), shortNoticePage, nil)
	if !first.Shape.SecondAsked || first.Shape.SecondWon || first.Shape.Content == 0 {
		t.Fatalf("shape %+v: want the page read a second time, in a slot, and the second reading lost", first.Shape)
	}
	var skipped, rechecked string // a page of each kind
	for i := 1; skipped == "" || rechecked == ""; i++ {
		if u := pageURL(i); recheckSecond(u) {
			rechecked = u
		} else {
			skipped = u
		}
	}
	losing := &SiteModel{}
	for range secondOpinionTrials - 1 {
		losing.Add(first.Shape)
	}
	if a := extractWith(t, "too few trials", skipped, shortNoticePage, losing); !a.Shape.SecondAsked {
		t.Errorf("after %d losses, a page was not read a second time", secondOpinionTrials-1)
	}
	losing.Add(first.Shape)
	b, err := json.Marshal(losing)
	if err != nil {
		t.Fatal(err)
	}
	stored := &SiteModel{}
	if err := json.Unmarshal(b, stored); err != nil {
		t.Fatal(err)
	}
	for _, model := range []*SiteModel{losing, stored} {
		a := extractWith(t, "losing slot", skipped, shortNoticePage, model)
		if a.Shape.SecondAsked {
			t.Errorf("after %d losses, a page was read a second time", secondOpinionTrials)
		}
		if a.Text != first.Text || a.Title != first.Title {
			t.Errorf("text %q, title %q: want the page read as before, %q, %q", a.Text, a.Title, first.Text, first.Title)
		}
		if a := extractWith(t, "recheck", rechecked, shortNoticePage, model); !a.Shape.SecondAsked {
			t.Errorf("a page picked for a recheck was not read a second time")
		}
	}
	won := first.Shape
	won.SecondWon = true
	losing.Add(won)
	if a := extractWith(t, "a slot where it won", skipped, shortNoticePage, losing); !a.Shape.SecondAsked {
		t.Errorf("in a slot where the second reading won once, a page was not read a second time")
	}
}

func TestLinkMenuIsNoSearchField(t *testing.T) {
	parse := func(s string) *html.Node {
		doc, err := html.Parse(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	const box = `<input type="text" name="q"><input type="text" name="from">`
	for _, tc := range []struct {
		name, page string
		want       bool
	}{
		{"a field's list", box + `<select><option value="">Toàn bộ</option><option value="vh">Văn hóa</option></select>`, true},
		{"the other agencies' sites", box + `<select><option value="http://a.example.gov.vn/">Sở A</option><option value="http://b.example.gov.vn/">Sở B</option></select>`, false},
	} {
		if got := hasSearchForm(parse(`<html><body>` + tc.page + `</body></html>`)); got != tc.want {
			t.Errorf("%s: hasSearchForm = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// layoutBoxPage is a blog post whose body sits in a layout box named like
// furniture ("sidebar-layout", holding the text beside a narrow sidebar),
// under a hero with the headline (no <h1>: the theme sets it in an <h2>)
// and the standfirst outside it.
func layoutBoxPage(layoutClass string) string {
	var b strings.Builder
	b.WriteString(`<html><head><title>Six shows for the garden</title></head><body><div class="site"><main>
<section class="hero"><h2 class="post-title">Six shows for the garden</h2><div class="excerpt"><p>Stream these shows and spark your imagination for next spring.</p></div></section>
<article class="post"><div class="` + layoutClass + `"><div class="wrap"><div class="post-body">`)
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&b, `<p>Show number %d follows a host, a crew and a backyard, and it explains, season by season, how the beds are planned, planted, watered and harvested.</p>`, i)
	}
	b.WriteString(`</div><div class="sidebar"><p>Our newsletter brings a letter from the editors, the week's new shows and a reader's garden every Friday morning.</p></div></div></div></article>
</main><footer><p><a href="/about">About us</a> <a href="/privacy">Privacy</a></p></footer></div></body></html>`)
	return b.String()
}

func TestNamedLayoutBoxHoldingTheTextStays(t *testing.T) {
	for _, tc := range []struct{ name, class string }{
		{"a neutral name", "layout"},
		// Without the rule, cleaning drops the box for its name, leaving
		// the hero's standfirst alone, and the looser reading that follows
		// keeps the sidebar the strict one strips.
		{"a furniture-like name", "sidebar-layout"},
	} {
		a := extractWith(t, tc.name, "https://garden.example.org/2021/10/six-shows", layoutBoxPage(tc.class), nil)
		if a.PageType != TypeArticle || !strings.Contains(a.Text, "Show number 1 ") || !strings.Contains(a.Text, "Show number 6 ") {
			t.Errorf("%s: page %s, text %q: want the post's body", tc.name, a.PageType, a.Text)
		}
		if strings.Contains(a.Text, "newsletter") {
			t.Errorf("%s: text %q holds the side box", tc.name, a.Text)
		}
	}
}

// streamedPage is a page rendered by streaming: the shell holds three
// placeholders, each with its fallback, and the parts come after it,
// hidden, for a script to move into place; the body comes in two parts,
// neither of them most of the page (which prepare would keep as the
// page's hidden wrapper). withComments writes the boundaries' comments as
// a server sends them; a page saved without them has none. orphan adds a
// hidden part that no placeholder awaits.
func streamedPage(withComments, orphan bool) string {
	open, end := "", ""
	if withComments {
		open, end = "<!--$?-->", "<!--/$-->"
	}
	var b strings.Builder
	b.WriteString(`<html><head><title>How index funds work</title></head><body><div class="menu"><a href="/">Home</a> <a href="/learn/">Learn</a></div><main>`)
	fmt.Fprintf(&b, `%s<template id="B:0"></template><div>Loading headline...</div>%s`, open, end)
	for i := 1; i <= 2; i++ {
		fmt.Fprintf(&b, `%s<template id="B:%d"></template><div>Loading paragraph...</div>%s`, open, i, end)
	}
	b.WriteString(`</main><div class="site-info"><p>Our guides explain investing in plain words; none of them is advice for your own situation.</p></div>`)
	b.WriteString(`<div hidden id="S:0"><h1>How index funds work</h1></div>`)
	for i := 1; i <= 4; i++ {
		if i%2 == 1 {
			fmt.Fprintf(&b, `<div hidden id="S:%d"><div class="body">`, (i+1)/2)
		}
		fmt.Fprintf(&b, `<p>Part %d: an index fund buys every stock of its index, in the index's proportions, so its return follows the market's, less a small fee.</p>`, i)
		if i%2 == 0 {
			b.WriteString(`</div></div>`)
		}
	}
	if orphan {
		b.WriteString(`<div hidden id="S:3"><p>A dialog no placeholder awaits, which the reader is never shown on this page at all.</p></div>`)
	}
	b.WriteString(`</body></html>`)
	return b.String()
}

func TestStreamedPartsTakeTheirPlace(t *testing.T) {
	for _, tc := range []struct {
		name               string
		comments, fallback bool // the page has its comments; the fallback stays
	}{
		{"as served", true, false},
		{"saved without comments", false, true},
	} {
		// Through Extract: the body is the text (without the mechanism
		// the page is other, its parts hidden).
		a := extractWith(t, tc.name, "https://invest.example.com/learn/index-funds", streamedPage(tc.comments, true), nil)
		if a.PageType != TypeArticle || !strings.Contains(a.Text, "Part 1:") || !strings.Contains(a.Text, "Part 4:") {
			t.Errorf("%s: page %s, text %q: want the streamed body", tc.name, a.PageType, a.Text)
		}
		if strings.Contains(a.Text, "no placeholder awaits") {
			t.Errorf("%s: text %q holds the hidden part no placeholder awaits", tc.name, a.Text)
		}
		// The tree itself: each part in its place, in the shell's order;
		// the fallback gone where the comments bound it, and otherwise
		// kept rather than cut short with the parts after it.
		doc, err := html.Parse(strings.NewReader(streamedPage(tc.comments, false)))
		if err != nil {
			t.Fatal(err)
		}
		replayStreamed(doc)
		main := findFirst(doc, func(n *html.Node) bool { return n.Data == "main" })
		text := innerText(main)
		i1, i4 := strings.Index(text, "Part 1:"), strings.Index(text, "Part 4:")
		if i1 < 0 || i4 < i1 || !strings.Contains(text, "How index funds work") {
			t.Errorf("%s: <main> holds %q: want the headline and parts 1 to 4 in order", tc.name, text)
		}
		if got := strings.Contains(text, "Loading paragraph"); got != tc.fallback {
			t.Errorf("%s: fallback in <main> %v, want %v: %q", tc.name, got, tc.fallback, text)
		}
	}
}

// roundupPage is a roundup: an introduction, then one card per product,
// each in a wrapper of its own and named like a widget (as review sites
// name their product boxes), each a review in paragraphs. Inside the same
// column sit the author's box, named like a widget too but one of a kind,
// and a box of related stories named as the cards are, each story a linked
// headline and a summary.
func roundupPage() string {
	var b strings.Builder
	b.WriteString(`<html><head><title>The best kettles of the year</title></head><body><main><div class="feature">
<h1>The best kettles of the year</h1>
<p>We boiled a thousand litres of water in twelve kettles over three months, and timed, weighed and listened to every one of them.</p>`)
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&b, `<div class="feature-block"><div class="product-widget product-widget--big" id="kettle-%d">
<h2>Kettle number %d</h2>
<p>Kettle number %d boils a full litre in under three minutes, and its lid opens wide enough to clean the inside without a brush, which few of the others allow.</p>
<p>Its handle stays cool, its base turns freely, and the gauge is easy to read from both sides, though the switch clicks loudly when it turns itself off at the end.</p>
<p>We would buy it again: after three months of daily use it still looks new, and the filter in its spout kept the scale out of every cup.</p>
<ul><li>Capacity: 1.7 litres</li><li>Weight: 1.2 kg</li></ul>
</div></div>`, i, i, i)
	}
	b.WriteString(`<div class="author-widget"><p>Our reviewer has tested kitchen appliances for twelve years, and before that she repaired them in a shop in the old town, which taught her which parts fail first and why they do.</p><p>She answers readers' questions about kettles, toasters and coffee machines every week, in the newsletter and on the site, and updates this guide each spring when the new models arrive, and she writes the buying guides for the whole kitchen section.</p></div>
<div class="product-widget product-widget--more">`)
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&b, `<h3><a href="/toasters-%d">The best toasters, part %d</a></h3><p>We toasted a loaf a day for a month in every toaster we could find, and here is what we learned about the browning of bread.</p>`, i, i)
	}
	b.WriteString(`</div></div></main></body></html>`)
	return b.String()
}

func TestRoundupCardsStay(t *testing.T) {
	a := extractWith(t, "roundup", "https://reviews.example.com/kitchen/best-kettles", roundupPage(), nil)
	for _, want := range []string{"Kettle number 1 boils", "Kettle number 6 boils", "Its handle stays cool"} {
		if !strings.Contains(a.Text, want) {
			// Without the rule, the cards go for their name.
			t.Errorf("text lost the card's review %q:\n%s", want, a.Text)
		}
	}
	for _, not := range []string{"tested kitchen appliances", "toasted a loaf"} {
		if strings.Contains(a.Text, not) {
			t.Errorf("text holds %q, of a box that is furniture:\n%s", not, a.Text)
		}
	}
}

func TestRepeatedLinesAreSaidOnce(t *testing.T) {
	const para = "The remodel of a kitchen in the city costs between forty and ninety thousand dollars, most of it in cabinets and labour."
	var b strings.Builder
	b.WriteString(`<html><head><title>What a remodel costs</title></head><body><article><h1>What a remodel costs</h1>`)
	// The page's two layouts, both in the HTML, each with the same
	// paragraphs; a short line may repeat by design (a note under each
	// of two tables).
	for _, layout := range []string{"desktop", "phone"} {
		fmt.Fprintf(&b, `<div class="layout-%s"><p>%s</p><p>A bathroom costs half as much, and a whole house between three and five times as much, depending on the state of its wiring and pipes.</p>
<p>Prices are for 2025, before taxes.</p></div>`, layout, para)
	}
	b.WriteString(`</article></body></html>`)
	a := extractWith(t, "two layouts", "https://build.example.com/blog/remodel-cost", b.String(), nil)
	if n := strings.Count(a.Text, para); n != 1 {
		t.Errorf("the paragraph is in the text %d times, want once:\n%s", n, a.Text)
	}
	if n := strings.Count(a.Text, "before taxes"); n != 2 {
		t.Errorf("the short note is in the text %d times, want twice:\n%s", n, a.Text)
	}
}

// itemPage is a short product page: its description, and a box of the
// items sold with it, each a headline that links to the other product,
// twice (its picture and its name), which makes the content a teaser by
// its shape. head is what <head> declares.
func itemPage(head string) string {
	return `<html><head><title>Hemp dress, rust</title>` + head + `</head><body><div class="product">
<h1>Hemp dress, rust</h1>
<p>A strappy dress of hemp and organic cotton, cut loose, with two deep pockets and a hem that falls just below the knee.</p>
<p>Machine wash cold, hang to dry.</p>
<div class="also"><a href="/shop/pants-beige"><img src="/p.jpg" alt=""></a><h3><a href="/shop/pants-beige">Beige hemp pants</a></h3></div>
</div></body></html>`
}

func TestDeclaredItemIsNoListing(t *testing.T) {
	const u = "https://shop.example.com/shop/dress-rust"
	for _, tc := range []struct {
		name, head string
		want       PageType
	}{
		// The premise: without the metadata the page is a teaser.
		{"no metadata", "", TypeListing},
		{"og:type product", `<meta property="og:type" content="product">`, TypeArticle},
		{"one JSON-LD product", `<script type="application/ld+json">{"@type":"Product","name":"Hemp dress"}</script>`, TypeArticle},
		{"a thread", `<script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Hemp dress"}</script>`, TypeArticle},
		{"a thread in microdata", `<meta itemscope itemtype="https://schema.org/DiscussionForumPosting" itemprop="mainEntity" content="">`, TypeArticle},
		{"a list of products", `<script type="application/ld+json">{"@type":"ItemList","itemListElement":[{"@type":"Product"}]}</script>`, TypeListing},
	} {
		if a := extractWith(t, tc.name, u, itemPage(tc.head), nil); a.PageType != tc.want {
			t.Errorf("%s: page %s, want %s (text %q)", tc.name, a.PageType, tc.want, a.Text)
		}
	}
}

// scriptHiddenFixture is a store's product page whose app hides the
// product until its script has checked the visitor: a header menu and a
// footer of links are shown, the product's block is display:none and
// holds less than half the page's text. shown adds visible paragraphs
// beside it, so that the page has text of its own to show; headline sets
// the page's <h1> outside the block, shown (a short notice's page, whose
// hidden block is an archive of other notices).
func scriptHiddenFixture(shown, headline bool) string {
	var b strings.Builder
	b.WriteString(`<html><head><title>Dark roast coffee</title></head><body><div class="menu">`)
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, `<a href="/c/%d">Coffee collection number %d</a> `, i, i)
	}
	b.WriteString(`</div><main>`)
	if shown {
		for i := 1; i <= 4; i++ {
			fmt.Fprintf(&b, `<p>Fact %d: every bag is roasted to order on the day you buy it, in our roastery by the river, and ships the next morning.</p>`, i)
		}
	}
	if headline {
		b.WriteString(`<h1>Dark roast coffee</h1><div class="lock-content" style="display:none">`)
	} else {
		b.WriteString(`<div class="lock-content" style="display:none"><h1>Dark roast coffee</h1>`)
	}
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&b, `<p>Note %d: a dark roast of arabica and robusta beans, bold and smooth, with notes of cherry and chocolate, fair trade and organic.</p>`, i)
	}
	b.WriteString(`</div></main><div class="bottom">`)
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, `<a href="/help/%d">Help topic number %d</a> `, i, i)
	}
	b.WriteString(`</div></body></html>`)
	return b.String()
}

func TestScriptHiddenPageIsShown(t *testing.T) {
	for _, tc := range []struct {
		name            string
		shown, headline bool
		want            bool // the hidden block's text is the page's
	}{
		{"only links are shown", false, false, true},
		{"the page shows text of its own", true, false, false},
		{"the page shows its headline", false, true, false},
	} {
		a := extractWith(t, tc.name, "https://coffee.example.com/products/dark-roast", scriptHiddenFixture(tc.shown, tc.headline), nil)
		if got := strings.Contains(a.Text, "Note 1: a dark roast"); got != tc.want {
			t.Errorf("%s: hidden block in the text %v, want %v (page %s, text %q)", tc.name, got, tc.want, a.PageType, a.Text)
		}
	}
}

// proseListPage is an article whose points are lists of sentences, each
// point a list holding a label and a list of its own, each item in its own
// <p>: the outer list gets little of its items' points and ends below
// zero. Beside them, a list of links to other pages. The paragraphs are
// most of the page, so that no second reading takes the lists back.
func proseListPage() string {
	var b strings.Builder
	b.WriteString(`<html><head><title>Catering trends</title></head><body><article><h1>Catering trends</h1>
<p>Offices feed their teams better every year, and the caterers who serve them follow five trends that change what a lunch looks like.</p>`)
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&b, `<h2>Trend %d</h2><p>The trend number %d is about what guests expect now, and how the kitchen answers it with fresh and simple food.</p>`, i, i)
		for j := 1; j <= 4; j++ {
			fmt.Fprintf(&b, `<p>Paragraph %d of trend %d: caterers plan the menu with the office a week ahead, and change it as the team's tastes change.</p>`, j, i)
		}
		fmt.Fprintf(&b, `
<ul><li><p>Examples:</p></li><ul><li><p>Example %d-a: a salad bar where guests build their own bowls from greens, grains, proteins and dressings.</p></li>
<li><p>Example %d-b: live stations where a cook prepares pasta or stir-fry to order, in front of the guests.</p></li></ul></ul>`, i, i)
	}
	b.WriteString(`<ul>`)
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, `<li><a href="/blog/post-%d">Another post of the blog, number %d</a></li>`, i, i)
	}
	b.WriteString(`</ul></article></body></html>`)
	return b.String()
}

func TestProseListsStay(t *testing.T) {
	a := extractWith(t, "prose lists", "https://food.example.com/blog/catering-trends", proseListPage(), nil)
	for _, want := range []string{"Example 1-a:", "Example 3-b:"} {
		if !strings.Contains(a.Text, want) {
			// Without the rule, cleaning drops the outer lists for
			// their score.
			t.Errorf("text lost the list item %q:\n%s", want, a.Text)
		}
	}
	if strings.Contains(a.Text, "Another post of the blog") {
		t.Errorf("text holds the list of links:\n%s", a.Text)
	}
}

func TestControlledPanelsAreText(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><title>Pet insurance</title></head><body><main><h1>Pet insurance</h1>
<p>Our pet insurance pays back most of the vet's bill when your dog or cat is hurt or falls ill, at any vet in the country.</p>
<div role="tablist"><button role="tab" aria-controls="tab-dogs" aria-selected="true">Dogs</button><button role="tab" aria-controls="tab-cats">Cats</button></div>
<div id="tab-dogs" role="tabpanel"><p>For dogs, the plan covers accidents, illnesses and the exams that find them, from the first day of the second month.</p></div>
<div id="tab-cats" role="tabpanel" hidden><p>For cats, the plan covers the same, and the dental illnesses that older cats so often have, at no extra charge.</p></div>
<h2>Questions</h2><div class="faq"><h3><button aria-expanded="false" aria-controls="faq-1">Can I choose my vet?</button></h3></div>
<div class="faq-answers"><div id="faq-1" style="display:none"><p>Yes: any licensed vet in the country, and any emergency clinic when you travel abroad with your pet.</p></div></div>
<div id="promo" hidden><p>A banner that nothing on the page opens, about a sale that ended last spring and will not come back.</p></div>
</main></body></html>`)
	a := extractWith(t, "tabs", "https://insure.example.com/pet-insurance", b.String(), nil)
	for _, want := range []string{"For cats, the plan", "Yes: any licensed vet"} {
		if !strings.Contains(a.Text, want) {
			// Without the rule the hidden panels are dropped.
			t.Errorf("text lost the panel %q:\n%s", want, a.Text)
		}
	}
	if strings.Contains(a.Text, "A banner that nothing") {
		t.Errorf("text holds a hidden block no control opens:\n%s", a.Text)
	}
}

// landingPage is a product's home page: sections of a heading, a row of
// pictures and a paragraph each, which cleaning drops as boxes of
// pictures, and a footer of comma-laden lines, which a looser attempt
// scores highest but holds no sentence. head is what <head> declares;
// linked opens the sections with a table of contents, as a manual's
// chapter does.
func landingPage(sections int, head string, linked bool) string {
	var b strings.Builder
	b.WriteString(`<html><head><title>Chatter</title>` + head + `</head><body><div class="nav"><a href="/">Chatter</a> <a href="/download">Download</a> <a href="/help">Help</a></div><div class="page-wrapper">`)
	if linked {
		b.WriteString(`<ul class="contents">`)
		for i := 1; i <= 12; i++ {
			fmt.Fprintf(&b, `<li><a href="/features/%d">Chapter %d of the feature guide</a></li>`, i, i)
		}
		b.WriteString(`</ul>`)
	}
	for i := 1; i <= sections; i++ {
		fmt.Fprintf(&b, `<div class="section"><img src="/a%d.png"><img src="/b%d.png"><img src="/c%d.png"><div><h2>Feature number %d</h2><p>Talk with your friends in rooms of your own, by voice, by video or by text, and keep every conversation number %d as long as you like, for free.</p></div></div>`, i, i, i, i, i)
	}
	b.WriteString(`</div><div class="footer">`)
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&b, `<p>Chatter Inc, 12 Harbour Street, Port Town, Oceania, offices in Lima, Oslo, Pune, Kyoto, Accra, Quito, Perth and Turin, open all days, part %d</p>`, i)
	}
	b.WriteString(`</div></body></html>`)
	return b.String()
}

func TestCleanedAwayProseIsTheText(t *testing.T) {
	const article = `<meta property="og:type" content="article">`
	for _, tc := range []struct {
		name     string
		sections int
		head     string
		linked   bool
		want     bool // the sections' paragraphs are the text
	}{
		// Without the rule the page is other, with no text.
		{"four sections", 4, "", false, true},
		// As short as a featured story's lead: not enough to be a text
		// (a looser attempt takes the footer instead, as before).
		{"two sections", 2, "", false, false},
		// Links in the lines: a box of links, unless the page declares
		// an article.
		{"linked sections", 4, "", true, false},
		{"linked sections of an article", 4, article, true, true},
	} {
		a := extractWith(t, tc.name, "https://chatter.example.com/", landingPage(tc.sections, tc.head, tc.linked), nil)
		if got := strings.Contains(a.Text, "conversation number 1 as long"); got != tc.want {
			t.Errorf("%s: sections in the text %v, want %v (page %s, text %q)", tc.name, got, tc.want, a.PageType, a.Text)
		}
		if tc.want && strings.Contains(a.Text, "Harbour Street") {
			t.Errorf("%s: text holds the footer: %q", tc.name, a.Text)
		}
	}
}

// sectionsPage is a manual's overview: an intro, then sections, each a
// heading, a paragraph that opens with a link (which makes the
// paragraphs a run of link-led items) and two links to the section's own
// pages. linkedHeads makes
// each heading a link too, as a listing's teasers are.
func sectionsPage(linkedHeads bool) string {
	var b strings.Builder
	b.WriteString(`<html><head><title>Data types</title></head><body><main><h1>Data types</h1>
<p>The store keeps values of several types, each with its own commands; this page says what each type is for, and where to read more.</p>`)
	for i := 1; i <= 5; i++ {
		head := fmt.Sprintf("Type number %d", i)
		if linkedHeads {
			head = fmt.Sprintf(`<a href="/docs/types/t%d">Type number %d</a>`, i, i)
		}
		fmt.Fprintf(&b, `<h3>%s</h3><p><a href="/docs/types/t%d">Values of type %d</a> hold a sequence of items in the order they came, and answer range queries over them in logarithmic time.</p>
<ul><li><a href="/docs/types/t%d/intro">Introduction to the type number %d</a></li><li><a href="/docs/types/t%d/commands">Commands of the type number %d</a></li></ul>`, head, i, i, i, i, i, i)
	}
	b.WriteString(`</main></body></html>`)
	return b.String()
}

func TestProseSectionsAreAnArticle(t *testing.T) {
	for _, tc := range []struct {
		name   string
		linked bool
		want   PageType
	}{
		// Without the rule the overview is a listing of its sections.
		{"sections under plain headings", false, TypeArticle},
		{"teasers under linked headlines", true, TypeListing},
	} {
		a := extractWith(t, tc.name, "https://db.example.com/docs/types/", sectionsPage(tc.linked), nil)
		if a.PageType != tc.want {
			t.Errorf("%s: page %s, want %s (text %q)", tc.name, a.PageType, tc.want, a.Text)
		}
	}
}

// faqPage is a product page's questions and answers, each question a link
// that unfolds its answer, as accordions are built; href is where the
// questions link ("#" for the accordion, a page of its own for a
// listing's teasers).
func faqPage(href string) string {
	var b strings.Builder
	b.WriteString(`<html><head><title>Invoicing software</title></head><body><main><h1>Invoicing software</h1><div class="faq">`)
	for i := 1; i <= 5; i++ {
		h := href
		if h != "#" {
			h = fmt.Sprintf("%s%d", href, i)
		}
		fmt.Fprintf(&b, `<div class="faq-item"><a href="%s" class="question"><h3>Can the software do task number %d for me?</h3></a><div class="answer"><p>Yes: task number %d runs by itself every night, and you get an e-mail when it is done, with a report of what it changed in your books and what it left for you to check.</p></div></div>`, h, i, i)
	}
	b.WriteString(`</div></main></body></html>`)
	return b.String()
}

func TestInPageLinksLeadNoItems(t *testing.T) {
	for _, tc := range []struct {
		name, href string
		want       PageType
	}{
		// Without the rule the questions are a listing's headlines.
		{"accordion", "#", TypeArticle},
		{"teasers", "/help/task-", TypeListing},
	} {
		if a := extractWith(t, tc.name, "https://books.example.com/invoicing", faqPage(tc.href), nil); a.PageType != tc.want {
			t.Errorf("%s: page %s, want %s (text %q)", tc.name, a.PageType, tc.want, a.Text)
		}
	}
}

// scriptShell is a page a script renders: a title, a hidden login form and
// a footer in the HTML, and its post only in the description.
func scriptShell(desc string) string {
	return `<!DOCTYPE html><html><head><title>Bắt đầu nhà thông minh - Diễn đàn</title>
<meta property="og:description" content="` + desc + `">
<meta name="description" content="` + firstRunes(desc, 80) + `…">
</head><body><noscript>Bật JavaScript để xem trang.</noscript>
<div id="app"></div>
<form id="hidden-login-form" style="display: none" method="post" action="/login">
<input name="username" type="text"><input name="password" type="password"></form>
<footer>Diễn đàn cộng đồng</footer></body></html>`
}

const shellPost = "Căn hộ của tôi chưa có thiết bị thông minh nào, nên tôi muốn bắt đầu từ đâu? " +
	"Tôi định lắp một camera, một cảm biến cửa chống trộm và một cảm biến trong phòng khách, " +
	"rồi sẽ mở rộng dần. Nên chọn hãng nào, và mua ở đâu với giá hợp lý? Tôi đã đọc về vài hệ thống " +
	"dùng bộ điều khiển trung tâm, nhưng chưa biết chúng khác nhau thế nào. Xin cảm ơn mọi người đã đọc."

// TestDescriptionOfAScriptShell: a page whose body a script renders holds
// its post only in its long description; the description is its text,
// unless it stops mid-word, is a search snippet's length, or is the
// site's on every page.
func TestDescriptionOfAScriptShell(t *testing.T) {
	const u = "https://dien-dan.example.vn/t/bat-dau/68911"
	for _, tc := range []struct {
		name, desc string
		want       bool
	}{
		{"a post's length, whole sentences", shellPost, true},
		{"cut with a mark", firstRunes(shellPost, 280) + "...", true},
		{"cut mid-word", firstRunes(shellPost, 281), false},
		{"a snippet's length", firstRunes(shellPost, 150) + "...", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := extractWith(t, tc.name, u, scriptShell(tc.desc), nil)
			got := a.PageType == TypeArticle && a.Text == tc.desc
			if got != tc.want {
				t.Errorf("page %s, text %q: want the description as text: %v", a.PageType, a.Text, tc.want)
			}
		})
	}
	t.Run("the site's description", func(t *testing.T) {
		model := &SiteModel{}
		for i := 0; i < 6; i++ {
			a := extractWith(t, "site", fmt.Sprintf("https://dien-dan.example.vn/t/%d", i), scriptShell(shellPost), nil)
			model.Add(a.Shape)
		}
		if a := extractWith(t, "site", u, scriptShell(shellPost), model); a.Text != "" {
			t.Errorf("page %s, text %q: a description every page shares is no page's text", a.PageType, a.Text)
		}
		// A resumed crawl reads the model stored by the last run.
		b, err := json.Marshal(model)
		if err != nil {
			t.Fatal(err)
		}
		stored := &SiteModel{}
		if err := json.Unmarshal(b, stored); err != nil {
			t.Fatal(err)
		}
		if a := extractWith(t, "site", u, scriptShell(shellPost), stored); a.Text != "" {
			t.Errorf("page %s, text %q: the stored model forgot the site's description", a.PageType, a.Text)
		}
	})
}

func firstRunes(s string, n int) string { return string([]rune(s)[:n]) }

// signedArticle is article i of a site whose every article ends with the
// same signature line and, when box, carries the same long notice inside
// its content, a fifth of its text.
func signedArticle(i int, box bool) string {
	boxHTML := ""
	if box {
		boxHTML = `<p>Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, các cơ quan, đơn vị tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp, công khai minh bạch thủ tục hành chính.</p>`
	}
	return fmt.Sprintf(`<!DOCTYPE html><html><head><title>Tin số %[1]d - Sở Z</title></head><body>
<div class="menu"><a href="/">Trang chủ</a> <a href="/tin/">Tin tức</a></div>
<div class="noidung"><h1>Hội nghị triển khai nhiệm vụ số %[1]d</h1>
<p>Sáng ngày %[1]d, Sở Z tổ chức hội nghị triển khai nhiệm vụ công tác năm với sự tham dự của lãnh đạo các phòng, đơn vị trực thuộc và đại diện các địa phương.</p>
<p>Tại hội nghị, các đại biểu đã thảo luận về kết quả thực hiện nhiệm vụ %[1]d tháng đầu năm, chỉ ra những khó khăn, vướng mắc và đề xuất giải pháp tháo gỡ trong thời gian tới.</p>
%[2]s
<p>Phát biểu kết luận, Giám đốc Sở yêu cầu các đơn vị tập trung hoàn thành các chỉ tiêu được giao, bảo đảm tiến độ và chất lượng theo kế hoạch số %[1]d.</p>
<p>Phòng Văn hóa - Thông tin</p></div>
<div class="footer">Bản quyền thuộc Sở Z</div></body></html>`, i, boxHTML)
}

// TestTemplateOnTheText: an article whose only boilerplate is a whole line
// of its text (a signature on every page) is cleaned on its text, as a
// second reading with the template would clean it; one with the host's
// box inside its content must be read again.
func TestTemplateOnTheText(t *testing.T) {
	for _, box := range []bool{false, true} {
		t.Run(fmt.Sprintf("box %v", box), func(t *testing.T) {
			var tpl TemplateCounts
			for i := 0; i < 8; i++ {
				a := extractWith(t, "learn", fmt.Sprintf("https://soz.example.gov.vn/tin/%d.html", i), signedArticle(i, box), nil)
				tpl.Add(a.Fingerprints)
			}
			const u = "https://soz.example.gov.vn/tin/20.html"
			a := extractWith(t, "first", u, signedArticle(20, box), nil)
			if !strings.Contains(a.Text, "Phòng Văn hóa - Thông tin") {
				t.Fatalf("premise: the signature is in the text read alone: %q", a.Text)
			}
			clean, ok := a.WithTemplate(&tpl)
			if ok == box {
				t.Fatalf("WithTemplate ok = %v; want %v (the box is %v)", ok, !box, box)
			}
			if box {
				return
			}
			reread, err := Extract(Page{URL: u, HTML: []byte(signedArticle(20, box)), Template: &tpl})
			if err != nil {
				t.Fatal(err)
			}
			if clean.Text != reread.Text || clean.Title != reread.Title {
				t.Errorf("on the text:\n%q (%q)\nread again:\n%q (%q)", clean.Text, clean.Title, reread.Text, reread.Title)
			}
			if strings.Contains(clean.Text, "Phòng Văn hóa - Thông tin") || !strings.Contains(clean.Text, "Giám đốc Sở yêu cầu") {
				t.Errorf("text %q: want the signature gone and the article kept", clean.Text)
			}
		})
	}
}
