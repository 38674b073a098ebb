package api

import (
	"net/http"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// searchHitResponse is one record a search found; its snippet marks matches with <mark>.
type searchHitResponse struct {
	Kind     string   `json:"kind"`
	Slug     string   `json:"slug"`
	Name     string   `json:"name"`
	Synonyms []string `json:"synonyms"`
	Snippet  string   `json:"snippet"`
	Score    float64  `json:"score"`
}

type searchResponse struct {
	Query string              `json:"query"`
	Data  []searchHitResponse `json:"data"`
}

// search serves GET /v1/search: every kind of record, best match first.
func search(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		q, limit, err := searchQuery(r)
		if err != nil {
			return err
		}
		hits, err := st.Search(r.Context(), q, limit)
		if err != nil {
			return err
		}
		resp := searchResponse{Query: q, Data: make([]searchHitResponse, len(hits))}
		for i, h := range hits {
			resp.Data[i] = toSearchHitResponse(h)
		}
		return writeJSON(w, r, http.StatusOK, resp)
	}
}

func toSearchHitResponse(h kb.SearchHit) searchHitResponse {
	return searchHitResponse{Kind: h.Type, Slug: h.Slug, Name: h.Name, Synonyms: nonNil(h.Synonyms), Snippet: h.Snippet, Score: h.Score}
}
