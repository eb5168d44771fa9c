package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/govcorpus/govcorpus/extract/vntext/vntexttest"
)

func TestLegacyEncodings(t *testing.T) {
	pages, err := vntexttest.Pages()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		t.Run(p.Name, func(t *testing.T) {
			a, err := Extract(Page{URL: "http://so.example.gov.vn/tin-tuc/a.html", HTML: p.Body, ContentType: p.ContentType})
			if err != nil {
				t.Fatal(err)
			}
			if a.PageType != TypeArticle || a.Title != p.Title {
				t.Errorf("type %s, title %q; want article %q", a.PageType, a.Title, p.Title)
			}
			for _, w := range p.Want {
				if !strings.Contains(a.Text, w) {
					t.Errorf("text lacks %q\ntext: %q", w, a.Text)
				}
			}
			if !norm.NFC.IsNormalString(a.Text) || strings.ContainsAny(a.Text, "ÐðÃÄ\u00ad\ufffd") {
				t.Errorf("text is not clean NFC Vietnamese: %q", a.Text)
			}
			if a.PublishedText() != "2021-01-18T09:15:00+07:00" {
				t.Errorf("published %q", a.PublishedText())
			}
		})
	}
}
