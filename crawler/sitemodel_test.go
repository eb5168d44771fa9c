package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/extract"
	"github.com/govcorpus/govcorpus/store"
)

// modelSitePage is a page of the synthetic site of TestCrawlLearnsSiteModel:
// one template (header menu, left sidebar of links, a center column with a
// location bar over the content's box, footer), the box's class telling
// articles from listings as a CMS's do.
func modelSitePage(title, box, center string) string {
	return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<div class="header"><a href="/"><img src="/logo.png" alt="Sở Nông nghiệp tỉnh Bình An"></a>
<ul class="menu">
<li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc/trang-1.html">Tin tức sự kiện</a></li>
<li><a href="/thong-bao/trang-1.html">Thông báo mới</a></li><li><a href="/van-ban/tra-cuu.html">Văn bản pháp luật</a></li>
</ul></div>
<div class="wrapper">
<div class="left-col"><div class="box-left"><div class="box-head">Chuyên mục</div><ul class="quick">
<li><a href="/tin-tuc/trang-1.html">Tin tức trang một</a></li><li><a href="/tin-tuc/trang-2.html">Tin tức trang hai</a></li>
<li><a href="/tin-tuc/trang-3.html">Tin tức trang ba</a></li><li><a href="/thong-bao/trang-1.html">Thông báo của sở</a></li>
<li><a href="/van-ban/tra-cuu.html">Tra cứu văn bản</a></li>
</ul></div></div>
<div class="center-col"><div class="position">Bạn đang xem: Trang chủ » Chuyên mục</div><div class="` + box + `">` + center + `</div></div>
</div>
<div class="footer"><p>Bản quyền thuộc Sở Nông nghiệp tỉnh Bình An. Địa chỉ: số 8 đường Trần Phú, thành phố Bình An.</p></div>
</body></html>`
}

var modelTopics = []string{
	"phòng chống dịch bệnh gia súc", "chuyển đổi cơ cấu cây trồng", "xây dựng nông thôn mới", "phát triển hợp tác xã kiểu mới",
	"trồng rừng sản xuất", "nuôi trồng thủy sản bền vững", "kiểm soát an toàn thực phẩm", "thủy lợi nội đồng",
	"khuyến nông cho nông dân", "bảo vệ thực vật vụ đông xuân", "cơ giới hóa đồng ruộng", "chăn nuôi an toàn sinh học",
}

func modelArticle(i int) string {
	topic := modelTopics[i%len(modelTopics)]
	return modelSitePage("Triển khai công tác "+topic, "news-detail", fmt.Sprintf(`<h1 class="news-title">Triển khai công tác %s năm 2024</h1>
<div class="news-date">Ngày đăng: %02d/04/2024</div>
<p>Sở Nông nghiệp và Phát triển nông thôn tổ chức hội nghị triển khai công tác %s, với sự tham dự của lãnh đạo các phòng chuyên môn, chi cục trực thuộc và đại diện các huyện.</p>
<p>Tại hội nghị, các đại biểu thảo luận những khó khăn trong công tác %s thời gian qua, đề xuất nhiều giải pháp thiết thực để nâng cao hiệu quả quản lý trên địa bàn tỉnh.</p>
<p>Kết luận hội nghị, Giám đốc Sở yêu cầu các đơn vị xây dựng kế hoạch cụ thể, phân công rõ trách nhiệm và báo cáo kết quả công tác %s trước ngày 30 tháng 6.</p>`,
		topic, i+1, topic, topic, topic))
}

func modelTeaser(i int) string {
	topic := modelTopics[i%len(modelTopics)]
	return fmt.Sprintf(`<div class="news-item"><h3><a href="/tin-tuc/bai-%d.html">Triển khai công tác %s năm 2024</a></h3>
<p class="sapo">Sở tổ chức hội nghị triển khai công tác %s với các đơn vị.</p></div>
`, i, topic, topic)
}

const (
	oneTeaserPath  = "/thong-bao/trang-1.html"
	searchFormPath = "/van-ban/tra-cuu.html"
	noticePath     = "/thong-bao/tuyen-dung.html"
)

// modelSite serves the site: a home page and three listing pages of
// teasers over ten articles, a category page with one teaser over a
// notice, and a document search form with no results; 17 pages.
func modelSite(t *testing.T) (*site, map[string]string) {
	t.Helper()
	pages := map[string]string{}
	for i := 0; i < 10; i++ {
		pages[fmt.Sprintf("/tin-tuc/bai-%d.html", i)] = modelArticle(i)
	}
	for p := 0; p < 3; p++ {
		var b strings.Builder
		b.WriteString(`<h2 class="cat-name">Tin tức sự kiện</h2>`)
		for i := p * 4; i < p*4+6 && i < 10; i++ {
			b.WriteString(modelTeaser(i))
		}
		if p == 2 {
			b.WriteString(modelTeaser(0) + modelTeaser(1) + modelTeaser(2))
		}
		pages[fmt.Sprintf("/tin-tuc/trang-%d.html", p+1)] = modelSitePage("Tin tức sự kiện", "news-list", b.String())
	}
	pages["/"] = modelSitePage("Trang chủ", "news-list", `<h2 class="cat-name">Tin mới nhất</h2>`+
		modelTeaser(0)+modelTeaser(3)+modelTeaser(6)+modelTeaser(8)+modelTeaser(9))
	// The one-teaser listing: the teaser's summary is as long as a short
	// article's text.
	pages[oneTeaserPath] = modelSitePage("Thông báo mới", "news-list", `<h2 class="cat-name">Thông báo mới</h2>
<div class="news-item"><h3><a href="`+noticePath+`">Thông báo tuyển dụng viên chức sự nghiệp năm 2024</a></h3>
<p class="sapo">Sở Nông nghiệp và Phát triển nông thôn thông báo tuyển dụng viên chức làm việc tại các đơn vị sự nghiệp trực thuộc, gồm Trung tâm khuyến nông, Chi cục thủy lợi và Ban quản lý rừng phòng hộ, với tổng số mười chỉ tiêu.</p></div>`)
	pages[noticePath] = modelSitePage("Thông báo tuyển dụng viên chức", "news-detail", `<h1 class="news-title">Thông báo tuyển dụng viên chức sự nghiệp năm 2024</h1>
<p>Sở Nông nghiệp và Phát triển nông thôn thông báo tuyển dụng viên chức làm việc tại các đơn vị sự nghiệp trực thuộc năm 2024, với tổng số mười chỉ tiêu theo vị trí việc làm đã được phê duyệt.</p>
<p>Người dự tuyển nộp phiếu đăng ký tại Văn phòng Sở trong giờ hành chính, từ ngày thông báo đến hết ngày 30 tháng 5; thông tin chi tiết xem tại văn bản kèm theo.</p>`)
	// The document search form: fields, a list to choose from, its help,
	// and no result rows.
	pages[searchFormPath] = modelSitePage("Văn bản pháp luật", "doc-search", `<h2 class="cat-name">Tra cứu văn bản</h2>
<form action="/van-ban/tra-cuu.html" method="get">
<p>Số ký hiệu: <input type="text" name="so"></p>
<p>Trích yếu: <input type="text" name="q"></p>
<p>Loại văn bản: <select name="loai"><option>Tất cả</option><option>Quyết định</option><option>Công văn</option></select></p>
<p>Từ ngày: <input type="date" name="tu"> Đến ngày: <input type="date" name="den"></p>
<p><input type="submit" value="Tìm kiếm"></p>
</form>
<p>Hướng dẫn: nhập số ký hiệu, trích yếu hoặc chọn loại văn bản, khoảng thời gian ban hành để tra cứu các văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành do Sở Nông nghiệp và Phát triển nông thôn ban hành.</p>`)

	serve := func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
	return newSite(t, map[string]http.HandlerFunc{"/": serve}), pages
}

// storedModelPages reads the host's persisted site model and returns how
// many pages it counts; ok is false when the host has none.
func storedModelPages(t *testing.T, st *store.Store, host string) (int, bool) {
	t.Helper()
	models, err := st.SiteModels(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, ok := models[host]
	if !ok {
		return 0, false
	}
	var m extract.SiteModel
	if err := m.UnmarshalJSON(b); err != nil {
		t.Fatalf("stored site model of %s: %v", host, err)
	}
	return m.Pages(), true
}

// TestCrawlLearnsSiteModel crawls a site of one template whose one-teaser
// listing and empty search form single-page rules take for articles: the
// crawl learns the host's site model once 12 pages are in, reads the
// pages it held again with it, and keeps the model for the next run.
func TestCrawlLearnsSiteModel(t *testing.T) {
	s, pages := modelSite(t)
	host := strings.TrimPrefix(s.URL, "http://")

	// The premises: read alone, the two pages are articles.
	for _, p := range []string{oneTeaserPath, searchFormPath} {
		a, err := extract.Extract(extract.Page{URL: s.URL + p, HTML: []byte(pages[p])})
		if err != nil {
			t.Fatal(err)
		}
		if a.PageType != extract.TypeArticle {
			t.Fatalf("premise: %s alone is %s, not article; the site does not test the model", p, a.PageType)
		}
	}

	dbPath := filepath.Join(t.TempDir(), "c.db")
	cfg := testConfig(s.URL + "/")
	cfg.IgnoreRobots = true
	crawl := func() {
		t.Helper()
		st, err := store.Open(context.Background(), dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := crawler.Crawl(context.Background(), cfg, st); err != nil {
			t.Fatal(err)
		}
	}
	check := func(run string) (modelPages int) {
		t.Helper()
		st, err := store.Open(context.Background(), dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		got := pagesByPath(t, st, s.URL)
		if len(got) != len(pages) {
			t.Errorf("%s: %d pages stored, want %d", run, len(got), len(pages))
		}
		for _, p := range []string{oneTeaserPath, searchFormPath} {
			if pt := got[p].PageType; pt == string(extract.TypeArticle) || pt == "" {
				t.Errorf("%s: %s stored as %q, want not an article", run, p, pt)
			}
		}
		if pt := got[oneTeaserPath].PageType; pt != string(extract.TypeListing) {
			t.Errorf("%s: the one-teaser listing stored as %q, want listing", run, pt)
		}
		if pt := got[searchFormPath].PageType; pt != string(extract.TypeOther) {
			t.Errorf("%s: the search form stored as %q, want other", run, pt)
		}
		for p := range pages {
			want := string(extract.TypeListing)
			switch {
			case p == searchFormPath:
				want = string(extract.TypeOther)
			case strings.Contains(p, "/bai-") || p == noticePath:
				want = string(extract.TypeArticle)
			}
			if got[p].PageType != want {
				t.Errorf("%s: %s stored as %q, want %q", run, p, got[p].PageType, want)
			}
		}
		arts, err := st.Articles(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		stored := map[string]store.Article{}
		for _, a := range arts {
			stored[strings.TrimPrefix(a.URL, s.URL)] = a
		}
		if len(stored) != 11 {
			t.Errorf("%s: %d articles stored, want 11 (10 news and the notice)", run, len(stored))
		}
		for _, p := range []string{oneTeaserPath, searchFormPath} {
			if a, ok := stored[p]; ok {
				t.Errorf("%s: %s is in the articles with text %q", run, p, a.Text)
			}
		}
		for i := 0; i < 10; i++ {
			p := fmt.Sprintf("/tin-tuc/bai-%d.html", i)
			if a, ok := stored[p]; !ok || !strings.Contains(a.Text, "tổ chức hội nghị triển khai công tác "+modelTopics[i]) {
				t.Errorf("%s: article %s missing or without its text: %q", run, p, a.Text)
			}
		}
		n, ok := storedModelPages(t, st, host)
		if !ok {
			t.Fatalf("%s: no site model stored for %s", run, host)
		}
		return n
	}

	crawl()
	first := check("first crawl")
	if first != len(pages) {
		t.Errorf("first crawl: the stored model counts %d pages, want %d", first, len(pages))
	}

	// The next run starts from the stored model. Its pages come back
	// unchanged and are not read again, so the model it keeps is the
	// loaded one, pages counted once (a fresh model would count none).
	crawl()
	second := check("second crawl")
	if second != first {
		t.Errorf("second crawl: the stored model counts %d pages, want the first run's %d, loaded and not counted again", second, first)
	}
}
