package vntext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxFuzzInput bounds the strings the fuzz targets take: page text comes
// in paragraphs, and the fuzzer minimizes every new input by rerunning it
// once per byte removed, so long inputs cost time and find nothing more.
const maxFuzzInput = 64 << 10

// fuzzSkipLong skips an input over maxFuzzInput.
func fuzzSkipLong(t *testing.T, s string) {
	if len(s) > maxFuzzInput {
		t.Skip("input over maxFuzzInput")
	}
}

func fuzzSeeds(f *testing.F) {
	seeds := append([]string{}, vietSentences...)
	seeds = append(seeds, mojibakeSentences...)
	for _, s := range mojibakeSentences {
		for _, mf := range mojibakeFuncs {
			seeds = append(seeds, mf.f(s), mf.f(norm.NFD.String(s)))
		}
	}
	for _, s := range vietSentences[:3] {
		tc, _ := encodeTCVN3(s)
		vn, _ := encodeVNI(s)
		seeds = append(seeds, tc, vn)
	}
	seeds = append(seeds, "", " \u00a0\u200b\t\n", "Ðà QÐ Guðrún", "\xff\xfe", "Ã\ufffd", "Ä\ufffd",
		"a\u0301\u0323", "İ", "👨\u200d👩", "Ủy ban Khánh Hòa thủy khỏe", "quý khuya hoàn")
	for _, s := range seeds {
		f.Add(s)
	}
}

func FuzzNormalize(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		fuzzSkipLong(t, s)
		got := Normalize(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, got)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Fatalf("Normalize(%q) = %q: not NFC", s, got)
		}
		if again := Normalize(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", s, got, again)
		}
		if strings.Contains(got, "  ") || strings.ContainsAny(got, "\u00a0\u00ad\u200b\ufeff") {
			t.Fatalf("Normalize(%q) = %q: spaces or invisibles left", s, got)
		}
	})
}

func FuzzFold(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		fuzzSkipLong(t, s)
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, got)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Fatalf("Fold(%q) = %q: not NFC", s, got)
		}
		if again := Fold(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", s, got, again)
		}
		if strings.ContainsAny(got, "đĐÐð") {
			t.Fatalf("Fold(%q) = %q kept a d with stroke", s, got)
		}
	})
}

func FuzzToneStyle(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		fuzzSkipLong(t, s)
		old := ToneStyle(s, StyleOld)
		neu := ToneStyle(s, StyleNew)
		for _, out := range []string{old, neu} {
			if !utf8.ValidString(out) || !norm.NFC.IsNormalString(out) {
				t.Fatalf("ToneStyle(%q) = %q: not valid NFC", s, out)
			}
		}
		if again := ToneStyle(old, StyleOld); again != old {
			t.Fatalf("Old not idempotent: %q → %q → %q", s, old, again)
		}
		if again := ToneStyle(neu, StyleNew); again != neu {
			t.Fatalf("New not idempotent: %q → %q → %q", s, neu, again)
		}
		if back := ToneStyle(ToneStyle(old, StyleNew), StyleOld); back != old {
			t.Fatalf("Old∘New∘Old: %q → %q → %q", s, old, back)
		}
		if back := ToneStyle(ToneStyle(neu, StyleOld), StyleNew); back != neu {
			t.Fatalf("New∘Old∘New: %q → %q → %q", s, neu, back)
		}
		if Fold(old) != Fold(neu) {
			t.Fatalf("styles fold differently: %q vs %q", old, neu)
		}
	})
}

// FuzzDecode checks the legacy decoders and Detect never panic and return
// valid NFC.
func FuzzDecode(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		fuzzSkipLong(t, s)
		for _, out := range []string{DecodeTCVN3(s), DecodeVNI(s), Decode(s, TCVN3, true), Decode(s, VNI, true)} {
			if !utf8.ValidString(out) || !norm.NFC.IsNormalString(out) {
				t.Fatalf("decode(%q) = %q: not valid NFC", s, out)
			}
		}
		_ = Detect(s)
		_, _ = FontEncoding(s)
		_ = IsSyllable(s)
	})
}
