package content

import (
	"fmt"
	"math/big"
	"regexp"
	"strings"
)

// integer is how a whole number is written, as PostgreSQL prints an integer column.
var integer = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

// fractionMeasures are the measures whose estimate is a fraction in [0, 1].
var fractionMeasures = map[string]bool{"proportion": true, "sensitivity": true, "specificity": true,
	"frequency_comparison": true}

// Counts and the share published from them must agree to the precision shares are published
// at: a whole percentage point rounded, so within half a point (as the prevalence table's own
// CHECK allows). A finding's estimate is a fraction, so half a point is 0.005.
var (
	halfPoint         = big.NewRat(1, 2)
	halfPointFraction = big.NewRat(1, 200)
)

// check applies the rules that span fields, records and kinds: those a JSON Schema cannot
// state. It runs on whatever records were read, so one pass reports every problem.
func (l *loaded) check() {
	l.checkReferences()
	l.checkFindings()
	l.checkPrevalence()
	l.checkUnique()
	if !l.anyBroken() {
		l.checkUsed()
	}
}

// anyBroken reports whether some file could not be read into records.
func (l *loaded) anyBroken() bool {
	for _, b := range l.broken {
		if len(b) > 0 {
			return true
		}
	}
	return false
}

func (l *loaded) checkReferences() {
	for _, k := range Kinds {
		for _, r := range l.records[k.Name] {
			for _, c := range k.Columns {
				v := r.Values[c.Name]
				if v.Null {
					continue
				}
				targets := v.List
				if c.Type == Ref {
					targets = []string{v.Text}
				} else if c.Type != RefSet {
					continue
				}
				field := fieldName(c)
				if k.Name == "findings" && c.RefKind != "sources" {
					field = subjectField
				}
				for _, t := range targets {
					if _, ok := l.records[c.RefKind][t]; !ok && !l.broken[c.RefKind][t] {
						l.problem(k.Name, r.Key, field, "reference", "%s/%s is not a record: no file %s/%s.yaml",
							c.RefKind, t, c.RefKind, t)
					}
				}
			}
		}
	}
}

func (l *loaded) checkFindings() {
	primary := map[string]string{}
	for _, r := range l.records["findings"] {
		v := r.Values
		text := func(c string) string { return v[c].Text }
		has := func(c string) bool { return !v[c].Null }
		bad := func(field, rule, format string, args ...any) {
			l.problem("findings", r.Key, field, rule, format, args...)
		}
		if !strings.HasPrefix(r.Key, text("source_id")+"/") {
			bad(keyField, "key-starts-with-source", "a finding's key starts with its source's slug, %s/", text("source_id"))
		}
		subjectKind, subject := "", ""
		for _, c := range subjectColumns() {
			if has(c.Name) {
				subjectKind, subject = c.RefKind, text(c.Name)
			}
		}

		if has("ci_low") && has("estimate") {
			lo, est, hi := rat(text("ci_low")), rat(text("estimate")), rat(text("ci_high"))
			if lo.Cmp(est) > 0 || est.Cmp(hi) > 0 {
				bad("ci_low", "ci-contains-estimate", "the interval %s to %s does not contain the estimate %s",
					text("ci_low"), text("ci_high"), text("estimate"))
			}
		}
		if fractionMeasures[text("measure")] {
			for _, c := range []string{"estimate", "comparator_estimate"} {
				if has(c) && (rat(text(c)).Sign() < 0 || rat(text(c)).Cmp(big.NewRat(1, 1)) > 0) {
					bad(c, "fraction", "a %s is a fraction between 0 and 1, not %s", text("measure"), text(c))
				}
			}
			if has("events") && has("estimate") {
				share := new(big.Rat).SetFrac(rat(text("events")).Num(), rat(text("denominator")).Num())
				if diff := new(big.Rat).Sub(rat(text("estimate")), share); diff.Abs(diff).Cmp(halfPointFraction) > 0 {
					bad("estimate", "proportion-matches-counts", "the estimate %s is not %s/%s = %s to half a percentage point",
						text("estimate"), text("events"), text("denominator"), share.FloatString(4))
				}
			}
		}
		if has("events") && has("denominator") && rat(text("events")).Cmp(rat(text("denominator"))) > 0 {
			bad("events", "events-within-denominator", "%s events exceed the denominator %s", text("events"), text("denominator"))
		}
		if has("n_ssc") && has("n_total") && rat(text("n_ssc")).Cmp(rat(text("n_total"))) > 0 {
			bad("n_total", "n-total-includes-ssc", "n_total %s is smaller than n_ssc %s", text("n_total"), text("n_ssc"))
		}

		treatment := subjectKind == "treatments"
		if has("outcome") && !treatment {
			bad("outcome", "outcome-for-treatments", "only a finding about a treatment has an outcome")
		}
		if has("recommendation") && !treatment {
			bad("recommendation", "recommendation-for-treatments", "only a finding about a treatment makes a recommendation")
		}
		if (subjectKind == "associated-features") != has("direction") {
			bad("direction", "direction-for-associations", "a finding about an associated feature, and only one, has a direction")
		}
		if text("is_primary") == "true" {
			if treatment && !has("outcome") {
				bad("is_primary", "primary-has-result", "a primary finding about a treatment reports an outcome")
			}
			group := text("source_id") + " " + subjectKind + "/" + subject
			if other, dup := primary[group]; dup {
				bad("is_primary", "one-primary", "%s is already the primary finding of this source about %s/%s",
					other, subjectKind, subject)
			} else {
				primary[group] = r.Key
			}
		}
	}
}

func (l *loaded) checkPrevalence() {
	for _, r := range l.records["prevalence"] {
		v := r.Values
		if v["cases"].Null || v["n"].Null {
			continue
		}
		cases, n := rat(v["cases"].Text), rat(v["n"].Text)
		if cases.Cmp(n) > 0 {
			l.problem("prevalence", r.Key, "cases", "cases-within-n", "%s cases exceed n %s", v["cases"].Text, v["n"].Text)
			continue
		}
		share := new(big.Rat).SetFrac(new(big.Int).Mul(cases.Num(), big.NewInt(100)), n.Num())
		if diff := new(big.Rat).Sub(rat(v["percent"].Text), share); diff.Abs(diff).Cmp(halfPoint) > 0 {
			l.problem("prevalence", r.Key, "percent", "percent-matches-counts",
				"percent %s is not 100 × %s/%s = %s to half a percentage point", v["percent"].Text, v["cases"].Text,
				v["n"].Text, share.FloatString(2))
		}
	}
}

// checkUnique applies the database's unique constraints that span files: identifiers of
// sources, names within a kind, the one mainstay treatment.
func (l *loaded) checkUnique() {
	for _, k := range Kinds {
		for _, col := range []string{"pmid", "doi", "name"} {
			if !hasColumn(k, col) {
				continue
			}
			seen := map[string]string{}
			for _, r := range l.records.Sorted(k.Name) {
				v := r.Values[col]
				if v.Null {
					continue
				}
				if other, dup := seen[v.Text]; dup {
					l.problem(k.Name, r.Key, col, "unique-"+col, "%s %s is also %s's", col, v.Text, other)
				} else {
					seen[v.Text] = r.Key
				}
			}
		}
	}
	var mainstay string
	for _, r := range l.records.Sorted("treatments") {
		if r.Values["mainstay"].Text != "true" {
			continue
		}
		if mainstay != "" {
			l.problem("treatments", r.Key, "mainstay", "one-mainstay", "%s is already the mainstay treatment", mainstay)
		}
		mainstay = r.Key
	}
	for _, r := range l.records["treatments"] {
		if r.Values["category"].Text != "pharmacologic" && !r.Values["drug_class"].Null {
			l.problem("treatments", r.Key, "drug_class", "drug-class-for-drugs", "only a pharmacologic treatment has a drug class")
		}
	}
}

// checkUsed finds records nothing rests on: a source no finding or prevalence estimate cites,
// a subject no finding is about. It needs every file read.
func (l *loaded) checkUsed() {
	used := map[string]map[string]bool{}
	for _, k := range Kinds {
		used[k.Name] = map[string]bool{}
	}
	for _, r := range l.records["findings"] {
		for _, c := range append(subjectColumns(), Column{Name: "source_id", RefKind: "sources"}) {
			if v := r.Values[c.Name]; !v.Null {
				used[c.RefKind][v.Text] = true
			}
		}
	}
	for _, r := range l.records["prevalence"] {
		used["sources"][r.Values["source_id"].Text] = true
	}
	for _, c := range subjectColumns() {
		for key := range l.records[c.RefKind] {
			if !used[c.RefKind][key] {
				l.problem(c.RefKind, key, "", "record-cited", "no finding is about this record: cite at least one")
			}
		}
	}
	for key := range l.records["sources"] {
		if !used["sources"][key] {
			l.problem("sources", key, "", "source-used", "no finding or prevalence estimate cites this source")
		}
	}
}

func hasColumn(k Kind, name string) bool {
	for _, c := range k.Columns {
		if c.Name == name {
			return true
		}
	}
	return name == k.KeyColumn
}

// rat reads a decimal the schema has already checked; exact, unlike a float.
func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(fmt.Sprintf("content: %q is not a decimal", s))
	}
	return r
}
