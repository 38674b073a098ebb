package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const mediaFHIR = "application/fhir+json"

// outcome is the body of a FHIR error.
type outcome struct {
	ResourceType string `json:"resourceType"`
	Issue        []struct {
		Severity    string `json:"severity"`
		Code        string `json:"code"`
		Diagnostics string `json:"diagnostics"`
	} `json:"issue"`
}

// requireOutcome checks that resp is an OperationOutcome with the status, and returns it.
func requireOutcome(t *testing.T, resp response, status int) outcome {
	t.Helper()
	require.Equal(t, status, resp.status, "body: %s", resp.body)
	assert.Equal(t, mediaFHIR, resp.header.Get("Content-Type"))
	assert.Equal(t, "no-store", resp.header.Get("Cache-Control"))
	var o outcome
	require.NoError(t, json.Unmarshal(resp.body, &o))
	assert.Equal(t, "OperationOutcome", o.ResourceType)
	require.Len(t, o.Issue, 1)
	assert.Equal(t, "error", o.Issue[0].Severity)
	want := map[int]string{400: "invalid", 404: "not-found", 410: "deleted", 405: "not-supported", 406: "not-supported"}[status]
	assert.Equal(t, want, o.Issue[0].Code)
	assert.Contains(t, o.Issue[0].Diagnostics, "urn:request:")
	return o
}

// apiFinding is the part of a /v1 finding that its Evidence restates.
type apiFinding struct {
	ID      int64 `json:"id"`
	Subject struct {
		Type string `json:"type"`
		Slug string `json:"slug"`
		Name string `json:"name"`
	} `json:"subject"`
	Source struct {
		Slug string `json:"slug"`
	} `json:"source"`
	Population    *string  `json:"population"`
	NSSc          *int     `json:"n_ssc"`
	NTotal        *int     `json:"n_total"`
	Measure       *string  `json:"measure"`
	Estimate      *float64 `json:"estimate"`
	CILow         *float64 `json:"ci_low"`
	CIHigh        *float64 `json:"ci_high"`
	PValue        *float64 `json:"p_value"`
	Outcome       *string  `json:"outcome"`
	EvidenceLevel int      `json:"evidence_level"`
	Statement     string   `json:"statement"`
}

func (f apiFinding) hasEvidence() bool { return f.Estimate != nil || f.Outcome != nil }

func allFindings(t *testing.T, c *client, query string) []apiFinding {
	t.Helper()
	var out []apiFinding
	for _, raw := range c.walk("/v1/findings?limit=200" + query) {
		var f apiFinding
		require.NoError(t, json.Unmarshal(raw, &f))
		out = append(out, f)
	}
	return out
}

type fhirEvidence struct {
	ResourceType    string `json:"resourceType"`
	ID              string `json:"id"`
	Description     string `json:"description"`
	RelatedArtifact []struct {
		Type              string `json:"type"`
		ResourceReference struct {
			Reference string `json:"reference"`
		} `json:"resourceReference"`
	} `json:"relatedArtifact"`
	VariableDefinition []struct {
		Description  string `json:"description"`
		VariableRole struct {
			Coding []struct{ Code string } `json:"coding"`
		} `json:"variableRole"`
	} `json:"variableDefinition"`
	Statistic []struct {
		StatisticType struct {
			Coding []struct{ Code string } `json:"coding"`
			Text   string                  `json:"text"`
		} `json:"statisticType"`
		Quantity *struct {
			Value      float64 `json:"value"`
			Comparator string  `json:"comparator"`
		} `json:"quantity"`
		SampleSize *struct {
			NumberOfParticipants *int `json:"numberOfParticipants"`
		} `json:"sampleSize"`
		AttributeEstimate []struct {
			Type struct {
				Coding []struct{ Code string } `json:"coding"`
			} `json:"type"`
			Quantity *struct{ Value float64 } `json:"quantity"`
			Range    *struct {
				Low  struct{ Value float64 } `json:"low"`
				High struct{ Value float64 } `json:"high"`
			} `json:"range"`
		} `json:"attributeEstimate"`
	} `json:"statistic"`
	Certainty []fhirCertainty `json:"certainty"`
}

type fhirCertainty struct {
	Description string          `json:"description"`
	Type        fhirConcept     `json:"type"`
	Rating      fhirConcept     `json:"rating"`
	Rater       string          `json:"rater"`
	Subs        []fhirCertainty `json:"subcomponent"`
}

type fhirConcept struct {
	Coding []struct{ System, Code string } `json:"coding"`
	Text   string                          `json:"text"`
}

// apiCertainty is a treatment's certainty as /v1/treatments gives it.
type apiCertainty struct {
	Certainty *string  `json:"certainty"`
	Reasons   []string `json:"certainty_reasons"`
}

// treatmentCertainties returns every treatment's certainty by slug, as /v1/treatments gives it.
func treatmentCertainties(t *testing.T, c *client) map[string]apiCertainty {
	t.Helper()
	list := decode[struct {
		Data []struct {
			Slug      string       `json:"slug"`
			Synthesis apiCertainty `json:"synthesis"`
		} `json:"data"`
		Next *string `json:"next"`
	}](t, c.get("/v1/treatments?limit=200"))
	require.Nil(t, list.Next, "every treatment on one page")
	out := map[string]apiCertainty{}
	for _, tr := range list.Data {
		out[tr.Slug] = tr.Synthesis
	}
	return out
}

// checkEvidence compares an Evidence resource with the finding it restates and, for a
// treatment's finding, with the treatment's certainty in treatments.
func checkEvidence(t *testing.T, f apiFinding, e fhirEvidence, treatments map[string]apiCertainty) {
	t.Helper()
	assert.Equal(t, "Evidence", e.ResourceType)
	assert.Equal(t, strconv.FormatInt(f.ID, 10), e.ID)
	assert.Equal(t, f.Statement, e.Description)
	require.Len(t, e.RelatedArtifact, 1)
	assert.Equal(t, "citation", e.RelatedArtifact[0].Type)
	assert.Equal(t, "Citation/"+f.Source.Slug, e.RelatedArtifact[0].ResourceReference.Reference)
	require.Len(t, e.VariableDefinition, 1)
	assert.Equal(t, "population", e.VariableDefinition[0].VariableRole.Coding[0].Code)
	if f.Population != nil {
		assert.Equal(t, *f.Population, e.VariableDefinition[0].Description)
	}
	require.NotEmpty(t, e.Statistic)
	s := e.Statistic[0]
	n := f.NTotal
	if n == nil {
		n = f.NSSc
	}
	require.NotNil(t, s.SampleSize)
	assert.Equal(t, n, s.SampleSize.NumberOfParticipants)
	require.NotEmpty(t, e.Certainty)
	assert.Equal(t, fmt.Sprintf("Oxford CEBM 2011 level %d", f.EvidenceLevel), e.Certainty[0].Rating.Text)
	checkTreatmentCertainty(t, f, e.Certainty[1:], treatments)
	if f.Estimate == nil {
		assert.Equal(t, "descriptive", s.StatisticType.Coding[0].Code)
		assert.Nil(t, s.Quantity)
		return
	}
	require.NotNil(t, s.Quantity)
	assert.Equal(t, *f.Estimate, s.Quantity.Value)
	wantCode := map[string]string{"odds_ratio": "C16932", "hazard_ratio": "C93150", "proportion": "C44256"}[*f.Measure]
	if wantCode != "" {
		assert.Equal(t, wantCode, s.StatisticType.Coding[0].Code)
	} else {
		assert.Empty(t, s.StatisticType.Coding)
		assert.NotEmpty(t, s.StatisticType.Text)
	}
	var ci, p int
	for _, a := range s.AttributeEstimate {
		switch a.Type.Coding[0].Code {
		case "C53324":
			ci++
			require.NotNil(t, a.Range)
			assert.Equal(t, *f.CILow, a.Range.Low.Value)
			assert.Equal(t, *f.CIHigh, a.Range.High.Value)
		case "C44185":
			p++
			assert.Equal(t, *f.PValue, a.Quantity.Value)
		}
	}
	assert.Equal(t, f.CILow != nil && f.CIHigh != nil, ci == 1, "a CI when the finding has one")
	assert.Equal(t, f.PValue != nil, p == 1, "a p-value when the finding has one")
}

// checkTreatmentCertainty checks that the certainties after the finding's own are the
// treatment's synthesis certainty, with a component for each of its reasons, or none when the
// finding is not a treatment's or its treatment is not rated.
func checkTreatmentCertainty(t *testing.T, f apiFinding, got []fhirCertainty, treatments map[string]apiCertainty) {
	t.Helper()
	want, ok := treatments[f.Subject.Slug]
	if f.Subject.Type != "treatment" || want.Certainty == nil {
		assert.Empty(t, got, "finding %d: only its own certainty", f.ID)
		return
	}
	require.True(t, ok, "treatment %s is listed", f.Subject.Slug)
	require.Len(t, got, 1, "finding %d: its treatment's certainty", f.ID)
	c := got[0]
	require.Len(t, c.Type.Coding, 1)
	assert.Equal(t, "Overall", c.Type.Coding[0].Code)
	require.Len(t, c.Rating.Coding, 1)
	assert.Equal(t, "http://hl7.org/fhir/certainty-rating", c.Rating.Coding[0].System)
	assert.Equal(t, strings.ReplaceAll(*want.Certainty, "_", "-"), c.Rating.Coding[0].Code)
	assert.Contains(t, c.Description, f.Subject.Name)
	require.Len(t, c.Subs, len(want.Reasons), "one component per reason")
	domains := map[string]string{"risk of bias": "RiskOfBias", "indirectness": "Indirectness",
		"imprecision": "Imprecision", "inconsistency": "Inconsistency"}
	for i, reason := range want.Reasons {
		sub := c.Subs[i]
		assert.Equal(t, reason, sub.Description)
		require.Len(t, sub.Rating.Coding, 1)
		if i == 0 {
			level := map[bool]string{true: "high", false: "low"}[strings.HasPrefix(reason, "Starts at high")]
			assert.Equal(t, level, sub.Rating.Coding[0].Code, "the starting level")
			assert.NotEmpty(t, sub.Type.Text)
			continue
		}
		domain, _, _ := strings.Cut(strings.TrimPrefix(reason, "Rated down for "), ":")
		require.Len(t, sub.Type.Coding, 1)
		assert.Equal(t, domains[domain], sub.Type.Coding[0].Code, "reason %q", reason)
		assert.Equal(t, "serious-concern", sub.Rating.Coding[0].Code)
	}
}

func TestFHIR_EvidenceForEveryFinding(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	findings := allFindings(t, c, "")
	treatments := treatmentCertainties(t, c)
	var with, without, rated int
	for _, f := range findings {
		resp := c.get(fmt.Sprintf("/fhir/Evidence/%d", f.ID))
		if !f.hasEvidence() {
			without++
			requireOutcome(t, resp, http.StatusNotFound)
			continue
		}
		with++
		require.Equal(t, http.StatusOK, resp.status, "finding %d: %s", f.ID, resp.body)
		assert.Equal(t, mediaFHIR, resp.header.Get("Content-Type"))
		assert.Equal(t, "Accept", resp.header.Get("Vary"))
		var e fhirEvidence
		require.NoError(t, json.Unmarshal(resp.body, &e))
		checkEvidence(t, f, e, treatments)
		if len(e.Certainty) > 1 {
			rated++
		}
	}
	assert.Positive(t, with)
	assert.Positive(t, without)
	assert.Positive(t, rated, "some Evidence carries its treatment's certainty")
	t.Logf("%d findings: %d Evidence resources, %d without an estimate or outcome", len(findings), with, without)
}

type fhirBundle struct {
	ResourceType string `json:"resourceType"`
	Type         string `json:"type"`
	Total        int    `json:"total"`
	Link         []struct {
		Relation string `json:"relation"`
		URL      string `json:"url"`
	} `json:"link"`
	Entry []struct {
		FullURL  string       `json:"fullUrl"`
		Resource fhirEvidence `json:"resource"`
		Search   struct {
			Mode string `json:"mode"`
		} `json:"search"`
	} `json:"entry"`
}

func TestFHIR_EvidenceSearch(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	all := allFindings(t, c, "")
	treatments := treatmentCertainties(t, c)
	bySubject := map[string][]apiFinding{}
	for _, f := range all {
		if f.hasEvidence() {
			bySubject[f.Subject.Slug] = append(bySubject[f.Subject.Slug], f)
		}
	}
	require.Contains(t, bySubject, "digital-ulcers")

	subjects := []string{"digital-ulcers", "no-such-record", "surgical-excision", "warfarin"}
	for slug := range bySubject {
		if len(subjects) < 8 {
			subjects = append(subjects, slug)
		}
	}
	t.Run("every subject", func(t *testing.T) {
		var b fhirBundle
		require.NoError(t, json.Unmarshal(c.get("/fhir/Evidence").body, &b))
		var want []apiFinding
		for _, f := range all {
			if f.hasEvidence() {
				want = append(want, f)
			}
		}
		require.Len(t, b.Entry, len(want))
		for i, f := range want {
			checkEvidence(t, f, b.Entry[i].Resource, treatments)
		}
	})
	for _, slug := range subjects {
		t.Run(slug, func(t *testing.T) {
			resp := c.get("/fhir/Evidence?subject=" + slug)
			require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
			var b fhirBundle
			require.NoError(t, json.Unmarshal(resp.body, &b))
			assert.Equal(t, "Bundle", b.ResourceType)
			assert.Equal(t, "searchset", b.Type)
			want := bySubject[slug]
			require.Equal(t, len(want), b.Total)
			require.Len(t, b.Entry, len(want))
			require.Len(t, b.Link, 1)
			assert.Equal(t, c.srv.URL+"/fhir/Evidence?subject="+slug, b.Link[0].URL)
			for i, f := range want {
				entry := b.Entry[i]
				assert.Equal(t, "match", entry.Search.Mode)
				assert.Equal(t, fmt.Sprintf("%s/fhir/Evidence/%d", c.srv.URL, f.ID), entry.FullURL)
				checkEvidence(t, f, entry.Resource, treatments)
			}
		})
	}

	t.Run("every Evidence without a subject", func(t *testing.T) {
		var b fhirBundle
		require.NoError(t, json.Unmarshal(c.get("/fhir/Evidence").body, &b))
		var want int
		for _, fs := range bySubject {
			want += len(fs)
		}
		assert.Equal(t, want, b.Total)
		assert.Len(t, b.Entry, want)
	})
}

type fhirCitation struct {
	ResourceType  string `json:"resourceType"`
	ID            string `json:"id"`
	CitedArtifact struct {
		Identifier []struct {
			System string `json:"system"`
			Value  string `json:"value"`
		} `json:"identifier"`
		Title []struct {
			Text string `json:"text"`
		} `json:"title"`
		PublicationForm []struct {
			PublishedIn struct {
				Title string `json:"title"`
			} `json:"publishedIn"`
			PublicationDateText string `json:"publicationDateText"`
		} `json:"publicationForm"`
		Contributorship *struct {
			Complete bool `json:"complete"`
			Entry    []struct {
				Contributor struct {
					Display string `json:"display"`
				} `json:"contributor"`
			} `json:"entry"`
		} `json:"contributorship"`
	} `json:"citedArtifact"`
}

func TestFHIR_CitationForEverySource(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, raw := range c.walk("/v1/sources?limit=200") {
		var s struct {
			Slug    string  `json:"slug"`
			PMID    *string `json:"pmid"`
			DOI     *string `json:"doi"`
			Authors *string `json:"authors"`
			Title   string  `json:"title"`
			Journal string  `json:"journal"`
			Year    int     `json:"year"`
		}
		require.NoError(t, json.Unmarshal(raw, &s))
		resp := c.get("/fhir/Citation/" + s.Slug)
		require.Equal(t, http.StatusOK, resp.status, "%s: %s", s.Slug, resp.body)
		var cit fhirCitation
		require.NoError(t, json.Unmarshal(resp.body, &cit))
		assert.Equal(t, "Citation", cit.ResourceType)
		assert.Equal(t, s.Slug, cit.ID)
		assert.Equal(t, s.Title, cit.CitedArtifact.Title[0].Text)
		assert.Equal(t, s.Journal, cit.CitedArtifact.PublicationForm[0].PublishedIn.Title)
		assert.Equal(t, strconv.Itoa(s.Year), cit.CitedArtifact.PublicationForm[0].PublicationDateText)
		ids := map[string]string{}
		for _, id := range cit.CitedArtifact.Identifier {
			ids[id.System] = id.Value
		}
		want := map[string]string{}
		if s.PMID != nil {
			want["https://pubmed.ncbi.nlm.nih.gov"] = *s.PMID
		}
		if s.DOI != nil {
			want["https://doi.org"] = *s.DOI
		}
		assert.Equal(t, want, ids, s.Slug)
		if s.Authors == nil {
			assert.Nil(t, cit.CitedArtifact.Contributorship, s.Slug)
			continue
		}
		require.NotNil(t, cit.CitedArtifact.Contributorship, s.Slug)
		// Each name as printed, in order: the byline is the names joined back.
		var names []string
		for _, e := range cit.CitedArtifact.Contributorship.Entry {
			names = append(names, e.Contributor.Display)
		}
		printed := strings.NewReplacer("; ", ", ", ", et al.", "").Replace(*s.Authors)
		assert.Equal(t, printed, strings.Join(names, ", "), s.Slug)
		assert.Equal(t, !strings.HasSuffix(*s.Authors, "et al."), cit.CitedArtifact.Contributorship.Complete, s.Slug)
	}
}

func TestFHIR_Metadata(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	resp := c.get("/fhir/metadata")
	require.Equal(t, http.StatusOK, resp.status)
	assert.Equal(t, mediaFHIR, resp.header.Get("Content-Type"))
	var cs struct {
		ResourceType string `json:"resourceType"`
		FHIRVersion  string `json:"fhirVersion"`
		Rest         []struct {
			Resource []struct {
				Type string `json:"type"`
			} `json:"resource"`
		} `json:"rest"`
	}
	require.NoError(t, json.Unmarshal(resp.body, &cs))
	assert.Equal(t, "CapabilityStatement", cs.ResourceType)
	assert.Equal(t, "5.0.0", cs.FHIRVersion)
	var types []string
	for _, r := range cs.Rest[0].Resource {
		types = append(types, r.Type)
	}
	assert.Equal(t, []string{"Evidence", "Citation"}, types)

	resp = c.doWith(http.MethodGet, "/fhir/metadata", accept("application/json"), true)
	assert.Equal(t, "application/json", resp.header.Get("Content-Type"), "the generic JSON type when the client prefers it")
}

func TestFHIR_FormatParameter(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	tests := []struct {
		query  string
		header http.Header
		want   string
	}{
		{"_format=json", nil, mediaFHIR},
		{"_format=application/fhir%2Bjson", nil, mediaFHIR},
		{"_format=application/fhir+json", nil, mediaFHIR}, // the "+" unencoded, as clients send it
		{"_format=application/json", nil, "application/json"},
		{"_format=json", accept("application/fhir+xml"), mediaFHIR}, // _format wins over Accept
	}
	for _, tt := range tests {
		for _, path := range []string{"/fhir/metadata?", "/fhir/Evidence/5?", "/fhir/Citation/valenzuela-2015?", "/fhir/Evidence?subject=digital-ulcers&"} {
			t.Run(path+tt.query, func(t *testing.T) {
				resp := c.doWith(http.MethodGet, path+tt.query, tt.header, true)
				require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
				assert.Equal(t, tt.want, resp.header.Get("Content-Type"))
			})
		}
	}
}

func TestFHIR_Errors(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	long := strings.Repeat("a", 65)
	tests := []struct {
		name, path string
		header     http.Header
		status     int
	}{
		{"unknown search parameter", "/fhir/Evidence?code=x", nil, http.StatusBadRequest},
		{"subject twice", "/fhir/Evidence?subject=a&subject=b", nil, http.StatusBadRequest},
		{"subject not a slug", "/fhir/Evidence?subject=DROP%20TABLE", nil, http.StatusBadRequest},
		{"empty subject", "/fhir/Evidence?subject=", nil, http.StatusBadRequest},
		{"paging is not offered", "/fhir/Evidence?_count=5", nil, http.StatusBadRequest},
		{"parameters on a read", "/fhir/Evidence/5?_summary=true", nil, http.StatusBadRequest},
		{"_format XML", "/fhir/Evidence/5?_format=xml", nil, http.StatusBadRequest},
		{"_format FHIR XML", "/fhir/metadata?_format=application/fhir%2Bxml", nil, http.StatusBadRequest},
		{"_format twice", "/fhir/Citation/valenzuela-2015?_format=json&_format=json", nil, http.StatusBadRequest},
		{"_format empty", "/fhir/Evidence?_format=", nil, http.StatusBadRequest},
		{"parameters on metadata", "/fhir/metadata?mode=full", nil, http.StatusBadRequest},
		{"parameters on a Citation", "/fhir/Citation/valenzuela-2015?x=1", nil, http.StatusBadRequest},
		{"id zero", "/fhir/Evidence/0", nil, http.StatusNotFound},
		{"negative id", "/fhir/Evidence/-5", nil, http.StatusNotFound},
		{"leading zero", "/fhir/Evidence/05", nil, http.StatusNotFound},
		{"id not a number", "/fhir/Evidence/abc", nil, http.StatusNotFound},
		{"id beyond int64", "/fhir/Evidence/99999999999999999999", nil, http.StatusNotFound},
		{"no such finding", "/fhir/Evidence/999999", nil, http.StatusNotFound},
		{"no such source", "/fhir/Citation/no-such-source", nil, http.StatusNotFound},
		{"slug too long for a FHIR id", "/fhir/Citation/" + long, nil, http.StatusNotFound},
		{"slug in capitals", "/fhir/Citation/Valenzuela-2015", nil, http.StatusNotFound},
		{"XML only", "/fhir/Evidence/5", accept("application/fhir+xml"), http.StatusNotAcceptable},
		{"nothing acceptable on search", "/fhir/Evidence?subject=digital-ulcers", accept("text/html"), http.StatusNotAcceptable},
		{"nothing acceptable on metadata", "/fhir/metadata", accept("application/json;q=0, application/fhir+json;q=0"), http.StatusNotAcceptable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireOutcome(t, c.doWith(http.MethodGet, tt.path, tt.header, true), tt.status)
		})
	}

	t.Run("unknown resource type", func(t *testing.T) {
		requireOutcome(t, c.do(http.MethodGet, "/fhir/Patient/1", false), http.StatusNotFound)
	})
	for _, path := range []string{"/fhir/metadata", "/fhir/Evidence", "/fhir/Evidence/5", "/fhir/Citation/valenzuela-2015"} {
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			t.Run(method+" "+path, func(t *testing.T) {
				resp := c.do(method, path, false)
				requireOutcome(t, resp, http.StatusMethodNotAllowed)
				assert.Equal(t, "GET, HEAD", resp.header.Get("Allow"))
			})
		}
	}
	t.Run("HEAD reads", func(t *testing.T) {
		resp := c.do(http.MethodHead, "/fhir/Evidence/5", false)
		assert.Equal(t, http.StatusOK, resp.status)
		assert.Empty(t, resp.body)
	})
	t.Run("conditional GET", func(t *testing.T) {
		etag := c.get("/fhir/Citation/valenzuela-2015").header.Get("ETag")
		require.NotEmpty(t, etag)
		resp := c.doWith(http.MethodGet, "/fhir/Citation/valenzuela-2015", http.Header{"If-None-Match": {etag}}, true)
		assert.Equal(t, http.StatusNotModified, resp.status)
	})
}

// TestFHIR_Concurrent reads and searches at once; every answer must be whole and right.
func TestFHIR_Concurrent(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	want := map[string][]byte{}
	paths := []string{"/fhir/Evidence/5", "/fhir/Evidence?subject=digital-ulcers", "/fhir/Citation/valenzuela-2016", "/fhir/metadata", "/fhir/Evidence"}
	for _, p := range paths {
		resp := c.get(p)
		require.Equal(t, http.StatusOK, resp.status)
		want[p] = resp.body
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for i := 0; i < 60; i++ {
		p := paths[i%len(paths)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := c.srv.Client().Get(c.srv.URL + p)
			if err != nil {
				mu.Lock()
				failures = append(failures, err.Error())
				mu.Unlock()
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil || resp.StatusCode != http.StatusOK || string(body) != string(want[p]) {
				mu.Lock()
				failures = append(failures, fmt.Sprintf("%s: %d, %v, body differs: %t", p, resp.StatusCode, err, string(body) != string(want[p])))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	assert.Empty(t, failures)
}
