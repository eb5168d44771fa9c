// Command extractbench benchmarks govcorpus's extractor against go-trafilatura
// (fallback on) and go-readability on the shared benchmark sets, and prints a
// Markdown table of F1, precision, recall and speed.
//
// Run it from the bench folder of the repository:
//
//	go run ./cmd/extractbench
//	go run ./cmd/extractbench -shared /path/to/shared -min 2s
//
// Each tool processes the pages one after another in one goroutine; only the
// extraction call is timed, with the HTML already in memory.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/govcorpus/govcorpus/bench"
)

func main() {
	def := "../../shared"
	if d := os.Getenv("GOVCORPUS_SHARED"); d != "" {
		def = d
	}
	shared := flag.String("shared", def, "the shared folder holding benchmarks/ (default ../../shared, i.e. beside the repository when run from bench/; or $GOVCORPUS_SHARED)")
	minTime := flag.Duration("min", time.Second, "least extraction time measured per tool per set")
	limit := flag.Int("n", 0, "use only the first n pages of each set (0: all)")
	flag.Parse()

	if err := run(*shared, *minTime, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "extractbench:", err)
		if errors.Is(err, bench.ErrNoShared) {
			fmt.Fprintln(os.Stderr, "extractbench: the benchmarks are not here; pass -shared DIR or set GOVCORPUS_SHARED")
		}
		os.Exit(1)
	}
}

func run(shared string, minTime time.Duration, limit int) error {
	sets, err := bench.LoadSets(shared, limit)
	if err != nil {
		return err
	}
	var results []bench.Result
	for _, set := range sets {
		for _, tool := range bench.Tools() {
			fmt.Fprintf(os.Stderr, "%s: %s…\n", set.Name, tool.Name)
			r, err := bench.Run(set, tool, minTime)
			if err != nil {
				return fmt.Errorf("%s on %s: %w", tool.Name, set.Name, err)
			}
			results = append(results, r)
		}
	}
	fmt.Printf("Single goroutine, GOMAXPROCS %d, %s/%s, %s; ≥%v of extraction time per tool per set.\n\n",
		runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version(), minTime)
	return bench.WriteMarkdown(os.Stdout, results)
}
