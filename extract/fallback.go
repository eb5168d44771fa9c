package extract

import (
	"strings"
	"unicode/utf8"

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

// descriptionMinChars: a description this long is the text itself, not a
// snippet of it. Search engines show about 160 characters of one and cards
// 200; a site that writes more there (Discourse puts its thread's first post)
// writes the content.
const descriptionMinChars = 250

// descriptionText is the page's longest description when it is long enough
// to be its content, or "". A script-rendered thread or post shows a
// crawler no text of its own: the description is then all of its text the
// page holds.
//
// It must end as a text ends, or say that it was cut ("…", "..."): one that
// stops mid-word is a field filled to a length, and would put a broken
// word at the end of the stored text with nothing to tell it.
func descriptionText(m meta) string {
	d := strings.TrimSpace(m.longest)
	if countChars(d) < descriptionMinChars || !endsAsText(d) {
		return ""
	}
	return d
}

func endsAsText(s string) bool {
	s = strings.TrimRight(s, "\"'”’)» ")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…", r)
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

// Streamed server rendering (React's, which Next.js and others use) sends
// the page's shell first, with an empty <template id="B:1"> (or "P:1")
// where a part of the page will go, and that part later in the same
// response, as a hidden <div id="S:1"> that a script moves into place.
// A crawler runs no script: the part stays hidden, and on such pages it is
// often the whole of the text. replayStreamed moves each hidden part to
// its placeholder, as the script would, before anything reads the page.
//
// The ids are the framework's protocol, the same on every site that
// streams with it: the part and its placeholder share the suffix after
// the colon. A boundary's placeholder ("B:") sits between the comments
// "<!--$?-->" and "<!--/$-->" with the fallback (a spinner, a skeleton)
// that the part replaces; a segment's ("P:") is replaced alone. A hidden
// part with no placeholder is left hidden.
func replayStreamed(doc *html.Node) {
	var parts []*html.Node
	slots := map[string]*html.Node{}
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return false
		}
		id := attr(n, "id")
		switch {
		case n.DataAtom == atom.Template && (strings.HasPrefix(id, "B:") || strings.HasPrefix(id, "P:")):
			slots[id] = n
			return false
		case n.DataAtom == atom.Div && strings.HasPrefix(id, "S:") && hasAttr(n, "hidden"):
			parts = append(parts, n)
		}
		return true
	})
	for _, part := range parts {
		suffix := strings.TrimPrefix(attr(part, "id"), "S:")
		slot, boundary := slots["B:"+suffix], true
		if slot == nil {
			slot, boundary = slots["P:"+suffix], false
		}
		if slot == nil || slot.Parent == nil || contains(part, slot) {
			continue
		}
		if boundary {
			dropFallback(slot)
		}
		for c := part.FirstChild; c != nil; {
			next := c.NextSibling
			part.RemoveChild(c)
			slot.Parent.InsertBefore(c, slot)
			c = next
		}
		remove(slot)
		remove(part)
	}
}

// dropFallback removes what follows a boundary's placeholder up to the
// comment that closes the boundary, nested boundaries included: the
// fallback the streamed part replaces. A page saved without its comments
// has no closing comment: then nothing is removed, as the fallback's end
// is unknown (a "Loading…" line may stay; the parts beside it must).
func dropFallback(slot *html.Node) {
	depth := 0
	var end *html.Node
	for c := slot.NextSibling; c != nil && end == nil; c = c.NextSibling {
		if c.Type != html.CommentNode {
			continue
		}
		switch {
		case c.Data == "/$":
			if depth == 0 {
				end = c
			}
			depth--
		case strings.HasPrefix(c.Data, "$"):
			depth++
		}
	}
	for c := slot.NextSibling; c != nil && c != end && end != nil; {
		next := c.NextSibling
		remove(c)
		c = next
	}
}
