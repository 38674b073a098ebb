package api

import (
	"net/http"

	"log/slog"

	"github.com/go-chi/chi/v5"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// addRoutes holds every path of the API.
func addRoutes(r chi.Router, log *slog.Logger, st *postgres.Store, spec []byte, metrics http.Handler) {
	h := func(fn handlerFunc) func(w http.ResponseWriter, r *http.Request) { return handle(log, fn) }

	r.Get("/healthz", healthz)
	r.Get("/readyz", h(readyz(st)))
	r.Get("/openapi.yaml", h(serveSpec(spec)))
	addDocsRoutes(r)
	r.Get("/metrics", metrics.ServeHTTP)

	r.Route("/v1", func(r chi.Router) {
		r.Use(cacheAnswers(log, st))
		r.Get("/associated-features", h(listByKind("category", kb.FeatureCategories, st.AssociatedFeatures, toFeatureResponse, featureKey)))
		r.Get("/associated-features/{slug}", h(getRecord("associated feature", st.AssociatedFeature, toFeatureResponse)))
		r.Get("/mechanisms", h(listByKind("support", kb.MechanismSupports, st.Mechanisms, toMechanismResponse, mechanismKey)))
		r.Get("/mechanisms/{slug}", h(getRecord("mechanism", st.Mechanism, toMechanismResponse)))
		r.Get("/diagnostic-modalities", h(listByKind("role", kb.ModalityRoles, st.DiagnosticModalities, toModalityResponse, modalityKey)))
		r.Get("/diagnostic-modalities/{slug}", h(getRecord("diagnostic modality", st.DiagnosticModality, toModalityResponse)))
		r.Get("/treatments", h(listTreatments(st)))
		r.Get("/treatments/{slug}", h(getRecord("treatment", st.Treatment, toTreatmentResponse)))
		r.Get("/prevalence", h(listPrevalence(st)))
		r.Get("/prevalence/{slug}", h(getRecord("prevalence estimate", st.PrevalenceEstimate, toPrevalenceResponse)))
		r.Get("/clinical-presentation", h(listByKind("kind", kb.PresentationKinds, st.PresentationItems, toPresentationResponse, presentationKey)))
		r.Get("/clinical-presentation/{slug}", h(getRecord("presentation item", st.PresentationItem, toPresentationResponse)))
		// The sources negotiate JSON or a bibliography format (citations.go).
		r.Get("/sources", h(listSources(st)))
		r.Get("/sources/{slug}", h(getSource(st)))
		r.Get("/findings", h(listFindings(st)))
		r.Get("/findings/{id}", h(getFinding(st)))
		r.Get("/findings/{source}/{subject}/{name}", h(getFindingByKey(st)))
		r.Get("/meta", h(getMeta(st)))
		r.Get("/synthesis-rules", h(getSynthesisRules))
		r.Get("/search", h(search(st)))
		r.Get("/export", h(export(st)))
	})

	// FHIR R5 (fhir.go): read-only Evidence and Citation; errors are OperationOutcomes.
	r.Route("/fhir", func(r chi.Router) {
		r.NotFound(fhirNotFound)
		r.MethodNotAllowed(fhirMethodNotAllowed)
		f := func(fn handlerFunc) http.HandlerFunc { return handleFHIR(log, fn) }
		r.Get("/metadata", f(getCapabilities()))
		r.Get("/Evidence", f(searchEvidence(st)))
		r.Get("/Evidence/{id}", f(getEvidence(st)))
		r.Get("/Citation/{slug}", f(getCitation(st)))
	})
}
