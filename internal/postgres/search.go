package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"calcinosiskb/internal/kb"
)

// searchSQL ranks every kind of record against a query; the ranking itself is the
// search_hits function of the schema, so that collections filter by the same rules.
const searchSQL = `
	SELECT h.kind, h.slug, h.name, h.synonyms, h.snippet, h.score
	FROM search_hits($1) AS h
	ORDER BY h.score DESC, h.name, h.slug
	LIMIT $2`

type searchRow struct {
	Kind     string   `db:"kind"`
	Slug     string   `db:"slug"`
	Name     string   `db:"name"`
	Synonyms []string `db:"synonyms"`
	Snippet  string   `db:"snippet"`
	Score    float64  `db:"score"`
}

// Search returns at most limit records of any kind that q matches, best first.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]kb.SearchHit, error) {
	rows, err := s.pool.Query(ctx, searchSQL, q, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, classify(err))
	}
	found, err := pgx.CollectRows(rows, pgx.RowToStructByName[searchRow])
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, classify(err))
	}
	hits := make([]kb.SearchHit, len(found))
	for i, r := range found {
		hits[i] = kb.SearchHit{
			Subject:  kb.Subject{Type: r.Kind, Slug: r.Slug, Name: r.Name},
			Synonyms: r.Synonyms, Snippet: r.Snippet, Score: r.Score,
		}
	}
	return hits, nil
}
