// Package vntexttest produces the legacy and broken encodings of
// Vietnamese text that government pages carry (TCVN3, VNI-Windows,
// Windows-1258, mojibake), for tests. It derives every encoder from
// vntext's table-driven decoders, so test fixtures never hold hand-typed
// legacy bytes.
package vntexttest

import (
	"fmt"
	"html"
	"strings"
	"sync"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/govcorpus/govcorpus/extract/vntext"
)

// inverse maps each Unicode letter to the shortest sequence of legacy
// characters (runes U+0000–U+00FF, as a browser shows the bytes) that
// the decoder turns into it.
func inverse(decode func(string) string, maxLen int) map[string]string {
	out := map[string]string{}
	try := func(seq string) {
		got := decode(seq)
		if got == "" || strings.ContainsRune(got, '\uFFFD') || (got == seq && len([]rune(seq)) > 1) {
			return
		}
		if prev, ok := out[got]; !ok || len([]rune(seq)) < len([]rune(prev)) {
			out[got] = seq
		}
	}
	for b := 0x20; b <= 0xFF; b++ {
		try(string(rune(b)))
	}
	if maxLen >= 2 {
		for a := rune(0x41); a <= 0xFF; a++ {
			for b := 0xA0; b <= 0xFF; b++ {
				try(string(a) + string(rune(b)))
			}
		}
	}
	return out
}

var (
	tcvn3 = sync.OnceValue(func() map[string]string { return inverse(vntext.DecodeTCVN3, 1) })
	vni   = sync.OnceValue(func() map[string]string { return inverse(vntext.DecodeVNI, 2) })
)

func encodeWith(table map[string]string, s string) (string, error) {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		seq, ok := table[string(r)]
		if !ok {
			return "", fmt.Errorf("no legacy encoding for %q", r)
		}
		b.WriteString(seq)
	}
	return b.String(), nil
}

// TCVN3 returns s as TCVN3 (.VnTime) text: one rune per byte, as it appears
// in an HTML page that relies on the font.
func TCVN3(s string) (string, error) { return encodeWith(tcvn3(), s) }

// VNI returns s as VNI-Windows (VNI-Times) text: a base letter followed by
// mark characters.
func VNI(s string) (string, error) { return encodeWith(vni(), s) }

// Windows1258 encodes s the way Windows-1258 does: each letter with its
// circumflex, breve or horn precomposed where the code page has it, the
// tone as a separate combining mark.
func Windows1258(s string) ([]byte, error) {
	enc := charmap.Windows1258.NewEncoder()
	var out []byte
	for _, r := range s {
		var base, tones []rune
		for _, d := range norm.NFD.String(string(r)) {
			switch d {
			case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
				tones = append(tones, d)
			default:
				base = append(base, d)
			}
		}
		b, err := enc.Bytes([]byte(norm.NFC.String(string(base)) + string(tones)))
		if err != nil {
			return nil, fmt.Errorf("encode %q in windows-1258: %w", r, err)
		}
		out = append(out, b...)
	}
	return out, nil
}

// Mojibake returns s's UTF-8 bytes read as Windows-1252, the commonest
// accident ("Lao động" → "Lao Ä‘á»™ng"). Bytes cp1252 leaves undefined
// pass through as C1 controls, as browsers and many converters do.
func Mojibake(s string) string {
	var b strings.Builder
	dec := charmap.Windows1252
	for _, c := range []byte(s) {
		r := dec.DecodeByte(c)
		if r == '\uFFFD' {
			r = rune(c)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Page is an HTML page carrying Vietnamese text in one of the encodings
// government sites are found in, with the Unicode text it must yield.
type Page struct {
	Name        string
	ContentType string // the Content-Type header to serve it with
	Body        []byte
	Title       string   // the article's title, as Unicode NFC
	Want        []string // paragraphs the article text must contain, NFC
}

// Sentences every page of Pages carries in its own encoding: lower case
// after the first letter, so TCVN3 (whose plain fonts lack toned
// capitals) can carry them too.
var sentences = []string{
	"Sở Lao động tổ chức hội nghị tổng kết công tác năm 2020 và triển khai nhiệm vụ năm 2021 với sự tham dự của lãnh đạo các phòng, đơn vị trực thuộc.",
	"Theo báo cáo, toàn tỉnh đã giải quyết việc làm cho hơn mười nghìn người lao động, đào tạo nghề cho nhiều thanh niên ở nông thôn và hỗ trợ các hộ nghèo ổn định đời sống.",
	"Đồng chí giám đốc sở đề nghị các đơn vị tiếp tục đẩy mạnh cải cách thủ tục hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp trong thời gian tới.",
}

const pageTitle = "Hội nghị tổng kết công tác lao động năm 2020"

func page(charset, title, body string) string {
	return `<!DOCTYPE html><html lang="vi"><head><meta charset="` + charset + `"><title>` + title + ` - Sở Lao động</title></head>
<body><div class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc/">Tin tức</a></li><li><a href="/lien-he.html">Liên hệ</a></li></ul></div>
<div class="main-content"><h1 class="title">` + title + `</h1><div class="date">Cập nhật ngày: 18/01/2021 09:15</div>
` + body + `</div><div class="footer">Địa chỉ: số 1 đường Lê Duẩn. Điện thoại: 0299 000 000</div></body></html>`
}

func paragraphs(ss []string) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString("<p>" + s + "</p>\n")
	}
	return b.String()
}

// Pages returns one page per encoding accident: a whole page in
// Windows-1258; a Unicode page with a table in the TCVN3 font and a
// paragraph in VNI; a TCVN3 paragraph whose font a stylesheet sets (so
// only its bytes tell); a page declared charset=TCVN3; an NFD page; a
// mojibake page; and Ð written for Đ.
func Pages() ([]Page, error) {
	var out []Page
	want := append([]string(nil), sentences...)

	w1258, err := Windows1258(page("windows-1258", pageTitle, paragraphs(sentences)))
	if err != nil {
		return nil, err
	}
	out = append(out, Page{Name: "windows-1258", ContentType: "text/html", Body: w1258, Title: pageTitle, Want: want})

	tcvnCell, err := TCVN3(sentences[1])
	if err != nil {
		return nil, err
	}
	vniPara, err := VNI(sentences[2])
	if err != nil {
		return nil, err
	}
	mixed := "<p>" + sentences[0] + "</p>\n" +
		`<table style="font-family: '.VnTime', serif"><tr><td>` + html.EscapeString(tcvnCell) + "</td></tr></table>\n" +
		`<p><font face="VNI-Times">` + html.EscapeString(vniPara) + "</font></p>\n"
	out = append(out, Page{Name: "tcvn3-table-vni-paragraph", ContentType: "text/html; charset=utf-8",
		Body: []byte(page("utf-8", pageTitle, mixed)), Title: pageTitle, Want: want})

	var tcvnAll []string
	for _, s := range sentences {
		t, err := TCVN3(s)
		if err != nil {
			return nil, err
		}
		tcvnAll = append(tcvnAll, html.EscapeString(t))
	}
	styled := "<p>" + sentences[0] + "</p>\n<p class=\"vn3\">" + tcvnAll[1] + "</p>\n<p>" + sentences[2] + "</p>\n"
	out = append(out, Page{Name: "tcvn3-by-bytes", ContentType: "text/html; charset=utf-8",
		Body: []byte(page("utf-8", pageTitle, styled)), Title: pageTitle, Want: want})

	whole, err := TCVN3(page("TCVN3", pageTitle, paragraphs(sentences)))
	if err != nil {
		return nil, err
	}
	latin := make([]byte, 0, len(whole))
	for _, r := range whole {
		if r > 0xFF {
			return nil, fmt.Errorf("TCVN3 page has %q outside one byte", r)
		}
		latin = append(latin, byte(r))
	}
	out = append(out, Page{Name: "charset-tcvn3", ContentType: "text/html; charset=TCVN3", Body: latin, Title: pageTitle, Want: want})

	out = append(out, Page{Name: "nfd", ContentType: "text/html; charset=utf-8",
		Body: []byte(norm.NFD.String(page("utf-8", pageTitle, paragraphs(sentences)))), Title: pageTitle, Want: want})

	var moji []string
	for _, s := range sentences {
		moji = append(moji, Mojibake(s))
	}
	out = append(out, Page{Name: "mojibake", ContentType: "text/html; charset=utf-8",
		Body: []byte(page("utf-8", pageTitle, paragraphs(moji))), Title: pageTitle, Want: want})

	eth := strings.NewReplacer("Đ", "Ð", "đ", "ð")
	var eths []string
	for _, s := range sentences {
		eths = append(eths, eth.Replace(s))
	}
	out = append(out, Page{Name: "eth-for-dj", ContentType: "text/html; charset=utf-8",
		Body: []byte(page("utf-8", pageTitle, paragraphs(eths))), Title: pageTitle, Want: want})
	return out, nil
}
