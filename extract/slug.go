package extract

import (
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govcorpus/govcorpus/extract/vntext"
)

// minSlugWords: a URL's last segment of this many words that spells a
// line of the page names that line's item. Sections' segments are their
// names ("tin-tuc-su-kien", "van-ban-phap-quy"), two to four words, which
// their pages also print as a heading.
const minSlugWords = 5

// slugLineMaxChars: a headline the URL spells is at most this long; a
// longer run of text only starts with it.
const slugLineMaxChars = 400

// slugHeadline finds the page's own headline from its URL: the element,
// outside any link, whose text the last path segment spells
// ("/vv-chuyen-don-kien-nghi-cua-ba-hoang-thi-hoa-1304/" and "V/v chuyển
// đơn kiến nghị của bà Hoàng Thị Hoa (13/04)"). CMSs make an item's URL
// from its headline, so a page whose URL spells a line it prints is that
// item's page, whatever lists of other items surround it. Nil when the
// segment is too short to be a headline or no line matches.
func slugHeadline(body *html.Node, u *url.URL) *html.Node {
	key := slugKey(u)
	if key == "" {
		return nil
	}
	var found *html.Node
	walk(body, func(n *html.Node) bool {
		if found != nil || n.Type != html.ElementNode || n.DataAtom == atom.A || skipTags[n.DataAtom] {
			return false
		}
		if !ownsText(n) {
			return true
		}
		if textOver(n, slugLineMaxChars) {
			return true // a box of lines; its own lines are reached below
		}
		if !slugStartsNode(key, n) {
			return true // most lines; their text need not be put together
		}
		t := innerText(n)
		if len(t) > slugLineMaxChars || len(t) < len(key)/2 {
			return true
		}
		if k := alnumKey(vntext.Fold(t)); slugMatches(key, k) && !hasLinkText(n) {
			found = n
		}
		return found == nil
	})
	return found
}

// slugProbe is how many of a line's letters and digits, folded, slugStarts
// compares with the slug's: enough to set aside nearly every line that
// does not start as the slug does.
const slugProbe = 4

// slugStarts reports whether line's first slugProbe letters and digits,
// folded one by one, begin key, as they do in every line slugMatches
// takes; a line with fewer is left to slugMatches. Folding each line of
// the page whole to compare it was 2% of a crawl's CPU.
func slugStarts(key, line string) bool {
	var p probe
	p.add(line)
	return p.begins(key)
}

// slugStartsNode is slugStarts of innerText(n), read from n's text nodes
// without putting its text together.
func slugStartsNode(key string, n *html.Node) bool {
	var p probe
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !p.full(); c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				p.add(c.Data)
			case c.Type == html.ElementNode && !skipTags[c.DataAtom]:
				rec(c)
			}
		}
	}
	rec(n)
	return p.begins(key)
}

// probe collects a line's first slugProbe letters and digits, folded.
type probe struct {
	buf [2 * slugProbe]byte // a folded rune adds at most a few bytes
	n   int
}

func (p *probe) full() bool { return p.n >= slugProbe }

func (p *probe) add(text string) {
	for _, r := range text {
		if p.full() {
			return
		}
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			p.buf[p.n] = byte(r)
			p.n++
		case 'A' <= r && r <= 'Z':
			p.buf[p.n] = byte(r + 'a' - 'A')
			p.n++
		case r >= 0x80:
			p.n += copy(p.buf[p.n:], alnumKey(vntext.Fold(string(r))))
		}
	}
}

func (p *probe) begins(key string) bool {
	return strings.HasPrefix(key, string(p.buf[:min(p.n, slugProbe)]))
}

// slugKey reads the page's last path segment as words, without its
// extension; "" when it has fewer than minSlugWords.
func slugKey(u *url.URL) string {
	if u == nil {
		return ""
	}
	seg := path.Base(strings.TrimRight(u.Path, "/"))
	if i := strings.LastIndexByte(seg, '.'); i > 0 {
		seg = seg[:i] // ".html", ".aspx", a forum's ".547532" id
	}
	seg = strings.ToLower(seg)
	words := strings.FieldsFunc(seg, func(r rune) bool { return r == '-' || r == '_' || r == '+' })
	if len(words) < minSlugWords {
		return ""
	}
	return alnumKey(strings.Join(words, ""))
}

// slugMatches: the line spells the segment, or the segment is the line
// and a numeric id the CMS appended.
func slugMatches(key, line string) bool {
	if line == "" {
		return false
	}
	if key == line {
		return true
	}
	rest, ok := strings.CutPrefix(key, line)
	return ok && len(line) >= len(key)/2 && strings.Trim(rest, "0123456789") == ""
}

// alnumKey keeps a folded string's ASCII letters and digits: slugs drop
// punctuation ("V/v" is "vv") and join words with hyphens.
func alnumKey(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ownsText: the element has text of its own, not only its children's
// blocks', so its text is one line.
func ownsText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockTags[c.DataAtom] {
			return false
		}
	}
	return true
}

// headlineBox is the item's own box around its headline: the largest
// ancestor that holds no link. Beyond it are the lists of other items.
func headlineBox(h *html.Node) *html.Node {
	box := h
	for p := h.Parent; p != nil && p.DataAtom != atom.Body; p = p.Parent {
		if findFirst(p, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "href") != "" }) != nil {
			break
		}
		box = p
	}
	return box
}

// ownDateLines: an item's date line is one of the few lines just above
// its headline ("Kết quả giải quyết đơn thư (14.04.2019 17:09)"); further
// up is the page header's clock.
const ownDateLines = 2

// dateLineBefore is the nearest date line among the ownDateLines lines
// above h, "" if none.
func dateLineBefore(root, h *html.Node) string {
	var last []string
	leafBlocks(root, nil, func(n *html.Node, text string) bool {
		if contains(h, n) {
			return false
		}
		last = append(last, text)
		if len(last) > ownDateLines {
			last = last[1:]
		}
		return true
	})
	for i := len(last) - 1; i >= 0; i-- {
		if isDateLine(last[i]) {
			return last[i]
		}
	}
	return ""
}
