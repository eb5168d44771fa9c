package main

import (
	"html/template"
	"strings"
)

// A block is one piece of an article body, already rendered to HTML.
// Only text blocks built with p take part in choosing the Contains
// sentences of the manifest.
type block struct {
	html template.HTML
	text string // plain text of a body paragraph, "" for other blocks
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// p is a body paragraph of plain text.
func p(s string) block {
	return block{html: template.HTML("<p style=\"text-align: justify;\">" + esc(s) + "</p>"), text: s}
}

// lead is the bold opening paragraph (sapo) many portals put above the body.
func lead(s string) block {
	return block{html: template.HTML("<p class=\"sapo\"><strong>" + esc(s) + "</strong></p>")}
}

// h is a heading inside the body.
func h(s string) block {
	return block{html: template.HTML("<h3>" + esc(s) + "</h3>")}
}

// ul is a bulleted list; ol a numbered one.
func ul(items ...string) block { return list("ul", items) }
func ol(items ...string) block { return list("ol", items) }

func list(tag string, items []string) block {
	var b strings.Builder
	b.WriteString("<" + tag + ">\n")
	for _, it := range items {
		b.WriteString("\t<li>" + esc(it) + "</li>\n")
	}
	b.WriteString("</" + tag + ">")
	return block{html: template.HTML(b.String())}
}

// img is a photo with its caption in the CKEditor style most portals use:
// a centred paragraph with the image followed by one with the caption in <em>.
func img(src, caption string) block {
	return block{html: template.HTML("<p style=\"text-align: center;\"><img alt=\"" + esc(caption) +
		"\" src=\"" + src + "\" style=\"width: 600px; height: 400px;\" /></p>\n" +
		"<p style=\"text-align: center;\"><em>" + esc(caption) + "</em></p>")}
}

// figure is a photo in a caption table, the other common portal style.
func figure(src, caption string) block {
	return block{html: template.HTML("<table align=\"center\" border=\"0\" cellpadding=\"3\" cellspacing=\"0\" class=\"image-caption\">\n" +
		"\t<tbody>\n\t\t<tr><td><img alt=\"\" src=\"" + src + "\" width=\"560\" /></td></tr>\n" +
		"\t\t<tr><td class=\"desc\">" + esc(caption) + "</td></tr>\n\t</tbody>\n</table>")}
}

// table is a data table with a header row.
func table(head []string, rows ...[]string) block {
	var b strings.Builder
	b.WriteString("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" style=\"width: 100%;\">\n\t<thead>\n\t\t<tr>")
	for _, c := range head {
		b.WriteString("<th>" + esc(c) + "</th>")
	}
	b.WriteString("</tr>\n\t</thead>\n\t<tbody>\n")
	for _, r := range rows {
		b.WriteString("\t\t<tr>")
		for _, c := range r {
			b.WriteString("<td>" + esc(c) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("\t</tbody>\n</table>")
	return block{html: template.HTML(b.String())}
}

// sign is the signature line closing an official notice.
func sign(s string) block {
	return block{html: template.HTML("<p style=\"text-align: right;\"><strong>" + esc(s) + "</strong></p>")}
}
