package extract

import (
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A listing page's main content is a run of like items (same tag and class),
// each led by a link: teasers on a category page, rows of a document table,
// entries of a site map.

// listGroup is one run of like items under one parent.
type listGroup struct {
	items []*html.Node
	pos   []int // each item's place in page order
}

const (
	minListItems    = 3   // fewer like items are no list
	maxItemChars    = 800 // a teaser is short; longer items are sections of prose
	listingMinCover = 0.6 // share of the content's text in lists that makes a listing
	linkPageDensity = 0.7 // share of a page's text in links that makes it a page of links
	bigListChars    = 600 // a list this long is more than a sidebar's box
)

// findLists finds the runs of like items that each hold a titled link. The
// tree is as s scored it.
func findLists(root *html.Node, s *scorer) []listGroup {
	var groups []listGroup
	var kids []*html.Node // the candidate children of the current parent
	var sigs []string
	walk(root, func(p *html.Node) bool {
		if p.Type != html.ElementNode && p.Type != html.DocumentNode {
			return false
		}
		kids = kids[:0]
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || !blockTags[c.DataAtom] && c.DataAtom != atom.Tr && c.DataAtom != atom.Span && c.DataAtom != atom.A {
				continue
			}
			kids = append(kids, c)
		}
		if len(kids) < minListItems {
			return true // most elements: no signature can repeat enough
		}
		sigs = sigs[:0]
		for _, c := range kids {
			sigs = append(sigs, c.Data+"."+strings.Join(strings.Fields(attr(c, "class")), "."))
		}
		// The runs by signature, in the order each signature first appears.
		for i, sig := range sigs {
			if slices.Index(sigs[:i], sig) >= 0 {
				continue
			}
			items := 0
			for _, t := range sigs[i:] {
				if t == sig {
					items++
				}
			}
			if items < minListItems {
				continue
			}
			var good []*html.Node
			for j, t := range sigs[i:] {
				if t == sig && isListItem(kids[i+j], s) {
					good = append(good, kids[i+j])
				}
			}
			if len(good) >= minListItems && float64(len(good)) >= 0.7*float64(items) {
				groups = append(groups, listGroup{items: good})
			}
		}
		return true
	})
	if len(groups) == 0 {
		return nil
	}
	// Each item's place in page order, counted as walk visits nodes.
	pos := make(map[*html.Node]int)
	for _, g := range groups {
		for _, it := range g.items {
			pos[it] = 0
		}
	}
	i := 0
	walk(root, func(n *html.Node) bool {
		if _, ok := pos[n]; ok {
			pos[n] = i
		}
		i++
		return n.Type == html.ElementNode || n.Type == html.DocumentNode
	})
	for i := range groups {
		for _, it := range groups[i].items {
			groups[i].pos = append(groups[i].pos, pos[it])
		}
	}
	return groups
}

// isListItem: short, and led by a link whose text names something. A link
// leads when little but numbers comes before it, or when it is much of the
// item's text; a paragraph of prose with a link inside is no item.
func isListItem(n *html.Node, s *scorer) bool {
	st := s.measure(n)
	if st.chars == 0 || st.chars > maxItemChars {
		return false
	}
	a := itemLink(n)
	if a == nil {
		return false
	}
	if linkChars := countChars(innerText(a)); float64(linkChars) >= 0.3*float64(st.chars) {
		return true
	}
	return lettersBefore(n, a) <= 3
}

// lettersBefore counts the letters of n's text that come before node a.
func lettersBefore(n, a *html.Node) int {
	letters, done := 0, false
	walk(n, func(c *html.Node) bool {
		if done || c == a {
			done = true
			return false
		}
		if c.Type == html.ElementNode && skipTags[c.DataAtom] {
			return false
		}
		if c.Type == html.TextNode {
			for _, r := range c.Data {
				if unicode.IsLetter(r) {
					letters++
				}
			}
		}
		return true
	})
	return letters
}

// itemLink is the item's title link: the first link whose text (of two words
// or more) is about as long as the item's longest, so that an image link or a
// short category label before the headline is passed over.
func itemLink(n *html.Node) *html.Node {
	if n.DataAtom == atom.A {
		if leadsAway(n) && countFields(innerText(n), 2) >= 2 {
			return n
		}
		return nil
	}
	var links []*html.Node
	var lens []int
	longest := 0
	walk(n, func(c *html.Node) bool {
		if c != n && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) {
			return false // a nested list's links are its own items'
		}
		if c.Type == html.ElementNode && c.DataAtom == atom.A && leadsAway(c) {
			if t := innerText(c); countFields(t, 2) >= 2 {
				links = append(links, c)
				lens = append(lens, len(t))
				longest = max(longest, len(t))
			}
			return false
		}
		return true
	})
	for i, a := range links {
		if 2*lens[i] >= longest {
			return a
		}
	}
	return nil
}

// leadsAway: the link leads to some page, as an item's title does. A link
// to a place on this page ("#", "#answer-3") is a control or a jump: an
// accordion's question that unfolds its answer, a table of contents
// above the sections it names.
func leadsAway(a *html.Node) bool {
	h := strings.TrimSpace(attr(a, "href"))
	return h != "" && h[0] != '#'
}

// coverage is the share of the content's text that lies in list items.
func coverage(nodes []*html.Node, groups []listGroup) float64 {
	if len(groups) == 0 {
		return 0
	}
	item := make(map[*html.Node]bool)
	for _, g := range groups {
		for _, it := range g.items {
			item[it] = true
		}
	}
	total, inList := 0, 0
	for _, n := range nodes {
		walk(n, func(c *html.Node) bool {
			if c.Type == html.ElementNode && skipTags[c.DataAtom] {
				return false
			}
			if c.Type != html.TextNode {
				return true
			}
			k := countChars(c.Data)
			total += k
			for a := c.Parent; a != nil; a = a.Parent {
				if item[a] {
					inList += k
					break
				}
			}
			return true
		})
	}
	if total == 0 {
		return 0
	}
	return float64(inList) / float64(total)
}

// classify tells an article from a listing or another page. A page whose
// metadata says it is an article (og:type, JSON-LD) is taken at its word when
// it has text: newsletters and deal roundups look like teaser lists.
func classify(m meta, c content, blocks []block) (PageType, []Link) {
	short := totalChars(blocks) < minArticleChars
	if c.search && !m.declaresArticle() {
		return TypeOther, nil
	}
	if short && c.form {
		return TypeOther, nil // login, contact or feedback form beside sidebars' lists
	}
	if c.errorPage && totalChars(blocks) < errorPageMaxChars && !m.declaresArticle() {
		return TypeOther, nil // "Trang không tồn tại" over the site's latest news
	}
	if c.login && !m.declaresArticle() {
		return TypeOther, nil // a login form, however long the help beside it
	}
	// An item's page (see declaresItem) is no listing by its shape.
	item := m.declaresArticle() || m.declaresItem()
	if !hasProse(blocks) && !item && galleryShare(c.nodes) >= listingMinCover {
		// Pictures with their captions and nothing else: a home page's
		// or a section's slideshow, each picture an item.
		return TypeListing, c.listLinks
	}
	if c.listCoverage >= listingMinCover && !item && !(attachmentsOnly(c.listLinks) && hasProse(blocks)) && !proseSections(blocks) {
		return TypeListing, c.listLinks
	}
	// A featured story's headline and its image or "Xem tiếp" link lead
	// to its own page: the content is a teaser (a home page's top story,
	// whose lead may be as long as a short article's text).
	if c.teaser != nil && !item && totalChars(blocks) < teaserMaxChars {
		return TypeListing, append([]Link{*c.teaser}, c.listLinks...)
	}
	// Teasers whose headings link to pages below this one: a category page
	// too short for a list (the last page of a paginated category). The
	// links come from the URL alone, which must not overturn a text: a
	// content as long as teaserMaxChars is an article with links below it.
	if len(c.childLinks) >= 2 && !item && totalChars(blocks) < teaserMaxChars {
		return TypeListing, c.childLinks
	}
	// Runs of like links in the content and not one sentence beside them:
	// the content is the list, whatever else the page's wrapper holds (a
	// category page whose table of links nothing scored, leaving the
	// whole page with its poll, counter and footer as the content). The
	// lists must still be a good part of the content: a table of people
	// whose e-mail addresses link is a short article.
	if !hasProse(blocks) && c.listCoverage >= noProseMinCover && len(c.listLinks) >= minListItems &&
		c.listsInContent && !item {
		return TypeListing, c.listLinks
	}
	if short {
		switch {
		case len(c.listLinks) >= minListItems && c.listsInContent:
			return TypeListing, c.listLinks
		case len(c.listLinks) >= minListItems && c.pageLinkDensity >= linkPageDensity:
			return TypeListing, c.listLinks // a page that is mostly links
		case c.biggestList >= bigListChars:
			return TypeListing, c.listLinks // a home page's boxes of teasers
		case len(c.childLinks) > 0:
			return TypeListing, c.childLinks
		case len(c.dirLinks) >= 2:
			return TypeListing, c.dirLinks
		case len(c.datedLinks) > 0 && !c.form:
			// News items, each dated: a category page of one or two.
			return TypeListing, c.datedLinks
		}
		return TypeOther, nil
	}
	return TypeArticle, nil
}

// datedLinks finds the links to other pages of the site that carry their
// date ("Tin tiếp dân 1 (26.07.2019 14:14)"), in the link or just after
// it: news items, which menus and link boxes are not.
func datedLinks(root *html.Node, base *url.URL) []Link {
	var out []Link
	forSiteLinks(root, base, func(a *html.Node) {
		t := collapseSpace(innerText(a))
		dated := dateInRE.MatchString(t)
		if !dated {
			for s := a.NextSibling; s != nil && !dated; s = s.NextSibling {
				st := collapseSpace(innerText(s))
				if s.Type == html.TextNode {
					st = collapseSpace(s.Data)
				}
				if st == "" {
					continue
				}
				dated = isDateLine(st)
				break
			}
		}
		if dated {
			u, _ := base.Parse(strings.TrimSpace(attr(a, "href")))
			if u.String() != base.String() {
				out = append(out, Link{Text: nfc(t), URL: u.String()})
			}
		}
	})
	return out
}

// dateInRE: a date written into a link's text, as portals date their items.
var dateInRE = regexp.MustCompile(`\(\s*\d{1,2}[./-]\d{1,2}[./-]\d{4}[^)]*\)\s*$`)

// teaserMaxChars: a featured story's lead is short; a content this long
// whose headline links elsewhere is an article with a link to its thread,
// its original or its next part.
const teaserMaxChars = 1500

// noProseMinCover: the share of the content's text in lists that makes a
// listing of a content with no sentence of its own.
const noProseMinCover = 0.4

// errorPageMaxChars: an error page says little; more text than this under a
// "not found" heading is an article about it.
const errorPageMaxChars = 500

// attachmentsOnly: every link is to a document file. A list of them under a
// sentence is a notice's attachments, not a listing; a list of documents
// with no prose of its own beside it stays a listing.
func attachmentsOnly(links []Link) bool {
	for _, l := range links {
		if !isFileLink(l.URL) {
			return false
		}
	}
	return len(links) > 0
}

// A text cut into sections, each a heading that links nowhere over a
// paragraph of prose, is an article (a manual's overview, its lists of
// links under each section), however much of it lies in lists: a
// listing's headings are its items' links, which keepBlocks drops.
const (
	// proseSectionsMin: fewer sections are a page's boxes, not its text.
	proseSectionsMin = 3
	// proseSectionsShare: the share of the unlinked headings that open a
	// paragraph of prose; a collection's group headings head rows of
	// items, not paragraphs (measured: half of them on a category page).
	proseSectionsShare = 0.8
	// sectionProseChars: a paragraph this long is prose, not an item's label.
	sectionProseChars = 80
)

// proseSections: the text is cut into sections (see proseSectionsMin).
func proseSections(blocks []block) bool {
	heads, prose := 0, 0
	for i, b := range blocks {
		if !headingTags[b.tag] || b.tag == atom.H1 || b.linkChars > 0 {
			continue
		}
		heads++
		if i+1 < len(blocks) {
			if n := blocks[i+1]; !headingTags[n.tag] && n.chars >= sectionProseChars && n.linkChars*5 < n.chars {
				prose++
			}
		}
	}
	return prose >= proseSectionsMin && float64(prose) >= proseSectionsShare*float64(heads)
}

// hasProse: some line of the text, outside any list and link, is a sentence
// of some length.
func hasProse(blocks []block) bool {
	for _, b := range blocks {
		if b.tag != atom.Li && b.linkChars == 0 && b.chars >= 80 && strings.ContainsAny(b.text, ".;!?") {
			return true
		}
	}
	return false
}

// teaserLink finds a headline in the content whose link leads to another
// page, linked a second time from the content (its image, "Xem tiếp"): the
// content is then a teaser of that page. An article's own headline links,
// if at all, to itself.
func teaserLink(nodes []*html.Node, base *url.URL) *Link {
	if base == nil {
		return nil
	}
	self := *base
	self.Fragment = ""
	count := make(map[string]int)
	var heads []Link
	for _, n := range nodes {
		walk(n, func(c *html.Node) bool {
			if c.Type != html.ElementNode || c.DataAtom != atom.A || attr(c, "href") == "" {
				return true
			}
			u, err := base.Parse(strings.TrimSpace(attr(c, "href")))
			if err != nil || u.Host != base.Host || u.Scheme != base.Scheme {
				return false
			}
			u.Fragment = ""
			if u.String() == self.String() {
				return false
			}
			count[u.String()]++
			for p := c.Parent; p != nil && p != n.Parent; p = p.Parent {
				if headingTags[p.DataAtom] {
					if t := innerText(c); countFields(t, 2) >= 2 {
						heads = append(heads, Link{Text: nfc(t), URL: u.String()})
					}
					break
				}
			}
			return false
		})
	}
	for _, h := range heads {
		if count[h.URL] >= 2 {
			return &h
		}
	}
	return nil
}

// listLinks are the items' title links, in page order, from the lists that
// overlap the content (inContent), or from all lists when none does.
func listLinks(lists []listGroup, nodes []*html.Node, base *url.URL) (links []Link, inContent bool) {
	contentNode := make(map[*html.Node]bool)  // the content's nodes
	aboveContent := make(map[*html.Node]bool) // their ancestors
	for _, n := range nodes {
		contentNode[n] = true
		for a := n.Parent; a != nil; a = a.Parent {
			aboveContent[a] = true
		}
	}
	// Lists come outer first, so one pass also takes the lists nested in the
	// items of a chosen one (a site map's sections).
	takenItem := make(map[*html.Node]bool)
	var chosen []listGroup
	for _, g := range lists {
		take := false
		for _, it := range g.items {
			if aboveContent[it] {
				take = true
			}
			for a := it; a != nil && !take; a = a.Parent {
				take = contentNode[a] || (a != it && takenItem[a])
			}
			if take {
				break
			}
		}
		if take {
			chosen = append(chosen, g)
			for _, it := range g.items {
				takenItem[it] = true
			}
		}
	}
	inContent = len(chosen) > 0
	if !inContent {
		chosen = lists
	}
	// Page order, nested lists included: a site map's sections hold their pages.
	type item struct {
		n   *html.Node
		pos int
	}
	var items []item
	for _, g := range chosen {
		for i, it := range g.items {
			items = append(items, item{it, g.pos[i]})
		}
	}
	sort.Slice(items, func(i, j int) bool { return items[i].pos < items[j].pos })
	seen := make(map[Link]bool)
	for _, it := range items {
		if a := itemLink(it.n); a != nil {
			l := Link{Text: nfc(linkText(a)), URL: resolve(base, attr(a, "href"))}
			if !seen[l] {
				seen[l] = true
				links = append(links, l)
			}
		}
	}
	return links, inContent
}

var dateClassRE = regexp.MustCompile(`date|time|ngay`)

// linkText is a link's text without the date some portals put inside it:
// <a>Thông báo … <span class="date_content_asset">(23/08/2022)</span></a>.
func linkText(a *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if skipTags[c.DataAtom] || dateClassRE.MatchString(classID(c)) {
					continue
				}
				b.WriteByte(' ')
				rec(c)
				b.WriteByte(' ')
			}
		}
	}
	rec(a)
	return collapseSpace(b.String())
}

// findPublished takes the publication date from the page's metadata, else,
// on an article, from a date line next to the content.
func findPublished(m meta, c content, article bool, title string) (date, bool) {
	for _, raw := range m.published {
		if d, ok := parseDate(raw); ok {
			return d, true
		}
	}
	if !article {
		return date{}, false // dates beside a listing's content are its items'
	}
	return dateNearContent(c, title)
}

// dateNearContent looks for a short date line in the content's first lines or
// just before the content (where news pages put "Ngày đăng: 16/01/2021").
//
// Above the headline, only a date line next to it dates the page: one
// further up is the header's clock ("Thứ năm, 09/05/2019"), which shows the
// day the page was served.
func dateNearContent(c content, title string) (date, bool) {
	for _, b := range leadingLines(c.blocks, 4) {
		if isDateLine(b.text) {
			if d, ok := parseDate(b.text); ok {
				return d, true
			}
		}
	}
	if len(c.nodes) == 0 {
		return date{}, false
	}
	// Lines before the content, nearest first, within a few blocks.
	aboveTitle := -1 // lines passed since the headline, once it is passed
	tkey := strings.ToLower(collapseSpace(title))
	for _, b := range leadingLines(c.blocks, 2) {
		if tkey != "" && strings.ToLower(b.text) == tkey {
			aboveTitle = 0 // the content opens with its headline
		}
	}
	for _, l := range linesBefore(c, 8) {
		if aboveTitle >= 0 {
			aboveTitle++
		}
		if tkey != "" && aboveTitle < 0 && strings.ToLower(collapseSpace(l.text)) == tkey {
			aboveTitle = 0
			continue
		}
		if aboveTitle > clockDistance {
			break
		}
		if isDateLine(l.text) && !itemDate(l.n) {
			if d, ok := parseDate(l.text); ok {
				return d, true
			}
		}
	}
	if d, ok := inlineDateAbove(c.nodes[0]); ok {
		return d, true
	}
	if d, ok := parseDate(c.headerDate); ok {
		return d, true
	}
	// Last, a date line closing the content: older portals and Q&A pages
	// sign off with "Ngày cập nhật: 10/04/2022" under the text.
	for i := len(c.blocks) - 1; i >= 0 && i >= len(c.blocks)-3; i-- {
		if isDateLine(c.blocks[i].text) {
			if d, ok := parseDate(c.blocks[i].text); ok {
				return d, true
			}
		}
	}
	// Or a date line just after the content (portals that sign off with
	// "Ngày cập nhật: …" under the body in a box of its own), before any box
	// of links or headed box that follows it.
	for _, l := range linesAfter(c, 3) {
		if headingTags[l.n.DataAtom] || hasLinkText(l.n) || itemDate(l.n) {
			break
		}
		if isDateLine(l.text) {
			if d, ok := parseDate(l.text); ok {
				return d, true
			}
		}
	}
	return date{}, false
}

// clockDistance: a date line more lines than this above the headline is
// the page header's, not the article's.
const clockDistance = 1

// declaresItem: the page's metadata say it is one item that is not an
// article: a product (og:type "product", or JSON-LD or microdata naming
// one product and no list of them), or a thread (a DiscussionForumPosting,
// a QAPage). Its text is the item's, however much of it looks like a list
// (a thread's posts, each led by its author's link) or a teaser (a
// product beside the others it is sold with).
func (m meta) declaresItem() bool {
	if m.ogType == "product" || m.ogType == "product.item" {
		return true
	}
	for _, types := range [][]string{m.ldTypes, m.itemTypes} {
		products := 0
		for _, t := range types {
			switch t {
			case "DiscussionForumPosting", "QAPage":
				return true
			case "Product", "ProductGroup":
				products++
			case "ItemList", "CollectionPage", "OfferCatalog":
				return false
			}
		}
		if products == 1 {
			return true
		}
	}
	return false
}

func (m meta) declaresArticle() bool {
	if m.ogType == "article" {
		return true
	}
	for _, t := range m.ldTypes {
		if articleLDTypes[t] {
			return true
		}
	}
	return false
}

// childHeadingLinks finds headings that link to pages below the page's own
// path: a category page's teasers ("/tin-tuc" → "/tin-tuc/-/view/123"). With
// sameDir, a page named like a file ("/van-ban/trang-2.html") counts as its
// folder, and the title links of list items count as well as headings': fit
// only for pages with no text of their own, since an article's related news
// look the same.
func childHeadingLinks(root *html.Node, base *url.URL, sameDir bool, items []Link) []Link {
	if base == nil {
		return nil
	}
	dir := strings.TrimSuffix(base.Path, "/")
	if sameDir {
		if i := strings.LastIndexByte(dir, '/'); i >= 0 && strings.Contains(dir[i:], ".") {
			dir = dir[:i]
		}
	}
	if dir == "" {
		return nil
	}
	dir = strings.TrimSuffix(dir, ".html")
	var out []Link
	for _, h := range findAll(root, func(n *html.Node) bool { return headingTags[n.DataAtom] }) {
		a := findFirst(h, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "href") != "" })
		if a == nil {
			continue
		}
		u, err := base.Parse(strings.TrimSpace(attr(a, "href")))
		if err != nil || u.Host != base.Host || !strings.HasPrefix(u.Path, dir+"/") || u.Path == base.Path {
			continue
		}
		if t := innerText(a); countFields(t, 2) >= 2 {
			u.Fragment = ""
			out = append(out, Link{Text: nfc(t), URL: u.String()})
		}
	}
	if sameDir {
		for _, l := range items {
			if u, err := url.Parse(l.URL); err == nil && u.Host == base.Host && strings.HasPrefix(u.Path, dir+"/") && u.Path != base.Path {
				out = append(out, l)
			}
		}
	}
	return out
}

// biggestList is the text length of the page's longest list, in the tree as
// s scored it.
func biggestList(lists []listGroup, s *scorer) int {
	big := 0
	for _, g := range lists {
		n := 0
		for _, it := range g.items {
			n += s.measure(it).chars
		}
		big = max(big, n)
	}
	return big
}

// galleryShare is the share of the content's text in gallery items
// (pictures with a short caption, see galleryItem).
func galleryShare(nodes []*html.Node) float64 {
	total, in := 0, 0
	for _, n := range nodes {
		total += measure(n).chars
		walk(n, func(e *html.Node) bool {
			if e.Type != html.ElementNode {
				return e.Type == html.DocumentNode
			}
			if e.DataAtom != atom.Li {
				return true // only list items are gallery items: measured below
			}
			if c := measure(e).chars; galleryItem(e, c) {
				in += c
				return false
			}
			return true
		})
	}
	if total == 0 {
		return 0
	}
	return float64(in) / float64(total)
}
