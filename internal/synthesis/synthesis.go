// Package synthesis holds the rules that turn a record's findings into what a clinician's tool
// acts on: a treatment's counts by study, the levels of the evidence for and against benefit,
// a GRADE-style certainty with its reasons and an assessment; an associated feature's effect
// estimates side by side. The rules live here and nowhere else; Rules states each in words,
// and RulesVersion changes whenever one of them does.
package synthesis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"calcinosiskb/internal/kb"
)

// RulesVersion names the version of the rules below; it changes with any rule.
const RulesVersion = "2026-12-01.1"

// Rule is one rule, stated in words.
type Rule struct {
	ID        string
	Statement string
}

// minPatients is the number of SSc patients below which the evidence is rated down for imprecision.
const minPatients = 50

// Rules states every rule this package applies, in the order it applies them.
var Rules = []Rule{
	{"study", "A study is a source that reports a result (a non-null outcome) of the treatment in patients. " +
		"Reviews that report no result, and findings without an outcome, do not count."},
	{"primary_outcome", "Each study counts once, by its primary finding (the one flagged primary). Its other results " +
		"are listed apart as secondary results."},
	{"ssc_patients", "ssc_patients adds up each study's SSc patients once: the largest n_ssc among its results for the treatment."},
	{"benefit_level", "benefit_level is the strongest (lowest) Oxford CEBM level among studies whose primary outcome is " +
		"improved; no_benefit_level the same among studies whose primary outcome is no_effect or worsened; null if none."},
	{"controlled", "A study is controlled when it is a randomised trial or a case-control study, or names a comparison " +
		"group in one of its results."},
	{"certainty_start", "Certainty starts at high when a randomised trial reports a result, otherwise at low; with no study, it is null."},
	{"risk_of_bias", "Rate down one step for risk of bias when no study is controlled."},
	{"indirectness", "Rate down one step for indirectness when no study reports its SSc patients separately."},
	{"imprecision", fmt.Sprintf("Rate down one step for imprecision when the studies hold fewer than %d SSc patients "+
		"in all, or none is controlled.", minPatients)},
	{"inconsistency", "Rate down one step for inconsistency when some studies' primary outcome is improved and others' " +
		"no_effect or worsened."},
	{"certainty_floor", "Certainty goes no lower than very_low; every step taken is listed in certainty_reasons."},
	{"recommended_against", "The assessment is recommended_against when a source recommends against the treatment " +
		"(conditional or strong) on the basis of a guideline, a consensus or a systematic review."},
	{"not_effective", "Otherwise not_effective when no study's primary outcome is improved and the primary outcomes of " +
		"at least two studies, or of one controlled study, are no_effect or worsened."},
	{"mainstay", "Otherwise mainstay when the anchor review names the treatment the mainstay of treatment."},
	{"promising", "Otherwise promising when the primary outcomes of at least two studies are improved and no controlled " +
		"study's primary outcome is no_effect or worsened."},
	{"insufficient", "Otherwise insufficient."},
	{"benefit_order", "sort=benefit orders treatments by assessment (mainstay, promising, insufficient, not_effective, " +
		"recommended_against), then by benefit_level (strongest first, none last), then by ssc_patients (most first), then by name."},
	{"effects", "An associated feature's effects are all its findings with an effect estimate, largest study first " +
		"(SSc patients, else all patients); strongest_adjusted is the adjusted odds or hazard ratio from the largest " +
		"study, its primary finding first where it reports several."},
}

// Certainty levels, from the strongest.
var certainties = []string{"high", "moderate", "low", "very_low"}

// study is one source's results for a treatment.
type study struct {
	source     string
	design     string
	level      int
	nSSc       *int
	primary    kb.Finding
	controlled bool
}

func noBenefit(outcome string) bool { return outcome == "no_effect" || outcome == "worsened" }

// studies groups the treatment's results by source, in the order evidence lists them.
func studies(evidence []kb.Finding) ([]study, []kb.SecondaryResult) {
	var out []study
	index := map[string]int{}
	var results []kb.Finding
	for _, f := range evidence {
		if f.Outcome == nil {
			continue
		}
		results = append(results, f)
		i, seen := index[f.Source.Slug]
		if !seen {
			i = len(out)
			index[f.Source.Slug] = i
			// Until a primary one is met, a study's first result stands for it.
			out = append(out, study{source: f.Source.Slug, design: f.Design, level: f.EvidenceLevel, primary: f})
		}
		s := &out[i]
		if f.Primary && !s.primary.Primary {
			s.primary = f
		}
		s.level = min(s.level, f.EvidenceLevel)
		if f.NSSc != nil && (s.nSSc == nil || *f.NSSc > *s.nSSc) {
			s.nSSc = f.NSSc
		}
		if f.Design == "rct" || f.Design == "case_control" || f.Comparison != nil {
			s.controlled = true
		}
	}
	var secondary []kb.SecondaryResult
	for _, f := range results {
		if f.ID != out[index[f.Source.Slug]].primary.ID {
			secondary = append(secondary, kb.SecondaryResult{FindingID: f.ID, Source: f.Source.Slug, Outcome: *f.Outcome, Statement: f.Statement})
		}
	}
	return out, secondary
}

// Treatment applies the rules to a treatment's findings; mainstay is the anchor review's flag.
func Treatment(evidence []kb.Finding, mainstay bool) kb.Synthesis {
	ss, secondary := studies(evidence)
	syn := kb.Synthesis{Studies: len(ss), Secondary: secondary}
	anyControlled, anySSc, anyRCT := false, false, false
	controlledAgainst := false
	for _, s := range ss {
		if s.nSSc != nil {
			syn.SScPatients += *s.nSSc
			anySSc = true
		}
		outcome := *s.primary.Outcome
		switch outcome {
		case "improved":
			syn.ByPrimaryOutcome.Improved++
			syn.BenefitLevel = strongest(syn.BenefitLevel, s.level)
		case "mixed":
			syn.ByPrimaryOutcome.Mixed++
		case "no_effect":
			syn.ByPrimaryOutcome.NoEffect++
		case "worsened":
			syn.ByPrimaryOutcome.Worsened++
		}
		if noBenefit(outcome) {
			syn.NoBenefitLevel = strongest(syn.NoBenefitLevel, s.level)
			controlledAgainst = controlledAgainst || s.controlled
		}
		anyControlled = anyControlled || s.controlled
		anyRCT = anyRCT || s.design == "rct"
	}
	against := syn.ByPrimaryOutcome.NoEffect + syn.ByPrimaryOutcome.Worsened

	if len(ss) == 0 {
		syn.CertaintyReasons = []string{"No study reports a result of this treatment in patients, so there is no body of evidence to rate."}
	} else {
		step := 2
		reason := "Starts at low: no randomised trial reports a result; the results come from observational studies, case series or case reports."
		if anyRCT {
			step = 0
			reason = "Starts at high: a randomised trial reports a result."
		}
		steps := []kb.CertaintyStep{{Domain: "start", Level: certainties[step], Reason: reason}}
		down := func(domain, reason string) {
			step = min(step+1, len(certainties)-1)
			steps = append(steps, kb.CertaintyStep{Domain: domain, Level: certainties[step], Reason: reason})
		}
		if !anyControlled {
			down("risk_of_bias", "Rated down for risk of bias: no study compared treated patients with a control group; the results come from case reports and uncontrolled series or cohorts.")
		}
		if !anySSc {
			down("indirectness", "Rated down for indirectness: no study reports its patients with systemic sclerosis separately; the results mix several connective tissue diseases.")
		}
		var imprecise []string
		if syn.SScPatients < minPatients {
			imprecise = append(imprecise, fmt.Sprintf("only %d patients with systemic sclerosis were studied in all, fewer than %d", syn.SScPatients, minPatients))
		}
		if !anyControlled {
			imprecise = append(imprecise, "no study has a comparison group from which to estimate the size of an effect")
		}
		if len(imprecise) > 0 {
			down("imprecision", "Rated down for imprecision: "+strings.Join(imprecise, "; ")+".")
		}
		if syn.ByPrimaryOutcome.Improved > 0 && against > 0 {
			down("inconsistency", "Rated down for inconsistency: some studies report benefit and others no effect or harm.")
		}
		syn.Certainty = &certainties[step]
		syn.CertaintySteps = steps
		for _, s := range steps {
			syn.CertaintyReasons = append(syn.CertaintyReasons, s.Reason)
		}
	}

	rec := recommendsAgainst(evidence)
	switch {
	case rec != nil:
		syn.Assessment = "recommended_against"
		syn.AssessmentReason = fmt.Sprintf("Recommended against (%s, on a %s) by %s.",
			strings.ReplaceAll(*rec.Recommendation, "_", " "), strings.ReplaceAll(*rec.RecommendationBasis, "_", " "), rec.Source.Slug)
	case syn.ByPrimaryOutcome.Improved == 0 && (against >= 2 || controlledAgainst):
		syn.Assessment = "not_effective"
		syn.AssessmentReason = fmt.Sprintf("No study shows benefit, and %d show no effect or harm as their main result.", against)
	case mainstay:
		syn.Assessment = "mainstay"
		syn.AssessmentReason = "The anchor review names it the mainstay of treatment."
	case syn.ByPrimaryOutcome.Improved >= 2 && !controlledAgainst:
		syn.Assessment = "promising"
		syn.AssessmentReason = fmt.Sprintf("%d studies report benefit as their main result, and no controlled study disagrees.", syn.ByPrimaryOutcome.Improved)
	default:
		syn.Assessment = "insufficient"
		syn.AssessmentReason = fmt.Sprintf("Too little evidence to judge: %d of %d studies report benefit as their main result.", syn.ByPrimaryOutcome.Improved, len(ss))
	}
	return syn
}

// recommendsAgainst returns the first finding that recommends against the treatment on the
// basis of a guideline, a consensus or a systematic review, or nil.
func recommendsAgainst(evidence []kb.Finding) *kb.Finding {
	for i, f := range evidence {
		if f.Recommendation == nil || f.RecommendationBasis == nil {
			continue
		}
		against := *f.Recommendation == "conditional_against" || *f.Recommendation == "strong_against"
		if against && *f.RecommendationBasis != "expert_opinion" {
			return &evidence[i]
		}
	}
	return nil
}

func strongest(level *int, l int) *int {
	if level == nil || l < *level {
		return &l
	}
	return level
}

// BenefitRank places a treatment's synthesis in the benefit order: assessment, then the level
// of the evidence of benefit (none last), then SSc patients (most first). A lower rank comes
// first; the rank fits in 31 bits, as cursors require.
func BenefitRank(s kb.Synthesis) int {
	assessment := slices.Index(kb.Assessments, s.Assessment)
	level := 6
	if s.BenefitLevel != nil {
		level = *s.BenefitLevel
	}
	const maxPatients = 9_999_999
	return assessment*100_000_000 + level*10_000_000 + (maxPatients - min(s.SScPatients, maxPatients))
}

// Effects returns a feature's effect estimates, largest study first, and the adjusted odds or
// hazard ratio from the largest study (its primary finding first), or nil if none is adjusted.
func Effects(evidence []kb.Finding) ([]kb.Effect, *kb.Effect) {
	var effects []kb.Effect
	for _, f := range evidence {
		if f.Measure == nil || f.Estimate == nil {
			continue
		}
		n := f.NSSc
		if n == nil {
			n = f.NTotal
		}
		effects = append(effects, kb.Effect{
			FindingID: f.ID, Measure: *f.Measure, Estimate: *f.Estimate, CILow: f.CILow, CIHigh: f.CIHigh,
			ComparatorEstimate: f.ComparatorEstimate, N: n, Adjusted: f.Adjusted, Primary: f.Primary,
			Source: f.Source.Slug, Design: f.Design, EvidenceLevel: f.EvidenceLevel,
		})
	}
	size := func(e kb.Effect) int {
		if e.N == nil {
			return 0
		}
		return *e.N
	}
	slices.SortStableFunc(effects, func(a, b kb.Effect) int {
		return cmp.Or(cmp.Compare(size(b), size(a)), cmp.Compare(a.FindingID, b.FindingID))
	})
	var best *kb.Effect
	for i, e := range effects {
		ratio := e.Measure == "odds_ratio" || e.Measure == "hazard_ratio"
		if !ratio || e.Adjusted == nil || !*e.Adjusted {
			continue
		}
		if best == nil || size(e) > size(*best) || (size(e) == size(*best) && e.Primary && !best.Primary) {
			best = &effects[i]
		}
	}
	if best != nil {
		b := *best
		best = &b
	}
	return effects, best
}
