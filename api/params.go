package api

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"calcinosiskb/internal/kb"
)

const (
	defaultLimit = 50
	maxLimit     = 200
	maxQueryLen  = 200
)

// params is a request's query string, checked to hold only known parameters, each at most once.
type params url.Values

// readParams parses the query string of r and rejects unknown or repeated parameters, so a
// misspelt filter fails loudly instead of being ignored.
func readParams(r *http.Request, allowed ...string) (params, error) {
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, &paramError{param: "query", reason: "is not a well-formed query string"}
	}
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if name == "" {
			return nil, &paramError{param: "query", reason: "has a value without a parameter name"}
		}
		if !slices.Contains(allowed, name) {
			return nil, &paramError{param: name, reason: unknownReason(allowed)}
		}
		if len(values[name]) > 1 {
			return nil, &paramError{param: name, reason: "is given more than once"}
		}
	}
	return params(values), nil
}

func (p params) has(name string) bool {
	_, ok := p[name]
	return ok
}

func (p params) get(name string) string {
	return url.Values(p).Get(name)
}

// intIn returns the integer parameter name, def when absent, or an error unless it lies in [lo, hi].
func (p params) intIn(name string, lo, hi, def int) (int, error) {
	if !p.has(name) {
		return def, nil
	}
	v := p.get(name)
	n, err := strconv.Atoi(v)
	// Atoi takes a sign; only plain digits are a whole number here.
	if err != nil || strings.ContainsAny(v[:1], "+-") || n < lo || n > hi {
		return 0, &paramError{param: name, reason: fmt.Sprintf("must be a whole number from %d to %d", lo, hi)}
	}
	return n, nil
}

// oneOf returns the parameter name, def when absent, or an error unless it is one of allowed.
func (p params) oneOf(name string, allowed []string, def string) (string, error) {
	if !p.has(name) {
		return def, nil
	}
	v := p.get(name)
	if !slices.Contains(allowed, v) {
		return "", &paramError{param: name, reason: "must be one of: " + strings.Join(allowed, ", ")}
	}
	return v, nil
}

// anyOf returns the comma-separated values of parameter name, nil when absent, or an error
// unless each is one of allowed and none is repeated.
func (p params) anyOf(name string, allowed []string) ([]string, error) {
	if !p.has(name) {
		return nil, nil
	}
	values := strings.Split(p.get(name), ",")
	for i, v := range values {
		if !slices.Contains(allowed, v) {
			return nil, &paramError{param: name, reason: "must be one or more, separated by commas, of: " + strings.Join(allowed, ", ")}
		}
		if slices.Contains(values[:i], v) {
			return nil, &paramError{param: name, reason: "names " + v + " more than once"}
		}
	}
	return values, nil
}

// slug returns the parameter name as a record key, "" when absent, or an error if it cannot be one.
func (p params) slug(name string) (string, error) {
	if !p.has(name) {
		return "", nil
	}
	v := p.get(name)
	if !kb.ValidSlug(v) {
		return "", &paramError{param: name, reason: "must be a slug: lower-case letters, digits and single hyphens"}
	}
	return v, nil
}

// text returns the search parameter name, "" when absent, or an error unless it is readable
// text of at most maxQueryLen characters with something other than spaces in it.
func (p params) text(name string) (string, error) {
	if !p.has(name) {
		return "", nil
	}
	v := p.get(name)
	switch {
	case !utf8.ValidString(v) || strings.IndexFunc(v, unicode.IsControl) >= 0:
		return "", &paramError{param: name, reason: "must be text without control characters"}
	case strings.TrimSpace(v) == "":
		return "", &paramError{param: name, reason: "must not be empty"}
	case utf8.RuneCountInString(v) > maxQueryLen:
		return "", &paramError{param: name, reason: fmt.Sprintf("must be at most %d characters", maxQueryLen)}
	}
	return v, nil
}

// page reads limit and cursor; order names the list's sort order, which the cursor must share.
func (p params) page(order string) (kb.Page, error) {
	limit, err := p.intIn("limit", 1, maxLimit, defaultLimit)
	if err != nil {
		return kb.Page{}, err
	}
	page := kb.Page{Limit: limit}
	if p.has("cursor") {
		key, err := decodeCursor(p.get("cursor"), order)
		if err != nil {
			return kb.Page{}, err
		}
		page.After = &key
	}
	return page, nil
}

// listFilter reads the parameters of a list narrowed by one enumerated attribute, kindParam.
func listFilter(r *http.Request, kindParam string, kinds []string) (kb.ListFilter, error) {
	p, err := readParams(r, kindParam, "q", "limit", "cursor")
	if err != nil {
		return kb.ListFilter{}, err
	}
	var f kb.ListFilter
	if f.Kind, err = p.oneOf(kindParam, kinds, ""); err != nil {
		return kb.ListFilter{}, err
	}
	if f.Q, err = p.text("q"); err != nil {
		return kb.ListFilter{}, err
	}
	f.Page, err = p.page(kb.SortName)
	return f, err
}

// searchPage reads the parameters of a list that only pages and searches: its query and page.
func searchPage(r *http.Request, order string) (string, kb.Page, error) {
	p, err := readParams(r, "q", "limit", "cursor")
	if err != nil {
		return "", kb.Page{}, err
	}
	q, err := p.text("q")
	if err != nil {
		return "", kb.Page{}, err
	}
	page, err := p.page(order)
	return q, page, err
}

// treatmentFilter reads the parameters of GET /v1/treatments.
func treatmentFilter(r *http.Request) (kb.TreatmentFilter, error) {
	p, err := readParams(r, "category", "route", "outcome", "evidence_level_max", "mechanism", "assessment", "q", "sort", "limit", "cursor")
	if err != nil {
		return kb.TreatmentFilter{}, err
	}
	var f kb.TreatmentFilter
	if f.Category, err = p.oneOf("category", kb.TreatmentCategories, ""); err != nil {
		return f, err
	}
	if f.Route, err = p.oneOf("route", kb.Routes, ""); err != nil {
		return f, err
	}
	if f.Outcome, err = p.oneOf("outcome", kb.Outcomes, ""); err != nil {
		return f, err
	}
	if f.Q, err = p.text("q"); err != nil {
		return f, err
	}
	if f.EvidenceLevelMax, err = p.intIn("evidence_level_max", 1, 5, 0); err != nil {
		return f, err
	}
	if f.Mechanism, err = p.slug("mechanism"); err != nil {
		return f, err
	}
	if f.Assessment, err = p.oneOf("assessment", kb.Assessments, ""); err != nil {
		return f, err
	}
	if f.Sort, err = p.oneOf("sort", kb.TreatmentSorts, kb.SortName); err != nil {
		return f, err
	}
	f.Page, err = p.page(f.Sort)
	return f, err
}

func unknownReason(allowed []string) string {
	if len(allowed) == 0 {
		return "is not known here; this resource takes no query parameters"
	}
	return "is not known here; allowed: " + strings.Join(allowed, ", ")
}

// findingFilter reads the parameters of GET /v1/findings.
func findingFilter(r *http.Request) (kb.FindingFilter, error) {
	p, err := readParams(r, "subject_type", "subject", "design", "evidence_level_max", "measure", "source",
		"verification", "limit", "cursor")
	if err != nil {
		return kb.FindingFilter{}, err
	}
	var f kb.FindingFilter
	if f.SubjectType, err = p.oneOf("subject_type", kb.SubjectTypes, ""); err != nil {
		return f, err
	}
	if f.Subject, err = p.slug("subject"); err != nil {
		return f, err
	}
	if f.Design, err = p.oneOf("design", kb.Designs, ""); err != nil {
		return f, err
	}
	if f.EvidenceLevelMax, err = p.intIn("evidence_level_max", 1, 5, 0); err != nil {
		return f, err
	}
	if f.Measure, err = p.oneOf("measure", kb.Measures, ""); err != nil {
		return f, err
	}
	if f.Source, err = p.slug("source"); err != nil {
		// A PMID is all digits, which is also a valid slug; anything else is neither.
		return f, &paramError{param: "source", reason: "must be a PMID or a source's slug"}
	}
	if f.Verifications, err = p.anyOf("verification", kb.Verifications); err != nil {
		return f, err
	}
	page, err := p.page(findingOrder)
	if err != nil {
		return f, err
	}
	f.Limit = page.Limit
	if page.After != nil {
		f.AfterID = int64(page.After.Rank)
	}
	return f, nil
}

const (
	defaultSearchLimit = 10
	maxSearchLimit     = 50
)

// searchQuery reads the parameters of GET /v1/search: a query, required, and a limit.
func searchQuery(r *http.Request) (string, int, error) {
	p, err := readParams(r, "q", "limit")
	if err != nil {
		return "", 0, err
	}
	if !p.has("q") {
		return "", 0, &paramError{param: "q", reason: "is required"}
	}
	q, err := p.text("q")
	if err != nil {
		return "", 0, err
	}
	limit, err := p.intIn("limit", 1, maxSearchLimit, defaultSearchLimit)
	return q, limit, err
}
