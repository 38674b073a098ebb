package api

import (
	"net/http"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// prevalenceOrder is the one order of the prevalence list: largest cohort first.
const prevalenceOrder = "cohort_size"

type prevalenceResponse struct {
	Slug        string         `json:"slug"`
	Cohort      string         `json:"cohort"`
	Kind        string         `json:"kind"`
	Design      string         `json:"design"`
	Definition  string         `json:"definition"`
	N           *int           `json:"n"`
	Cases       *int           `json:"cases"`
	Percent     float64        `json:"percent"`
	Approximate bool           `json:"approximate"`
	Statement   string         `json:"statement"`
	Source      sourceResponse `json:"source"`
}

func toPrevalenceResponse(p kb.PrevalenceEstimate) prevalenceResponse {
	return prevalenceResponse{
		Slug: p.Slug, Cohort: p.Cohort, Kind: p.Kind, Design: p.Design, Definition: p.Definition,
		N: p.N, Cases: p.Cases, Percent: p.Percent, Approximate: p.Approximate, Statement: p.Statement,
		Source: toSourceResponse(p.Source),
	}
}

// listPrevalence serves GET /v1/prevalence.
func listPrevalence(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		page, err := plainPage(r, prevalenceOrder)
		if err != nil {
			return err
		}
		estimates, more, err := st.Prevalence(r.Context(), page)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, newList(r, prevalenceOrder, estimates, more, toPrevalenceResponse,
			func(p kb.PrevalenceEstimate) kb.Key { return kb.Key{Rank: derefOr(p.N, 0), Slug: p.Slug} }))
	}
}

func derefOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}
