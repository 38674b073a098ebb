package api

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// The FHIR R5 face of the knowledge base: its findings as Evidence, its sources as Citation.
// Until natural keys for findings exist, an Evidence resource's id is its finding's id.

const (
	fhirVersion   = "5.0.0"
	fhirMediaType = "application/fhir+json"
	// capabilityDate is when the CapabilityStatement last changed.
	capabilityDate = "2026-12-01"
	// maxFHIRID is the longest id FHIR allows; a longer slug cannot name a Citation.
	maxFHIRID = 64
)

// fhirFormats are what the FHIR routes can answer in: FHIR JSON, also under its generic name.
var fhirFormats = []string{fhirMediaType, "application/json"}

// handleFHIR adapts h like handle, but answers errors as an OperationOutcome.
func handleFHIR(log *slog.Logger, h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			if p, ok := problemFor(log, w, r, err); ok {
				writeOutcome(w, r, p)
			}
		}
	}
}

// fhirFormat chooses the media type of a FHIR answer: _format when the query gives it (as
// FHIR lets clients that cannot set headers do), else the Accept header. It says the answer
// varies by Accept, whichever decides.
func fhirFormat(w http.ResponseWriter, r *http.Request, p params) (string, error) {
	w.Header().Set("Vary", "Accept")
	if p.has("_format") {
		switch p.get("_format") {
		// An unencoded "+" in a query string reads as a space; clients send it so.
		case "json", fhirMediaType, "application/fhir json":
			return fhirMediaType, nil
		case "application/json":
			return "application/json", nil
		}
		return "", &paramError{param: "_format", reason: "must be json, application/fhir+json or application/json: this server speaks FHIR JSON only"}
	}
	i := negotiate(r.Header.Values("Accept"), fhirFormats)
	if i < 0 {
		return "", &notAcceptableError{offered: fhirFormats}
	}
	return fhirFormats[i], nil
}

// writeFHIR sends resource as mediaType.
func writeFHIR(w http.ResponseWriter, r *http.Request, mediaType string, resource any) error {
	body, err := json.Marshal(resource)
	if err != nil {
		return fmt.Errorf("encode %T: %w", resource, err)
	}
	return writeBody(w, r, http.StatusOK, mediaType, append(body, '\n'))
}

// operationOutcome is the FHIR form of a problem.
type operationOutcome struct {
	ResourceType string         `json:"resourceType"`
	Issue        []outcomeIssue `json:"issue"`
}

type outcomeIssue struct {
	Severity    string `json:"severity"`
	Code        string `json:"code"`
	Diagnostics string `json:"diagnostics"`
}

// issueCodes maps a problem's status to the issue type FHIR names for it.
var issueCodes = map[int]string{
	http.StatusBadRequest:          "invalid",
	http.StatusNotFound:            "not-found",
	http.StatusGone:                "deleted",
	http.StatusMethodNotAllowed:    "not-supported",
	http.StatusNotAcceptable:       "not-supported",
	http.StatusTooManyRequests:     "throttled",
	http.StatusServiceUnavailable:  "transient",
	http.StatusInternalServerError: "exception",
}

// writeOutcome writes p as an OperationOutcome with p's status.
func writeOutcome(w http.ResponseWriter, r *http.Request, p problem) {
	code, ok := issueCodes[p.Status]
	if !ok {
		code = "processing"
	}
	issue := outcomeIssue{Severity: "error", Code: code, Diagnostics: p.Detail}
	if id := requestID(r); id != "" {
		issue.Diagnostics += " (request " + id + ")"
	}
	body, err := json.Marshal(operationOutcome{ResourceType: "OperationOutcome", Issue: []outcomeIssue{issue}})
	if err != nil {
		// An outcome holds only strings: it always encodes.
		panic(err)
	}
	w.Header().Set("Content-Type", fhirMediaType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_, _ = w.Write(append(body, '\n'))
}

func fhirNotFound(w http.ResponseWriter, r *http.Request) {
	writeOutcome(w, r, problem{Status: http.StatusNotFound,
		Detail: fmt.Sprintf("No FHIR resource at %s; GET /fhir/metadata lists what this server offers.", r.URL.Path)})
}

func fhirMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", "GET, HEAD")
	writeOutcome(w, r, problem{Status: http.StatusMethodNotAllowed,
		Detail: fmt.Sprintf("Method %s is not allowed on %s; this FHIR server only reads (GET, HEAD).", r.Method, r.URL.Path)})
}

// fhirBase is the address of the FHIR endpoint as the client reached it, for absolute URLs.
func fhirBase(r *http.Request) string { return baseURL(r) + "/fhir" }

// getEvidence serves GET /fhir/Evidence/{id}.
func getEvidence(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := readParams(r, "_format")
		if err != nil {
			return err
		}
		mediaType, err := fhirFormat(w, r, p)
		if err != nil {
			return err
		}
		raw := chi.URLParam(r, "id")
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 || strconv.FormatInt(id, 10) != raw {
			return &notFoundError{what: "Evidence", key: "id"}
		}
		f, err := st.Finding(r.Context(), id)
		if err != nil {
			return err
		}
		if !hasEvidence(f) {
			return fmt.Errorf("finding %d reports no effect estimate or outcome, so it is no Evidence: %w", id, kb.ErrNotFound)
		}
		syntheses, err := treatmentSyntheses(r.Context(), st, []kb.Finding{f})
		if err != nil {
			return err
		}
		return writeFHIR(w, r, mediaType, toEvidence(f, syntheses[f.Subject.Slug]))
	}
}

// treatmentSyntheses returns, by slug, the synthesis of each treatment that findings are about:
// one read for one treatment, else one list of them all.
func treatmentSyntheses(ctx context.Context, st *postgres.Store, findings []kb.Finding) (map[string]*kb.Synthesis, error) {
	out := map[string]*kb.Synthesis{}
	for _, f := range findings {
		if f.Subject.Type == "treatment" {
			out[f.Subject.Slug] = nil
		}
	}
	switch len(out) {
	case 0:
		return out, nil
	case 1:
		for slug := range out {
			t, err := st.Treatment(ctx, slug)
			if err != nil {
				return nil, err
			}
			out[slug] = &t.Synthesis
		}
		return out, nil
	}
	all, err := everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.Treatment, bool, error) {
		return st.Treatments(ctx, kb.TreatmentFilter{Sort: kb.SortName, Page: p})
	}, func(t kb.Treatment) kb.Treatment { return t }, treatmentKey(kb.SortName))
	if err != nil {
		return nil, err
	}
	for i, t := range all {
		if _, ok := out[t.Slug]; ok {
			out[t.Slug] = &all[i].Synthesis
		}
	}
	return out, nil
}

// hasEvidence reports whether a finding states a result: an estimate or an outcome.
func hasEvidence(f kb.Finding) bool { return f.Estimate != nil || f.Outcome != nil }

// searchEvidence serves GET /fhir/Evidence, narrowed by subject, as a searchset Bundle.
func searchEvidence(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := readParams(r, "subject", "_format")
		if err != nil {
			return err
		}
		mediaType, err := fhirFormat(w, r, p)
		if err != nil {
			return err
		}
		subject, err := p.slug("subject")
		if err != nil {
			return err
		}
		findings, err := everything(r.Context(), func(ctx context.Context, page kb.Page) ([]kb.Finding, bool, error) {
			f := kb.FindingFilter{Subject: subject, Limit: page.Limit}
			if page.After != nil {
				f.AfterID = int64(page.After.Rank)
			}
			return st.Findings(ctx, f)
		}, func(f kb.Finding) kb.Finding { return f }, findingKey)
		if err != nil {
			return err
		}
		syntheses, err := treatmentSyntheses(r.Context(), st, findings)
		if err != nil {
			return err
		}
		base := fhirBase(r)
		self := base + "/Evidence"
		if subject != "" {
			self += "?subject=" + subject
		}
		b := bundle{ResourceType: "Bundle", Type: "searchset", Link: []bundleLink{{Relation: "self", URL: self}}, Entry: []bundleEntry{}}
		for _, f := range findings {
			if !hasEvidence(f) {
				continue
			}
			e := toEvidence(f, syntheses[f.Subject.Slug])
			b.Entry = append(b.Entry, bundleEntry{FullURL: base + "/Evidence/" + e.ID, Resource: e, Search: &bundleSearch{Mode: "match"}})
		}
		b.Total = len(b.Entry)
		return writeFHIR(w, r, mediaType, b)
	}
}

// getCitation serves GET /fhir/Citation/{slug}.
func getCitation(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := readParams(r, "_format")
		if err != nil {
			return err
		}
		mediaType, err := fhirFormat(w, r, p)
		if err != nil {
			return err
		}
		slug, err := pathSlug(r, "Citation")
		if err != nil || len(slug) > maxFHIRID {
			return &notFoundError{what: "Citation", key: "id"}
		}
		s, err := st.Source(r.Context(), slug)
		if err != nil {
			return err
		}
		return writeFHIR(w, r, mediaType, toCitation(s.Source))
	}
}

// getCapabilities serves GET /fhir/metadata.
func getCapabilities() handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := readParams(r, "_format")
		if err != nil {
			return err
		}
		mediaType, err := fhirFormat(w, r, p)
		if err != nil {
			return err
		}
		return writeFHIR(w, r, mediaType, capabilities(fhirBase(r)))
	}
}
