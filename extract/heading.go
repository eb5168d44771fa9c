package extract

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// leaf is one line of the page outside the content: its element and text.
type leaf struct {
	n    *html.Node
	text string
}

// linesBefore returns up to max lines that stand before the content, nearest
// first, skipping the furniture the attempt dropped.
func linesBefore(c content, max int) []leaf {
	if len(c.nodes) == 0 {
		return nil
	}
	var before []leaf
	start := c.nodes[0]
	leafBlocks(c.root, c.dropped, func(n *html.Node, text string) bool {
		// The content's own lines end the search: tested first, as the
		// content may begin with a leaf (a lead's <div>), which also
		// "contains" start.
		if contains(start, n) {
			return false
		}
		if !contains(n, start) { // not an ancestor's own text, around the content
			before = append(before, leaf{n, text})
		}
		return true
	})
	var out []leaf
	for i := len(before) - 1; i >= 0 && len(out) < max; i-- {
		out = append(out, before[i])
	}
	return out
}

// linesAfter returns up to max lines that follow the content, nearest first,
// skipping the furniture the attempt dropped.
func linesAfter(c content, max int) []leaf {
	if len(c.nodes) == 0 {
		return nil
	}
	last := c.nodes[len(c.nodes)-1]
	var out []leaf
	seen := false // a leaf of the content's last node has gone by
	leafBlocks(c.root, c.dropped, func(n *html.Node, text string) bool {
		switch {
		case contains(n, last):
			// An ancestor's own text, around the content.
		case contains(last, n):
			seen = true
		case seen && !inContent(c, n):
			out = append(out, leaf{n, text})
		}
		return len(out) < max
	})
	return out
}

func inContent(c content, n *html.Node) bool {
	for _, cn := range c.nodes {
		if contains(cn, n) {
			return true
		}
	}
	return false
}

// itemDate reports whether a date line is a list item's: it stands in an
// <li> with a link, or beside a link in a small box of its own ("<a>Tin
// …</a><p class=date>04/05/2023</p>"), as in the "Tin mới" boxes that may
// stand before the content in a page's source.
func itemDate(n *html.Node) bool {
	for p, depth := n.Parent, 0; p != nil && depth < 3; p, depth = p.Parent, depth+1 {
		if p.DataAtom == atom.Li && hasLinkText(p) {
			return true
		}
	}
	// A date inside a link dates what the link leads to: a sidebar's
	// document ("Số: 03/2013/TT-TTCP Ngày: 06/10/2013"), a teaser.
	for p := n; p != nil; p = p.Parent {
		if p.DataAtom == atom.A && hasAttr(p, "href") {
			return true
		}
	}
	if findFirst(n, func(e *html.Node) bool {
		return e.DataAtom == atom.A && hasAttr(e, "href") && dmyRE.MatchString(innerText(e))
	}) != nil {
		return true
	}
	// Each space innerText leaves stands before a character of the text,
	// so a parent with text of 150 bytes or less has at most 300.
	p := n.Parent
	if p == nil || 2*textBytes(p) > 300 && countChars(innerText(p)) > 300 {
		return false
	}
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type == html.ElementNode && (s.DataAtom == atom.A || hasLinkText(s)) && !blockTags[s.DataAtom] {
			return true
		}
	}
	return false
}

// contentHeading is the article's own headline as the page shows it: a
// heading that opens the content, or the nearest title-like line just above
// it (past the date line). Portals built on ASP.NET, SharePoint and old
// static tables often give every page the same <title> ("Tin tức", the
// site's name, "Chi tiết tin"), so the headline on the page is the only
// title there is.
func contentHeading(c content) string {
	lead := leadingLines(c.blocks, 2)
	for i, b := range lead {
		if headingTags[b.tag] && headlineShape(b.text) && b.linkDensity() < 0.5 {
			return b.text
		}
		// A first line the date line follows is the headline set in a
		// plain element (an ASP.NET "lblTitle" <span> and a <br>).
		if i == 0 && headlineShape(b.text) && b.linkDensity() < 0.5 && len(lead) > 1 && isDateLine(lead[1].text) {
			return b.text
		}
		if b.chars >= 80 {
			break // a heading below prose heads a section
		}
	}
	// The content may open with the headline's own box, gathered with the
	// lead and body as their sibling ("news-title" over "news-sapo"):
	// marked as a title and in a headline's shape, it is no line of text.
	if len(c.nodes) > 1 && len(c.blocks) > 0 {
		if n := c.nodes[0]; titleElem(n) && headlineShape(c.blocks[0].text) && c.blocks[0].linkChars == 0 &&
			collapseSpace(innerText(n)) == c.blocks[0].text {
			return c.blocks[0].text
		}
	}
	// Date lines are passed over; headlineShape is never one, so a line
	// is read as a date only when it would end the search.
	for _, l := range linesBefore(c, 6) {
		if titleElem(l.n) && headlineShape(l.text) {
			return l.text
		}
		if countChars(l.text) >= 80 && !allBold(l.n) && !isDateLine(l.text) {
			// Prose stands between: a heading above it heads a section
			// of the page, not this text. (A lead in bold may stand
			// between a headline and the body.)
			break
		}
	}
	if len(c.nodes) > 0 {
		return inlineHeadlineAbove(c.nodes[0])
	}
	return ""
}

// inlineHeadlineAbove finds a headline set inline beside the content's own
// block, before it in a parent's own text (an ASP.NET "lblTieuDe" <span>,
// a <br> and the date's <span> over the body's <div>): linesBefore passes
// over an ancestor's text, as inlineDateAbove explains. Only an element
// marked as a title counts; runs of bare text are the parent's prose.
func inlineHeadlineAbove(start *html.Node) string {
	child := start
	for p, depth := start.Parent, 0; p != nil && depth < 3; p, child, depth = p.Parent, p, depth+1 {
		var last string
		for s := p.FirstChild; s != nil && s != child; s = s.NextSibling {
			if s.Type != html.ElementNode || blockTags[s.DataAtom] || skipTags[s.DataAtom] || s.DataAtom == atom.Br {
				continue
			}
			if t := collapseSpace(innerText(s)); titleElem(s) && headlineShape(t) {
				last = t
			}
		}
		if last != "" {
			return last
		}
	}
	return ""
}

// typedHeading is a static page's heading typed into its body in capitals,
// its first line ("QUÁ TRÌNH HÌNH THÀNH VÀ PHÁT TRIỂN"): the title when the
// page's <title> only names the site (see namesSite). Under a <title> of its
// own, such a line may be anything in capitals (an office's name over its
// contacts), so it is not taken then.
func typedHeading(c content) string {
	if len(c.blocks) == 0 {
		return ""
	}
	b := c.blocks[0]
	if headingTags[b.tag] || !isHeadingLike(b) || !headlineShape(b.text) || b.linkDensity() >= 0.5 {
		return ""
	}
	return b.text
}

// namesSite tells whether a title is the site's name: the whole of <title>,
// which the site's logo also spells (its alt text, or the text of a link to
// the home page). Such a title is the same on every page.
func namesSite(doc *html.Node, title string) bool {
	if title == "" {
		return false
	}
	return findFirst(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Img:
			return strings.EqualFold(collapseSpace(attr(n, "alt")), title)
		case atom.A:
			return homeLink(attr(n, "href")) && strings.EqualFold(collapseSpace(innerText(n)), title)
		}
		return false
	}) != nil
}

// homeLink: an href to a site's home page ("/", "https://host/").
func homeLink(href string) bool {
	u, err := url.Parse(strings.TrimSpace(href))
	return err == nil && (u.Path == "/" || u.Path == "" && u.Host != "") && u.RawQuery == "" && u.Fragment == ""
}

// headlineShape: a headline has some words, not many, and is not a sentence
// ending in a full stop (leads and summaries are).
func headlineShape(s string) bool {
	n := countFields(s, 41)
	return n >= 4 && n <= 40 && !strings.HasSuffix(s, ".") && !isDateLine(s)
}

// titleElem tells whether a line's element is marked as a headline: a
// heading tag, a class or id saying "title" (ArticleTitle, title-news,
// tieu-de) on it or inside it, or text that is all bold, as tables of old
// sites set their headlines. Lines inside links are items, not headlines.
func titleElem(n *html.Node) bool {
	if n.DataAtom == atom.H1 || n.DataAtom == atom.H2 || n.DataAtom == atom.H3 {
		return !hasLinkText(n)
	}
	named := false
	walk(n, func(e *html.Node) bool {
		if e.Type == html.ElementNode {
			ci := classID(e)
			if strings.Contains(ci, "title") || strings.Contains(ci, "tieude") || strings.Contains(ci, "tieu-de") {
				named = true
			}
		}
		return !named
	})
	if named {
		return !hasLinkText(n)
	}
	return allBold(n)
}

func hasLinkText(n *html.Node) bool {
	return findFirst(n, func(e *html.Node) bool { return e.DataAtom == atom.A && strings.TrimSpace(innerText(e)) != "" }) != nil
}

// allBold: every letter of n lies in b or strong.
func allBold(n *html.Node) bool {
	bold, plain := 0, 0
	var rec func(*html.Node, bool)
	rec = func(e *html.Node, in bool) {
		switch e.Type {
		case html.TextNode:
			if k := countLetters(e.Data); in {
				bold += k
			} else {
				plain += k
			}
			return
		case html.ElementNode:
			if e.DataAtom == atom.B || e.DataAtom == atom.Strong {
				in = true
			}
			if e.DataAtom == atom.A {
				plain++ // a linked line is an item
			}
		}
		for ch := e.FirstChild; ch != nil; ch = ch.NextSibling {
			rec(ch, in)
		}
	}
	rec(n, false)
	return bold > 0 && plain == 0
}

// articleHeaderDate is the first date line in the <header> of an <article>
// or of the <main> part of the page
// (WordPress's "entry-meta"). Such headers go with the page's furniture
// before the content is scored, as keeping them lets their kickers and
// buttons into the text; their date is read first.
func articleHeaderDate(root *html.Node) string {
	found := ""
	walk(root, func(n *html.Node) bool {
		if found != "" {
			return false
		}
		// The site's own header stands outside <article> and <main>.
		if n.DataAtom != atom.Header || !hasAncestor(n, atom.Article) && !hasAncestor(n, atom.Main) {
			return true
		}
		leafBlocks(n, nil, func(_ *html.Node, text string) bool {
			if found == "" && isDateLine(text) {
				found = text
			}
			return found == ""
		})
		return false
	})
	return found
}

// soleHeadline is the text of the page's <h1> when it has exactly one that
// is no link (a site's logo often is) and stands outside the site's own
// header, navigation, footer and asides; "" otherwise.
func soleHeadline(root *html.Node) string {
	var h1 *html.Node
	count := 0
	walk(root, func(n *html.Node) bool {
		if n.DataAtom == atom.H1 {
			h1 = n
			count++
			return false
		}
		return true
	})
	if count != 1 || hasLinkText(h1) {
		return ""
	}
	for p := h1.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Nav, atom.Footer, atom.Aside:
			return ""
		case atom.Header:
			if !hasAncestor(p, atom.Article) {
				return ""
			}
		}
	}
	return collapseSpace(innerText(h1))
}

// leadingLines returns the first max lines of the content that are not
// links. In pages laid out in one table, the content found may be a whole
// row, its menu cell first: the menu's links, which the text drops, do not
// stand between the content and its headline or date line.
func leadingLines(blocks []block, max int) []block {
	var out []block
	for _, b := range blocks {
		if len(out) == max {
			break
		}
		if b.linkChars > 0 && b.linkDensity() >= 0.5 {
			continue
		}
		out = append(out, b)
	}
	return out
}

// inlineDateAbove finds a date line set inline ("<span class=date>") beside
// the content's own block, before it in a parent's own text: such a line is
// in no leaf of its own, and linesBefore passes over an ancestor's text.
// Runs of inline text are read nearest first, up to a few levels up.
func inlineDateAbove(start *html.Node) (date, bool) {
	child := start
	for p, depth := start.Parent, 0; p != nil && depth < 3; p, child, depth = p.Parent, p, depth+1 {
		var runs []string
		var b strings.Builder
		flush := func() {
			if t := collapseSpace(b.String()); t != "" {
				runs = append(runs, t)
			}
			b.Reset()
		}
		for s := p.FirstChild; s != nil && s != child; s = s.NextSibling {
			switch {
			case s.Type == html.TextNode:
				b.WriteString(s.Data)
			case s.Type != html.ElementNode:
			case blockTags[s.DataAtom] || s.DataAtom == atom.Br || skipTags[s.DataAtom]:
				flush()
			default:
				b.WriteString(innerText(s))
			}
		}
		flush()
		for i := len(runs) - 1; i >= 0; i-- {
			if isDateLine(runs[i]) {
				if d, ok := parseDate(runs[i]); ok {
					return d, true
				}
			}
		}
	}
	return date{}, false
}

// homeTitleRE: a <title> that names the home page ("Trang chủ", "Trang
// chủ - Sở Tư pháp", "Home | …"). On any other page it is the site's
// <title>, which its CMS prints on every page.
//
// Vietnamese portals name themselves so too, and often put only that in
// every page's <title>: "Trang thông tin điện tử Huyện …", "Cổng thông tin
// điện tử tỉnh …", "Website Sở …".
var homeTitleRE = regexp.MustCompile(`(?i)^(trang chủ|trang chu|home|homepage|home page)(\s*[-|–:»]|$)|^(trang thông tin điện tử|cổng thông tin điện tử|cổng thông tin|trang tin điện tử|website) `)

func homeTitle(t string) bool {
	return homeTitleRE.MatchString(strings.TrimSpace(nfc(t)))
}

// titledLineMaxChars: a headline is at most this long; a longer line
// marked "title" is a lead set in the headline's box.
const titledLineMaxChars = 250

// A headline has this many words: more is a lead; fewer is as likely a
// section's or a box's name.
const (
	headlineMaxWords = 40
	headlineMinWords = 4
)

// headlineNear finds the page's own headline when its <title> says nothing
// of it: the first of the content's leading lines marked as a title or
// set as a heading, else the nearest such line above the content. Lines
// in a headline's shape (four words or more) go first: a section's name
// or a box's title above the content ("Tin nổi bật", "Liên kết Website")
// is shorter, and a static page titled so is found when nothing else is.
func headlineNear(c content) string {
	ok := func(text string, long bool) bool {
		n := countFields(text, headlineMaxWords+1)
		return n >= 1 && n <= headlineMaxWords && (!long || n >= headlineMinWords) &&
			!strings.HasSuffix(text, ".") && !isDateLine(text) && !metaLabelRE.MatchString(text)
	}
	for _, long := range []bool{true, false} {
		for _, b := range leadingLines(c.blocks, 3) {
			if (b.titled || headingTags[b.tag]) && b.linkChars == 0 && b.chars <= titledLineMaxChars && ok(b.text, long) {
				return b.text
			}
		}
		for _, l := range linesBefore(c, 8) {
			if t := collapseSpace(l.text); titleElem(l.n) && countChars(t) <= titledLineMaxChars && ok(t, long) {
				return t
			}
		}
	}
	return ""
}
