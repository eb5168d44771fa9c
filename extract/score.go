package extract

import (
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// This file implements the scoring method of the article-extraction benchmark
// (shared/benchmarks/article-extraction/README.md): word 4-gram shingles counted
// as a multiset, precision and recall per page, averaged over pages.

var tokenRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// shingles returns the multiset of 4-token shingles of s after NFC.
func shingles(s string) map[string]int {
	toks := tokenRE.FindAllString(norm.NFC.String(s), -1)
	out := make(map[string]int)
	switch {
	case len(toks) == 0:
	case len(toks) < 4:
		out[strings.Join(toks, "\x00")]++
	default:
		for i := 0; i+4 <= len(toks); i++ {
			out[strings.Join(toks[i:i+4], "\x00")]++
		}
	}
	return out
}

// PageScore is one page's shingle counts, normalised so tp+fp+fn = 1 (or all 0).
type PageScore struct {
	TP, FP, FN float64
}

// ScorePage compares a predicted text with the true text of one page.
func ScorePage(truth, pred string) PageScore {
	t, p := shingles(truth), shingles(pred)
	var s PageScore
	for k, tc := range t {
		pc := p[k]
		s.TP += float64(min(tc, pc))
		s.FN += float64(max(0, tc-pc))
		s.FP += float64(max(0, pc-tc))
	}
	for k, pc := range p {
		if _, ok := t[k]; !ok {
			s.FP += float64(pc)
		}
	}
	if sum := s.TP + s.FP + s.FN; sum > 0 {
		s.TP, s.FP, s.FN = s.TP/sum, s.FP/sum, s.FN/sum
	}
	return s
}

// Precision of one page: 1 when nothing is wrong, 0 when nothing is predicted right.
func (s PageScore) Precision() float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FP == 0:
		return 0
	}
	return s.TP / (s.TP + s.FP)
}

// Recall of one page: 1 when nothing is wrong, 0 when nothing true is found.
func (s PageScore) Recall() float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FN == 0:
		return 0
	}
	return s.TP / (s.TP + s.FN)
}

// Summary is a benchmark result: mean precision over pages with a prediction,
// mean recall over pages with a truth, and F1 of the two means.
type Summary struct {
	Precision, Recall, F1 float64
	Pages                 int
}

// Summarize averages page scores the benchmark's way.
func Summarize(pages []PageScore) Summary {
	var ps, rs float64
	var np, nr int
	for _, s := range pages {
		if s.TP+s.FP > 0 {
			ps += s.Precision()
			np++
		}
		if s.TP+s.FN > 0 {
			rs += s.Recall()
			nr++
		}
	}
	sum := Summary{Pages: len(pages)}
	if np > 0 {
		sum.Precision = ps / float64(np)
	}
	if nr > 0 {
		sum.Recall = rs / float64(nr)
	}
	if sum.Precision+sum.Recall > 0 {
		sum.F1 = 2 * sum.Precision * sum.Recall / (sum.Precision + sum.Recall)
	}
	return sum
}

// Score compares predicted texts with true ones, both keyed by page id (a
// page missing from pred counts as an empty prediction), and returns the
// benchmark's mean precision, mean recall and their F1.
func Score(truth, pred map[string]string) (p, r, f1 float64) {
	pages := make([]PageScore, 0, len(truth))
	for id, t := range truth {
		pages = append(pages, ScorePage(t, pred[id]))
	}
	s := Summarize(pages)
	return s.Precision, s.Recall, s.F1
}
