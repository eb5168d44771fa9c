package extract

// Robustness measurement. The fixtures in testdata/messy were written to
// stress the parser and the rules rather than a layout: FrontPage <font>
// soup with unclosed <p>, <div> and <td> and stray closing tags; an article
// eight tables deep; a page rendered by JavaScript whose article is only in
// JSON-LD articleBody; a Next.js page whose article is only in __NEXT_DATA__;
// an article inside <noscript>; a <frameset>; lines split by <br> in one
// <div>; half a megabyte of inline <style>, <script> and SVG around a short
// story; a "Tin liên quan" box with a full-text preview of another article;
// a <title> and og:title that name the site, not the <h1>; a mobile page
// with <article> teasers below the main <article>; &nbsp; soup, zero-width
// spaces and soft hyphens inside words.
//
// Decisions the truth encodes:
//   - JSON-LD articleBody is the article when the page shows no text of its
//     own: the page declares it and a reader with JavaScript sees it.
//   - __NEXT_DATA__ is other with no text: its shape is each application's
//     own (here "post.content", HTML in a string); reading it means guessing
//     field names, and a wrong guess stores garbage. The crawler loses the
//     page, which is the honest result for a page that has no text in HTML.
//   - <noscript> holding an article is the article: it is what the page
//     shows without scripts, as the benchmarks' pages were saved.
//   - A <frameset> is other: its text is in the frames' own pages.
//   - The title is the <h1> when <title> and og:title name the site or the
//     section (as vi-gov's truth titles pages by their heading); og:title
//     still wins when it names the article.
//   - Zero-width spaces and soft hyphens are removed, not made spaces: the
//     reader sees "nghiên", not "nghi ên".
//
// Measured before any rule was changed for them (go test -v -run Messy):
//
//	12 pages: F1 0.8372 (P 0.8780, R 0.8000); types 9/12, titles 9/12, dates 9/12
//
// The misses: the JSON-LD page and the <noscript> page came out other with
// no text (articleBody was read but never used; the parser keeps
// <noscript> as raw text); the <frameset> page came out an article whose
// text was <noframes>' raw markup ("<body> <p>Trang web này …"); in the
// FrontPage page the content was a whole table row, its menu cell's links
// first, so the headline and "Cập nhật:" line fell past the lines searched
// and a flush-right signature above the table became the title; a date in
// a <span> beside the content's <div> was in no line searched; og:title
// naming the site won over the <h1>. Fuzzing (60 s, FuzzExtract) found no
// failure.
//
// After the general fixes that followed:
//
//	12 pages: F1 1.0000 (P 1.0000, R 1.0000); types 12/12, titles 12/12, dates 12/12
//
// with AEB (F1 0.9681) and vi-gov (F1 0.9991, 20/20 types) unchanged page
// by page. The fixtures now stop being held out.

import "testing"

// Floors on the messy fixtures, just below what was reached after the fixes.
var messyFloors = fixtureFloors{minF1: 0.99, minTypes: 12, minTitles: 11, minDates: 11}

// TestMessyPages runs the extractor over testdata/messy. Like
// TestHeldOutLayouts, and unlike TestPortalLayouts, it does not fail on each wrong field: it counts them, so
// that the figures stay comparable as rules change, and fails only below the
// floors.
func TestMessyPages(t *testing.T) {
	res := runFixtureSet(t, fixtureSet{dir: "messy"})
	t.Log(res.summary("messy"))
	res.checkFloors(t, "messy", messyFloors)
}
