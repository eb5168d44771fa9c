package vntext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Fixture builders: legacy and mojibake strings are produced from known
// Unicode text by encoding it, never typed by hand.

// encodeTCVN3 is the reverse of the TCVN3 table: Unicode text → the Latin-1
// characters a browser shows for its TCVN3 bytes. ok is false when s holds
// a letter TCVN3 cannot write (capitals with a tone).
func encodeTCVN3(s string) (string, bool) {
	t := tcvn3()
	rev := make(map[rune]rune)
	for b, u := range t.lower {
		if u != 0 && b != 0xA0 {
			rev[u] = rune(b)
		}
	}
	var sb strings.Builder
	for _, r := range norm.NFC.String(s) {
		if e, ok := rev[r]; ok {
			sb.WriteRune(e)
			continue
		}
		if r >= 0x80 {
			return "", false
		}
		sb.WriteRune(r)
	}
	return sb.String(), true
}

// encodeVNI is the reverse of the VNI table.
func encodeVNI(s string) (string, bool) {
	t := vni()
	rev := make(map[rune]string)
	for k, u := range t.pair {
		rev[u] = string(k[:])
	}
	for k, u := range t.single {
		rev[u] = string(k)
	}
	var sb strings.Builder
	for _, r := range norm.NFC.String(s) {
		if e, ok := rev[r]; ok {
			sb.WriteString(e)
			continue
		}
		if r >= 0x80 {
			return "", false
		}
		sb.WriteRune(r)
	}
	return sb.String(), true
}

// mojibakeFuncs turn UTF-8 text into what a page shows when its bytes are
// decoded with a single-byte code page.
var mojibakeFuncs = []struct {
	name string
	f    func(string) string
}{
	{"cp1252", func(s string) string { return decodeStrict(charmap.Windows1252, s) }},
	{"cp1252-c1", func(s string) string { return decodeC1(charmap.Windows1252, s) }},
	{"cp1258", func(s string) string { return decodeStrict(charmap.Windows1258, s) }},
	{"cp1258-c1", func(s string) string { return decodeC1(charmap.Windows1258, s) }},
	{"latin1", func(s string) string { return decodeStrict(charmap.ISO8859_1, s) }},
}

// decodeStrict is x/text's decoder: undefined bytes become U+FFFD.
func decodeStrict(cm *charmap.Charmap, s string) string {
	out, err := cm.NewDecoder().String(s)
	if err != nil {
		panic(err)
	}
	return out
}

// decodeC1 passes undefined bytes through as the C1 control of the same
// value, as browsers and many libraries do.
func decodeC1(cm *charmap.Charmap, s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		r := cm.DecodeByte(s[i])
		if r == utf8.RuneError {
			r = rune(s[i])
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

func checkNFCValid(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s: invalid UTF-8 %q", what, s)
	}
	if !norm.NFC.IsNormalString(s) {
		t.Fatalf("%s: not NFC %q", what, s)
	}
}

// vietSentences are encodable in TCVN3 (no capitals with tones).
var vietSentences = []string{
	"Uỷ ban nhân dân tỉnh Khánh Hoà họp về thuỷ lợi",
	"Sở Lao động - Thương binh và Xã hội thành phố Hà Nội",
	"Bảo Thắng, Bát Xát và Văn Bàn là các huyện của tỉnh Lào Cai",
	"người dân được hướng dẫn thủ tục hành chính trực tuyến",
	"Đoàn công tác đã kiểm tra tình hình sản xuất nông nghiệp",
	"Thông báo kết quả tuyển dụng viên chức năm 2023",
	"Quyết định về việc ban hành quy chế làm việc của Sở",
	"Hội nghị tổng kết công tác năm và triển khai nhiệm vụ",
	"tăng cường phòng chống dịch bệnh trên địa bàn",
	"Đường dây nóng tiếp nhận phản ánh của người dân và doanh nghiệp",
	"Kế hoạch cải cách hành chính giai đoạn mới",
	"Trung tâm Y tế huyện tổ chức tiêm chủng mở rộng cho trẻ em",
}
