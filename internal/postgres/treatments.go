package postgres

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/synthesis"
)

// treatmentSQL selects treatments with the summary of their evidence; a treatment without
// findings has no summary, and the seed integrity tests make sure there is none.
var treatmentSQL = `
	SELECT t.id, t.slug, t.name, t.synonyms, t.category, t.drug_class, t.route, t.rationale, t.mainstay,
	       es.evidence_level, es.strongest_design, es.studies, es.ssc_patients,
	       es.improved, es.no_effect, es.mixed, es.worsened,
	       es.recommended_against, es.completed_rct_in_ssc,
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
	           ORDER BY m.slug) AS mechanism_names,` +
	releasedColumns("treatments", "t.slug", "") + `
	FROM treatments AS t
	JOIN treatment_evidence_summaries AS es ON es.treatment_id = t.id`

type treatmentRow struct {
	ID                 int64    `db:"id"`
	Slug               string   `db:"slug"`
	Name               string   `db:"name"`
	Synonyms           []string `db:"synonyms"`
	Category           string   `db:"category"`
	DrugClass          *string  `db:"drug_class"`
	Route              *string  `db:"route"`
	Rationale          string   `db:"rationale"`
	Mainstay           bool     `db:"mainstay"`
	EvidenceLevel      int      `db:"evidence_level"`
	StrongestDesign    string   `db:"strongest_design"`
	Studies            int      `db:"studies"`
	SScPatients        int      `db:"ssc_patients"`
	Improved           int      `db:"improved"`
	NoEffect           int      `db:"no_effect"`
	Mixed              int      `db:"mixed"`
	Worsened           int      `db:"worsened"`
	RecommendedAgainst bool     `db:"recommended_against"`
	CompletedRCTInSSc  bool     `db:"completed_rct_in_ssc"`
	MechanismSlugs     []string `db:"mechanism_slugs"`
	MechanismNames     []string `db:"mechanism_names"`
	releasedRow
}

func (r treatmentRow) rowID() int64 { return r.ID }

func buildTreatment(r treatmentRow, evidence []kb.Finding) kb.Treatment {
	return kb.Treatment{
		Released: r.released(),
		Slug:     r.Slug, Name: r.Name, Synonyms: r.Synonyms, Category: r.Category, DrugClass: r.DrugClass,
		Route: r.Route, Rationale: r.Rationale, Mainstay: r.Mainstay,
		Summary: kb.EvidenceSummary{
			Studies: r.Studies, SScPatients: r.SScPatients,
			Improved: r.Improved, NoEffect: r.NoEffect, Mixed: r.Mixed, Worsened: r.Worsened,
			StrongestLevel: r.EvidenceLevel, StrongestDesign: r.StrongestDesign,
			RecommendedAgainst: r.RecommendedAgainst, CompletedRCTInSSc: r.CompletedRCTInSSc,
		},
		Synthesis:  synthesis.Treatment(evidence, r.Mainstay),
		Mechanisms: refs(r.MechanismSlugs, r.MechanismNames),
		Evidence:   evidence,
	}
}

// treatmentOrders holds, for each sort, the ORDER BY clause and the keyset condition that
// continues after a key; the rank is the evidence level or the number of SSc patients.
var treatmentOrders = map[string]struct{ orderBy, after string }{
	kb.SortName: {
		orderBy: "t.name, t.slug",
		after:   "(t.name, t.slug) > (?, ?)",
	},
	kb.SortEvidenceLevel: {
		orderBy: "es.evidence_level, t.name, t.slug",
		after:   "(es.evidence_level, t.name, t.slug) > (?, ?, ?)",
	},
	kb.SortSScPatients: {
		orderBy: "es.ssc_patients DESC, t.name, t.slug",
		after:   "(es.ssc_patients < ? OR (es.ssc_patients = ? AND (t.name, t.slug) > (?, ?)))",
	},
	// The benefit order is derived by the synthesis rules in Go (see derivedTreatments).
	kb.SortBenefit: {orderBy: "t.name, t.slug"},
}

// derived reports whether a list needs the synthesis of every matching treatment before it
// can be ordered or narrowed: the assessment and the benefit order are not in the database.
func derived(filter kb.TreatmentFilter) bool {
	return filter.Sort == kb.SortBenefit || filter.Assessment != ""
}

// Treatments returns a page of treatments, filtered and sorted as filter asks, each with its
// mechanisms, evidence and evidence summary, and whether more follow.
func (s *Store) Treatments(ctx context.Context, filter kb.TreatmentFilter) ([]kb.Treatment, bool, error) {
	order, ok := treatmentOrders[filter.Sort]
	if !ok {
		return nil, false, fmt.Errorf("list treatments: unknown sort %q", filter.Sort)
	}
	var w where
	if filter.Category != "" {
		w.add("t.category = ?", filter.Category)
	}
	if filter.Route != "" {
		w.add("t.route = ?", filter.Route)
	}
	if filter.Outcome != "" {
		// Counted as the evidence summary counts: studies, not reviews restating them.
		w.add(`EXISTS (
	      SELECT 1
	      FROM findings AS f
	      WHERE f.treatment_id = t.id
	        AND f.design NOT IN ('narrative_review', 'expert_review')
	        AND f.outcome = ?)`, filter.Outcome)
	}
	if filter.EvidenceLevelMax != 0 {
		w.add("es.evidence_level <= ?", filter.EvidenceLevelMax)
	}
	if filter.Mechanism != "" {
		w.add(`EXISTS (
	      SELECT 1
	      FROM treatment_mechanisms AS tm
	      JOIN mechanisms AS m ON m.id = tm.mechanism_id
	      WHERE tm.treatment_id = t.id
	        AND m.slug = ?)`, filter.Mechanism)
	}
	matching(&w, "t.slug", "treatment", filter.Q)
	if after := filter.Page.After; after != nil && filter.Sort != kb.SortBenefit {
		switch filter.Sort {
		case kb.SortName:
			w.add(order.after, after.Name, after.Slug)
		case kb.SortEvidenceLevel:
			w.add(order.after, after.Rank, after.Name, after.Slug)
		case kb.SortSScPatients:
			w.add(order.after, after.Rank, after.Rank, after.Name, after.Slug)
		}
	}
	if derived(filter) {
		return s.derivedTreatments(ctx, filter, fmt.Sprintf("%s\n\t%s\n\tORDER BY %s", treatmentSQL, &w, order.orderBy), w.args)
	}
	sql := fmt.Sprintf("%s\n\t%s\n\tORDER BY %s\n\tLIMIT %d", treatmentSQL, &w, order.orderBy, filter.Page.Limit+1)
	treatments, more, err := listWithEvidence(ctx, s, sql, w.args, filter.Page, treatmentFindings, buildTreatment)
	if err != nil {
		return nil, false, fmt.Errorf("list treatments: %w", err)
	}
	return treatments, more, nil
}

// Treatment returns the treatment with the given slug, its mechanisms, evidence and summary,
// or an error wrapping kb.ErrNotFound.
func (s *Store) Treatment(ctx context.Context, slug string) (kb.Treatment, error) {
	return oneWithEvidence(ctx, s, treatmentSQL+"\n\tWHERE t.slug = $1", "treatments", "treatment", slug,
		treatmentFindings, buildTreatment)
}

// derivedTreatments lists the treatments that sql selects (already narrowed by the filters
// the database can apply and, for the database's sorts, ordered and continued after the
// cursor), then narrows them by assessment and orders them by benefit as the synthesis rules
// say, and returns the page. The treatments are few, so all of them are synthesised.
func (s *Store) derivedTreatments(ctx context.Context, filter kb.TreatmentFilter, sql string, args []any) ([]kb.Treatment, bool, error) {
	all, _, err := listWithEvidence(ctx, s, sql, args, kb.Page{Limit: math.MaxInt32}, treatmentFindings, buildTreatment)
	if err != nil {
		return nil, false, fmt.Errorf("list treatments: %w", err)
	}
	if filter.Sort == kb.SortBenefit {
		slices.SortStableFunc(all, func(a, b kb.Treatment) int {
			return cmp.Or(cmp.Compare(synthesis.BenefitRank(a.Synthesis), synthesis.BenefitRank(b.Synthesis)),
				cmp.Compare(a.Name, b.Name), cmp.Compare(a.Slug, b.Slug))
		})
	}
	var page []kb.Treatment
	for _, t := range all {
		if filter.Assessment != "" && t.Synthesis.Assessment != filter.Assessment {
			continue
		}
		if after := filter.Page.After; after != nil && filter.Sort == kb.SortBenefit &&
			cmp.Or(cmp.Compare(synthesis.BenefitRank(t.Synthesis), after.Rank), cmp.Compare(t.Name, after.Name), cmp.Compare(t.Slug, after.Slug)) <= 0 {
			continue
		}
		page = append(page, t)
	}
	if len(page) > filter.Page.Limit {
		return page[:filter.Page.Limit], true, nil
	}
	return page, false, nil
}
