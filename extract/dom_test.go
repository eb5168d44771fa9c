package extract

import (
	"strings"
	"testing"
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
