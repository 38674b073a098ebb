package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/testdb"
)

// searchPerQuery is search_hits as migration 000013 defined it, computing every record's
// document on every search: the reference the stored index must rank exactly as.
const searchPerQuery = `
CREATE FUNCTION pg_temp.search_per_query(q text)
RETURNS TABLE (kind text, slug text, name text, synonyms text[], snippet text, score real)
LANGUAGE sql STABLE
AS $$
    WITH query AS (
        SELECT websearch_to_tsquery('english', q) AS every_word,
               websearch_to_tsquery('english', regexp_replace(q, '\s+', ' or ', 'g')) AS any_word
    ),
    scored AS (
        SELECT d.kind, d.slug, d.name, d.synonyms, d.body,
               setweight(to_tsvector('english', d.name), 'A')
                   || setweight(to_tsvector('english', array_to_string(d.synonyms, ' ')), 'B')
                   || setweight(to_tsvector('english', d.body), 'C') AS document,
               word_similarity(q, d.name || ' ' || array_to_string(d.synonyms, ' ')) AS similarity
        FROM search_documents AS d
    )
    SELECT s.kind, s.slug, s.name, s.synonyms,
           ts_headline('english', s.name || '. ' || s.body, query.any_word,
                       'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=1'),
           ((ts_rank(s.document, query.any_word)
               + ts_rank(s.document, query.every_word)
               + s.similarity)
               * CASE WHEN s.kind = 'source' THEN 0.5 ELSE 1 END)::real
    FROM scored AS s, query
    WHERE s.document @@ query.any_word
       OR s.similarity >= 0.45
$$`

// hitsOf returns every row sql gives for q, as text, in a fixed order.
func hitsOf(t *testing.T, conn *pgx.Conn, sql, q string) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(), `SELECT h::text FROM (`+sql+`) AS h ORDER BY h.score DESC, h.name, h.slug`, q)
	require.NoError(t, err, q)
	hits, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err, q)
	return hits
}

// TestSearchHits_SameAsComputedPerQuery compares search_hits, over the stored index, with the
// per-query computation it replaces, on several hundred queries: every record's name and
// synonyms, words of their bodies, misspellings, several words, and websearch syntax. Every
// column must be equal: kind, slug, name, synonyms, snippet and score.
func TestSearchHits_SameAsComputedPerQuery(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	_, err = conn.Exec(ctx, searchPerQuery)
	require.NoError(t, err)

	rows, err := conn.Query(ctx, `SELECT name, array_to_string(synonyms, ' '), body FROM search_documents ORDER BY kind, slug`)
	require.NoError(t, err)
	queries := []string{"digital ulcers", "warfrin", "calcinosis", `"sodium thiosulfate"`, "surgery -laser",
		"bisphosphonate or minocycline", "CREST", "ssc", "x", "", "   ", "the", "a b c", "ulcr digitl",
		"diltiazem 2", "calcinosis cutis universalis", "ñandú", "1.5", "'quoted'", "a-b", "(paren)", "c++"}
	for rows.Next() {
		var name, synonyms, body string
		require.NoError(t, rows.Scan(&name, &synonyms, &body))
		words := strings.Fields(body)
		queries = append(queries, name, synonyms, strings.Join(words[:min(3, len(words))], " "))
		if len(name) > 4 {
			queries = append(queries, name[:len(name)-2], name[1:]) // misspelt: truncated, first letter lost
		}
	}
	require.NoError(t, rows.Err())
	require.Greater(t, len(queries), 300)

	matched := 0
	for _, q := range queries {
		want := hitsOf(t, conn.Conn(), `SELECT * FROM pg_temp.search_per_query($1)`, q)
		got := hitsOf(t, conn.Conn(), `SELECT * FROM search_hits($1)`, q)
		require.Equal(t, want, got, "q=%q", q)
		if len(got) > 0 {
			matched++
		}
	}
	assert.Greater(t, matched, len(queries)/2, "most queries find something, so the comparison covers ranking and snippets")
}

// TestSearchIndex_FollowsContentChanges changes records every way a statement can (insert,
// update of the text, renames of slugs, delete, truncate) and checks after each
// that the stored index holds exactly what the documents give.
func TestSearchIndex_FollowsContentChanges(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()
	stale := func(step string) {
		t.Helper()
		var n int
		require.NoError(t, pool.QueryRow(ctx, `
			WITH fresh AS (
				SELECT d.kind, d.slug, d.name, d.synonyms, d.body,
				       d.name || ' ' || array_to_string(d.synonyms, ' ') AS names,
				       setweight(to_tsvector('english', d.name), 'A')
				           || setweight(to_tsvector('english', array_to_string(d.synonyms, ' ')), 'B')
				           || setweight(to_tsvector('english', d.body), 'C') AS document
				FROM search_documents AS d
			)
			SELECT count(*) FROM (
				(SELECT * FROM fresh EXCEPT ALL SELECT * FROM search_index)
				UNION ALL
				(SELECT * FROM search_index EXCEPT ALL SELECT * FROM fresh)
			) AS differences`).Scan(&n), step)
		assert.Zero(t, n, "%s: rows of the index that differ from the documents", step)
	}
	exec := func(step, sql string) {
		t.Helper()
		_, err := pool.Exec(ctx, sql)
		require.NoError(t, err, step)
		stale(step)
	}
	stale("as migrated")
	exec("insert", `INSERT INTO mechanisms (slug, name, description, support, in_review, synonyms)
		VALUES ('test-crystal-growth', 'Test crystal growth', 'Hydroxyapatite grows on collagen.', 'hypothesis', false, '{TCG}')`)
	exec("update of the text", `UPDATE mechanisms SET description = 'Apatite nucleates on elastin.', synonyms = '{}' WHERE slug = 'test-crystal-growth'`)
	exec("rename", `UPDATE mechanisms SET slug = 'test-crystal-nucleation' WHERE slug = 'test-crystal-growth'`)
	exec("rename of many", `UPDATE presentation_items SET slug = slug || '-renamed'`)
	exec("update of many", `UPDATE sources SET title = title || ' (updated)'`)
	exec("delete", `DELETE FROM mechanisms WHERE slug = 'test-crystal-nucleation'`)
	exec("truncate", `TRUNCATE sources CASCADE`)
	var sources int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM search_index WHERE kind = 'source'`).Scan(&sources))
	assert.Zero(t, sources, "truncated sources leave the index")
}
