package api

import "calcinosiskb/internal/kb"

type featureResponse struct {
	Slug        string            `json:"slug"`
	Name        string            `json:"name"`
	Synonyms    []string          `json:"synonyms"`
	Category    string            `json:"category"`
	Description string            `json:"description"`
	InReview    bool              `json:"in_review"`
	Consistency string            `json:"consistency"`
	Evidence    []findingResponse `json:"evidence"`
	Sources     []sourceResponse  `json:"sources"`
}

func toFeatureResponse(f kb.AssociatedFeature) featureResponse {
	return featureResponse{
		Slug: f.Slug, Name: f.Name, Synonyms: nonNil(f.Synonyms), Category: f.Category, Description: f.Description, InReview: f.InReview, Consistency: f.Consistency,
		Evidence: toFindingResponses(f.Evidence), Sources: toSourceResponses(kb.CitedSources(f.Evidence)),
	}
}

func featureKey(f kb.AssociatedFeature) kb.Key { return kb.Key{Name: f.Name, Slug: f.Slug} }
