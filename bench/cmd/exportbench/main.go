// Command exportbench measures govcorpus export on a large synthetic
// corpus: wall time and peak resident memory of the govcorpus binary, run
// as a child process so its figures are its own.
//
//	make build && cd bench && go run -tags sqlite_fts5 ./cmd/exportbench -n 1000000
//
// The corpus (-db, built on first use and reused while it holds -n
// articles) has Vietnamese-like articles of about 400 words over 20
// sites, a quarter of them undated, and one in a hundred republished by
// another site with its own header, footer and an edited sentence.
package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/govcorpus/govcorpus/neardup/neartest"
	"github.com/govcorpus/govcorpus/store"
)

func main() {
	n := flag.Int("n", 1_000_000, "articles in the synthetic corpus")
	db := flag.String("db", filepath.Join(os.TempDir(), "govcorpus-exportbench.db"), "synthetic corpus `path` (built when it lacks -n articles)")
	bin := flag.String("bin", "../bin/govcorpus", "govcorpus `binary` to measure (make build)")
	flag.Parse()
	ctx := context.Background()
	if err := ensureCorpus(ctx, *db, *n); err != nil {
		log.Fatal(err)
	}
	out, err := os.MkdirTemp("", "exportbench-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(out)
	runs := []struct {
		name, out string
		args      []string
	}{
		{"parquet, 256MB shards (exact dedup, clusters marked)", "ds", []string{"--format", "parquet", "--shard-size", "256MB"}},
		{"parquet, 256MB shards, --dedup near", "near", []string{"--format", "parquet", "--shard-size", "256MB", "--dedup", "near"}},
		{"JSON Lines to a file", "c.jsonl", nil},
	}
	fmt.Printf("| export of %d articles | wall time | CPU (user+sys) | peak RSS | output |\n|---|---:|---:|---:|---:|\n", *n)
	for _, r := range runs {
		dest := filepath.Join(out, r.out)
		cmd := exec.Command(*bin, append([]string{"export", "--db", *db, "--out", dest}, r.args...)...)
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			log.Fatalf("%s: %v", r.name, err)
		}
		wall := time.Since(start)
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		// Maxrss is in KiB on Linux.
		fmt.Printf("| %s | %.0f s | %.0f s | %d MB | %d MB |\n", r.name, wall.Seconds(), cpu.Seconds(), ru.Maxrss/1024, du(dest)/1e6)
	}
}

// du is the size of a file, or of every file under a folder.
func du(path string) int64 {
	var total int64
	filepath.Walk(path, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			total += fi.Size()
		}
		return nil
	})
	return total
}

// ensureCorpus builds the synthetic corpus unless path already holds n
// articles. Rows go straight into the articles table in large
// transactions: export reads nothing else, and a crawl's per-page writes
// would take hours for a million.
func ensureCorpus(ctx context.Context, path string, n int) error {
	if have, err := count(path); err == nil && have == n {
		return nil
	}
	os.Remove(path)
	st, err := store.Open(ctx, path) // creates the schema
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", path+"?_journal_mode=WAL&_synchronous=OFF")
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	const batch = 20_000
	fetched := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for done := 0; done < n; done += batch {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO articles (url, site, title, published, published_raw, text, lang, words, sha256, fetched_at)
VALUES (?, ?, ?, ?, ?, ?, 'vi', ?, ?, ?)`)
		if err != nil {
			return err
		}
		for i := done; i < min(done+batch, n); i++ {
			site := fmt.Sprintf("so%02d.example.gov.vn", i%20)
			body := neartest.Article(uint64(i))
			text := strings.Join(body, " ")
			if i%100 == 99 { // republished: the previous article, copied
				_, text = neartest.Republished(neartest.Article(uint64(i - 1)))
			}
			var pub, raw string
			switch i % 4 {
			case 0: // undated
			case 1:
				pub = time.Date(2015+i%11, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
				raw = "Ngày " + pub
			default:
				pub = time.Date(2015+i%11, time.Month(1+i%12), 1+i%28, 8+i%10, i%60, 0, 0, time.FixedZone("", 7*3600)).Format(time.RFC3339)
				raw = "Cập nhật " + pub
			}
			sum := sha256.Sum256([]byte(text))
			if _, err := stmt.ExecContext(ctx, fmt.Sprintf("https://%s/tin-tuc/%d.html", site, i), site, body[0], pub, raw, text,
				len(strings.Fields(text)), hex.EncodeToString(sum[:]), fetched.Add(time.Duration(i)*time.Second).Format(time.RFC3339Nano)); err != nil {
				return err
			}
		}
		if err := errors.Join(stmt.Close(), tx.Commit()); err != nil {
			return err
		}
		if done%200_000 == 0 {
			log.Printf("corpus: %d of %d articles (%s)", done, n, time.Since(start).Round(time.Second))
		}
	}
	log.Printf("corpus: %d articles in %s", n, time.Since(start).Round(time.Second))
	return nil
}

func count(path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRow(`SELECT COUNT(*) FROM articles`).Scan(&n)
	return n, err
}
