package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Capture is one response archived in a WARC file: what the archive's
// dedup asks about ("have we stored these bytes for this URL before?") and
// where a revisit record must point.
type Capture struct {
	URL           string
	PayloadDigest string // WARC-Payload-Digest, e.g. "sha1:…"
	File          string // WARC file path
	Offset        int64  // of the response or revisit record
	Length        int64
	Date          time.Time // WARC-Date of the record
	RecordID      string    // WARC-Record-ID
	Revisit       bool      // a revisit record, not a full response
}

// AddCapture remembers an archived response.
func (s *Store) AddCapture(ctx context.Context, c Capture) error {
	run := nullInt(s.run.Load())
	err := s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
INSERT INTO captures (url, payload_digest, warc_file, warc_offset, warc_length, warc_date, record_id, revisit, run_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.URL, c.PayloadDigest, c.File, c.Offset, c.Length, formatTime(c.Date), c.RecordID, c.Revisit, run)
		return err
	})
	if err != nil {
		return fmt.Errorf("record capture of %s: %w", c.URL, err)
	}
	return nil
}

// OriginalCapture finds the latest full response archived for url with the
// given payload digest: the record a revisit refers to. ok is false when
// there is none.
func (s *Store) OriginalCapture(ctx context.Context, url, digest string) (c Capture, ok bool, err error) {
	return s.oneCapture(ctx, url, `url = ? AND payload_digest = ? AND revisit = 0 ORDER BY id DESC`, url, digest)
}

// LatestResponse finds the newest full response archived for url,
// whatever its digest: the content a 304 Not Modified confirms. ok is
// false when there is none.
func (s *Store) LatestResponse(ctx context.Context, url string) (c Capture, ok bool, err error) {
	return s.oneCapture(ctx, url, `url = ? AND revisit = 0 ORDER BY id DESC`, url)
}

// CaptureByRecordID finds the capture of url whose WARC-Record-ID is id:
// the record a revisit's WARC-Refers-To names.
func (s *Store) CaptureByRecordID(ctx context.Context, url, id string) (c Capture, ok bool, err error) {
	return s.oneCapture(ctx, url, `url = ? AND record_id = ? ORDER BY id DESC`, url, id)
}

// CaptureAt finds the capture of url whose record starts at offset in
// file: the record a page row points at.
func (s *Store) CaptureAt(ctx context.Context, url, file string, offset int64) (c Capture, ok bool, err error) {
	return s.oneCapture(ctx, url, `url = ? AND warc_file = ? AND warc_offset = ? ORDER BY id DESC`, url, file, offset)
}

// oneCapture returns the first capture matching where (which orders it);
// url only names the lookup in errors.
func (s *Store) oneCapture(ctx context.Context, url, where string, args ...any) (c Capture, ok bool, err error) {
	var date sql.NullString
	err = s.rdb.QueryRowContext(ctx, `
SELECT url, payload_digest, warc_file, warc_offset, warc_length, warc_date, record_id, revisit
FROM captures WHERE `+where+` LIMIT 1`, args...).
		Scan(&c.URL, &c.PayloadDigest, &c.File, &c.Offset, &c.Length, &date, &c.RecordID, &c.Revisit)
	if errors.Is(err, sql.ErrNoRows) {
		return Capture{}, false, nil
	}
	if err != nil {
		return Capture{}, false, fmt.Errorf("look up capture of %s: %w", url, err)
	}
	if c.Date, err = parseTime(date); err != nil {
		return Capture{}, false, fmt.Errorf("look up capture of %s: %w", url, err)
	}
	return c, true, nil
}

// LatestCapture returns the newest archived record for url whose page row
// points at it, for warc-get: the response or revisit of the last fetch.
func (s *Store) LatestCapture(ctx context.Context, url string) (c Capture, ok bool, err error) {
	err = s.rdb.QueryRowContext(ctx, `
SELECT url, warc_file, warc_offset, warc_length FROM pages
WHERE (url = ? OR final_url = ?) AND warc_file != ''
ORDER BY fetched_at DESC LIMIT 1`, url, url).Scan(&c.URL, &c.File, &c.Offset, &c.Length)
	if errors.Is(err, sql.ErrNoRows) {
		return Capture{}, false, nil
	}
	if err != nil {
		return Capture{}, false, fmt.Errorf("look up capture of %s: %w", url, err)
	}
	return c, true, nil
}

// WARCFiles lists every WARC file the archive index knows, in the order
// they were first written.
func (s *Store) WARCFiles(ctx context.Context) ([]string, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT warc_file FROM captures GROUP BY warc_file ORDER BY MIN(id)`)
	if err != nil {
		return nil, fmt.Errorf("list WARC files in %q: %w", s.path, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, fmt.Errorf("list WARC files in %q: %w", s.path, err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// lostPages selects the pages whose archive pointer no longer leads to
// content: into the cut region (?1 file, ?2 offset), or at a revisit whose
// original response was cut (a revisit holds no body of its own).
const lostPages = `
SELECT url FROM pages WHERE warc_file = ?1 AND warc_offset >= ?2
UNION
SELECT p.url FROM pages p JOIN captures r ON r.warc_file = p.warc_file AND r.warc_offset = p.warc_offset
WHERE r.revisit = 1 AND NOT EXISTS (
	SELECT 1 FROM captures o WHERE o.url = r.url AND o.payload_digest = r.payload_digest AND o.revisit = 0
	AND NOT (o.warc_file = ?1 AND o.warc_offset >= ?2))`

// ForgetArchiveFrom forgets every record at or after offset in file, the
// region a WARC repair cut off (offset 0: the whole file): the captures
// go, the pages that pointed there, or at a revisit of a response there,
// lose their pointer and validators (so the next fetch is unconditional
// and archives the page anew), and their URLs are queued again. It
// returns how many pages were requeued.
func (s *Store) ForgetArchiveFrom(ctx context.Context, file string, offset int64) (int, error) {
	var n int64
	err := s.do(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE frontier SET state = 'queued', updated_at = ?3 WHERE url IN (`+lostPages+`)`,
			file, offset, formatTime(time.Now()))
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
UPDATE pages SET warc_file = '', warc_offset = 0, warc_length = 0, etag = '', last_modified = ''
WHERE url IN (`+lostPages+`)`, file, offset); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM captures WHERE warc_file = ? AND warc_offset >= ?`, file, offset)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("forget archive records of %s from offset %d: %w", file, offset, err)
	}
	return int(n), nil
}
