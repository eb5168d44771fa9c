package vntext

import (
	"bufio"
	_ "embed"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The tables are the cross-checked copies described in tables/README.md.
// They are data, parsed once; a malformed line is skipped rather than
// panicking, and the tests check that every expected row was loaded.

//go:embed tables/tcvn3_vn3_to_unicode.tsv
var tcvn3TSV string

//go:embed tables/vni_windows_to_unicode.tsv
var vniTSV string

// tcvn3Table maps a legacy byte (seen as the Latin-1 rune of the same value)
// to its Unicode letter; zero means "not a TCVN3 code".
type tcvn3Table struct {
	lower [256]rune // what the normal font (.VnTime) shows
	upper [256]rune // what the all-caps font (.VnTimeH) shows
	n     int       // rows loaded
}

// vniTable maps VNI byte sequences (as Latin-1 runes) to Unicode letters.
type vniTable struct {
	pair   map[[2]rune]rune
	single map[rune]rune
	n      int // rows loaded
}

var tcvn3 = sync.OnceValue(func() *tcvn3Table {
	t := new(tcvn3Table)
	for _, f := range tsvRows(tcvn3TSV) {
		if len(f) < 4 {
			continue
		}
		b, err := strconv.ParseUint(f[0], 16, 8)
		lo, ok1 := parseU(f[1])
		up, ok2 := parseU(f[3])
		if err != nil || !ok1 || !ok2 {
			continue
		}
		t.lower[b], t.upper[b] = lo, up
		t.n++
	}
	return t
})

var vni = sync.OnceValue(func() *vniTable {
	t := &vniTable{pair: make(map[[2]rune]rune), single: make(map[rune]rune)}
	for _, f := range tsvRows(vniTSV) {
		if len(f) < 3 {
			continue
		}
		u, ok := parseU(f[0])
		if !ok {
			continue
		}
		switch len(f[2]) {
		case 2:
			b, err := strconv.ParseUint(f[2], 16, 8)
			if err != nil {
				continue
			}
			t.single[rune(b)] = u
		case 4:
			b1, err1 := strconv.ParseUint(f[2][:2], 16, 8)
			b2, err2 := strconv.ParseUint(f[2][2:], 16, 8)
			if err1 != nil || err2 != nil {
				continue
			}
			t.pair[[2]rune{rune(b1), rune(b2)}] = u
		default:
			continue
		}
		t.n++
	}
	return t
})

// tsvRows returns the tab-separated fields of the data lines: comment lines
// and the column header (its first field is not hex) are left out.
func tsvRows(data string) [][]string {
	var rows [][]string
	sc := bufio.NewScanner(strings.NewReader(data))
	header := true
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

// parseU parses "U+1EA3".
func parseU(s string) (rune, bool) {
	h, ok := strings.CutPrefix(s, "U+")
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, false
	}
	return rune(v), true
}
