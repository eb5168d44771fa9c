// Package extract turns one fetched HTML page into an Article: its type
// (article, listing or other), title, publication date and main text.
//
// It is pure: bytes and a URL in, an Article out; no I/O, no database, safe
// for concurrent use. A page may carry what its host's other pages tell
// (Page.Template, Page.Site); without them a single page is read alone.
//
// The steps, all generic (no rule names a site, a path or a CMS):
//
//  1. Bodies that are no text (binary.go: a PDF's or an image's magic
//     number, control bytes) are other, with Article.Reason. The rest is
//     decoded to UTF-8 (DecodeHTML, legacy Vietnamese encodings repaired by
//     vntext) and parsed once; <head>, JSON-LD and microdata give title,
//     date, author, language and canonical URL (meta.go).
//  2. What a reader is not shown is dropped (clean.go): scripts, styles,
//     form controls, and hidden elements (display:none, visibility:hidden,
//     hidden, aria-hidden), except text a toggle beside it unfolds (a Q&A
//     page's answers), the panels a tab or an expandable control names
//     (aria-controls), and a hidden wrapper that holds most of the page and
//     its <h1> (the page under an open dialog, or waiting for its scripts),
//     or, when what is left to see is almost all links, the largest hidden
//     block near the top that holds a quarter of the page's text.
//     A streamed page's hidden parts first take the places their
//     placeholders keep for them (fallback.go), as the page's script
//     would move them. Given a Template, text blocks most of the
//     host's pages share go too (template.go), headlines excepted.
//  3. The main content is found as Mozilla Readability does (content.go):
//     paragraphs score their ancestors by length and commas, scaled down by
//     link density; captions and a slideshow's pictures score nothing. The
//     best candidate widens to ancestors while what they add is prose (a
//     text cut into sections), siblings that score near it join, and when
//     the pick holds little of the page's prose, the deepest element that
//     holds most of it (the prose core) is taken instead. The strict attempt
//     first strips furniture named by class, id, role or tag (clean.go);
//     when it finds no text at all, a looser attempt's prose is taken if
//     the page goes on after it (a footer ends the page).
//  4. The content is rendered one line per paragraph, heading, list item or
//     table row (render.go), and furniture lines go by their shape: share
//     and print bars, counters, the headings of boxes with what follows
//     them, footers, date lines, bylines and meta lines at the edges, and
//     link lines, unless the link spells out its own address; a long line
//     the text has said already (a second layout of the page) is said once.
//  5. The page type (classify.go): other for forms, logins, search results,
//     binary and empty pages; listing when the content is mostly runs of
//     like, link-led items, a featured teaser of under 1,500 characters, or,
//     with no text of its own, a page of links, a long list, headings that
//     link below it, or links that carry their items' dates; else article.
//     Metadata that declares an article, one product or a thread (og:type,
//     JSON-LD) wins over the list shape, and so does a URL of five words or
//     more that spells a line of the page (slug.go): CMSs make an item's
//     URL from its headline, so the page is that item's, titled by that
//     line and dated by the date line just above it.
//     A page that shows no text yet declares an article with its body
//     in JSON-LD, or describes itself at the length of a post (250
//     characters or more, ending a sentence or marked as cut: a script
//     renders its thread), takes that text (fallback.go). A form counts
//     only where the page shows it: a hidden login box a script pops up
//     makes no page a form.
//  6. A second opinion (second.go): when an article's text holds less
//     than two thirds of what the page shows, Readability reads the same
//     cleaned tree, and its text, filtered line by line as ours is, is
//     taken when it is 1.5 times longer and holds ours (trafilatura does
//     the same with readability and jusText). A site model counts, per
//     content slot, how often it was asked and won: where it lost 32
//     times and never won, only one page in 16 is read a second time.
//  7. Title (meta.go, heading.go): og:title, else <title> without the
//     site's name, unless the <title> is the site's (the home page's, a
//     portal's name, or shared by most of the host's pages): then the
//     headline nearest the content, a heading or an element marked "title".
//  8. Date (classify.go): metadata first, else the page's own date line at
//     the top of the content or just above it, under or next to the
//     headline; never the header's clock further up, a date inside a link
//     (a sidebar's document, a teaser), nor one inside a sentence.
//
// The site's view (site.go). Each Article has a Shape: the slot (DOM-path
// signature: tags and classes from <body>, digits left out) of its content
// and of the elements around it, its links to the same host by slot, and
// hashes of its <title> and its description. A SiteModel adds up the shapes of a host's pages;
// the crawler keeps one per host and reads each page with it once the host
// is warm. The model knows the slot that holds the text of its articles and
// of none of its listings, the slots where listings repeat links that
// article pages lack, and the <title>s most pages share. Then a page that
// fills the listing slots and not the article slot is a listing (a
// one-teaser category, a home page), a page whose article slot holds text
// is an article (a one-sentence notice with its PDF), a search form that
// fills neither is other, a shared <title> gives way to the headline, and
// a shared description is never a page's text.
//
// A host's Template cleans an article after the fact (Article.WithTemplate):
// when the boilerplate blocks in its text are whole lines and a tenth of it
// at most (a department's signature under every article), those lines go
// from the text; otherwise the page is read again with Page.Template, whose
// blocks then never reach the content scoring. A crawl thus reads most
// articles of a warm host once, not twice.
//
// Every threshold is a named constant beside the rule that uses it, with
// the reason for its value. Package eval (extract/eval) scores the package
// on ground-truth sets; the measured figures and the history of the rules
// are in BENCHMARKS.md.
package extract
