package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/govcorpus/govcorpus/demosite"
	"github.com/govcorpus/govcorpus/store"
)

const demoUsage = `Usage: govcorpus demo [flags]

Serves an embedded sample department site on 127.0.0.1, crawls it into a
fresh database (demo.db, replaced on each run) and prints the summary and
three sample articles. Works offline.

Flags:
`

func runDemo(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	var f crawlFlags
	// The sample site is ours and local: no need to wait a second per page.
	f.register(fs, "demo.db", 20*time.Millisecond)
	fs.Usage = func() { fmt.Fprint(fs.Output(), demoUsage); fs.PrintDefaults() }
	if rest, code, ok := parseFlags(fs, args, e); !ok {
		return code
	} else if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "govcorpus demo: unexpected argument %q\n", rest[0])
		return exitCannotRun
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(f.db + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(e.stderr, "govcorpus demo: replace %s: %v\n", f.db, err)
			return exitCannotRun
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus demo: serve sample site: %v\n", err)
		return exitCannotRun
	}
	srv := &http.Server{Handler: demosite.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stdout, "Serving the sample site at %s/ and crawling it into %s\n", base, f.db)

	cfg, err := f.config([]string{base + "/"})
	if err != nil {
		fmt.Fprintf(e.stderr, "govcorpus demo: %v\n", err)
		return exitCannotRun
	}
	code := crawlInto(ctx, f, cfg, e, func(st *store.Store) error {
		return printSamples(ctx, e.stdout, st, base+demosite.SeedPath)
	})
	// The sample site has a broken link on purpose: a failed page is part
	// of the demonstration, not a failed demo.
	if code == exitPagesFailed {
		code = exitOK
	}
	return code
}

// printSamples shows three stored articles, the seed page's first.
func printSamples(ctx context.Context, w io.Writer, st *store.Store, seedURL string) error {
	arts, err := st.Articles(ctx)
	if err != nil {
		return fmt.Errorf("read articles: %w", err)
	}
	var picks []store.Article
	for _, a := range arts {
		if a.URL == seedURL {
			picks = append(picks, a)
		}
	}
	for _, a := range arts {
		if len(picks) == 3 {
			break
		}
		if a.URL != seedURL && a.Published != "" {
			picks = append(picks, a)
		}
	}
	fmt.Fprintf(w, "\n%d articles stored. Three of them:\n", len(arts))
	for _, a := range picks {
		fmt.Fprintf(w, "\n%s\n  %s | %s | %d words\n", a.Title, a.Published, a.URL, a.Words)
		lines := strings.Split(a.Text, "\n")
		for i, l := range lines {
			if i == 3 {
				fmt.Fprintln(w, "  …")
				break
			}
			fmt.Fprintf(w, "  %s\n", shorten(l, 160))
		}
	}
	return nil
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
