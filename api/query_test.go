package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type searchBody struct {
	Query string `json:"query"`
	Data  []struct {
		Kind     string   `json:"kind"`
		Slug     string   `json:"slug"`
		Name     string   `json:"name"`
		Synonyms []string `json:"synonyms"`
		Snippet  string   `json:"snippet"`
	} `json:"data"`
}

// TestSearch_FindsRecordsDespiteSpelling checks the examples of the issue: each finds its
// record among the first three hits.
func TestSearch_FindsRecordsDespiteSpelling(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	examples := map[string]string{
		"acroosteolysis":        "acro-osteolysis",
		"thiosulphate":          "topical-sodium-thiosulfate",
		"calcinosis ultrasound": "ultrasonography",
		"ACA":                   "anticentromere-antibody",
		"STS":                   "intralesional-sodium-thiosulfate",
		"DECT":                  "dual-energy-ct",
		"MDCT":                  "multidetector-ct",
		"ESWL":                  "extracorporeal-shock-wave-therapy",
		"digital ulcers":        "digital-ulcers",
		"warfarin":              "warfarin",
	}
	for q, want := range examples {
		t.Run(q, func(t *testing.T) {
			body := decode[searchBody](t, c.get("/v1/search?q="+url.QueryEscape(q)))
			assert.Equal(t, q, body.Query)
			var top []string
			for i, hit := range body.Data {
				if i < 3 {
					top = append(top, hit.Slug)
				}
			}
			assert.Contains(t, top, want)
		})
	}
	t.Run("snippets highlight the words that matched", func(t *testing.T) {
		body := decode[searchBody](t, c.get("/v1/search?q=digital+ulcers"))
		require.NotEmpty(t, body.Data)
		assert.Contains(t, body.Data[0].Snippet, "<mark>")
		assert.NotEmpty(t, body.Data[0].Kind)
	})
	t.Run("a query that matches nothing is an empty list", func(t *testing.T) {
		type list struct {
			Data json.RawMessage `json:"data"`
			Next json.RawMessage `json:"next"`
		}
		for _, q := range []string{"zzqxj", `"`, "-", "!!!", "ẞ ♥ 漢字", "%", "'; DROP TABLE zzqxj; --"} {
			// /v1/search does not page: its answer is the query and an empty data, nothing else.
			body := c.get("/v1/search?q=" + url.QueryEscape(q))
			require.Equal(t, http.StatusOK, body.status, "q=%s: %s", q, body.body)
			want, err := json.Marshal(map[string]any{"query": q, "data": []any{}})
			require.NoError(t, err)
			assert.JSONEq(t, string(want), string(body.body), "q=%s", q)
			// Every list that q narrows answers an empty page with no next page.
			for _, coll := range []string{"associated-features", "mechanisms", "diagnostic-modalities", "treatments",
				"prevalence", "clinical-presentation", "sources"} {
				page := decode[list](t, c.get("/v1/"+coll+"?q="+url.QueryEscape(q)))
				assert.JSONEq(t, `[]`, string(page.Data), "/v1/%s?q=%s: data is an empty list", coll, q)
				assert.JSONEq(t, `null`, string(page.Next), "/v1/%s?q=%s: next is null", coll, q)
			}
		}
	})
	for query, param := range map[string]string{
		"":                               "q",
		"?q=":                            "q",
		"?q=%20%20":                      "q",
		"?q=" + strings.Repeat("a", 201): "q",
		"?q=%00":                         "q",
		"?q=%FF":                         "q",
		"?q=ok&limit=0":                  "limit",
		"?q=ok&limit=51":                 "limit",
		"?q=ok&cursor=x":                 "cursor",
		"?q=a&q=b":                       "q",
	} {
		t.Run("400 for "+query, func(t *testing.T) {
			p := requireProblem(t, c.get("/v1/search"+query), http.StatusBadRequest)
			assert.Equal(t, param, p.Param)
		})
	}
}

func TestCollections_Q(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	cases := map[string]string{
		"/v1/associated-features?q=acroosteolysis": "acro-osteolysis",
		"/v1/treatments?q=thiosulphate":            "topical-sodium-thiosulfate",
		"/v1/diagnostic-modalities?q=ultrasound":   "ultrasonography",
		"/v1/mechanisms?q=hypoxia":                 "vascular-hypoxia",
		"/v1/sources?q=digital+ulcers":             "valenzuela-2016",
		"/v1/prevalence?q=Scleroderma+Clinical":    "",
		"/v1/clinical-presentation?q=extrusion":    "",
	}
	for path, want := range cases {
		t.Run(path, func(t *testing.T) {
			all := records(t, c.walk(strings.SplitN(path, "?", 2)[0]+"?limit=200"))
			got := records(t, c.walk(path))
			assert.Less(t, len(got), len(all), "q narrows the list")
			if want != "" {
				assert.Contains(t, keysOf(got), want)
			} else {
				assert.NotEmpty(t, got)
			}
		})
	}
}

// TestNavigation walks the reverse links in both directions.
func TestNavigation(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	type ref struct {
		Slug string `json:"slug"`
	}
	type subject struct {
		Type string `json:"type"`
		Slug string `json:"slug"`
	}
	type mechanism struct {
		Slug       string `json:"slug"`
		Treatments []ref  `json:"treatments"`
	}
	type source struct {
		Slug    string    `json:"slug"`
		CitedBy []subject `json:"cited_by"`
	}

	treatments := records(t, c.walk("/v1/treatments?limit=200"))
	for _, raw := range c.walk("/v1/mechanisms?limit=200") {
		var m mechanism
		require.NoError(t, json.Unmarshal(raw, &m))
		var listed []string
		for _, r := range m.Treatments {
			listed = append(listed, r.Slug)
		}
		var targeting []string
		for _, tr := range treatments {
			for _, tm := range tr.Mechanisms {
				if tm.Slug == m.Slug {
					targeting = append(targeting, tr.Slug)
				}
			}
		}
		assert.ElementsMatch(t, targeting, listed, "mechanism %s lists the treatments that target it", m.Slug)
	}

	citers := map[string][]string{}
	for _, coll := range []string{"/v1/associated-features", "/v1/mechanisms", "/v1/diagnostic-modalities", "/v1/treatments", "/v1/clinical-presentation"} {
		for _, rec := range records(t, c.walk(coll+"?limit=200")) {
			for _, s := range rec.Sources {
				citers[s.Slug] = append(citers[s.Slug], rec.Slug)
			}
		}
	}
	for _, rec := range records(t, c.walk("/v1/prevalence?limit=200")) {
		citers[rec.Source.Slug] = append(citers[rec.Source.Slug], rec.Slug)
	}
	for _, raw := range c.walk("/v1/sources?limit=200") {
		var s source
		require.NoError(t, json.Unmarshal(raw, &s))
		var listed []string
		for _, cb := range s.CitedBy {
			listed = append(listed, cb.Slug)
		}
		assert.ElementsMatch(t, dedupeSorted(citers[s.Slug]), listed, "source %s lists every record that cites it", s.Slug)
	}
}

func dedupeSorted(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func TestTreatments_ClinicalFilters(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	type treatment struct {
		Slug     string  `json:"slug"`
		Route    *string `json:"route"`
		Evidence []struct {
			Outcome *string `json:"outcome"`
		} `json:"evidence"`
		Summary struct {
			SScPatients int `json:"ssc_patients"`
		} `json:"evidence_summary"`
	}
	list := func(path string) []treatment {
		var out []treatment
		for _, raw := range c.walk(path) {
			var tr treatment
			require.NoError(t, json.Unmarshal(raw, &tr))
			out = append(out, tr)
		}
		return out
	}
	for _, tr := range list("/v1/treatments?route=oral&limit=200") {
		require.NotNil(t, tr.Route)
		assert.Equal(t, "oral", *tr.Route)
	}
	for _, tr := range list("/v1/treatments?outcome=no_effect&limit=200") {
		found := false
		for _, f := range tr.Evidence {
			found = found || (f.Outcome != nil && *f.Outcome == "no_effect")
		}
		assert.True(t, found, tr.Slug)
	}
	byPatients := list("/v1/treatments?sort=ssc_patients&limit=3")
	for i := 1; i < len(byPatients); i++ {
		assert.GreaterOrEqual(t, byPatients[i-1].Summary.SScPatients, byPatients[i].Summary.SScPatients)
	}
	for query, param := range map[string]string{"route=nasal": "route", "outcome=cured": "outcome", "sort=popularity": "sort"} {
		p := requireProblem(t, c.get("/v1/treatments?"+query), http.StatusBadRequest)
		assert.Equal(t, param, p.Param)
	}
}
