package api

import (
	"net/http"

	"log/slog"

	"github.com/go-chi/chi/v5"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// addRoutes holds every path of the API. The content routes (the spec and everything under
// /v1) answer from memory when they can; see content.
func addRoutes(r chi.Router, log *slog.Logger, c *content, metrics http.Handler) {
	h := func(fn handlerFunc) func(w http.ResponseWriter, r *http.Request) { return handle(log, fn) }

	r.Get("/healthz", healthz)
	r.Get("/readyz", h(readyz(c)))
	addDocsRoutes(r)
	r.Get("/metrics", metrics.ServeHTTP)
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
		r.Get("/v1/sources", h(listSources(st)))
		r.Get("/v1/sources/{slug}", h(getRecord("source", st.Source, toSourceRecordResponse)))
		r.Get("/v1/findings", h(listFindings(st)))
		r.Get("/v1/findings/{id}", h(getFinding(st)))
		r.Get("/v1/meta", h(getMeta(st)))
		r.Get("/v1/search", h(search(st)))
		r.Get("/v1/export", h(export(st)))
	})
}
