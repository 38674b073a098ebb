package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

type subjectResponse struct {
	Type string `json:"type"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

func toSubjectResponse(s kb.Subject) subjectResponse {
	return subjectResponse{Type: s.Type, Slug: s.Slug, Name: s.Name}
}

// findingResponse is one study result; fields the source does not give are null.
type findingResponse struct {
	ID                  int64           `json:"id"`
	Key                 string          `json:"key"`
	Subject             subjectResponse `json:"subject"`
	Source              sourceResponse  `json:"source"`
	Design              string          `json:"design"`
	Population          *string         `json:"population"`
	NSSc                *int            `json:"n_ssc"`
	NTotal              *int            `json:"n_total"`
	Measure             *string         `json:"measure"`
	Estimate            *float64        `json:"estimate"`
	CILow               *float64        `json:"ci_low"`
	CIHigh              *float64        `json:"ci_high"`
	ComparatorEstimate  *float64        `json:"comparator_estimate"`
	Comparison          *string         `json:"comparison"`
	PValue              *float64        `json:"p_value"`
	PRelation           *string         `json:"p_relation"`
	Adjusted            *bool           `json:"adjusted"`
	Events              *int            `json:"events"`
	Denominator         *int            `json:"denominator"`
	Direction           *string         `json:"direction"`
	Outcome             *string         `json:"outcome"`
	Regimen             *string         `json:"regimen"`
	AdverseEffects      *string         `json:"adverse_effects"`
	FollowUp            *string         `json:"follow_up"`
	Recommendation      *string         `json:"recommendation"`
	RecommendationBasis *string         `json:"recommendation_basis"`
	Primary             bool            `json:"primary"`
	EvidenceLevel       int             `json:"evidence_level"`
	Statement           string          `json:"statement"`
	releasedResponse
}

func toFindingResponses(evidence []kb.Finding) []findingResponse {
	out := make([]findingResponse, len(evidence))
	for i, f := range evidence {
		out[i] = toFindingResponse(f)
	}
	return out
}

func toFindingResponse(f kb.Finding) findingResponse {
	return findingResponse{
		releasedResponse: toReleasedResponse(f.Released),
		ID:               f.ID,
		Key:              f.Key,
		Subject:          toSubjectResponse(f.Subject),
		Source:           toSourceResponse(f.Source), Design: f.Design, Population: f.Population,
		NSSc: f.NSSc, NTotal: f.NTotal, Measure: f.Measure, Estimate: f.Estimate,
		CILow: f.CILow, CIHigh: f.CIHigh, ComparatorEstimate: f.ComparatorEstimate,
		Comparison: f.Comparison, PValue: f.PValue, PRelation: f.PRelation, Adjusted: f.Adjusted,
		Events: f.Events, Denominator: f.Denominator, Direction: f.Direction, Outcome: f.Outcome,
		Regimen: f.Regimen, AdverseEffects: f.AdverseEffects, FollowUp: f.FollowUp,
		Recommendation: f.Recommendation, RecommendationBasis: f.RecommendationBasis, Primary: f.Primary,
		EvidenceLevel: f.EvidenceLevel, Statement: f.Statement,
	}
}

// findingOrder is the one order of the findings list: by id.
const findingOrder = "id"

// listFindings serves GET /v1/findings.
func listFindings(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		filter, err := findingFilter(r)
		if err != nil {
			return err
		}
		findings, more, err := st.Findings(r.Context(), filter)
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, newList(r, findingOrder, findings, more, toFindingResponse, findingKey))
	}
}

// findingKey places a finding by its id, the order of the findings list.
func findingKey(f kb.Finding) kb.Key { return kb.Key{Rank: int(f.ID)} }

// getFinding serves GET /v1/findings/{id}.
func getFinding(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := readParams(r); err != nil {
			return err
		}
		raw := chi.URLParam(r, "id")
		id, err := strconv.ParseInt(raw, 10, 64)
		// Only the canonical form names a finding: no sign, no leading zeros.
		if err != nil || id <= 0 || strconv.FormatInt(id, 10) != raw {
			return &notFoundError{what: "finding", key: "id"}
		}
		f, err := st.Finding(r.Context(), id)
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, toFindingResponse(f))
	}
}

// getFindingByKey serves GET /v1/findings/{source}/{subject}/{name}: the finding whose natural
// key is source/subject/name.
func getFindingByKey(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := readParams(r); err != nil {
			return err
		}
		var parts [3]string
		for i, name := range []string{"source", "subject", "name"} {
			parts[i] = chi.URLParam(r, name)
			if !kb.ValidSlug(parts[i]) {
				return &notFoundError{what: "finding", key: "key"}
			}
		}
		f, err := st.FindingByKey(r.Context(), strings.Join(parts[:], "/"))
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, toFindingResponse(f))
	}
}
