// Package neartest makes synthetic Vietnamese news texts for the tests of
// near-duplicate detection and of the exports that use it.
package neartest

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// words are syllables of Vietnamese administrative prose; synthetic
// articles drawn from them share vocabulary the way real ones do, so
// unrelated texts still share many words but few four-word runs.
var words = strings.Fields(`ủy ban nhân dân tỉnh huyện xã phường sở lao động thương binh xã hội
	giáo dục đào tạo y tế kế hoạch đầu tư tài chính nông nghiệp phát triển nông thôn công văn
	quyết định nghị quyết thông báo hướng dẫn triển khai thực hiện chương trình mục tiêu quốc gia
	giảm nghèo bền vững việc làm người có công chính sách bảo hiểm thất nghiệp hộ nghèo cận nghèo
	cán bộ công chức viên chức hội nghị tổng kết năm nhiệm vụ giải pháp trọng tâm đồng chí
	chủ tịch phó giám đốc trưởng phòng đoàn kiểm tra giám sát báo cáo kết quả đạt được tồn tại
	hạn chế nguyên nhân đề xuất kiến nghị ngân sách hỗ trợ kinh phí dự án công trình xây dựng
	đường giao thông trường học trạm y tế nước sạch vệ sinh môi trường an toàn thực phẩm phòng
	chống dịch bệnh tiêm chủng trẻ em học sinh sinh viên thanh niên phụ nữ người cao tuổi`)

// Sentence is n words drawn by r, capitalised and closed with a period.
func Sentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[r.IntN(len(words))]
	}
	first, size := utf8.DecodeRuneInString(w[0])
	w[0] = string(unicode.ToUpper(first)) + w[0][size:]
	return strings.Join(w, " ") + "."
}

// Article is a synthetic news body of sentences of 12 to 25 words, about
// 400 words in all, the length of a typical department news item; the
// same seed gives the same article.
func Article(seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	var sents []string
	for n := 0; n < 400; {
		s := Sentence(r, 12+r.IntN(14))
		n += len(strings.Fields(s))
		sents = append(sents, s)
	}
	return sents
}

// Republished is body as another portal republishes it: its own header
// and footer around the text, and one sentence rewritten, as portals of
// departments, districts and provinces copy each other's news.
func Republished(body []string) (original, copied string) {
	original = strings.Join([]string{
		"Cổng thông tin điện tử Sở Lao động - Thương binh và Xã hội tỉnh",
		"Trang chủ > Tin tức > Tin hoạt động",
		strings.Join(body, " "),
		"Tác giả: Phòng Việc làm. Nguồn: Văn phòng Sở. Lượt xem: 1024",
	}, "\n")
	edited := append([]string(nil), body...)
	edited[len(edited)/2] = "Đến nay đã có 1.250 hộ nghèo được hỗ trợ vay vốn, vượt kế hoạch năm."
	copied = strings.Join([]string{
		"Trang thông tin điện tử Ủy ban nhân dân huyện",
		"Tin tức - Sự kiện / Tin từ các sở ngành",
		strings.Join(edited, " "),
		"Theo Sở Lao động - Thương binh và Xã hội. In bài viết. Gửi email. Các tin khác",
	}, "\n")
	return original, copied
}

// Boilerplate is a paragraph portals append to every article (a call to
// action with the standard legal reminder), about a fifth of an Article.
const Boilerplate = "Người dân có nhu cầu tìm hiểu chính sách bảo hiểm thất nghiệp, hỗ trợ việc làm và giảm nghèo " +
	"vui lòng liên hệ Phòng Lao động - Thương binh và Xã hội huyện hoặc Trung tâm Dịch vụ việc làm tỉnh " +
	"trong giờ hành chính từ thứ Hai đến thứ Sáu hằng tuần để được hướng dẫn cụ thể, miễn phí, " +
	"theo đúng quy định hiện hành của pháp luật về lao động, việc làm và an sinh xã hội."
