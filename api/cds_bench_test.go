package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"calcinosiskb/internal/kb"
)

// benchHookRequest is a patient-view request as the CDS Hooks sandbox sends one, with a token.
const benchHookRequest = `{"hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea","fhirServer":"https://fhir.example.org/r4",
"hook":"patient-view","fhirAuthorization":{"access_token":"some-opaque-token","token_type":"Bearer","expires_in":300,
"scope":"user/Patient.read","subject":"cds-service4"},"context":{"userId":"Practitioner/example","patientId":"1288992"}}`

func BenchmarkValidateHookRequest(b *testing.B) {
	body := []byte(benchHookRequest)
	b.ReportAllocs()
	for b.Loop() {
		if err := validateHookRequest(body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteCards builds and writes the cards for 22 treatments, as many as the seed holds.
func BenchmarkWriteCards(b *testing.B) {
	certainty := "very_low"
	var treatments []kb.Treatment
	for i := range 22 {
		assessment := []string{"mainstay", "promising", "insufficient", "insufficient", "not_effective", "recommended_against"}[i%6]
		treatments = append(treatments, kb.Treatment{Slug: fmt.Sprintf("treatment-%d", i), Name: fmt.Sprintf("Treatment number %d", i),
			Synthesis: kb.Synthesis{Studies: 2, SScPatients: 12, Certainty: &certainty, Assessment: assessment,
				AssessmentReason: "Too little evidence to judge: 1 of 2 studies report benefit as their main result."}})
	}
	r := httptest.NewRequest(http.MethodPost, cdsServicePath, nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		if err := writeJSON(w, r, http.StatusOK, cdsCardsResponse{Cards: treatmentCards("http://localhost:8080", treatments)}); err != nil {
			b.Fatal(err)
		}
	}
}
