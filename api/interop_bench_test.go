package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"calcinosiskb/internal/kb"
)

func BenchmarkNegotiate(b *testing.B) {
	accept := []string{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/x-bibtex;q=0.95"}
	offers := []string{formatJSON.mediaType, formatCSL.mediaType, formatRIS.mediaType, formatBibTeX.mediaType}
	b.ReportAllocs()
	for b.Loop() {
		if negotiate(accept, offers) != 3 {
			b.Fatal("BibTeX should win")
		}
	}
}

// benchSources are fifty sources shaped like the seed's: a long byline with a group, a PMID
// and a DOI.
func benchSources() []kb.Source {
	authors := "Valenzuela A, Baron M; Canadian Scleroderma Research Group; Herrick AL, Proudman S, Medsger TA Jr, Chung L"
	pmid, doi := "27371996", "10.1016/j.semarthrit.2016.05.008"
	out := make([]kb.Source, 50)
	for i := range out {
		out[i] = kb.Source{Slug: fmt.Sprintf("source-%d", i), PMID: &pmid, DOI: &doi, Authors: &authors,
			Title:   "Calcinosis is associated with digital ulcers and osteoporosis in patients with systemic sclerosis",
			Journal: "Semin Arthritis Rheum", Year: 2016, Citation: "46(3):344-349", PublicationType: "journal_article"}
	}
	return out
}

// BenchmarkBibliography writes fifty sources in each bibliography format.
func BenchmarkBibliography(b *testing.B) {
	sources := benchSources()
	r := httptest.NewRequest(http.MethodGet, "/v1/sources", nil)
	for _, f := range []citationFormat{formatCSL, formatRIS, formatBibTeX} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := writeBibliography(httptest.NewRecorder(), r, f, sources); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteEvidence converts an odds-ratio finding to FHIR Evidence and writes it.
func BenchmarkWriteEvidence(b *testing.B) {
	src := benchSources()[0]
	n, est, lo, hi, p, rel, adj, measure := 5218, 3.9, 2.7, 5.5, 0.0001, "<", true, "odds_ratio"
	population := "5218 SSc patients in the SCTC cohort, 1290 with calcinosis"
	f := kb.Finding{ID: 5, Subject: kb.Subject{Type: "associated_feature", Slug: "digital-ulcers", Name: "Digital ulcers"},
		Source: src, Design: "retrospective_cohort", Population: &population, NSSc: &n, NTotal: &n, Measure: &measure,
		Estimate: &est, CILow: &lo, CIHigh: &hi, PValue: &p, PRelation: &rel, Adjusted: &adj, EvidenceLevel: 3,
		Statement: "After multivariable adjustment, digital ulcers were linked to higher odds of calcinosis."}
	r := httptest.NewRequest(http.MethodGet, "/fhir/Evidence/5", nil)
	b.ReportAllocs()
	for b.Loop() {
		if err := writeFHIR(httptest.NewRecorder(), r, fhirMediaType, toEvidence(f, nil)); err != nil {
			b.Fatal(err)
		}
	}
}
