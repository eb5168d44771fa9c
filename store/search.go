package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
)

// ErrNoFTS5 means the binary was built without SQLite's FTS5 module.
var ErrNoFTS5 = errors.New("this govcorpus binary was built without SQLite FTS5: rebuild with -tags sqlite_fts5 (make build)")

// ftsError turns SQLite's "no such module: fts5" into ErrNoFTS5, which
// says what to do about it.
func ftsError(err error) error {
	if err != nil && strings.Contains(err.Error(), "no such module: fts5") {
		return ErrNoFTS5
	}
	return err
}

// indexArticle decides, in the caller's transaction, whether an article
// is a duplicate of an earlier one (duplicates are left out of search),
// and queues its search entry to be rewritten by flushSearch. The queue row
// commits with the article, so a kill -9 can delay its indexing, never
// lose it; Search reads queued articles through meanwhile.
func (s *Store) indexArticle(ctx context.Context, tx *sql.Tx, a Article) error {
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE url = ?`, a.URL).Scan(&id); err != nil {
		return fmt.Errorf("index article %s: %w", a.URL, err)
	}
	var orig sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT MIN(id) FROM articles WHERE sha256 = ? AND sha256 != '' AND id != ? AND duplicate_of IS NULL`,
		a.SHA256, id).Scan(&orig)
	if err != nil {
		return fmt.Errorf("index article %s: %w", a.URL, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET duplicate_of = ? WHERE id = ?`, orig, id); err != nil {
		return fmt.Errorf("index article %s: %w", a.URL, err)
	}
	return s.queueSearch(ctx, tx, id)
}

// queueSearch marks article id's search entry as out of date: flushSearch
// replaces it with what the articles row then holds, or removes it.
func (s *Store) queueSearch(ctx context.Context, tx *sql.Tx, id int64) error {
	res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO search_queue (article_id) VALUES (?)`, id)
	if err != nil {
		return fmt.Errorf("queue article %d for search: %w", id, err)
	}
	if n, err := res.RowsAffected(); err == nil {
		s.queued.Add(n)
	}
	return nil
}

// searchBatch is how many queued articles make the writer index them. Each
// flush writes a few FTS5 segments (hashsize) that merge later with
// others; a segment per write transaction (a few dozen articles) had the
// index rewrite its pages many times over. A few thousand articles are
// indexed in 0.5 to 2 seconds, and bound what a search reads through
// (Search) before they are indexed.
const searchBatch = 4000

// flushSearch brings the search index up to date with the queued articles
// in one transaction: their old entries out, the originals' current text
// in, the queue emptied. Runs on the writer connection only.
func (s *Store) flushSearch(ctx context.Context) error {
	start := time.Now()
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("index queued articles: %w", err)
	}
	defer tx.Rollback()
	n, err := s.indexQueued(ctx, tx)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("index queued articles: %w", err)
	}
	s.queued.Add(-int64(n))
	if s.queued.Load() < 0 {
		s.queued.Store(0)
	}
	s.log.Debug("indexed queued articles for search", "articles", n, "took", time.Since(start))
	return nil
}

// searchedArticle is the condition on an articles row a (aliased so) for
// it to be in the search index: an original, or one whose text became that
// of a later article, which stays searchable under its earlier id.
const searchedArticle = `(a.duplicate_of IS NULL OR a.duplicate_of > a.id)`

// indexQueued indexes the queued articles in tx and returns how many.
// It reads them flushChunk at a time, so a flush holds a few of them in
// memory, not thousands; an entry is deleted first only when the index
// has one (its docsize row), which a new article's never has.
func (s *Store) indexQueued(ctx context.Context, tx *sql.Tx) (int, error) {
	type entry struct {
		id                int64
		searched, indexed bool
		title, text       sql.NullString
	}
	chunk := make([]entry, 0, flushChunk)
	n := 0
	for last := int64(-1 << 63); ; {
		rows, err := tx.QueryContext(ctx, `
SELECT q.article_id, a.id IS NOT NULL AND `+searchedArticle+`,
	EXISTS (SELECT 1 FROM articles_fts_docsize d WHERE d.id = q.article_id), a.title, a.text
FROM search_queue q LEFT JOIN articles a ON a.id = q.article_id
WHERE q.article_id > ? ORDER BY q.article_id LIMIT ?`, last, flushChunk)
		if err != nil {
			return n, fmt.Errorf("index queued articles: %w", err)
		}
		chunk = chunk[:0]
		for rows.Next() {
			var e entry
			if err := rows.Scan(&e.id, &e.searched, &e.indexed, &e.title, &e.text); err != nil {
				rows.Close()
				return n, fmt.Errorf("index queued articles: %w", err)
			}
			chunk = append(chunk, e)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return n, fmt.Errorf("index queued articles: %w", err)
		}
		if len(chunk) == 0 {
			break
		}
		for _, e := range chunk {
			if e.indexed {
				if _, err := tx.ExecContext(ctx, `DELETE FROM articles_fts WHERE rowid = ?`, e.id); err != nil {
					return n, fmt.Errorf("index article %d: %w", e.id, err)
				}
			}
			if !e.searched {
				continue
			}
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO articles_fts (rowid, title, text, title_folded, text_folded) VALUES (?, ?, ?, ?, ?)`,
				e.id, e.title.String, e.text.String, s.fold(e.title.String), s.fold(e.text.String)); err != nil {
				return n, fmt.Errorf("index article %d: %w", e.id, err)
			}
		}
		n += len(chunk)
		last = chunk[len(chunk)-1].id
		clear(chunk)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_queue`); err != nil {
		return n, fmt.Errorf("index queued articles: %w", err)
	}
	return n, nil
}

// flushChunk is how many queued articles a flush reads at a time: their
// texts and folded copies are all it holds in memory (a flush of 4,000 at
// once raised a 10,000-page crawl's peak RSS from 47 to 92 MB).
const flushChunk = 200

// reindexIfStale indexes what a killed process left queued, and rebuilds
// the search index when it does not cover every article: after the
// migration that created it, or when a user inserted articles by hand.
func (s *Store) reindexIfStale(ctx context.Context) error {
	var queued int64
	if err := s.wdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM search_queue`).Scan(&queued); err != nil {
		return fmt.Errorf("check search queue: %w", err)
	}
	if queued > 0 {
		s.queued.Store(queued)
		if err := s.flushSearch(ctx); err != nil {
			return err
		}
	}
	var arts, indexed int
	if err := s.wdb.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL), (SELECT COUNT(*) FROM articles_fts)`).
		Scan(&arts, &indexed); err != nil {
		return fmt.Errorf("check search index: %w", err)
	}
	if arts == indexed {
		return nil
	}
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM articles_fts`); err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	// Queueing every original and indexing the queue is the rebuild.
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO search_queue (article_id) SELECT id FROM articles WHERE duplicate_of IS NULL`); err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	if _, err := s.indexQueued(ctx, tx); err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	s.queued.Store(0)
	return nil
}

// Query is a search request.
type Query struct {
	Text  string // words, "quoted phrases", prefix* terms; AND/OR/NOT between them
	Site  string // only this host, when set
	Since string // only articles published on or after this date (YYYY-MM-DD), when set
	Limit int    // at most this many hits; 0 means 20
}

// Hit is one search result.
type Hit struct {
	ID        int64
	URL       string
	Site      string
	Title     string
	Published string
	Snippet   string // the best-matching passage, matched words in [brackets]
	Score     float64
}

// Search finds articles matching q, best first (bm25). A query matches the
// exact spelling and the folded one, so "lao dong", "lao động" and
// "LAO ĐỘNG" all find "lao động"; exact-spelling matches rank first,
// because folding merges distinct words (ma, má, mà, mả, mã, mạ).
func (s *Store) Search(ctx context.Context, q Query) ([]Hit, error) {
	raw, folded, terms, err := s.ftsQuery(q.Text)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	// One snapshot for the queue, the index and the articles: a flush
	// committing meanwhile can neither hide an article nor show it twice.
	tx, err := s.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("search %q in %q: %w", q.Text, s.path, err)
	}
	defer tx.Rollback()
	pending, err := s.readThrough(ctx, tx, q)
	if err != nil {
		return nil, fmt.Errorf("search %q in %q: %w", q.Text, s.path, ftsError(err))
	}
	if pending != nil {
		defer pending.db.Close()
	}
	// Two tiers: exact spellings first, then what only the folded text
	// matches. A query typed without diacritics asks for no exact
	// spelling, so it goes straight to the folded tier.
	var hits []Hit
	seen := map[int64]bool{}
	exact := s.fold(q.Text) != strings.ToLower(q.Text)
	for _, tier := range []struct {
		on   bool
		expr string
	}{
		{exact, "{title text} : (" + raw + ")"},
		{true, "{title_folded text_folded} : (" + folded + ")"},
	} {
		if !tier.on || len(hits) >= limit {
			continue
		}
		want := limit + len(hits)
		var found []Hit
		if pending != nil {
			// Queued articles' entries in the index are stale or missing:
			// they are ranked from the queue's index instead.
			want += len(pending.ids)
		}
		ids, scores, err := rank(ctx, tx, tier.expr, q, want)
		if err != nil {
			return nil, fmt.Errorf("search %q in %q: %w", q.Text, s.path, ftsError(err))
		}
		for i, id := range ids {
			if pending == nil || !pending.ids[id] {
				found = append(found, Hit{ID: id, Score: scores[i]})
			}
		}
		if pending != nil {
			ids, scores, err := rank(ctx, pending.db, tier.expr, Query{}, want)
			if err != nil {
				return nil, fmt.Errorf("search %q in %q: %w", q.Text, s.path, ftsError(err))
			}
			for i, id := range ids {
				found = append(found, Hit{ID: id, Score: scores[i]})
			}
			// bm25 of two indexes over different documents: comparable
			// enough to interleave a few thousand recent articles.
			slices.SortStableFunc(found, func(a, b Hit) int { return cmp.Compare(a.Score, b.Score) })
		}
		for _, h := range found {
			if !seen[h.ID] && len(hits) < limit {
				seen[h.ID] = true
				hits = append(hits, h)
			}
		}
	}
	for i := range hits {
		h := &hits[i]
		var url, site, title, pub, text sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT url, site, title, published, text FROM articles WHERE id = ?`, h.ID).
			Scan(&url, &site, &title, &pub, &text); err != nil {
			return nil, fmt.Errorf("search %q in %q: %w", q.Text, s.path, err)
		}
		h.URL, h.Site, h.Title, h.Published = url.String, site.String, title.String, pub.String
		h.Snippet = s.snippet(text.String, terms, 30)
	}
	return hits, nil
}

// queryer is what rank needs of a transaction or a database.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// rank returns the ids of the best matches of an FTS5 expression. Without
// filters FTS5 sorts by rank inside the index; a filter needs the join.
func rank(ctx context.Context, db queryer, expr string, q Query, limit int) (ids []int64, scores []float64, err error) {
	query := `SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?`
	args := []any{expr}
	if q.Site != "" || q.Since != "" {
		where := []string{"articles_fts MATCH ?"}
		if q.Site != "" {
			where = append(where, "a.site = ?")
			args = append(args, q.Site)
		}
		if q.Since != "" {
			where = append(where, "a.published >= ?")
			args = append(args, q.Since)
		}
		query = `SELECT articles_fts.rowid, articles_fts.rank FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
WHERE ` + strings.Join(where, " AND ") + ` ORDER BY articles_fts.rank LIMIT ?`
	}
	args = append(args, limit)
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var score float64
		if err := rows.Scan(&id, &score); err != nil {
			return nil, nil, err
		}
		ids, scores = append(ids, id), append(scores, score)
	}
	return ids, scores, rows.Err()
}

// pendingIndex is a search index, in memory, of the articles queued for
// the database's one (ids: every queued id, searched or not).
type pendingIndex struct {
	db  *sql.DB
	ids map[int64]bool
}

// readThrough indexes in memory the queued articles that match q's
// filters, so a search finds articles committed and not yet indexed (at
// most about searchBatch: the writer indexes them then). nil when the
// queue is empty, as it is once a crawl has closed its store.
func (s *Store) readThrough(ctx context.Context, tx *sql.Tx, q Query) (*pendingIndex, error) {
	rows, err := tx.QueryContext(ctx, `SELECT article_id FROM search_queue`)
	if err != nil {
		return nil, err
	}
	ids := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids[id] = true
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	query := `SELECT a.id, a.title, a.text FROM search_queue q JOIN articles a ON a.id = q.article_id WHERE ` + searchedArticle
	var args []any
	if q.Site != "" {
		query += ` AND a.site = ?`
		args = append(args, q.Site)
	}
	if q.Since != "" {
		query += ` AND a.published >= ?`
		args = append(args, q.Since)
	}
	// One connection: every connection to :memory: is a database of its own.
	mem, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return nil, err
	}
	mem.SetMaxOpenConns(1)
	mem.SetConnMaxLifetime(0)
	mem.SetConnMaxIdleTime(0)
	ok := false
	defer func() {
		if !ok {
			mem.Close()
		}
	}()
	// The database's index minus contentless: the same columns, tokenizer
	// and rank weights, so both rank alike.
	if _, err := mem.ExecContext(ctx, `
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, title_folded, text_folded, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.5, 1.0)')`); err != nil {
		return nil, err
	}
	arts, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer arts.Close()
	for arts.Next() {
		var id int64
		var title, text sql.NullString
		if err := arts.Scan(&id, &title, &text); err != nil {
			return nil, err
		}
		if _, err := mem.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, text, title_folded, text_folded) VALUES (?, ?, ?, ?, ?)`,
			id, title.String, text.String, s.fold(title.String), s.fold(text.String)); err != nil {
			return nil, err
		}
	}
	if err := arts.Err(); err != nil {
		return nil, err
	}
	ok = true
	return &pendingIndex{db: mem, ids: ids}, nil
}

// queryTerm is one word of a query, folded, for highlighting.
type queryTerm struct {
	folded string
	prefix bool
}

// ftsQuery turns a user's query into two FTS5 expressions, one over the
// raw columns and one folded, quoting every word so punctuation in a
// query ("Covid-19", "LĐ-TB&XH") never becomes FTS5 syntax.
func (s *Store) ftsQuery(text string) (raw, folded string, terms []queryTerm, err error) {
	var rawParts, foldParts []string
	rest := strings.TrimSpace(text)
	needOp := false
	for rest != "" {
		var word string
		phrase, prefix := false, false
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				word, rest = rest[1:], ""
			} else {
				word, rest = rest[1:end+1], rest[end+2:]
			}
			phrase = true
		} else {
			end := strings.IndexFunc(rest, unicode.IsSpace)
			if end < 0 {
				end = len(rest)
			}
			word, rest = rest[:end], rest[end:]
		}
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if !phrase {
			switch word {
			case "AND", "OR", "NOT":
				if needOp {
					rawParts = append(rawParts, word)
					foldParts = append(foldParts, word)
					needOp = false
				}
				continue
			}
			if strings.HasSuffix(word, "*") {
				word, prefix = strings.TrimRight(word, "*"), true
			}
		}
		words := tokens(word)
		if len(words) == 0 {
			continue
		}
		r := strings.Join(words, " ")
		f := strings.Join(tokens(s.fold(r)), " ")
		for _, w := range tokens(f) {
			terms = append(terms, queryTerm{folded: w})
		}
		if prefix && len(terms) > 0 {
			terms[len(terms)-1].prefix = true
		}
		star := ""
		if prefix {
			star = "*"
		}
		rawParts = append(rawParts, `"`+r+`"`+star)
		foldParts = append(foldParts, `"`+f+`"`+star)
		needOp = true
	}
	// A trailing operator has nothing to join.
	for len(rawParts) > 0 && isOp(rawParts[len(rawParts)-1]) {
		rawParts, foldParts = rawParts[:len(rawParts)-1], foldParts[:len(foldParts)-1]
	}
	if len(rawParts) == 0 {
		return "", "", nil, fmt.Errorf("empty search query %q", text)
	}
	return strings.Join(rawParts, " "), strings.Join(foldParts, " "), terms, nil
}

func isOp(s string) bool { return s == "AND" || s == "OR" || s == "NOT" }

// tokens splits text the way FTS5's unicode61 tokenizer does: runs of
// letters, digits and combining marks.
func tokens(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// snippet picks the window of about width words around the first query
// term in text, marking matched words in brackets. It works on words, so
// folding never shifts the marks; the text is folded once, and word by
// word only when folding changed the word count.
func (s *Store) snippet(text string, terms []queryTerm, width int) string {
	words := strings.Fields(text)
	folded := strings.Fields(s.fold(text))
	if len(folded) != len(words) {
		folded = folded[:0]
		for _, w := range words {
			folded = append(folded, s.fold(w))
		}
	}
	match := func(i int) bool {
		for _, f := range tokens(folded[i]) {
			for _, t := range terms {
				if f == t.folded || (t.prefix && strings.HasPrefix(f, t.folded)) {
					return true
				}
			}
		}
		return false
	}
	first := 0
	for i := range words {
		if match(i) {
			first = i
			break
		}
	}
	start := max(0, first-width/3)
	end := min(len(words), start+width)
	marked := make([]string, 0, end-start)
	for i := start; i < end; i++ {
		if match(i) {
			marked = append(marked, "["+words[i]+"]")
		} else {
			marked = append(marked, words[i])
		}
	}
	out := strings.Join(marked, " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(words) {
		out += "…"
	}
	return out
}
