package postgres

import (
	"context"
	"fmt"

	"calcinosiskb/internal/kb"
)

const featureSQL = `
	SELECT id, slug, name, category, description, in_review
	FROM associated_features`

type featureRow struct {
	ID          int64  `db:"id"`
	Slug        string `db:"slug"`
	Name        string `db:"name"`
	Category    string `db:"category"`
	Description string `db:"description"`
	InReview    bool   `db:"in_review"`
}

func (r featureRow) rowID() int64 { return r.ID }

func buildFeature(r featureRow, evidence []kb.Finding) kb.AssociatedFeature {
	return kb.AssociatedFeature{
		Slug: r.Slug, Name: r.Name, Category: r.Category,
		Description: r.Description, InReview: r.InReview, Evidence: evidence,
	}
}

// AssociatedFeatures returns a page of associated features ordered by name, each with its
// evidence, and whether more follow. filter.Kind narrows by category.
func (s *Store) AssociatedFeatures(ctx context.Context, filter kb.ListFilter) ([]kb.AssociatedFeature, bool, error) {
	var w where
	if filter.Kind != "" {
		w.add("category = ?", filter.Kind)
	}
	features, more, err := listWithEvidence(ctx, s, featureSQL+byName(&w, filter.Page), w.args, filter.Page,
		featureFindings, buildFeature)
	if err != nil {
		return nil, false, fmt.Errorf("list associated features: %w", err)
	}
	return features, more, nil
}

// AssociatedFeature returns the feature with the given slug and its evidence,
// or an error wrapping kb.ErrNotFound.
func (s *Store) AssociatedFeature(ctx context.Context, slug string) (kb.AssociatedFeature, error) {
	return oneWithEvidence(ctx, s, featureSQL+"\n\tWHERE slug = $1", "associated feature", slug,
		featureFindings, buildFeature)
}
