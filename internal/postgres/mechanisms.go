package postgres

import (
	"context"
	"fmt"

	"calcinosiskb/internal/kb"
)

var mechanismSQL = `
	SELECT m.id, m.slug, m.name, m.synonyms, m.description, m.support, m.animal_models, m.genes,
	       m.studied_in_ssc, m.in_review,
	       ARRAY(
	           SELECT t.slug
	           FROM treatment_mechanisms AS tm
	           JOIN treatments AS t ON t.id = tm.treatment_id
	           WHERE tm.mechanism_id = m.id
	           ORDER BY t.slug) AS treatment_slugs,
	       ARRAY(
	           SELECT t.name
	           FROM treatment_mechanisms AS tm
	           JOIN treatments AS t ON t.id = tm.treatment_id
	           WHERE tm.mechanism_id = m.id
	           ORDER BY t.slug) AS treatment_names,` +
	releasedColumns("mechanisms", "m.slug", "") + `
	FROM mechanisms AS m`

type mechanismRow struct {
	ID             int64    `db:"id"`
	Slug           string   `db:"slug"`
	Name           string   `db:"name"`
	Synonyms       []string `db:"synonyms"`
	Description    string   `db:"description"`
	Support        string   `db:"support"`
	AnimalModels   []string `db:"animal_models"`
	Genes          []string `db:"genes"`
	StudiedInSSc   bool     `db:"studied_in_ssc"`
	InReview       bool     `db:"in_review"`
	TreatmentSlugs []string `db:"treatment_slugs"`
	TreatmentNames []string `db:"treatment_names"`
	releasedRow
}

func (r mechanismRow) rowID() int64 { return r.ID }

func buildMechanism(r mechanismRow, evidence []kb.Finding) kb.Mechanism {
	return kb.Mechanism{
		Released: r.released(),
		Slug:     r.Slug, Name: r.Name, Synonyms: r.Synonyms, Treatments: refs(r.TreatmentSlugs, r.TreatmentNames), Description: r.Description, Support: r.Support,
		AnimalModels: r.AnimalModels, Genes: r.Genes, StudiedInSSc: r.StudiedInSSc, InReview: r.InReview, Evidence: evidence,
	}
}

// Mechanisms returns a page of proposed mechanisms ordered by name, each with its evidence,
// and whether more follow. filter.Kind narrows by kind of support, filter.Q by search.
func (s *Store) Mechanisms(ctx context.Context, filter kb.ListFilter) ([]kb.Mechanism, bool, error) {
	var w where
	if filter.Kind != "" {
		w.add("m.support = ?", filter.Kind)
	}
	matching(&w, "m.slug", "mechanism", filter.Q)
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
	return oneWithEvidence(ctx, s, mechanismSQL+"\n\tWHERE m.slug = $1", "mechanisms", "mechanism", slug,
		mechanismFindings, buildMechanism)
}

const mechanismExistsSQL = `
	SELECT EXISTS (SELECT 1 FROM mechanisms WHERE slug = $1)`

// MechanismExists reports whether a mechanism has the given slug.
func (s *Store) MechanismExists(ctx context.Context, slug string) (bool, error) {
	var exists bool
	if err := s.pool.QueryRow(ctx, mechanismExistsSQL, slug).Scan(&exists); err != nil {
		return false, fmt.Errorf("look up mechanism %q: %w", slug, classify(err))
	}
	return exists, nil
}
