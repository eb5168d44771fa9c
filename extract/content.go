package extract

import (
	"math"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Finding the main content follows Mozilla Readability's idea: every
// paragraph-like block gives points (for its length and commas) to its parent
// and, less, to its grandparent and further ancestors; ancestors start from a
// score for their tag and class, and end scaled by how little of their text is
// links. The best-scored ancestor, with the siblings that score near it, is the
// content.

type scorer struct {
	scores map[*html.Node]float64
	order  []*html.Node // candidates in the order first scored, for stable ties
	weigh  bool         // use class weights
	stats  map[*html.Node]textStats
	proses map[*html.Node]proseStat // proseCount's results: widening asks of every ancestor
	// best is the candidate that scored highest, before top widens it to
	// the content: the box its paragraphs sit in.
	best *html.Node
	// stripped: the tree was stripped of its unlikely elements (comments,
	// menus, sidebars by name) before it was scored.
	stripped bool
}

// proseStat is the prose below a node: characters and paragraphs.
type proseStat struct{ chars, blocks int }

// paragraphTags are scored for their own text.
var paragraphTags = map[atom.Atom]bool{
	atom.P: true, atom.Pre: true, atom.Td: true, atom.Blockquote: true, atom.Dd: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// containerTags may hold paragraphs as bare text (a div with text and <br>s).
var containerTags = map[atom.Atom]bool{
	atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Span: true, atom.Font: true, atom.Center: true, atom.Li: true, atom.Form: true,
	atom.Body: true,
}

func (s *scorer) init(n *html.Node) {
	if _, ok := s.scores[n]; ok {
		return
	}
	score := 0.0
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Section, atom.Main:
		score = 5
	case atom.Pre, atom.Td, atom.Blockquote:
		score = 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		score = -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		score = -5
	}
	if s.weigh {
		score += classWeight(n)
	}
	s.scores[n] = score
	s.order = append(s.order, n)
}

// paragraph is one scored text block: where its points go first, and the
// counts of its collapsed text.
type paragraph struct {
	from          *html.Node
	chars, commas int
}

// paragraphs finds the scored text blocks: paragraph tags, and containers with
// enough text of their own. For a container the points go to itself first.
func paragraphs(root *html.Node) []paragraph {
	var out []paragraph
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		// Captions name pictures: a slideshow's fifteen of them add up
		// to more points than a short article's two paragraphs.
		if n.DataAtom == atom.Figcaption || strings.Contains(classID(n), "caption") {
			return false
		}
		switch {
		case paragraphTags[n.DataAtom]:
			c := innerCount(n)
			out = append(out, paragraph{n.Parent, c.chars, c.commas})
			return n.DataAtom == atom.Td // a layout cell may hold paragraphs
		case containerTags[n.DataAtom]:
			if c := ownCount(n); c.started && !galleryItem(n, c.chars) {
				from := n.Parent
				if hasBlockChild(n) {
					from = n
				}
				out = append(out, paragraph{from, c.chars, c.commas})
			}
		}
		return true
	})
	return out
}

// galleryItemMaxChars: a list item with a picture and less text than this
// is a slideshow's or a gallery's picture with its caption.
const galleryItemMaxChars = 150

// galleryItem: such an item scores nothing; a slideshow's captions add up
// to more points than a short article's paragraphs.
func galleryItem(n *html.Node, chars int) bool {
	return n.DataAtom == atom.Li && chars < galleryItemMaxChars &&
		findFirst(n, func(e *html.Node) bool { return e.DataAtom == atom.Img }) != nil
}

func hasBlockChild(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		if found {
			return false
		}
		if c != n && c.Type == html.ElementNode && blockTags[c.DataAtom] {
			found = true
			return false
		}
		return true
	})
	return found
}

// scoreInput is what scoring reads from a tree; attempts on the same tree
// share it.
type scoreInput struct {
	paras []paragraph
	stats map[*html.Node]textStats
}

func scoreInputs(root *html.Node) scoreInput {
	return scoreInput{paragraphs(root), measureAll(root)}
}

func score(body *html.Node, weigh bool) *scorer {
	return scoreWith(scoreInputs(body), weigh)
}

func scoreWith(in scoreInput, weigh bool) *scorer {
	s := &scorer{scores: make(map[*html.Node]float64), weigh: weigh, stats: in.stats}
	for _, p := range in.paras {
		n := p.chars
		if n < 25 || p.from == nil {
			continue
		}
		pts := 1 + float64(p.commas) + math.Min(math.Floor(float64(n)/100), 3)
		level := 0
		for a := p.from; a != nil && a.Type == html.ElementNode && level < 5; a = a.Parent {
			s.init(a)
			div := 1.0
			switch level {
			case 0:
			case 1:
				div = 2
			default:
				div = float64(level) * 3
			}
			s.scores[a] += pts / div
			level++
		}
	}
	for _, n := range s.order {
		s.scores[n] *= 1 - in.stats[n].linkDensity()
	}
	return s
}

// measure is measure(n) from the stats taken when the tree was scored (it
// has not changed since).
func (s *scorer) measure(n *html.Node) textStats {
	if st, ok := s.stats[n]; ok {
		return st
	}
	return measure(n)
}

// top returns the best candidate after Readability's adjustments, or nil.
func (s *scorer) top(body *html.Node) *html.Node {
	cands := make([]*html.Node, 0, len(s.order))
	for _, n := range s.order {
		if n != body && n.DataAtom != atom.Html {
			cands = append(cands, n)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	sort.SliceStable(cands, func(i, j int) bool { return s.scores[cands[i]] > s.scores[cands[j]] })
	best := cands[0]
	s.best = best
	bestScore := s.scores[best]

	// Several near-best candidates under one ancestor: the ancestor is the content.
	var alts []*html.Node
	for _, c := range cands[1:min(len(cands), 5)] {
		if s.scores[c] >= 0.75*bestScore {
			alts = append(alts, c)
		}
	}
	if len(alts) >= 3 {
		for p := best.Parent; p != nil && p != body && p.Type == html.ElementNode; p = p.Parent {
			n := 0
			for _, a := range alts {
				if contains(p, a) {
					n++
				}
			}
			if n >= 3 {
				best = p
				break
			}
		}
	}
	s.init(best)

	// Climb while the parent scores about as well (it holds more of the article).
	last := s.scores[best]
	threshold := last / 3
	for p := best.Parent; p != nil && p != body && p.Type == html.ElementNode; p = p.Parent {
		ps, ok := s.scores[p]
		if !ok {
			continue
		}
		if ps < threshold {
			break
		}
		if ps > last {
			best = p
			break
		}
		last = ps
	}
	best = s.widen(body, best)
	// An only child says no more than its parent.
	for p := best.Parent; p != nil && p != body && p.Type == html.ElementNode && elementChildren(p) == 1; p = p.Parent {
		best = p
	}
	return best
}

func elementChildren(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			k++
		} else if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			k++
		}
	}
	return k
}

// gather returns the top candidate and those of its siblings that belong to
// the article, in page order.
func (s *scorer) gather(best *html.Node) []*html.Node {
	if best.Parent == nil {
		return []*html.Node{best}
	}
	bestScore := s.scores[best]
	threshold := math.Max(10, bestScore*0.2)
	bestClass := attr(best, "class")
	var out []*html.Node
	for c := best.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == best {
			out = append(out, c)
			continue
		}
		if c.Type != html.ElementNode {
			continue
		}
		bonus := 0.0
		if bestClass != "" && attr(c, "class") == bestClass {
			bonus = bestScore * 0.2
		}
		if sc, ok := s.scores[c]; ok && sc+bonus >= threshold {
			out = append(out, c)
			continue
		}
		if c.DataAtom == atom.Tr && sentenceRow(c) {
			// Layout tables put the lead in a row of its own above the
			// body's row; as a paragraph, it goes with the body.
			out = append(out, c)
			continue
		}
		if c.DataAtom == atom.P || (c.DataAtom == atom.Div && !hasBlockChild(c)) {
			st := s.measure(c)
			text := innerText(c)
			switch {
			case st.chars > 80 && st.linkDensity() < 0.25:
				out = append(out, c)
			case st.chars > 0 && st.chars <= 80 && st.linkChars == 0 && (strings.HasSuffix(text, ".") || strings.Contains(text, ". ")):
				out = append(out, c)
			}
		}
	}
	return out
}

// captionedFigure tells whether a box is the article's photo: a <figure>
// (or a box holding one) with an image and its caption, and no other text
// or link. A CMS keeps the photo field apart from the body field, under
// classes furniture would drop; a box of other articles' photos links them.
func captionedFigure(n *html.Node, s *scorer) bool {
	if n.DataAtom != atom.Figure && n.DataAtom != atom.Div {
		return false
	}
	st := s.measure(n)
	if st.chars == 0 || st.chars > 600 || st.linkChars > 0 {
		return false
	}
	fig := n
	if n.DataAtom != atom.Figure {
		fig = findFirst(n, func(e *html.Node) bool { return e.DataAtom == atom.Figure })
	}
	if fig == nil || findFirst(fig, func(e *html.Node) bool { return e.DataAtom == atom.Img }) == nil {
		return false // a pull quote is set in a <figure> too
	}
	capt := findFirst(fig, func(e *html.Node) bool { return e.DataAtom == atom.Figcaption })
	return capt != nil && s.measure(capt).chars == st.chars
}

// sentenceRow tells whether a table row is one cell of plain prose: no
// blocks or links inside, over 80 characters, ending as a sentence ends (a
// headline or a date row does not).
func sentenceRow(tr *html.Node) bool {
	var cell *html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if cell != nil || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
			return false
		}
		cell = c
	}
	if cell == nil || hasBlockChild(cell) || hasLinkText(cell) {
		return false
	}
	text := collapseSpace(innerText(cell))
	return countChars(text) > 80 && strings.HasSuffix(text, ".")
}

// cleanConditionally removes, inside the chosen content, the boxes that look
// like furniture: link lists, image galleries, forms, small widgets.
func cleanConditionally(root *html.Node, s *scorer) {
	for _, n := range furnitureIn(root, s, nil) {
		remove(n)
	}
}

// furnitureIn appends to drop the boxes cleanConditionally would remove
// below root, leaving the tree as it is.
func furnitureIn(root *html.Node, s *scorer, drop []*html.Node) []*html.Node {
	rootChars := s.measure(root).chars
	var kept *html.Node // the innermost box kept as the content itself
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode || n == root {
			return true
		}
		// A box that holds the page's headline and most of the content is
		// the content, whatever its class or form say ("module-contact"
		// with its address over a small form); so is the box inside it
		// that holds most of its text. A footer or a teaser that holds
		// most of what is left of a page has no <h1> of its own.
		if 4*s.measure(n).chars >= 3*rootChars && rootChars > 0 &&
			(kept != nil && n.Parent == kept || kept == nil && findFirst(n, func(c *html.Node) bool { return c.DataAtom == atom.H1 }) != nil) {
			kept = n
			return true
		}
		switch n.DataAtom {
		case atom.Table, atom.Ul, atom.Ol, atom.Div, atom.Section, atom.Form, atom.Fieldset, atom.Aside, atom.Dl:
		default:
			return true
		}
		if s.weigh && s.best != nil && float64(s.measure(n).chars) >= bestBoxShare*float64(rootChars) &&
			classWeight(n) < 0 && contains(n, s.best) {
			// The box the best-scored paragraphs sit in, or one around
			// it, holding most of the content is the text whatever its
			// class says ("sidebar-layout" around a post's body): its
			// name alone does not make it furniture. (A box with a
			// neutral name that scores below zero, a <form> around a
			// thread's posts, stays judged as it was: kept, its posts
			// would be cleaned one by one instead.)
			return true
		}
		if furniture(n, s) {
			drop = append(drop, n)
			return false
		}
		return true
	})
	return drop
}

// A box of prose is the text's, whatever its class says, once the page's
// comments, menus and sidebars have gone by their names (stripUnlikely):
// a roundup's product cards ("c-product-widget", an affiliate block) hold
// the review of each product, in paragraphs, where a widget holds a few
// short lines and links. The cards come several to a page, alike; a box
// named like furniture that is one of a kind (a footer's address, the
// author's box) or that heads teasers with links (related posts, each
// with its summary) is still furniture.
const (
	// namedProseMinChars: a box this short is a widget's text however
	// it is written. Measured: 200 and 300 kept boxes of related
	// stories and of product pages' panels that cost more than they
	// gained (and, at 200, an AEB news page its text's precision).
	namedProseMinChars = 400
	// namedProseShare: at least this share of the box's text lies in
	// prose paragraphs (see proseMinChars); the rest are a card's
	// specifications and its pros and cons.
	namedProseShare = 0.5
)

// namedProse: n is a box of prose that cleaning would drop for its name.
func namedProse(n *html.Node, s *scorer, st textStats) bool {
	return s.stripped && st.chars >= namedProseMinChars && float64(s.prose(n)) >= namedProseShare*float64(st.chars) &&
		linkedHeadings(n) < widenMaxLinkedHeadings && classRepeats(n)
}

// classRepeats: another element near n (below its grandparent: beside
// it, or beside its wrapper) has n's first class name, as the cards of a
// roundup have, each with its own modifiers and maybe a wrapper of its
// own; a page's footer or its author's box is one of a kind.
func classRepeats(n *html.Node) bool {
	class := firstClass(n)
	if class == "" || n.Parent == nil || n.Parent.Parent == nil {
		return false
	}
	return findFirst(n.Parent.Parent, func(e *html.Node) bool {
		return e != n && e.Type == html.ElementNode && !contains(n, e) && !contains(e, n) && firstClass(e) == class
	}) != nil
}

func firstClass(e *html.Node) string {
	c := strings.TrimSpace(attr(e, "class"))
	if i := strings.IndexAny(c, " \t\n"); i >= 0 {
		c = c[:i]
	}
	return c
}

// A list starts from Readability's score for its tag, below zero, and
// gains only what its items' paragraphs pass up to it: a list of lists,
// or one whose items hold their own <p>, ends below zero however much
// prose it holds. A list of sentences with few links is the text's
// (an article's "Benefits:" and "Examples:" points); the score is for
// lists of links.
const (
	// proseListShare: at least this share of the list's text lies in
	// prose items (see proseMinChars).
	proseListShare = 0.5
	// proseListMaxLinks: a list with more of its text in links is a
	// list of links, whatever its items say.
	proseListMaxLinks = 0.2
)

// proseList: n is a list of prose that cleaning would drop for its score.
func proseList(n *html.Node, s *scorer, st textStats) bool {
	return (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol) && st.chars > 0 &&
		st.linkDensity() < proseListMaxLinks && float64(s.prose(n)) >= proseListShare*float64(st.chars)
}

// bestBoxShare: a box named like furniture that holds the best-scored
// paragraphs and this share of the content is the text's layout box. As
// with the headline's box above, three quarters: a sidebar or a teaser
// beside the text never holds that much of it.
const bestBoxShare = 0.75

func furniture(n *html.Node, s *scorer) bool {
	weight := 0.0
	if s.weigh {
		weight = classWeight(n)
	}
	st := s.measure(n)
	if st.chars < 160 && st.chars > 0 && isDateLine(innerText(n)) {
		// A date line in a box of its own ("post-meta", "qa-meta",
		// "Đăng ngày: 2024-03-22") stays: it dates the page, and
		// trimEdges takes it off the text.
		return false
	}
	sc := s.scores[n]
	if weight+sc < 0 && !captionedFigure(n, s) && !(weight < 0 && namedProse(n, s, st)) && !(weight >= 0 && proseList(n, s, st)) {
		// (The article's photo and caption score nothing and may be
		// named alike, Drupal's "field--label-hidden" say.)
		return true
	}
	if st.commas >= 10 {
		return false
	}
	var p, img, li, input, embed, heading int
	walk(n, func(c *html.Node) bool {
		if c.Type != html.ElementNode {
			return true
		}
		switch c.DataAtom {
		case atom.P, atom.Pre, atom.Blockquote:
			p++
		case atom.Img:
			img++
		case atom.Li:
			li++
		case atom.Input, atom.Select, atom.Textarea, atom.Button:
			input++
		case atom.Embed, atom.Object, atom.Iframe, atom.Video:
			embed++
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			heading++
		}
		return true
	})
	isList := n.DataAtom == atom.Ul || n.DataAtom == atom.Ol
	if n.DataAtom == atom.Table && isDataTable(n) {
		return st.linkDensity() > 0.5
	}
	ld := st.linkDensity()
	li -= 100 // as Readability: lists are judged by links, not by counting items
	switch {
	case img > 1 && float64(p)/float64(img) < 0.5 && !hasAncestor(n, atom.Figure):
		return true
	case !isList && li > p:
		return true
	case input > p/3:
		return true
	case !isList && heading == 0 && st.chars < 25 && !hasAncestor(n, atom.Figure):
		// A tiny box: a widget, or an image with its credit ("Getty
		// Images"), which the text does not hold any more than captions.
		return true
	case weight < 25 && ld > 0.2 && !(isList && ld < 0.5):
		return true
	case weight >= 25 && ld > 0.5:
		return true
	case (embed == 1 && st.chars < 75) || embed > 1:
		return true
	}
	return false
}

func hasAncestor(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}

// isDataTable tells a table of data from a layout table.
func isDataTable(t *html.Node) bool {
	if attr(t, "role") == "presentation" {
		return false
	}
	if attr(t, "summary") != "" {
		return true
	}
	if findFirst(t, func(n *html.Node) bool {
		return n.DataAtom == atom.Caption || n.DataAtom == atom.Th || n.DataAtom == atom.Thead || n.DataAtom == atom.Colgroup
	}) != nil {
		return true
	}
	if findFirst(t, func(n *html.Node) bool { return n != t && n.DataAtom == atom.Table }) != nil {
		return false
	}
	rows := len(findAll(t, func(n *html.Node) bool { return n.DataAtom == atom.Tr }))
	cols := 0
	for _, tr := range findAll(t, func(n *html.Node) bool { return n.DataAtom == atom.Tr }) {
		k := 0
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
				k++
			}
		}
		cols = max(cols, k)
	}
	return rows >= 10 || cols > 4 || (rows*cols > 10 && cols > 1)
}

// Widening: a page cut into sections (a heading and its paragraphs each in
// a box of their own) scores one section best, and the sections beside it
// are siblings of some ancestor, out of the sibling rule's reach. The
// content widens to an ancestor while what the ancestor adds is prose:
// long paragraphs with few links, as the sections of one text are, where
// a sidebar, a teaser list or a comment form adds links and short lines.
const (
	// widenMinProse: the share of an ancestor's added text that must lie
	// in prose paragraphs.
	widenMinProse = 0.6
	// widenMaxLinkDensity: the added text may be at most this much links.
	widenMaxLinkDensity = 0.2
	// widenMaxLinkedHeadings: headings that link elsewhere head teasers;
	// this many in what an ancestor adds make it a list of other pages.
	widenMaxLinkedHeadings = 2
	// proseMinChars: a paragraph shorter than this is a label, a caption
	// or a menu item, not prose.
	proseMinChars = 60
	// proseMaxLinkDensity: a paragraph with more of its text in links is
	// a teaser or a link list.
	proseMaxLinkDensity = 0.3
)

func (s *scorer) widen(body, best *html.Node) *html.Node {
	cur := best
	curProse := s.prose(cur)
	for p := cur.Parent; p != nil && p != body && p.Type == html.ElementNode; p = p.Parent {
		ps, cs := s.measure(p), s.measure(cur)
		added := ps.chars - cs.chars
		if added <= 0 {
			cur = p
			continue
		}
		links := ps.linkChars - cs.linkChars
		pp := s.prose(p)
		if float64(links) > widenMaxLinkDensity*float64(added) || float64(pp-curProse) < widenMinProse*float64(added) ||
			linkedHeadings(p)-linkedHeadings(cur) >= widenMaxLinkedHeadings {
			break
		}
		cur, curProse = p, pp
	}
	return cur
}

// prose counts the characters of n's prose paragraphs (see proseMinChars).
func (s *scorer) prose(n *html.Node) int {
	chars, _ := s.proseCount(n)
	return chars
}

// proseBlocks counts n's prose paragraphs.
func (s *scorer) proseBlocks(n *html.Node) int {
	_, blocks := s.proseCount(n)
	return blocks
}

func (s *scorer) proseCount(n *html.Node) (total, blocks int) {
	if p, ok := s.proses[n]; ok {
		return p.chars, p.blocks
	}
	var p proseStat
	switch {
	case n.Type == html.DocumentNode:
		p = s.proseChildren(n)
	case n.Type != html.ElementNode || skipTags[n.DataAtom]:
	case proseTags[n.DataAtom]:
		st := s.measure(n)
		// Headings count whatever their length: the sections they
		// open are the text's.
		if (headingTags[n.DataAtom] || st.chars >= proseMinChars) && st.linkDensity() <= proseMaxLinkDensity && !truncated(n) {
			p = proseStat{st.chars, 1}
		}
	default:
		p = s.proseChildren(n)
	}
	if s.proses == nil {
		s.proses = make(map[*html.Node]proseStat)
	}
	s.proses[n] = p
	return p.chars, p.blocks
}

func (s *scorer) proseChildren(n *html.Node) proseStat {
	var p proseStat
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		chars, blocks := s.proseCount(c)
		p.chars += chars
		p.blocks += blocks
	}
	return p
}

// proseTags are the paragraphs prose is counted in.
var proseTags = map[atom.Atom]bool{
	atom.P: true, atom.Pre: true, atom.Blockquote: true, atom.Dd: true, atom.Li: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// The prose core: Readability's scores can crown a teaser box, a promo or a
// table of contents over a text of many sections. When the scored content
// holds little of the page's prose, the deepest element that holds most of
// it is the content instead.
const (
	// pickMinProseShare: the scored content holding less than this share
	// of the page's prose is suspect.
	pickMinProseShare = 0.25
	// coreProseShare: the core holds at least this share of the prose.
	coreProseShare = 0.8
	// coreMaxLinkDensity: a core this full of links is a page of links.
	coreMaxLinkDensity = 0.3
	// coreMinProse: a page with less prose than this has no text to
	// miss: a form, a listing, a footer's address lines.
	coreMinProse = enoughChars
	// coreMinBlocks: a core of fewer prose blocks is one teaser or one
	// notice, which a listing's featured item also is.
	coreMinBlocks = 3
)

// proseCore returns the prose core, or nil when the picked content is fine.
func (s *scorer) proseCore(root *html.Node, picked []*html.Node) *html.Node {
	total := s.prose(root)
	if total < coreMinProse {
		return nil
	}
	got := 0
	for _, n := range picked {
		got += s.prose(n)
	}
	if float64(got) >= pickMinProseShare*float64(total) {
		return nil
	}
	core := root
	for {
		var best *html.Node
		bp := 0
		for c := core.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if p := s.prose(c); p > bp {
				best, bp = c, p
			}
		}
		if best == nil || float64(bp) < coreProseShare*float64(total) {
			break
		}
		core = best
	}
	if s.measure(core).linkDensity() > coreMaxLinkDensity || s.proseBlocks(core) < coreMinBlocks {
		return nil
	}
	return core
}

// linkedHeadings counts the headings below n that are links, or sit in one.
func linkedHeadings(n *html.Node) int {
	k := 0
	walk(n, func(c *html.Node) bool {
		if c.Type != html.ElementNode {
			return c.Type == html.DocumentNode
		}
		if headingTags[c.DataAtom] {
			if hasAncestorBelow(c, n, atom.A) || findFirst(c, func(e *html.Node) bool { return e.DataAtom == atom.A && hasAttr(e, "href") }) != nil {
				k++
			}
			return false
		}
		return true
	})
	return k
}

func hasAncestorBelow(n, top *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil && p != top; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}

// truncated: a paragraph cut off with an ellipsis is a teaser of another
// page, not prose of this one.
// Its last words outside links are read: a "Read more" link may follow.
func truncated(n *html.Node) bool {
	last := ""
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if t := strings.TrimSpace(c.Data); t != "" {
					last = t
				}
			case c.Type == html.ElementNode && c.DataAtom != atom.A && !skipTags[c.DataAtom]:
				rec(c)
			}
		}
	}
	rec(n)
	return strings.HasSuffix(last, "...") || strings.HasSuffix(last, "…")
}
