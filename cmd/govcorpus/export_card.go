package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/govcorpus/govcorpus/neardup"
	"github.com/govcorpus/govcorpus/store"
)

// exportStats are what a dataset card says about the rows exported.
type exportStats struct {
	rows, undated, unreadableDates, nearDropped, inClusters int
	sites                                                   map[string]int
	years                                                   map[string]int // published year as shown, "undated"
	firstFetch, lastFetch                                   time.Time
}

func newExportStats() *exportStats {
	return &exportStats{sites: map[string]int{}, years: map[string]int{}}
}

func (s *exportStats) add(r record) {
	s.rows++
	s.sites[r.Site]++
	year := "undated"
	if !r.published.IsZero() {
		year = r.published.Format("2006")
	} else {
		s.undated++
	}
	s.years[year]++
	if r.cluster != 0 {
		s.inClusters++
	}
	if t := r.FetchedAt; !t.IsZero() {
		if s.firstFetch.IsZero() || t.Before(s.firstFetch) {
			s.firstFetch = t
		}
		if t.After(s.lastFetch) {
			s.lastFetch = t
		}
	}
}

// sizeCategory is the Hugging Face Hub's size_categories value for n rows.
func sizeCategory(n int) string {
	bounds := []struct {
		below int
		label string
	}{
		{1e3, "n<1K"}, {1e4, "1K<n<10K"}, {1e5, "10K<n<100K"}, {1e6, "100K<n<1M"},
		{1e7, "1M<n<10M"}, {1e8, "10M<n<100M"}, {1e9, "100M<n<1B"},
	}
	for _, b := range bounds {
		if n < b.below {
			return b.label
		}
	}
	return "n>1T"
}

// cardFields documents the exported columns, in their order.
var cardFields = [][3]string{
	{"id", "int64", "the article's id in the govcorpus database"},
	{"url", "string", "the page's URL"},
	{"site", "string", "the host the article was crawled from"},
	{"title", "string, null", "the article's own heading; null when it has none"},
	{"published", "timestamp (UTC), null", "when the article was published, as an instant; a page showing only a day gives midnight of that day in Vietnam (UTC+7), so convert to Asia/Ho_Chi_Minh before reading the day off it; null when the page shows no date"},
	{"published_date", "date, null", "the calendar day the page shows, in its own zone: the column to filter or group by day or year"},
	{"published_precision", "string, null", "`day` (the page shows a date only), `minute` (a date and time) or `second`"},
	{"published_raw", "string, null", "the date line as the page shows it"},
	{"text", "string", "the article's text, NFC, one paragraph per line"},
	{"lang", "string, null", "the language the page declares"},
	{"words", "int32", "words in text"},
	{"sha256", "string", "hex SHA-256 of text: exact duplicates share it"},
	{"fetched_at", "timestamp (UTC)", "when the crawler fetched the page"},
	{"dup_cluster", "int64, null", "for an article in a near-duplicate cluster, the id of the cluster's earliest published article (its own id for that one); null when none is similar"},
	{"gone", "bool", "the page answered 404 or 410 at a later crawl (only with `--gone include`; otherwise such articles are left out)"},
}

// datasetCard is the README.md beside an export, in the Hugging Face
// dataset-card form: YAML metadata, then what the data is and how it was made.
func datasetCard(o exportOptions, st *exportStats, clusters int, dataFiles string) string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("---\nlanguage:\n- vi\nmultilinguality: monolingual\n")
	p("size_categories:\n- %s\n", sizeCategory(st.rows))
	p("task_categories:\n- text-generation\n")
	p("# license: choose the license under which you may publish these texts\n")
	if dataFiles != "" {
		p("configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: %q\n", dataFiles)
	}
	p("---\n%s\n\n", cardMarker)
	p("# Vietnamese government web texts\n\n")
	p("%d articles crawled from %d Vietnamese government website(s) by govcorpus %s, one row each, "+
		"with the menus, counters, polls, related-news lists and footers of the pages removed.\n\n", st.rows, len(st.sites), version)

	p("## Sources\n\n| site | articles |\n|---|---:|\n")
	sites := slices.Collect(maps.Keys(st.sites))
	slices.SortFunc(sites, func(a, c string) int {
		if d := st.sites[c] - st.sites[a]; d != 0 {
			return d
		}
		return strings.Compare(a, c)
	})
	for _, s := range sites {
		p("| %s | %d |\n", s, st.sites[s])
	}
	p("\n## Articles per year of publication\n\n| year | articles |\n|---|---:|\n")
	years := slices.Sorted(maps.Keys(st.years))
	for _, y := range years {
		p("| %s | %d |\n", y, st.years[y])
	}
	if !st.firstFetch.IsZero() {
		p("\nCrawled between %s and %s (UTC).\n", st.firstFetch.UTC().Format(time.DateOnly), st.lastFetch.UTC().Format(time.DateOnly))
	}

	p("\n## Fields\n\n| field | type | meaning |\n|---|---|---|\n")
	for _, f := range cardFields {
		p("| `%s` | %s | %s |\n", f[0], f[1], f[2])
	}

	p("\n## Selection and deduplication\n\n")
	var filters []string
	if o.filter.Site != "" {
		filters = append(filters, "site "+o.filter.Site)
	}
	field := "published"
	if o.filter.DateField == store.DateFetched {
		field = "fetched_at"
	}
	if o.filter.Since != "" {
		filters = append(filters, fmt.Sprintf("%s on or after %s", field, o.filter.Since))
	}
	if o.filter.Until != "" {
		filters = append(filters, fmt.Sprintf("%s on or before %s", field, o.filter.Until))
	}
	if len(filters) == 0 {
		p("- Every article of the crawl.\n")
	} else {
		p("- Only articles with %s.", strings.Join(filters, ", "))
		if field == "published" {
			if o.filter.DropUndated {
				p(" Articles showing no date were left out.")
			} else {
				p(" Articles showing no date were kept (%d rows have no published date).", st.undated)
			}
		}
		p("\n")
	}
	if o.filter.Duplicates {
		p("- Exact duplicates (the same text under another URL) are included: rows with equal `sha256`.\n")
	} else {
		p("- Exact duplicates (the same text under another URL: print views, old paths) are left out: each text appears once.\n")
	}
	p("- Near-duplicates: MinHash (%d hashes) with LSH over %d-word shingles of the text folded "+
		"(no diacritics, lower case); articles with an estimated Jaccard similarity of at least %.2f are one cluster "+
		"(transitively). %d clusters", neardup.Hashes, neardup.Shingle, o.threshold, clusters)
	if o.dedup == "near" {
		p("; only the earliest published article of each is kept (%d left out).\n", st.nearDropped)
	} else {
		p(" with %d articles, all kept and marked in `dup_cluster`; keep rows where `dup_cluster` is null or equals `id` for one per cluster.\n", st.inClusters)
	}
	if o.tone.style != "" {
		p("- Tone marks of oa/oe/uy syllables rewritten to the %s style.\n", o.tone.style)
	}

	p("\n## Personal information and removal\n\n")
	p("The texts are public announcements and news of government bodies; they name officials and, at times, citizens. ")
	contact := o.contact
	if contact == "" {
		contact = "the maintainer of this dataset (add a contact address here)"
	}
	p("To have an article removed, write to %s giving its `url`; it is left out of the next release.\n", contact)

	p("\n## Provenance\n\nExported by govcorpus %s on %s", version, time.Now().UTC().Format(time.DateOnly))
	p(" (`govcorpus export --format %s", o.format)
	if o.format == "parquet" {
		p(" --compression %s", o.compression)
	}
	p("`).\n")
	return b.String()
}
