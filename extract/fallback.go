package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Pages whose HTML shows no article although they hold one: the text is in
// a <noscript> fallback, or only in the JSON-LD the page declares itself
// with, a script rendering the body. Pages whose text is only in an
// application's own JSON (Next.js's __NEXT_DATA__, a store's initial state)
// are left as they are, with no text: each application names its fields its
// own way, and a guess at them would store keys, ids and markup as text.

// unwrapNoscript replaces a <noscript> in the body with its parsed content
// when that content is the page's text: more of it than the rest of the body
// shows, enough for an article, and not a box of links. The parser keeps a
// <noscript>'s content as raw text, as a browser running scripts would; a
// crawler runs none, and sites that render the article with a script often
// put it there for readers and robots that do not. Tracking pixels and
// "enable JavaScript" notices are too short to be unwrapped.
func unwrapNoscript(doc *html.Node) {
	body := findBody(doc)
	var found []*html.Node
	walk(body, func(n *html.Node) bool {
		if n.DataAtom != atom.Noscript {
			return true
		}
		if t := n.FirstChild; t != nil && t.Type == html.TextNode && len(t.Data) >= 2*minArticleChars {
			found = append(found, n)
		}
		return false
	})
	if len(found) == 0 {
		return
	}
	outside := measure(body).chars // skips every <noscript>
	ctx := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
	for _, ns := range found {
		nodes, err := html.ParseFragment(strings.NewReader(ns.FirstChild.Data), ctx)
		if err != nil {
			continue
		}
		var st textStats
		for _, n := range nodes {
			s := measure(n)
			st.chars += s.chars
			st.linkChars += s.linkChars
		}
		if st.chars < minArticleChars || st.chars <= outside || st.linkDensity() > 0.5 {
			continue
		}
		for _, n := range nodes {
			ns.Parent.InsertBefore(n, ns)
		}
		remove(ns)
	}
}

// ldArticleText is the JSON-LD articleBody of a page that declares itself
// an article, one line per paragraph, or "" when it has too little text.
// Most sites write it as plain text with paragraphs on their own lines;
// some put the body's HTML there, which is rendered as the page would be.
func ldArticleText(m meta) string {
	if !m.declaresArticle() || strings.TrimSpace(m.ldBody) == "" {
		return ""
	}
	var lines []string
	if strings.Contains(m.ldBody, "<") && strings.Contains(m.ldBody, ">") {
		ctx := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
		nodes, err := html.ParseFragment(strings.NewReader(m.ldBody), ctx)
		if err != nil {
			return ""
		}
		wrap := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
		for _, n := range nodes {
			wrap.AppendChild(n)
		}
		for _, b := range render([]*html.Node{wrap}) {
			lines = append(lines, b.text)
		}
	} else {
		for _, l := range strings.Split(m.ldBody, "\n") {
			if l = collapseSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
	}
	text := strings.Join(lines, "\n")
	if countChars(text) < minArticleChars {
		return ""
	}
	return text
}
