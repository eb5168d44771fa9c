package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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

// indexArticle writes an article's search entry in the caller's
// transaction, so the index never disagrees with articles.
// A duplicate of an earlier article is marked and left out of the index.
func (s *Store) indexArticle(ctx context.Context, tx *sql.Tx, a Article) error {
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE url = ?`, a.URL).Scan(&id); err != nil {
		return fmt.Errorf("index article %s: %w", a.URL, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM articles_fts WHERE rowid = ?`, id); err != nil {
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
	if orig.Valid && orig.Int64 < id {
		return nil
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO articles_fts (rowid, title, text, title_folded, text_folded) VALUES (?, ?, ?, ?, ?)`,
		id, a.Title, a.Text, s.fold(a.Title), s.fold(a.Text)); err != nil {
		return fmt.Errorf("index article %s: %w", a.URL, err)
	}
	return nil
}

// reindexIfStale rebuilds the search index when it does not cover every
// article: after the migration that created it, or when a user inserted
// articles by hand.
func (s *Store) reindexIfStale(ctx context.Context) error {
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
	rows, err := tx.QueryContext(ctx, `SELECT id, title, text FROM articles WHERE duplicate_of IS NULL`)
	if err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	type entry struct {
		id          int64
		title, text string
	}
	var all []entry
	for rows.Next() {
		var e entry
		var title, text sql.NullString
		if err := rows.Scan(&e.id, &title, &text); err != nil {
			rows.Close()
			return fmt.Errorf("rebuild search index: %w", err)
		}
		e.title, e.text = title.String, text.String
		all = append(all, e)
	}
	rows.Close()
	for _, e := range all {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO articles_fts (rowid, title, text, title_folded, text_folded) VALUES (?, ?, ?, ?, ?)`,
			e.id, e.title, e.text, s.fold(e.title), s.fold(e.text)); err != nil {
			return fmt.Errorf("rebuild search index: %w", err)
		}
	}
	return tx.Commit()
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
		ids, scores, err := s.rank(ctx, tier.expr, q, limit+len(hits))
		if err != nil {
			return nil, fmt.Errorf("search %q in %q: %w", q.Text, s.path, ftsError(err))
		}
		for i, id := range ids {
			if !seen[id] && len(hits) < limit {
				seen[id] = true
				hits = append(hits, Hit{ID: id, Score: scores[i]})
			}
		}
	}
	for i := range hits {
		h := &hits[i]
		var url, site, title, pub, text sql.NullString
		if err := s.rdb.QueryRowContext(ctx, `SELECT url, site, title, published, text FROM articles WHERE id = ?`, h.ID).
			Scan(&url, &site, &title, &pub, &text); err != nil {
			return nil, fmt.Errorf("search %q in %q: %w", q.Text, s.path, err)
		}
		h.URL, h.Site, h.Title, h.Published = url.String, site.String, title.String, pub.String
		h.Snippet = s.snippet(text.String, terms, 30)
	}
	return hits, nil
}

// rank returns the ids of the best matches of an FTS5 expression. Without
// filters FTS5 sorts by rank inside the index; a filter needs the join.
func (s *Store) rank(ctx context.Context, expr string, q Query, limit int) (ids []int64, scores []float64, err error) {
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
	rows, err := s.rdb.QueryContext(ctx, query, args...)
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
