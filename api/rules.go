package api

import (
	"net/http"

	"calcinosiskb/internal/synthesis"
)

// rulesResponse states the synthesis rules in words, with their version.
type rulesResponse struct {
	Version string         `json:"version"`
	Rules   []ruleResponse `json:"rules"`
}

type ruleResponse struct {
	ID        string `json:"id"`
	Statement string `json:"statement"`
}

// getSynthesisRules serves GET /v1/synthesis-rules.
func getSynthesisRules(w http.ResponseWriter, r *http.Request) error {
	if _, err := readParams(r); err != nil {
		return err
	}
	rules := make([]ruleResponse, len(synthesis.Rules))
	for i, rule := range synthesis.Rules {
		rules[i] = ruleResponse{ID: rule.ID, Statement: rule.Statement}
	}
	return writeJSON(w, r, http.StatusOK, rulesResponse{Version: synthesis.RulesVersion, Rules: rules})
}
