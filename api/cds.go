package api

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/synthesis"
)

// The CDS Hooks 2.0 face of the knowledge base: one service, on the patient-view hook, that
// answers with the treatment options for calcinosis in systemic sclerosis, one card per
// assessment. The cards are the same for every patient: the service reads no patient data, so
// it asks for no prefetch and never calls the client's FHIR server.

const (
	cdsServiceID = "calcinosis-treatment-options"
	cdsHook      = "patient-view"
	// maxHookBytes caps a hook request's body; a patient-view request without prefetch is a
	// few hundred bytes.
	maxHookBytes = 64 << 10
	// maxSummaryRunes keeps a card's summary under the 140 characters CDS Hooks allows.
	maxSummaryRunes = 139
)

// cdsServicePath is where the service is called; it is the only route that takes a body.
const cdsServicePath = "/cds-services/" + cdsServiceID

// isCDSPath reports whether path is one of the CDS Hooks routes, which browsers on any origin
// may call.
func isCDSPath(path string) bool {
	return path == "/cds-services" || strings.HasPrefix(path, "/cds-services/")
}

type cdsDiscoveryResponse struct {
	Services []cdsService `json:"services"`
}

type cdsService struct {
	Hook              string `json:"hook"`
	Title             string `json:"title"`
	Description       string `json:"description"`
	ID                string `json:"id"`
	UsageRequirements string `json:"usageRequirements"`
}

// discoverCDSServices serves GET /cds-services.
func discoverCDSServices() handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := readParams(r); err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, cdsDiscoveryResponse{Services: []cdsService{{
			Hook: cdsHook, ID: cdsServiceID, Title: "Calcinosis treatment options",
			Description: "Treatment options for calcinosis cutis in systemic sclerosis, one card per assessment " +
				"(mainstay, promising, insufficient evidence, not effective, recommended against), each option " +
				"with the certainty of its evidence and a link to its evidence page.",
			UsageRequirements: "Meant for patients with systemic sclerosis and calcinosis: the cards do not depend " +
				"on the patient, as the service reads no patient data, so register it for that population only.",
		}}})
	}
}

type cdsCardsResponse struct {
	Cards []cdsCard `json:"cards"`
}

type cdsCard struct {
	UUID      string    `json:"uuid"`
	Summary   string    `json:"summary"`
	Detail    string    `json:"detail"`
	Indicator string    `json:"indicator"`
	Source    cdsSource `json:"source"`
	Links     []cdsLink `json:"links"`
}

type cdsSource struct {
	Label string `json:"label"`
	URL   string `json:"url"`
	Topic coding `json:"topic"`
}

type cdsLink struct {
	Label string `json:"label"`
	URL   string `json:"url"`
	Type  string `json:"type"`
}

// cardGroup describes the card of one assessment.
type cardGroup struct {
	assessment string
	title      string
	indicator  string
}

// cardGroups are the cards in the order a clinician should read them, the benefit order of the
// synthesis rules. Not effective has a card of its own: folding it into insufficient would
// hide studies that found no benefit, and folding it into recommended against would claim a
// recommendation no source made.
var cardGroups = []cardGroup{
	{"mainstay", "Mainstay of treatment", "info"},
	{"promising", "Promising", "info"},
	{"insufficient", "Too little evidence to judge", "info"},
	{"not_effective", "No benefit shown", "info"},
	{"recommended_against", "Recommended against", "warning"},
}

// callTreatmentOptions serves POST /cds-services/calcinosis-treatment-options. It only reads
// the knowledge base, through the treatments held per content version; the request is
// validated and then answered the same for every patient.
func callTreatmentOptions(st *postgres.Store, c *content) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := readParams(r); err != nil {
			return err
		}
		body, err := readHookBody(w, r)
		if err != nil {
			return err
		}
		if err := validateHookRequest(body); err != nil {
			return err
		}
		treatments, err := c.treatmentOptions(r.Context(), func(ctx context.Context) ([]kb.Treatment, error) {
			return everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.Treatment, bool, error) {
				return st.Treatments(ctx, kb.TreatmentFilter{Sort: kb.SortBenefit, Page: p})
			}, func(t kb.Treatment) kb.Treatment { return t }, treatmentKey(kb.SortBenefit))
		})
		if err != nil {
			return err
		}
		// Each answer's cards have fresh uuids, and a POST answer is nobody's to reuse.
		w.Header().Set("Cache-Control", "no-store")
		return writeJSON(w, r, http.StatusOK, cdsCardsResponse{Cards: treatmentCards(baseURL(r), treatments)})
	}
}

// readHookBody checks the request's media type and reads its body, at most maxHookBytes of it.
func readHookBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		return nil, &mediaTypeError{got: r.Header.Get("Content-Type")}
	}
	if charset, ok := params["charset"]; ok && !strings.EqualFold(charset, "utf-8") {
		return nil, &mediaTypeError{got: r.Header.Get("Content-Type")}
	}
	if r.ContentLength > maxHookBytes {
		return nil, &tooLargeError{limit: maxHookBytes}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxHookBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, &tooLargeError{limit: maxHookBytes}
	case err != nil && r.Context().Err() == nil:
		return nil, &bodyError{reason: "could not be read in full"}
	case err != nil:
		return nil, fmt.Errorf("read hook request: %w", err)
	}
	if !utf8.Valid(body) {
		return nil, &bodyError{reason: "is not valid UTF-8"}
	}
	return body, nil
}

// baseURL is the address of this server as the client reached it, for absolute links.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// treatmentCards turns treatments, in benefit order, into one card per assessment that has any.
func treatmentCards(base string, treatments []kb.Treatment) []cdsCard {
	byAssessment := map[string][]kb.Treatment{}
	for _, t := range treatments {
		byAssessment[t.Synthesis.Assessment] = append(byAssessment[t.Synthesis.Assessment], t)
	}
	cards := []cdsCard{}
	for _, g := range cardGroups {
		options := byAssessment[g.assessment]
		if len(options) == 0 {
			continue
		}
		card := cdsCard{
			UUID: newUUID(), Indicator: g.indicator,
			Summary: cardSummary(g.title+" for calcinosis in SSc: ", options),
			Detail:  cardDetail(options),
			Source: cdsSource{
				Label: "Calcinosis KB, synthesis rules " + synthesis.RulesVersion,
				URL:   base + "/",
				Topic: coding{System: base + "/v1/synthesis-rules", Code: g.assessment, Display: g.title},
			},
		}
		for _, t := range options {
			card.Links = append(card.Links, cdsLink{Label: "Evidence: " + t.Name,
				URL: base + "/treatments/" + url.PathEscape(t.Slug), Type: "absolute"})
		}
		cards = append(cards, card)
	}
	return cards
}

// cardSummary is prefix followed by as many option names as fit under the length CDS Hooks
// allows, and how many more there are.
func cardSummary(prefix string, options []kb.Treatment) string {
	summary := prefix
	for i, t := range options {
		name := t.Name
		if i > 0 {
			name = ", " + name
		}
		rest := ""
		if left := len(options) - i - 1; left > 0 {
			rest = fmt.Sprintf(" and %d more", left)
		}
		if utf8.RuneCountInString(summary+name+rest) > maxSummaryRunes {
			if i == 0 {
				return truncateRunes(strings.TrimSuffix(prefix, ": ")+fmt.Sprintf(" (%d options)", len(options)), maxSummaryRunes)
			}
			return summary + fmt.Sprintf(" and %d more", len(options)-i)
		}
		summary += name
	}
	return summary
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// cardDetail names each option with the certainty of its evidence and why it is assessed so,
// in Markdown.
func cardDetail(options []kb.Treatment) string {
	var b strings.Builder
	for _, t := range options {
		s := t.Synthesis
		certainty := "not rated (no study reports a result)"
		if s.Certainty != nil {
			certainty = strings.ReplaceAll(*s.Certainty, "_", " ")
		}
		fmt.Fprintf(&b, "- **%s**: certainty of evidence %s; %d %s, %d SSc %s. %s\n",
			markdownEscape(t.Name), certainty, s.Studies, plural(s.Studies, "study", "studies"),
			s.SScPatients, plural(s.SScPatients, "patient", "patients"), markdownEscape(s.AssessmentReason))
	}
	b.WriteString("\nCertainty is rated GRADE-style by the knowledge base's synthesis rules " + synthesis.RulesVersion +
		"; each option's evidence page gives the reasons and the studies.")
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// markdownEscape keeps text from the knowledge base from being read as Markdown.
func markdownEscape(s string) string {
	var b strings.Builder
	for _, c := range strings.ReplaceAll(s, "\n", " ") {
		// Inside a list item only inline Markdown can take effect.
		if strings.ContainsRune("\\`*_[]<>|~", c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
