package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// sourceOrder is the one order of the sources list: by slug.
const sourceOrder = "slug"

type sourceResponse struct {
	Slug            string  `json:"slug"`
	PMID            *string `json:"pmid"`
	DOI             *string `json:"doi"`
	Authors         *string `json:"authors"`
	Title           string  `json:"title"`
	Journal         string  `json:"journal"`
	Year            int     `json:"year"`
	Citation        string  `json:"citation"`
	PublicationType string  `json:"publication_type"`
	VerifiedAgainst string  `json:"verified_against"`
	PeerReviewed    bool    `json:"peer_reviewed"`
	URL             string  `json:"url"`
	Verification    string  `json:"verification"`
	releasedResponse
}

// sourceRecordResponse is a source with every record and finding that cites it.
type sourceRecordResponse struct {
	sourceResponse
	CitedBy  []subjectResponse `json:"cited_by"`
	Findings []findingResponse `json:"findings"`
}

func toSourceRecordResponse(s kb.SourceRecord) sourceRecordResponse {
	citedBy := make([]subjectResponse, len(s.CitedBy))
	for i, c := range s.CitedBy {
		citedBy[i] = toSubjectResponse(c)
	}
	return sourceRecordResponse{sourceResponse: toSourceResponse(s.Source), CitedBy: citedBy, Findings: toFindingResponses(s.Findings)}
}

func toSourceResponse(s kb.Source) sourceResponse {
	return sourceResponse{
		releasedResponse: toReleasedResponse(s.Released),
		Slug:             s.Slug, PMID: s.PMID, DOI: s.DOI, Authors: s.Authors, Title: s.Title, Journal: s.Journal,
		Year: s.Year, Citation: s.Citation, PublicationType: s.PublicationType, VerifiedAgainst: s.VerifiedAgainst,
		PeerReviewed: s.PeerReviewed, URL: s.URL, Verification: s.Verification,
	}
}

func toSourceResponses(sources []kb.Source) []sourceResponse {
	out := make([]sourceResponse, len(sources))
	for i, s := range sources {
		out[i] = toSourceResponse(s)
	}
	return out
}

// listSources serves GET /v1/sources: a page of JSON, or in a bibliography format (see
// sourceFormat) every source that q matches, in one answer.
func listSources(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := readParams(r, "q", "verification", "limit", "cursor", "format")
		if err != nil {
			return err
		}
		w.Header().Set("Vary", "Accept")
		f, err := sourceFormat(r)
		if err != nil {
			return err
		}
		var filter kb.SourceFilter
		if filter.Q, err = p.text("q"); err != nil {
			return err
		}
		if filter.Verifications, err = p.anyOf("verification", kb.Verifications); err != nil {
			return err
		}
		if f.bibliography() {
			if err := checkBibliographyParams(p); err != nil {
				return err
			}
			records, err := everything(r.Context(), func(ctx context.Context, page kb.Page) ([]kb.SourceRecord, bool, error) {
				return st.Sources(ctx, filter, page)
			}, func(s kb.SourceRecord) kb.SourceRecord { return s }, sourceKey)
			if err != nil {
				return err
			}
			return writeBibliography(w, r, f, sourcesOf(records))
		}
		page, err := p.page(sourceOrder)
		if err != nil {
			return err
		}
		sources, more, err := st.Sources(r.Context(), filter, page)
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, newList(r, sourceOrder, sources, more, toSourceRecordResponse, sourceKey))
	}
}

// getSource serves GET /v1/sources/{slug} as JSON or as a one-item bibliography.
func getSource(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := readParams(r, "format"); err != nil {
			return err
		}
		w.Header().Set("Vary", "Accept")
		f, err := sourceFormat(r)
		if err != nil {
			return err
		}
		slug, err := pathSlug(r, "source")
		if err != nil {
			return err
		}
		s, err := st.Source(r.Context(), slug)
		if err != nil {
			return err
		}
		if f.bibliography() {
			return writeBibliography(w, r, f, []kb.Source{s.Source})
		}
		return writeJSON(w, r, http.StatusOK, toSourceRecordResponse(s))
	}
}

func sourceKey(s kb.SourceRecord) kb.Key { return kb.Key{Slug: s.Slug} }

// pathSlug returns the {slug} of the path, or an error wrapping kb.ErrNotFound when it cannot
// name any record, so such input never reaches the database.
func pathSlug(r *http.Request, what string) (string, error) {
	slug := chi.URLParam(r, "slug")
	if !kb.ValidSlug(slug) {
		return "", &notFoundError{what: what, key: "slug"}
	}
	return slug, nil
}

// notFoundError reports a path key that cannot name any record.
type notFoundError struct{ what, key string }

func (e *notFoundError) Error() string { return fmt.Sprintf("no %s has that %s", e.what, e.key) }
func (e *notFoundError) Unwrap() error { return kb.ErrNotFound }
