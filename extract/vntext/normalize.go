package vntext

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// maxPasses bounds Normalize's fixed-point loop. One pass is the usual
// case; a second is needed only when a repair uncovers more work (text
// mis-decoded twice, a zero-width space splitting a mojibake sequence).
const maxPasses = 8

// Normalize cleans one run of text for the corpus:
//
//   - repairs mojibake, UTF-8 bytes that were decoded as windows-1252 or
//     windows-1258 ("Ä‘" → "đ", "á»ƒ" → "ể", "Æ°" → "ư"), also when
//     mis-decoded twice, and including the form where the undefined bytes
//     (0x81 0x8D 0x8F 0x90 0x9D) were passed through as C1 controls
//     ("Ä"+U+0090 → "Đ"). Where a strict decoder replaced them with
//     U+FFFD the byte is guessed only when one choice gives a Vietnamese
//     syllable. A sequence that legitimate text also spells (an upper-case
//     syllable then punctuation: "XÃ”" is XÃ in quotes or the mojibake of
//     XÔ) is repaired only when the text shows unambiguous mojibake too;
//   - removes zero-width characters, bidi marks and soft hyphens;
//   - turns NBSP and the other horizontal spaces into a plain space and
//     collapses runs of them (newlines are kept);
//   - returns NFC;
//   - maps Ð/ð (U+00D0/U+00F0) to Đ/đ inside Vietnamese words.
//
// Legacy-font runs (TCVN3, VNI) must be decoded first: see Decode.
// Normalize is idempotent and its result is valid UTF-8 in NFC.
func Normalize(s string) string {
	if isClean(s) {
		return s
	}
	s = validUTF8(s)
	for range maxPasses {
		t := normalizePass(s)
		if t == s {
			break
		}
		s = t
	}
	return s
}

func normalizePass(s string) string {
	if isClean(s) {
		return s
	}
	s = repairMojibake(s)
	s = cleanSpaces(s)
	s = nfc(s)
	return fixEth(s)
}

// isClean is the fast path of Normalize: one scan that reports true only
// when no step would change s. It may report false for clean text
// (then the steps run and change nothing).
func isClean(s string) bool {
	m := cpBytes()
	prevLead, prevSpace, checkNFC := false, false, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case '\t', '\v', '\f':
				return false
			default:
				prevSpace = false
			}
			prevLead = false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		prevSpace = false
		switch {
		case r >= 0x1EA0 && r <= 0x1EF9:
			// Toned Vietnamese vowels: NFC, and in no code page.
			prevLead = false
			continue
		case r == utf8.RuneError && size == 1, r == 'Ð', r == 'ð', isHSpace(r), isInvisible(r):
			return false
		case r >= 0x300 && r < 0x370:
			return false // combining marks: NFC may compose them
		case r < 0x300, r >= 0x2010 && r <= 0x205E, r >= 0x20A0 && r <= 0x20C0:
			// NFC_QC=Yes and no composition with a following mark
			// that is not itself caught above.
		default:
			checkNFC = true
		}
		b, ok := m.byteOf(r)
		if prevLead && (r == utf8.RuneError || ok && byteClass(b) == classCont) {
			return false
		}
		prevLead = ok && byteClass(b) == classLead
	}
	return !checkNFC || norm.NFC.IsNormalString(s)
}

// Mojibake.
//
// The repair works from the characters back to the bytes they were decoded
// from, then decodes those bytes as UTF-8. A character maps to a byte if
// windows-1252 or windows-1258 decodes that byte to it, or if it is the C1
// control of the same value (decoders that pass undefined bytes through).
// A UTF-8 sequence found this way replaces its characters only if it
// decodes to something a Vietnamese page plausibly holds (Latin letters,
// Vietnamese letters and tone marks, punctuation, currency, emoji), which
// legitimate text such as "Café", "Ärger" or "São" never spells.

const (
	classNone = iota
	classCont // 0x80–0xBF, a UTF-8 continuation byte
	classLead // 0xC2–0xF4, a UTF-8 lead byte
)

type byteImage struct {
	low   [0x100]int16 // runes below U+0100: byte, or -1
	other map[rune]byte
}

var cpBytes = sync.OnceValue(func() *byteImage {
	m := &byteImage{other: make(map[rune]byte)}
	for i := range m.low {
		m.low[i] = -1
	}
	for b := 0x80; b <= 0x9F; b++ {
		m.low[b] = int16(b) // C1 pass-through
	}
	for _, cm := range []*charmap.Charmap{charmap.Windows1252, charmap.Windows1258} {
		for b := 0x80; b <= 0xFF; b++ {
			r := cm.DecodeByte(byte(b))
			switch {
			case r == utf8.RuneError:
			case r < 0x100:
				if m.low[r] < 0 {
					m.low[r] = int16(b)
				}
			default:
				if _, dup := m.other[r]; !dup {
					m.other[r] = byte(b)
				}
			}
		}
	}
	return m
})

func (m *byteImage) byteOf(r rune) (byte, bool) {
	if r < 0x100 {
		if r < 0x80 || m.low[r] < 0 {
			return 0, false
		}
		return byte(m.low[r]), true
	}
	b, ok := m.other[r]
	return b, ok
}

func byteClass(b byte) int {
	switch {
	case b >= 0x80 && b <= 0xBF:
		return classCont
	case b >= 0xC2 && b <= 0xF4:
		return classLead
	}
	return classNone
}

func seqLen(lead byte) int {
	switch {
	case lead < 0xE0:
		return 2
	case lead < 0xF0:
		return 3
	}
	return 4
}

// repairable reports whether a decoded rune is one a mojibake repair may
// produce.
func repairable(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0x17F, // Latin-1 and Latin Extended-A (ă đ ĩ ũ)
		r == 0x1A0, r == 0x1A1, r == 0x1AF, r == 0x1B0, // Ơ ơ Ư ư
		r >= 0x300 && r <= 0x303, r == 0x306, r == 0x309, r == 0x31B, r == 0x323, // NFD marks
		r >= 0x1E00 && r <= 0x1EFF,                                      // Latin Extended Additional: ạ ả ấ ... ỹ
		r >= 0x2000 && r <= 0x206F,                                      // General Punctuation: “ ” – — … • ZWSP
		r == 0x20AB, r == 0x20AC, r == 0x2116, r == 0x2122, r == 0xFEFF, // ₫ € № ™ BOM
		r >= 0x2190 && r <= 0x21FF, r >= 0x25A0 && r <= 0x25FF, // arrows, shapes
		r >= 0x2600 && r <= 0x27BF, r >= 0x1F000 && r <= 0x1FAFF: // symbols, emoji
		return true
	}
	// The rest of windows-1252's repertoire (ƒ ˆ ˜ Œ š ...), which text
	// mis-decoded twice goes through.
	_, ok := cpBytes().other[r]
	return ok
}

// hasMojibake is the fast path: it reports whether s holds a character that
// maps to a lead byte followed by one that maps to a continuation byte (or
// U+FFFD, the trace of an undefined windows-1252 byte).
func hasMojibake(s string) bool {
	m := cpBytes()
	prevLead := false
	for _, r := range s {
		if r < 0x80 {
			prevLead = false
			continue
		}
		b, ok := m.byteOf(r)
		if prevLead && (r == utf8.RuneError || ok && byteClass(b) == classCont) {
			return true
		}
		prevLead = ok && byteClass(b) == classLead
	}
	return false
}

func repairMojibake(s string) string {
	if !hasMojibake(s) {
		return s
	}
	// Ambiguous sequences (see ambiguousAt) are repaired only in text that
	// shows unambiguous mojibake elsewhere.
	out, sure := repairTokens(s, false)
	if sure {
		out, _ = repairTokens(s, true)
		out = repairLostNBSP(out)
	}
	return out
}

// repairLostNBSP handles "à" (C3 A0) in mojibake whose NBSP was already
// turned into a plain space upstream: "vÃ  Xã" → "và Xã", "hÃ nh" →
// "hành". Only called on text that shows unambiguous mojibake, and only
// after a lower-case letter, where a legitimate Ã does not occur.
func repairLostNBSP(s string) string {
	if !strings.Contains(s, "Ã ") && !strings.Contains(s, "Ă ") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r != 'Ã' && r != 'Ă') || i+size >= len(s) || s[i+size] != ' ' {
			i += size
			continue
		}
		start := i
		for start > 0 {
			p, n := utf8.DecodeLastRuneInString(s[:start])
			if !isWordRune(p) {
				break
			}
			start -= n
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if start == i || !unicode.IsLower(prev) {
			i += size
			continue
		}
		restStart := i + size + 1
		restEnd := restStart
		for restEnd < len(s) {
			p, n := utf8.DecodeRuneInString(s[restEnd:])
			if !isWordRune(p) {
				break
			}
			restEnd += n
		}
		prefix, rest := s[start:i], s[restStart:restEnd]
		switch {
		case rest != "" && !IsSyllable(rest) && IsSyllable(prefix+"à"+rest):
			b.WriteString(s[last:i])
			b.WriteString("à")
			last = restStart // drop the space: it was the NBSP inside the word
		case IsSyllable(prefix + "à"):
			b.WriteString(s[last:i])
			b.WriteString("à")
			last = i + size
		}
		i += size
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func repairTokens(s string, allowAmbiguous bool) (string, bool) {
	var b strings.Builder
	last := 0
	anySure := false
	for i := 0; i < len(s); {
		// Tokens are split at ASCII white space only: NBSP is 0xA0, a
		// continuation byte, and belongs to the mojibake.
		j := i
		for j < len(s) && !isASCIISpace(s[j]) {
			j++
		}
		if j > i {
			tok := s[i:j]
			if fixed, sure, ok := repairToken(tok, allowAmbiguous); ok {
				if b.Cap() == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[last:i])
				b.WriteString(fixed)
				last = j
				anySure = anySure || sure
			}
		}
		for j < len(s) && isASCIISpace(s[j]) {
			j++
		}
		i = j
	}
	if b.Cap() == 0 {
		return s, anySure
	}
	b.WriteString(s[last:])
	return b.String(), anySure
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// repairToken decodes the mojibake sequences of one token; ok is false
// when there was nothing to repair or the repair was rejected. Text
// mis-decoded twice needs a second round inside the token: the first round
// may leave C1 controls, NBSP or soft hyphens that belong to the second
// and that later cleanup would otherwise delete. A round's result is used
// only if it adds no C1 control.
func repairToken(tok string, allowAmbiguous bool) (fixed string, sure, ok bool) {
	if !hasMojibake(tok) {
		return "", false, false
	}
	c1 := countC1(tok)
	cur, best := tok, ""
	for range 3 {
		next, changed, s := decodeOnce(cur, allowAmbiguous)
		if !changed {
			break
		}
		sure = sure || s
		cur = next
		if countC1(cur) <= c1 {
			best = cur
		}
		if !hasMojibake(cur) {
			break
		}
	}
	if best == "" {
		return "", false, false
	}
	// Never turn a valid Vietnamese word into something that is not one.
	if IsSyllable(trimNonLetters(tok)) && !IsSyllable(trimNonLetters(best)) {
		return "", false, false
	}
	return best, sure, true
}

func countC1(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x80 && r <= 0x9F {
			n++
		}
	}
	return n
}

// decodeOnce replaces each character sequence that re-encodes to one
// repairable UTF-8 sequence. sure reports a repair that is not ambiguous.
func decodeOnce(tok string, allowAmbiguous bool) (_ string, changed, sure bool) {
	m := cpBytes()
	rs := []rune(tok)
	out := make([]rune, 0, len(rs))
	type guess struct {
		at, n int // out[at:at+n] holds the original characters
		cands []rune
	}
	var pending []guess
	var seq [4]byte
	tokHint := -1 // codePageHint(rs), computed when first needed
	for i := 0; i < len(rs); i++ {
		lead, ok := m.byteOf(rs[i])
		if !ok || byteClass(lead) != classLead {
			out = append(out, rs[i])
			continue
		}
		n := seqLen(lead)
		if i+n > len(rs) {
			out = append(out, rs[i])
			continue
		}
		seq[0] = lead
		good, lost := true, -1
		for k := 1; k < n; k++ {
			if rs[i+k] == utf8.RuneError && lost < 0 {
				lost = k
				continue
			}
			c, ok := m.byteOf(rs[i+k])
			if !ok || byteClass(c) != classCont {
				good = false
				break
			}
			seq[k] = c
		}
		if !good {
			out = append(out, rs[i])
			continue
		}
		if lost >= 0 {
			hint := codePageHint(rs[i : i+1])
			if hint == 0 {
				if tokHint < 0 {
					tokHint = codePageHint(rs)
				}
				hint = tokHint
			}
			cands := lostByteCandidates(seq[:n], lost, hint)
			switch len(cands) {
			case 0:
				out = append(out, rs[i])
				continue
			case 1:
				out = append(out, cands[0])
				changed, sure = true, true
			default:
				pending = append(pending, guess{len(out), n, cands})
				out = append(out, rs[i:i+n]...)
			}
			i += n - 1
			continue
		}
		r, size := utf8.DecodeRune(seq[:n])
		if r != utf8.RuneError && size == n && (repairable(r) || r >= 0x80 && r <= 0x9F) {
			if n == 2 && ambiguousAt(rs, i) {
				if !allowAmbiguous {
					out = append(out, rs[i])
					continue
				}
			} else {
				sure = true
			}
			out = append(out, r)
			i += n - 1
			changed = true
			continue
		}
		out = append(out, rs[i])
	}
	if len(pending) == 0 {
		return string(out), changed, sure
	}
	// Resolve the guesses against the decoded context, in one pass so a
	// token full of them stays linear.
	res := make([]rune, 0, len(out))
	at := 0
	for _, g := range pending {
		res = append(res, out[at:g.at]...)
		at = g.at
		if c, ok := pickCandidate(out, g.at, g.n, g.cands); ok {
			res = append(res, c)
			at += g.n
			changed, sure = true, true
		}
	}
	res = append(res, out[at:]...)
	out = res
	return string(out), changed, sure
}

// ambiguousAt reports a two-character sequence that legitimate text
// writes too: an upper-case word that is a Vietnamese syllable, then a
// punctuation mark ending the word. "XÃ”" is the commune XÃ in quotes, or
// the mojibake of "XÔ"; "HÃ€" is the mojibake of "HÀ".
func ambiguousAt(rs []rune, i int) bool {
	if !unicode.IsUpper(rs[i]) || i+1 >= len(rs) || isWordRune(rs[i+1]) ||
		i+2 < len(rs) && isWordRune(rs[i+2]) {
		return false
	}
	start := i
	for start > 0 && isWordRune(rs[start-1]) {
		start--
	}
	for _, r := range rs[start : i+1] {
		if unicode.IsLower(r) {
			return false
		}
	}
	return IsSyllable(string(rs[start : i+1]))
}

// Bytes windows-1252 and windows-1258 leave undefined: a strict decoder
// made them U+FFFD.
var (
	lost1252 = []byte{0x81, 0x8D, 0x8F, 0x90, 0x9D}
	lost1258 = []byte{0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E}
)

// codePageHint tells which code page produced a token, from a character
// only one of them has: 0 unknown, 1252 or 1258.
func codePageHint(rs []rune) int {
	for _, r := range rs {
		switch r {
		case 'Ã', 'Ì', 'Ò', 'Õ', 'Ý', 'Þ', 'ã', 'ì', 'ò', 'õ', 'ý', 'þ', 'Š', 'š', 'Ž', 'ž':
			return 1252
		case 'Ă', 'ă', 'Ơ', 'ơ', 'Ư', 'ư', 0x20AB, 0x0300, 0x0301, 0x0303, 0x0309, 0x0323:
			return 1258
		}
	}
	return 0
}

// lostByteCandidates returns what seq may have encoded when seq[lost] was
// one of lostBytes, keeping only what Vietnamese text plausibly holds:
// Vietnamese letters, their combining marks, and the closing quote ”
// (E2 80 9D, by far the most common such character on the web).
func lostByteCandidates(seq []byte, lost int, hint int) []rune {
	var cands []rune
	var buf [4]byte
	copy(buf[:], seq)
	lostBytes := lost1258 // the superset when the code page is unknown
	if hint == 1252 {
		lostBytes = lost1252
	}
	for _, b := range lostBytes {
		buf[lost] = b
		r, size := utf8.DecodeRune(buf[:len(seq)])
		if r == utf8.RuneError || size != len(seq) {
			continue
		}
		switch {
		case r == 'Ð':
			r = 'Đ' // C3 90: the look-alike fixEth would map anyway
		case r == 0x201D, r == 0x0301, r == 0x0300, r == 0x0303, r == 0x0309, r == 0x0323,
			r == 0x0302, r == 0x0306, r == 0x031B:
		default:
			if _, ok := letters().info[r]; !ok || r < 0x80 {
				continue
			}
		}
		cands = append(cands, r)
	}
	return cands
}

// pickCandidate chooses the replacement for out[at:at+n]: the only
// candidate that makes the surrounding word a Vietnamese syllable, with
// letters of the wrong case (Ố inside "đ?m") left out.
func pickCandidate(out []rune, at, n int, cands []rune) (rune, bool) {
	start, end := at, at+n
	for start > 0 && isWordRune(out[start-1]) {
		start--
	}
	for end < len(out) && isWordRune(out[end]) {
		end++
	}
	lowerCtx, upperCtx := false, false
	for _, r := range out[start:at] {
		lowerCtx = lowerCtx || unicode.IsLower(r)
		upperCtx = upperCtx || unicode.IsUpper(r)
	}
	for _, r := range out[at+n : end] {
		lowerCtx = lowerCtx || unicode.IsLower(r)
		upperCtx = upperCtx || unicode.IsUpper(r)
	}
	var pick rune
	found := 0
	for _, c := range cands {
		if unicode.IsUpper(c) && lowerCtx && start < at || unicode.IsLower(c) && upperCtx && !lowerCtx {
			continue
		}
		w := string(out[start:at]) + string(c) + string(out[at+n:end])
		if IsSyllable(w) {
			pick = c
			found++
		}
	}
	return pick, found == 1
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.M, r) }

func trimNonLetters(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// Spaces and invisible characters.

// isHSpace reports horizontal white space: what becomes one plain space.
func isHSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\v', '\f', 0xA0, 0x1680, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// isInvisible reports characters removed outright: zero-width spaces and
// joiners, bidi marks, word joiners and invisible operators, the BOM, the
// Mongolian vowel separator and the soft hyphen.
func isInvisible(r rune) bool {
	switch r {
	case 0xAD, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF:
		return true
	}
	return r >= 0x2060 && r <= 0x2064
}

// keepsZWJ reports whether a zero-width joiner after prev is part of an
// emoji sequence (👨‍👩‍👧), the one place it carries meaning in this corpus.
func keepsZWJ(prev rune) bool {
	return prev == 0xFE0F || prev >= 0x1F000 && prev <= 0x1FAFF || prev >= 0x2600 && prev <= 0x27BF
}

func cleanSpaces(s string) string {
	var b strings.Builder
	last := 0     // s[last:i] is still to be copied to b
	var prev rune // last rune of the output
	for i, r := range s {
		emit := r
		switch {
		case r == 0x200D && keepsZWJ(prev):
		case isInvisible(r):
			emit = -1
		case isHSpace(r):
			emit = ' '
			if prev == ' ' {
				emit = -1
			}
		}
		if emit != r {
			if b.Cap() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:i])
			if emit >= 0 {
				b.WriteRune(emit)
			}
			last = i + utf8.RuneLen(r)
		}
		if emit >= 0 {
			prev = emit
		}
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// Look-alike Đ.

// fixEth maps Ð/ð (Icelandic eth, U+00D0/U+00F0, which fonts draw like Đ)
// to Đ/đ in words that it turns into Vietnamese syllables ("Ðà Nẵng"), and
// in upper-case abbreviations ("QÐ-BGDÐT") when the text is otherwise
// Vietnamese. Icelandic words ("Guðrún", "með") stay as they are.
func fixEth(s string) string {
	if !strings.ContainsRune(s, 'Ð') && !strings.ContainsRune(s, 'ð') {
		return s
	}
	viet := hasVietnameseLetter(s)
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := wordEnd(s, i)
		w := s[i:j]
		if strings.ContainsRune(w, 'Ð') || strings.ContainsRune(w, 'ð') {
			d := strings.NewReplacer("Ð", "Đ", "ð", "đ").Replace(w)
			if IsSyllable(d) || viet && isAbbreviation(d) {
				b.WriteString(s[last:i])
				b.WriteString(d)
				last = j
			}
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// hasVietnameseLetter reports a letter that in practice only Vietnamese
// uses: Ă ă Đ đ Ĩ ĩ Ũ ũ Ơ ơ Ư ư, or any of U+1EA0–U+1EF9 (ạ ả ấ ... ỹ).
func hasVietnameseLetter(s string) bool {
	for _, r := range s {
		switch r {
		case 'Ă', 'ă', 'Đ', 'đ', 'Ĩ', 'ĩ', 'Ũ', 'ũ', 'Ơ', 'ơ', 'Ư', 'ư':
			return true
		}
		if r >= 0x1EA0 && r <= 0x1EF9 {
			return true
		}
	}
	return false
}

// isAbbreviation: 2 to 10 upper-case letters with at least one Đ, like
// "QĐ", "BGDĐT", "ĐHQG".
func isAbbreviation(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 10 && strings.ContainsRune(w, 'Đ')
}
