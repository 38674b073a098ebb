package postgres

import (
	"context"
	"fmt"

	"calcinosiskb/internal/kb"
)

const mechanismSQL = `
	SELECT id, slug, name, description, support, animal_models, genes, in_review
	FROM mechanisms`

type mechanismRow struct {
	ID           int64    `db:"id"`
	Slug         string   `db:"slug"`
	Name         string   `db:"name"`
	Description  string   `db:"description"`
	Support      string   `db:"support"`
	AnimalModels []string `db:"animal_models"`
	Genes        []string `db:"genes"`
	InReview     bool     `db:"in_review"`
}

func (r mechanismRow) rowID() int64 { return r.ID }

func buildMechanism(r mechanismRow, evidence []kb.Finding) kb.Mechanism {
	return kb.Mechanism{
		Slug: r.Slug, Name: r.Name, Description: r.Description, Support: r.Support,
		AnimalModels: r.AnimalModels, Genes: r.Genes, InReview: r.InReview, Evidence: evidence,
	}
}

// Mechanisms returns a page of proposed mechanisms ordered by name, each with its evidence,
// and whether more follow. filter.Kind narrows by kind of support.
func (s *Store) Mechanisms(ctx context.Context, filter kb.ListFilter) ([]kb.Mechanism, bool, error) {
	var w where
	if filter.Kind != "" {
		w.add("support = ?", filter.Kind)
	}
	mechanisms, more, err := listWithEvidence(ctx, s, mechanismSQL+byName(&w, filter.Page), w.args, filter.Page,
		mechanismFindings, buildMechanism)
	if err != nil {
		return nil, false, fmt.Errorf("list mechanisms: %w", err)
	}
	return mechanisms, more, nil
}

// Mechanism returns the mechanism with the given slug and its evidence,
// or an error wrapping kb.ErrNotFound.
func (s *Store) Mechanism(ctx context.Context, slug string) (kb.Mechanism, error) {
	return oneWithEvidence(ctx, s, mechanismSQL+"\n\tWHERE slug = $1", "mechanism", slug,
		mechanismFindings, buildMechanism)
}
