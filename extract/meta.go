package extract

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is what the page says about itself in <head>, JSON-LD and microdata.
type meta struct {
	docTitle    string // <title>
	ogTitle     string // og:title, twitter:title, JSON-LD headline
	siteName    string
	description string
	longest     string // the longest of the page's descriptions (og:description is often the untruncated one)
	author      string
	lang        string
	canonical   string
	published   []string // raw date strings, best first
	ldBody      string   // JSON-LD articleBody
	ldTypes     []string // JSON-LD @type values
	itemTypes   []string // microdata itemtype values, schema.org's, without the prefix
	ogType      string
}

var articleLDTypes = map[string]bool{
	"Article": true, "NewsArticle": true, "BlogPosting": true, "ReportageNewsArticle": true,
	"AnalysisNewsArticle": true, "OpinionNewsArticle": true, "ReviewNewsArticle": true,
	"BackgroundNewsArticle": true, "TechArticle": true, "ScholarlyArticle": true, "Report": true,
	"LiveBlogPosting": true, "SocialMediaPosting": true, "Blog": false,
}

func readMeta(doc *html.Node, base *url.URL) meta {
	var m meta
	var pubMeta, pubLD, pubItem, pubTime []string
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if it := attr(n, "itemtype"); it != "" {
			if i := strings.Index(it, "schema.org/"); i >= 0 {
				m.itemTypes = append(m.itemTypes, strings.TrimSpace(it[i+len("schema.org/"):]))
			}
		}
		switch n.DataAtom {
		case atom.Html:
			m.lang = strings.TrimSpace(attr(n, "lang"))
		case atom.Title:
			if m.docTitle == "" && n.FirstChild != nil {
				m.docTitle = collapseSpace(n.FirstChild.Data)
			}
			return false
		case atom.Meta:
			key := strings.ToLower(attr(n, "property"))
			if key == "" {
				key = strings.ToLower(attr(n, "name"))
			}
			if key == "" {
				key = strings.ToLower(attr(n, "itemprop"))
			}
			val := collapseSpace(attr(n, "content"))
			if val == "" {
				return false
			}
			switch key {
			case "og:title", "twitter:title":
				if m.ogTitle == "" {
					m.ogTitle = val
				}
			case "og:site_name", "application-name":
				if m.siteName == "" {
					m.siteName = val
				}
			case "description", "og:description", "twitter:description":
				if m.description == "" {
					m.description = val
				}
				if len(val) > len(m.longest) {
					m.longest = val
				}
			case "author", "article:author", "dc.creator", "sailthru.author", "byl":
				if m.author == "" && !strings.HasPrefix(val, "http") {
					m.author = val
				}
			case "og:url":
				if m.canonical == "" {
					m.canonical = resolve(base, val)
				}
			case "og:type":
				m.ogType = strings.ToLower(val)
			case "og:locale":
				if m.lang == "" {
					m.lang = strings.ReplaceAll(val, "_", "-")
				}
			case "article:published_time", "datepublished", "date", "pubdate", "publishdate",
				"publish-date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
				"og:published_time", "article.published", "parsely-pub-date", "cxenseparse:recs:publishtime":
				pubMeta = append(pubMeta, val)
			}
			return false
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && attr(n, "href") != "" {
				m.canonical = resolve(base, attr(n, "href"))
			}
			return false
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
				m.readLD(n.FirstChild.Data, &pubLD)
			}
			return false
		case atom.Time:
			if dt := attr(n, "datetime"); dt != "" {
				if strings.Contains(strings.ToLower(attr(n, "itemprop")+attr(n, "class")), "publish") || attr(n, "pubdate") != "" {
					pubItem = append(pubItem, dt)
				} else {
					pubTime = append(pubTime, dt)
				}
			}
		}
		// RDFa, as Drupal writes it: <span property="dc:date dc:created"
		// content="2023-11-06T15:30:00+07:00">.
		if prop := attr(n, "property"); n.DataAtom != atom.Meta && attr(n, "content") != "" &&
			(strings.Contains(prop, "dc:created") || strings.Contains(prop, "dc:date") || strings.Contains(prop, "datePublished")) {
			pubItem = append(pubItem, attr(n, "content"))
		}
		if ip := attr(n, "itemprop"); ip == "datePublished" {
			v := attr(n, "datetime")
			if v == "" {
				v = attr(n, "content")
			}
			if v == "" {
				v = innerText(n)
			}
			if v != "" {
				pubItem = append(pubItem, v)
			}
		}
		return true
	})
	m.published = append(append(append(pubLD, pubMeta...), pubItem...), pubTime...)
	return m
}

// readLD reads a JSON-LD script for the article's headline, dates, author and body.
func (m *meta) readLD(src string, pub *[]string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return
	}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			types := ldStrings(x["@type"])
			isArticle := false
			for _, t := range types {
				m.ldTypes = append(m.ldTypes, t)
				if articleLDTypes[t] {
					isArticle = true
				}
			}
			if isArticle {
				if h, ok := x["headline"].(string); ok && m.ogTitle == "" {
					m.ogTitle = collapseSpace(h)
				}
				if d, ok := x["datePublished"].(string); ok && d != "" {
					*pub = append(*pub, d)
				}
				if b, ok := x["articleBody"].(string); ok && len(b) > len(m.ldBody) {
					m.ldBody = b
				}
				if m.author == "" {
					m.author = ldAuthor(x["author"])
				}
			}
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
			if me, ok := x["mainEntity"]; ok {
				visit(me, depth+1)
			}
		}
	}
	visit(v, 0)
}

func ldStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func ldAuthor(v any) string {
	switch x := v.(type) {
	case string:
		return collapseSpace(x)
	case map[string]any:
		if s, ok := x["name"].(string); ok {
			return collapseSpace(s)
		}
	case []any:
		var names []string
		for _, e := range x {
			if s := ldAuthor(e); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Fragment = ""
	return u.String()
}

var titleSepRE = regexp.MustCompile(`\s+[-|–—:»·•]\s+|\s*::\s*|\s+\|\s*|\s*\|\s+`)

// pickTitle chooses the page's title: the og/JSON-LD title, else the <title>
// without the site's name, preferring a heading or the content's first line
// when it says the same thing more fully.
func pickTitle(m meta, doc *html.Node, firstLines []block) string {
	t := m.ogTitle
	fromDoc := t == ""
	if fromDoc {
		t = m.docTitle
	}
	t = stripSiteName(t, m.siteName, doc, fromDoc)
	// A heading typed into the body that holds all the title's words and more
	// is the fuller title ("Chức năng nhiệm vụ" → "CHỨC NĂNG, NHIỆM VỤ SỞ …").
	if t != "" && len(firstLines) > 0 {
		first := firstLines[0]
		if len(firstLines) > 1 && first.chars < 60 && isHeadingLike(firstLines[1]) && isHeadingLike(first) {
			text := first.text + " " + firstLines[1].text
			first = block{text: text, chars: countChars(text)}
		}
		if isHeadingLike(first) && wordsCover(first.text, t) && len(first.text) > len(t) && len(strings.Fields(first.text)) <= 30 {
			return first.text
		}
	}
	return t
}

func isHeadingLike(b block) bool {
	if headingTags[b.tag] {
		return true
	}
	if b.chars == 0 || b.chars > 200 {
		return false
	}
	letters, upper := 0, 0
	for _, r := range b.text {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f && strings.ToUpper(string(r)) != strings.ToLower(string(r)) {
			letters++
			if strings.ToUpper(string(r)) == string(r) {
				upper++
			}
		}
	}
	return letters > 0 && float64(upper)/float64(letters) > 0.8
}

// wordsCover reports whether every word of small occurs in big, ignoring case.
func wordsCover(big, small string) bool {
	bw := make(map[string]bool)
	for _, w := range tokenRE.FindAllString(strings.ToLower(big), -1) {
		bw[w] = true
	}
	sw := tokenRE.FindAllString(strings.ToLower(small), -1)
	if len(sw) == 0 {
		return false
	}
	for _, w := range sw {
		if !bw[w] {
			return false
		}
	}
	return true
}

// stripSiteName takes the site's name off a title. og:title and JSON-LD
// headlines seldom carry it, so only <title> (fromDoc) is cut at its last
// separator when nothing better tells where the headline ends.
func stripSiteName(t, site string, doc *html.Node, fromDoc bool) string {
	t = collapseSpace(t)
	if t == "" {
		return ""
	}
	// A heading that the title starts or ends with is the title itself.
	var best string
	for _, h := range findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.H1 || n.DataAtom == atom.H2 }) {
		ht := innerText(h)
		if ht == t {
			return t
		}
		if len(ht) >= 8 && len(ht) < len(t) && (strings.HasPrefix(t, ht) || strings.HasSuffix(t, ht)) && len(ht) > len(best) {
			best = ht
		}
	}
	if best != "" {
		return best
	}
	if site != "" && len(site) < len(t) {
		for _, sep := range titleSepRE.FindAllStringIndex(t, -1) {
			if strings.EqualFold(strings.TrimSpace(t[sep[1]:]), site) {
				return strings.TrimSpace(t[:sep[0]])
			}
			if strings.EqualFold(strings.TrimSpace(t[:sep[0]]), site) {
				return strings.TrimSpace(t[sep[1]:])
			}
		}
	}
	seps := titleSepRE.FindAllStringIndex(t, -1)
	if len(seps) == 0 || !fromDoc {
		return t
	}
	// "Headline - Site": cut the last part when what stays is long enough.
	last := seps[len(seps)-1]
	head := strings.TrimSpace(t[:last[0]])
	if len(strings.Fields(head)) >= 2 || len(head) >= 12 {
		// Several separators: the site name may itself hold one ("Sở Lao động - Thương binh và Xã hội").
		if len(seps) >= 2 {
			first := strings.TrimSpace(t[:seps[0][0]])
			if len(strings.Fields(first)) >= 4 {
				return first
			}
		}
		return head
	}
	return t
}
