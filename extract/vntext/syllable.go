package vntext

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Tones, in the order of the combining marks in toneMarks.
const (
	toneNone = iota
	toneGrave
	toneAcute
	toneHook
	toneTilde
	toneDot
	numTones
)

var toneMarks = [numTones]string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}

// vowelBases are the twelve Vietnamese vowel letters without tone.
const vowelBases = "aăâeêioôơuưy"

// letter describes one precomposed Vietnamese letter.
type letter struct {
	base  rune // lower-case letter without tone: 'a', 'ă', 'đ', 'b', ...
	tone  int8
	upper bool
	vowel bool
}

// letters holds every Vietnamese letter (12 vowels × 6 tones and the
// consonants, both cases) and the inverse, vowel+tone → precomposed rune.
type letterTables struct {
	info    map[rune]letter
	compose map[rune][numTones]rune // key: lower-case toneless vowel
	// folded is the ASCII letter each non-ASCII one of info folds to,
	// indexed by rune - foldedFirst (0: not a Vietnamese letter). A map
	// lookup for every letter of every text was most of Fold's time.
	folded []byte
}

// foldedFirst is the first rune of letterTables.folded: À, below which
// no precomposed Vietnamese letter lies.
const foldedFirst = 0xC0

var letters = sync.OnceValue(func() *letterTables {
	t := &letterTables{info: make(map[rune]letter), compose: make(map[rune][numTones]rune)}
	for _, v := range vowelBases {
		var row [numTones]rune
		for tone := range numTones {
			// NFC gives the precomposed letter; every Vietnamese vowel+tone
			// has one, so the rune count check only guards the table.
			c := []rune(norm.NFC.String(string(v) + toneMarks[tone]))
			if len(c) != 1 {
				continue
			}
			row[tone] = c[0]
			t.info[c[0]] = letter{base: v, tone: int8(tone), vowel: true}
			t.info[unicode.ToUpper(c[0])] = letter{base: v, tone: int8(tone), upper: true, vowel: true}
		}
		t.compose[v] = row
	}
	for _, c := range "bcdđghklmnpqrstvx" {
		t.info[c] = letter{base: c}
		t.info[unicode.ToUpper(c)] = letter{base: c, upper: true}
	}
	last := rune(0)
	for r := range t.info {
		last = max(last, r)
	}
	t.folded = make([]byte, last-foldedFirst+1)
	for r, l := range t.info {
		if r >= foldedFirst {
			t.folded[r-foldedFirst] = byte(foldBase(l.base))
		}
	}
	return t
})

// composeLetter returns the vowel base with the given tone, upper-cased if
// asked; ok is false when base is not a Vietnamese vowel.
func composeLetter(base rune, tone int8, upper bool) (rune, bool) {
	row, ok := letters().compose[base]
	if !ok || tone < 0 || int(tone) >= numTones || row[tone] == 0 {
		return 0, false
	}
	r := row[tone]
	if upper {
		r = unicode.ToUpper(r)
	}
	return r, true
}

// onsets are the initial consonants, longest first so "ngh" is tried before "ng".
var onsets = []string{"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""}

// openNuclei may end a syllable; closedNuclei may take a final consonant.
// The sets are those of standard orthography, slightly permissive (loan
// syllables like "boong" are accepted) because they only have to tell
// Vietnamese from mis-decoded text.
var openNuclei = setOf("a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
	"ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "iêu", "yêu",
	"oa", "oai", "oao", "oay", "oe", "oeo", "oi", "ôi", "ơi", "ua", "uây", "ui", "uê",
	"uy", "uya", "uyu", "ưa", "ưi", "ưu", "ươi", "ươu", "uôi", "uơ")

var closedNuclei = setOf("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
	"iê", "yê", "uô", "ươ", "oa", "oă", "oe", "uâ", "uê", "uy", "uyê", "oo", "ôô", "uơ")

// codas are the final consonants; stops restrict the tone to acute or dot.
var codas = []string{"ng", "nh", "ch", "c", "m", "n", "p", "t"}

func setOf(ss ...string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}

// IsSyllable reports whether word is one well-formed Vietnamese syllable:
// an optional initial consonant, a vowel nucleus and an optional final
// consonant, at most one tone mark, and only the acute or dot-below tone
// before a final c, ch, p or t. Case is ignored; the input may be NFD.
// It judges form only: an ASCII word that happens to be well formed
// ("the", "ban") passes, "Café" and "Straße" do not.
func IsSyllable(word string) bool {
	if word == "" || len(word) > 32 {
		return false
	}
	if !norm.NFC.IsNormalString(word) {
		word = norm.NFC.String(word)
	}
	var buf [16]rune
	bare := buf[:0]
	tone := int8(toneNone)
	lt := letters()
	for _, r := range word {
		l, ok := lt.info[r]
		if !ok {
			return false
		}
		if l.tone != toneNone {
			if tone != toneNone {
				return false
			}
			tone = l.tone
		}
		bare = append(bare, l.base)
	}
	return validBare(string(bare), tone)
}

// validBare checks a lower-case toneless syllable carrying tone.
func validBare(w string, tone int8) bool {
	for _, on := range onsets {
		rest, ok := strings.CutPrefix(w, on)
		if !ok {
			continue
		}
		if on == "gi" && (rest == "" || strings.HasPrefix(rest, "ê")) {
			// "gì", "giêng": after gi the i of the nucleus is not written again.
			rest = "i" + rest
		}
		if rest == "" || !onsetFits(on, rest) {
			continue
		}
		if validRhyme(rest, tone) {
			return true
		}
	}
	return false
}

// onsetFits applies the spelling rules that depend on the next vowel:
// k, gh and ngh only before e, ê, i (y); c, g and ng never before them.
func onsetFits(on, rest string) bool {
	front := strings.HasPrefix(rest, "e") || strings.HasPrefix(rest, "ê") ||
		strings.HasPrefix(rest, "i") || strings.HasPrefix(rest, "y")
	switch on {
	case "k", "gh", "ngh":
		return front
	case "c", "ng":
		return !front
	case "g":
		return !strings.HasPrefix(rest, "e") && !strings.HasPrefix(rest, "ê")
	case "qu":
		return !strings.HasPrefix(rest, "u") && !strings.HasPrefix(rest, "o")
	}
	return true
}

func validRhyme(r string, tone int8) bool {
	if openNuclei[r] {
		return true
	}
	for _, c := range codas {
		nuc, ok := strings.CutSuffix(r, c)
		if !ok || nuc == "" || !closedNuclei[nuc] {
			continue
		}
		switch c {
		case "c", "ch", "p", "t":
			if tone != toneNone && tone != toneAcute && tone != toneDot {
				continue
			}
		}
		switch c {
		case "ch", "nh":
			if nuc != "a" && nuc != "ê" && nuc != "i" && nuc != "y" && nuc != "oa" && nuc != "uê" && nuc != "uy" {
				continue
			}
		case "c", "ng":
			if nuc == "ê" || nuc == "i" || nuc == "y" || nuc == "uê" || nuc == "uy" {
				continue
			}
		}
		return true
	}
	return false
}
