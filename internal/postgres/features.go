package postgres

import (
	"context"
	"fmt"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/synthesis"
)

var featureSQL = `
	SELECT af.id, af.slug, af.name, af.synonyms, af.category, af.description, af.in_review, fc.consistency,` +
	releasedColumns("associated-features", "af.slug", "") + `
	FROM associated_features AS af
	JOIN feature_consistency AS fc ON fc.associated_feature_id = af.id`

type featureRow struct {
	ID          int64    `db:"id"`
	Slug        string   `db:"slug"`
	Name        string   `db:"name"`
	Synonyms    []string `db:"synonyms"`
	Category    string   `db:"category"`
	Description string   `db:"description"`
	InReview    bool     `db:"in_review"`
	Consistency string   `db:"consistency"`
	releasedRow
}

func (r featureRow) rowID() int64 { return r.ID }

func buildFeature(r featureRow, evidence []kb.Finding) kb.AssociatedFeature {
	effects, strongest := synthesis.Effects(evidence)
	return kb.AssociatedFeature{
		Released: r.released(),
		Slug:     r.Slug, Name: r.Name, Synonyms: r.Synonyms, Category: r.Category,
		Description: r.Description, InReview: r.InReview, Consistency: r.Consistency,
		Effects: effects, StrongestAdjusted: strongest, Evidence: evidence,
	}
}

// AssociatedFeatures returns a page of associated features ordered by name, each with its
// evidence, and whether more follow. filter.Kind narrows by category, filter.Q by search.
func (s *Store) AssociatedFeatures(ctx context.Context, filter kb.ListFilter) ([]kb.AssociatedFeature, bool, error) {
	var w where
	if filter.Kind != "" {
		w.add("af.category = ?", filter.Kind)
	}
	matching(&w, "af.slug", "associated_feature", filter.Q)
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
	return oneWithEvidence(ctx, s, featureSQL+"\n\tWHERE af.slug = $1", "associated-features", "associated feature", slug,
		featureFindings, buildFeature)
}
