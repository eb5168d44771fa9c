package extract

import (
	"hash/fnv"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// When our text is short beside the page, a second algorithm reads the
// page too, as trafilatura does with readability and jusText. Measured on
// WCXB (BENCHMARKS.md), Mozilla's Readability finds more of the text on
// pages whose content our rules cut short (a landing page's sections, a
// documentation page's panels, a thread's later posts).
//
// secondOpinionGain: the second text is taken only when it is this many
// times longer than ours. A text a little longer is as likely ours plus a
// sidebar; 1.5 is where the news pages and our mechanism fixtures stopped
// losing (1.25 cost AEB 0.003). As the second text is never longer than
// the page, a page with less than this many times our text is not read a
// second time at all.
const secondOpinionGain = 1.5

// secondOpinion is Readability's text of doc, the page as prepare left
// it (hidden elements, scripts and the site's template blocks gone, so
// none of them can come back through it), rendered and filtered line by
// line as our own content is: its box headings and what follows them,
// link lines and edge lines go the same way. "" if it finds none. It
// consumes doc.
func secondOpinion(doc *html.Node, u *url.URL, title string) string {
	p := readability.NewParser()
	p.DisableJSONLD = true // the metadata are ours already
	art, err := p.ParseAndMutate(doc, u)
	if err != nil || art.Node == nil {
		return ""
	}
	return joinBlocks(trimEdges(keepBlocks(render([]*html.Node{art.Node}), title)))
}

// secondOpinionHolds: the second text must hold this share of our text's
// words. The text it finds around ours is the rest of the content; a
// text that leaves ours out is another block of the page (the footer of a
// short page, a sidebar's story).
const secondOpinionHolds = 0.8

// preferSecond: the second text is far longer than ours and holds it.
func preferSecond(ours, second string) bool {
	return float64(countChars(second)) > secondOpinionGain*float64(countChars(ours)) && holds(second, ours)
}

// holds tells whether most of small's words are in big, counted as bags.
func holds(big, small string) bool {
	bag := map[string]int{}
	for w := range strings.FieldsSeq(strings.ToLower(big)) {
		bag[w]++
	}
	total, found := 0, 0
	for w := range strings.FieldsSeq(strings.ToLower(small)) {
		total++
		if bag[w] > 0 {
			bag[w]--
			found++
		}
	}
	return total > 0 && float64(found) >= secondOpinionHolds*float64(total)
}

// A site's template makes the second reading win or lose on all its pages
// alike: on a department site whose menus and counters dwarf its short
// articles, Readability reads every one of them again for nothing, the
// most expensive step of a crawl's extraction (a fifth of its time). So
// the site model counts, per content slot, how often the second reading
// was asked and how often it won (Shape.SecondAsked, SecondWon), and once
// it has lost secondOpinionTrials times in a slot and never won there, a
// page of that slot is read a second time only if recheckSecond picks it.
const (
	// secondOpinionTrials: a loss this many times in a row is no chance.
	// A template on whose pages it wins one time in ten loses 32 times in
	// a row with odds of 3%, and the rechecks find it later.
	secondOpinionTrials = 32
	// secondOpinionRecheck: one page in this many of a slot where the
	// second reading loses is read again all the same, so that a site
	// whose pages start to need it (a new kind of page in the old box)
	// is noticed, at a sixteenth of the cost.
	secondOpinionRecheck = 16
)

// recheckSecond picks the pages a second reading is asked of in a slot
// where it loses: one in secondOpinionRecheck, by their URL, so a page is
// read the same way every time it is extracted.
func recheckSecond(pageURL string) bool {
	h := fnv.New32a()
	h.Write([]byte(pageURL))
	return h.Sum32()%secondOpinionRecheck == 0
}
