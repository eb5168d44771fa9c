// Command walbench shows where a crawl's disk writes go: which tables and
// indexes of the SQLite database the write-ahead log (WAL) frames belong
// to, and what other commit and checkpoint sizes would have written.
//
// It crawls the synthetic department site (bench/crawlsite) on 127.0.0.1
// with the built govcorpus binary, as crawlbench does, while it holds a
// read transaction open from the start. SQLite cannot reset the WAL past a
// reader's snapshot, so the WAL keeps every frame the crawl committed, in
// order. After the crawl it reads each frame's page number, checkpoints the
// database, maps page numbers to tables and indexes with SQLite's dbstat
// table, and replays the frame sequence with other commit and checkpoint
// sizes.
//
//	go run -tags sqlite_dbstat ./cmd/walbench                 # 100k pages
//	go run -tags sqlite_dbstat ./cmd/walbench -pages 10000
//
// The figures are of the frames, not of write_bytes (crawlbench measures
// those): one frame is a page plus its 24-byte header in the WAL, and a
// checkpoint copies each page the WAL holds once. Because the WAL grows to
// the whole crawl, the crawl's reads are slower than usual and its commits
// somewhat larger, so the frame counts are a little lower than a normal
// crawl's.
package main

import (
	"bufio"
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/govcorpus/govcorpus/bench/crawlsite"
)

func main() {
	pages := flag.Int("pages", 100000, "pages of the synthetic site")
	bin := flag.String("govcorpus", "../bin/govcorpus", "the govcorpus binary (make build)")
	dir := flag.String("dir", "", "work folder for the database (default: a temporary folder, removed after)")
	flag.Parse()
	if err := run(context.Background(), *pages, *bin, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "walbench:", err)
		os.Exit(1)
	}
}

// walCheckpointBytes is govcorpus's checkpoint size
// (store.walCheckpointBytes): the per-table figures replay it.
const walCheckpointBytes = 256 << 20

func run(ctx context.Context, pages int, bin, dir string) error {
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("govcorpus binary: %w (run make build at the repository root)", err)
	}
	if dir == "" {
		d, err := os.MkdirTemp("", "walbench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	db := filepath.Join(dir, "crawl.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(db + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: crawlsite.New(pages)}
	go srv.Serve(ln)
	defer srv.Close()

	cmd := exec.CommandContext(ctx, bin, "crawl", "--db", db, "--delay", "0", "--parallel", "4",
		"--max-pages-per-host", "0", "--quiet", "http://"+ln.Addr().String()+"/")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	reader, err := holdReader(ctx, db)
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return err
	}
	werr := cmd.Wait()
	wall := time.Since(start)
	if werr != nil {
		var ee *exec.ExitError
		if !errors.As(werr, &ee) || ee.ExitCode() != 3 {
			_ = reader.Rollback()
			return fmt.Errorf("govcorpus: %w: %s", werr, strings.TrimSpace(stderr.String()))
		}
	}

	frames, pageSize, err := readWAL(db + "-wal")
	if err != nil {
		_ = reader.Rollback()
		return err
	}
	if err := reader.Rollback(); err != nil {
		return err
	}
	names, dbBytes, err := pageNames(ctx, db)
	if err != nil {
		return err
	}
	report(os.Stdout, pages, wall, frames, pageSize, names, dbBytes)
	return nil
}

// holdReader waits for the crawl to create its schema, then opens a read
// transaction on it and returns it still open.
func holdReader(ctx context.Context, path string) (*sql.Tx, error) {
	rdb, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		return nil, err
	}
	rdb.SetMaxOpenConns(1)
	deadline := time.Now().Add(time.Minute)
	for {
		tx, err := rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err == nil {
			var n int
			if err = tx.QueryRowContext(ctx, `SELECT count(*) FROM frontier`).Scan(&n); err == nil {
				return tx, nil
			}
			_ = tx.Rollback()
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("the crawl made no database at %s within a minute: %w", path, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// frame is one WAL frame: the page it holds, and whether it ends a commit.
type frame struct {
	page   uint32
	commit bool
}

// readWAL reads the frame headers of a WAL file, up to the first frame
// with another salt (left from before a reset) or a short read.
func readWAL(path string) ([]frame, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	hdr := make([]byte, 32)
	if _, err := io.ReadFull(r, hdr); err != nil {
		return nil, 0, fmt.Errorf("read the WAL header of %s: %w", path, err)
	}
	pageSize := int(binary.BigEndian.Uint32(hdr[8:12]))
	salt := binary.BigEndian.Uint32(hdr[16:20])
	fh := make([]byte, 24)
	var frames []frame
	for {
		if _, err := io.ReadFull(r, fh); err != nil {
			break
		}
		if _, err := r.Discard(pageSize); err != nil {
			break
		}
		if binary.BigEndian.Uint32(fh[8:12]) != salt {
			break
		}
		frames = append(frames, frame{binary.BigEndian.Uint32(fh[0:4]), binary.BigEndian.Uint32(fh[4:8]) != 0})
	}
	return frames, pageSize, nil
}

// pageNames checkpoints the database and names the table or index that
// owns each page, from dbstat.
func pageNames(ctx context.Context, path string) (map[uint32]string, int64, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		return nil, 0, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return nil, 0, fmt.Errorf("checkpoint %s: %w", path, err)
	}
	rows, err := db.QueryContext(ctx, `SELECT pageno, name FROM dbstat`)
	if err != nil {
		return nil, 0, fmt.Errorf("read dbstat (build with -tags sqlite_dbstat): %w", err)
	}
	defer rows.Close()
	names := map[uint32]string{}
	for rows.Next() {
		var p uint32
		var n string
		if err := rows.Scan(&p, &n); err != nil {
			return nil, 0, err
		}
		names[p] = n
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, 0, err
	}
	return names, fi.Size(), nil
}

// replay is what the frame sequence would have written with commits of
// merge consecutive commits each and a checkpoint whenever the WAL holds
// ckpt frames: the WAL frames (each commit writes each page it changed
// once) and the pages the checkpoints copy (each page once per
// checkpoint), the last at the end. wrote and copied, when not nil, are
// called with the page of each WAL frame and of each copy.
func replay(frames []frame, merge, ckpt int, wrote, copied func(page uint32)) (wal, copies int) {
	group := map[uint32]bool{}
	sinceCkpt := map[uint32]bool{}
	inWAL, commits := 0, 0
	write := func() {
		for p := range group {
			sinceCkpt[p] = true
			if wrote != nil {
				wrote(p)
			}
		}
		wal += len(group)
		inWAL += len(group)
		clear(group)
	}
	checkpoint := func() {
		for p := range sinceCkpt {
			if copied != nil {
				copied(p)
			}
		}
		copies += len(sinceCkpt)
		clear(sinceCkpt)
		inWAL = 0
	}
	for _, f := range frames {
		group[f.page] = true
		if !f.commit {
			continue
		}
		if commits++; commits%merge != 0 {
			continue
		}
		write()
		if inWAL >= ckpt {
			checkpoint()
		}
	}
	write()
	checkpoint()
	return wal, copies
}

func report(w io.Writer, pages int, wall time.Duration, frames []frame, pageSize int, names map[uint32]string, dbBytes int64) {
	frameBytes := int64(pageSize + 24)
	bytes := func(wal, copied int) int64 { return int64(wal)*frameBytes + int64(copied)*int64(pageSize) }
	commits := 0
	for _, f := range frames {
		if f.commit {
			commits++
		}
	}
	fmt.Fprintf(w, "%d pages crawled in %s: %d commits, %d WAL frames (%.0f MB); database %.0f MB\n\n",
		pages, wall.Round(time.Second), commits, len(frames), mb(bytes(len(frames), 0)), mb(dbBytes))

	// Frames and checkpoint copies per table or index, as the crawl ran.
	walBy, ckptBy, size := map[string]int{}, map[string]int{}, map[string]int{}
	for _, n := range names {
		size[n]++
	}
	replay(frames, 1, walCheckpointBytes/pageSize,
		func(p uint32) { walBy[nameOf(names, p)]++ },
		func(p uint32) { ckptBy[nameOf(names, p)]++ })
	type row struct {
		name             string
		wal, ckpt, pages int
	}
	var rows []row
	for n, c := range walBy {
		rows = append(rows, row{n, c, ckptBy[n], size[n]})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(b.wal+b.ckpt, a.wal+a.ckpt) })
	fmt.Fprintln(w, "| table or index | pages at the end | WAL frames | per crawled page | checkpoint copies (256 MB) | written ÷ its size |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		ratio := "–"
		if r.pages > 0 {
			ratio = fmt.Sprintf("%.1f", float64(r.wal+r.ckpt)/float64(r.pages))
		}
		fmt.Fprintf(w, "| %s | %d | %d | %.2f | %d | %s |\n", r.name, r.pages, r.wal, float64(r.wal)/float64(pages), r.ckpt, ratio)
	}

	fmt.Fprintln(w, "\nReplayed with other commit and checkpoint sizes (WAL frames + checkpoint copies, ÷ the database):")
	fmt.Fprintln(w, "\n| commits | checkpoint at | WAL | copied | written ÷ database |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|")
	for _, merge := range []int{1, 4, 16} {
		for _, ckptMB := range []int{64, 256, 1024} {
			wal, copied := replay(frames, merge, ckptMB<<20/pageSize, nil, nil)
			fmt.Fprintf(w, "| %d× as large | %d MB | %.0f MB | %.0f MB | %.2f |\n", merge, ckptMB,
				mb(bytes(wal, 0)), mb(bytes(0, copied)), float64(bytes(wal, copied))/float64(dbBytes))
		}
	}
}

// nameOf is the owner of page p at the end of the crawl; pages freed
// since (search-index merges free theirs) are on the freelist.
func nameOf(names map[uint32]string, p uint32) string {
	if n, ok := names[p]; ok {
		return n
	}
	return "(freelist)"
}

func mb(b int64) float64 { return float64(b) / 1e6 }
