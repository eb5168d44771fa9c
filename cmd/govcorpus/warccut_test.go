package main

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/demosite"
	"github.com/govcorpus/govcorpus/warc"
)

// warcPointer is where a pages row says its capture is.
type warcPointer struct {
	url, final, file string
	offset, length   int64
}

func warcPointers(t *testing.T, db string) []warcPointer {
	t.Helper()
	conn, err := sql.Open("sqlite3", db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT url, COALESCE(final_url, ''), warc_file, warc_offset, warc_length FROM pages WHERE warc_file != '' ORDER BY warc_file, warc_offset`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []warcPointer
	for rows.Next() {
		var p warcPointer
		if err := rows.Scan(&p.url, &p.final, &p.file, &p.offset, &p.length); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCutWARCIsRecaptured cuts the last WARC file in the middle of a
// record, once after a clean close (its index still lists the lost
// records) and once as a crash leaves it (no index). The resumed crawl
// fetches every page whose record was cut again, and afterwards every
// pages pointer reads back as the record of its URL.
func TestCutWARCIsRecaptured(t *testing.T) {
	// firstPages is where the first crawl stops: enough pages for a few
	// records after the cut, fewer than the sample site has.
	const firstPages = 12
	for _, tc := range []struct {
		name      string
		dropIndex bool
	}{
		{"closed file cut by a copy", false},
		{"file cut by a crash", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newCountingServer(t, demosite.Handler(), 0)
			dir := t.TempDir()
			db, warcDir := filepath.Join(dir, "c.db"), filepath.Join(dir, "warc")
			// Stopped short, so the next run resumes rather than recrawls
			// (a recrawl would refetch every page anyway).
			crawlArchived(t, db, warcDir, []string{"--max-pages", strconv.Itoa(firstPages)}, srv.URL+"/")
			before := srv.counts()

			ptrs := warcPointers(t, db)
			files := warcFiles(t, warcDir)
			last := files[len(files)-1]
			var inLast []warcPointer
			for _, p := range ptrs {
				if p.file == last {
					inLast = append(inLast, p)
				}
			}
			if len(inLast) < 4 {
				t.Fatalf("only %d pages in the last WARC file; the test needs a few", len(inLast))
			}
			torn := inLast[len(inLast)/2]
			cutAt := torn.offset + torn.length/2
			if err := os.Truncate(last, cutAt); err != nil {
				t.Fatal(err)
			}
			if tc.dropIndex {
				if err := os.Remove(last + ".cdxj"); err != nil {
					t.Fatal(err)
				}
			}
			var cut []string
			for _, p := range inLast {
				if p.offset+p.length > cutAt {
					cut = append(cut, p.url)
				}
			}

			crawlArchived(t, db, warcDir, nil, srv.URL+"/")
			t.Logf("%d of %d pages had their record in the cut region", len(cut), len(ptrs))
			again := subtract(srv.counts(), before)
			for _, u := range cut {
				pu, err := url.Parse(u)
				if err != nil {
					t.Fatal(err)
				}
				if again[pu.RequestURI()] == 0 {
					t.Errorf("%s lost its record in the cut but was not fetched again", u)
				}
			}
			after := warcPointers(t, db)
			if len(after) < len(ptrs) {
				t.Errorf("%d pages point into the archive after the resume, %d before", len(after), len(ptrs))
			}
			for _, p := range after {
				rec, err := warc.ReadRecordAt(p.file, p.offset)
				if err != nil {
					t.Errorf("%s: pointer %s@%d: %v", p.url, filepath.Base(p.file), p.offset, err)
					continue
				}
				if got := rec.Header.Get("WARC-Target-URI"); got != p.final && got != p.url {
					t.Errorf("%s: the record at %s@%d is of %s", p.url, filepath.Base(p.file), p.offset, got)
				}
				if typ := rec.Type(); !slices.Contains([]string{"response", "revisit"}, typ) {
					t.Errorf("%s: pointer to a %s record", p.url, typ)
				}
			}
		})
	}
}

// TestCorruptWARCNamed: warc-get and wacz on a WARC file damaged in the
// middle exit non-zero with one line naming the file and the offset of
// the damaged record.
func TestCorruptWARCNamed(t *testing.T) {
	srv := newCountingServer(t, demosite.Handler(), 0)
	dir := t.TempDir()
	db, warcDir := filepath.Join(dir, "c.db"), filepath.Join(dir, "warc")
	crawlArchived(t, db, warcDir, nil, srv.URL+"/")
	ptrs := warcPointers(t, db)
	victim := ptrs[len(ptrs)/2]
	f, err := os.OpenFile(victim.file, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Garbage over the record's gzip member: its header and data.
	if _, err := f.WriteAt([]byte(strings.Repeat("\x00garbage", 8)), victim.offset); err != nil {
		t.Fatal(err)
	}
	f.Close()
	offset := strconv.FormatInt(victim.offset, 10)

	for _, args := range [][]string{
		{"warc-get", "--db", db, victim.url},
		{"wacz", "--db", db, "--out", filepath.Join(dir, "out.wacz")},
	} {
		code, _, stderr := runCmd(context.Background(), args...)
		t.Logf("%s: exit %d: %s", args[0], code, strings.TrimSpace(stderr))
		if code == exitOK {
			t.Errorf("%s on a corrupt WARC: exit 0", args[0])
		}
		if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, victim.file) || !strings.Contains(stderr, offset) {
			t.Errorf("%s: stderr %q; want one line naming %s and offset %s", args[0], stderr, victim.file, offset)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out.wacz")); err == nil {
		t.Error("wacz wrote a package of a corrupt WARC")
	}
}
