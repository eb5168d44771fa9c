package vntext

import (
	"strings"
	"testing"
	"time"
)

// TestLargeAdversarialInputs guards against quadratic behaviour: each
// input is 1 MB of a pattern that exercises one slow path.
func TestLargeAdversarialInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, pat := range []string{
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
	} {
		s := strings.Repeat(pat, 1<<20/len(pat))
		start := time.Now()
		Normalize(s)
		Fold(s)
		ToneStyle(s, StyleNew)
		Detect(s)
		DecodeTCVN3(s)
		DecodeVNI(s)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%q × 1 MB took %v", pat, d)
		}
	}
}
