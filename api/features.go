package api

import "calcinosiskb/internal/kb"

type featureResponse struct {
	Slug              string            `json:"slug"`
	Name              string            `json:"name"`
	Synonyms          []string          `json:"synonyms"`
	Category          string            `json:"category"`
	Description       string            `json:"description"`
	InReview          bool              `json:"in_review"`
	Consistency       string            `json:"consistency"`
	Effects           []effectResponse  `json:"effects"`
	StrongestAdjusted *effectResponse   `json:"strongest_adjusted"`
	Evidence          []findingResponse `json:"evidence"`
	Sources           []sourceResponse  `json:"sources"`
	releasedResponse
}

// effectResponse is one effect estimate, ready to be drawn beside the others.
type effectResponse struct {
	FindingID          int64    `json:"finding_id"`
	Measure            string   `json:"measure"`
	Estimate           float64  `json:"estimate"`
	CILow              *float64 `json:"ci_low"`
	CIHigh             *float64 `json:"ci_high"`
	ComparatorEstimate *float64 `json:"comparator_estimate"`
	N                  *int     `json:"n"`
	Adjusted           *bool    `json:"adjusted"`
	Primary            bool     `json:"primary"`
	Source             string   `json:"source"`
	Design             string   `json:"design"`
	EvidenceLevel      int      `json:"evidence_level"`
}

func toEffectResponse(e kb.Effect) effectResponse {
	return effectResponse{
		FindingID: e.FindingID, Measure: e.Measure, Estimate: e.Estimate, CILow: e.CILow, CIHigh: e.CIHigh,
		ComparatorEstimate: e.ComparatorEstimate, N: e.N, Adjusted: e.Adjusted, Primary: e.Primary,
		Source: e.Source, Design: e.Design, EvidenceLevel: e.EvidenceLevel,
	}
}

func toFeatureResponse(f kb.AssociatedFeature) featureResponse {
	effects := make([]effectResponse, len(f.Effects))
	for i, e := range f.Effects {
		effects[i] = toEffectResponse(e)
	}
	var strongest *effectResponse
	if f.StrongestAdjusted != nil {
		e := toEffectResponse(*f.StrongestAdjusted)
		strongest = &e
	}
	return featureResponse{
		releasedResponse: toReleasedResponse(f.Released),
		Slug:             f.Slug, Name: f.Name, Synonyms: nonNil(f.Synonyms), Category: f.Category, Description: f.Description, InReview: f.InReview, Consistency: f.Consistency,
		Effects: effects, StrongestAdjusted: strongest,
		Evidence: toFindingResponses(f.Evidence), Sources: toSourceResponses(kb.CitedSources(f.Evidence)),
	}
}

func featureKey(f kb.AssociatedFeature) kb.Key { return kb.Key{Name: f.Name, Slug: f.Slug} }
