package extract

import (
	"strings"
	"time"
)

// PageType says what a page's main content is.
type PageType string

const (
	// TypeArticle: the main content is one piece of prose (news, a static page
	// such as "Chức năng nhiệm vụ", a contact or Q&A page).
	TypeArticle PageType = "article"
	// TypeListing: the main content is a list of links or teasers (home and
	// category pages). Such a page has no article Text; its items are in Links.
	TypeListing PageType = "listing"
	// TypeOther: forms, login, search, empty and error pages. No Text.
	TypeOther PageType = "other"
)

// Page is what Extract reads: one fetched page.
type Page struct {
	// URL the page was fetched from; relative links and dates resolve against it.
	URL string
	// HTML is the body as fetched, or already decoded to UTF-8 (as Colly hands it).
	HTML []byte
	// ContentType is the Content-Type header, used only when HTML is not UTF-8.
	ContentType string
	// Template optionally tells how common each text block is on the page's host;
	// blocks that most of the host's pages share are dropped as boilerplate.
	Template Template
	// Site optionally tells the structure of the page's host (a SiteModel
	// of its pages' Shapes): which slot holds an article's text, which
	// repeat a listing's items, whether the <title> is the site's.
	Site Site
}

// Article is what Extract finds in a page.
type Article struct {
	URL       string
	Canonical string // <link rel=canonical> or og:url, absolute; "" if none
	PageType  PageType
	Lang      string // from <html lang> or og:locale, e.g. "vi" or "en-US"; "" if none

	Title       string
	Description string // meta description / og:description
	Author      string

	// Published is when the page says it was published, zero if it does not say.
	// A date with no zone is read as Vietnam time (UTC+7).
	Published time.Time
	// PublishedHasTime is true when the page gave the time of day, not only the date.
	PublishedHasTime bool
	// PublishedRaw is the date (and time) as the page writes it, without label
	// or weekday: "18/01/2021 09:15", "24/07/2020 - 08:00", "2019-11-19T11:51:32Z".
	PublishedRaw string

	// Text is the main content as plain NFC text, one paragraph, heading,
	// list item or table row per line. Empty unless PageType is TypeArticle.
	Text string

	// Links are the items of a listing page (their link text and absolute URL),
	// in page order. Empty unless PageType is TypeListing.
	Links []Link

	// Reason says why a page is TypeOther when it is no page at all:
	// "binary body (PDF)", "binary body". "" otherwise.
	Reason string

	// Shape is what the page tells of its site's structure, for a
	// SiteModel: feed it to SiteModel.Add.
	Shape Shape

	// Hrefs are every link target of the page, for a crawler to follow
	// from the same parse (see Hrefs).
	Hrefs Hrefs

	// Fingerprints identify the page's text blocks (each once, sorted), for a
	// per-host Template: feed them to TemplateCounts.Add or its stored equivalent.
	Fingerprints []Fingerprint

	// textBlocks are the text blocks of an article's text with their
	// fingerprints, for WithTemplate; textFromBlocks is false when the text
	// came from elsewhere (the second opinion).
	textBlocks     []textBlock
	textFromBlocks bool
}

type textBlock struct {
	fp    Fingerprint
	whole bool // the block is a whole line of Text; else it is inside one
}

// templateLineShare: boilerplate lines up to this share of an article's
// text are dropped from the text itself. More means the content was
// picked with the host's boxes in it, and only a reading without them
// (Page.Template) picks it again.
const templateLineShare = 0.1

// WithTemplate cleans an article's text with its host's template t, on the
// text alone when it can: a block t counts as boilerplate that is a whole
// line of the text (a department's signature under every article) is
// dropped, headline excepted, as a reading with Page.Template would drop
// it. ok is false when that is not enough: the boilerplate is inside a
// line, more than a tenth of the text, or the text was not rendered from
// the page's blocks; the page must then be read again with Page.Template.
// A crawl asks this of every article of a warm host, and a second reading
// costs a whole extraction.
func (a Article) WithTemplate(t Template) (clean Article, ok bool) {
	if a.PageType != TypeArticle || a.Text == "" || t == nil {
		return a, true
	}
	if !a.textFromBlocks {
		return a, false
	}
	title, _ := fingerprintText(a.Title)
	drop := map[Fingerprint]bool{}
	for _, b := range a.textBlocks {
		if b.fp == title || !isBoilerplate(t, b.fp) {
			continue
		}
		if !b.whole {
			return a, false // inside a line
		}
		drop[b.fp] = true
	}
	if len(drop) == 0 {
		return a, true
	}
	lines := strings.Split(a.Text, "\n")
	kept := lines[:0:0]
	dropped, total := 0, 0
	for _, l := range lines {
		n := countChars(l)
		total += n
		if fp, ok := fingerprintText(l); ok && drop[fp] {
			dropped += n
			continue
		}
		kept = append(kept, l)
	}
	if float64(dropped) > templateLineShare*float64(total) || total-dropped < minArticleChars {
		return a, false // too much of the text
	}
	a.Text = strings.Join(kept, "\n")
	return a, true
}

// Link is one item of a listing.
type Link struct {
	Text string
	URL  string
}

// PublishedText is Published for storage: RFC 3339 in Vietnam time
// ("2021-01-18T09:15:00+07:00") when the page gave a time of day,
// "2006-01-02" when it gave a date only, "" when it gave none.
func (a Article) PublishedText() string {
	switch {
	case a.Published.IsZero():
		return ""
	case a.PublishedHasTime:
		return a.Published.In(vietnamTime).Format(time.RFC3339)
	}
	return a.Published.Format("2006-01-02")
}
