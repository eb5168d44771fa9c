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
		return fmt.Errorf("%w (%v)", ErrNoFTS5, err)
	}
	return err
}

// indexArticle writes an article's search entry in the caller's
// transaction, so the index never disagrees with articles.
func (s *Store) indexArticle(ctx context.Context, tx *sql.Tx, a Article) error {
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE url = ?`, a.URL).Scan(&id); err != nil {
		return fmt.Errorf("index article %s: %w", a.URL, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM articles_fts WHERE rowid = ?`, id); err != nil {
		return fmt.Errorf("index article %s: %w", a.URL, err)
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
	if err := s.wdb.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM articles_fts)`).
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
	rows, err := tx.QueryContext(ctx, `SELECT id, title, text FROM articles`)
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
	where, args := []string{"articles_fts MATCH ?"}, []any{
		fmt.Sprintf("({title text} : (%s)) OR ({title_folded text_folded} : (%s))", raw, folded),
	}
	if q.Site != "" {
		where = append(where, "a.site = ?")
		args = append(args, q.Site)
	}
	if q.Since != "" {
		where = append(where, "a.published >= ?")
		args = append(args, q.Since)
	}
	args = append(args, limit)
	// Column weights: an exact-spelling hit outweighs a folded-only one,
	// and a title hit outweighs a body hit.
	rows, err := s.rdb.QueryContext(ctx, `
SELECT a.id, a.url, a.site, a.title, a.published, a.text, bm25(articles_fts, 10.0, 4.0, 2.5, 1.0) AS score
FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
WHERE `+strings.Join(where, " AND ")+`
ORDER BY score LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("search %q in %q: %w", q.Text, s.path, ftsError(err))
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		var site, title, pub, text sql.NullString
		if err := rows.Scan(&h.ID, &h.URL, &site, &title, &pub, &text, &h.Score); err != nil {
			return nil, fmt.Errorf("search %q in %q: %w", q.Text, s.path, err)
		}
		h.Site, h.Title, h.Published = site.String, title.String, pub.String
		h.Snippet = s.snippet(text.String, terms, 30)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q in %q: %w", q.Text, s.path, err)
	}
	return hits, nil
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
// folding never shifts the marks.
func (s *Store) snippet(text string, terms []queryTerm, width int) string {
	words := strings.Fields(text)
	match := func(w string) bool {
		for _, f := range tokens(s.fold(w)) {
			for _, t := range terms {
				if f == t.folded || (t.prefix && strings.HasPrefix(f, t.folded)) {
					return true
				}
			}
		}
		return false
	}
	first := -1
	marked := make([]string, len(words))
	for i, w := range words {
		marked[i] = w
		if match(w) {
			marked[i] = "[" + w + "]"
			if first < 0 {
				first = i
			}
		}
	}
	if first < 0 {
		first = 0
	}
	start := max(0, first-width/3)
	end := min(len(words), start+width)
	out := strings.Join(marked[start:end], " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(words) {
		out += "…"
	}
	return out
}
