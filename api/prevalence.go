package api

import (
	"net/http"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// prevalenceOrder is the one order of the prevalence list: largest cohort first.
const prevalenceOrder = "cohort_size"

type prevalenceResponse struct {
	Slug        string            `json:"slug"`
	Cohort      string            `json:"cohort"`
	Kind        string            `json:"kind"`
	Design      string            `json:"design"`
	Definition  string            `json:"definition"`
	N           *int              `json:"n"`
	Cases       *int              `json:"cases"`
	Percent     float64           `json:"percent"`
	Approximate bool              `json:"approximate"`
	Statement   string            `json:"statement"`
	Source      sourceResponse    `json:"source"`
	Evidence    []findingResponse `json:"evidence"`
	releasedResponse
}

func toPrevalenceResponse(p kb.PrevalenceEstimate) prevalenceResponse {
	return prevalenceResponse{
		releasedResponse: toReleasedResponse(p.Released),
		Slug:             p.Slug, Cohort: p.Cohort, Kind: p.Kind, Design: p.Design, Definition: p.Definition,
		N: p.N, Cases: p.Cases, Percent: p.Percent, Approximate: p.Approximate, Statement: p.Statement,
		Source: toSourceResponse(p.Source), Evidence: toFindingResponses(p.Evidence),
	}
}

// listPrevalence serves GET /v1/prevalence.
func listPrevalence(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		q, page, err := searchPage(r, prevalenceOrder)
		if err != nil {
			return err
		}
		estimates, more, err := st.Prevalence(r.Context(), q, page)
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, newList(r, prevalenceOrder, estimates, more, toPrevalenceResponse, prevalenceKey))
	}
}

// prevalenceKey places an estimate by cohort size; the summary, without one, ranks as 0.
func prevalenceKey(p kb.PrevalenceEstimate) kb.Key {
	size := 0
	if p.N != nil {
		size = *p.N
	}
	return kb.Key{Rank: size, Slug: p.Slug}
}
