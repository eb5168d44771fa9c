package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// Run is one crawl invocation as recorded in the runs table.
type Run struct {
	ID         int64
	StartedAt  time.Time
	FinishedAt time.Time // zero while running, or if the process died
	Seeds      []string
	Stats      RunStats // as the crawl reported them when it ended
	// PID is the process that ran it, 0 for runs recorded before
	// govcorpus kept it; with the crawl lock it tells a running crawl
	// from a killed one.
	PID int
	// Counts are tallied as each page is stored, so a killed run has
	// them too.
	Counts RunCounts
}

// RunCounts is what one run found, counted as it stored each page.
type RunCounts struct {
	Pages     int // fetches recorded (robots.txt refusals left out)
	Failed    int // of them, with an error: network, HTTP >= 400, extraction
	New       int // articles not in the corpus before
	Changed   int // articles fetched again with another text or title (a version kept)
	Unchanged int // articles fetched again with the same text and title, 304s included
	Gone      int // articles whose page answered 404 or 410
	Back      int // gone articles whose page answered again
}

// StartRun records a new run and makes it the run stamped on pages and
// articles written from now on (see SetRun).
func (s *Store) StartRun(ctx context.Context, seeds []string, started time.Time) (int64, error) {
	if seeds == nil {
		seeds = []string{}
	}
	js, err := json.Marshal(seeds)
	if err != nil {
		return 0, fmt.Errorf("start run: encode seeds: %w", err)
	}
	var id int64
	err = s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO runs (started_at, seeds, pid) VALUES (?, ?, ?)`,
			formatTime(started), string(js), os.Getpid())
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	s.SetRun(id)
	return id, nil
}

// FinishRun records the end time and totals of run id.
func (s *Store) FinishRun(ctx context.Context, id int64, finished time.Time, st RunStats) error {
	err := s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE runs SET finished_at = ?, pages = ?, new_articles = ?, errors = ?, cut = ?, interrupted = ? WHERE id = ?`,
			formatTime(finished), st.Pages, st.NewArticles, st.Errors, st.Cut, st.Interrupted, id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("no such run")
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	return nil
}

// Runs returns every recorded run, oldest first.
func (s *Store) Runs(ctx context.Context) ([]Run, error) {
	counts, err := s.allRunCounts(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, started_at, finished_at, seeds, pages, new_articles, errors, cut, interrupted, pid FROM runs ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read runs from %q: %w", s.path, err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var (
			r                 Run
			started, finished sql.NullString
			seeds             string
		)
		if err := rows.Scan(&r.ID, &started, &finished, &seeds, &r.Stats.Pages, &r.Stats.NewArticles, &r.Stats.Errors, &r.Stats.Cut,
			&r.Stats.Interrupted, &r.PID); err != nil {
			return nil, fmt.Errorf("read runs from %q: %w", s.path, err)
		}
		if r.StartedAt, err = parseTime(started); err != nil {
			return nil, fmt.Errorf("read run %d: %w", r.ID, err)
		}
		if r.FinishedAt, err = parseTime(finished); err != nil {
			return nil, fmt.Errorf("read run %d: %w", r.ID, err)
		}
		if err := json.Unmarshal([]byte(seeds), &r.Seeds); err != nil {
			return nil, fmt.Errorf("read run %d: decode seeds: %w", r.ID, err)
		}
		r.Counts = counts[r.ID]
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read runs from %q: %w", s.path, err)
	}
	return out, nil
}

// RunCounts returns what run id found so far: pages stored and failed,
// articles new, changed, unchanged, gone and back. A crawl's end summary
// reads it; it is as complete for a killed run as the pages it stored.
func (s *Store) RunCounts(ctx context.Context, id int64) (RunCounts, error) {
	all, err := s.runCounts(ctx, ` WHERE run_id = ?`, id)
	if err != nil {
		return RunCounts{}, err
	}
	return all[id], nil
}

func (s *Store) allRunCounts(ctx context.Context) (map[int64]RunCounts, error) {
	return s.runCounts(ctx, ` WHERE run_id IS NOT NULL`)
}

// runCounts reads the tallies of the runs where (a WHERE clause on
// run_id) selects, from run_counts and article_changes.
func (s *Store) runCounts(ctx context.Context, where string, args ...any) (map[int64]RunCounts, error) {
	rows, err := s.rdb.QueryContext(ctx, `
SELECT run_id, kind, n FROM run_counts`+where+`
UNION ALL
SELECT run_id, kind, COUNT(*) FROM article_changes`+where+` GROUP BY run_id, kind`, append(args, args...)...)
	if err != nil {
		return nil, fmt.Errorf("count runs in %q: %w", s.path, err)
	}
	defer rows.Close()
	out := map[int64]RunCounts{}
	for rows.Next() {
		var (
			id   int64
			kind string
			n    int
		)
		if err := rows.Scan(&id, &kind, &n); err != nil {
			return nil, fmt.Errorf("count runs in %q: %w", s.path, err)
		}
		c := out[id]
		switch kind {
		case countPages:
			c.Pages = n
		case countFailed:
			c.Failed = n
		case countUnchanged:
			c.Unchanged = n
		case ChangeNew:
			c.New = n
		case ChangeChanged:
			c.Changed = n
		case ChangeGone:
			c.Gone = n
		case ChangeBack:
			c.Back = n
		}
		out[id] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count runs in %q: %w", s.path, err)
	}
	return out, nil
}
