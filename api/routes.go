package api

import (
	"net/http"

	"log/slog"

	"github.com/go-chi/chi/v5"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// addRoutes holds every path of the API. The content routes (the spec, everything under /v1
// and the evidence pages) answer from memory when they can; see content.
func addRoutes(r chi.Router, log *slog.Logger, st *postgres.Store, c *content, metrics http.Handler) {
	h := func(fn handlerFunc) func(w http.ResponseWriter, r *http.Request) { return handle(log, fn) }

	r.Get("/healthz", healthz)
	r.Get("/readyz", h(readyz(c)))
	addDocsRoutes(r)
	r.Get("/metrics", metrics.ServeHTTP)

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

	// CDS Hooks 2.0 (cds.go), outside the answers held by URL: discovery, and the one route
	// that takes a body, whose treatments are held per content version instead.
	r.Get("/cds-services", h(discoverCDSServices()))
	r.Post(cdsServicePath, h(callTreatmentOptions(st, c)))

	r.Mount("/", c.routes)
}

// addContentRoutes holds the paths whose answers content keeps. Its middleware is added with
// Group, so that chi runs it per route after matching the method: a POST never reaches it
// and is answered 405 whether or not a GET's answer is held.
func addContentRoutes(r chi.Router, log *slog.Logger, st *postgres.Store, spec []byte, c *content) {
	h := func(fn handlerFunc) func(w http.ResponseWriter, r *http.Request) { return handle(log, fn) }

	r.Group(func(r chi.Router) {
		r.Use(c.serve)
		r.Get("/openapi.yaml", h(serveSpec(spec)))
		r.Get("/v1/associated-features", h(listByKind("category", kb.FeatureCategories, st.AssociatedFeatures, toFeatureResponse, featureKey)))
		r.Get("/v1/associated-features/{slug}", h(getRecord("associated feature", st.AssociatedFeature, toFeatureResponse)))
		r.Get("/v1/mechanisms", h(listByKind("support", kb.MechanismSupports, st.Mechanisms, toMechanismResponse, mechanismKey)))
		r.Get("/v1/mechanisms/{slug}", h(getRecord("mechanism", st.Mechanism, toMechanismResponse)))
		r.Get("/v1/diagnostic-modalities", h(listByKind("role", kb.ModalityRoles, st.DiagnosticModalities, toModalityResponse, modalityKey)))
		r.Get("/v1/diagnostic-modalities/{slug}", h(getRecord("diagnostic modality", st.DiagnosticModality, toModalityResponse)))
		r.Get("/v1/treatments", h(listTreatments(st)))
		r.Get("/v1/treatments/{slug}", h(getRecord("treatment", st.Treatment, toTreatmentResponse)))
		r.Get("/v1/prevalence", h(listPrevalence(st)))
		r.Get("/v1/prevalence/{slug}", h(getRecord("prevalence estimate", st.PrevalenceEstimate, toPrevalenceResponse)))
		r.Get("/v1/clinical-presentation", h(listByKind("kind", kb.PresentationKinds, st.PresentationItems, toPresentationResponse, presentationKey)))
		r.Get("/v1/clinical-presentation/{slug}", h(getRecord("presentation item", st.PresentationItem, toPresentationResponse)))
		// The sources negotiate JSON or a bibliography format (citations.go); the key the
		// answers are held under tells the representations apart (cacheKey).
		r.Get("/v1/sources", h(listSources(st)))
		r.Get("/v1/sources/{slug}", h(getSource(st)))
		r.Get("/v1/findings", h(listFindings(st)))
		r.Get("/v1/findings/{id}", h(getFinding(st)))
		r.Get("/v1/findings/{source}/{subject}/{name}", h(getFindingByKey(st)))
		r.Get("/v1/meta", h(getMeta(st)))
		// The releases (releases.go): the list and each release are precomputed like any list
		// and item; changes since a release are kept on first use, like searches.
		r.Get("/v1/releases", h(listReleases(st)))
		r.Get("/v1/releases/{id}", h(getRelease(st)))
		r.Get("/v1/changes", h(listChanges(st)))
		r.Get("/v1/synthesis-rules", h(getSynthesisRules))
		r.Get("/v1/search", h(search(st)))
		r.Get("/v1/export", h(export(st)))

		// The evidence pages (pages.go): HTML for people, rendered from the same answers as /v1
		// and held in memory as they are; their errors are pages too.
		p := func(fn handlerFunc) http.HandlerFunc { return handlePage(log, fn) }
		r.Get("/", p(homePage(st)))
		r.Get("/search", p(searchResultsPage(st)))
		r.Get("/features/{slug}", p(recordPage("feature", "associated feature", st.AssociatedFeature, toFeatureResponse, featureView)))
		r.Get("/treatments/{slug}", p(recordPage("treatment", "treatment", st.Treatment, toTreatmentResponse, treatmentView)))
		r.Get("/mechanisms/{slug}", p(recordPage("mechanism", "mechanism", st.Mechanism, toMechanismResponse, mechanismView)))
		r.Get("/modalities/{slug}", p(recordPage("modality", "diagnostic modality", st.DiagnosticModality, toModalityResponse, modalityView)))
		r.Get("/sources/{slug}", p(recordPage("source", "source", st.Source, toSourceRecordResponse, sourceView)))
		r.Get("/assets/pages.css", p(pagesStylesheet))
	})
}
