package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// TestWordsIsFields: Words counts what strings.Fields returns.
func TestWordsIsFields(t *testing.T) {
	for _, s := range []string{
		"", "   ", "một", "Lao  động\tviệc\nlàm", " đầu và cuối ",
		"nbsp\u00a0giữa\u2003em\u3000ideographic", "zero\u200bwidth", "\u0085next line", "a\x00b",
	} {
		if got, want := Words(s), len(strings.Fields(s)); got != want {
			t.Errorf("Words(%q) = %d, want %d", s, got, want)
		}
	}
}

// The case table says what the unicode package says, for every rune it
// holds and for a few it leaves to the package.
func TestLowerAlnumIsUnicode(t *testing.T) {
	for r := rune(0); r < caseTableSize+0x100; r++ {
		lower, alnum := lowerAlnum(r)
		if want := unicode.ToLower(r); lower != want {
			t.Errorf("lowerAlnum(%U) lower %U, want %U", r, lower, want)
		}
		if want := unicode.IsLetter(r) || unicode.IsDigit(r); alnum != want {
			t.Errorf("lowerAlnum(%U) alnum %v, want %v", r, alnum, want)
		}
	}
	for _, r := range []rune{'Ạ', 'ự', 'Đ', '中', 'Ⅰ', utf8.RuneError, -1, unicode.MaxRune + 1} {
		lower, alnum := lowerAlnum(r)
		if lower != unicode.ToLower(r) || alnum != (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			t.Errorf("lowerAlnum(%U) = %U, %v", r, lower, alnum)
		}
	}
}

// countChars and collapseSpace, with their fast paths, read text as a
// plain loop over its runes does: strings of Vietnamese letters, spaces
// of every kind, and broken or cut UTF-8.
func TestCharsAsRunes(t *testing.T) {
	pieces := []string{"a", " ", "\t\n", "Đ", "ư", "ạ", "ỹ", "\u1e00", "\u07ff", "\u00c0", "\u0301",
		"\u00a0", "\u0085", "\u1680", "\u2003", "\u200b", "\ufeff", "\ufffd", "中",
		"\xc3", "\xe1\xbb", "\xe1", "\xbb", "\x80", "\xc3\xc3", "\xe1\xb8\xc3", "\xff"}
	// Each field's runes (a broken byte is one), and one for each run of
	// spaces after a field.
	countRunes := func(s string) int {
		fields := strings.FieldsFunc(s, isSpace)
		if len(fields) == 0 {
			return 0
		}
		n := len(fields) - 1
		for _, f := range fields {
			n += utf8.RuneCountInString(f)
		}
		if r, _ := utf8.DecodeLastRuneInString(s); isSpace(r) {
			n++
		}
		return n
	}
	collapseRunes := func(s string) string {
		var out []rune
		space := false
		for _, r := range s {
			switch {
			case isBlank(r):
				space = true
			case r == utf8.RuneError:
			default:
				if space && len(out) > 0 {
					out = append(out, ' ')
				}
				space = false
				out = append(out, r)
			}
		}
		return string(out)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := countChars(s), countRunes(s); got != want {
			t.Fatalf("countChars(%q) = %d, want %d", s, got, want)
		}
		if got, want := collapseSpace(s), collapseRunes(s); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// textBytes bounds measure's count from above, element by element, and
// twice it innerText's: what lets stripUnlikely and itemDate skip
// measuring a small box.
func TestTextBytesBoundMeasure(t *testing.T) {
	const page = `<html><body><nav class="menu"><a href="/">Trang chủ</a> <a href="/tt">Tin tức &amp; sự kiện</a></nav>
<div id="main"><h1>Thông báo</h1><p>Sở  thông báo&nbsp;lịch   tiếp công dân <b>tháng 5</b>.</p><script>var x = "không tính";</script>
<ul><li><a href="/a">Bài một</a></li><li>Bài hai<br>xuống dòng</li></ul><select><option>Chọn</option></select></div>
<footer>Bản quyền © 2024 Sở Nội vụ</footer></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	elems := 0
	walk(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			elems++
			if b, c := textBytes(n), measure(n).chars; b < c {
				t.Errorf("<%s>: textBytes %d < measure's %d characters", n.Data, b, c)
			}
			// And itemDate's: innerText adds spaces, each before a character.
			if b, c := textBytes(n), countChars(innerText(n)); 2*b < c {
				t.Errorf("<%s>: twice textBytes %d < innerText's %d characters", n.Data, 2*b, c)
			}
		}
		return true
	})
	if elems < 10 {
		t.Fatalf("premise: %d elements", elems)
	}
}

// lowerHasPrefix agrees with lowering the whole line, its ASCII shortcut
// included: a line may open with a rune that lowers to ASCII.
func TestLowerHasPrefix(t *testing.T) {
	for _, tc := range []struct{ s, prefix string }{
		{"Bản quyền thuộc Sở", "bản quyền"}, {"BẢN QUYỀN © 2024", "bản quyền"}, {"bản", "bản quyền"},
		{"Xem bản quyền", "bản quyền"}, {"\u212Aelvin scale", "kelvin"}, {"Kelvin", "kelvin"},
		{"\u0130stanbul", "istanbul"}, {"", "bản"}, {"Địa chỉ: 12 Lê Lợi", "địa chỉ"}, {"dịa chỉ", "địa chỉ"},
	} {
		if got, want := lowerHasPrefix(tc.s, tc.prefix), strings.HasPrefix(strings.ToLower(tc.s), tc.prefix); got != want {
			t.Errorf("lowerHasPrefix(%q, %q) = %v, want %v", tc.s, tc.prefix, got, want)
		}
	}
}
