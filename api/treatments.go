package api

import (
	"errors"
	"net/http"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

type mechanismRefResponse struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type treatmentResponse struct {
	Slug          string                 `json:"slug"`
	Name          string                 `json:"name"`
	Category      string                 `json:"category"`
	DrugClass     *string                `json:"drug_class"`
	Route         *string                `json:"route"`
	Rationale     string                 `json:"rationale"`
	Mainstay      bool                   `json:"mainstay"`
	EvidenceLevel int                    `json:"evidence_level"`
	Mechanisms    []mechanismRefResponse `json:"mechanisms"`
	Evidence      []findingResponse      `json:"evidence"`
	Sources       []sourceResponse       `json:"sources"`
}

func toTreatmentResponse(t kb.Treatment) treatmentResponse {
	mechanisms := make([]mechanismRefResponse, len(t.Mechanisms))
	for i, m := range t.Mechanisms {
		mechanisms[i] = mechanismRefResponse{Slug: m.Slug, Name: m.Name}
	}
	return treatmentResponse{
		Slug: t.Slug, Name: t.Name, Category: t.Category, DrugClass: t.DrugClass, Route: t.Route,
		Rationale: t.Rationale, Mainstay: t.Mainstay, EvidenceLevel: t.EvidenceLevel, Mechanisms: mechanisms,
		Evidence: toFindingResponses(t.Evidence), Sources: toSourceResponses(kb.CitedSources(t.Evidence)),
	}
}

// listTreatments serves GET /v1/treatments.
func listTreatments(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		filter, err := treatmentFilter(r)
		if err != nil {
			return err
		}
		if filter.Mechanism != "" {
			// An unknown mechanism is a client's mistake to report, not an empty answer.
			if _, err := st.Mechanism(r.Context(), filter.Mechanism); errors.Is(err, kb.ErrNotFound) {
				return &paramError{param: "mechanism", reason: "names no mechanism; GET /v1/mechanisms lists them"}
			} else if err != nil {
				return err
			}
		}
		treatments, more, err := st.Treatments(r.Context(), filter)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, newList(r, filter.Sort, treatments, more, toTreatmentResponse,
			func(t kb.Treatment) kb.Key { return kb.Key{Rank: t.EvidenceLevel, Name: t.Name, Slug: t.Slug} }))
	}
}
