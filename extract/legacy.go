package extract

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govcorpus/govcorpus/extract/vntext"
)

// repairText fixes the text of every node before anything reads it:
// runs typed in legacy Vietnamese fonts (TCVN3 ".VnTime", VNI "VNI-Times")
// inside otherwise Unicode pages are decoded, then each text is normalized
// (mojibake, Ð for Đ, invisible characters, NFC). It runs first because the
// boilerplate and date rules match Vietnamese words, and because TCVN3's ư
// is the soft hyphen, which later whitespace handling would drop.
func repairText(n *html.Node) {
	repairUnder(n, vntext.Unicode, false)
}

func repairUnder(n *html.Node, enc vntext.Encoding, upper bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			c.Data = repairRun(c.Data, enc, upper)
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				continue
			}
			e, u := enc, upper
			if font, ok := fontOf(c); ok {
				e, u = vntext.FontEncoding(font)
			}
			repairUnder(c, e, u)
		}
	}
}

// fontOf returns the font an element sets, from <font face> or an inline
// font-family (or font shorthand) declaration.
func fontOf(n *html.Node) (string, bool) {
	if f := attr(n, "face"); f != "" {
		return f, true
	}
	style := attr(n, "style")
	if style == "" {
		return "", false
	}
	lower := strings.ToLower(style)
	for _, decl := range strings.Split(lower, ";") {
		name, value, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(name) {
		case "font-family":
			return originalCase(style, value), true
		case "font":
			// The family comes last in the shorthand, after size/line-height.
			if i := strings.LastIndexAny(value, "0123456789%"); i >= 0 {
				if j := strings.IndexByte(value[i:], ' '); j >= 0 {
					return originalCase(style, value[i+j:]), true
				}
			}
		}
	}
	return "", false
}

// originalCase finds value (lower-cased) in s and returns it with its
// original case: ".VnTimeH" (all caps) and ".VnTimeh" differ.
func originalCase(s, lowerValue string) string {
	v := strings.TrimSpace(lowerValue)
	if i := strings.Index(strings.ToLower(s), v); i >= 0 {
		return s[i : i+len(v)]
	}
	return v
}

func repairRun(s string, enc vntext.Encoding, upper bool) string {
	if isASCII(s) {
		return s
	}
	if enc == vntext.Unicode && latinOnly(s) {
		// No font said so, but a run of Latin-1 letters may still be
		// TCVN3 or VNI whose font is set by a stylesheet.
		enc = vntext.Detect(s)
	}
	if enc != vntext.Unicode {
		s = vntext.Decode(s, enc, upper)
	}
	return vntext.Normalize(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// latinOnly reports whether every rune of s is below U+0100: the shape of
// legacy-font text, where Unicode Vietnamese almost always has a letter
// beyond Latin-1 (ư, ơ, đ, ạ…).
func latinOnly(s string) bool {
	for _, r := range s {
		if r > 0xFF {
			return false
		}
	}
	return true
}

// legacyCharset recognises a page declared, as a whole, in a legacy font
// encoding that x/net/html/charset does not know (it would silently read
// "TCVN3" as windows-1252).
func legacyCharset(b []byte, contentType string) (vntext.Encoding, bool) {
	for _, label := range []string{charsetParam(contentType), metaCharset(b)} {
		switch strings.Trim(strings.ToLower(label), `"' `) {
		case "tcvn3", "tcvn", "tcvn-3", "tcvn5712-3", "vn3", "abc", "x-viet-tcvn3", "x-viet-tcvn":
			return vntext.TCVN3, true
		case "vni", "vni-windows", "x-viet-vni":
			return vntext.VNI, true
		}
	}
	return vntext.Unicode, false
}

func charsetParam(contentType string) string {
	i := strings.Index(strings.ToLower(contentType), "charset=")
	if i < 0 {
		return ""
	}
	v := contentType[i+len("charset="):]
	if j := strings.IndexAny(v, "; "); j >= 0 {
		v = v[:j]
	}
	return v
}

// metaCharset finds a charset declared in the first kilobytes of a page,
// as browsers prescan them.
func metaCharset(b []byte) string {
	head := bytes.ToLower(b[:min(len(b), 4096)])
	i := bytes.Index(head, []byte("charset="))
	if i < 0 {
		return ""
	}
	v := head[i+len("charset="):]
	v = bytes.TrimLeft(v, `"' `)
	end := bytes.IndexAny(v, `"'; />`)
	if end < 0 {
		return ""
	}
	return string(v[:end])
}

// decodeLegacyPage reads each byte as the legacy font's character and
// converts the page to Unicode.
func decodeLegacyPage(b []byte, enc vntext.Encoding) []byte {
	runes := make([]rune, len(b))
	for i, c := range b {
		runes[i] = rune(c)
	}
	return []byte(vntext.Decode(string(runes), enc, false))
}
