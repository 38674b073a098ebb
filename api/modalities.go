package api

import "calcinosiskb/internal/kb"

type modalityResponse struct {
	Slug        string            `json:"slug"`
	Name        string            `json:"name"`
	Synonyms    []string          `json:"synonyms"`
	Role        string            `json:"role"`
	Shows       string            `json:"shows"`
	Strengths   string            `json:"strengths"`
	Limitations string            `json:"limitations"`
	InReview    bool              `json:"in_review"`
	Evidence    []findingResponse `json:"evidence"`
	Sources     []sourceResponse  `json:"sources"`
	releasedResponse
}

func toModalityResponse(m kb.DiagnosticModality) modalityResponse {
	return modalityResponse{
		releasedResponse: toReleasedResponse(m.Released),
		Slug:             m.Slug, Name: m.Name, Synonyms: nonNil(m.Synonyms), Role: m.Role, Shows: m.Shows, Strengths: m.Strengths,
		Limitations: m.Limitations, InReview: m.InReview,
		Evidence: toFindingResponses(m.Evidence), Sources: toSourceResponses(kb.CitedSources(m.Evidence)),
	}
}

func modalityKey(m kb.DiagnosticModality) kb.Key { return kb.Key{Name: m.Name, Slug: m.Slug} }
