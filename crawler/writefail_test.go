package crawler_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/demosite"
	"github.com/govcorpus/govcorpus/store"
	"github.com/govcorpus/govcorpus/warc"
	"github.com/govcorpus/govcorpus/warc/warctest"
)

// diskBudget is a disk that fills up: once after bytes have been written,
// the next writes fail with ENOSPC. failCount < 0 means forever; otherwise
// space is freed again after that many failures.
type diskBudget struct {
	mu        sync.Mutex
	after     int64
	failCount int
	written   int64
	failures  int
}

func (d *diskBudget) take(n int64) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.written+n > d.after && (d.failCount < 0 || d.failures < d.failCount) {
		d.failures++
		return fmt.Errorf("write: %w", syscall.ENOSPC)
	}
	d.written += n
	return nil
}

// fullArchive is a WARC writer on a disk that fills up.
type fullArchive struct {
	warc.ExchangeWriter
	disk *diskBudget
}

func (a fullArchive) WriteExchange(ctx context.Context, ex warc.Exchange) (warc.Location, error) {
	if err := a.disk.take(int64(len(ex.Request) + len(ex.Response))); err != nil {
		return warc.Location{}, err
	}
	return a.ExchangeWriter.WriteExchange(ctx, ex)
}

// fullStore is a database on a disk that fills up: Complete fails, as
// SQLite's "database or disk is full" does, once the budget is spent.
type fullStore struct {
	*store.Store
	disk *diskBudget
}

func (s fullStore) Complete(ctx context.Context, r store.Result) (bool, error) {
	// Re-extractions of pages already stored (template learning) go
	// through ApplyReextractions, which this store does not fill up: when
	// they fail the page keeps its first extraction, logged, which is not
	// what this test measures.
	n := int64(len(r.Page.URL))
	if r.Article != nil {
		n += int64(len(r.Article.Text))
	}
	if err := s.disk.take(n); err != nil {
		return false, fmt.Errorf("save page: %w", err)
	}
	return s.Store.Complete(ctx, r)
}

// archiveCrawl crawls the sample site into st with a fresh WARC writer in
// dir, the writer wrapped by wrap when set.
func archiveCrawl(t *testing.T, url, dir string, st crawler.Store, wrap func(warc.ExchangeWriter) warc.ExchangeWriter) (crawler.Stats, error) {
	t.Helper()
	w, err := warc.Open(dir, "test", warc.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(url + "/")
	cfg.Retries = 0
	cfg.WARC = w
	if wrap != nil {
		cfg.WARC = wrap(w)
	}
	stats, err := crawler.Crawl(context.Background(), cfg, st)
	if cerr := w.Close(); cerr != nil {
		t.Fatal(cerr)
	}
	// A write refused by a full disk leaves no trace in the files; the
	// folder is checked whole, as a resume's revisits refer to earlier files.
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	warctest.Check(t, files)
	return stats, err
}

// articleTexts reads the stored articles as URL → title and text.
func articleTexts(t *testing.T, st *store.Store) map[string]string {
	t.Helper()
	arts, err := st.Articles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string, len(arts))
	for _, a := range arts {
		out[a.URL] = a.Title + "\n" + a.Text
	}
	return out
}

// TestFullDiskLosesNothing: pages whose archive or database write failed
// are never marked done; the crawl says so (an error when writes keep
// failing, Errors otherwise), and a resume ends with the full corpus.
func TestFullDiskLosesNothing(t *testing.T) {
	srv := httptest.NewServer(demosite.Handler())
	t.Cleanup(srv.Close)
	base := openStore(t)
	if _, err := archiveCrawl(t, srv.URL, t.TempDir(), base, nil); err != nil {
		t.Fatal(err)
	}
	want := articleTexts(t, base)

	// The sample site archives about 170 KiB and stores about 40 KiB of
	// text: both disks fill up a third of the way through.
	const archiveFull, databaseFull = 40 << 10, 12 << 10
	tests := []struct {
		name      string
		fillAt    int64 // bytes written before the disk is full
		failCount int   // writes that fail; -1: every write once full
		archive   bool
		stopped   bool // the crawl must stop with ErrWritesFailing
	}{
		{"archive full for good", archiveFull, -1, true, true},
		{"database full for good", databaseFull, -1, false, true},
		{"archive full for two writes", archiveFull, 2, true, false},
		{"database full for two writes", databaseFull, 2, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "c.db")
			st, err := store.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			disk := &diskBudget{after: tc.fillAt, failCount: tc.failCount}
			var cs crawler.Store = st
			var wrap func(warc.ExchangeWriter) warc.ExchangeWriter
			if tc.archive {
				wrap = func(w warc.ExchangeWriter) warc.ExchangeWriter { return fullArchive{w, disk} }
			} else {
				cs = fullStore{st, disk}
			}
			stats, err := archiveCrawl(t, srv.URL, filepath.Join(dir, "warc"), cs, wrap)
			if stopped := errors.Is(err, crawler.ErrWritesFailing); stopped != tc.stopped {
				t.Fatalf("crawl error %v; want ErrWritesFailing: %v", err, tc.stopped)
			}
			if !tc.stopped && err != nil {
				t.Fatal(err)
			}
			if stats.Unstored == 0 || stats.Unstored != disk.failures || stats.Errors < stats.Unstored {
				t.Errorf("stats %+v after %d failed writes; want the pages not stored counted, as errors too", stats, disk.failures)
			}
			queued, leased, done, err := st.Counts(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			pages, err := st.Pages(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if done != len(pages) || leased != 0 || queued < stats.Unstored {
				t.Errorf("frontier %d queued, %d leased, %d done, %d pages rows, %d unstored; want done = rows, none leased, the unstored queued",
					queued, leased, done, len(pages), stats.Unstored)
			}
			for _, p := range pages {
				if p.Status > 0 && p.WarcFile == "" {
					t.Errorf("%s is stored without its archive record", p.URL)
				}
			}
			got := len(articleTexts(t, st))
			t.Logf("%s: %d writes failed, %d pages fetched, %d of %d articles stored, %d URLs queued", tc.name, disk.failures, stats.Pages, got, len(want), queued)

			// The disk has room again: the same crawl resumes.
			stats2, err := archiveCrawl(t, srv.URL, filepath.Join(dir, "warc"), st, nil)
			if err != nil {
				t.Fatalf("resume: %v", err)
			}
			gotAll := articleTexts(t, st)
			for p, text := range want {
				if gotAll[p] != text {
					t.Errorf("after the resume, article %s is missing or differs", p)
				}
			}
			if len(gotAll) != len(want) {
				t.Errorf("after the resume %d articles, want %d", len(gotAll), len(want))
			}
			t.Logf("%s: the resume fetched %d pages; %d articles", tc.name, stats2.Pages, len(gotAll))
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
