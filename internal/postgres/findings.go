package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"calcinosiskb/internal/kb"
)

// subjectColumn is the findings column that links a finding to one kind of record.
type subjectColumn string

const (
	featureFindings   subjectColumn = "associated_feature_id"
	mechanismFindings subjectColumn = "mechanism_id"
	modalityFindings  subjectColumn = "diagnostic_modality_id"
	treatmentFindings subjectColumn = "treatment_id"
)

// findingsSQL lists the findings of a set of records, strongest evidence first, then newest.
func findingsSQL(column subjectColumn) string {
	return fmt.Sprintf(`
	SELECT f.%[1]s AS subject_id,
	       f.design, f.population, f.n_ssc, f.n_total,
	       f.measure, f.estimate, f.ci_low, f.ci_high,
	       f.comparator_estimate, f.comparison,
	       f.p_value, f.p_relation, f.adjusted, f.events, f.denominator,
	       f.direction, f.outcome, f.regimen, f.adverse_effects, f.follow_up,
	       f.evidence_level, f.statement,
	       %[2]s
	FROM findings AS f
	JOIN sources AS s ON s.id = f.source_id
	WHERE f.%[1]s = ANY($1)
	ORDER BY f.evidence_level, s.year DESC, f.id`, column, sourceColumns)
}

type findingRow struct {
	SubjectID          int64    `db:"subject_id"`
	Design             string   `db:"design"`
	Population         *string  `db:"population"`
	NSSc               *int     `db:"n_ssc"`
	NTotal             *int     `db:"n_total"`
	Measure            *string  `db:"measure"`
	Estimate           *float64 `db:"estimate"`
	CILow              *float64 `db:"ci_low"`
	CIHigh             *float64 `db:"ci_high"`
	ComparatorEstimate *float64 `db:"comparator_estimate"`
	Comparison         *string  `db:"comparison"`
	PValue             *float64 `db:"p_value"`
	PRelation          *string  `db:"p_relation"`
	Adjusted           *bool    `db:"adjusted"`
	Events             *int     `db:"events"`
	Denominator        *int     `db:"denominator"`
	Direction          *string  `db:"direction"`
	Outcome            *string  `db:"outcome"`
	Regimen            *string  `db:"regimen"`
	AdverseEffects     *string  `db:"adverse_effects"`
	FollowUp           *string  `db:"follow_up"`
	EvidenceLevel      int      `db:"evidence_level"`
	Statement          string   `db:"statement"`
	sourceRow
}

// findings returns the findings of the records with the given ids, keyed by record id.
func (s *Store) findings(ctx context.Context, column subjectColumn, ids []int64) (map[int64][]kb.Finding, error) {
	rows, err := s.pool.Query(ctx, findingsSQL(column), ids)
	if err != nil {
		return nil, fmt.Errorf("query findings by %s: %w", column, classify(err))
	}
	found, err := pgx.CollectRows(rows, pgx.RowToStructByName[findingRow])
	if err != nil {
		return nil, fmt.Errorf("collect findings by %s: %w", column, classify(err))
	}
	bySubject := make(map[int64][]kb.Finding, len(ids))
	for _, r := range found {
		bySubject[r.SubjectID] = append(bySubject[r.SubjectID], kb.Finding{
			Source:             r.source(),
			Design:             r.Design,
			Population:         r.Population,
			NSSc:               r.NSSc,
			NTotal:             r.NTotal,
			Measure:            r.Measure,
			Estimate:           r.Estimate,
			CILow:              r.CILow,
			CIHigh:             r.CIHigh,
			ComparatorEstimate: r.ComparatorEstimate,
			Comparison:         r.Comparison,
			PValue:             r.PValue,
			PRelation:          r.PRelation,
			Adjusted:           r.Adjusted,
			Events:             r.Events,
			Denominator:        r.Denominator,
			Direction:          r.Direction,
			Outcome:            r.Outcome,
			Regimen:            r.Regimen,
			AdverseEffects:     r.AdverseEffects,
			FollowUp:           r.FollowUp,
			EvidenceLevel:      r.EvidenceLevel,
			Statement:          r.Statement,
		})
	}
	return bySubject, nil
}
