package extract

import (
	"encoding/json"
	"hash/fnv"
	"net/url"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A site's structure decides what one page cannot. A CMS puts an article's
// text in the same slot of its template on every article page, and the
// items of its listings in the same slots on every listing page; and a
// block, a <title> or a date that every page shows is the site's, not the
// page's. So a page that fills the listing slots and not the article slot
// is a listing however long its featured teaser, a page with its sentence
// in the article slot is an article however short, a search form that
// fills neither is other, and a <title> every page shares names the site.
//
// Slots are DOM-path signatures (see slotOf). Each extracted page reports
// its Shape; a SiteModel adds up the shapes of one host's pages, and a Page
// that carries its host's model is read with it.

// Slot is a DOM-path signature: a hash of the tag and classes of each
// element from <body> down, digits and ids left out, so that the same box
// of a template has the same slot on every page.
type Slot uint64

// Shape is what one page tells of its site's structure.
type Shape struct {
	Type PageType
	// Content is the slot of the element that holds the page's main
	// content: an article's text, a listing's items.
	Content Slot
	// Around are the slots of the elements around the content, from its
	// parent up: on a listing, the boxes an article slot must not be.
	Around []Slot
	// Links counts the page's links to its own site by the slot of the
	// link, for links with a few words of text (items, not icons).
	Links map[Slot]int
	// Title is a hash of the page's <title>, collapsed; 0 when it has none.
	Title uint64
	// Description is a hash of the page's longest description, likewise.
	Description uint64
	// SecondAsked: the article's text was short beside the page, and a
	// second algorithm read the page (see secondOpinion); SecondWon: its
	// text was taken.
	SecondAsked, SecondWon bool
}

// Site is what a page's host tells of it. Implementations are safe for
// concurrent reads.
type Site interface {
	// KnowsArticles tells whether the site's article slot is known: only
	// then does a page without it lack it.
	KnowsArticles() bool
	// ArticleSlot tells whether articles of the site hold their text in
	// this slot.
	ArticleSlot(s Slot) bool
	// ItemSlot tells whether the site's listing pages repeat links in
	// this slot that its article pages do not have.
	ItemSlot(s Slot) bool
	// SharedTitle tells whether this <title> is the site's: most of its
	// pages have it.
	SharedTitle(title string) bool
	// SharedDescription tells the same of a description: on most pages,
	// it describes the site, not the page.
	SharedDescription(description string) bool
	// SecondOpinionLoses tells whether the site's articles with their
	// content in this slot gain nothing from a second reading: it was
	// asked of many of them and never won.
	SecondOpinionLoses(s Slot) bool
}

// titleHash is the hash a Shape keeps of a <title>.
func titleHash(t string) uint64 {
	t = collapseSpace(t)
	if t == "" {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(t))
	return h.Sum64()
}

// What a site model needs before it is trusted, and what makes a slot the
// site's.
const (
	// siteMinPages: fewer pages than this say nothing of a template.
	siteMinPages = 5
	// siteMinArticles: an article slot is learnt from at least this many
	// article pages (two pages agreeing is the least a pattern can be).
	siteMinArticles = 2
	// articleSlotShare: a slot holds the text of at least this share of
	// the site's article pages (static pages may use another box).
	articleSlotShare = 0.3
	// itemMinRepeat: a listing repeats its item link at least this often.
	itemMinRepeat = 3
	// menuShare: a link slot on this share of article pages is the site's
	// menu or sidebar, whatever a listing shows in it.
	menuShare = 0.5
	// sharedTitleShare: a <title> on this share of the pages is the site's.
	sharedTitleShare = 0.5
	// sharedTitleMinPages: and it is on at least this many.
	sharedTitleMinPages = 3
	// itemMinWords: a link with fewer words is an icon, a number or "Xem".
	itemMinWords = 2
	// maxTitles bounds the <title>s a model keeps: a news site has a
	// <title> per page, and only those on many pages matter. When full,
	// titles seen once are forgotten.
	maxTitles = 1024
)

// SiteModel adds up the shapes of one host's pages. The zero value is ready
// to use; it is safe for concurrent use.
type SiteModel struct {
	mu       sync.RWMutex
	pages    int
	articles int
	content  map[Slot]int // article pages by the slot of their text
	onList   map[Slot]int // other pages by the slot of their content
	others   int          // pages that are not articles
	items    map[Slot]int // listing pages that repeat links in a slot
	onArt    map[Slot]int // article pages with links in a slot
	titles   map[uint64]int
	descs    map[uint64]int // pages by the hash of their description
	asked    map[Slot]int   // article pages read a second time, by the slot of their content
	won      map[Slot]int   // … whose second text was taken
}

// Add counts one page's shape.
func (m *SiteModel) Add(s Shape) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.content == nil {
		m.content, m.items, m.onArt, m.titles = map[Slot]int{}, map[Slot]int{}, map[Slot]int{}, map[uint64]int{}
		m.onList, m.descs = map[Slot]int{}, map[uint64]int{}
		m.asked, m.won = map[Slot]int{}, map[Slot]int{}
	}
	m.pages++
	countHash(m.titles, s.Title)
	countHash(m.descs, s.Description)
	switch s.Type {
	case TypeArticle:
		m.articles++
		if s.Content != 0 {
			m.content[s.Content]++
		}
		for sl := range s.Links {
			m.onArt[sl]++
		}
		if s.SecondAsked && s.Content != 0 {
			m.asked[s.Content]++
			if s.SecondWon {
				m.won[s.Content]++
			}
		}
	default:
		m.others++
		if s.Content != 0 {
			m.onList[s.Content]++
		}
		for _, sl := range s.Around {
			m.onList[sl]++
		}
		if s.Type != TypeListing {
			break
		}
		for sl, n := range s.Links {
			if n >= itemMinRepeat {
				m.items[sl]++
			}
		}
	}
}

// Pages is the number of pages counted.
func (m *SiteModel) Pages() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.pages
}

// ArticleSlot implements Site.
func (m *SiteModel) ArticleSlot(s Slot) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.pages < siteMinPages || m.articles < siteMinArticles {
		return false
	}
	return m.articleSlot(s)
}

// articleSlot: the slot holds the text of enough of the site's articles,
// and the content of few of its other pages: where a CMS shows listings
// and articles in one box, the box tells nothing. m.mu is held.
func (m *SiteModel) articleSlot(s Slot) bool {
	n := m.content[s]
	return n >= siteMinArticles && float64(n) >= articleSlotShare*float64(m.articles) &&
		float64(m.onList[s]) < articleSlotShare*float64(m.others)
}

// KnowsArticles implements Site.
func (m *SiteModel) KnowsArticles() bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.pages < siteMinPages || m.articles < siteMinArticles {
		return false
	}
	for sl := range m.content {
		if m.articleSlot(sl) {
			return true
		}
	}
	return false
}

// ItemSlot implements Site.
func (m *SiteModel) ItemSlot(s Slot) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.pages < siteMinPages || m.items[s] == 0 {
		return false
	}
	return float64(m.onArt[s]) < menuShare*float64(m.articles)
}

// SecondOpinionLoses implements Site.
func (m *SiteModel) SecondOpinionLoses(s Slot) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return s != 0 && m.asked[s] >= secondOpinionTrials && m.won[s] == 0
}

// countHash counts a page's <title> or description, keeping at most
// maxTitles of them. 0 is no text.
func countHash(counts map[uint64]int, h uint64) {
	if h == 0 {
		return
	}
	if _, ok := counts[h]; !ok && len(counts) >= maxTitles {
		for t, n := range counts {
			if n == 1 {
				delete(counts, t)
			}
		}
	}
	counts[h]++
}

// SharedTitle implements Site.
func (m *SiteModel) SharedTitle(title string) bool {
	return m.shared(m.titles, title)
}

// SharedDescription implements Site.
func (m *SiteModel) SharedDescription(description string) bool {
	return m.shared(m.descs, description)
}

func (m *SiteModel) shared(counts map[uint64]int, text string) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.pages < siteMinPages {
		return false
	}
	n := counts[titleHash(text)]
	return n >= sharedTitleMinPages && float64(n) >= sharedTitleShare*float64(m.pages)
}

// slotOf is the signature of n's place in the page.
func slotOf(n *html.Node) Slot {
	var chain []*html.Node
	for p := n; p != nil && p.Type == html.ElementNode && p.DataAtom != atom.Body && p.DataAtom != atom.Html; p = p.Parent {
		chain = append(chain, p)
	}
	var h Slot
	for i := len(chain) - 1; i >= 0; i-- {
		h = childSlot(h, chain[i])
	}
	return h
}

// childSlot is the slot of n under a parent of slot parent: the hash of
// the parent's and of n's signature, so that a walk down the tree finds
// every element's slot in one step each.
func childSlot(parent Slot, n *html.Node) Slot {
	h := fnv.New64a()
	var b [8]byte
	for i := range b {
		b[i] = byte(parent >> (8 * i))
	}
	h.Write(b[:])
	h.Write([]byte(elemSig(n)))
	return Slot(h.Sum64())
}

// walkSlots calls f for each element below root (not root itself) with its
// slot; f returns false to skip the element's subtree.
func walkSlots(root *html.Node, f func(n *html.Node, s Slot) bool) {
	var rec func(n *html.Node, s Slot)
	rec = func(n *html.Node, s Slot) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipTags[c.DataAtom] {
				continue
			}
			cs := childSlot(s, c)
			if f(c, cs) {
				rec(c, cs)
			}
		}
	}
	rec(root, slotOf(root))
}

// elemSig is an element's tag and its classes, sorted, without digits:
// "div.content.detail". Numbered classes ("item-3") and ids (GUIDs,
// instance ids) differ from page to page of one template.
func elemSig(n *html.Node) string {
	cls := strings.Fields(attr(n, "class"))
	var b strings.Builder
	b.WriteString(n.Data)
	slices.Sort(cls)
	for _, c := range cls {
		c = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return -1
			}
			return r
		}, c)
		if c != "" && c != "-" && c != "_" {
			b.WriteByte('.')
			b.WriteString(c)
		}
	}
	return b.String()
}

// contentSlots are the slot of the element that holds the content (the
// lowest common ancestor of its nodes) and those of its ancestors.
func contentSlots(nodes []*html.Node) (Slot, []Slot) {
	if len(nodes) == 0 {
		return 0, nil
	}
	lca := nodes[0]
	if len(nodes) > 1 {
		lca = nodes[0].Parent
	}
	if lca == nil {
		return 0, nil
	}
	// The scorer climbs out of only children ("an only child says no more
	// than its parent"): the box of the text is the one below.
	for {
		var only *html.Node
		k := 0
		for c := lca.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				only = c
				k++
			} else if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				k = 2
			}
		}
		if k != 1 || !blockTags[only.DataAtom] {
			break
		}
		lca = only
	}
	var around []Slot
	for p := lca.Parent; p != nil && p.Type == html.ElementNode && p.DataAtom != atom.Body; p = p.Parent {
		around = append(around, slotOf(p))
	}
	return slotOf(lca), around
}

// siteLinks counts the page's links to its own host by slot, and puts
// them in found unless it is nil.
func siteLinks(body *html.Node, base *url.URL, found map[*html.Node]bool) map[Slot]int {
	out := map[Slot]int{}
	if base == nil {
		return out
	}
	walkSlots(body, func(n *html.Node, s Slot) bool {
		if n.DataAtom != atom.A {
			return true
		}
		if siteLink(n, base) {
			out[s]++
			if found != nil {
				found[n] = true
			}
		}
		return false
	})
	return out
}

// forSiteLinks calls f for each link of body to a page of base's host with
// a few words of text.
func forSiteLinks(body *html.Node, base *url.URL, f func(a *html.Node)) {
	if base == nil {
		return
	}
	walk(body, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if skipTags[n.DataAtom] {
			return false
		}
		if n.DataAtom != atom.A {
			return true
		}
		if siteLink(n, base) {
			f(n)
		}
		return false
	})
}

// siteLink: a link to a page of base's host with a few words of text.
func siteLink(a *html.Node, base *url.URL) bool {
	href := strings.TrimSpace(attr(a, "href"))
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript:") {
		return false
	}
	u, err := base.Parse(href)
	if err != nil || !strings.EqualFold(u.Hostname(), base.Hostname()) {
		return false
	}
	return countFields(innerText(a), itemMinWords) >= itemMinWords
}

// siteView is what the site says of one page: the elements in its article
// slot, and its links in listing slots.
type siteView struct {
	knows     bool // the site's article slot is known
	slotNodes []*html.Node
	items     []Link
}

// readSite reads a page as its site tells: links are the page's links to
// its own host, as siteLinks found them.
func readSite(site Site, body *html.Node, base *url.URL, links map[*html.Node]bool) siteView {
	v := siteView{knows: site.KnowsArticles()}
	walkSlots(body, func(n *html.Node, s Slot) bool {
		if n.DataAtom == atom.A {
			if links[n] && site.ItemSlot(s) {
				u, _ := base.Parse(strings.TrimSpace(attr(n, "href")))
				v.items = append(v.items, Link{Text: nfc(collapseSpace(innerText(n))), URL: u.String()})
			}
			return false
		}
		// Links inside still count, so the walk goes on below a slot
		// (a listing's items may sit in the box its articles' text
		// does), and a slot inside another is the outer one's text.
		if site.ArticleSlot(s) && (len(v.slotNodes) == 0 || !contains(v.slotNodes[len(v.slotNodes)-1], n)) {
			v.slotNodes = append(v.slotNodes, n)
		}
		return true
	})
	return v
}

// siteDecides applies what the site says of a page over what the page
// says alone, and returns the content to read the text from when that
// changes. A declared article (JSON-LD, og:type) is never demoted.
func siteDecides(a *Article, v siteView, c content, m meta, searchForm bool, title string) (content, bool) {
	inSlot := len(v.slotNodes) > 0
	lacksSlot := !inSlot && v.knows
	switch {
	case lacksSlot && len(v.items) > 0 && a.PageType != TypeListing && !m.declaresArticle():
		// The listing slots filled and the article slot empty: a
		// listing, even of one teaser, even with a long featured one.
		a.PageType, a.Links = TypeListing, v.items
	case lacksSlot && a.PageType == TypeArticle && searchForm && totalChars(trimEdges(keepBlocks(c.blocks, title))) < searchFormMaxText && !m.declaresArticle():
		// A search form with no result rows in the site's slots, and
		// little else: its labels and help.
		a.PageType, a.Links = TypeOther, nil
	case inSlot && len(v.items) == 0 && a.PageType != TypeArticle && !c.login && !c.search && !c.errorPage && !c.form && !searchForm:
		// The article slot holds text: an article, if only of one
		// sentence and an attachment.
		sc := c
		sc.nodes, sc.dropped = v.slotNodes, nil
		sc.blocks = render(v.slotNodes)
		if totalChars(trimEdges(keepBlocks(sc.blocks, title))) == 0 {
			return c, false
		}
		a.PageType, a.Links = TypeArticle, nil
		return sc, true
	}
	return c, false
}

// searchFormMinControls: a form of this many fields, a list among them,
// is a search of the site's records (documents, procedures), not the
// one-box site search every page carries.
const searchFormMinControls = 3

// searchFormMaxText: a page with a search form and more text than this
// is about something else too (a Q&A page with its question form).
const searchFormMaxText = 500

// hasSearchForm tells whether the page has a search form of several
// fields with a list to choose from.
func hasSearchForm(doc *html.Node) bool {
	selects, fields := 0, 0
	walk(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Select:
			if !linkMenu(n) {
				selects++
				fields++
			}
			return false
		case atom.Input:
			switch strings.ToLower(attr(n, "type")) {
			case "", "text", "search", "date":
				fields++
			}
		}
		return true
	})
	return selects > 0 && fields >= searchFormMinControls
}

// linkMenu: a list whose options are addresses ("Liên kết Website": the
// other agencies' sites) is a menu of links that a script follows, not a
// field of a search.
func linkMenu(sel *html.Node) bool {
	options, urls := 0, 0
	walk(sel, func(n *html.Node) bool {
		if n.DataAtom == atom.Option {
			options++
			if v := strings.ToLower(strings.TrimSpace(attr(n, "value"))); strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "/") {
				urls++
			}
			return false
		}
		return true
	})
	return options > 0 && urls*2 >= options
}

// siteModelJSON is a SiteModel as stored between runs.
type siteModelJSON struct {
	Pages    int            `json:"pages"`
	Articles int            `json:"articles"`
	Others   int            `json:"others"`
	Content  map[Slot]int   `json:"content,omitempty"`
	OnList   map[Slot]int   `json:"onOthers,omitempty"`
	Items    map[Slot]int   `json:"items,omitempty"`
	OnArt    map[Slot]int   `json:"onArticles,omitempty"`
	Titles   map[uint64]int `json:"titles,omitempty"`
	Descs    map[uint64]int `json:"descriptions,omitempty"`
	Asked    map[Slot]int   `json:"secondAsked,omitempty"`
	Won      map[Slot]int   `json:"secondWon,omitempty"`
}

// MarshalJSON stores the model's counts.
func (m *SiteModel) MarshalJSON() ([]byte, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return json.Marshal(siteModelJSON{m.pages, m.articles, m.others, m.content, m.onList, m.items, m.onArt, m.titles, m.descs, m.asked, m.won})
}

// UnmarshalJSON reads counts MarshalJSON stored.
func (m *SiteModel) UnmarshalJSON(b []byte) error {
	var j siteModelJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pages, m.articles, m.others = j.Pages, j.Articles, j.Others
	m.content, m.items, m.onArt, m.titles = orEmpty(j.Content), orEmpty(j.Items), orEmpty(j.OnArt), orEmpty(j.Titles)
	m.onList, m.descs = orEmpty(j.OnList), orEmpty(j.Descs)
	m.asked, m.won = orEmpty(j.Asked), orEmpty(j.Won)
	return nil
}

func orEmpty[K comparable](m map[K]int) map[K]int {
	if m == nil {
		return map[K]int{}
	}
	return m
}

// searchRecords finds the result rows of a search form: a table after
// the form's list, whose first row heads the columns and whose every
// other row links a record (a document's file, a procedure's page).
// A document register prints its records so under its search fields;
// the rows are the listing's items, nil when there are none.
func searchRecords(doc *html.Node, base *url.URL) []Link {
	var links []Link
	seenSelect := false
	walk(doc, func(n *html.Node) bool {
		if links != nil || n.Type != html.ElementNode {
			return links == nil
		}
		switch n.DataAtom {
		case atom.Select:
			seenSelect = true
			return false
		case atom.Table:
			if seenSelect {
				links = recordRows(n, base)
				return links == nil
			}
		}
		return true
	})
	return links
}

// recordRows: the links of a table's rows after its heading row, if
// every one of them has cells and a link; nil otherwise.
func recordRows(table *html.Node, base *url.URL) []Link {
	var rows []*html.Node
	walk(table, func(n *html.Node) bool {
		if n != table && n.DataAtom == atom.Table {
			return false // a nested table is a cell's layout
		}
		if n.DataAtom == atom.Tr {
			rows = append(rows, n)
			return false
		}
		return true
	})
	if len(rows) < 2 || hasLinkText(rows[0]) {
		return nil
	}
	var links []Link
	for _, r := range rows[1:] {
		cells := 0
		for c := r.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
				cells++
			}
		}
		a := findFirst(r, func(e *html.Node) bool { return e.DataAtom == atom.A && strings.TrimSpace(attr(e, "href")) != "" })
		if cells < minRecordCells || a == nil {
			return nil
		}
		links = append(links, Link{Text: collapseSpace(innerText(r)), URL: resolve(base, attr(a, "href"))})
	}
	return links
}

// minRecordCells: a record row gives at least a name and its file; a
// layout table's row is one cell wide.
const minRecordCells = 2
