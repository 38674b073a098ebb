package postgres

import (
	"context"
	"fmt"

	"calcinosiskb/internal/kb"
)

var presentationSQL = `
	SELECT id, slug, name, synonyms, kind, description,` +
	releasedColumns("clinical-presentation", "presentation_items.slug", "") + `
	FROM presentation_items`

type presentationRow struct {
	ID          int64    `db:"id"`
	Slug        string   `db:"slug"`
	Name        string   `db:"name"`
	Synonyms    []string `db:"synonyms"`
	Kind        string   `db:"kind"`
	Description string   `db:"description"`
	releasedRow
}

func (r presentationRow) rowID() int64 { return r.ID }

func buildPresentation(r presentationRow, evidence []kb.Finding) kb.PresentationItem {
	return kb.PresentationItem{Released: r.released(), Slug: r.Slug, Name: r.Name, Synonyms: r.Synonyms, Kind: r.Kind, Description: r.Description, Evidence: evidence}
}

// PresentationItems returns a page of clinical-presentation items (sites and complications)
// ordered by name, each with its evidence, and whether more follow. filter.Kind narrows by
// kind, filter.Q by search.
func (s *Store) PresentationItems(ctx context.Context, filter kb.ListFilter) ([]kb.PresentationItem, bool, error) {
	var w where
	if filter.Kind != "" {
		w.add("kind = ?", filter.Kind)
	}
	matching(&w, "slug", "presentation_item", filter.Q)
	items, more, err := listWithEvidence(ctx, s, presentationSQL+byName(&w, filter.Page), w.args, filter.Page,
		presentationFindings, buildPresentation)
	if err != nil {
		return nil, false, fmt.Errorf("list presentation items: %w", err)
	}
	return items, more, nil
}

// PresentationItem returns the item with the given slug and its evidence, or an error wrapping kb.ErrNotFound.
func (s *Store) PresentationItem(ctx context.Context, slug string) (kb.PresentationItem, error) {
	return oneWithEvidence(ctx, s, presentationSQL+"\n\tWHERE slug = $1", "clinical-presentation", "presentation item", slug,
		presentationFindings, buildPresentation)
}
