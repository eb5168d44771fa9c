package sitelist

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// maxSeedLine bounds one line of a seeds file; a URL is at most a few
// kilobytes, so a longer line is not a seeds file.
const maxSeedLine = 64 << 10

// ReadSeeds reads a seeds file: one URL a line; blank lines and lines
// starting with # are skipped, and so is a # comment after a URL. check
// validates each URL; the first one it refuses is reported with its line,
// and no seed is returned.
func ReadSeeds(path string, check func(string) error) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("seeds file: %w", err)
	}
	defer f.Close()
	var seeds []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), maxSeedLine)
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if i := strings.Index(s, " #"); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimSpace(s)
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if strings.ContainsAny(s, " \t") {
			return nil, fmt.Errorf("%s:%d: one URL a line, not %q", path, line, s)
		}
		if err := check(s); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		seeds = append(seeds, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(seeds) == 0 {
		return nil, fmt.Errorf("%s: no URL in the seeds file", path)
	}
	return seeds, nil
}
