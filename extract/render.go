package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block is one line of output text: a paragraph, heading, list item or table row.
type block struct {
	text       string
	chars      int
	linkChars  int
	tag        atom.Atom // the block element the line came from
	attachment bool      // holds a link to a document file (pdf, doc, xls…)
	right      bool      // set flush right, where news signs its author or source
	titled     bool      // its element's class or id says "title" (a headline's box)
}

func (b block) linkDensity() float64 {
	if b.chars == 0 {
		return 0
	}
	return float64(b.linkChars) / float64(b.chars)
}

var attachmentRE = regexp.MustCompile(`(?i)\.(pdf|docx?|xlsx?|pptx?|odt|ods|rtf|zip|rar|7z)([?#].*)?$`)

// render turns nodes into lines of text.
func render(nodes []*html.Node) []block {
	return renderSkipping(nodes, nil)
}

// renderSkipping is render as if the elements in skip had been removed.
func renderSkipping(nodes []*html.Node, skip map[*html.Node]bool) []block {
	r := &renderer{skip: skip}
	for _, n := range nodes {
		r.flush()
		r.node(n, false, atom.P)
	}
	r.flush()
	return r.out
}

type renderer struct {
	skip      map[*html.Node]bool
	out       []block
	buf       strings.Builder
	linkChars int
	tag       atom.Atom
	attach    bool
	right     int // depth of right-aligned blocks around the current line
	titled    bool
}

func (r *renderer) flush() {
	text := collapseSpace(r.buf.String())
	if text != "" {
		r.out = append(r.out, block{text: text, chars: countChars(text), linkChars: r.linkChars, tag: r.tag, attachment: r.attach, right: r.right > 0, titled: r.titled})
	}
	r.buf.Reset()
	r.linkChars, r.tag, r.attach, r.titled = 0, 0, false, false
}

func (r *renderer) node(n *html.Node, inLink bool, tag atom.Atom) {
	switch n.Type {
	case html.TextNode:
		if r.tag == 0 && strings.TrimSpace(n.Data) != "" {
			r.tag = tag
		}
		r.buf.WriteString(n.Data)
		if inLink {
			r.linkChars += countChars(n.Data)
		}
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.node(c, inLink, tag)
		}
		return
	}
	if skipTags[n.DataAtom] || r.skip[n] {
		return
	}
	switch n.DataAtom {
	case atom.Br, atom.Hr:
		r.flush()
		return
	case atom.Td, atom.Th:
		r.buf.WriteByte(' ')
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.node(c, inLink, tag)
		}
		r.buf.WriteByte(' ')
		return
	case atom.A:
		if href := attr(n, "href"); href != "" {
			inLink = true
			if attachmentRE.MatchString(href) {
				r.attach = true
			}
		}
	}
	block := blockTags[n.DataAtom]
	if block {
		r.flush()
		tag = n.DataAtom
		r.titled = titledElem(n)
	}
	right := block && rightAligned(n)
	if right {
		r.right++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c, inLink, tag)
	}
	if block {
		r.flush()
	}
	if right {
		r.right--
	}
}

// titledElem: a block whose class or id names it a title ("news-title",
// "tieude"), as the box of a headline set in a plain <div> is.
func titledElem(n *html.Node) bool {
	for _, v := range [...]string{attr(n, "class"), attr(n, "id")} {
		if v == "" {
			continue
		}
		v = strings.ToLower(v)
		if strings.Contains(v, "title") || strings.Contains(v, "tieude") || strings.Contains(v, "tieu-de") {
			return true
		}
	}
	return false
}

// rightAligned tells whether an element sets its text flush right, by the
// old align attribute or by an inline style.
func rightAligned(n *html.Node) bool {
	if strings.EqualFold(attr(n, "align"), "right") {
		return true
	}
	st := attr(n, "style")
	if st == "" {
		return false
	}
	st = strings.ToLower(strings.ReplaceAll(st, " ", ""))
	return strings.Contains(st, "text-align:right")
}

// Lines that are page furniture when they stand alone, ad labels that cut a
// body ("Advertisement · Scroll to continue") among them.
// furnitureLineMaxChars: no furniture line furnitureLineRE knows is
// longer (its longest, an advertisement's "continue reading below", is
// under 60 bytes); every line of every content is asked, most of them
// long paragraphs, which the regexp would read to the end.
const furnitureLineMaxChars = 100

func furnitureLine(text string) bool {
	return len(text) <= furnitureLineMaxChars && furnitureLineRE.MatchString(text)
}

var furnitureLineRE = regexp.MustCompile(`(?i)^(share|share this|share on \w+|tweet|email|e-mail|print|advertisement|advertising|sponsored|related|related (articles|stories|posts)|read more|read next|more from|click here|subscribe|sign up|follow us|comments?|leave a (comment|reply)|continue reading|continue reading below|story continues below|scroll to continue|advertisement\s*[-·•|:]\s*(scroll to continue|continue reading below|story continues below)|skip to content|back to top|top|xem thêm|chia sẻ|in bài|in bài viết|in trang|bản in|gửi bài|gửi email|gửi bài viết|gửi cho bạn bè|lưu bài|quay lại|trở về|trở lại|về đầu trang|đầu trang|bình luận|ý kiến bạn đọc|đánh giá bài viết|tải về|xem kết quả|bình chọn|facebook|twitter|zalo)\s*[:.!»›>]*$`)

// Headings of the boxes that surround articles on department sites (and of
// the contacts under a press release). Such a heading after the article ends
// it; before it, it goes with its box's lines.
var boxHeadings = []string{
	"thông báo mới", "tin mới", "tin mới nhất", "các tin khác", "tin khác", "tin liên quan",
	"bài liên quan", "các bài liên quan", "tin cùng chuyên mục", "tin đã đưa", "các tin đã đưa",
	"other news", "related news", "thống kê truy cập", "thống kê", "số lượng truy cập", "bình chọn",
	"thăm dò ý kiến", "liên kết website", "liên kết web", "liên kết", "văn bản mới", "tin xem nhiều",
	"tin đọc nhiều",
	// A press release's contacts close it, after its text and "About …".
	"media contact", "media contacts", "press contact", "press contacts", "media inquiries",
	"media enquiries", "press inquiries", "press enquiries",
}

// Labels of counter lines: "Lượt xem: 1055", "Đang online: 15", "Tất cả: 789499".
var counterLabels = []string{
	"lượt xem", "số lượt xem", "lượt đọc", "lượt truy cập", "đang online", "online", "đang truy cập",
	"trực tuyến", "đang trực tuyến", "hôm nay", "hôm qua", "trong tuần", "tuần này", "trong tháng",
	"tháng này", "tất cả", "tổng", "tổng số", "tổng truy cập", "tổng lượt truy cập", "số lượng truy cập",
	"truy cập", "views",
}

// label folds a short line to what it would be as a label: lower case, with
// a trailing colon, number and punctuation removed. Long lines have none.
func label(text string) string {
	if len(text) > 60 {
		return ""
	}
	return strings.TrimRightFunc(strings.ToLower(text), func(r rune) bool {
		return unicode.IsDigit(r) || unicode.IsSpace(r) || strings.ContainsRune(":.,;-–()|»›>", r)
	})
}

// isCounterLine: a counter's label with its number ("Hôm nay: 73"); the bare
// label may be a word of the text ("Online").
func isCounterLine(text string) bool {
	return strings.ContainsAny(text, "0123456789") && slices.Contains(counterLabels, label(text))
}

// ratingLine: a rating widget's stars and votes ("★★★★★ 4.8 from 326
// votes"); a line of text does not spell its stars as glyphs.
func ratingLine(text string) bool {
	return len(text) < 80 && strings.ContainsAny(text, "★☆")
}

var yearRE = regexp.MustCompile(`\b(19|20)\d\d\b`)

// footerLine: the copyright or reuse notice that closes a page's footer
// ("2018 © Sở …", "Bản quyền thuộc …", "Ghi rõ nguồn … khi phát hành lại …"),
// not a photo credit ("Image copyright Reuters", "© Studio X").
func footerLine(text string) bool {
	// Every line of the content is tested, most of them long prose, so the
	// line is lowered only when a test needs it: strings.ToLower maps rune by
	// rune, and only 'õ' and 'Õ' lower to the 'õ' of "rõ".
	// Two byte searches, faster than ContainsAny's rune-by-rune scan.
	if strings.Contains(text, "õ") || strings.Contains(text, "Õ") {
		lower := strings.ToLower(text)
		if strings.Contains(lower, "ghi rõ nguồn") && strings.Contains(lower, "phát hành lại") {
			return true
		}
	}
	if lowerHasPrefix(text, "bản quyền") {
		return true
	}
	// Korean news closes with "ⓒ <paper> 무단전재 및 재배포 금지" ("no
	// reproduction or redistribution"), with no year.
	if len(text) < 150 && (strings.Contains(text, "무단전재") || strings.Contains(text, "무단 전재")) {
		return true
	}
	// A year holds "19" or "20": two byte searches spare most lines the regexp.
	if len(text) >= 100 || !strings.Contains(text, "19") && !strings.Contains(text, "20") || !yearRE.MatchString(text) {
		return false
	}
	lower := strings.ToLower(text)
	// The notice starts with the sign: "© 2018 …", "2018 © …", "Copyright © …".
	for _, sign := range []string{"©", "copyright"} {
		if i := strings.Index(lower, sign); i >= 0 {
			pre := strings.TrimSpace(lower[:i])
			if pre == "" || pre == "copyright" || (len(pre) == 4 && yearRE.MatchString(pre)) {
				return true
			}
		}
	}
	return false
}

// lowerHasPrefix is strings.HasPrefix(strings.ToLower(s), prefix) for a
// lower-case prefix, lowering only as many runes of s as prefix has.
func lowerHasPrefix(s, prefix string) bool {
	// Most lines differ in their first, ASCII, letter: no need to lower.
	if s != "" && prefix != "" && s[0] < utf8.RuneSelf && prefix[0] < utf8.RuneSelf && lowerASCII(s[0]) != prefix[0] {
		return false
	}
	n := utf8.RuneCountInString(prefix)
	for i := range s {
		if n == 0 {
			s = s[:i]
			break
		}
		n--
	}
	return strings.ToLower(s) == prefix
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// footerLead: the lines above a footer's notice (address, phone, e-mail…).
func footerLead(text string) bool {
	lower := strings.ToLower(text)
	for _, p := range []string{"địa chỉ", "điện thoại", "đt:", "fax", "email", "e-mail", "website", "cơ quan chủ quản", "chịu trách nhiệm", "giấy phép"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return len(text) < 120 && strings.ToUpper(text) == text // the organisation's name
}

// relatedLabels open the lines that point to other articles from between an
// article's paragraphs ("Xem thêm: <a>…</a>", "Tin liên quan: <a>…</a>"),
// and their like in the languages of other news sites, where such lines
// are as common ("Baca juga:" every few paragraphs in Indonesian news).
var relatedLabels = []string{"xem thêm", "đọc thêm", "tin liên quan", "bài liên quan", "tin khác", "bài viết liên quan", "see also", "read more", "related", "read also", "also read",
	"baca juga", "simak juga", "lihat juga", // Indonesian
	"leia também", "leia mais", "veja também", "lea también", "lee también", "vea también", // Portuguese, Spanish
	"leggi anche", "leggi pure", // Italian
	"lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant", // German
	"à lire aussi", "a lire aussi", "lire aussi", "voir aussi", // French
	"читайте также", "читайте еще", "читайте ещё", "смотрите также", // Russian
	"اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", // Arabic
	"相关阅读", "相关新闻", "延伸阅读", "関連記事", "관련기사", "관련 기사", // Chinese, Japanese, Korean
}

// relatedLine: a related-article label with a colon and, after it, only a
// link's text. A line whose text goes on past the link is prose that cites
// it, and a document file's link is an attachment, which stays.
func relatedLine(b block) bool {
	if b.linkChars == 0 || b.attachment || b.chars > 200 {
		return false
	}
	i, w := strings.IndexByte(b.text, ':'), 1
	if j := strings.Index(b.text, "："); j >= 0 && (i < 0 || j < i) {
		i, w = j, len("：") // CJK text writes the colon full width
	}
	if i < 0 || i > 40 || !slices.Contains(relatedLabels, strings.ToLower(strings.TrimSpace(b.text[:i]))) {
		return false
	}
	return b.linkChars*10 >= countChars(b.text[i+w:])*9
}

// keepBlocks drops, from the rendered lines of the content, those that are
// furniture: link lines, share buttons, counters, boxes' headings, footers,
// and the headline that repeats the title.
// spelledURLRE: a line that is an address written out. Menus and link
// boxes name where they lead; a link that shows its own URL is one the
// author put in the text (a source, a shop, a download), kept however
// link-dense.
var spelledURLRE = regexp.MustCompile(`^(https?://|www\.)\S+$`)

func keepBlocks(blocks []block, title string) []block {
	normTitle := strings.ToLower(title)
	total := totalChars(blocks)
	out := blocks[:0:0]
	seen := 0 // characters of the lines before the current one
	skipping := false
	var said map[string]bool // the long lines kept so far
	for i, b := range blocks {
		before := seen
		seen += b.chars
		if b.chars == 0 {
			continue
		}
		if l := label(b.text); slices.Contains(boxHeadings, l) {
			if total > 0 && before*2 >= total {
				break // the article is over; what follows is the box
			}
			skipping = true
			continue
		}
		if skipping {
			if b.chars < 80 {
				continue // the box's short lines
			}
			skipping = false
		}
		if footerLine(b.text) && total > 0 && before*3 >= total*2 {
			for len(out) > 0 && footerLead(out[len(out)-1].text) {
				out = out[:len(out)-1]
			}
			break
		}
		if furnitureLine(b.text) || isCounterLine(b.text) || ratingLine(b.text) || relatedLine(b) {
			continue
		}
		// The headline above the text repeats the title; a heading typed
		// into a paragraph of the body stays. A line the date line follows
		// is the headline whatever its element (a "lblTitle" <span>), and
		// so is a block named a title ("news-title").
		// Lines dropped before it (a menu cell's links in the same table
		// row) do not count.
		if title != "" && len(out) < 3 && (headingTags[b.tag] || b.titled || i+1 < len(blocks) && isDateLine(blocks[i+1].text)) && strings.ToLower(b.text) == normTitle {
			continue
		}
		ld := b.linkDensity()
		if !b.attachment && ((ld > 0.8 && b.chars < 300) || (ld > 0.5 && b.chars < 40 && b.tag == atom.Li)) && !spelledURLRE.MatchString(b.text) {
			continue
		}
		if b.chars >= repeatMinChars {
			if said[b.text] {
				continue
			}
			if said == nil {
				said = make(map[string]bool)
			}
			said[b.text] = true
		}
		out = append(out, b)
	}
	return out
}

// repeatMinChars: a line this long that the text has already said, word
// for word, is the page's second copy of it (a layout for phones beside
// the one for desktops, a tab's panel printed twice), and is said once;
// trafilatura drops such repeats too. Shorter lines repeat by design: a
// table's cells, a recipe's steps, "Read more".
const repeatMinChars = 60

func joinBlocks(blocks []block) string {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(bl.text)
	}
	return b.String()
}

func totalChars(blocks []block) int {
	n := 0
	for _, b := range blocks {
		n += b.chars
	}
	return n
}
