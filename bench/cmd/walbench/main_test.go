package main

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

func TestReplay(t *testing.T) {
	// Three commits: pages {1,2}, {2,3}, {1}.
	frames := []frame{{1, false}, {2, true}, {2, false}, {3, true}, {1, true}}
	tests := []struct {
		merge, ckpt         int
		wantWAL, wantCopied int
	}{
		{merge: 1, ckpt: 100, wantWAL: 5, wantCopied: 3}, // one checkpoint at the end: pages 1, 2, 3
		{merge: 1, ckpt: 2, wantWAL: 5, wantCopied: 5},   // {1,2}, then {2,3}, then {1} at the end
		{merge: 3, ckpt: 100, wantWAL: 3, wantCopied: 3}, // one commit of {1,2,3}
		{merge: 2, ckpt: 100, wantWAL: 4, wantCopied: 3}, // {1,2,3} then {1}
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("merge%d_ckpt%d", tt.merge, tt.ckpt), func(t *testing.T) {
			wal, copied := replay(frames, tt.merge, tt.ckpt, nil, nil)
			if wal != tt.wantWAL || copied != tt.wantCopied {
				t.Errorf("replay = %d frames, %d copied; want %d, %d", wal, copied, tt.wantWAL, tt.wantCopied)
			}
		})
	}
}

// TestReadWAL reads a WAL SQLite wrote and checks the frame count against
// SQLite's own.
func TestReadWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{`PRAGMA page_size = 1024`, `PRAGMA journal_mode = WAL`, `PRAGMA wal_autocheckpoint = 0`,
		`CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT UNIQUE)`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	const commits = 20
	for c := range commits {
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		for i := range 50 {
			if _, err := tx.Exec(`INSERT INTO t (s) VALUES (?)`, fmt.Sprintf("row %d of commit %d", i, c)); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	frames, pageSize, err := readWAL(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	var busy, logFrames, checkpointed int
	if err := db.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logFrames, &checkpointed); err != nil {
		t.Fatal(err)
	}
	if pageSize != 1024 || len(frames) != logFrames {
		t.Errorf("readWAL: %d frames of %d bytes; SQLite's WAL has %d of 1024", len(frames), pageSize, logFrames)
	}
	got := 0
	for _, f := range frames {
		if f.commit {
			got++
		}
	}
	if got < commits { // plus the CREATE TABLE's and the pragmas' own
		t.Errorf("readWAL found %d commit frames, want at least %d", got, commits)
	}
}
