package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// synthesisView is a treatment's synthesis as a client reads it.
type synthesisView struct {
	Studies          int            `json:"studies"`
	SScPatients      int            `json:"ssc_patients"`
	ByPrimaryOutcome map[string]int `json:"by_primary_outcome"`
	Secondary        []struct {
		FindingID int64 `json:"finding_id"`
	} `json:"secondary_results"`
	BenefitLevel     *int     `json:"benefit_level"`
	NoBenefitLevel   *int     `json:"no_benefit_level"`
	Certainty        *string  `json:"certainty"`
	CertaintyReasons []string `json:"certainty_reasons"`
	Assessment       string   `json:"assessment"`
	AssessmentReason string   `json:"assessment_reason"`
	RulesVersion     string   `json:"rules_version"`
}

type treatmentView struct {
	Slug      string        `json:"slug"`
	Mainstay  bool          `json:"mainstay"`
	Synthesis synthesisView `json:"synthesis"`
}

// findingView is a treatment finding from /v1/findings.
type findingView struct {
	ID      int64 `json:"id"`
	Subject struct {
		Slug string `json:"slug"`
	} `json:"subject"`
	Source struct {
		Slug string `json:"slug"`
	} `json:"source"`
	Design              string  `json:"design"`
	NSSc                *int    `json:"n_ssc"`
	Comparison          *string `json:"comparison"`
	Outcome             *string `json:"outcome"`
	Recommendation      *string `json:"recommendation"`
	RecommendationBasis *string `json:"recommendation_basis"`
	Primary             bool    `json:"primary"`
	EvidenceLevel       int     `json:"evidence_level"`
}

func treatmentsSorted(t *testing.T, c *client, query string) []treatmentView {
	t.Helper()
	var out []treatmentView
	for _, raw := range c.walk("/v1/treatments?" + query) {
		var tr treatmentView
		require.NoError(t, json.Unmarshal(raw, &tr))
		out = append(out, tr)
	}
	return out
}

// expected recomputes a synthesis from the findings alone, written apart from the rules
// package: it must agree with what the API serves.
func expected(t *testing.T, mainstay bool, findings []findingView) synthesisView {
	t.Helper()
	type studyAcc struct {
		primaries  []findingView
		maxSSc     *int
		controlled bool
		level      int
	}
	bySource := map[string]*studyAcc{}
	var secondary []int64
	against := false
	for _, f := range findings {
		if f.Recommendation != nil && strings.HasSuffix(*f.Recommendation, "_against") && *f.RecommendationBasis != "expert_opinion" {
			against = true
		}
		if f.Outcome == nil {
			assert.False(t, f.Primary, "finding %d: no result, so not primary", f.ID)
			continue
		}
		acc := bySource[f.Source.Slug]
		if acc == nil {
			acc = &studyAcc{level: 99}
			bySource[f.Source.Slug] = acc
		}
		if f.Primary {
			acc.primaries = append(acc.primaries, f)
		} else {
			secondary = append(secondary, f.ID)
		}
		if f.NSSc != nil && (acc.maxSSc == nil || *f.NSSc > *acc.maxSSc) {
			acc.maxSSc = f.NSSc
		}
		acc.controlled = acc.controlled || f.Design == "rct" || f.Design == "case_control" || f.Comparison != nil
		if f.EvidenceLevel < acc.level {
			acc.level = f.EvidenceLevel
		}
	}
	want := synthesisView{Studies: len(bySource), ByPrimaryOutcome: map[string]int{"improved": 0, "mixed": 0, "no_effect": 0, "worsened": 0}}
	rct, controlled, anySSc, controlledAgainst := false, false, false, false
	for source, acc := range bySource {
		require.Len(t, acc.primaries, 1, "%s reports a result, so exactly one primary finding", source)
		p := acc.primaries[0]
		want.ByPrimaryOutcome[*p.Outcome]++
		if acc.maxSSc != nil {
			want.SScPatients += *acc.maxSSc
			anySSc = true
		}
		lvl := acc.level
		switch *p.Outcome {
		case "improved":
			if want.BenefitLevel == nil || lvl < *want.BenefitLevel {
				want.BenefitLevel = &lvl
			}
		case "no_effect", "worsened":
			if want.NoBenefitLevel == nil || lvl < *want.NoBenefitLevel {
				want.NoBenefitLevel = &lvl
			}
			controlledAgainst = controlledAgainst || acc.controlled
		}
		rct = rct || p.Design == "rct"
		controlled = controlled || acc.controlled
	}
	for _, id := range secondary {
		want.Secondary = append(want.Secondary, struct {
			FindingID int64 `json:"finding_id"`
		}{id})
	}
	noBenefit := want.ByPrimaryOutcome["no_effect"] + want.ByPrimaryOutcome["worsened"]
	if want.Studies > 0 {
		steps := 2
		if rct {
			steps = 0
		}
		for _, down := range []bool{!controlled, !anySSc, want.SScPatients < 50 || !controlled,
			want.ByPrimaryOutcome["improved"] > 0 && noBenefit > 0} {
			if down {
				steps++
			}
		}
		c := []string{"high", "moderate", "low", "very_low"}[min(steps, 3)]
		want.Certainty = &c
	}
	switch {
	case against:
		want.Assessment = "recommended_against"
	case want.ByPrimaryOutcome["improved"] == 0 && (noBenefit >= 2 || controlledAgainst):
		want.Assessment = "not_effective"
	case mainstay:
		want.Assessment = "mainstay"
	case want.ByPrimaryOutcome["improved"] >= 2 && !controlledAgainst:
		want.Assessment = "promising"
	default:
		want.Assessment = "insufficient"
	}
	return want
}

// TestSynthesis_RecomputedFromFindings recomputes every synthesis field of every treatment
// from GET /v1/findings and compares it with what GET /v1/treatments serves.
func TestSynthesis_RecomputedFromFindings(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	byTreatment := map[string][]findingView{}
	for _, raw := range c.walk("/v1/findings?subject_type=treatment&limit=200") {
		var f findingView
		require.NoError(t, json.Unmarshal(raw, &f))
		byTreatment[f.Subject.Slug] = append(byTreatment[f.Subject.Slug], f)
	}
	treatments := treatmentsSorted(t, c, "limit=200")
	require.NotEmpty(t, treatments)
	for _, tr := range treatments {
		t.Run(tr.Slug, func(t *testing.T) {
			got, want := tr.Synthesis, expected(t, tr.Mainstay, byTreatment[tr.Slug])
			assert.Equal(t, want.Studies, got.Studies, "studies: distinct sources with a result")
			assert.Equal(t, want.SScPatients, got.SScPatients)
			assert.Equal(t, want.ByPrimaryOutcome, got.ByPrimaryOutcome)
			sort.Slice(got.Secondary, func(i, j int) bool { return got.Secondary[i].FindingID < got.Secondary[j].FindingID })
			sort.Slice(want.Secondary, func(i, j int) bool { return want.Secondary[i].FindingID < want.Secondary[j].FindingID })
			assert.Equal(t, fmt.Sprint(want.Secondary), fmt.Sprint(got.Secondary))
			assert.Equal(t, want.BenefitLevel, got.BenefitLevel)
			assert.Equal(t, want.NoBenefitLevel, got.NoBenefitLevel)
			assert.Equal(t, want.Certainty, got.Certainty)
			assert.Equal(t, want.Assessment, got.Assessment)
			assert.NotEmpty(t, got.CertaintyReasons)
			assert.NotEmpty(t, got.AssessmentReason)
			if got.Certainty != nil {
				assert.Contains(t, []string{"low", "very_low"}, *got.Certainty, "no completed randomised trial in SSc calcinosis")
			}
		})
	}
}

func TestSynthesis_BenefitOrder(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, limit := range []string{"200", "1", "3"} {
		t.Run("page size "+limit, func(t *testing.T) {
			got := treatmentsSorted(t, c, "sort=benefit&limit="+limit)
			require.NotEmpty(t, got)
			assert.Equal(t, "surgical-excision", got[0].Slug, "the mainstay comes first")
			last := got[len(got)-1]
			assert.Equal(t, "warfarin", last.Slug)
			assert.Equal(t, "recommended_against", last.Synthesis.Assessment, "warfarin is recommended against, at the end")
			rank := map[string]int{"mainstay": 0, "promising": 1, "insufficient": 2, "not_effective": 3, "recommended_against": 4}
			for i := 1; i < len(got); i++ {
				assert.LessOrEqual(t, rank[got[i-1].Synthesis.Assessment], rank[got[i].Synthesis.Assessment], "%s before %s", got[i-1].Slug, got[i].Slug)
			}
		})
	}
	t.Run("assessment filter", func(t *testing.T) {
		for _, a := range []string{"mainstay", "insufficient", "recommended_against", "promising"} {
			for _, tr := range treatmentsSorted(t, c, "assessment="+a+"&sort=benefit&limit=2") {
				assert.Equal(t, a, tr.Synthesis.Assessment)
			}
		}
		against := treatmentsSorted(t, c, "assessment=recommended_against")
		require.Len(t, against, 1)
		assert.Equal(t, "warfarin", against[0].Slug)
	})
}

func TestSynthesis_RulesVersionAndReasons(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	meta := decode[struct {
		RulesVersion string `json:"rules_version"`
	}](t, c.get("/v1/meta"))
	require.NotEmpty(t, meta.RulesVersion)

	rules := decode[struct {
		Version string `json:"version"`
		Rules   []struct {
			ID        string `json:"id"`
			Statement string `json:"statement"`
		} `json:"rules"`
	}](t, c.get("/v1/synthesis-rules"))
	assert.Equal(t, meta.RulesVersion, rules.Version)
	ids := map[string]bool{}
	for _, r := range rules.Rules {
		ids[r.ID] = true
		assert.NotEmpty(t, r.Statement, r.ID)
	}
	for _, id := range []string{"study", "risk_of_bias", "indirectness", "imprecision", "inconsistency", "recommended_against", "not_effective", "promising", "benefit_order"} {
		assert.True(t, ids[id], "rule %s is stated", id)
	}

	warfarin := decode[treatmentView](t, c.get("/v1/treatments/warfarin"))
	assert.Equal(t, meta.RulesVersion, warfarin.Synthesis.RulesVersion)
	assert.Equal(t, "very_low", *warfarin.Synthesis.Certainty)
	assert.Equal(t, []string{
		"Starts at low: no randomised trial reports a result; the results come from observational studies, case series or case reports.",
		"Rated down for risk of bias: no study compared treated patients with a control group; the results come from case reports and uncontrolled series or cohorts.",
		"Rated down for imprecision: only 1 patients with systemic sclerosis were studied in all, fewer than 50; no study has a comparison group from which to estimate the size of an effect.",
	}, warfarin.Synthesis.CertaintyReasons)
	assert.Equal(t, "Recommended against (strong against, on a systematic review) by traineau-2020.", warfarin.Synthesis.AssessmentReason)

	t.Run("takes no parameters", func(t *testing.T) {
		p := requireProblem(t, c.get("/v1/synthesis-rules?version=1"), http.StatusBadRequest)
		assert.Equal(t, "version", p.Param)
		p = requireProblem(t, c.get("/v1/treatments?assessment=excellent"), http.StatusBadRequest)
		assert.Equal(t, "assessment", p.Param)
		p = requireProblem(t, c.get("/v1/treatments?assessment=mainstay&assessment=promising"), http.StatusBadRequest)
		assert.Equal(t, "assessment", p.Param)
		p = requireProblem(t, c.get("/v1/treatments?sort=benefits"), http.StatusBadRequest)
		assert.Equal(t, "sort", p.Param)
	})
}

func TestFeatures_Effects(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	type effect struct {
		FindingID int64   `json:"finding_id"`
		Measure   string  `json:"measure"`
		Estimate  float64 `json:"estimate"`
		N         *int    `json:"n"`
		Adjusted  *bool   `json:"adjusted"`
		Source    string  `json:"source"`
	}
	for _, raw := range c.walk("/v1/associated-features?limit=200") {
		var f struct {
			Slug              string   `json:"slug"`
			Effects           []effect `json:"effects"`
			StrongestAdjusted *effect  `json:"strongest_adjusted"`
			Evidence          []struct {
				ID      int64   `json:"id"`
				Measure *string `json:"measure"`
			} `json:"evidence"`
		}
		require.NoError(t, json.Unmarshal(raw, &f))
		withEstimate := 0
		for _, e := range f.Evidence {
			if e.Measure != nil {
				withEstimate++
			}
		}
		assert.Len(t, f.Effects, withEstimate, "%s: every estimate is listed", f.Slug)
		for i := 1; i < len(f.Effects); i++ {
			n := func(e effect) int {
				if e.N == nil {
					return 0
				}
				return *e.N
			}
			assert.GreaterOrEqual(t, n(f.Effects[i-1]), n(f.Effects[i]), "%s: largest study first", f.Slug)
		}
		if f.StrongestAdjusted != nil {
			assert.True(t, *f.StrongestAdjusted.Adjusted, f.Slug)
			for _, e := range f.Effects {
				if e.Adjusted != nil && *e.Adjusted && (e.Measure == "odds_ratio" || e.Measure == "hazard_ratio") && e.N != nil {
					assert.LessOrEqual(t, *e.N, *f.StrongestAdjusted.N, "%s: from the largest study", f.Slug)
				}
			}
		}
	}
	ulcers := decode[struct {
		StrongestAdjusted *effect `json:"strongest_adjusted"`
	}](t, c.get("/v1/associated-features/digital-ulcers"))
	require.NotNil(t, ulcers.StrongestAdjusted, "digital ulcers have adjusted odds ratios")
	assert.NotEmpty(t, ulcers.StrongestAdjusted.Source)
}

// TestSynthesis_Concurrent asks for the benefit order and the rules from many goroutines at
// once: every answer is the same.
func TestSynthesis_Concurrent(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	paths := []string{"/v1/treatments?sort=benefit&limit=5", "/v1/treatments?assessment=insufficient", "/v1/synthesis-rules"}
	want := map[string]string{}
	for _, p := range paths {
		want[p] = string(c.get(p).body)
	}
	errs := make(chan error, 64)
	for i := range 64 {
		go func() {
			p := paths[i%len(paths)]
			resp, err := http.Get(c.srv.URL + p)
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			var b strings.Builder
			if _, err := io.Copy(&b, resp.Body); err != nil {
				errs <- err
				return
			}
			if resp.StatusCode != http.StatusOK || b.String() != want[p] {
				errs <- fmt.Errorf("%s: status %d, body differs: %t", p, resp.StatusCode, b.String() != want[p])
				return
			}
			errs <- nil
		}()
	}
	for range 64 {
		assert.NoError(t, <-errs)
	}
}
