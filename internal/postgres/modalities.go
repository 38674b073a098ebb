package postgres

import (
	"context"
	"fmt"

	"calcinosiskb/internal/kb"
)

var modalitySQL = `
	SELECT id, slug, name, synonyms, role, shows, strengths, limitations, in_review,` +
	releasedColumns("diagnostic-modalities", "diagnostic_modalities.slug", "") + `
	FROM diagnostic_modalities`

type modalityRow struct {
	ID          int64    `db:"id"`
	Slug        string   `db:"slug"`
	Name        string   `db:"name"`
	Synonyms    []string `db:"synonyms"`
	Role        string   `db:"role"`
	Shows       string   `db:"shows"`
	Strengths   string   `db:"strengths"`
	Limitations string   `db:"limitations"`
	InReview    bool     `db:"in_review"`
	releasedRow
}

func (r modalityRow) rowID() int64 { return r.ID }

func buildModality(r modalityRow, evidence []kb.Finding) kb.DiagnosticModality {
	return kb.DiagnosticModality{
		Released: r.released(),
		Slug:     r.Slug, Name: r.Name, Synonyms: r.Synonyms, Role: r.Role, Shows: r.Shows, Strengths: r.Strengths,
		Limitations: r.Limitations, InReview: r.InReview, Evidence: evidence,
	}
}

// DiagnosticModalities returns a page of diagnostic modalities ordered by name, each with its
// evidence, and whether more follow. filter.Kind narrows by role, filter.Q by search.
func (s *Store) DiagnosticModalities(ctx context.Context, filter kb.ListFilter) ([]kb.DiagnosticModality, bool, error) {
	var w where
	if filter.Kind != "" {
		w.add("role = ?", filter.Kind)
	}
	matching(&w, "slug", "diagnostic_modality", filter.Q)
	modalities, more, err := listWithEvidence(ctx, s, modalitySQL+byName(&w, filter.Page), w.args, filter.Page,
		modalityFindings, buildModality)
	if err != nil {
		return nil, false, fmt.Errorf("list diagnostic modalities: %w", err)
	}
	return modalities, more, nil
}

// DiagnosticModality returns the modality with the given slug and its evidence,
// or an error wrapping kb.ErrNotFound.
func (s *Store) DiagnosticModality(ctx context.Context, slug string) (kb.DiagnosticModality, error) {
	return oneWithEvidence(ctx, s, modalitySQL+"\n\tWHERE slug = $1", "diagnostic-modalities", "diagnostic modality", slug,
		modalityFindings, buildModality)
}
