package extract

// Held-out measurement of page types. The fixtures in testdata/pagetypes
// were written after the rules, to test the classification on layouts it was
// not tuned on: listings in five manners (a grid of image cards, a table of
// documents, a plain list of titles with dates, teasers with long summaries,
// a home page of boxes under a featured story), a tag page, an HTML site map;
// pages with no text of their own (a login form beside a long help text, a
// contact page that is only a form, a 404 page, an "being updated" stub, a
// document shown only in an embedded PDF viewer); and articles that look
// like them (a contact page with the address in prose over a small form, a
// two-sentence notice above a long "Các tin khác" list, a notice whose body
// is one sentence and a list of attached documents, a leadership table).
//
// The PDF viewer page is other: its text is a title, a date line and
// buttons; the document itself is a separate URL the crawler may store. The
// leadership table and the contact page with prose are articles, as in the
// vi-gov benchmark.
//
// Measured before any rule was changed for them (go test -v -run PageTypes):
//
//	16 pages: F1 0.5000 (P 0.5000, R 0.5000); types 11/16, listing/other pages with text 2, titles 14/16, dates 14/16
//
// The misses: the home page, whose featured story's long lead was taken for
// an article; the login page, whose help text beside the form was taken for
// one; the 404 page, typed listing by the latest-news box under its one
// sentence; the notice over its attached documents, a list of links to the
// cleaner and to the classifier; the contact page with prose, whose
// "module-contact" box went as furniture with its form, leaving no text.
//
// After the general fixes that followed (links to document files count as
// text; a list of them under a sentence is no listing; a headline linking,
// with its image or "Xem tiếp", to another page makes the content a teaser;
// a password field on a page titled "Đăng nhập …" is other; a short page
// whose title or headline says "Trang không tồn tại" is other; the box that
// holds the <h1> and most of the content is not cleaned away):
//
//	16 pages: F1 0.9957 (P 0.9915, R 1.0000); types 16/16, listing/other pages with text 0, titles 14/16, dates 16/16
//
// Left: the contact page's title takes its bold first line ("Liên hệ SỞ
// CÔNG THƯƠNG …"), and the WordPress category's title loses its tail after
// " - " ("Nông nghiệp"); neither changes the page's type.
//
// A listing or other page with any text scores precision 0, an article typed
// listing or other loses all its text: the figure that matters most here is
// the number of pages typed right.

import "testing"

// Floors on the page-type fixtures, just below what was reached after the fixes.
const (
	pageTypesMinF1    = 0.99
	pageTypesMinTypes = 16
	pageTypesMaxLeaks = 0 // listing or other pages that returned text
)

// TestPageTypes runs the extractor over testdata/pagetypes. Like
// TestHeldOutLayouts it counts wrong fields rather than failing on each, so
// that the figures stay comparable as rules change, and fails only below the
// floors.
func TestPageTypes(t *testing.T) {
	res := runFixtureSet(t, fixtureSet{dir: "pagetypes"})
	sum := res.sum
	t.Logf("page types %d pages: F1 %.4f P %.4f R %.4f; types %d/%d, listing/other with text %d, titles %d/%d, dates %d/%d",
		sum.Pages, sum.F1, sum.Precision, sum.Recall, res.types, res.n, res.leaks, res.titles, res.n, res.dates, res.n)
	if sum.F1 < pageTypesMinF1 {
		t.Errorf("page-type F1 %.4f below the floor %.2f", sum.F1, pageTypesMinF1)
	}
	if res.types < pageTypesMinTypes || res.leaks > pageTypesMaxLeaks {
		t.Errorf("page types %d right, %d listing/other pages with text; floors %d and %d",
			res.types, res.leaks, pageTypesMinTypes, pageTypesMaxLeaks)
	}
}
