package api

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"calcinosiskb/internal/kb"
)

// These benchmarks cover the per-request work that does not touch the database; run them
// with go test -bench . -benchmem ./api/ ./internal/postgres/.

func BenchmarkTreatmentFilter(b *testing.B) {
	r := &http.Request{URL: &url.URL{Path: "/v1/treatments",
		RawQuery: "category=pharmacologic&route=oral&evidence_level_max=4&mechanism=chronic-inflammation&q=thiosulphate&sort=evidence_level&limit=20"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := treatmentFilter(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCursor(b *testing.B) {
	key := kb.Key{Rank: 4, Name: "Sodium thiosulfate, intralesional", Slug: "intralesional-sodium-thiosulfate"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeCursor(encodeCursor(kb.SortEvidenceLevel, key), kb.SortEvidenceLevel); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteTreatment encodes a treatment with a typical amount of evidence, hashes it for
// its ETag and writes it.
func BenchmarkWriteTreatment(b *testing.B) {
	level := 4
	design := "case_series"
	n := 9
	estimate := 0.89
	outcome := "improved"
	authors := "Robertson LP, et al."
	finding := kb.Finding{
		ID: 1, Subject: kb.Subject{Type: "treatment", Slug: "minocycline", Name: "Minocycline"},
		Source: kb.Source{Slug: "robertson-2003", Authors: &authors, Title: "Minocycline as a treatment for calcinosis",
			Journal: "Ann Rheum Dis", Year: 2003, Citation: "62(3):267-9", PublicationType: "journal_article", VerifiedAgainst: "abstract", PeerReviewed: true},
		Design: design, NSSc: &n, Estimate: &estimate, Outcome: &outcome, EvidenceLevel: level,
		Statement: "Eight of nine patients improved: ulceration and inflammation became less frequent.",
	}
	t := kb.Treatment{Slug: "minocycline", Name: "Minocycline", Category: "pharmacologic",
		Rationale: "A tetracycline given at low dose in long-term cycles.", Summary: kb.EvidenceSummary{StrongestLevel: level, StrongestDesign: design},
		Evidence: []kb.Finding{finding, finding, finding, finding, finding}}
	r := httptest.NewRequest(http.MethodGet, "/v1/treatments/minocycline", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		if err := writeJSON(w, r, http.StatusOK, toTreatmentResponse(t)); err != nil {
			b.Fatal(err)
		}
	}
}
