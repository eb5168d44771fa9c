package extract

// Held-out measurement. The fixtures in testdata/heldout were written after
// the rules, in the manner of page families the portal fixtures do not cover
// (an e-government procedure page, a provincial portal with a photo slider
// and "Tin ảnh" box, Liferay 7, a print view, an English page, a weekly
// schedule table, a short article over a long comment form, a category page
// that opens with one full article, a video page, an AMP page). No rule had
// seen them when the first figures below were taken: those are the honest
// measure of how the rules carry to layouts they were not tuned on.
//
// The category page is a listing: its newest item shown in full is still
// the category's index, that item's heading links to its own page, where
// the crawler stores it; taking it here would store it twice, under a URL
// whose content changes with the next post.
//
// Measured before any rule was changed for them (go test -v -run HeldOut),
// the first eight fixtures as the brief asked for, then with the video and
// AMP pages added, still before any change:
//
//	 8 pages: F1 0.9977 (P 0.9955, R 1.0000); types 8/8, titles 6/8, dates 7/8
//	10 pages: F1 0.9922 (P 0.9845, R 1.0000); types 10/10, titles 8/10, dates 9/10
//
// The misses: a generic <title> ("Chi tiết thủ tục hành chính") whose <h1>
// sat in a "…-header" box that went with the page's headers; a headline and
// date line above a content that opens with a leaf <div> (the lead), which
// the look-back above the content missed; "15:42, Thứ Năm, 14/03/2024", a
// weekday between time and date; a desk signing off flush right ("Phòng
// Khảo thí và Quản lý chất lượng"); a "Thực hiện: …" credit line.
//
// After the general fixes that followed (the fixtures then stop being held
// out; new ones are needed for the next honest figure):
//
//	10 pages: F1 1.0000 (P 1.0000, R 1.0000); types 10/10, titles 10/10, dates 10/10

import "testing"

// Floors on the held-out fixtures, just below what was reached after the fixes.
var heldOutFloors = fixtureFloors{minF1: 0.99, minTypes: 10, minTitles: 9, minDates: 9}

// TestHeldOutLayouts runs the extractor over testdata/heldout. Unlike
// TestPortalLayouts it does not fail on each wrong field: it counts them, so
// that the figures stay comparable as rules change, and fails only below the
// floors.
func TestHeldOutLayouts(t *testing.T) {
	res := runFixtureSet(t, fixtureSet{dir: "heldout"})
	t.Log(res.summary("held-out"))
	res.checkFloors(t, "held-out", heldOutFloors)
}
