package api

import (
	"context"
	"net/http"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// exportResponse is the whole knowledge base in one document, for tools that load it once.
type exportResponse struct {
	DataVersion   string `json:"data_version"`
	SchemaVersion int    `json:"schema_version"`
	// Release is the data release the export holds, for asking later what changed since.
	Release              *string                `json:"release"`
	AssociatedFeatures   []featureResponse      `json:"associated_features"`
	Mechanisms           []mechanismResponse    `json:"mechanisms"`
	DiagnosticModalities []modalityResponse     `json:"diagnostic_modalities"`
	Treatments           []treatmentResponse    `json:"treatments"`
	Prevalence           []prevalenceResponse   `json:"prevalence"`
	ClinicalPresentation []presentationResponse `json:"clinical_presentation"`
	Sources              []sourceRecordResponse `json:"sources"`
	Findings             []findingResponse      `json:"findings"`
}

// exportPage is the page size the export reads with; it only bounds each query.
const exportPage = 200

// everything reads every page of a list.
func everything[R, T any](ctx context.Context, fetch func(context.Context, kb.Page) ([]R, bool, error),
	convert func(R) T, keyOf func(R) kb.Key) ([]T, error) {
	out := []T{}
	page := kb.Page{Limit: exportPage}
	for {
		records, more, err := fetch(ctx, page)
		if err != nil {
			return nil, err
		}
		for _, rec := range records {
			out = append(out, convert(rec))
		}
		if !more {
			return out, nil
		}
		key := keyOf(records[len(records)-1])
		page.After = &key
	}
}

// export serves GET /v1/export.
func export(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := readParams(r); err != nil {
			return err
		}
		ctx := r.Context()
		meta, err := st.Meta(ctx)
		if err != nil {
			return err
		}
		doc := exportResponse{DataVersion: meta.DataVersion, SchemaVersion: meta.SchemaVersion, Release: meta.Release}
		if doc.AssociatedFeatures, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.AssociatedFeature, bool, error) {
			return st.AssociatedFeatures(ctx, kb.ListFilter{Page: p})
		}, toFeatureResponse, featureKey); err != nil {
			return err
		}
		if doc.Mechanisms, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.Mechanism, bool, error) {
			return st.Mechanisms(ctx, kb.ListFilter{Page: p})
		}, toMechanismResponse, mechanismKey); err != nil {
			return err
		}
		if doc.DiagnosticModalities, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.DiagnosticModality, bool, error) {
			return st.DiagnosticModalities(ctx, kb.ListFilter{Page: p})
		}, toModalityResponse, modalityKey); err != nil {
			return err
		}
		if doc.Treatments, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.Treatment, bool, error) {
			return st.Treatments(ctx, kb.TreatmentFilter{Sort: kb.SortName, Page: p})
		}, toTreatmentResponse, treatmentKey(kb.SortName)); err != nil {
			return err
		}
		if doc.Prevalence, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.PrevalenceEstimate, bool, error) {
			return st.Prevalence(ctx, "", p)
		}, toPrevalenceResponse, prevalenceKey); err != nil {
			return err
		}
		if doc.ClinicalPresentation, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.PresentationItem, bool, error) {
			return st.PresentationItems(ctx, kb.ListFilter{Page: p})
		}, toPresentationResponse, presentationKey); err != nil {
			return err
		}
		if doc.Sources, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.SourceRecord, bool, error) {
			return st.Sources(ctx, kb.SourceFilter{}, p)
		}, toSourceRecordResponse, sourceKey); err != nil {
			return err
		}
		if doc.Findings, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.Finding, bool, error) {
			f := kb.FindingFilter{Limit: p.Limit}
			if p.After != nil {
				f.AfterID = int64(p.After.Rank)
			}
			return st.Findings(ctx, f)
		}, toFindingResponse, findingKey); err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, doc)
	}
}
