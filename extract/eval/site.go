package eval

import (
	"context"
	"fmt"

	"github.com/govcorpus/govcorpus/extract"
)

// SiteView returns an Extractor that knows each page's site as a crawl
// would: every page of the set is read once and its host's template is
// learnt from all of them (extract.SiteModel), and only then is each page
// extracted with its host's model. A set of one page per host gets what
// extract.Extract alone gives.
func SiteView(ctx context.Context, s *Set) (Extractor, error) {
	sites := map[string]*extract.TemplateCounts{}
	for _, t := range s.Pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		body, err := s.Body(t)
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", t.ID, err)
		}
		a, err := extract.Extract(extract.Page{URL: t.URL, HTML: body})
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", t.ID, err)
		}
		h := Host(t.URL)
		if sites[h] == nil {
			sites[h] = &extract.TemplateCounts{}
		}
		sites[h].Add(a.Fingerprints)
	}
	return func(p extract.Page) (extract.Article, error) {
		if tc := sites[Host(p.URL)]; tc != nil {
			p.Template = tc
		}
		return extract.Extract(p)
	}, nil
}
