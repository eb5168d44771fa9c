// Command extractbench benchmarks govcorpus's extractor against go-trafilatura
// (fallback on) and go-readability on the shared benchmark sets (wcxb-dev,
// vi-gov2, vi-gov, article-extraction), and prints Markdown tables of quality
// (extract/eval's scoring, each set its own way) and speed.
//
// Run it from the bench folder of the repository:
//
//	go run ./cmd/extractbench
//	go run ./cmd/extractbench -min 2s -speed-n 400
//	go run ./cmd/extractbench -shared /path/to/shared -sets vi-gov,vi-gov2 -n 10
//
// Quality is scored on every page (or the -n pages) with -workers goroutines.
// Speed is timed in one goroutine, the extraction call only, with the HTML
// already in memory, on the same pages or -speed-n of them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strings"
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
	limit := flag.Int("n", 0, "use only n pages of each set, spread evenly over its ids, for quality and speed (0: all)")
	speedN := flag.Int("speed-n", 0, "time only n of the scored pages of each set, spread evenly (0: all); quality still uses every page")
	workers := flag.Int("workers", 2, "goroutines extracting the pages for the quality scores (0: one per CPU); speed always uses one")
	setsFlag := flag.String("sets", strings.Join(bench.SetNames, ","), "comma-separated sets to run")
	toolsFlag := flag.String("tools", "", "comma-separated tools to run (default all: "+strings.Join(toolNames(), ", ")+")")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg := config{shared: *shared, limit: *limit, speedN: *speedN, sets: split(*setsFlag), tools: split(*toolsFlag),
		opt: bench.Options{Workers: *workers, MinTime: *minTime}}
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "extractbench:", err)
		if errors.Is(err, bench.ErrNoShared) {
			fmt.Fprintln(os.Stderr, "extractbench: the benchmarks are not here; pass -shared DIR or set GOVCORPUS_SHARED")
		}
		os.Exit(1)
	}
}

type config struct {
	shared        string
	limit, speedN int
	sets, tools   []string
	opt           bench.Options
}

func toolNames() []string {
	var names []string
	for _, t := range bench.Tools() {
		names = append(names, t.Name)
	}
	return names
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func run(ctx context.Context, cfg config) error {
	tools := bench.Tools()
	if len(cfg.tools) > 0 {
		tools = slices.DeleteFunc(tools, func(t bench.Tool) bool { return !slices.Contains(cfg.tools, t.Name) })
		if len(tools) != len(cfg.tools) {
			return fmt.Errorf("-tools %s: known tools are %s", strings.Join(cfg.tools, ","), strings.Join(toolNames(), ", "))
		}
	}
	sets, err := bench.LoadSets(cfg.shared, cfg.sets, cfg.limit)
	if err != nil {
		return err
	}
	start := time.Now()
	var results []bench.Result
	for _, set := range sets {
		scored := set.Pages
		set.Pages = bench.Spread(scored, cfg.speedN)
		pages, err := bench.LoadPages(set)
		set.Pages = scored
		if err != nil {
			return err
		}
		for _, tool := range tools {
			t0 := time.Now()
			fmt.Fprintf(os.Stderr, "%s: %s (%d pages scored, %d timed)…", set.Name, tool.Name, len(set.Pages), len(pages))
			r, err := bench.Run(ctx, set, pages, tool, cfg.opt)
			if err != nil {
				fmt.Fprintln(os.Stderr)
				return fmt.Errorf("%s on %s: %w", tool.Name, set.Name, err)
			}
			fmt.Fprintf(os.Stderr, " F1 %.4f, %.2f MB/s, %v\n", r.Report.All.F1, r.Speed.MBps(), time.Since(t0).Round(time.Second))
			results = append(results, r)
		}
	}
	fmt.Fprintf(os.Stderr, "done in %v\n", time.Since(start).Round(time.Second))

	fmt.Printf("Quality: extract/eval on every page given; speed: one goroutine, extraction call only, HTML in memory, ≥%v of extraction time per tool per set", cfg.opt.MinTime)
	if cfg.speedN > 0 {
		fmt.Printf(", at most %d pages per set timed (spread evenly over the set)", cfg.speedN)
	}
	fmt.Printf(". GOMAXPROCS %d, %s/%s, %s.\n\n", runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version())
	return bench.WriteMarkdown(os.Stdout, results)
}
