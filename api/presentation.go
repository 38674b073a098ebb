package api

import "calcinosiskb/internal/kb"

type presentationResponse struct {
	Slug        string            `json:"slug"`
	Name        string            `json:"name"`
	Synonyms    []string          `json:"synonyms"`
	Kind        string            `json:"kind"`
	Description string            `json:"description"`
	Evidence    []findingResponse `json:"evidence"`
	Sources     []sourceResponse  `json:"sources"`
	releasedResponse
}

func toPresentationResponse(p kb.PresentationItem) presentationResponse {
	return presentationResponse{
		releasedResponse: toReleasedResponse(p.Released),
		Slug:             p.Slug, Name: p.Name, Synonyms: nonNil(p.Synonyms), Kind: p.Kind, Description: p.Description,
		Evidence: toFindingResponses(p.Evidence), Sources: toSourceResponses(kb.CitedSources(p.Evidence)),
	}
}

func presentationKey(p kb.PresentationItem) kb.Key { return kb.Key{Name: p.Name, Slug: p.Slug} }
