package eval

import (
	"math"
	"testing"
)

func TestScoreWords(t *testing.T) {
	for _, c := range []struct {
		name, truth, pred string
		p, r              float64
	}{
		{"both empty", "", "", 1, 1},
		{"empty prediction", "a b", "", 0, 0},
		{"text on an empty truth", "", "a", 0, 0},
		{"exact, case and punctuation aside", "Lao động, việc làm.", "lao ĐỘNG việc làm", 1, 1},
		{"bag, not set: a repeated word counts once per copy", "a a b", "a b b b", 0.5, 2.0 / 3},
		{"underscore and digits are word characters", "x_1 2024", "x_1 2024 z", 2.0 / 3, 1},
	} {
		p, r, f1 := ScoreWords(c.truth, c.pred)
		if math.Abs(p-c.p) > 1e-9 || math.Abs(r-c.r) > 1e-9 {
			t.Errorf("%s: P %.3f R %.3f, want %.3f %.3f", c.name, p, r, c.p, c.r)
		}
		if want := 2 * c.p * c.r / (c.p + c.r); c.p+c.r > 0 && math.Abs(f1-want) > 1e-9 {
			t.Errorf("%s: F1 %.3f, want %.3f", c.name, f1, want)
		}
	}
}

func TestSameDate(t *testing.T) {
	for _, c := range []struct {
		truth, got string
		ok         bool
	}{
		{"2019-08-05T16:32", "2019-08-05T16:32:00+07:00", true},
		{"2019-08-05T16:32", "2019-08-05", false},
		{"2019-08-05", "2019-08-05T16:32:00+07:00", true},
		{"", "", true},
		{"", "2013-10-06", false},
		{"2019-07-26T14:14", "", false},
	} {
		if ok := SameDate(c.truth, c.got); ok != c.ok {
			t.Errorf("SameDate(%q, %q) = %v", c.truth, c.got, ok)
		}
	}
}

func TestSameTitle(t *testing.T) {
	if !SameTitle("CHỨC NĂNG, NHIỆM VỤ", "Chức năng, nhiệm vụ.") || SameTitle("Trang chủ", "Giới thiệu") {
		t.Error("SameTitle compares case, spacing and edge punctuation aside, nothing more")
	}
}
