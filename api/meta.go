package api

import (
	"net/http"

	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/synthesis"
)

type metaResponse struct {
	DataVersion   string `json:"data_version"`
	SchemaVersion int    `json:"schema_version"`
	// Release is the current data release: GET /v1/changes?since= it tells a client what to update.
	Release      *string        `json:"release"`
	Counts       map[string]int `json:"counts"`
	Verification verification   `json:"verification"`
	// RulesVersion is the version of the synthesis rules behind every treatment's synthesis.
	RulesVersion string   `json:"rules_version"`
	Licenses     licenses `json:"licenses"`
}

// licenses names, as SPDX identifiers, the terms on which the project may be reused: the code
// (the LICENSE file) and the content the API serves.
type licenses struct {
	Code    string `json:"code"`
	Content string `json:"content"`
}

// The licences README.md and openapi.yaml state; a test holds the three together.
const (
	codeLicense    = "Apache-2.0"
	contentLicense = "CC0-1.0"
)

// verification says how deep the checking of sources went.
type verification struct {
	SourcesByDepth map[string]int `json:"sources_by_depth"`
	GreyLiterature int            `json:"grey_literature"`
}

// getMeta serves GET /v1/meta.
func getMeta(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := readParams(r); err != nil {
			return err
		}
		m, err := st.Meta(r.Context())
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, metaResponse{
			DataVersion: m.DataVersion, SchemaVersion: m.SchemaVersion, Release: m.Release, Counts: m.Counts,
			Verification: verification{SourcesByDepth: m.VerifiedAgainst, GreyLiterature: m.GreyLiterature},
			RulesVersion: synthesis.RulesVersion,
			Licenses:     licenses{Code: codeLicense, Content: contentLicense},
		})
	}
}
