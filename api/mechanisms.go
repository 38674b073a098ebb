package api

import "calcinosiskb/internal/kb"

type mechanismResponse struct {
	Slug         string            `json:"slug"`
	Name         string            `json:"name"`
	Synonyms     []string          `json:"synonyms"`
	Description  string            `json:"description"`
	Support      string            `json:"support"`
	AnimalModels []string          `json:"animal_models"`
	Genes        []string          `json:"genes"`
	StudiedInSSc bool              `json:"studied_in_ssc"`
	InReview     bool              `json:"in_review"`
	Treatments   []refResponse     `json:"treatments"`
	Evidence     []findingResponse `json:"evidence"`
	Sources      []sourceResponse  `json:"sources"`
	releasedResponse
}

func toMechanismResponse(m kb.Mechanism) mechanismResponse {
	return mechanismResponse{
		releasedResponse: toReleasedResponse(m.Released),
		Slug:             m.Slug, Name: m.Name, Synonyms: nonNil(m.Synonyms), Treatments: toRefResponses(m.Treatments),
		Description: m.Description, Support: m.Support,
		AnimalModels: nonNil(m.AnimalModels), Genes: nonNil(m.Genes), StudiedInSSc: m.StudiedInSSc, InReview: m.InReview,
		Evidence: toFindingResponses(m.Evidence), Sources: toSourceResponses(kb.CitedSources(m.Evidence)),
	}
}

func mechanismKey(m kb.Mechanism) kb.Key { return kb.Key{Name: m.Name, Slug: m.Slug} }

// nonNil makes an absent list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
