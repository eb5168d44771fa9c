package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Words looked for in class and id (lower-cased, as substrings). The English
// ones follow Mozilla Readability and trafilatura, with the donation appeals
// and affiliate disclosures news sites set into their text; the Vietnamese
// ones name the boxes of government portals (links box, visitor counter,
// poll, other news).
// Plain substring tests: Go's regexp backtracks slowly on long alternations.
var (
	unlikelyWords = words(`-ad- ai2html banner breadcrumb combx comment community cover-wrap disqus extra
		footer gdpr header legends menu related remark replies rss shoutbox sidebar skyscraper social sponsor
		supplemental ad-break agegate pagination pager popup yom-remote newsletter subscribe cookie consent
		share sharing tags toolbar navbar lien-ket lienket weblink thong-ke thongke binh-chon binhchon poll
		counter visitor tin-khac tinkhac tin-lien-quan tinlienquan othernews other-news quang-cao quangcao
		hotline login donate donation disclosure`)
	maybeWords = words(`and article body column content main shadow journal detail chitiet chi-tiet
		noi-dung noidung`)
	negativeWords = words(`-ad- hidden banner combx comment com- contact footer gdpr masthead media meta
		outbrain promo related scroll share shoutbox sidebar skyscraper sponsor shopping tags widget menu nav
		lien-ket lienket weblink thong-ke thongke binh-chon binhchon poll counter tin-khac tinkhac
		tin-lien-quan tinlienquan other quang-cao quangcao byline author caption`)
	positiveWords = words(`article body content entry hentry h-entry main page post text blog story
		journal detail chitiet chi-tiet noi-dung noidung`)
	// Roles whose elements are never content.
	unlikelyRoles = map[string]bool{
		"menu": true, "menubar": true, "complementary": true, "navigation": true,
		"alert": true, "alertdialog": true, "dialog": true, "banner": true, "contentinfo": true,
		"search": true,
	}
)

// wordList holds its words by their first byte, so that one scan of a class
// name tests them all; classes are read on every element of every attempt.
type wordList [256][]string

func words(s string) *wordList {
	var w wordList
	for _, x := range strings.Fields(s) {
		w[x[0]] = append(w[x[0]], x)
	}
	return &w
}

// in reports whether s (lower case) contains one of the words.
func (w *wordList) in(s string) bool {
	for i := 0; i < len(s); i++ {
		for _, x := range w[s[i]] {
			if strings.HasPrefix(s[i:], x) {
				return true
			}
		}
	}
	return false
}

// classWeight scores an element's class and id: +25 for each content-like
// pattern, -25 for each boilerplate-like one.
func classWeight(n *html.Node) float64 {
	w := 0.0
	for _, s := range []string{attr(n, "class"), attr(n, "id")} {
		if s == "" {
			continue
		}
		s = strings.ToLower(s)
		if negativeWords.in(s) || hasField(s, "hid") {
			w -= 25
		}
		if positiveWords.in(s) {
			w += 25
		}
	}
	return w
}

// hasField is slices.Contains(strings.Fields(s), f) without the slice:
// classes are weighed on every element of every attempt.
func hasField(s, f string) bool {
	for x := range strings.FieldsSeq(s) {
		if x == f {
			return true
		}
	}
	return false
}

// prepare removes what is never content: comments, scripts, styles, hidden
// elements, form controls. It runs once per attempt before scoring.
func prepare(root *html.Node) {
	total := -1 // the page's characters, counted when first needed
	// Buttons go last: a hidden answer's toggle is read after them.
	var buttons []*html.Node
	var aside []hiddenBlock // hidden blocks near the top, see scriptHiddenPage
	controlled := controlledIDs(root)
	walk(root, func(n *html.Node) bool {
		switch n.Type {
		case html.CommentNode:
			remove(n)
			return false
		case html.ElementNode:
			if n.DataAtom == atom.Button {
				buttons = append(buttons, n)
				return false
			}
			if skipTags[n.DataAtom] && n.DataAtom != atom.Head {
				remove(n)
				return false
			}
			// What the page does not show a reader is never its text: a
			// hidden list dump, a menu, microdata repeating the page. The
			// one exception is text a control beside it unfolds: the
			// answers of a Q&A page, shown when the question is clicked.
			if controlled != nil && controlled[attr(n, "id")] {
				return true // a tab's or an accordion's panel, see controlledIDs
			}
			hidden := styleHidden(n) && !unfoldedByToggle(n)
			if hidden || !visible(n) {
				// A script's state rather than the page's: the whole page
				// marked aria-hidden or hidden under an open dialog, or
				// styled visibility:hidden until its fonts load or it
				// hydrates, is still what the reader sees.
				if total < 0 && depth(n) <= wrapperMaxDepth {
					total = measure(root).chars
				}
				hidden = depth(n) > wrapperMaxDepth || float64(measure(n).chars) <= wrapperShare*float64(total) ||
					headlineOutside(root, n)
			}
			if hidden {
				if depth(n) <= wrapperMaxDepth && n.Parent != nil {
					// Kept aside in case nothing but links is left to see.
					ph := &html.Node{Type: html.ElementNode, DataAtom: atom.Template, Data: "template"}
					n.Parent.InsertBefore(ph, n)
					remove(n)
					aside = append(aside, hiddenBlock{n, ph})
					return false
				}
				remove(n)
				return false
			}
		}
		return true
	})
	for _, b := range buttons {
		remove(b)
	}
	if len(aside) > 0 {
		if h := scriptHiddenPage(root, aside, total); h != nil {
			h.ph.Parent.InsertBefore(h.n, h.ph)
			prepare(h.n)
		}
		for _, h := range aside {
			remove(h.ph)
		}
	}
}

// hiddenBlock is a hidden element near the top of the page, taken out of
// the tree, and the placeholder left where it stood.
type hiddenBlock struct{ n, ph *html.Node }

// A page whose script shows its content once it has run (an app that
// checks the visitor first, a block deferred until the page loads) hides
// the content in a block of its own, beside the header and footer that
// are shown at once. When what is left to see is (almost) all links and
// no headline, the largest hidden block near the top of the page that
// holds a good part of its text is the page, hidden by a script's state.
const (
	// scriptHiddenMinShare: the block holds at least this share of the
	// page's text; a menu's drawer or a dialog beside a page of links
	// holds less.
	scriptHiddenMinShare = 0.25
	// scriptHiddenMaxLinks: what is shown is at least this share links
	// (a header's menu and a footer's), or shorter than minArticleChars.
	scriptHiddenMaxLinks = 0.75
)

// scriptHiddenPage picks the block to show again, or nil. total is the
// page's characters before anything was hidden (counted when the first
// block near the top was).
func scriptHiddenPage(root *html.Node, aside []hiddenBlock, total int) *hiddenBlock {
	shown := measure(root)
	if shown.chars >= minArticleChars && shown.linkDensity() < scriptHiddenMaxLinks {
		return nil
	}
	var best *hiddenBlock
	most := 0
	for i := range aside {
		if c := measure(aside[i].n).chars; c > most {
			best, most = &aside[i], c
		}
	}
	if best == nil || most < enoughChars || float64(most) < scriptHiddenMinShare*float64(total) ||
		headlineOutside(root, best.n) {
		// (A page that shows its headline shows its text: a short
		// notice beside a box of links has its hidden archive too.)
		return nil
	}
	return best
}

// A hidden element holding more than wrapperShare of the page's text, no
// deeper than wrapperMaxDepth below <body>, and holding the page's <h1> if
// it has one, is the page itself, hidden by a script's passing state (an
// open dialog, hydration). Otherwise it is a block inside the page,
// hidden as any other.
const (
	wrapperShare    = 0.5
	wrapperMaxDepth = 3
)

// headlineOutside: the page has an <h1> and n does not hold it. The page
// hidden under a dialog holds its headline; a hidden block beside the
// article does not.
func headlineOutside(root, n *html.Node) bool {
	h1 := findFirst(root, func(e *html.Node) bool { return e.DataAtom == atom.H1 && !contains(n, e) })
	return h1 != nil && findFirst(n, func(e *html.Node) bool { return e.DataAtom == atom.H1 }) == nil
}

// depth counts n's element ancestors below <body>.
func depth(n *html.Node) int {
	d := 0
	for p := n.Parent; p != nil && p.DataAtom != atom.Body && p.Type == html.ElementNode; p = p.Parent {
		d++
	}
	return d
}

// unfoldedByToggle tells whether a hidden element is shown by the control
// just before it: an element that handles clicks or says it expands
// something (onclick, aria-expanded, aria-controls, data-toggle).
func unfoldedByToggle(n *html.Node) bool {
	prev := n.PrevSibling
	for prev != nil && prev.Type != html.ElementNode {
		prev = prev.PrevSibling
	}
	if prev == nil {
		return false
	}
	for _, a := range []string{"onclick", "aria-expanded", "aria-controls", "data-toggle", "data-bs-toggle"} {
		if hasAttr(prev, a) {
			return true
		}
	}
	return prev.DataAtom == atom.Button
}

func styleHidden(n *html.Node) bool {
	st := attr(n, "style")
	if st == "" {
		return false
	}
	st = strings.ToLower(strings.ReplaceAll(st, " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

func visible(n *html.Node) bool {
	if hasAttr(n, "hidden") {
		return false
	}
	if attr(n, "aria-hidden") == "true" && !strings.Contains(attr(n, "class"), "fallback-image") {
		return false
	}
	if attr(n, "type") == "hidden" {
		return false
	}
	return true
}

// stripUnlikely removes page furniture: navigation, asides, footers, and
// elements whose class, id or role say they are menus, share bars, comments,
// related links and the like. An element holding most of the page's text is
// kept whatever its name says: some sites call their whole page "header-wrap".
func stripUnlikely(body *html.Node) {
	total := measure(body).chars
	walk(body, func(n *html.Node) bool {
		if n.Type != html.ElementNode || n == body {
			return true
		}
		if !unlikelyElem(n) {
			return true
		}
		// A menu's few bytes of text cannot hold half the page's
		// characters: only a box with that many bytes is measured.
		if total > 0 && textBytes(n) > total/2 {
			if s := measure(n); s.chars-s.linkChars > total/2 {
				return true
			}
		}
		remove(n)
		return false
	})
}

// textBytes is the length in bytes of the text measure counts below n,
// links included: never less than its count of characters.
func textBytes(n *html.Node) int {
	switch n.Type {
	case html.TextNode:
		return len(n.Data)
	case html.ElementNode:
		if skipTags[n.DataAtom] {
			return 0
		}
	}
	b := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b += textBytes(c)
	}
	return b
}

func unlikelyElem(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Menu, atom.Dialog:
		return true
	case atom.Body, atom.Html, atom.A, atom.Table, atom.Tbody, atom.Tr, atom.Td, atom.Th,
		atom.Article, atom.Main, atom.Code, atom.Pre:
		return false
	}
	if unlikelyRoles[attr(n, "role")] {
		return true
	}
	if n.DataAtom == atom.Header {
		return true
	}
	// As the words of classID(n), without building it: no word holds the
	// space that would join class and id.
	c, id := attr(n, "class"), attr(n, "id")
	if c == "" && id == "" {
		return false
	}
	c, id = strings.ToLower(c), strings.ToLower(id)
	if headingTags[n.DataAtom] && n.DataAtom != atom.H1 && subheading(n) {
		// A subheading's "header" names its style ("header-anchor-post",
		// "section-header"), not a page header; a box's heading goes with
		// its box. The <h1> in a header is the page's headline, and a
		// sentence there the standfirst.
		c, id = strings.ReplaceAll(c, "header", ""), strings.ReplaceAll(id, "header", "")
	}
	return (unlikelyWords.in(c) || unlikelyWords.in(id)) && !maybeWords.in(c) && !maybeWords.in(id)
}

// subheading: a heading's text in the shape of a section title, short and
// not closed by a full stop as a standfirst's sentence is.
func subheading(n *html.Node) bool {
	t := collapseSpace(innerText(n))
	return t != "" && len(t) <= 100 && !strings.HasSuffix(t, ".")
}

// controlledIDs are the ids of the panels that the page's tabs and
// expandable controls say they show (aria-controls on a role="tab" or on
// an element with aria-expanded): a reader unfolds them with a click, as
// the answer that unfoldedByToggle finds beside its question. The control
// may sit anywhere (a tab list above all its panels). A hidden block no
// control names stays hidden.
func controlledIDs(root *html.Node) map[string]bool {
	var ids map[string]bool
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return false
		}
		if v := attr(n, "aria-controls"); v != "" && (attr(n, "role") == "tab" || hasAttr(n, "aria-expanded")) {
			if ids == nil {
				ids = make(map[string]bool)
			}
			for _, id := range strings.Fields(v) {
				ids[id] = true
			}
		}
		return true
	})
	return ids
}
