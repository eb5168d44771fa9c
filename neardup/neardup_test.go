package neardup

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/extract/vntext"
	"github.com/govcorpus/govcorpus/neardup/neartest"
)

var (
	article  = neartest.Article
	sentence = neartest.Sentence
)

func join(parts ...string) string { return strings.Join(parts, "\n") }

func fold(s string) string { return vntext.Fold(s) }

func TestRepublishedWithOtherHeaderFooterAndAnEditIsCaught(t *testing.T) {
	original, republished := neartest.Republished(article(1))
	j := Similarity(fold(original), fold(republished))
	t.Logf("Jaccard similarity of the republished copy: %.3f", j)
	if j < DefaultThreshold {
		t.Fatalf("the republished copy's Jaccard similarity is %.3f, under %.2f: the fixture is not what the test claims", j, DefaultThreshold)
	}
	var ix Index
	ix.Add(fold(original))
	for s := uint64(100); s < 150; s++ {
		ix.Add(fold(strings.Join(article(s), " ")))
	}
	rep := ix.Add(fold(republished))
	got, err := ix.Clusters(DefaultThreshold)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0]) != 2 || got[0][0] != 0 || got[0][1] != rep {
		t.Fatalf("clusters %v, want one: [0 %d]", got, rep)
	}
}

func TestSharedBoilerplateParagraphIsNotMerged(t *testing.T) {
	boiler := neartest.Boilerplate
	a := join(strings.Join(article(7), " "), boiler)
	b := join(strings.Join(article(8), " "), boiler)
	var ix Index
	ix.Add(fold(a))
	ix.Add(fold(b))
	got, err := ix.Clusters(DefaultThreshold)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("two articles sharing only a boilerplate paragraph were merged: %v (similarity %.3f)", got, Similarity(fold(a), fold(b)))
	}
	// The shared paragraph is there to be found: the two share shingles,
	// so the test above is not vacuous.
	if j := Similarity(fold(a), fold(b)); j < 0.05 {
		t.Errorf("the two articles' similarity is %.3f: the shared paragraph left no shared shingles", j)
	}
}

func TestEstimateFollowsSimilarity(t *testing.T) {
	base := article(20)
	for _, keep := range []int{len(base), len(base) * 9 / 10, len(base) * 3 / 4, len(base) / 2, 0} {
		other := append(append([]string(nil), base[:keep]...), article(21)[keep:]...)
		a, b := fold(strings.Join(base, " ")), fold(strings.Join(other, " "))
		var ix Index
		ix.Add(a)
		ix.Add(b)
		exact, est := Similarity(a, b), ix.Estimate(0, 1)
		// Four standard errors of a 128-hash estimate at J=0.5.
		if d := est - exact; d > 0.18 || d < -0.18 {
			t.Errorf("keeping %d of %d sentences: estimate %.3f, exact Jaccard %.3f", keep, len(base), est, exact)
		}
	}
}

func TestClusters(t *testing.T) {
	same := fold(strings.Join(article(30), " "))
	tests := []struct {
		name  string
		texts []string
		want  [][]int
	}{
		{"identical texts", []string{same, "khác hẳn một văn bản ngắn", same, same}, [][]int{{0, 2, 3}}},
		{"texts without words are never similar", []string{"", "  ... ", ""}, nil},
		{"a short text is one shingle", []string{"thông báo nghỉ lễ", "thông báo nghỉ lễ", "thông báo nghỉ tết"}, [][]int{{0, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ix Index
			for _, s := range tt.texts {
				ix.Add(s)
			}
			got, err := ix.Clusters(DefaultThreshold)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("clusters %v, want %v", got, tt.want)
			}
			for i := range got {
				if !slices.Equal(got[i], tt.want[i]) {
					t.Errorf("cluster %d is %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
	var ix Index
	for _, bad := range []float64{0, -0.5, 1.5} {
		if _, err := ix.Clusters(bad); err == nil {
			t.Errorf("threshold %v accepted", bad)
		}
	}
}

// TestClustersAtScale plants near-duplicate pairs among many unrelated
// texts: the LSH must find (nearly) all of them and merge nothing else.
func TestClustersAtScale(t *testing.T) {
	const texts, pairs = 3000, 150
	var ix Index
	partner := map[int]int{}
	var all []string
	for s := range texts {
		sents := article(uint64(1000 + s))
		all = append(all, fold(strings.Join(sents, " ")))
		at := ix.Add(all[len(all)-1])
		if s < pairs {
			sents[3] = sentence(rand.New(rand.NewPCG(uint64(s), 9)), 15)
			all = append(all, fold(strings.Join(sents, " ")))
			partner[at] = ix.Add(all[len(all)-1])
		}
	}
	got, err := ix.Clusters(DefaultThreshold)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, g := range got {
		if len(g) != 2 || partner[g[0]] != g[1] {
			t.Errorf("unexpected cluster %v (estimate %.3f, exact %.3f)", g, ix.Estimate(g[0], g[1]), Similarity(all[g[0]], all[g[1]]))
			continue
		}
		found++
	}
	// A pair at J≈0.9 is a candidate in at least one of 16 bands with
	// probability 0.9999; allow a couple of misses rather than a flake.
	if found < pairs-2 {
		t.Errorf("found %d of %d planted pairs", found, pairs)
	}
}
