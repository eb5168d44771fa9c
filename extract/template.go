package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Fingerprint identifies a text block by its case-folded, space-collapsed text.
type Fingerprint uint64

// Template tells how common text blocks are across one host's pages. Blocks
// that appear on most of a host's pages (menus, footers, counters, polls) are
// its template, not content. Implementations must be safe for concurrent reads.
type Template interface {
	// Pages is the number of the host's pages the counts cover.
	Pages() int
	// Count is the number of those pages on which the block appeared.
	Count(fp Fingerprint) int
}

// Template statistics are trusted only after this many pages, and a block is
// boilerplate when it is on at least this share of them.
const (
	templateMinPages = 5
	templateShare    = 0.5
)

// TemplateCounts is an in-memory Template for one host.
type TemplateCounts struct {
	mu     sync.RWMutex
	pages  int
	counts map[Fingerprint]int
}

// Add counts one page's fingerprints (as in Article.Fingerprints).
func (t *TemplateCounts) Add(fps []Fingerprint) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.counts == nil {
		t.counts = make(map[Fingerprint]int)
	}
	t.pages++
	seen := make(map[Fingerprint]bool, len(fps))
	for _, fp := range fps {
		if !seen[fp] {
			seen[fp] = true
			t.counts[fp]++
		}
	}
}

// Pages implements Template.
func (t *TemplateCounts) Pages() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.pages
}

// Count implements Template.
func (t *TemplateCounts) Count(fp Fingerprint) int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.counts[fp]
}

func isBoilerplate(t Template, fp Fingerprint) bool {
	if t == nil {
		return false
	}
	n := t.Pages()
	if n < templateMinPages {
		return false
	}
	return float64(t.Count(fp)) >= templateShare*float64(n)
}

// fingerprintText hashes a block's text folded to lower case with white space
// collapsed; it returns false for text too short to tell anything.
func fingerprintText(s string) (Fingerprint, bool) {
	// Hashed as it is read, as ownFingerprint hashes a block: the same
	// fingerprint, without building the folded copy.
	f := fingerprinter{h: fnvOffset}
	f.text(s)
	return Fingerprint(f.h), f.letters >= 2
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if _, alnum := lowerAlnum(r); alnum {
			n++
		}
	}
	return n
}

// lowerAlnum is unicode.ToLower(r), and whether that is a letter or a
// digit. The runes of Latin scripts, Vietnamese's among them, are read
// from a table: the unicode package finds each in its ranges by binary
// search, and a page's fingerprints and counts ask of every rune.
func lowerAlnum(r rune) (lower rune, alnum bool) {
	if r >= 0 && r < caseTableSize {
		e := latinCase()[r]
		return rune(e &^ alnumBit), e&alnumBit != 0
	}
	lower = unicode.ToLower(r)
	return lower, unicode.IsLetter(lower) || unicode.IsDigit(lower)
}

// caseTableSize: the table holds the runes below U+2000, Latin (Latin
// Extended Additional, Vietnamese's letters with two marks, included),
// Greek and Cyrillic; a page's other runes are rare enough for the
// unicode package.
const caseTableSize = 0x2000

// alnumBit marks a table entry whose lower case is a letter or a digit.
const alnumBit = 1 << 31

var latinCase = sync.OnceValue(func() *[caseTableSize]uint32 {
	var t [caseTableSize]uint32
	for r := range rune(caseTableSize) {
		lower := unicode.ToLower(r)
		t[r] = uint32(lower)
		if unicode.IsLetter(lower) || unicode.IsDigit(lower) {
			t[r] |= alnumBit
		}
	}
	return &t
})

// leafBlocks calls f for each element that holds text directly in its own line
// (a p, li, td, heading, or a div with text beside its children), with that text.
// Elements in skip are passed over as if removed. Once f returns false the
// walk ends: callers that have found what they look for then build no more
// of the page's text.
func leafBlocks(root *html.Node, skip map[*html.Node]bool, f func(n *html.Node, text string) bool) {
	walkBlocks(root, skip, func(n *html.Node) bool {
		t := ownText(n)
		return t == "" || f(n, t)
	})
}

// walkBlocks calls f for each element under root (root included) that may
// hold text in its own line: a block, a td or a th, outside skipTags and
// skip. The walk ends once f returns false.
func walkBlocks(root *html.Node, skip map[*html.Node]bool, f func(n *html.Node) bool) {
	done := false
	walk(root, func(n *html.Node) bool {
		if done {
			return false
		}
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if skipTags[n.DataAtom] || skip[n] {
			return false
		}
		if !blockTags[n.DataAtom] && n.DataAtom != atom.Td && n.DataAtom != atom.Th {
			return true
		}
		if !f(n) {
			done = true
			return false
		}
		return true
	})
}

// ownText is the text of n outside its block children, collapsed.
func ownText(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if skipTags[c.DataAtom] || blockTags[c.DataAtom] {
					b.WriteByte(' ')
					continue
				}
				if c.DataAtom == atom.Br {
					b.WriteByte(' ')
				}
				rec(c)
			}
		}
	}
	rec(n)
	return collapseSpace(b.String())
}

func pageFingerprints(body *html.Node) []Fingerprint {
	var fps []Fingerprint
	walk(body, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if skipTags[n.DataAtom] {
			return false
		}
		if !blockTags[n.DataAtom] && n.DataAtom != atom.Td && n.DataAtom != atom.Th {
			return true
		}
		if fp, ok := ownFingerprint(n); ok {
			fps = append(fps, fp)
		}
		return true
	})
	slices.Sort(fps)
	return slices.Compact(fps)
}

// textBlocksOf are the text blocks in and under nodes that the article's
// text holds, as dropTemplateBlocks reads them, skipping the elements in
// skip: each with its fingerprint, and whether it is a whole line of the
// text or inside one. A block the line filters dropped (a share bar, a
// view counter) is left out: it is no reason to read the page again.
// Most blocks are whole lines, told by their fingerprints alone; only the
// others' text is built, to look for it in the text.
func textBlocksOf(nodes []*html.Node, skip map[*html.Node]bool, text string) []textBlock {
	lines := map[Fingerprint]bool{}
	for _, l := range strings.Split(text, "\n") {
		if fp, ok := fingerprintText(l); ok {
			lines[fp] = true
		}
	}
	var out []textBlock
	for _, root := range nodes {
		walkBlocks(root, skip, func(n *html.Node) bool {
			fp, ok := ownFingerprint(n)
			switch {
			case !ok:
			case lines[fp]:
				out = append(out, textBlock{fp: fp, whole: true})
			case strings.Contains(text, nfc(ownText(n))):
				out = append(out, textBlock{fp: fp})
			}
			return true
		})
	}
	return out
}

// ownFingerprint is fingerprintText(ownText(n)), hashed as the text is read:
// every block of every page is fingerprinted, and most are short.
func ownFingerprint(n *html.Node) (Fingerprint, bool) {
	f := fingerprinter{h: fnvOffset}
	f.own(n)
	return Fingerprint(f.h), f.letters >= 2
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fingerprinter feeds text, collapsed as collapseSpace does and lower-cased
// as strings.ToLower does, to FNV-1a.
type fingerprinter struct {
	h            uint64
	letters      int
	gap, started bool
}

func (f *fingerprinter) own(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			f.text(c.Data)
		case html.ElementNode:
			if skipTags[c.DataAtom] || blockTags[c.DataAtom] {
				f.gap = true
				continue
			}
			if c.DataAtom == atom.Br {
				f.gap = true
			}
			f.own(c)
		}
	}
}

func (f *fingerprinter) text(s string) {
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch r {
			case ' ', '\t', '\n', '\v', '\f', '\r':
				f.gap = true
				continue
			}
		} else if isBlank(r) {
			f.gap = true
			continue
		} else if r == utf8.RuneError {
			continue
		}
		if f.gap && f.started {
			f.h = (f.h ^ ' ') * fnvPrime
		}
		f.gap, f.started = false, true
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			f.h = (f.h ^ uint64(r)) * fnvPrime
			if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
				f.letters++
			}
			continue
		}
		lower, alnum := lowerAlnum(r)
		var buf [utf8.UTFMax]byte
		for _, b := range buf[:utf8.EncodeRune(buf[:], lower)] {
			f.h = (f.h ^ uint64(b)) * fnvPrime
		}
		if alnum {
			f.letters++
		}
	}
}

// dropTemplateBlocks removes the blocks that the host's template holds.
func dropTemplateBlocks(body *html.Node, t Template) {
	var drop []*html.Node
	leafBlocks(body, nil, func(n *html.Node, text string) bool {
		// A headline is kept whatever the counts say: a static page's
		// title is also the menu item every page links it by.
		if titleElem(n) && !hasLinkText(n) && !allBold(n) {
			return true
		}
		if fp, ok := fingerprintText(text); ok && isBoilerplate(t, fp) {
			drop = append(drop, n)
		}
		return true
	})
	for _, n := range drop {
		// Remove only the block's own text; block children were judged apart.
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.TextNode || (c.Type == html.ElementNode && !blockTags[c.DataAtom]) {
				n.RemoveChild(c)
			}
			c = next
		}
	}
}

// NewTemplateCounts returns a Template holding statistics gathered earlier
// (a crawl keeps them per host in its database, so a recrawl starts with
// them).
func NewTemplateCounts(pages int, counts map[Fingerprint]int) *TemplateCounts {
	return &TemplateCounts{pages: pages, counts: counts}
}
