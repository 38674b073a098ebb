package postgres

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/jackc/pgx/v5"

	"calcinosiskb/internal/kb"
)

// findingKey is the findings column that links a finding to a record: one per kind of
// subject, and its source.
type findingKey string

const (
	featureFindings      findingKey = "associated_feature_id"
	mechanismFindings    findingKey = "mechanism_id"
	modalityFindings     findingKey = "diagnostic_modality_id"
	treatmentFindings    findingKey = "treatment_id"
	prevalenceFindings   findingKey = "prevalence_estimate_id"
	presentationFindings findingKey = "presentation_item_id"
	sourceFindings       findingKey = "source_id"
)

// findingSelect selects findings with their subject and source; a query adds its WHERE and ORDER BY.
var findingSelect = `
	SELECT f.id, f.key, fs.subject_type, fs.subject_slug, fs.subject_name,
	       f.design, f.population, f.n_ssc, f.n_total,
	       f.measure, f.estimate, f.ci_low, f.ci_high,
	       f.comparator_estimate, f.comparison,
	       f.p_value, f.p_relation, f.adjusted, f.events, f.denominator,
	       f.direction, f.outcome, f.regimen, f.adverse_effects, f.follow_up, f.recommendation,
	       f.recommendation_basis, f.is_primary,
	       f.evidence_level, f.statement,` + sourceColumns + `,` +
	releasedColumns("findings", "f.key", "") + `
	FROM findings AS f
	JOIN finding_subjects AS fs ON fs.finding_id = f.id
	JOIN sources AS s ON s.id = f.source_id`

// findingsOfSQL lists the findings of a set of records, strongest evidence first, then newest.
func findingsOfSQL(key findingKey) string {
	return fmt.Sprintf(`
	SELECT f.%[1]s AS record_id, sub.*
	FROM (%[2]s) AS sub
	JOIN findings AS f ON f.id = sub.id
	WHERE f.%[1]s = ANY($1)
	ORDER BY sub.evidence_level, sub.source_year DESC, sub.id`, key, findingSelect)
}

type findingRow struct {
	ID                  int64    `db:"id"`
	Key                 string   `db:"key"`
	SubjectType         string   `db:"subject_type"`
	SubjectSlug         string   `db:"subject_slug"`
	SubjectName         string   `db:"subject_name"`
	Design              string   `db:"design"`
	Population          *string  `db:"population"`
	NSSc                *int     `db:"n_ssc"`
	NTotal              *int     `db:"n_total"`
	Measure             *string  `db:"measure"`
	Estimate            *float64 `db:"estimate"`
	CILow               *float64 `db:"ci_low"`
	CIHigh              *float64 `db:"ci_high"`
	ComparatorEstimate  *float64 `db:"comparator_estimate"`
	Comparison          *string  `db:"comparison"`
	PValue              *float64 `db:"p_value"`
	PRelation           *string  `db:"p_relation"`
	Adjusted            *bool    `db:"adjusted"`
	Events              *int     `db:"events"`
	Denominator         *int     `db:"denominator"`
	Direction           *string  `db:"direction"`
	Outcome             *string  `db:"outcome"`
	Regimen             *string  `db:"regimen"`
	AdverseEffects      *string  `db:"adverse_effects"`
	FollowUp            *string  `db:"follow_up"`
	Recommendation      *string  `db:"recommendation"`
	RecommendationBasis *string  `db:"recommendation_basis"`
	IsPrimary           bool     `db:"is_primary"`
	EvidenceLevel       int      `db:"evidence_level"`
	Statement           string   `db:"statement"`
	sourceRow
	releasedRow
}

type recordFindingRow struct {
	RecordID int64 `db:"record_id"`
	findingRow
}

func (r findingRow) finding() kb.Finding {
	return kb.Finding{
		Released:            r.released(),
		ID:                  r.ID,
		Key:                 r.Key,
		Subject:             kb.Subject{Type: r.SubjectType, Slug: r.SubjectSlug, Name: r.SubjectName},
		Source:              r.source(),
		Design:              r.Design,
		Population:          r.Population,
		NSSc:                r.NSSc,
		NTotal:              r.NTotal,
		Measure:             r.Measure,
		Estimate:            r.Estimate,
		CILow:               r.CILow,
		CIHigh:              r.CIHigh,
		ComparatorEstimate:  r.ComparatorEstimate,
		Comparison:          r.Comparison,
		PValue:              r.PValue,
		PRelation:           r.PRelation,
		Adjusted:            r.Adjusted,
		Events:              r.Events,
		Denominator:         r.Denominator,
		Direction:           r.Direction,
		Outcome:             r.Outcome,
		Regimen:             r.Regimen,
		AdverseEffects:      r.AdverseEffects,
		FollowUp:            r.FollowUp,
		Recommendation:      r.Recommendation,
		RecommendationBasis: r.RecommendationBasis,
		Primary:             r.IsPrimary,
		EvidenceLevel:       r.EvidenceLevel,
		Statement:           r.Statement,
	}
}

// findingsOf returns the findings linked through key to the records with the given ids, keyed by record id.
func (s *Store) findingsOf(ctx context.Context, key findingKey, ids []int64) (map[int64][]kb.Finding, error) {
	rows, err := s.pool.Query(ctx, findingsOfSQL(key), ids)
	if err != nil {
		return nil, fmt.Errorf("query findings by %s: %w", key, classify(err))
	}
	found, err := pgx.CollectRows(rows, pgx.RowToStructByName[recordFindingRow])
	if err != nil {
		return nil, fmt.Errorf("collect findings by %s: %w", key, classify(err))
	}
	byRecord := make(map[int64][]kb.Finding, len(ids))
	for _, r := range found {
		byRecord[r.RecordID] = append(byRecord[r.RecordID], r.finding())
	}
	return byRecord, nil
}

var pmidPattern = regexp.MustCompile(`^[0-9]+$`)

// Findings returns findings in id order that match filter, and whether more follow.
func (s *Store) Findings(ctx context.Context, filter kb.FindingFilter) ([]kb.Finding, bool, error) {
	var w where
	if filter.SubjectType != "" {
		w.add("fs.subject_type = ?", filter.SubjectType)
	}
	if filter.Subject != "" {
		w.add("fs.subject_slug = ?", filter.Subject)
	}
	if filter.Design != "" {
		w.add("f.design = ?", filter.Design)
	}
	if filter.EvidenceLevelMax != 0 {
		w.add("f.evidence_level <= ?", filter.EvidenceLevelMax)
	}
	if filter.Measure != "" {
		w.add("f.measure = ?", filter.Measure)
	}
	if pmidPattern.MatchString(filter.Source) {
		w.add("s.pmid = ?", filter.Source)
	} else if filter.Source != "" {
		w.add("s.slug = ?", filter.Source)
	}
	if len(filter.Verifications) > 0 {
		w.add("s.verification = ANY(?)", filter.Verifications)
	}
	if filter.AfterID != 0 {
		w.add("f.id > ?", filter.AfterID)
	}
	sql := fmt.Sprintf("%s\n\t%s\n\tORDER BY f.id\n\tLIMIT %d", findingSelect, &w, filter.Limit+1)
	rows, more, err := collect[findingRow](ctx, s, sql, w.args, kb.Page{Limit: filter.Limit})
	if err != nil {
		return nil, false, fmt.Errorf("list findings: %w", err)
	}
	findings := make([]kb.Finding, len(rows))
	for i, r := range rows {
		findings[i] = r.finding()
	}
	return findings, more, nil
}

// Finding returns the finding with the given id, or an error wrapping kb.ErrNotFound (a
// *kb.RemovedError when a release removed it).
func (s *Store) Finding(ctx context.Context, id int64) (kb.Finding, error) {
	f, err := s.oneFinding(ctx, "f.id", id, strconv.FormatInt(id, 10))
	if errors.Is(err, kb.ErrNotFound) {
		return f, s.notFound(ctx, "findings", "", id, "finding "+strconv.FormatInt(id, 10))
	}
	return f, err
}

// FindingByKey returns the finding with the given natural key (source/subject/name), or an
// error wrapping kb.ErrNotFound (a *kb.RemovedError when a release removed it).
func (s *Store) FindingByKey(ctx context.Context, key string) (kb.Finding, error) {
	f, err := s.oneFinding(ctx, "f.key", key, key)
	if errors.Is(err, kb.ErrNotFound) {
		return f, s.notFound(ctx, "findings", key, 0, "finding "+key)
	}
	return f, err
}

// oneFinding returns the finding whose column (f.id or f.key, never user input) equals value.
func (s *Store) oneFinding(ctx context.Context, column string, value any, name string) (kb.Finding, error) {
	rows, err := s.pool.Query(ctx, findingSelect+"\n\tWHERE "+column+" = $1", value)
	if err != nil {
		return kb.Finding{}, fmt.Errorf("query finding %s: %w", name, classify(err))
	}
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[findingRow])
	if errors.Is(err, pgx.ErrNoRows) {
		return kb.Finding{}, fmt.Errorf("finding %s: %w", name, kb.ErrNotFound)
	}
	if err != nil {
		return kb.Finding{}, fmt.Errorf("query finding %s: %w", name, classify(err))
	}
	return r.finding(), nil
}
