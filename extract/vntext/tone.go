package vntext

import (
	"strings"
	"unicode/utf8"
)

// Style is a tone-mark placement convention for the syllables oa, oe, uy.
type Style int

const (
	// StyleOld puts the mark on the first vowel: hòa, khỏe, thủy, ủy.
	// Laws still use it ("Luật Thủy sản 2017").
	StyleOld Style = iota
	// StyleNew puts it on the second vowel: hoà, khoẻ, thuỷ, uỷ, as
	// prescribed by Quyết định 1989/QĐ-BGDĐT (2018), Điều 8.
	StyleNew
)

// ToneStyle rewrites the tone placement of open oa, oe and uy syllables
// (no final consonant, no third vowel) to the given style. Every other word
// is left alone: hoàn, toàn and thuyền keep the mark where both styles put
// it, in quý the u belongs to qu, khuya and khuỷu have a third vowel. Case
// is preserved ("Ủy" → "Uỷ"). The result is NFC.
func ToneStyle(s string, st Style) string {
	s = nfc(validUTF8(s))
	if st != StyleOld && st != StyleNew {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := wordEnd(s, i)
		if w, ok := restyleWord(s[i:j], st); ok {
			if last == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:i])
			b.WriteString(w)
			last = j
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return nfc(b.String())
}

// restyleWord moves the tone of one word; ok is false when the word is not
// an oa/oe/uy syllable with a tone or already has the wanted placement.
func restyleWord(w string, st Style) (string, bool) {
	// The longest candidate is onset ngh + two vowels: 5 letters, at most
	// 3 bytes each.
	if len(w) > 15 || utf8.RuneCountInString(w) > 5 {
		return "", false
	}
	lt := letters()
	// Quick reject on the last two letters: o/u then a/e/y.
	r2, n2 := utf8.DecodeLastRuneInString(w)
	r1, _ := utf8.DecodeLastRuneInString(w[:len(w)-n2])
	l2, ok2 := lt.info[r2]
	l1, ok1 := lt.info[r1]
	if !ok1 || !ok2 || !(l1.base == 'o' && (l2.base == 'a' || l2.base == 'e') || l1.base == 'u' && l2.base == 'y') {
		return "", false
	}
	var rsBuf, bareBuf [5]rune
	var infoBuf [5]letter
	rs := rsBuf[:0]
	for _, r := range w {
		rs = append(rs, r)
	}
	info, bare := infoBuf[:len(rs)], bareBuf[:len(rs)]
	tonePos := -1
	for k, r := range rs {
		l, ok := lt.info[r]
		if !ok {
			return "", false
		}
		if l.tone != toneNone {
			if tonePos >= 0 {
				return "", false
			}
			tonePos = k
		}
		info[k], bare[k] = l, l.base
	}
	if tonePos < 0 {
		return "", false
	}
	bs := string(bare)
	for _, on := range onsets {
		rest, ok := strings.CutPrefix(bs, on)
		if !ok || on == "qu" || (rest != "oa" && rest != "oe" && rest != "uy") {
			continue
		}
		first := utf8.RuneCountInString(on)
		want := first
		if st == StyleNew {
			want = first + 1
		}
		if tonePos != first && tonePos != first+1 {
			return "", false
		}
		if tonePos == want {
			return "", false
		}
		tone := info[tonePos].tone
		from, ok1 := composeLetter(info[tonePos].base, toneNone, info[tonePos].upper)
		to, ok2 := composeLetter(info[want].base, tone, info[want].upper)
		if !ok1 || !ok2 {
			return "", false
		}
		rs[tonePos], rs[want] = from, to
		return string(rs), true
	}
	return "", false
}

// wordEnd returns where the run of word runes starting at i ends.
func wordEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += size
	}
	return i
}
