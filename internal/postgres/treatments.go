package postgres

import (
	"context"
	"fmt"

	"calcinosiskb/internal/kb"
)

// treatmentSQL selects treatments with their derived evidence level; a treatment without
// findings has no level, and the seed integrity tests make sure there is none.
const treatmentSQL = `
	SELECT t.id, t.slug, t.name, t.category, t.drug_class, t.route, t.rationale, t.mainstay,
	       l.evidence_level,
	       ARRAY(
	           SELECT m.slug
	           FROM treatment_mechanisms AS tm
	           JOIN mechanisms AS m ON m.id = tm.mechanism_id
	           WHERE tm.treatment_id = t.id
	           ORDER BY m.slug) AS mechanism_slugs,
	       ARRAY(
	           SELECT m.name
	           FROM treatment_mechanisms AS tm
	           JOIN mechanisms AS m ON m.id = tm.mechanism_id
	           WHERE tm.treatment_id = t.id
	           ORDER BY m.slug) AS mechanism_names
	FROM treatments AS t
	JOIN treatment_evidence_levels AS l ON l.treatment_id = t.id`

type treatmentRow struct {
	ID             int64    `db:"id"`
	Slug           string   `db:"slug"`
	Name           string   `db:"name"`
	Category       string   `db:"category"`
	DrugClass      *string  `db:"drug_class"`
	Route          *string  `db:"route"`
	Rationale      string   `db:"rationale"`
	Mainstay       bool     `db:"mainstay"`
	EvidenceLevel  int      `db:"evidence_level"`
	MechanismSlugs []string `db:"mechanism_slugs"`
	MechanismNames []string `db:"mechanism_names"`
}

func (r treatmentRow) rowID() int64 { return r.ID }

func buildTreatment(r treatmentRow, evidence []kb.Finding) kb.Treatment {
	mechanisms := make([]kb.MechanismRef, len(r.MechanismSlugs))
	for i := range r.MechanismSlugs {
		mechanisms[i] = kb.MechanismRef{Slug: r.MechanismSlugs[i], Name: r.MechanismNames[i]}
	}
	return kb.Treatment{
		Slug: r.Slug, Name: r.Name, Category: r.Category, DrugClass: r.DrugClass, Route: r.Route,
		Rationale: r.Rationale, Mainstay: r.Mainstay, EvidenceLevel: r.EvidenceLevel,
		Mechanisms: mechanisms, Evidence: evidence,
	}
}

// Treatments returns a page of treatments, filtered and sorted as filter asks, each with its
// mechanisms and evidence, and whether more follow.
func (s *Store) Treatments(ctx context.Context, filter kb.TreatmentFilter) ([]kb.Treatment, bool, error) {
	var w where
	if filter.Category != "" {
		w.add("t.category = ?", filter.Category)
	}
	if filter.EvidenceLevelMax != 0 {
		w.add("l.evidence_level <= ?", filter.EvidenceLevelMax)
	}
	if filter.Mechanism != "" {
		w.add(`EXISTS (
	      SELECT 1
	      FROM treatment_mechanisms AS tm
	      JOIN mechanisms AS m ON m.id = tm.mechanism_id
	      WHERE tm.treatment_id = t.id
	        AND m.slug = ?)`, filter.Mechanism)
	}
	var rest string
	if filter.Sort == kb.SortEvidenceLevel {
		if after := filter.Page.After; after != nil {
			w.add("(l.evidence_level, t.name, t.slug) > (?, ?, ?)", after.Rank, after.Name, after.Slug)
		}
		rest = fmt.Sprintf("\n\t%s\n\tORDER BY l.evidence_level, t.name, t.slug\n\tLIMIT %d", &w, filter.Page.Limit+1)
	} else {
		rest = byName(&w, filter.Page)
	}
	treatments, more, err := listWithEvidence(ctx, s, treatmentSQL+rest, w.args, filter.Page,
		treatmentFindings, buildTreatment)
	if err != nil {
		return nil, false, fmt.Errorf("list treatments: %w", err)
	}
	return treatments, more, nil
}

// Treatment returns the treatment with the given slug, its mechanisms and evidence,
// or an error wrapping kb.ErrNotFound.
func (s *Store) Treatment(ctx context.Context, slug string) (kb.Treatment, error) {
	return oneWithEvidence(ctx, s, treatmentSQL+"\n\tWHERE t.slug = $1", "treatment", slug,
		treatmentFindings, buildTreatment)
}
