package extract

import (
	"math"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Small helpers over x/net/html nodes.

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// classID is the lower-cased class and id of an element, for pattern tests.
func classID(n *html.Node) string {
	c, id := attr(n, "class"), attr(n, "id")
	if c == "" && id == "" {
		return ""
	}
	return strings.ToLower(c + " " + id)
}

// walk calls f on n and its descendants in document order; f returns false to skip
// a node's children.
func walk(n *html.Node, f func(*html.Node) bool) {
	if !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling // f may detach c
		walk(c, f)
		c = next
	}
}

func findAll(root *html.Node, pred func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	walk(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode && pred(n) {
			out = append(out, n)
		}
		return true
	})
	return out
}

func findFirst(root *html.Node, pred func(*html.Node) bool) *html.Node {
	var found *html.Node
	walk(root, func(n *html.Node) bool {
		if found != nil {
			return false
		}
		if n.Type == html.ElementNode && pred(n) {
			found = n
			return false
		}
		return true
	})
	return found
}

func remove(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

func contains(anc, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == anc {
			return true
		}
	}
	return false
}

// textStats measures the visible text below n: characters (after collapsing
// whitespace, counted in runes) and how many of them sit inside links.
type textStats struct {
	chars, linkChars int
	commas           int
}

func measure(n *html.Node) textStats {
	var s textStats
	var rec func(n *html.Node, inLink bool)
	rec = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			c := countChars(n.Data)
			s.chars += c
			if inLink {
				s.linkChars += c
			}
			s.commas += countCommas(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.A && hasAttr(n, "href") && !isFileLink(attr(n, "href")) {
				inLink = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, inLink)
		}
	}
	rec(n, false)
	return s
}

// measureAll is measure for every element below root, in one pass.
func measureAll(root *html.Node) map[*html.Node]textStats {
	// Sized up front: growing a map of thousands of entries rehashes it
	// again and again.
	elems := 0
	walk(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			elems++
		}
		return true
	})
	all := make(map[*html.Node]textStats, elems)
	var rec func(n *html.Node) textStats
	rec = func(n *html.Node) textStats {
		var s textStats
		switch n.Type {
		case html.TextNode:
			s.chars = countChars(n.Data)
			s.commas = countCommas(n.Data)
			return s
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return s
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			cs := rec(c)
			s.chars += cs.chars
			s.linkChars += cs.linkChars
			s.commas += cs.commas
		}
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.A && hasAttr(n, "href") && !isFileLink(attr(n, "href")) {
				s.linkChars = s.chars
			}
			all[n] = s
		}
		return s
	}
	rec(root)
	return all
}

// isFileLink tells a link to a document file (pdf, doc, xls…) from a link
// to a page. Such links are text, not navigation: a notice whose body is one
// sentence over its attached documents is prose with links, not a box of
// links (the vi-gov ground truth keeps attachment link texts). It matches
// what attachmentRE matches, without a regexp, as measure sees every link.
func isFileLink(href string) bool {
	href = strings.TrimSpace(href)
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	i := strings.LastIndexByte(href, '.')
	if i < 0 || len(href)-i > 5 || strings.ContainsRune(href[i:], '/') {
		return false
	}
	return fileExts[strings.ToLower(href[i+1:])]
}

// fileExts are the extensions of document files, as in attachmentRE.
var fileExts = map[string]bool{
	"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true, "ppt": true, "pptx": true,
	"odt": true, "ods": true, "rtf": true, "zip": true, "rar": true, "7z": true,
}

func (s textStats) linkDensity() float64 {
	if s.chars == 0 {
		return 0
	}
	return float64(s.linkChars) / float64(s.chars)
}

// isSpace is unicode.IsSpace, answered without its table search for the
// letters of Vietnamese (U+00C0–U+01B0, U+1EA0–U+1EF9) and most others:
// every character of every pass over a page's text asks it.
func isSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == ' ' || '\t' <= r && r <= '\r'
	case r < 0x1680:
		return r == 0x85 || r == 0xa0
	case r < 0x2000:
		return r == 0x1680
	case r <= 0x200a:
		return true
	default:
		return r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000
	}
}

// isBlank is white space as collapseSpace treats it: isSpace, and the
// zero-width space and byte-order mark pages put between words.
func isBlank(r rune) bool {
	return isSpace(r) || r == '\u200b' || r == '\ufeff'
}

// countChars counts non-space runes, with each run of spaces counted as one.
func countChars(s string) int {
	n, space := 0, true
	for i := 0; i < len(s); {
		// ASCII, most of any page's text even in Vietnamese, needs no decoding.
		if b := s[i]; b < utf8.RuneSelf {
			i++
			if b == ' ' || '\t' <= b && b <= '\r' {
				if !space {
					n++
				}
				space = true
				continue
			}
			space = false
			n++
			continue
		}
		if size := letterLen(s, i); size > 0 {
			i += size
			space = false
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isSpace(r) {
			if !space {
				n++
			}
			space = true
			continue
		}
		space = false
		n++
	}
	return n
}

// letterLen is the length of the rune at s[i] when it is one of the
// letters and marks that fill Latin text, Vietnamese's above all: a valid
// rune from U+00C0 to U+07FF or from U+1E00 to U+1EFF, none of them a
// space. It is 0 for any other rune, which is decoded: decoding every one
// of a Vietnamese page's letters was a twentieth of a crawl's CPU.
func letterLen(s string, i int) int {
	switch c := s[i]; {
	case 0xc3 <= c && c <= 0xdf:
		if i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
			return 2
		}
	case c == 0xe1:
		if i+2 < len(s) && 0xb8 <= s[i+1] && s[i+1] <= 0xbb && s[i+2]&0xc0 == 0x80 {
			return 3
		}
	}
	return 0
}

// commaBytes marks the bytes countCommas stops at: ',' and ';' and the lead
// bytes of '，', '、' and '،'. One table load per byte is cheaper than a switch
// on text, nearly all of which holds none of them.
var commaBytes = [256]bool{',': true, ';': true, 0xef: true, 0xe3: true, 0xd8: true}

func countCommas(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if !commaBytes[s[i]] {
			continue
		}
		switch s[i] {
		case ',', ';':
			n++
		case 0xef, 0xe3, 0xd8: // lead bytes of '，', '、', '،'
			switch r, _ := utf8.DecodeRuneInString(s[i:]); r {
			case '，', '、', '،':
				n++
			}
		}
	}
	return n
}

// textOver tells whether innerText(n) is longer than limit bytes, without
// building it: it counts the bytes collapseSpace keeps of the characters
// that are no white space, and stops past the limit. Asked of every element
// of a page, building each one's text would cost the page's size squared.
func textOver(n *html.Node, limit int) bool {
	count := 0
	var rec func(*html.Node) bool
	rec = func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			for i := 0; i < len(n.Data); {
				c := n.Data[i]
				if c < utf8.RuneSelf {
					i++
					if c != ' ' && (c < '\t' || c > '\r') {
						count++
					}
					continue
				}
				r, size := utf8.DecodeRuneInString(n.Data[i:])
				i += size
				if !isBlank(r) && r != utf8.RuneError {
					count += size
				}
			}
			return count > limit
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if rec(c) {
				return true
			}
		}
		return false
	}
	return rec(n)
}

// innerText is the collapsed text of n on one line.
func innerText(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return
			}
			if blockTags[n.DataAtom] || n.DataAtom == atom.Br {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	rec(n)
	return collapseSpace(b.String())
}

// collapseSpace trims s and turns each run of white space into one space.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		// ASCII, most of any page's text, needs no decoding.
		if c := s[i]; c < utf8.RuneSelf {
			i++
			if c == ' ' || '\t' <= c && c <= '\r' {
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		size := letterLen(s, i)
		if size == 0 {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if isBlank(r) {
				i += size
				space = true
				continue
			}
			if r == utf8.RuneError {
				i += size
				continue
			}
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteString(s[i : i+size]) // valid UTF-8 as it stands
		i += size
	}
	return b.String()
}

// skipTags never carry reader-visible text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Title: true, atom.Meta: true, atom.Link: true,
	atom.Svg: true, atom.Math: true, atom.Canvas: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Select: true, atom.Option: true, atom.Textarea: true,
	atom.Button: true, atom.Input: true,
	// <noframes> is kept as raw text, markup and all, by the parser; it only
	// tells old browsers the page is made of frames.
	atom.Noframes: true,
	// Ruby readings (<rt>, and the <rp> brackets for browsers without ruby)
	// annotate the base text above it; read inline they split its words
	// ("輪島わじま港").
	atom.Rt: true, atom.Rp: true,
	// <marquee> scrolls a ticker of headlines or a greeting across the
	// page's furniture; no article is written in one.
	atom.Marquee: true,
}

// blockTags break a line of text.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Ul: true, atom.Menu: true, atom.Caption: true, atom.Body: true, atom.Html: true,
	atom.Picture: true, atom.Video: true, atom.Audio: true,
}

var headingTags = map[atom.Atom]bool{
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// collapsedCount counts what countChars and countCommas would find in the
// collapseSpace of a text fed to it in pieces, without building that text:
// scoring needs only the counts, for every paragraph of every attempt.
type collapsedCount struct {
	chars, commas int
	gap, started  bool // white space is pending; a character was seen
}

func (c *collapsedCount) space() { c.gap = true }

func (c *collapsedCount) text(s string) {
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch r {
			case ' ', '\t', '\n', '\v', '\f', '\r':
				c.gap = true
				continue
			}
		} else if isBlank(r) {
			c.gap = true
			continue
		} else if r == utf8.RuneError {
			continue
		}
		if c.gap && c.started {
			c.chars++ // the one space the run collapses to
		}
		c.gap, c.started = false, true
		c.chars++
		switch r {
		case ',', '，', '、', '،', ';':
			c.commas++
		}
	}
}

// innerCount is collapsedCount of innerText(n).
func innerCount(n *html.Node) collapsedCount {
	var c collapsedCount
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			c.text(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return
			}
			if blockTags[n.DataAtom] || n.DataAtom == atom.Br {
				c.space()
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			rec(ch)
		}
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			c.space()
		}
	}
	rec(n)
	return c
}

// ownCount is collapsedCount of ownText(n).
func ownCount(n *html.Node) collapsedCount {
	var c collapsedCount
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				c.text(ch.Data)
			case html.ElementNode:
				if skipTags[ch.DataAtom] || blockTags[ch.DataAtom] {
					c.space()
					continue
				}
				if ch.DataAtom == atom.Br {
					c.space()
				}
				rec(ch)
			}
		}
	}
	rec(n)
	return c
}

// Words counts s's words as strings.Fields splits them, without making
// the slice of them: the crawler stores every article's count, and
// strings.Fields allocated a string header for each word of each text.
func Words(s string) int { return countFields(s, math.MaxInt) }

// countFields is min(len(strings.Fields(s)), limit), without building the
// fields: the tests that count words want only to know if there are enough.
func countFields(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s) && n < limit; {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if isSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}
