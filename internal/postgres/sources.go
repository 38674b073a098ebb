package postgres

import (
	"context"
	"fmt"

	"calcinosiskb/internal/kb"
)

// sourceColumns selects a source joined as s, named as sourceRow expects.
var sourceColumns = `
	s.slug AS source_slug,
	s.pmid AS source_pmid,
	s.doi AS source_doi,
	s.authors AS source_authors,
	s.title AS source_title,
	s.journal AS source_journal,
	s.year AS source_year,
	s.citation AS source_citation,
	s.publication_type AS source_publication_type,
	s.verified_against AS source_verified_against,
	s.peer_reviewed AS source_peer_reviewed,
	s.url AS source_url,
	s.verification AS source_verification,` +
	releasedColumns("sources", "s.slug", "source_")

type sourceRow struct {
	SourceSlug            string  `db:"source_slug"`
	SourcePMID            *string `db:"source_pmid"`
	SourceDOI             *string `db:"source_doi"`
	SourceAuthors         *string `db:"source_authors"`
	SourceTitle           string  `db:"source_title"`
	SourceJournal         string  `db:"source_journal"`
	SourceYear            int     `db:"source_year"`
	SourceCitation        string  `db:"source_citation"`
	SourcePublicationType string  `db:"source_publication_type"`
	SourceVerifiedAgainst string  `db:"source_verified_against"`
	SourcePeerReviewed    bool    `db:"source_peer_reviewed"`
	SourceURL             string  `db:"source_url"`
	SourceVerification    string  `db:"source_verification"`
	SourceAddedIn         *string `db:"source_added_in"`
	SourceChangedIn       *string `db:"source_changed_in"`
}

func (r sourceRow) source() kb.Source {
	return kb.Source{
		Released:        kb.Released{AddedIn: r.SourceAddedIn, ChangedIn: r.SourceChangedIn},
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
		PeerReviewed:    r.SourcePeerReviewed,
		URL:             r.SourceURL,
		Verification:    r.SourceVerification,
	}
}

// sourceRecordSQL selects sources with their ids, for attaching the findings that cite them.
var sourceRecordSQL = `
	SELECT s.id,` + sourceColumns + `,
	       ARRAY(SELECT c.subject_type FROM citations AS c WHERE c.source_id = s.id
	             ORDER BY c.subject_type, c.subject_slug) AS cited_types,
	       ARRAY(SELECT c.subject_slug FROM citations AS c WHERE c.source_id = s.id
	             ORDER BY c.subject_type, c.subject_slug) AS cited_slugs,
	       ARRAY(SELECT c.subject_name FROM citations AS c WHERE c.source_id = s.id
	             ORDER BY c.subject_type, c.subject_slug) AS cited_names
	FROM sources AS s`

type sourceRecordRow struct {
	ID         int64    `db:"id"`
	CitedTypes []string `db:"cited_types"`
	CitedSlugs []string `db:"cited_slugs"`
	CitedNames []string `db:"cited_names"`
	sourceRow
}

func (r sourceRecordRow) rowID() int64 { return r.ID }

func buildSource(r sourceRecordRow, findings []kb.Finding) kb.SourceRecord {
	citedBy := make([]kb.Subject, len(r.CitedSlugs))
	for i := range r.CitedSlugs {
		citedBy[i] = kb.Subject{Type: r.CitedTypes[i], Slug: r.CitedSlugs[i], Name: r.CitedNames[i]}
	}
	return kb.SourceRecord{Source: r.source(), CitedBy: citedBy, Findings: findings}
}

// Sources returns a page of the sources that filter matches (all when it is empty) in slug
// order, which reads as first author then year, each with the records and findings that cite
// it, and whether more follow.
func (s *Store) Sources(ctx context.Context, filter kb.SourceFilter, page kb.Page) ([]kb.SourceRecord, bool, error) {
	var w where
	matching(&w, "s.slug", "source", filter.Q)
	if len(filter.Verifications) > 0 {
		w.add("s.verification = ANY(?)", filter.Verifications)
	}
	if page.After != nil {
		w.add("s.slug > ?", page.After.Slug)
	}
	sql := fmt.Sprintf("%s\n\t%s\n\tORDER BY s.slug\n\tLIMIT %d", sourceRecordSQL, &w, page.Limit+1)
	sources, more, err := listWithEvidence(ctx, s, sql, w.args, page, sourceFindings, buildSource)
	if err != nil {
		return nil, false, fmt.Errorf("list sources: %w", err)
	}
	return sources, more, nil
}

// Source returns the source with the given slug and the records and findings that cite it,
// or an error wrapping kb.ErrNotFound.
func (s *Store) Source(ctx context.Context, slug string) (kb.SourceRecord, error) {
	return oneWithEvidence(ctx, s, sourceRecordSQL+"\n\tWHERE s.slug = $1", "sources", "source", slug, sourceFindings, buildSource)
}
