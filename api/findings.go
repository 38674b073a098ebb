package api

import "calcinosiskb/internal/kb"

// findingResponse is one study result; fields the source does not give are null.
type findingResponse struct {
	Source             sourceResponse `json:"source"`
	Design             string         `json:"design"`
	Population         *string        `json:"population"`
	NSSc               *int           `json:"n_ssc"`
	NTotal             *int           `json:"n_total"`
	Measure            *string        `json:"measure"`
	Estimate           *float64       `json:"estimate"`
	CILow              *float64       `json:"ci_low"`
	CIHigh             *float64       `json:"ci_high"`
	ComparatorEstimate *float64       `json:"comparator_estimate"`
	Comparison         *string        `json:"comparison"`
	PValue             *float64       `json:"p_value"`
	PRelation          *string        `json:"p_relation"`
	Adjusted           *bool          `json:"adjusted"`
	Events             *int           `json:"events"`
	Denominator        *int           `json:"denominator"`
	Direction          *string        `json:"direction"`
	Outcome            *string        `json:"outcome"`
	Regimen            *string        `json:"regimen"`
	AdverseEffects     *string        `json:"adverse_effects"`
	FollowUp           *string        `json:"follow_up"`
	EvidenceLevel      int            `json:"evidence_level"`
	Statement          string         `json:"statement"`
}

func toFindingResponses(evidence []kb.Finding) []findingResponse {
	out := make([]findingResponse, len(evidence))
	for i, f := range evidence {
		out[i] = findingResponse{
			Source: toSourceResponse(f.Source), Design: f.Design, Population: f.Population,
			NSSc: f.NSSc, NTotal: f.NTotal, Measure: f.Measure, Estimate: f.Estimate,
			CILow: f.CILow, CIHigh: f.CIHigh, ComparatorEstimate: f.ComparatorEstimate,
			Comparison: f.Comparison, PValue: f.PValue, PRelation: f.PRelation, Adjusted: f.Adjusted,
			Events: f.Events, Denominator: f.Denominator, Direction: f.Direction, Outcome: f.Outcome,
			Regimen: f.Regimen, AdverseEffects: f.AdverseEffects, FollowUp: f.FollowUp,
			EvidenceLevel: f.EvidenceLevel, Statement: f.Statement,
		}
	}
	return out
}
