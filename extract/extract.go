package extract

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"
)

// Extract reads one page and returns its article. It does no I/O and is safe
// for concurrent use. The only error is for input that is not HTML at all.
func Extract(p Page) (Article, error) {
	a := Article{URL: p.URL}
	if r := binaryBody(p.HTML); r != "" {
		// Bytes served as text/html that are no text: never an article.
		a.PageType, a.Reason = TypeOther, r
		return a, nil
	}
	doc, err := html.Parse(bytes.NewReader(toUTF8(p.HTML, p.ContentType)))
	if err != nil {
		return a, err
	}
	a.Hrefs = collectHrefs(doc) // the page as parsed, before any cleaning
	unwrapNoscript(doc)         // before repairText, which reads no raw text
	replayStreamed(doc)
	repairText(doc)
	base, _ := url.Parse(p.URL)
	pageURL := base
	if b := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Base && attr(n, "href") != "" }); b != nil && base != nil {
		if u, err := base.Parse(strings.TrimSpace(attr(b, "href"))); err == nil {
			base = u
		}
	}
	m := readMeta(doc, base)
	a.Lang, a.Canonical, a.Author = m.lang, m.canonical, m.author
	a.Description = nfc(m.description)

	form := hasForm(doc) // before prepare drops the controls
	searchForm := hasSearchForm(doc)
	var records []Link
	if searchForm {
		records = searchRecords(doc, base) // before prepare drops the form's lists
	}
	login := hasPassword(doc)
	search := isSearchResults(doc)
	prepare(doc)
	body := findBody(doc)
	a.Fingerprints = pageFingerprints(body)
	if p.Template != nil {
		dropTemplateBlocks(body, p.Template)
	}

	// Before findContent strips the headers: the item's date line may
	// sit in one.
	own := slugHeadline(body, pageURL)
	ownDate := ""
	if own != nil {
		ownDate = dateLineBefore(body, own)
	}
	c := findContent(body, base, m.declaresArticle())
	c.form, c.search = form, search
	// og:type "website" says the og tags describe the site; an og:title
	// that has no word in common with the page's one <h1>, either way, is
	// then the site's name, not this page's headline.
	if m.ogType == "website" && m.ogTitle != "" && c.headline != "" &&
		!wordsCover(m.ogTitle, c.headline) && !wordsCover(c.headline, m.ogTitle) {
		m.ogTitle = ""
	}
	title := pickTitle(m, doc, nil)
	c.login = login && loginTitleRE.MatchString(strings.ToLower(title))
	c.errorPage = errorPageRE.MatchString(strings.ToLower(title + "\n" + c.headline))
	blocks := trimEdges(keepBlocks(c.blocks, title))
	a.PageType, a.Links = classify(m, c, blocks)
	if len(records) > 0 && !hasProse(blocks) && totalChars(blocks) < searchFormMaxText && !m.declaresArticle() {
		// A search form, the rows it found, and no sentence: a listing
		// of records (a document register), however few.
		a.PageType, a.Links = TypeListing, records
	}
	if own != nil && a.PageType != TypeArticle && !c.search && !c.login && !c.errorPage && !m.declaresArticle() && hasAncestor(own, atom.Body) {
		// The URL spells a line of the page: the page is that line's
		// item. A content that is a list is the other items': the
		// item's own box beside them is its text.
		if c.listCoverage >= listingMinCover || totalChars(blocks) == 0 {
			c.nodes, c.dropped = []*html.Node{headlineBox(own)}, nil
			c.blocks = render(c.nodes)
			blocks = trimEdges(keepBlocks(c.blocks, title))
		}
		if ownDate != "" {
			c.headerDate = ownDate
		}
		a.PageType, a.Links = TypeArticle, nil
	}
	var links map[*html.Node]bool // the site links siteLinks finds, for readSite
	if p.Site != nil {
		links = map[*html.Node]bool{}
	}
	a.Shape = Shape{Type: a.PageType, Links: siteLinks(body, base, links), Title: titleHash(m.docTitle), Description: titleHash(m.longest)}
	a.Shape.Content, a.Shape.Around = contentSlots(c.nodes)
	sharedTitle, sharedDesc := false, false
	if p.Site != nil {
		sharedTitle = p.Site.SharedTitle(m.docTitle)
		sharedDesc = p.Site.SharedDescription(m.longest)
		if v := readSite(p.Site, body, base, links); a.PageType == TypeArticle || len(v.slotNodes) > 0 || len(v.items) > 0 {
			if nc, ok := siteDecides(&a, v, c, m, searchForm, title); ok {
				c = nc
				blocks = trimEdges(keepBlocks(c.blocks, title))
			}
		}
	}
	// A page that shows (almost) no text but declares itself an article with
	// its body in JSON-LD is rendered by a script: the JSON-LD is its text.
	ld := ""
	if a.PageType != TypeArticle && totalChars(blocks) < minArticleChars {
		if ld = ldArticleText(m); ld != "" {
			a.PageType, a.Links = TypeArticle, nil
			a.Text = nfc(ld)
		}
	}
	if a.PageType == TypeOther && ld == "" && totalChars(blocks) < minArticleChars &&
		!c.form && !c.search && !c.login && !c.errorPage && !sharedDesc {
		// Not a word in the body, yet the page describes itself at the
		// length of a post: a script renders it, and the description is
		// the post. One the site's pages share describes the site.
		if ld = descriptionText(m); ld != "" {
			a.PageType, a.Links = TypeArticle, nil
			a.Text = nfc(ld)
		}
	}
	if a.PageType == TypeArticle && ld == "" {
		// An article's heading typed into its first lines may say more
		// than <title>; on a listing the first line is an item's.
		t := pickTitle(m, doc, c.blocks)
		// Without og:title or a heading typed into the body, a headline on
		// the page that <title> does not hold is the article's, <title>
		// being the site's or the section's.
		// The page's one <h1> stands in when no headline is found near
		// the content: its box ("tthc-header", "detail-header") may have
		// gone with the page's headers before the content was scored.
		h := contentHeading(c)
		if h == "" && headlineShape(c.headline) {
			h = c.headline
		}
		if h == "" && m.ogTitle == "" && collapseSpace(m.docTitle) == title && namesSite(doc, title) {
			h = typedHeading(c)
		}
		if m.ogTitle == "" && t == title && h != "" && !wordsCover(t, h) {
			t = h
		}
		if t != title {
			title = t
			blocks = trimEdges(keepBlocks(c.blocks, title))
		}
		a.Text = nfc(joinBlocks(blocks))
	}
	if a.PageType == TypeArticle && m.ogTitle == "" &&
		(sharedTitle || homeTitle(m.docTitle) || namesSite(doc, collapseSpace(m.docTitle))) {
		// Every page of the site has this <title>, or it names the home
		// page or the site: the page's own headline names it.
		if h := headlineNear(c); h != "" && h != title {
			title = h
			blocks = trimEdges(keepBlocks(c.blocks, title))
			a.Text = nfc(joinBlocks(blocks))
		}
	}
	a.Title = nfc(title)
	if a.Lang == "" && looksVietnamese(a.Title+" "+a.Text) {
		a.Lang = "vi"
	}
	if d, ok := findPublished(m, c, a.PageType == TypeArticle, title); ok {
		a.Published, a.PublishedHasTime, a.PublishedRaw = d.t, d.hasClock, nfc(d.raw)
	}
	if a.PageType == TypeArticle && ld == "" {
		a.textBlocks, a.textFromBlocks = textBlocksOf(c.nodes, c.dropped, a.Text), true
	}
	// Last, as it consumes the tree: a text short beside the page gets a
	// second reading, and the second text wins when far longer.
	if a.PageType == TypeArticle && ld == "" && a.Text != "" {
		// The page as a reader is shown it, the template's blocks gone:
		// nothing since prepare has changed body.
		// The site's record first: measuring the page costs more.
		if (p.Site == nil || !p.Site.SecondOpinionLoses(a.Shape.Content) || recheckSecond(p.URL)) &&
			float64(countChars(a.Text))*secondOpinionGain < float64(measure(body).chars) {
			a.Shape.SecondAsked = true
			if t := secondOpinion(doc, pageURL, title); preferSecond(a.Text, t) {
				a.Text, a.textFromBlocks = nfc(t), false
				a.Shape.SecondWon = true
			}
		}
	}
	return a, nil
}

func nfc(s string) string { return norm.NFC.String(s) }

// DecodeHTML returns a page as UTF-8. A body that is valid UTF-8 is taken as
// UTF-8 whatever the header or <meta> say: real windows-1258 or TCVN3 text is
// practically never valid UTF-8, while servers that declare a legacy charset
// for UTF-8 pages are common (and Colly, when it converts, keeps the old
// <meta>). Otherwise the charset comes from the Content-Type header, else a
// BOM, else <meta charset> / <meta http-equiv> (windows-1258 included), else
// windows-1252. The error is always nil; bytes that cannot be decoded become
// U+FFFD.
func DecodeHTML(body []byte, contentType string) ([]byte, error) {
	return toUTF8(body, contentType), nil
}

func toUTF8(b []byte, contentType string) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if utf8.Valid(b) {
		return b
	}
	if enc, ok := legacyCharset(b, contentType); ok {
		return decodeLegacyPage(b, enc)
	}
	enc, _, _ := charset.DetermineEncoding(b, contentType)
	if out, err := enc.NewDecoder().Bytes(b); err == nil {
		return out
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}

func findBody(doc *html.Node) *html.Node {
	if b := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body }); b != nil {
		return b
	}
	return doc
}

// content is the result of one attempt at finding the main content.
type content struct {
	root   *html.Node   // the body of the attempt's copy of the page
	nodes  []*html.Node // the content's elements, in page order
	blocks []block      // their lines, unfiltered
	chars  int          // characters in the lines that keepBlocks keeps

	// From the strictest attempt: the share of the content's text that lies
	// in lists of teasers or links, and the links of those lists.
	listCoverage   float64
	listLinks      []Link
	listsInContent bool   // listLinks come from lists in or around the content
	childLinks     []Link // headings that link to pages below this one
	dirLinks       []Link // … or to pages in its folder
	biggestList    int    // characters in the page's longest list

	dropped map[*html.Node]bool // furniture below nodes, left in the tree but not rendered

	form            bool    // the raw page has a form to fill in (see hasForm)
	headerDate      string  // a date line in an <article>'s <header>, which stripUnlikely removes
	headline        string  // the page's one <h1>, read before stripUnlikely may remove its box
	search          bool    // the page shows the results of a search (see isSearchResults)
	login           bool    // a password field on a page titled as a login (see loginTitleRE)
	errorPage       bool    // the page's title or headline says it is not found (see errorPageRE)
	teaser          *Link   // the content is the teaser of this page (see teaserLink)
	datedLinks      []Link  // links to the site's pages that carry a date (see datedLinks)
	pageLinkDensity float64 // share of the page's text (furniture stripped) in links
}

// The attempts, most to least strict, follow Readability's flags: strip
// unlikely elements, weigh class names, remove furniture inside the content.
// The strict attempt (all three) works on a copy of the page. The looser ones
// strip nothing, so they share the page's paragraphs and text statistics, and
// their furniture is skipped when rendering instead of removed, which leaves
// the page as it is for the next one. The last two differ only in cleaning:
// they score alike and pick the same content.

const (
	// minArticleChars: less text than this in the main content is no article.
	minArticleChars = 100
	// uncleanedMaxChars: a content this short is rendered before cleaning
	// too, in case cleaning leaves nothing of it.
	uncleanedMaxChars = 2000
	// uncleanedMaxLinks: the uncleaned lines are the page's only when at
	// most this share of them is link text.
	uncleanedMaxLinks = 0.25
	// enoughChars: a looser attempt is taken over the strict one only when the
	// strict one found (almost) nothing and the looser one finds this much.
	enoughChars = 500
)

func findContent(body *html.Node, base *url.URL, declared bool) content {
	root := clone(body)
	hdrDate, headline := articleHeaderDate(root), soleHeadline(root)
	stripUnlikely(root)
	s := score(root, true)
	s.stripped = true
	first := content{root: root, nodes: s.content(root), headerDate: hdrDate, headline: headline}
	lists := findLists(root, s)
	first.listCoverage = coverage(first.nodes, lists)
	first.listLinks, first.listsInContent = listLinks(lists, first.nodes, base)
	first.pageLinkDensity = s.measure(root).linkDensity()
	first.childLinks = childHeadingLinks(root, base, false, nil)
	first.dirLinks = childHeadingLinks(root, base, true, first.listLinks)
	first.biggestList = biggestList(lists, s)
	first.teaser = teaserLink(first.nodes, base)
	first.datedLinks = datedLinks(root, base)
	var uncleaned []block // a short content's lines before cleaning
	if short := s.measure(first.nodes[0]).chars; len(first.nodes) == 1 && short <= uncleanedMaxChars {
		uncleaned = render(first.nodes)
	}
	for _, n := range first.nodes {
		cleanConditionally(n, s)
	}
	first.blocks = render(first.nodes)
	first.chars = totalChars(keepBlocks(first.blocks, ""))
	if first.chars >= minArticleChars {
		return first
	}
	if kept := keepBlocks(uncleaned, ""); first.chars == 0 && totalChars(kept) >= minArticleChars &&
		!hasProse(kept) && linkShare(uncleaned) <= uncleanedMaxLinks && charsAfter(root, first.nodes[0]) >= minArticleChars {
		// Cleaning emptied the content's one box: a picture and a few
		// lines that are no sentences (an agency's address and phone
		// under its photo) look like furniture. They are the page's when
		// they are not links (a home page's teasers are), not prose (a
		// featured story's lead, its headline gone with the cleaning) and
		// not the page's end (its footer is).
		first.blocks, first.chars = uncleaned, totalChars(kept)
		return first
	}

	in := scoreInputs(body)
	loose := func(c content) content {
		c.listCoverage, c.listLinks, c.listsInContent = first.listCoverage, first.listLinks, first.listsInContent
		c.childLinks, c.dirLinks = first.childLinks, first.dirLinks
		c.pageLinkDensity, c.biggestList = first.pageLinkDensity, first.biggestList
		c.teaser, c.datedLinks = first.teaser, first.datedLinks
		c.headerDate, c.headline = first.headerDate, first.headline
		return c
	}
	var fallback *content // a loose attempt's, when the strict one found nothing at all
	for _, weigh := range []bool{true, false} {
		s := scoreWith(in, weigh)
		c := content{root: body, nodes: s.content(body)}
		var drop []*html.Node
		for _, n := range c.nodes {
			drop = furnitureIn(n, s, drop)
		}
		if len(drop) > 0 {
			c.dropped = make(map[*html.Node]bool, len(drop))
			for _, n := range drop {
				c.dropped[n] = true
			}
		}
		c.blocks = renderSkipping(c.nodes, c.dropped)
		c.chars = totalChars(keepBlocks(c.blocks, ""))
		if c.chars >= enoughChars {
			return loose(c)
		}
		if first.chars == 0 && fallback == nil && c.chars >= minArticleChars && hasProse(keepBlocks(c.blocks, "")) &&
			charsAfter(body, c.nodes[len(c.nodes)-1]) >= minArticleChars {
			lc := loose(c)
			fallback = &lc
		}
		if !weigh {
			// The last attempt: the same content, uncleaned.
			c.dropped = nil
			c.blocks = render(c.nodes)
			c.chars = totalChars(keepBlocks(c.blocks, ""))
			if c.chars >= enoughChars {
				return loose(c)
			}
		}
	}
	if fallback != nil {
		return *fallback
	}
	if kept := keepBlocks(uncleaned, ""); first.chars == 0 && totalChars(kept) >= enoughChars &&
		hasProse(kept) && (linkShare(uncleaned) <= uncleanedMaxLinks || declared) {
		// Nothing else found anything, and cleaning emptied the content's
		// one box of prose that links little: a landing page's sections,
		// each a heading, a picture and a paragraph, look like boxes of
		// furniture. As much prose as a looser attempt must find (a
		// featured story's lead is shorter) is the page's text. A page
		// whose metadata declare an article keeps the box's links too
		// (a manual's chapter opens with its table of contents).
		first.blocks, first.chars = uncleaned, totalChars(kept)
	}
	return first
}

// linkShare is the share of the blocks' characters in links.
func linkShare(blocks []block) float64 {
	chars, links := 0, 0
	for _, b := range blocks {
		chars += b.chars
		links += b.linkChars
	}
	if chars == 0 {
		return 0
	}
	return float64(links) / float64(chars)
}

// charsAfter counts the text that follows n in root, in page order.
func charsAfter(root, n *html.Node) int {
	total, past := 0, false
	walk(root, func(e *html.Node) bool {
		if e == n {
			past = true
			return false
		}
		if past && e.Type == html.TextNode {
			total += countChars(strings.TrimSpace(e.Data))
		}
		return true
	})
	return total
}

// content returns the content's elements by the scores: the top candidate
// with its siblings, or the whole of root when nothing scored.
func (s *scorer) content(root *html.Node) []*html.Node {
	if top := s.top(root); top != nil {
		nodes := s.gather(top)
		if pc := s.proseCore(root, nodes); pc != nil {
			return []*html.Node{pc}
		}
		return nodes
	}
	return []*html.Node{root}
}

// clone deep-copies a node and its subtree, detached from any parent. The
// copies come from one slice, as a page has thousands of nodes, and share
// the originals' attributes, which nothing writes to (the capacity is clipped
// so that an append would copy).
func clone(n *html.Node) *html.Node {
	count := 0
	walk(n, func(*html.Node) bool { count++; return true })
	nodes := make([]html.Node, count)
	var rec func(n *html.Node) *html.Node
	rec = func(n *html.Node) *html.Node {
		c := &nodes[0]
		nodes = nodes[1:]
		c.Type, c.DataAtom, c.Data, c.Namespace = n.Type, n.DataAtom, n.Data, n.Namespace
		if len(n.Attr) > 0 {
			c.Attr = n.Attr[:len(n.Attr):len(n.Attr)]
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			c.AppendChild(rec(ch))
		}
		return c
	}
	return rec(n)
}

// trimEdges drops date lines and bylines from the start and end of the text,
// and a closing author's name ("Minh Tâm").
func trimEdges(blocks []block) []block {
	for len(blocks) > 0 && edgeLine(blocks[0]) {
		blocks = blocks[1:]
	}
	for len(blocks) > 0 && edgeLine(blocks[len(blocks)-1]) {
		blocks = blocks[:len(blocks)-1]
	}
	if n := len(blocks); n > 2 && (isName(blocks[n-1].text) || rightSignature(blocks[n-1])) && !signatureMark(blocks[n-2].text) {
		blocks = blocks[:n-1]
	}
	return blocks
}

// signatureMark: a line of an official document's signature block, the
// signer's mark or office ("(Đã ký)", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"). The
// name under it signs the document the department issued, part of its text,
// not the web page's byline.
func signatureMark(s string) bool {
	if len(s) > 60 {
		return false
	}
	lower := strings.ToLower(strings.Trim(s, "()[] "))
	if strings.HasPrefix(lower, "đã ký") || lower == "ký" {
		return true
	}
	return countLetters(s) >= 4 && strings.ToUpper(s) == s
}

// rightSignature: a short last line set flush right that is no sentence,
// as news signs off with its author, desk or source ("Phòng Khảo thí và
// Quản lý chất lượng", "Theo Báo Nhân Dân") where isName does not reach.
func rightSignature(b block) bool {
	return b.right && b.chars <= 60 && b.linkChars == 0 && !strings.ContainsAny(b.text, ".:;!?")
}

// isName: two to five capitalised words and nothing else, as a signature.
func isName(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 5 || len(s) > 50 {
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' }) {
			return false
		}
	}
	return true
}

func edgeLine(b block) bool {
	if b.chars > 120 {
		return false
	}
	if isDateLine(b.text) {
		return true
	}
	lower := strings.ToLower(b.text)
	if strings.HasPrefix(lower, "by ") && (b.chars < 60 || bylineWithDate(b.text)) {
		return true
	}
	return b.chars < 100 && (metaLabelRE.MatchString(b.text) || reporterRE.MatchString(b.text)) || isInitials(b.text)
}

// reporterRE: a Korean byline, the reporter's name, "기자" and maybe an
// e-mail address ("김서연 기자 seoyeon@…"), as Korean news signs off.
var reporterRE = regexp.MustCompile(`^\p{Hangul}{2,5}\s?기자(\s+\S+@\S+)?$`)

// bylineWithDate: a byline that runs on with its reviewer, desk or date
// ("By Jess Ambrose Medically reviewed by … Aug 28, 2025") to a year, where
// a sentence opening with "By" would run on to a full stop.
func bylineWithDate(s string) bool {
	return len(s) < 160 && yearRE.MatchString(s) && !strings.HasSuffix(s, ".")
}

// metaLabelRE opens the lines that CMSs print around an article about it,
// not in it: author, source, credits, category, asker, view count ("Tác giả: …",
// "Nguồn: …", "Danh mục: Tin tức", "Người hỏi: … | Ngày gửi: …"), and
// Joomla's bare "Chi tiết" heading of that box.
//
// Other languages' news sign their articles alike: "Penulis: … / Editor: …"
// (Indonesian), "Автор: …", "（责任编辑：…）" (Chinese, in brackets and with a
// full-width colon).
var metaLabelRE = regexp.MustCompile(`(?i)^[(（\[]?(tác giả|người viết|người đăng|đăng bởi|người hỏi|người gửi|danh mục|chuyên mục|nguồn|thực hiện|lượt xem|số lượt xem|lượt đọc|chi tiết|written by|posted by|penulis|editor|pewarta|redaktur|автор|редактор|责任编辑|编辑|作者|来源)\s*(:|：|$)`)

// isInitials: a signature in capitals alone on the last line, as
// Vietnamese news signs its reporters and sources ("PV", "CTV", "BBT",
// "TTXVN").
func isInitials(s string) bool {
	if len(s) > 12 || len(strings.Fields(s)) > 2 {
		return false
	}
	letters := 0
	for _, r := range s {
		// Initials drop tone marks ("UBND", "TTXVN", "QĐND"); a word in
		// capitals keeps them ("THÔNG BÁO", a notice's heading).
		switch {
		case 'A' <= r && r <= 'Z' || r == 'Đ':
			letters++
		case r == ' ' || r == '.' || r == '-' || r == '/':
		default:
			return false
		}
	}
	return letters >= 2
}

// looksVietnamese: letters only Vietnamese uses (ơ, ư, ă, đ, and vowels with
// a hook or dot below) make up a good share of the text's letters.
func looksVietnamese(s string) bool {
	letters, vi := 0, 0
	for _, r := range norm.NFC.String(s) {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if strings.ContainsRune("ơưăđƠƯĂĐảẩẳẻểỉỏổởủửỷạậặẹệịọộợụựỵẠẬẶẸỆỊỌỘỢỤỰỴẢẨẲẺỂỈỎỔỞỦỬỶ", r) {
			vi++
		}
	}
	return letters >= 20 && vi*30 >= letters
}

// hasForm tells whether a page asks the visitor to fill in a form: a
// password (login) or a text area (contact, feedback, question). Search boxes
// and link pickers, which most pages carry, do not count.
func hasForm(doc *html.Node) bool {
	return findFirst(doc, func(n *html.Node) bool {
		return (n.DataAtom == atom.Textarea || (n.DataAtom == atom.Input && strings.EqualFold(attr(n, "type"), "password"))) &&
			!hiddenBox(n)
	}) != nil
}

// hiddenBox tells whether n sits in a box the page hides (display:none, the
// hidden attribute): a login form a script pops up is no form the page is.
func hiddenBox(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (styleHidden(p) || hasAttr(p, "hidden")) {
			return true
		}
	}
	return false
}

// hasPassword tells whether the page has a password field: a login form,
// in its own page or in a sidebar's box.
func hasPassword(doc *html.Node) bool {
	return findFirst(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Input && strings.EqualFold(attr(n, "type"), "password")
	}) != nil
}

// loginTitleRE: a title that opens with a login, as login pages name
// themselves ("Đăng nhập hệ thống"). With a password field, such a page is
// other whatever help text stands beside the form; an article with a login
// box in its sidebar is titled by its headline.
var loginTitleRE = regexp.MustCompile(`^(đăng nhập|login|log in|sign in)($|[^\pL\pN])`)

// errorPageRE: the headings of error pages ("Trang không tồn tại",
// "Không tìm thấy trang", "404 Not Found").
var errorPageRE = regexp.MustCompile(`trang không tồn tại|không tìm thấy trang|trang (bạn|quý vị) (tìm|yêu cầu)[^\n]{0,30}không (tồn tại|có)|page not found|404 not found|lỗi 404|error 404`)

// isSearchResults tells whether a page shows the results of a search: its
// search box holds a query that the page repeats, and it says it found
// results ("Tìm thấy 34 kết quả", "Kết quả tìm kiếm"). Such a page is a
// list of links, but of no section of the site: the benchmark's "other".
// Boxes that hold a prompt as their value ("Tìm kiếm...", "Nhập từ khóa")
// do not count.
func isSearchResults(doc *html.Node) bool {
	var queries []string
	walk(doc, func(n *html.Node) bool {
		if n.DataAtom != atom.Input {
			return true
		}
		switch strings.ToLower(attr(n, "type")) {
		case "", "text", "search":
		default:
			return false
		}
		v := strings.ToLower(collapseSpace(attr(n, "value")))
		if countLetters(v) < 2 || strings.Contains(v, "tìm") || strings.Contains(v, "search") ||
			strings.Contains(v, "nhập") || strings.Contains(v, "từ khóa") || strings.Contains(v, "keyword") {
			return false
		}
		for p := n.Parent; p != nil; p = p.Parent {
			if p.DataAtom == atom.Form {
				if !strings.EqualFold(attr(p, "method"), "post") {
					queries = append(queries, v)
				}
				break
			}
		}
		return false
	})
	if len(queries) == 0 {
		return false
	}
	text := strings.ToLower(nfc(innerText(findBody(doc))))
	if !searchResultsRE.MatchString(text) {
		return false
	}
	for _, q := range queries {
		if strings.Contains(text, nfc(q)) {
			return true
		}
	}
	return false
}

var searchResultsRE = regexp.MustCompile(`kết quả tìm kiếm|tìm thấy \S+ kết quả|\d+ kết quả|search results|results? for`)
