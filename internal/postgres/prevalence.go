package postgres

import (
	"context"
	"fmt"

	"calcinosiskb/internal/kb"
)

var prevalenceSQL = `
	SELECT p.id, p.slug, p.cohort, p.kind, p.design, p.definition, p.n, p.cases,
	       p.percent, p.approximate, p.statement,` + sourceColumns + `,` +
	releasedColumns("prevalence", "p.slug", "") + `
	FROM prevalence_estimates AS p
	JOIN sources AS s ON s.id = p.source_id`

type prevalenceRow struct {
	ID          int64   `db:"id"`
	Slug        string  `db:"slug"`
	Cohort      string  `db:"cohort"`
	Kind        string  `db:"kind"`
	Design      string  `db:"design"`
	Definition  string  `db:"definition"`
	N           *int    `db:"n"`
	Cases       *int    `db:"cases"`
	Percent     float64 `db:"percent"`
	Approximate bool    `db:"approximate"`
	Statement   string  `db:"statement"`
	sourceRow
	releasedRow
}

func (r prevalenceRow) rowID() int64 { return r.ID }

func buildEstimate(r prevalenceRow, evidence []kb.Finding) kb.PrevalenceEstimate {
	return kb.PrevalenceEstimate{
		Released: r.released(),
		Slug:     r.Slug, Cohort: r.Cohort, Kind: r.Kind, Design: r.Design, Definition: r.Definition,
		N: r.N, Cases: r.Cases, Percent: r.Percent, Approximate: r.Approximate,
		Statement: r.Statement, Source: r.source(), Evidence: evidence,
	}
}

// Prevalence returns a page of prevalence estimates that search query q matches (all when q is
// empty), the largest cohorts first and the review's summary figure last, and whether more follow.
func (s *Store) Prevalence(ctx context.Context, q string, page kb.Page) ([]kb.PrevalenceEstimate, bool, error) {
	var w where
	matching(&w, "p.slug", "prevalence_estimate", q)
	if page.After != nil {
		// The summary figure has no cohort size and ranks as 0, after every cohort.
		w.add("(coalesce(p.n, 0), p.slug) < (?, ?)", page.After.Rank, page.After.Slug)
	}
	sql := fmt.Sprintf("%s\n\t%s\n\tORDER BY coalesce(p.n, 0) DESC, p.slug DESC\n\tLIMIT %d",
		prevalenceSQL, &w, page.Limit+1)
	estimates, more, err := listWithEvidence(ctx, s, sql, w.args, page, prevalenceFindings, buildEstimate)
	if err != nil {
		return nil, false, fmt.Errorf("list prevalence estimates: %w", err)
	}
	return estimates, more, nil
}

// PrevalenceEstimate returns the estimate with the given slug and its findings, or an error
// wrapping kb.ErrNotFound.
func (s *Store) PrevalenceEstimate(ctx context.Context, slug string) (kb.PrevalenceEstimate, error) {
	return oneWithEvidence(ctx, s, prevalenceSQL+"\n\tWHERE p.slug = $1", "prevalence", "prevalence estimate", slug,
		prevalenceFindings, buildEstimate)
}
