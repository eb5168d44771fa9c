package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Run is one crawl invocation as recorded in the runs table.
type Run struct {
	ID         int64
	StartedAt  time.Time
	FinishedAt time.Time // zero while running, or if the process died
	Seeds      []string
	Stats      RunStats
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
		res, err := tx.ExecContext(ctx, `INSERT INTO runs (started_at, seeds) VALUES (?, ?)`, formatTime(started), string(js))
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
		res, err := tx.ExecContext(ctx, `UPDATE runs SET finished_at = ?, pages = ?, new_articles = ?, errors = ?, cut = ? WHERE id = ?`,
			formatTime(finished), st.Pages, st.NewArticles, st.Errors, st.Cut, id)
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
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, started_at, finished_at, seeds, pages, new_articles, errors, cut FROM runs ORDER BY id`)
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
		if err := rows.Scan(&r.ID, &started, &finished, &seeds, &r.Stats.Pages, &r.Stats.NewArticles, &r.Stats.Errors, &r.Stats.Cut); err != nil {
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
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read runs from %q: %w", s.path, err)
	}
	return out, nil
}
