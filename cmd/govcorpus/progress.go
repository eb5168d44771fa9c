package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/govcorpus/govcorpus/crawler"
)

// clock is the time a command sees; tests give a fake one so progress
// lines come at their interval without sleeping.
type clock interface {
	Now() time.Time
	// Ticker ticks every d until stop is called.
	Ticker(d time.Duration) (ticks <-chan time.Time, stop func())
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }
func (realClock) Ticker(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTicker(d)
	return t.C, t.Stop
}

// barRefresh is how often the terminal's status line is redrawn: often
// enough to look live, rarely enough to cost nothing.
const barRefresh = time.Second

// isTerminal reports whether w is a terminal, where a live status line
// belongs; a pipe, a file or cron's mail gets timestamped lines instead.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// progress reports a running crawl: a live status line on a terminal, a
// log line every interval elsewhere.
type progress struct {
	mon     *crawler.Monitor
	clock   clock
	log     *slog.Logger
	started time.Time
	bar     *progressbar.ProgressBar // nil off a terminal
	bw      *barWriter               // the log's writer, which shares the bar; nil off a terminal
	stop    chan struct{}
	done    sync.WaitGroup
	once    sync.Once
}

// startProgress starts reporting; interval <= 0 reports nothing. With bw
// (a terminal) the status line is drawn on w, redrawn every barRefresh,
// and bw, the logger's writer, clears it before each log line.
func startProgress(ctx context.Context, mon *crawler.Monitor, c clock, log *slog.Logger, bw *barWriter, w io.Writer, interval time.Duration) *progress {
	p := &progress{mon: mon, clock: c, log: log, started: c.Now(), stop: make(chan struct{})}
	if interval <= 0 {
		return p
	}
	if bw != nil {
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionSetElapsedTime(false),
			progressbar.OptionSetPredictTime(false),
			progressbar.OptionClearOnFinish(),
		)
		bw.setBar(p.bar)
		p.bw = bw
		interval = barRefresh
	}
	ticks, stopTicker := c.Ticker(interval)
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		defer stopTicker()
		for {
			select {
			case at := <-ticks:
				p.report(ctx, at)
			case <-p.stop:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return p
}

// finish stops reporting, once a report under way is written.
func (p *progress) finish() {
	p.once.Do(func() {
		close(p.stop)
		p.done.Wait()
		if p.bar != nil {
			p.bw.with(func() { _ = p.bar.Finish() })
		}
	})
}

// report writes one progress line for the tick at: the elapsed time is
// the tick's, not the time the queue's count comes back from the database
// (a busy crawl's writes can hold that up).
func (p *progress) report(ctx context.Context, at time.Time) {
	s, err := p.mon.Snapshot(ctx)
	if err != nil {
		p.log.Warn("progress: could not count the queue", "error", err)
	}
	elapsed := at.Sub(p.started)
	rate := 0.0
	if secs := elapsed.Seconds(); secs > 0 {
		rate = float64(s.Pages) / secs
	}
	eta := etaOf(s, rate)
	if p.bar != nil {
		desc := fmt.Sprintf("%d done, %d queued, %.1f pages/s, %d hosts, %d errors, %s", s.Pages, s.Queued, rate, s.HostsActive, s.Errors, elapsed.Round(time.Second))
		if eta > 0 {
			desc += ", ETA " + eta.Round(time.Second).String()
		}
		p.bw.with(func() {
			p.bar.Describe(desc)
			_ = p.bar.Set(s.Pages)
		})
		return
	}
	attrs := []any{"pages", s.Pages, "queued", s.Queued, "rate", fmt.Sprintf("%.1f/s", rate),
		"hosts", s.HostsActive, "errors", s.Errors, "new_articles", s.NewArticles, "elapsed", elapsed.Round(time.Second).String()}
	if eta > 0 {
		attrs = append(attrs, "eta", eta.Round(time.Second).String())
	}
	p.log.Info("progress", attrs...)
}

// etaOf is the time left when the run is bounded (a page budget), at the
// rate so far; 0 when unknown.
func etaOf(s crawler.Snapshot, rate float64) time.Duration {
	if s.Budget <= 0 || rate <= 0 {
		return 0
	}
	left := min(s.Budget-s.Pages, s.Queued)
	if left <= 0 {
		return 0
	}
	return time.Duration(float64(left) / rate * float64(time.Second))
}

// barWriter clears the status line before a log line is written over it.
type barWriter struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
	w   io.Writer
}

func (b *barWriter) setBar(bar *progressbar.ProgressBar) {
	b.mu.Lock()
	b.bar = bar
	b.mu.Unlock()
}

// with runs f holding the writer's lock: the bar is not safe for
// concurrent use, and a log line clears it from another goroutine.
func (b *barWriter) with(f func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f()
}

func (b *barWriter) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil {
		_ = b.bar.Clear()
	}
	return b.w.Write(p)
}
