package store

import (
	"context"
	"database/sql"
	"fmt"
)

// TemplateSample is one page's text-block fingerprints, counted into its
// host's template statistics.
type TemplateSample struct {
	Host         string
	Fingerprints []uint64 // each once
}

// TemplateStats is what the store knows of one host's template: on how
// many pages each block fingerprint appeared, out of Pages.
type TemplateStats struct {
	Pages  int
	Counts map[uint64]int
}

func addTemplateSample(ctx context.Context, tx *sql.Tx, t *TemplateSample) error {
	if t == nil || t.Host == "" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `
INSERT INTO template_hosts (host, pages) VALUES (?, 1)
ON CONFLICT (host) DO UPDATE SET pages = pages + 1`, t.Host); err != nil {
		return fmt.Errorf("count template of %s: %w", t.Host, err)
	}
	stmt, err := tx.PrepareContext(ctx, `
INSERT INTO template_blocks (host, fingerprint, pages) VALUES (?, ?, 1)
ON CONFLICT (host, fingerprint) DO UPDATE SET pages = pages + 1`)
	if err != nil {
		return fmt.Errorf("count template of %s: %w", t.Host, err)
	}
	defer stmt.Close()
	for _, fp := range t.Fingerprints {
		// SQLite integers are signed: the bits are kept, the sign is not meant.
		if _, err := stmt.ExecContext(ctx, t.Host, int64(fp)); err != nil {
			return fmt.Errorf("count template of %s: %w", t.Host, err)
		}
	}
	return nil
}

// SaveTemplates replaces the stored template statistics of the given
// hosts. A crawl keeps its counts in memory and saves them now and then,
// instead of writing every page's blocks with the page.
func (s *Store) SaveTemplates(ctx context.Context, stats map[string]TemplateStats) error {
	return s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO template_blocks (host, fingerprint, pages) VALUES (?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("save templates: %w", err)
		}
		defer stmt.Close()
		for host, t := range stats {
			if _, err := tx.ExecContext(ctx, `
INSERT INTO template_hosts (host, pages) VALUES (?, ?)
ON CONFLICT (host) DO UPDATE SET pages = excluded.pages`, host, t.Pages); err != nil {
				return fmt.Errorf("save template of %s: %w", host, err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM template_blocks WHERE host = ?`, host); err != nil {
				return fmt.Errorf("save template of %s: %w", host, err)
			}
			for fp, n := range t.Counts {
				if _, err := stmt.ExecContext(ctx, host, int64(fp), n); err != nil {
					return fmt.Errorf("save template of %s: %w", host, err)
				}
			}
		}
		return nil
	})
}

// Templates loads every host's template statistics, for a crawl to start
// with what earlier runs learned.
func (s *Store) Templates(ctx context.Context) (map[string]TemplateStats, error) {
	out := map[string]TemplateStats{}
	rows, err := s.rdb.QueryContext(ctx, `SELECT host, pages FROM template_hosts`)
	if err != nil {
		return nil, fmt.Errorf("read templates from %q: %w", s.path, err)
	}
	for rows.Next() {
		var host string
		var pages int
		if err := rows.Scan(&host, &pages); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read templates from %q: %w", s.path, err)
		}
		out[host] = TemplateStats{Pages: pages, Counts: map[uint64]int{}}
	}
	rows.Close()
	rows, err = s.rdb.QueryContext(ctx, `SELECT host, fingerprint, pages FROM template_blocks`)
	if err != nil {
		return nil, fmt.Errorf("read templates from %q: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var host string
		var fp int64
		var n int
		if err := rows.Scan(&host, &fp, &n); err != nil {
			return nil, fmt.Errorf("read templates from %q: %w", s.path, err)
		}
		if t, ok := out[host]; ok {
			t.Counts[uint64(fp)] = n
		}
	}
	return out, rows.Err()
}

// SiteModels loads every host's site model as stored by SaveSiteModels.
func (s *Store) SiteModels(ctx context.Context) (map[string][]byte, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT host, model FROM site_models`)
	if err != nil {
		return nil, fmt.Errorf("read site models from %q: %w", s.path, err)
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var host string
		var b []byte
		if err := rows.Scan(&host, &b); err != nil {
			return nil, fmt.Errorf("read site models from %q: %w", s.path, err)
		}
		out[host] = b
	}
	return out, rows.Err()
}

// SaveSiteModels replaces the stored site models of the given hosts.
func (s *Store) SaveSiteModels(ctx context.Context, models map[string][]byte) error {
	return s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for host, b := range models {
			if _, err := tx.ExecContext(ctx, `
INSERT INTO site_models (host, model) VALUES (?, ?)
ON CONFLICT (host) DO UPDATE SET model = excluded.model`, host, b); err != nil {
				return fmt.Errorf("save site model of %s: %w", host, err)
			}
		}
		return nil
	})
}
