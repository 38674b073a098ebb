package postgres

import (
	"context"
	"fmt"

	"calcinosiskb/internal/kb"
)

// sourceColumns selects a source joined as s, named as sourceRow expects.
const sourceColumns = `
	s.slug AS source_slug,
	s.pmid AS source_pmid,
	s.doi AS source_doi,
	s.authors AS source_authors,
	s.title AS source_title,
	s.journal AS source_journal,
	s.year AS source_year,
	s.citation AS source_citation,
	s.publication_type AS source_publication_type,
	s.verified_against AS source_verified_against`

type sourceRow struct {
	SourceSlug            string  `db:"source_slug"`
	SourcePMID            *string `db:"source_pmid"`
	SourceDOI             *string `db:"source_doi"`
	SourceAuthors         string  `db:"source_authors"`
	SourceTitle           string  `db:"source_title"`
	SourceJournal         string  `db:"source_journal"`
	SourceYear            int     `db:"source_year"`
	SourceCitation        string  `db:"source_citation"`
	SourcePublicationType string  `db:"source_publication_type"`
	SourceVerifiedAgainst string  `db:"source_verified_against"`
}

func (r sourceRow) source() kb.Source {
	return kb.Source{
		Slug:            r.SourceSlug,
		PMID:            r.SourcePMID,
		DOI:             r.SourceDOI,
		Authors:         r.SourceAuthors,
		Title:           r.SourceTitle,
		Journal:         r.SourceJournal,
		Year:            r.SourceYear,
		Citation:        r.SourceCitation,
		PublicationType: r.SourcePublicationType,
		VerifiedAgainst: r.SourceVerifiedAgainst,
	}
}

// Sources returns a page of sources in slug order, which reads as first author then year.
func (s *Store) Sources(ctx context.Context, page kb.Page) ([]kb.Source, bool, error) {
	var w where
	if page.After != nil {
		w.add("s.slug > ?", page.After.Slug)
	}
	sql := fmt.Sprintf(`
	SELECT %s
	FROM sources AS s
	%s
	ORDER BY s.slug
	LIMIT %d`, sourceColumns, w.String(), page.Limit+1)
	rows, more, err := collect[sourceRow](ctx, s, sql, w.args, page)
	if err != nil {
		return nil, false, fmt.Errorf("list sources: %w", err)
	}
	sources := make([]kb.Source, len(rows))
	for i, r := range rows {
		sources[i] = r.source()
	}
	return sources, more, nil
}

var sourceSQL = `
	SELECT ` + sourceColumns + `
	FROM sources AS s
	WHERE s.slug = $1`

// Source returns the source with the given slug, or an error wrapping kb.ErrNotFound.
func (s *Store) Source(ctx context.Context, slug string) (kb.Source, error) {
	r, err := one[sourceRow](ctx, s, sourceSQL, "source", slug)
	return r.source(), err
}
