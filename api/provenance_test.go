package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// provenance is the part of a source that says what was read and how it was verified.
type provenance struct {
	Slug         string `json:"slug"`
	URL          string `json:"url"`
	Verification string `json:"verification"`
}

type findingProvenance struct {
	ID     int64      `json:"id"`
	Source provenance `json:"source"`
}

var verifications = []string{"publisher", "pubmed", "pmc", "concordant_secondary"}

func sourcesWith(t *testing.T, c *client, query string) map[string]provenance {
	t.Helper()
	out := map[string]provenance{}
	for _, raw := range c.walk("/v1/sources?limit=200" + query) {
		var p provenance
		require.NoError(t, json.Unmarshal(raw, &p))
		out[p.Slug] = p
	}
	return out
}

func findingsWith(t *testing.T, c *client, query string) map[int64]provenance {
	t.Helper()
	out := map[int64]provenance{}
	for _, raw := range c.walk("/v1/findings?limit=200" + query) {
		var f findingProvenance
		require.NoError(t, json.Unmarshal(raw, &f))
		out[f.ID] = f.Source
	}
	return out
}

// TestSources_Provenance checks that every source says where its record is and how it was
// verified, and that the verification filter keeps exactly the sources and findings it names.
func TestSources_Provenance(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	all := sourcesWith(t, c, "")
	require.NotEmpty(t, all)
	web := regexp.MustCompile(`^https?://\S+$`)
	for slug, s := range all {
		_, err := url.Parse(s.URL)
		assert.NoError(t, err, slug)
		assert.Regexp(t, web, s.URL, slug)
		assert.Contains(t, verifications, s.Verification, slug)
	}
	allFindings := findingsWith(t, c, "")

	for _, query := range []string{"publisher", "pmc", "pubmed,pmc", "publisher,pubmed,pmc", "concordant_secondary", "concordant_secondary,publisher"} {
		t.Run(query, func(t *testing.T) {
			wanted := strings.Split(query, ",")
			want := map[string]bool{}
			for slug, s := range all {
				if contains(wanted, s.Verification) {
					want[slug] = true
				}
			}
			got := sourcesWith(t, c, "&verification="+query)
			assert.Len(t, got, len(want))
			for slug := range got {
				assert.True(t, want[slug], "%s is not %s", slug, query)
			}

			wantFindings := 0
			for _, s := range allFindings {
				if contains(wanted, s.Verification) {
					wantFindings++
				}
			}
			gotFindings := findingsWith(t, c, "&verification="+query)
			assert.Len(t, gotFindings, wantFindings)
			for id, s := range gotFindings {
				assert.Contains(t, wanted, s.Verification, "finding %d", id)
			}
		})
	}

	t.Run("combined with the other filters", func(t *testing.T) {
		got := findingsWith(t, c, "&subject_type=treatment&verification=pubmed")
		for id, s := range got {
			assert.Equal(t, "pubmed", s.Verification, "finding %d", id)
		}
		got = findingsWith(t, c, "&source=valenzuela-2015&verification=pmc")
		assert.Empty(t, got, "the anchor review was read on PubMed, not PMC")
		got = findingsWith(t, c, "&source=valenzuela-2015&verification=pubmed,pmc")
		assert.NotEmpty(t, got)
	})
	t.Run("a bibliography takes the filter too", func(t *testing.T) {
		resp := c.get("/v1/sources?format=ris&verification=concordant_secondary")
		require.Equal(t, http.StatusOK, resp.status)
		assert.Equal(t, len(sourcesWith(t, c, "&verification=concordant_secondary")), strings.Count(string(resp.body), "\nER  -"))
	})
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

func TestSources_VerificationRejected(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, coll := range []string{"/v1/sources", "/v1/findings"} {
		for _, bad := range []string{"", "PUBMED", "pubmed,", ",pubmed", "pubmed,,pmc", "pubmed,pubmed", "primary",
			"pubmed%00", "pubmed%20", "%27%3B%20DROP%20TABLE%20sources--", strings.Repeat("pmc,", 100) + "pmc",
			"pubmed&verification=pmc"} {
			t.Run(coll+"?verification="+bad, func(t *testing.T) {
				p := requireProblem(t, c.get(coll+"?verification="+bad), http.StatusBadRequest)
				assert.Equal(t, "verification", p.Param)
				assert.Contains(t, p.Detail, "verification")
			})
		}
	}
}

// TestSources_VerificationConcurrent asks for every filter at once from many goroutines; each
// answer must be the one a lone request gets.
func TestSources_VerificationConcurrent(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	paths := []string{"/v1/sources?verification=pubmed,pmc", "/v1/findings?verification=publisher&limit=200",
		"/v1/sources?verification=concordant_secondary&q=calcinosis", "/v1/findings?verification=concordant_secondary,pmc"}
	answersAloneAndTogether(t, c, paths, 32)
}

// TestFeatures_AntiPMSclHeavyBurden checks the strongest association known, added under the
// verification policy: anti-PM/Scl and a heavy calcinosis burden in the Johns Hopkins registry.
func TestFeatures_AntiPMSclHeavyBurden(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	type effect struct {
		FindingID int64    `json:"finding_id"`
		Measure   string   `json:"measure"`
		Estimate  float64  `json:"estimate"`
		CILow     *float64 `json:"ci_low"`
		CIHigh    *float64 `json:"ci_high"`
		Adjusted  *bool    `json:"adjusted"`
		Primary   bool     `json:"primary"`
		Source    string   `json:"source"`
	}
	var feature struct {
		Effects           []effect     `json:"effects"`
		StrongestAdjusted *effect      `json:"strongest_adjusted"`
		Sources           []provenance `json:"sources"`
	}
	resp := c.get("/v1/associated-features/anti-pm-scl-antibody")
	require.Equal(t, http.StatusOK, resp.status)
	require.NoError(t, json.Unmarshal(resp.body, &feature))

	require.NotNil(t, feature.StrongestAdjusted)
	got := *feature.StrongestAdjusted
	assert.Equal(t, "odds_ratio", got.Measure)
	assert.Equal(t, 17.31, got.Estimate)
	require.NotNil(t, got.CILow)
	require.NotNil(t, got.CIHigh)
	assert.Equal(t, 7.72, *got.CILow)
	assert.Equal(t, 38.81, *got.CIHigh)
	assert.True(t, got.Primary)
	assert.Equal(t, "johns-hopkins-registry-2023", got.Source)

	var sources []string
	for _, s := range feature.Sources {
		sources = append(sources, s.Slug)
		if s.Slug == "johns-hopkins-registry-2023" {
			assert.Equal(t, "concordant_secondary", s.Verification)
			assert.NotEmpty(t, s.URL)
		}
	}
	assert.Contains(t, sources, "johns-hopkins-registry-2023")

	// The light burden is the same study's secondary result, listed among the effects.
	var light bool
	for _, e := range feature.Effects {
		if e.Source == "johns-hopkins-registry-2023" && e.Estimate == 3.59 {
			light = !e.Primary && *e.CILow == 1.84 && *e.CIHigh == 7.00
		}
	}
	assert.True(t, light, "the light-burden OR 3.59 (1.84-7.00) is a secondary effect")

	// Kept to primary-verified evidence, the estimate is gone but the feature's other findings stay.
	primary := findingsWith(t, c, "&subject=anti-pm-scl-antibody&verification=publisher,pubmed,pmc")
	assert.NotEmpty(t, primary)
	for id, s := range primary {
		assert.NotEqual(t, "johns-hopkins-registry-2023", s.Slug, "finding %d", id)
	}
}
