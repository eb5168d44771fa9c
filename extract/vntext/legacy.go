package vntext

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Encoding is a legacy Vietnamese font encoding found inside otherwise
// Unicode pages.
type Encoding int

const (
	Unicode Encoding = iota // no legacy encoding: the text is what it says
	TCVN3                   // TCVN 5712:1993 VN3, "ABC" fonts .VnTime, .VnArial...
	VNI                     // VNI-Windows, fonts VNI-Times, VNI-Helve...
)

func (e Encoding) String() string {
	switch e {
	case Unicode:
		return "Unicode"
	case TCVN3:
		return "TCVN3"
	case VNI:
		return "VNI"
	}
	return "Encoding(" + strconv.Itoa(int(e)) + ")"
}

// FontEncoding tells the legacy encoding a CSS font-family list or a
// <font face> value implies. Only the first family counts, because that is
// the font the author saw the text in. ".VnTime", ".VnArial" and every other
// ".Vn…" font are TCVN3; those whose name ends in "H" (".VnTimeH",
// ".VnArialH") are the all-caps variants and also report upper. "VNI-Times",
// "VNI-Helve"… are VNI. Anything else, including an empty value, is Unicode.
func FontEncoding(fontFamily string) (enc Encoding, upper bool) {
	name, _, _ := strings.Cut(fontFamily, ",")
	name = strings.TrimSpace(name)
	name = strings.Trim(name, "\"' \t")
	name = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(name), "!important"))
	name = strings.Trim(name, "\"' \t")
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(lower, ".vn") && len(lower) > 3:
		// Caps fonts append a capital H; a name written all lower case
		// (some CSS generators do that) can only end in h for the same reason.
		upper = strings.HasSuffix(name, "H") || (name == lower && strings.HasSuffix(name, "h"))
		return TCVN3, upper
	case strings.HasPrefix(lower, "vni-") || strings.HasPrefix(lower, "vni "):
		return VNI, false
	}
	return Unicode, false
}

// Decode converts a run in the given legacy encoding to Unicode NFC; upper
// is the all-caps flag from FontEncoding. Unicode returns the text
// unchanged except for NFC.
func Decode(s string, enc Encoding, upper bool) string {
	switch enc {
	case TCVN3:
		return decodeTCVN3(s, upper)
	case VNI:
		d := DecodeVNI(s)
		if upper {
			d = nfc(strings.ToUpper(d))
		}
		return d
	}
	return nfc(s)
}

// DecodeTCVN3 converts text whose characters are TCVN3 bytes seen as
// Latin-1 characters into Unicode NFC. U+00AD (soft hyphen, TCVN3 ư) and
// U+00A0 are legacy codes here: call it before any cleanup that strips them.
// Characters outside U+00A0–U+00FF pass through.
func DecodeTCVN3(s string) string { return decodeTCVN3(s, false) }

func decodeTCVN3(s string, upper bool) string {
	s = validUTF8(s)
	t := tcvn3()
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, r := range s {
		if r >= 0xA0 && r <= 0xFF {
			m := t.lower[r]
			if upper {
				m = t.upper[r]
			}
			if m != 0 {
				r = m
			}
		} else if upper {
			// A caps font draws every lower-case code as a capital,
			// ASCII included.
			r = unicode.ToUpper(r)
		}
		b.WriteRune(r)
	}
	return nfc(b.String())
}

// DecodeVNI converts text whose characters are VNI-Windows bytes seen as
// Latin-1 characters into Unicode NFC. VNI writes most toned vowels as two
// bytes (vowel, then a mark byte); the longest match wins, so "aù" is á
// and "ô" alone is ơ.
func DecodeVNI(s string) string {
	s = validUTF8(s)
	t := vni()
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		if i+1 < len(rs) {
			if u, ok := t.pair[[2]rune{rs[i], rs[i+1]}]; ok {
				b.WriteRune(u)
				i++
				continue
			}
		}
		if u, ok := t.single[rs[i]]; ok {
			b.WriteRune(u)
			continue
		}
		b.WriteRune(rs[i])
	}
	return nfc(b.String())
}

// Detect guesses whether a run of text is TCVN3 or VNI mis-shown as
// Latin-1. It decodes the run both ways and counts the words that are
// valid Vietnamese syllables (IsSyllable) among those containing
// Latin-1 characters, the only ones decoding can change. A legacy encoding
// wins only when it makes at least two more such words valid than the
// text as it stands, and more than half of them: ordinary Unicode
// Vietnamese (already valid), English (ASCII, unchanged), French or German
// (decoding gives no syllables) and numbers stay Unicode. Very short runs
// are left as Unicode; use FontEncoding when the font is known.
func Detect(s string) Encoding {
	s = nfc(validUTF8(s))
	words := legacyWords(s)
	if len(words) < 2 {
		return Unicode
	}
	var orig, tc, vn int
	for _, w := range words {
		if IsSyllable(w) {
			orig++
		}
		if IsSyllable(decodeTCVN3(w, false)) {
			tc++
		}
		if IsSyllable(DecodeVNI(w)) {
			vn++
		}
	}
	best, gain := Unicode, 0
	if g := tc - orig; g > gain {
		best, gain = TCVN3, g
	}
	if g := vn - orig; g > gain {
		best, gain = VNI, g
	}
	if gain < 2 || 2*gain <= len(words) {
		return Unicode
	}
	return best
}

// legacyWords splits s into words the way legacy text must be split: the
// Latin-1 symbols ¸ µ © ... are letters in TCVN3 and VNI, so only ASCII
// non-letters, spaces (NBSP is TCVN3 0xA0 but a space either way) and
// non-letters outside Latin-1 separate words. It returns the words that
// contain a Latin-1 character and at least one letter.
func legacyWords(s string) []string {
	var words []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		start = -1
		hasLatin1, hasLetter := false, false
		for _, r := range w {
			if r >= 0xA1 && r <= 0xFF {
				hasLatin1 = true
			}
			if unicode.IsLetter(r) {
				hasLetter = true
			}
		}
		if hasLatin1 && hasLetter {
			words = append(words, w)
		}
	}
	for i, r := range s {
		sep := unicode.IsSpace(r) ||
			(r < 0x80 && !isASCIILetter(r)) ||
			(r > 0xFF && !unicode.IsLetter(r) && !unicode.Is(unicode.M, r))
		if sep {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(s))
	return words
}

func isASCIILetter(r rune) bool { return r|0x20 >= 'a' && r|0x20 <= 'z' }

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// nfc returns s in NFC. Text made of ASCII, Latin-1, Vietnamese letters and
// common punctuation is already NFC, which a rune scan shows faster than
// the general quick check.
func nfc(s string) string {
	for _, r := range s {
		switch {
		case r < 0x300, r >= 0x1E00 && r <= 0x1EFF, r >= 0x2010 && r <= 0x205E, r >= 0x20A0 && r <= 0x20C0:
		default:
			return norm.NFC.String(s)
		}
	}
	return s
}
