package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns the diacritic-insensitive search key of s: NFD, combining
// marks dropped, NFC, Đ/đ/Ð/ð → d, lower case. "Lao Động" → "lao dong",
// "ĐỒNG" → "dong". Đ and Ð have no decomposition, which is why SQLite's
// remove_diacritics leaves them alone and they are mapped here explicitly.
// Folding merges distinct words (ma, má, mà, mả, mã, mạ): keep the
// original text next to the key.
func Fold(s string) string {
	s = validUTF8(s)
	if out, ok := foldFast(s); ok {
		return out
	}
	return foldSlow(s)
}

// foldSlow is Fold for any text, through the normalization chain.
func foldSlow(s string) string {
	// Lower case first and last: lower-casing can add marks (İ → i̇)
	// and removing marks can expose letters with a lower-case form.
	s = strings.ToLower(s)
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if r, _, err := transform.String(t, s); err == nil {
		s = r
	}
	s = strings.Map(foldD, s)
	return strings.ToLower(s)
}

func foldD(r rune) rune {
	switch r {
	case 'Đ', 'đ', 'Ð', 'ð':
		return 'd'
	}
	return r
}

// foldBase maps a toneless lower-case Vietnamese letter to its ASCII base.
func foldBase(r rune) rune {
	switch r {
	case 'ă', 'â':
		return 'a'
	case 'ê':
		return 'e'
	case 'ô', 'ơ':
		return 'o'
	case 'ư':
		return 'u'
	case 'đ':
		return 'd'
	}
	return r
}

// foldFast handles text made only of ASCII and precomposed Vietnamese
// letters, the common case, without the transform chain; ok is false
// for anything else.
func foldFast(s string) (string, bool) {
	lt := letters()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if i := r - foldedFirst; i >= 0 && int(i) < len(lt.folded) && lt.folded[i] != 0 {
			b.WriteByte(lt.folded[i])
			continue
		}
		switch {
		case r < 0x80:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		case r == 'Ð' || r == 'ð':
			r = 'd'
		case !unicode.IsLetter(r) && (r < 0x300 || r >= 0x2002 && r <= 0x206F || r >= 0x20A0 && r <= 0x20C0):
			// Punctuation, spaces and symbols there have no canonical
			// decomposition and no case: the slow path keeps them too.
		default:
			l, ok := lt.info[r]
			if !ok {
				return "", false
			}
			r = foldBase(l.base)
		}
		b.WriteRune(r)
	}
	return b.String(), true
}
