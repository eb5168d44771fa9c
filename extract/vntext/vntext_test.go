package vntext

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

func TestTablesLoaded(t *testing.T) {
	if n := tcvn3().n; n != 75 {
		t.Errorf("TCVN3 rows = %d, want 75", n)
	}
	if n := vni().n; n != 134 {
		t.Errorf("VNI rows = %d, want 134", n)
	}
	for b, lo := range tcvn3().lower {
		if lo == 0 {
			continue
		}
		if up := tcvn3().upper[b]; up != unicode.ToUpper(lo) {
			t.Errorf("TCVN3 %02X: upper %U, want %U", b, up, unicode.ToUpper(lo))
		}
	}
}

func TestTCVN3EveryEntry(t *testing.T) {
	tb := tcvn3()
	for b := range 256 {
		lo := tb.lower[b]
		if lo == 0 {
			continue
		}
		in := string(rune(b))
		if got := DecodeTCVN3(in); got != string(lo) {
			t.Errorf("DecodeTCVN3(%02X) = %q, want %q", b, got, string(lo))
		}
		if got := Decode(in, TCVN3, true); got != string(tb.upper[b]) {
			t.Errorf("Decode(%02X, TCVN3, upper) = %q, want %q", b, got, string(tb.upper[b]))
		}
		if b == 0xA0 {
			continue // NBSP encodes to itself
		}
		enc, ok := encodeTCVN3(string(lo))
		if !ok || enc != in {
			t.Errorf("encodeTCVN3(%q) = %q, %v; want %q", string(lo), enc, ok, in)
		}
		// In a word, to catch context effects.
		w := "x" + string(lo) + "y"
		if enc, _ := encodeTCVN3(w); DecodeTCVN3(enc) != w {
			t.Errorf("round trip %q: got %q", w, DecodeTCVN3(enc))
		}
	}
}

func TestVNIEveryEntry(t *testing.T) {
	tb := vni()
	check := func(seq string, u rune) {
		t.Helper()
		if got := DecodeVNI(seq); got != string(u) {
			t.Errorf("DecodeVNI(%q) = %q, want %q", seq, got, string(u))
		}
		for _, w := range []string{"x" + string(u) + "y", "t" + string(u) + "n", string(u) + string(u)} {
			enc, ok := encodeVNI(w)
			if !ok {
				t.Fatalf("encodeVNI(%q) failed", w)
			}
			if got := DecodeVNI(enc); got != w {
				t.Errorf("VNI round trip %q → %q → %q", w, enc, got)
			}
		}
	}
	for k, u := range tb.pair {
		check(string(k[:]), u)
	}
	for k, u := range tb.single {
		check(string(k), u)
	}
	if len(tb.pair)+len(tb.single) != 134 {
		t.Errorf("VNI entries = %d, want 134", len(tb.pair)+len(tb.single))
	}
}

func TestDecodeKnown(t *testing.T) {
	// Spot decodes from the tables' README, written there from real pages.
	for _, c := range []struct {
		in   string
		enc  Encoding
		want string
	}{
		{"B\u00b6o Th\u00beng", TCVN3, "Bảo Thắng"},
		{"B\u00b8t X\u00b8t", TCVN3, "Bát Xát"},
		{"U\u00fb ban nh\u00a9n d\u00a9n", TCVN3, "Uỷ ban nhân dân"},
		{"U\u00dby ban nha\u00e2n da\u00e2n t\u00e6nh", VNI, "Ủy ban nhân dân tỉnh"},
	} {
		if got := Decode(c.in, c.enc, false); got != c.want {
			t.Errorf("Decode(%q, %v) = %q, want %q", c.in, c.enc, got, c.want)
		}
	}
}

func TestDecodeSentences(t *testing.T) {
	for _, s := range vietSentences {
		enc, ok := encodeTCVN3(s)
		if !ok {
			t.Fatalf("cannot encode %q in TCVN3", s)
		}
		if got := DecodeTCVN3(enc); got != s {
			t.Errorf("TCVN3: %q → %q, want %q", enc, got, s)
		}
		enc, ok = encodeVNI(s)
		if !ok {
			t.Fatalf("cannot encode %q in VNI", s)
		}
		if got := DecodeVNI(enc); got != s {
			t.Errorf("VNI: %q → %q, want %q", enc, got, s)
		}
		// NFD input decodes to NFC too.
		if got := DecodeVNI(norm.NFD.String(enc)); !norm.NFC.IsNormalString(got) {
			t.Errorf("VNI of NFD not NFC: %q", got)
		}
	}
}

func TestSoftHyphenTrap(t *testing.T) {
	const s = "người dân được hưởng"
	enc, _ := encodeTCVN3(s)
	if !strings.ContainsRune(enc, '\u00ad') {
		t.Fatalf("fixture %q has no U+00AD", enc)
	}
	if got := Normalize(DecodeTCVN3(enc)); got != s {
		t.Errorf("Normalize(DecodeTCVN3) = %q, want %q", got, s)
	}
	// The wrong order loses ư: this is why Decode comes first.
	if got := DecodeTCVN3(Normalize(enc)); got == s {
		t.Errorf("Normalize before decode unexpectedly kept ư: %q", got)
	}
}

func TestAllCapsFont(t *testing.T) {
	const want = "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA: THÔNG BÁO SỐ 12/TB-UBND"
	enc, ok := encodeTCVN3(strings.ToLower(want))
	if !ok {
		t.Fatal("cannot encode")
	}
	enc2, upper := FontEncoding(".VnTimeH")
	if enc2 != TCVN3 || !upper {
		t.Fatalf("FontEncoding(.VnTimeH) = %v, %v", enc2, upper)
	}
	if got := Decode(enc, enc2, upper); got != want {
		t.Errorf("caps decode = %q, want %q", got, want)
	}
}

func TestFontEncoding(t *testing.T) {
	for _, c := range []struct {
		in    string
		enc   Encoding
		upper bool
	}{
		{".VnTime", TCVN3, false},
		{".VnArial", TCVN3, false},
		{".VnTimeH", TCVN3, true},
		{".VnArialH", TCVN3, true},
		{"'.VnTime', serif", TCVN3, false},
		{"\".VnTimeH\"", TCVN3, true},
		{" .vntimeh ", TCVN3, true},
		{".VnArial Narrow", TCVN3, false},
		{"VNI-Times", VNI, false},
		{"VNI-Helve", VNI, false},
		{"'VNI-Times', Arial", VNI, false},
		{"vni-times", VNI, false},
		{"Times New Roman", Unicode, false},
		{"Arial, .VnTime", Unicode, false},
		{"Verdana", Unicode, false},
		{"", Unicode, false},
		{".Vn", Unicode, false},
		{"VNI", Unicode, false},
	} {
		enc, upper := FontEncoding(c.in)
		if enc != c.enc || upper != c.upper {
			t.Errorf("FontEncoding(%q) = %v, %v; want %v, %v", c.in, enc, upper, c.enc, c.upper)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, s := range vietSentences {
		tc, _ := encodeTCVN3(s)
		if got := Detect(tc); got != TCVN3 {
			t.Errorf("Detect(TCVN3 %q) = %v", tc, got)
		}
		vn, _ := encodeVNI(s)
		if got := Detect(vn); got != VNI {
			t.Errorf("Detect(VNI %q) = %v", vn, got)
		}
		if got := Detect(s); got != Unicode {
			t.Errorf("Detect(Unicode %q) = %v", s, got)
		}
		if got := Detect(norm.NFD.String(s)); got != Unicode {
			t.Errorf("Detect(NFD %q) = %v", s, got)
		}
	}
	others := []string{
		// Unicode Vietnamese with capitals TCVN3 cannot write.
		"ĐÀ NẴNG: Ủy ban nhân dân thành phố họp báo",
		"Ý kiến của Ông Nguyễn Văn A về Ấp Bắc",
		"Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ",
		// English.
		"The People's Committee of Hanoi announced the results",
		"Ministry of Labour, Invalids and Social Affairs",
		"Copyright © 2024 Department of Justice. All rights reserved.",
		"Read more » Next page › Back to top",
		// French, German, Spanish, Portuguese.
		"Café résumé où naïve élève à Paris",
		"Le comité populaire a présenté les résultats de l'année",
		"Où est la gare? Là où vous êtes allé.",
		"Ärger über Straße und Müller in München",
		"Mañana el niño irá a la montaña",
		"São Paulo não é a capital do Brasil",
		"Crème brûlée, façade, garçon, déjà vu",
		// Numbers, dates, units.
		"12/05/2023 15:58 (GMT+7)",
		"25 °C, 10 µm, ± 5 %, ½ kg",
		"1.234.567 ₫ — 89,5 %",
		"© 2024 · 0123 456 789 · ISO 9001:2015",
		"2023-05-08T15:58:00+07:00",
		"§ 3 ¶ 2 – ¼ ¾ × ÷",
		"",
		"µ",
	}
	for _, s := range others {
		if got := Detect(s); got != Unicode {
			t.Errorf("Detect(%q) = %v, want Unicode", s, got)
		}
	}
}

func TestIsSyllable(t *testing.T) {
	yes := []string{"a", "ở", "người", "nghiêng", "khuya", "thuyền", "quýt", "Quỳnh", "giếng",
		"gì", "gió", "hoà", "hòa", "thuỷ", "ĐƯỜNG", "Việt", "khuỷu", "oai", "uống", "tháp",
		"ngoằn", "khoẻ", "huých", "boong", "xoong", "the", "ban", "ngh" + "ĩ"}
	no := []string{"", "Café", "résumé", "Straße", "ẵ", "bc", "ca\u0301\u0300", "hòá", "tàp",
		"kan", "cem", "nge", "ghô", "quu", "Ðà", "and", "Müller", "xyz", "1", "a1", "ăn" + "a"}
	for _, w := range yes {
		if !IsSyllable(w) {
			t.Errorf("IsSyllable(%q) = false", w)
		}
		if !IsSyllable(norm.NFD.String(w)) {
			t.Errorf("IsSyllable(NFD %q) = false", w)
		}
	}
	for _, w := range no {
		if IsSyllable(w) {
			t.Errorf("IsSyllable(%q) = true", w)
		}
	}
}

// mojibakeSentences hold every letter mojibake most often mangles,
// capitals with tones included.
var mojibakeSentences = []string{
	"Đà Nẵng, Việt Nam",
	"ĐÀ NẴNG — ỦY BAN NHÂN DÂN",
	"Sở Lao động – Thương binh và Xã hội",
	"để được hướng dẫn “thủ tục” hành chính…",
	"Ý kiến: Ông Ánh, Ấp Ðông, Ơn, Ưu tiên, Ổn định, Ỷ lại, Ỹ",
	"Ăn uống, Âm nhạc, Êm đềm, Ôn tập, Ĩ, Ũ, Ị, Ọ, Ụ, Ỵ",
	"Giá 100.000 ₫, € và ™",
	"Bộ Nội vụ • Cổng thông tin điện tử",
	"Khánh Hoà; thuỷ lợi; sức khoẻ; quý; khuya",
	"Í ới, Ỉ ôi, Ì ạch, Ĩnh",
}

func TestNormalizeMojibake(t *testing.T) {
	for _, s := range mojibakeSentences {
		want := Normalize(s) // the clean sentence (Ð→Đ applies)
		for _, mf := range mojibakeFuncs {
			for _, form := range []string{"NFC", "NFD"} {
				src := s
				if form == "NFD" {
					src = norm.NFD.String(s)
				}
				moj := mf.f(src)
				if moj == src {
					t.Fatalf("%s did not mangle %q", mf.name, src)
				}
				got := Normalize(moj)
				checkNFCValid(t, "Normalize", got)
				if got != want {
					if mf.name == "cp1252" || mf.name == "cp1258" {
						// U+FFFD loses the byte; only unambiguous cases are required.
						t.Logf("%s/%s: %q → %q (want %q)", mf.name, form, moj, got, want)
						continue
					}
					t.Errorf("%s/%s: Normalize(%q) = %q, want %q", mf.name, form, moj, got, want)
				}
			}
		}
	}
}

func TestNormalizeMojibakeFFFD(t *testing.T) {
	// With U+FFFD the lost byte is guessed: Đ after Ä; Á/Í/Ý after Ã
	// only when one of them gives a Vietnamese syllable.
	for _, c := range []struct{ src, want string }{
		{"Đà Nẵng", "Đà Nẵng"},
		{"ĐÔNG ĐÔ", "ĐÔNG ĐÔ"},
		{"THÁNG", "THÁNG"},
		{"ÁNG", "ÁNG"},
		{"người học", "người học"}, // ờ = E1 BB 9D; ọ = E1 BB 8D
		{"tụcâ” x", "tụcâ” x"},     // ” = E2 80 9D
		{"Ánh", "Ánh"},             // "Ính" is also a syllable: stays unrepaired
		{"Ý", "Ý"},                 // so are Á and Í
	} {
		moj := decodeStrict(charmap.Windows1252, c.src)
		got := Normalize(moj)
		checkNFCValid(t, "Normalize", got)
		if c.src == "Ánh" || c.src == "Ý" {
			if got == c.src {
				t.Logf("ambiguous %q resolved", moj)
			}
			continue
		}
		if got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", moj, got, c.want)
		}
	}
}

func TestNormalizeAmbiguousMojibake(t *testing.T) {
	// "HÃ€" alone may be legitimate (a word ending in Ã, then €); next to
	// unambiguous mojibake it is repaired.
	moj := mojibakeFuncs[1].f("HÀ")
	if got := Normalize(moj); got != moj {
		t.Errorf("Normalize(%q) = %q, want unchanged", moj, got)
	}
	moj = mojibakeFuncs[1].f("HÀ NỘI")
	if got := Normalize(moj); got != "HÀ NỘI" {
		t.Errorf("Normalize(%q) = %q, want HÀ NỘI", moj, got)
	}
}

func TestNormalizeLostNBSP(t *testing.T) {
	// Mojibake whose NBSP (the second byte of "à", C3 A0) was turned into
	// a plain space before it reached Normalize.
	for _, s := range []string{
		"Sở Lao động – Thương binh và Xã hội",
		"hành chính và thủ tục",
		"Khánh Hoà là tỉnh",
	} {
		moj := strings.ReplaceAll(mojibakeFuncs[1].f(s), "\u00a0", " ")
		if got := Normalize(moj); got != s {
			t.Errorf("Normalize(%q) = %q, want %q", moj, got, s)
		}
	}
	// Without other mojibake a lone "Ã " is left alone.
	if got := Normalize("vÃ x"); got != "vÃ x" {
		t.Errorf("got %q", got)
	}
}

func TestNormalizeDoubleMojibake(t *testing.T) {
	for _, s := range mojibakeSentences[:4] {
		moj := mojibakeFuncs[1].f(mojibakeFuncs[1].f(s))
		if got := Normalize(moj); got != Normalize(s) {
			t.Errorf("double: Normalize(%q) = %q, want %q", moj, got, s)
		}
	}
}

func TestNormalizeKeepsLegitText(t *testing.T) {
	for _, s := range []string{
		"Café résumé",
		"Ärger, Äpfel und Öl",
		"São João, Ãnh? não",
		"Ã",
		"Ä",
		"À propos de l'été",
		"Crème brûlée, façade, garçon, déjà vu",
		"Straße in Zürich",
		"Guðrún og Þór með bók",
		"Ñandú, mañana",
		"©2024 Bộ Nội vụ. Giá: 100.000 ₫",
		"“Trích dẫn” — «Guillemets» ‘một’",
		"Å, Æ, Ø, å, æ, ø",
		"ÂM DƯƠNG, Ă, Â, Ê",
		"Ä‚", // a German capital followed by a quote: nothing Vietnamese about it
		"25 °C ± 0,5 · ½ · ¼ · µm",
		"Hà Nội\nĐà Nẵng\n\nHuế",
		"ĐÔ Ô Ơ Ư",
		"x² + y³ = z¹",
		"ÉTÉ ”",
		"CHÍ”",
		"“ỦY BAN NHÂN DÂN XÃ”",
		"THỊ XÃ• ĐÀ•",
		"«MÃ»",
	} {
		got := Normalize(s)
		want := norm.NFC.String(s)
		if s == "Ä‚" {
			// Ä‚ is also exactly how "Ă" (C4 82) looks as cp1252: the
			// repair is the right call for a Vietnamese corpus.
			want = "Ă"
		}
		if got != want {
			t.Errorf("Normalize(%q) = %q, want unchanged", s, got)
		}
	}
}

func TestNormalizeEth(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Ðảm baỏ chất lựơng", "Đảm baỏ chất lựơng"},
		{"Ðà Nẵng", "Đà Nẵng"},
		{"ðường ðến", "đường đến"},
		{"ÐẠI HỘI ÐẢNG", "ĐẠI HỘI ĐẢNG"},
		{"Quyết định 1989/QÐ-BGDÐT", "Quyết định 1989/QĐ-BGDĐT"},
		{"QÐ-BGDÐT", "QÐ-BGDÐT"}, // no Vietnamese around: unknown, left alone
		{"Guðrún með Ðórður", "Guðrún með Ðórður"},
		{"Ð", "Ð"},
		{"ð", "ð"},
		{"Ðà Nẵng và Ðórður", "Đà Nẵng và Ðórður"},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalizeSpaces(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Hà\u00a0Nội", "Hà Nội"},
		{"Hà \u00a0 \u00a0Nội", "Hà Nội"},
		{"Hà\u200bNội", "HàNội"},
		{"Hà \u200b Nội", "Hà Nội"},
		{"\ufeffViệt Nam", "Việt Nam"},
		{"thông\u00adtin", "thôngtin"},
		{"a\u200c\u200d\u2060\u200e\u200fb", "ab"},
		{"a\t\tb", "a b"},
		{"a\u2003\u3000\u202fb", "a b"},
		{"dòng 1\n\ndòng 2\r\n", "dòng 1\n\ndòng 2\r\n"},
		{"  a  \n  b  ", " a \n b "},
		{"👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"},
		{"", ""},
	} {
		got := Normalize(c.in)
		if got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalizeNFD(t *testing.T) {
	for _, s := range append(vietSentences, mojibakeSentences...) {
		got := Normalize(norm.NFD.String(s))
		if got != Normalize(s) {
			t.Errorf("NFD %q → %q", s, got)
		}
		checkNFCValid(t, "Normalize", got)
	}
}

func TestNormalizeInvalidUTF8(t *testing.T) {
	got := Normalize("Vi\xe1\xbb\x87t \xff Nam")
	checkNFCValid(t, "Normalize", got)
	if got != "Việt \ufffd Nam" {
		t.Errorf("got %q", got)
	}
}

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Lao Động", "lao dong"},
		{"ĐỒNG", "dong"},
		{"Ðà Nẵng", "da nang"},
		{"ðường", "duong"},
		{"Hội nghị tổng kết", "hoi nghi tong ket"},
		{"Ủy ban", "uy ban"},
		{"Uỷ ban", "uy ban"},
		{"NGƯỜI CÓ CÔNG", "nguoi co cong"},
		{"Khánh Hoà", "khanh hoa"},
		{norm.NFD.String("Việt Nam"), "viet nam"},
		{"Café résumé", "cafe resume"},
		{"Straße", "straße"},
		{"ASCII 123", "ascii 123"},
		{"İstanbul", "istanbul"},
		{"", ""},
		{"\xff", "\ufffd"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestToneStyle(t *testing.T) {
	const (
		old = "Ủy ban nhân dân tỉnh Khánh Hòa họp về thủy lợi, sức khỏe"
		new = "Uỷ ban nhân dân tỉnh Khánh Hoà họp về thuỷ lợi, sức khoẻ"
	)
	if got := ToneStyle(old, StyleNew); got != new {
		t.Errorf("old→new = %q, want %q", got, new)
	}
	if got := ToneStyle(new, StyleOld); got != old {
		t.Errorf("new→old = %q, want %q", got, old)
	}
	for _, c := range []struct{ in, old, new string }{
		{"hòa", "hòa", "hoà"},
		{"HÒA", "HÒA", "HOÀ"},
		{"HoÀ", "HòA", "HoÀ"},
		{"khỏe", "khỏe", "khoẻ"},
		{"ủy", "ủy", "uỷ"},
		{"tụy", "tụy", "tuỵ"},
		{"lũy", "lũy", "luỹ"},
		{"òa", "òa", "oà"},
		{"họa sĩ", "họa sĩ", "hoạ sĩ"},
		{"hoàn", "hoàn", "hoàn"},
		{"toàn", "toàn", "toàn"},
		{"quý", "quý", "quý"},
		{"quỳ", "quỳ", "quỳ"},
		{"thuyền", "thuyền", "thuyền"},
		{"khuya", "khuya", "khuya"},
		{"khuỷu", "khuỷu", "khuỷu"},
		{"hoài", "hoài", "hoài"},
		{"của", "của", "của"},
		{"hoa", "hoa", "hoa"},
		{"Huỳnh", "Huỳnh", "Huỳnh"},
		{"hoạch", "hoạch", "hoạch"},
		{"koala", "koala", "koala"},
		{norm.NFD.String("thủy"), "thủy", "thuỷ"},
		{"hòa-bình", "hòa-bình", "hoà-bình"},
	} {
		if got := ToneStyle(c.in, StyleOld); got != c.old {
			t.Errorf("ToneStyle(%q, Old) = %q, want %q", c.in, got, c.old)
		}
		if got := ToneStyle(c.in, StyleNew); got != c.new {
			t.Errorf("ToneStyle(%q, New) = %q, want %q", c.in, got, c.new)
		}
	}
}

func TestEncodingString(t *testing.T) {
	for e, want := range map[Encoding]string{Unicode: "Unicode", TCVN3: "TCVN3", VNI: "VNI", 7: "Encoding(7)"} {
		if got := e.String(); got != want {
			t.Errorf("%d.String() = %q", int(e), got)
		}
	}
}

// TestFoldFastIsFoldSlow: the letter table of the fast path folds every
// rune it takes as the normalization chain does.
func TestFoldFastIsFoldSlow(t *testing.T) {
	taken := 0
	for r := rune(0); r < 0x2100; r++ {
		s := string(r) + "a" + string(r)
		fast, ok := foldFast(s)
		if !ok {
			continue
		}
		taken++
		if slow := foldSlow(s); fast != slow {
			t.Errorf("%U: fast %q, slow %q", r, fast, slow)
		}
	}
	// ASCII and the 134 precomposed Vietnamese letters at least.
	if taken < 128+134 {
		t.Errorf("the fast path took %d runes", taken)
	}
}
