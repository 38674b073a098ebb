package api_test

import (
	"context"
	"encoding/json"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/testdb"
)

// studyFinding holds the fields of a finding that a client weighing the evidence reads.
type studyFinding struct {
	Subject struct {
		Slug string `json:"slug"`
	} `json:"subject"`
	Source struct {
		Slug string `json:"slug"`
	} `json:"source"`
	NSSc          *int     `json:"n_ssc"`
	NTotal        *int     `json:"n_total"`
	Estimate      *float64 `json:"estimate"`
	CILow         *float64 `json:"ci_low"`
	CIHigh        *float64 `json:"ci_high"`
	Comparison    *string  `json:"comparison"`
	Adjusted      *bool    `json:"adjusted"`
	Outcome       *string  `json:"outcome"`
	EvidenceLevel int      `json:"evidence_level"`
}

// treatmentEvidence is a treatment with its derived summary and the findings it rests on.
type treatmentEvidence struct {
	Slug    string `json:"slug"`
	Summary struct {
		StrongestLevel     int  `json:"strongest_level"`
		RecommendedAgainst bool `json:"recommended_against"`
		CompletedRCTInSSc  bool `json:"completed_rct_in_ssc"`
	} `json:"evidence_summary"`
	Evidence []studyFinding `json:"evidence"`
}

// prevalenceCohort is a prevalence estimate with the source a client would cite.
type prevalenceCohort struct {
	Slug    string  `json:"slug"`
	Kind    string  `json:"kind"`
	N       *int    `json:"n"`
	Percent float64 `json:"percent"`
	Source  struct {
		Slug string `json:"slug"`
	} `json:"source"`
}

func studyFindings(t *testing.T, c *client, path string) []studyFinding {
	t.Helper()
	raw := c.walk(path)
	out := make([]studyFinding, len(raw))
	for i, r := range raw {
		require.NoError(t, json.Unmarshal(r, &out[i]))
	}
	return out
}

// citations resolves the sources that findings name, once each: a client must be able to
// fetch each one and find a citation to follow (journal, year and volume or abstract number).
type citations struct {
	c        *client
	resolved map[string]bool
}

func (cs *citations) resolves(t *testing.T, slug string) bool {
	t.Helper()
	if ok, seen := cs.resolved[slug]; seen {
		return ok
	}
	resp := cs.c.get("/v1/sources/" + slug)
	var source struct {
		Journal  string `json:"journal"`
		Year     int    `json:"year"`
		Citation string `json:"citation"`
	}
	ok := resp.status == 200 && json.Unmarshal(resp.body, &source) == nil &&
		source.Journal != "" && source.Year > 0 && source.Citation != ""
	cs.resolved[slug] = ok
	return ok
}

// TestStudyLevelQuestions_AnsweredByTheAPI asks the questions the study-level evidence is for,
// through the HTTP API alone, and checks each answer against the database it was served from.
func TestStudyLevelQuestions_AnsweredByTheAPI(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	ctx := context.Background()
	cited := &citations{c: c, resolved: map[string]bool{}}

	t.Run("which features have the strongest adjusted association", func(t *testing.T) {
		var adjusted []studyFinding
		for _, f := range studyFindings(t, c, "/v1/findings?subject_type=associated_feature&measure=odds_ratio&limit=100") {
			if f.Adjusted != nil && *f.Adjusted {
				adjusted = append(adjusted, f)
			}
		}
		require.NotEmpty(t, adjusted)
		sort.Slice(adjusted, func(i, j int) bool { return *adjusted[i].Estimate > *adjusted[j].Estimate })

		var strongest float64
		require.NoError(t, pool.QueryRow(ctx, `
			SELECT max(estimate) FROM findings
			WHERE associated_feature_id IS NOT NULL AND measure = 'odds_ratio' AND adjusted`).Scan(&strongest))
		assert.InDelta(t, strongest, *adjusted[0].Estimate, 1e-9)
		for _, f := range adjusted {
			assert.True(t, cited.resolves(t, f.Source.Slug), "%s: the study can be cited", f.Source.Slug)
			assert.NotNil(t, f.NSSc, "%s on %s: the cohort size is given", f.Source.Slug, f.Subject.Slug)
			if f.CILow != nil {
				assert.True(t, *f.CILow <= *f.Estimate && *f.Estimate <= *f.CIHigh, "%s: the CI holds the estimate", f.Source.Slug)
			}
		}
	})

	t.Run("which features are discordant between cohorts", func(t *testing.T) {
		var discordant []string
		for _, raw := range c.walk("/v1/associated-features?limit=100") {
			var feature struct {
				Slug        string `json:"slug"`
				Consistency string `json:"consistency"`
			}
			require.NoError(t, json.Unmarshal(raw, &feature))
			if feature.Consistency == "discordant" {
				discordant = append(discordant, feature.Slug)
			}
		}
		rows, err := pool.Query(ctx, `
			SELECT af.slug FROM associated_features AS af
			JOIN findings AS f ON f.associated_feature_id = af.id
			WHERE f.design NOT IN ('narrative_review', 'expert_review')
			GROUP BY af.slug
			HAVING count(DISTINCT f.source_id) > 1 AND count(DISTINCT f.direction) > 1
			ORDER BY af.slug`)
		require.NoError(t, err)
		var want []string
		for rows.Next() {
			var slug string
			require.NoError(t, rows.Scan(&slug))
			want = append(want, slug)
		}
		require.NoError(t, rows.Err())
		sort.Strings(discordant)
		assert.Equal(t, want, discordant)
		assert.Contains(t, discordant, "anti-rna-polymerase-iii-antibody", "cohorts disagree on it")
	})

	t.Run("what every treatment's evidence is", func(t *testing.T) {
		var treatments []treatmentEvidence
		for _, raw := range c.walk("/v1/treatments?limit=100") {
			var tr treatmentEvidence
			require.NoError(t, json.Unmarshal(raw, &tr))
			treatments = append(treatments, tr)
		}
		withCounts := 0
		for _, tr := range treatments {
			require.NotEmpty(t, tr.Evidence, tr.Slug)
			strongest := 5
			for _, f := range tr.Evidence {
				strongest = min(strongest, f.EvidenceLevel)
				assert.True(t, cited.resolves(t, f.Source.Slug), "%s: %s can be cited", tr.Slug, f.Source.Slug)
				if f.Outcome != nil && (f.NSSc != nil || f.NTotal != nil) {
					withCounts++
				}
			}
			assert.Equal(t, strongest, tr.Summary.StrongestLevel, "%s: its level is its strongest finding's", tr.Slug)
			assert.False(t, tr.Summary.CompletedRCTInSSc, "%s: no completed RCT in SSc calcinosis", tr.Slug)
			if tr.Slug == "warfarin" {
				assert.True(t, tr.Summary.RecommendedAgainst, "warfarin is recommended against")
			}
		}
		// Counted again from the content files, independently of the store and the API.
		recs, err := content.Load("../content")
		require.NoError(t, err)
		inFiles := 0
		for _, f := range recs["findings"] {
			v := f.Values
			if !v["treatment_id"].Null && !v["outcome"].Null && (!v["n_ssc"].Null || !v["n_total"].Null) {
				inFiles++
			}
		}
		assert.Equal(t, inFiles, withCounts, "treatment findings with a number of patients and an outcome")
		assert.NotZero(t, withCounts)
	})

	t.Run("how ultrasonography compares with radiography", func(t *testing.T) {
		compared := 0
		for _, f := range studyFindings(t, c, "/v1/findings?subject=ultrasonography") {
			if f.Comparison != nil && f.Estimate != nil && f.NSSc != nil {
				compared++
				assert.True(t, cited.resolves(t, f.Source.Slug), f.Source.Slug)
			}
		}
		assert.Positive(t, compared, "a finding sets ultrasound's detection rate beside radiography's")
	})

	t.Run("what the largest cohorts report as prevalence", func(t *testing.T) {
		var cohorts []prevalenceCohort
		for _, raw := range c.walk("/v1/prevalence?limit=100") {
			var cohort prevalenceCohort
			require.NoError(t, json.Unmarshal(raw, &cohort))
			if cohort.Kind == "cohort" {
				cohorts = append(cohorts, cohort)
			}
		}
		assert.GreaterOrEqual(t, len(cohorts), 8, "cohorts with n and the share with calcinosis")
		sort.Slice(cohorts, func(i, j int) bool { return *cohorts[i].N > *cohorts[j].N })
		var largest int
		require.NoError(t, pool.QueryRow(ctx, `SELECT max(n) FROM prevalence_estimates`).Scan(&largest))
		assert.Equal(t, largest, *cohorts[0].N)
		for _, p := range cohorts {
			assert.True(t, cited.resolves(t, p.Source.Slug), "%s: its source can be cited", p.Slug)
			assert.NotNil(t, p.N, p.Slug)
			assert.True(t, p.Percent > 0 && p.Percent < 100, p.Slug)
		}
	})
}
