package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/extract"
)

// sidebar is prose every page of the test site carries beside its article,
// longer than the articles: single-page rules take it for the content.
var sidebar = []string{
	"Tỉnh nằm ở vùng hạ lưu sông, có địa hình tương đối bằng phẳng, khí hậu nhiệt đới gió mùa với hai mùa mưa nắng rõ rệt, thuận lợi cho phát triển nông nghiệp, nuôi trồng thủy sản và du lịch sinh thái gắn với văn hóa của đồng bào các dân tộc sinh sống lâu đời trên địa bàn.",
	"Dân số toàn tỉnh hơn một triệu người, trong đó lực lượng lao động chiếm hơn sáu mươi phần trăm; cơ cấu kinh tế chuyển dịch theo hướng tăng tỷ trọng công nghiệp, thương mại và dịch vụ, giảm dần tỷ trọng nông nghiệp trong tổng sản phẩm của tỉnh qua từng năm.",
	"Hệ thống giao thông gồm quốc lộ, tỉnh lộ và mạng lưới đường thủy nội địa dày đặc, kết nối thuận tiện với các tỉnh trong vùng và thành phố lớn, tạo điều kiện thu hút đầu tư, phát triển các khu công nghiệp và mở rộng giao thương hàng hóa với thị trường trong và ngoài nước.",
	"Trong những năm qua, tỉnh tập trung cải cách thủ tục hành chính, xây dựng chính quyền số, nâng cao chất lượng nguồn nhân lực và bảo đảm an sinh xã hội, chăm lo đời sống vật chất và tinh thần cho người dân, nhất là người có công, hộ nghèo và đồng bào vùng khó khăn.",
}

func sidebarSite(t *testing.T, n int) *site {
	routes := map[string]http.HandlerFunc{}
	var index strings.Builder
	for i := 1; i <= n; i++ {
		path := fmt.Sprintf("/tin/%d.html", i)
		fmt.Fprintf(&index, `<li><a href="%s">Tin %d</a></li>`, path, i)
		body := fmt.Sprintf(`<div class="row"><div class="col-8"><h1>Tin hoạt động số %d của sở</h1>
<p>Ngày %d tháng 3, sở tổ chức buổi làm việc số %d với các phòng chuyên môn về kế hoạch quý hai và giao nhiệm vụ cụ thể cho từng đơn vị.</p>
<p>Kết thúc buổi làm việc số %d, lãnh đạo sở đề nghị các đơn vị khẩn trương triển khai, báo cáo kết quả trước ngày %d tháng 4.</p>
</div><div class="col-4"><h3>Giới thiệu chung</h3><p>%s</p></div></div>`, i, i, i, i, i, strings.Join(sidebar, "</p><p>"))
		routes[path] = html(body)
	}
	routes["/"] = html("<ul>" + index.String() + "</ul>")
	return newSite(t, routes)
}

func TestTemplateLearningCleansWhatSinglePagesCannot(t *testing.T) {
	s := sidebarSite(t, 16)
	resp, err := http.Get(s.URL + "/tin/1.html")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	_, _ = fmt.Fprint(&b, readAll(t, resp))
	single, err := extract.Extract(extract.Page{URL: s.URL + "/tin/1.html", HTML: []byte(b.String())})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(single.Text, sidebar[0]) {
		t.Fatalf("the premise fails: single-page extraction already drops the sidebar:\n%s", single.Text)
	}

	st := openStore(t)
	cfg := testConfig(s.URL + "/")
	cfg.IgnoreRobots = true
	if _, err := crawler.Crawl(context.Background(), cfg, st); err != nil {
		t.Fatal(err)
	}
	arts, err := st.Articles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 16 {
		t.Fatalf("%d articles stored, want 16", len(arts))
	}
	for _, a := range arts {
		for _, p := range sidebar {
			if strings.Contains(a.Text, p[:60]) {
				t.Errorf("%s: the site's sidebar is in the stored text", a.URL)
				break
			}
		}
		if !strings.Contains(a.Text, "sở tổ chức buổi làm việc số") {
			t.Errorf("%s: the article's own text is missing: %q", a.URL, a.Text)
		}
	}
	stats, err := st.Templates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if h := stats[strings.TrimPrefix(s.URL, "http://")]; h.Pages != 17 {
		t.Errorf("template statistics kept for %d pages, want 17 (index + 16)", h.Pages)
	}
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String()
}
