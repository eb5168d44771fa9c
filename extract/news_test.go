package extract

// Held-out measurement on general news layouts. The fixtures in
// testdata/news were written, not copied, in the manner of the sources of the
// article-extraction benchmark but unlike its 91 pages: a big newspaper with
// inline "Read more" links and a photo gallery, a wire story with a
// dateline, a self-hosted blog over a long comment thread, a newsletter post
// with subscribe boxes and like counts, a live blog, a numbered listicle, a
// how-to with lists, a review with a rating box and a spec table, a Q&A
// interview, a press release with contacts and "About …", a German article,
// and a body cut by an ad or a newsletter prompt every two paragraphs.
//
// Their truth follows the benchmark's conventions: the body holds the
// article's subheadings, lists and tables, the dateline and a wire story's
// "(Reporting by …)" line; it leaves out the headline, standfirst, byline,
// date, captions, "Read more" links, ads, prompts and comments.
//
// Measured before any rule was changed for them (go test -v -run NewsLayouts;
// the how-to's title is not counted, its <title> and <h1> differing only in
// capitals):
//
//	12 pages: F1 0.9596 (P 0.9463, R 0.9734); types 12/12, titles 11/11, dates 12/12
//
// The live blog's truth then held its standfirst; the benchmark leaves deks
// out (vox, nbc, slate, smithsonian), so it was taken out of the truth,
// still before any rule changed:
//
//	12 pages: F1 0.9656 (P 0.9463, R 0.9858); types 12/12, titles 11/11, dates 12/12
//
// The misses: ad labels between paragraphs ("Advertisement · Scroll to
// continue", "Continue reading below"); Substack's subheadings, whose class
// "header-anchor-post" made them page headers; a byline running on to its
// reviewer and date; a press release's media contacts; photo credits
// ("Getty Images") in an image's box; a recipe's star rating; a donation
// appeal and an affiliate disclosure. Left: a broadcast note under the
// German article, a "Rate it!" prompt, a spec table's caption, a wire
// service's "Our Standards" link line.
//
// After the general fixes that followed (the fixtures then stop being held
// out):
//
//	12 pages: F1 0.9934 (P 0.9880, R 0.9989); types 12/12, titles 11/11, dates 12/12

import "testing"

// Floors on the news fixtures, just below what was reached after the fixes.
var newsFloors = fixtureFloors{minF1: 0.99, minTypes: 12, minTitles: 10, minDates: 11}

// TestNewsLayouts runs the extractor over testdata/news and, like
// TestHeldOutLayouts, counts the wrong fields and fails only below the floors.
// Pages flagged skipTitle or skipPublished in its truth are not counted.
func TestNewsLayouts(t *testing.T) {
	res := runFixtureSet(t, fixtureSet{dir: "news", skipFlags: true})
	t.Log(res.summary("news"))
	res.checkFloors(t, "news", newsFloors)
}
