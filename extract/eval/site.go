package eval

import (
	"context"
	"fmt"

	"github.com/govcorpus/govcorpus/extract"
)

// SiteView returns an Extractor that knows each page's site as a crawl
// would: every page of the set is read once and its host's template is
// learnt from all of them (extract.TemplateCounts and extract.SiteModel), and only then is each page
// extracted with its host's model. A set of one page per host gets what
// extract.Extract alone gives.
func SiteView(ctx context.Context, s *Set) (Extractor, error) {
	type site struct {
		tpl   extract.TemplateCounts
		model extract.SiteModel
	}
	sites := map[string]*site{}
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
			sites[h] = &site{}
		}
		sites[h].tpl.Add(a.Fingerprints)
		sites[h].model.Add(a.Shape)
	}
	return func(p extract.Page) (extract.Article, error) {
		s := sites[Host(p.URL)]
		if s == nil {
			return extract.Extract(p)
		}
		// As the crawler does: the type from the page and its site's
		// structure; the template's blocks then only clean an article,
		// and only when the article survives them.
		p.Site = &s.model
		a, err := extract.Extract(p)
		if err != nil {
			return a, err
		}
		if clean, ok := a.WithTemplate(&s.tpl); ok {
			return clean, nil
		}
		p.Template = &s.tpl
		if clean, err := extract.Extract(p); err == nil && clean.PageType == extract.TypeArticle && clean.Text != "" {
			return clean, nil
		}
		return a, nil
	}, nil
}
