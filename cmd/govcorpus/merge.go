package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
)

const mergeUsage = `Usage: govcorpus merge --out CORPUS SHARD...

Merges the workers' shards of a crawl on a shared frontier (crawl
--frontier redis://... --worker NAME) into one corpus: articles by URL,
the newest fetch winning and the texts it replaced kept as versions; runs
(renumbered), pages and WARC captures (pointers as they are, so wacz works
on the corpus while the shards' WARC files stay where they were written);
the search index rebuilt. CORPUS is created if missing; merging into an
existing corpus adds to it. Each shard is merged in one transaction.

Flags:
`

func runMerge(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	out := fs.String("out", "", "the corpus `path` to write")
	fs.Usage = func() { fmt.Fprint(fs.Output(), mergeUsage); fs.PrintDefaults() }
	shards, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	if *out == "" || len(shards) == 0 {
		fmt.Fprintln(e.stderr, "govcorpus merge: give --out CORPUS and at least one shard")
		return exitCannotRun
	}
	for _, s := range shards {
		if err := corpusExists(s); err != nil {
			fmt.Fprintf(e.stderr, "govcorpus merge: %v\n", err)
			return exitCannotRun
		}
	}
	lock, err := lockDB(*out)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus merge: %v\n", err)
		if errors.Is(err, errLocked) {
			return exitLocked
		}
		return exitCannotRun
	}
	defer lock.release()
	st, err := openStore(ctx, *out)
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus merge: %v\n", err)
		return exitCannotRun
	}
	defer st.Close()
	for _, s := range shards {
		n, err := st.Merge(ctx, s)
		if err != nil {
			fmt.Fprintf(e.stderr, "govcorpus merge: %v\n", err)
			return exitCannotRun
		}
		fmt.Fprintf(e.stdout, "%s: %d runs, %d pages, %d articles, %d captures\n", s, n.Runs, n.Pages, n.Articles, n.Captures)
	}
	if err := st.RebuildIndex(ctx); err != nil {
		fmt.Fprintf(e.stderr, "govcorpus merge: rebuild the search index of %s: %v\n", *out, err)
		return exitCannotRun
	}
	return exitOK
}
