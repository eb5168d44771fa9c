// Command govcorpus crawls Vietnamese government department websites into a
// clean, searchable text corpus in SQLite.
//
// This package only parses flags, wires crawler, extract and store
// together, and turns outcomes into exit codes; behaviour worth testing
// lives in those packages.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/redis/go-redis/v9"
)

// version is set at build time by the Makefile (-ldflags -X main.version=…).
var version = "0.1.0-dev"

// Exit codes, documented in --help and the README.
const (
	exitOK          = 0   // finished cleanly
	exitCannotRun   = 1   // bad flag or URL, unreadable or unwritable database
	exitUsage       = 2   // no or unknown command
	exitPagesFailed = 3   // finished, but some pages failed
	exitTimeLimit   = 4   // stopped by --time-limit; rerun to continue
	exitInterrupted = 130 // stopped by SIGINT/SIGTERM; rerun to resume
)

const usage = `govcorpus crawls Vietnamese government department websites into a clean
text corpus in SQLite.

Usage:
  govcorpus crawl [flags] URL...     crawl sites into --db (default corpus.db)
  govcorpus extract [flags] FILE...  extract the article from saved pages
  govcorpus search [flags] QUERY     full-text search, with or without diacritics
  govcorpus runs --db DB             the crawl runs: status, pages, articles new/changed/gone
  govcorpus changes --db DB          what a run found: new, changed (a diff) and gone articles
  govcorpus stats --db DB            the corpus: articles per site and year, gone, failures
  govcorpus show --db DB URL|ID      one article: metadata, text, versions, WARC capture
  govcorpus export [flags]           write the articles as JSON Lines or Parquet
  govcorpus eval --truth F [flags]   score the extractor against a ground truth
  govcorpus demo [flags]             crawl an embedded sample site offline into demo.db
  govcorpus warc-get --db DB URL     print the archived HTTP response of URL's latest capture
  govcorpus wacz --db DB --out F     package the crawl's WARCs as a WACZ file
  govcorpus reextract --db DB        extract the archived pages again with today's extractor
  govcorpus merge --out DB SHARD...  merge the workers' shards of a shared-frontier crawl into one corpus
  govcorpus version                  print the version

Run "govcorpus COMMAND --help" for a command's flags.

Exit codes:
  0    finished cleanly
  1    could not run: bad flag or URL, unreadable or unwritable database
  2    no or unknown command
  3    finished, but some pages failed (see pages.error)
  4    crawl stopped at --time-limit; run the same command again to continue
  75   another crawl holds the database's lock; try again later (EX_TEMPFAIL)
  130  interrupted; run the same command again to resume
`

// env is what a command gets from the process, so tests can run commands
// in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	clock          clock // nil: the real one
	tty            bool  // stderr is a terminal: a live status line
}

func (e env) now() clock {
	if e.clock == nil {
		return realClock{}
	}
	return e.clock
}

func main() {
	// go-redis logs every failed dial to the shared frontier itself; the
	// crawl reports the failure once, in its own words.
	redis.SetLogger(silentLog{})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, tty: isTerminal(os.Stderr)})
	stop()
	os.Exit(code)
}

// silentLog discards go-redis's own log lines.
type silentLog struct{}

func (silentLog) Printf(context.Context, string, ...any) {}

func run(ctx context.Context, args []string, e env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "crawl":
		return runCrawl(ctx, rest, e)
	case "extract":
		return runExtract(ctx, rest, e)
	case "demo":
		return runDemo(ctx, rest, e)
	case "runs":
		return runRuns(ctx, rest, e)
	case "changes":
		return runChanges(ctx, rest, e)
	case "stats":
		return runStats(ctx, rest, e)
	case "show":
		return runShow(ctx, rest, e)
	case "export":
		return runExport(ctx, rest, e)
	case "eval":
		return runEval(ctx, rest, e)
	case "search":
		return runSearch(ctx, rest, e)
	case "warc-get":
		return runWarcGet(ctx, rest, e)
	case "wacz":
		return runWACZ(ctx, rest, e)
	case "reextract":
		return runReextract(ctx, rest, e)
	case "merge":
		return runMerge(ctx, rest, e)
	case "version", "--version", "-version":
		fmt.Fprintf(e.stdout, "govcorpus %s\n", version)
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(e.stdout, usage)
		return exitOK
	}
	fmt.Fprintf(e.stderr, "govcorpus: unknown command %q (run govcorpus --help)\n", cmd)
	return exitUsage
}

// failer returns a command's way out on bad input or a failure to run:
// one line on stderr naming the command, and exit 1.
func failer(e env, command string) func(format string, a ...any) int {
	return func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "govcorpus "+command+": "+format+"\n", a...)
		return exitCannotRun
	}
}

// parseFlags parses flags that may come before or after positional
// arguments ("crawl URL --db x.db" as well as "crawl --db x.db URL"), the
// way users type them. On -h it prints the usage to stdout.
func parseFlags(fs *flag.FlagSet, args []string, e env) (pos []string, code int, ok bool) {
	fs.SetOutput(io.Discard)
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return nil, exitOK, false
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "govcorpus %s: %v (see govcorpus %s --help)\n", fs.Name(), err, fs.Name())
			return nil, exitCannotRun, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, exitOK, true
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), exitOK, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// newLogger writes one line per event to stderr, each with its time (a
// night's crawl is read the next morning): text, or JSON for machines.
func newLogger(w io.Writer, level slog.Level, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// logLevel is the level of --quiet (quiet, which differs by command),
// --verbose or neither.
func logLevel(quiet, verbose bool, quietLevel slog.Level) slog.Level {
	switch {
	case verbose:
		return slog.LevelDebug
	case quiet:
		return quietLevel
	}
	return slog.LevelInfo
}
