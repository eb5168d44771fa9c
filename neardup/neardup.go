package neardup

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"unicode"
	"unicode/utf8"
)

const (
	// Shingle is the number of words per shingle. An edit changes the
	// Shingle shingles covering each changed word, so shorter shingles
	// forgive more: with five, a 400-word item republished with another
	// portal's header and footer and one sentence rewritten fell just
	// under 0.8; with four it stays above. Four Vietnamese syllables
	// (about two words) are still rarely shared by unrelated texts.
	Shingle = 4
	// Hashes is the signature length. The standard error of a similarity
	// estimate is about sqrt(J(1-J)/Hashes): ±0.035 at J=0.8.
	Hashes = 128
	// DefaultThreshold is the similarity from which two texts are one
	// cluster: republished news with its own header, footer and an edit
	// scores above it, texts sharing only a boilerplate paragraph far below.
	DefaultThreshold = 0.8
)

// partitions is how many parts the texts of a band are sorted in.
const partitions = 16

// bitsKept is how many low bits of each minimum a signature keeps (one
// byte); collide is the chance that two different minima agree on them.
const (
	bitsKept = 8
	collide  = 1.0 / (1 << bitsKept)
)

// hashParams are the hash functions h_k(x) = a_k·x + b_k (mod 2^64) over a
// shingle's 64-bit hash, with a_k odd. Fixed seed: signatures, and so the
// clusters of an export, are the same on every run and machine.
var hashParams = func() (p [Hashes][2]uint64) {
	r := rand.New(rand.NewPCG(0x6e656172, 0x64757073))
	for k := range p {
		p[k] = [2]uint64{r.Uint64() | 1, r.Uint64()}
	}
	return p
}()

// Index holds the signatures of the texts added to it, in order.
type Index struct {
	sigs  []byte // Hashes bytes per text
	empty []bool // a text without words: never similar to anything
}

// NewIndex returns an empty index with room for n texts.
func NewIndex(n int) *Index {
	return &Index{sigs: make([]byte, 0, n*Hashes), empty: make([]bool, 0, n)}
}

// Add adds a folded text and returns its position in the index.
func (ix *Index) Add(text string) int {
	var mins [Hashes]uint64
	for k := range mins {
		mins[k] = ^uint64(0)
	}
	n := 0
	eachShingle(text, func(x uint64) {
		n++
		for k := range mins {
			if h := hashParams[k][0]*x + hashParams[k][1]; h < mins[k] {
				mins[k] = h
			}
		}
	})
	// The minimum's own bits are no good to keep: its top bits are
	// nearly always zero (it is a minimum) and the low bits of a·x+b mix
	// little of x. a·x+b is a bijection, so the minimum names one
	// shingle; a finaliser spreads it over the kept byte.
	for _, m := range mins {
		ix.sigs = append(ix.sigs, byte(mix(m)))
	}
	ix.empty = append(ix.empty, n == 0)
	return len(ix.empty) - 1
}

// Len is the number of texts added.
func (ix *Index) Len() int { return len(ix.empty) }

func (ix *Index) sig(i int) []byte { return ix.sigs[i*Hashes : (i+1)*Hashes] }

// Estimate is the estimated Jaccard similarity of texts i and j, 0 when
// either has no words.
func (ix *Index) Estimate(i, j int) float64 {
	if ix.empty[i] || ix.empty[j] {
		return 0
	}
	a, b := ix.sig(i), ix.sig(j)
	same := 0
	for k := range a {
		if a[k] == b[k] {
			same++
		}
	}
	est := (float64(same)/Hashes - collide) / (1 - collide)
	return max(est, 0)
}

// bandRows is the number of signature bytes per LSH band for threshold t.
// With b = Hashes/r bands, a pair of similarity J becomes a candidate with
// probability 1-(1-J^r)^b, which rises steeply around (1/b)^(1/r): 0.71
// for r=8 (a pair at 0.8 is a candidate 95% of the time, at 0.9 99.99%),
// 0.42 for r=4, for thresholds that low.
func bandRows(t float64) int {
	if t < 0.7 {
		return 4
	}
	return 8
}

// Clusters returns the groups of texts whose similarity reaches threshold
// (transitively), each group in ascending position and at least two long,
// groups ordered by their first position. threshold must be in (0, 1].
func (ix *Index) Clusters(threshold float64) ([][]int, error) {
	if !(threshold > 0 && threshold <= 1) {
		return nil, fmt.Errorf("near-duplicate threshold %v: want a similarity above 0 and at most 1", threshold)
	}
	n := ix.Len()
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	rows := bandRows(threshold)
	// One band at a time, the texts sorted by their band bytes: equal
	// keys are neighbours. They are sorted a partition at a time (by the
	// low bits of the band's first byte, which are uniform), so the sort
	// holds a sixteenth of the texts: 1 MB per million rather than 16.
	type keyed struct {
		key uint64
		i   int32
	}
	keys := make([]keyed, 0, n/partitions+n/64+16)
	for band := 0; band < Hashes/rows; band++ {
		for part := range byte(partitions) {
			keys = keys[:0]
			for i := range n {
				b := ix.sig(i)[band*rows : (band+1)*rows]
				if ix.empty[i] || b[0]%partitions != part {
					continue
				}
				var key [8]byte
				copy(key[:], b)
				keys = append(keys, keyed{binary.LittleEndian.Uint64(key[:]), int32(i)})
			}
			slices.SortFunc(keys, func(a, b keyed) int {
				if c := cmp.Compare(a.key, b.key); c != 0 {
					return c
				}
				return cmp.Compare(a.i, b.i)
			})
			// Each text is compared with the first of its run of equal keys.
			start := 0
			for k := 1; k < len(keys); k++ {
				if keys[k].key != keys[start].key {
					start = k
					continue
				}
				i, j := keys[k].i, keys[start].i
				ri, rj := find(i), find(j)
				if ri != rj && ix.Estimate(int(i), int(j)) >= threshold {
					parent[max(ri, rj)] = min(ri, rj)
				}
			}
		}
	}
	groups := map[int32][]int{}
	var order []int32
	for i := range n {
		r := find(int32(i))
		if r == int32(i) && len(groups[r]) == 0 {
			order = append(order, r)
		}
		groups[r] = append(groups[r], i)
	}
	var out [][]int
	for _, r := range order {
		if g := groups[r]; len(g) > 1 {
			out = append(out, g)
		}
	}
	return out, nil
}

// Similarity is the exact Jaccard similarity of the shingle sets of two
// folded texts: what Estimate approximates, for tests and diagnostics.
func Similarity(a, b string) float64 {
	set := func(s string) map[uint64]bool {
		m := map[uint64]bool{}
		eachShingle(s, func(x uint64) { m[x] = true })
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	both := 0
	for x := range sa {
		if sb[x] {
			both++
		}
	}
	return float64(both) / float64(len(sa)+len(sb)-both)
}

// eachShingle calls fn with the FNV-1a hash of every Shingle consecutive
// words of text (one shingle of all words when there are fewer). Words are
// runs of letters and digits; word hashes are kept in a ring, so a shingle
// costs Shingle multiplications, not a string.
func eachShingle(text string, fn func(uint64)) {
	var ring [Shingle]uint64
	n := 0
	emit := func(count int) {
		h := uint64(fnvOffset)
		for k := range count {
			h ^= ring[(n-count+k)%Shingle]
			h *= fnvPrime
		}
		fn(h)
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		h := uint64(fnvOffset)
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			for b := 0; b < size; b++ {
				h ^= uint64(text[i+b])
				h *= fnvPrime
			}
			i += size
		}
		ring[n%Shingle] = h
		n++
		if n >= Shingle {
			emit(Shingle)
		}
	}
	if n > 0 && n < Shingle {
		emit(n)
	}
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// mix is SplitMix64's finaliser: every output bit depends on every input bit.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
