package extract

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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
