package synthesis_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/synthesis"
)

var nextID int64

// result is a synthetic finding of a study: its source, design, outcome, SSc patients, level.
func result(source, design, outcome string, nSSc, level int, primary bool) kb.Finding {
	nextID++
	f := kb.Finding{ID: nextID, Source: kb.Source{Slug: source}, Design: design, EvidenceLevel: level, Primary: primary}
	if outcome != "" {
		f.Outcome = &outcome
	}
	if nSSc > 0 {
		f.NSSc = &nSSc
	}
	return f
}

func controlled(f kb.Finding) kb.Finding {
	c := "untreated control"
	f.Comparison = &c
	return f
}

func recommends(f kb.Finding, rec, basis string) kb.Finding {
	f.Recommendation, f.RecommendationBasis = &rec, &basis
	return f
}

func ptr(n int) *int { return &n }

func TestTreatment_Counts(t *testing.T) {
	evidence := []kb.Finding{
		result("a", "case_series", "improved", 10, 4, true),
		result("a", "case_series", "no_effect", 12, 4, false), // secondary; the study's largest n counts
		result("b", "case_report", "no_effect", 1, 4, true),
		result("review", "narrative_review", "", 0, 5, false), // no result: not a study
		result("c", "retrospective_cohort", "mixed", 0, 4, true),
	}
	s := synthesis.Treatment(evidence, false)
	assert.Equal(t, 3, s.Studies)
	assert.Equal(t, 13, s.SScPatients)
	assert.Equal(t, kb.OutcomeCounts{Improved: 1, NoEffect: 1, Mixed: 1}, s.ByPrimaryOutcome)
	require.Len(t, s.Secondary, 1)
	assert.Equal(t, "no_effect", s.Secondary[0].Outcome)
	assert.Equal(t, ptr(4), s.BenefitLevel)
	assert.Equal(t, ptr(4), s.NoBenefitLevel)
}

func TestTreatment_PrimaryWithoutFlagIsFirstResult(t *testing.T) {
	s := synthesis.Treatment([]kb.Finding{
		result("a", "case_series", "mixed", 5, 4, false),
		result("a", "case_series", "improved", 5, 4, false),
	}, false)
	assert.Equal(t, kb.OutcomeCounts{Mixed: 1}, s.ByPrimaryOutcome)
}

func TestTreatment_Levels(t *testing.T) {
	for name, tc := range map[string]struct {
		evidence           []kb.Finding
		benefit, noBenefit *int
	}{
		"none": {evidence: nil},
		"strongest of the improved": {evidence: []kb.Finding{
			result("a", "case_series", "improved", 5, 4, true),
			result("b", "prospective_cohort", "improved", 5, 3, true),
		}, benefit: ptr(3)},
		"worsened counts against": {evidence: []kb.Finding{
			result("a", "case_report", "worsened", 1, 4, true),
		}, noBenefit: ptr(4)},
		"a mixed primary counts for neither": {evidence: []kb.Finding{
			result("a", "case_series", "mixed", 5, 2, true),
		}},
	} {
		t.Run(name, func(t *testing.T) {
			s := synthesis.Treatment(tc.evidence, false)
			assert.Equal(t, tc.benefit, s.BenefitLevel)
			assert.Equal(t, tc.noBenefit, s.NoBenefitLevel)
		})
	}
}

func TestTreatment_Certainty(t *testing.T) {
	for name, tc := range map[string]struct {
		evidence []kb.Finding
		want     string // "" for null
		reasons  []string
	}{
		"no study": {evidence: []kb.Finding{result("r", "narrative_review", "", 0, 5, false)},
			reasons: []string{"No study"}},
		"randomised, large, consistent": {evidence: []kb.Finding{result("a", "rct", "improved", 60, 2, true)},
			want: "high", reasons: []string{"Starts at high"}},
		"randomised but small": {evidence: []kb.Finding{result("a", "rct", "improved", 20, 2, true)},
			want: "moderate", reasons: []string{"Starts at high", "imprecision"}},
		"observational, controlled, large, in SSc": {evidence: []kb.Finding{controlled(result("a", "prospective_cohort", "improved", 80, 3, true))},
			want: "low", reasons: []string{"Starts at low"}},
		"uncontrolled: risk of bias and imprecision": {evidence: []kb.Finding{result("a", "case_series", "improved", 80, 4, true)},
			want: "very_low", reasons: []string{"Starts at low", "risk of bias", "imprecision"}},
		"no SSc count: indirectness": {evidence: []kb.Finding{controlled(result("a", "retrospective_cohort", "improved", 0, 4, true))},
			want: "very_low", reasons: []string{"Starts at low", "indirectness", "imprecision"}},
		"disagreement: inconsistency": {evidence: []kb.Finding{
			result("a", "rct", "improved", 40, 2, true), result("b", "rct", "no_effect", 40, 2, true)},
			want: "moderate", reasons: []string{"Starts at high", "inconsistency"}},
		"never below very low": {evidence: []kb.Finding{
			result("a", "case_report", "improved", 0, 4, true), result("b", "case_report", "no_effect", 0, 4, true)},
			want: "very_low", reasons: []string{"Starts at low", "risk of bias", "indirectness", "imprecision", "inconsistency"}},
	} {
		t.Run(name, func(t *testing.T) {
			s := synthesis.Treatment(tc.evidence, false)
			if tc.want == "" {
				assert.Nil(t, s.Certainty)
			} else {
				require.NotNil(t, s.Certainty)
				assert.Equal(t, tc.want, *s.Certainty)
			}
			require.Len(t, s.CertaintyReasons, len(tc.reasons), "%q", s.CertaintyReasons)
			for i, want := range tc.reasons {
				assert.Contains(t, s.CertaintyReasons[i], want)
			}
			if tc.want == "" {
				assert.Empty(t, s.CertaintySteps, "nothing rated, no steps")
				return
			}
			// The steps are the reasons, each with its domain and the level it leaves.
			require.Len(t, s.CertaintySteps, len(s.CertaintyReasons))
			for i, step := range s.CertaintySteps {
				assert.Equal(t, s.CertaintyReasons[i], step.Reason)
				assert.Contains(t, kb.CertaintyDomains, step.Domain)
				assert.Equal(t, i == 0, step.Domain == "start", "the first step, and only it, is the start")
				if i > 0 {
					assert.Contains(t, step.Reason, "Rated down for "+strings.ReplaceAll(step.Domain, "_", " ")+":")
				}
			}
			assert.Equal(t, tc.want, s.CertaintySteps[len(s.CertaintySteps)-1].Level, "the last step leaves the certainty")
		})
	}
}

func TestTreatment_Assessment(t *testing.T) {
	for name, tc := range map[string]struct {
		evidence []kb.Finding
		mainstay bool
		want     string
	}{
		"a systematic review recommends against": {evidence: []kb.Finding{
			recommends(result("sr", "systematic_review", "", 0, 2, false), "strong_against", "systematic_review"),
			result("a", "case_series", "improved", 5, 4, true), result("b", "case_series", "improved", 5, 4, true)},
			want: "recommended_against"},
		"an expert's advice against is not enough": {evidence: []kb.Finding{
			recommends(result("ex", "expert_review", "", 0, 5, false), "conditional_against", "expert_opinion")},
			want: "insufficient"},
		"two studies of no effect": {evidence: []kb.Finding{
			result("a", "case_report", "no_effect", 1, 4, true), result("b", "case_series", "worsened", 4, 4, true)},
			want: "not_effective"},
		"one controlled study of no effect": {evidence: []kb.Finding{
			controlled(result("a", "prospective_cohort", "no_effect", 30, 3, true))},
			want: "not_effective"},
		"one uncontrolled study of no effect": {evidence: []kb.Finding{
			result("a", "case_report", "no_effect", 1, 4, true)},
			want: "insufficient"},
		"no effect but one benefit": {evidence: []kb.Finding{
			result("a", "case_report", "no_effect", 1, 4, true), result("b", "case_report", "no_effect", 1, 4, true),
			result("c", "case_report", "improved", 1, 4, true)},
			want: "insufficient"},
		"the mainstay": {evidence: []kb.Finding{result("a", "case_report", "mixed", 1, 4, true)}, mainstay: true,
			want: "mainstay"},
		"two studies of benefit": {evidence: []kb.Finding{
			result("a", "case_report", "improved", 1, 4, true), result("b", "case_series", "improved", 5, 4, true)},
			want: "promising"},
		"two of benefit, a controlled one disagrees": {evidence: []kb.Finding{
			result("a", "case_report", "improved", 1, 4, true), result("b", "case_series", "improved", 5, 4, true),
			controlled(result("c", "prospective_cohort", "no_effect", 20, 3, true))},
			want: "insufficient"},
		"one study of benefit": {evidence: []kb.Finding{result("a", "case_series", "improved", 9, 4, true)},
			want: "insufficient"},
	} {
		t.Run(name, func(t *testing.T) {
			s := synthesis.Treatment(tc.evidence, tc.mainstay)
			assert.Equal(t, tc.want, s.Assessment)
			assert.NotEmpty(t, s.AssessmentReason)
		})
	}
}

func TestBenefitRank_Order(t *testing.T) {
	syn := func(assessment string, level *int, patients int) kb.Synthesis {
		return kb.Synthesis{Assessment: assessment, BenefitLevel: level, SScPatients: patients}
	}
	ordered := []kb.Synthesis{
		syn("mainstay", ptr(4), 10),
		syn("promising", ptr(3), 1),
		syn("promising", ptr(4), 500),
		syn("insufficient", ptr(4), 80),
		syn("insufficient", ptr(4), 9),
		syn("insufficient", nil, 1000),
		syn("not_effective", nil, 0),
		syn("recommended_against", nil, 1),
	}
	for i := 1; i < len(ordered); i++ {
		assert.Less(t, synthesis.BenefitRank(ordered[i-1]), synthesis.BenefitRank(ordered[i]), "position %d", i)
	}
	assert.LessOrEqual(t, synthesis.BenefitRank(syn("recommended_against", nil, 0)), 1<<31-1, "a rank fits a cursor")
}

func TestEffects(t *testing.T) {
	or := func(source string, n int, estimate float64, adjusted, primary bool) kb.Finding {
		f := result(source, "cross_sectional", "", n, 3, primary)
		m := "odds_ratio"
		f.Measure, f.Estimate, f.Adjusted = &m, &estimate, &adjusted
		return f
	}
	noEstimate := result("d", "cross_sectional", "", 5000, 4, true)
	small := or("a", 50, 9, true, true)
	largeSecondary := or("b", 1000, 1.1, true, false)
	largePrimary := or("b", 1000, 2.4, true, true)
	unadjustedLargest := or("c", 3000, 3, false, true)

	effects, strongest := synthesis.Effects([]kb.Finding{small, noEstimate, largeSecondary, unadjustedLargest, largePrimary})
	var order []string
	for _, e := range effects {
		order = append(order, e.Source)
	}
	assert.Equal(t, "c b b a", strings.Join(order, " "), "largest study first; findings without an estimate left out")
	require.NotNil(t, strongest)
	assert.Equal(t, "b", strongest.Source)
	assert.InDelta(t, 2.4, strongest.Estimate, 1e-9, "the largest study's primary adjusted estimate")

	_, none := synthesis.Effects([]kb.Finding{unadjustedLargest})
	assert.Nil(t, none)
}

func TestRules_StatedOnce(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range synthesis.Rules {
		assert.False(t, seen[r.ID], "rule %s is stated once", r.ID)
		seen[r.ID] = true
		assert.NotEmpty(t, r.Statement)
	}
	assert.NotEmpty(t, synthesis.RulesVersion)
}
