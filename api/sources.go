package api

import (
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
		Slug: s.Slug, PMID: s.PMID, DOI: s.DOI, Authors: s.Authors, Title: s.Title, Journal: s.Journal,
		Year: s.Year, Citation: s.Citation, PublicationType: s.PublicationType, VerifiedAgainst: s.VerifiedAgainst,
		PeerReviewed: s.PeerReviewed,
	}
}

func toSourceResponses(sources []kb.Source) []sourceResponse {
	out := make([]sourceResponse, len(sources))
	for i, s := range sources {
		out[i] = toSourceResponse(s)
	}
	return out
}

// listSources serves GET /v1/sources.
func listSources(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		q, page, err := searchPage(r, sourceOrder)
		if err != nil {
			return err
		}
		sources, more, err := st.Sources(r.Context(), q, page)
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, newList(r, sourceOrder, sources, more, toSourceRecordResponse, sourceKey))
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
