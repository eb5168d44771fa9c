package vntext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// adversarial are patterns that each exercise one slow path.
var adversarial = []string{
	"Ã\ufffdx",     // guesses in one long token
	"Ä\u0090",      // repairs in one long token
	"Ã„Â\u0090",    // double mojibake
	"\u00a0\u200b", // cleanup
	"Ðà ",          // look-alike Đ
	"hòa ",         // tone rewrite
	"a\u0301",      // NFC
	"¸µ¶·¹¨©ª«¬®",  // legacy-looking
	"aù oâ ",       // VNI pairs
	"\xff\xfe",     // invalid UTF-8
}

// TestLargeAdversarialInputs runs every function over 256 KB of each
// pattern and checks the output is valid text. How long they take is for
// BenchmarkLargeAdversarialInputs, not a test: timed tests flake on
// shared machines.
func TestLargeAdversarialInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, pat := range adversarial {
		s := strings.Repeat(pat, 1<<18/len(pat))
		for name, out := range map[string]string{
			"Normalize": Normalize(s), "Fold": Fold(s), "ToneStyle": ToneStyle(s, StyleNew),
			"DecodeTCVN3": DecodeTCVN3(s), "DecodeVNI": DecodeVNI(s),
		} {
			if !utf8.ValidString(out) {
				t.Errorf("%s(%q × 256 KB) is not valid UTF-8", name, pat)
			}
		}
		Detect(s)
	}
}

// BenchmarkLargeAdversarialInputs: 1 MB of each pattern through every
// function. Quadratic behaviour shows as seconds per op here.
func BenchmarkLargeAdversarialInputs(b *testing.B) {
	for _, pat := range adversarial {
		s := strings.Repeat(pat, 1<<20/len(pat))
		b.Run(strings.ToValidUTF8(pat, "?"), func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Normalize(s)
				Fold(s)
				ToneStyle(s, StyleNew)
				Detect(s)
				DecodeTCVN3(s)
				DecodeVNI(s)
			}
		})
	}
}
