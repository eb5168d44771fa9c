package extract

import (
	"bytes"

	"golang.org/x/net/html"
)

// Hrefs are a page's link targets as written, for a crawler to follow:
// every a[href] and area[href] in document order, menus and footers
// included (which the article's text leaves out), and the first
// base[href]. They come from the page as parsed, before any cleaning, so a
// crawler that takes them sees the links a CSS selector over the parsed
// page would.
type Hrefs struct {
	Base    string   // the first <base href>, "" if none
	Targets []string // the href attributes, untrimmed, unresolved
}

// PageHrefs parses a page only for its link targets, for a crawler that
// does not extract it (a body it has stored already).
func PageHrefs(body []byte, contentType string) (Hrefs, error) {
	doc, err := html.Parse(bytes.NewReader(toUTF8(body, contentType)))
	if err != nil {
		return Hrefs{}, err
	}
	return collectHrefs(doc), nil
}

func collectHrefs(doc *html.Node) Hrefs {
	var h Hrefs
	baseFound := false
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			// By name and key alone, as CSS selectors match (an <a> in
			// SVG, an xlink:href count too).
			switch n.Data {
			case "a", "area":
				if v, ok := attrOK(n, "href"); ok {
					h.Targets = append(h.Targets, v)
				}
			case "base":
				if v, ok := attrOK(n, "href"); ok && !baseFound {
					h.Base, baseFound = v, true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	return h
}

// attrOK is the value of an attribute and whether the element has it
// (an empty href is a link to the page itself).
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
