package api

import (
	"net/http"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/synthesis"
)

// refResponse names another record, for navigation.
type refResponse struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

func toRefResponses(refs []kb.Ref) []refResponse {
	out := make([]refResponse, len(refs))
	for i, r := range refs {
		out[i] = refResponse{Slug: r.Slug, Name: r.Name}
	}
	return out
}

// evidenceSummaryResponse is what a treatment's evidence adds up to, derived from its items.
type evidenceSummaryResponse struct {
	Studies            int    `json:"studies"`
	SScPatients        int    `json:"ssc_patients"`
	Improved           int    `json:"improved"`
	NoEffect           int    `json:"no_effect"`
	Mixed              int    `json:"mixed"`
	Worsened           int    `json:"worsened"`
	StrongestLevel     int    `json:"strongest_level"`
	StrongestDesign    string `json:"strongest_design"`
	RecommendedAgainst bool   `json:"recommended_against"`
	CompletedRCTInSSc  bool   `json:"completed_rct_in_ssc"`
}

type treatmentResponse struct {
	Slug            string                  `json:"slug"`
	Name            string                  `json:"name"`
	Synonyms        []string                `json:"synonyms"`
	Category        string                  `json:"category"`
	DrugClass       *string                 `json:"drug_class"`
	Route           *string                 `json:"route"`
	Rationale       string                  `json:"rationale"`
	Mainstay        bool                    `json:"mainstay"`
	EvidenceLevel   int                     `json:"evidence_level"`
	EvidenceSummary evidenceSummaryResponse `json:"evidence_summary"`
	Synthesis       synthesisResponse       `json:"synthesis"`
	Mechanisms      []refResponse           `json:"mechanisms"`
	Evidence        []findingResponse       `json:"evidence"`
	Sources         []sourceResponse        `json:"sources"`
	releasedResponse
}

func toTreatmentResponse(t kb.Treatment) treatmentResponse {
	s := t.Summary
	return treatmentResponse{
		releasedResponse: toReleasedResponse(t.Released),
		Slug:             t.Slug, Name: t.Name, Synonyms: nonNil(t.Synonyms), Category: t.Category, DrugClass: t.DrugClass,
		Route: t.Route, Rationale: t.Rationale, Mainstay: t.Mainstay, EvidenceLevel: s.StrongestLevel,
		EvidenceSummary: evidenceSummaryResponse{
			Studies: s.Studies, SScPatients: s.SScPatients,
			Improved: s.Improved, NoEffect: s.NoEffect, Mixed: s.Mixed, Worsened: s.Worsened,
			StrongestLevel: s.StrongestLevel, StrongestDesign: s.StrongestDesign,
			RecommendedAgainst: s.RecommendedAgainst, CompletedRCTInSSc: s.CompletedRCTInSSc,
		},
		Synthesis:  toSynthesisResponse(t.Synthesis),
		Mechanisms: toRefResponses(t.Mechanisms),
		Evidence:   toFindingResponses(t.Evidence), Sources: toSourceResponses(kb.CitedSources(t.Evidence)),
	}
}

// synthesisResponse is what a treatment's findings add up to under the synthesis rules.
type synthesisResponse struct {
	Studies          int                       `json:"studies"`
	SScPatients      int                       `json:"ssc_patients"`
	ByPrimaryOutcome outcomeCountsResponse     `json:"by_primary_outcome"`
	Secondary        []secondaryResultResponse `json:"secondary_results"`
	BenefitLevel     *int                      `json:"benefit_level"`
	NoBenefitLevel   *int                      `json:"no_benefit_level"`
	Certainty        *string                   `json:"certainty"`
	CertaintyReasons []string                  `json:"certainty_reasons"`
	Assessment       string                    `json:"assessment"`
	AssessmentReason string                    `json:"assessment_reason"`
	RulesVersion     string                    `json:"rules_version"`
}

type outcomeCountsResponse struct {
	Improved int `json:"improved"`
	Mixed    int `json:"mixed"`
	NoEffect int `json:"no_effect"`
	Worsened int `json:"worsened"`
}

type secondaryResultResponse struct {
	FindingID int64  `json:"finding_id"`
	Source    string `json:"source"`
	Outcome   string `json:"outcome"`
	Statement string `json:"statement"`
}

func toSynthesisResponse(s kb.Synthesis) synthesisResponse {
	secondary := make([]secondaryResultResponse, len(s.Secondary))
	for i, r := range s.Secondary {
		secondary[i] = secondaryResultResponse{FindingID: r.FindingID, Source: r.Source, Outcome: r.Outcome, Statement: r.Statement}
	}
	return synthesisResponse{
		Studies: s.Studies, SScPatients: s.SScPatients,
		ByPrimaryOutcome: outcomeCountsResponse{
			Improved: s.ByPrimaryOutcome.Improved, Mixed: s.ByPrimaryOutcome.Mixed,
			NoEffect: s.ByPrimaryOutcome.NoEffect, Worsened: s.ByPrimaryOutcome.Worsened,
		},
		Secondary: secondary, BenefitLevel: s.BenefitLevel, NoBenefitLevel: s.NoBenefitLevel,
		Certainty: s.Certainty, CertaintyReasons: nonNil(s.CertaintyReasons),
		Assessment: s.Assessment, AssessmentReason: s.AssessmentReason, RulesVersion: synthesis.RulesVersion,
	}
}

// treatmentKey returns the position of t in a list sorted by sort.
func treatmentKey(sort string) func(kb.Treatment) kb.Key {
	return func(t kb.Treatment) kb.Key {
		rank := t.Summary.StrongestLevel
		switch sort {
		case kb.SortSScPatients:
			rank = t.Summary.SScPatients
		case kb.SortBenefit:
			rank = synthesis.BenefitRank(t.Synthesis)
		}
		return kb.Key{Rank: rank, Name: t.Name, Slug: t.Slug}
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
			exists, err := st.MechanismExists(r.Context(), filter.Mechanism)
			if err != nil {
				return err
			}
			if !exists {
				return &paramError{param: "mechanism", reason: "names no mechanism; GET /v1/mechanisms lists them"}
			}
		}
		treatments, more, err := st.Treatments(r.Context(), filter)
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, newList(r, filter.Sort, treatments, more, toTreatmentResponse, treatmentKey(filter.Sort)))
	}
}
