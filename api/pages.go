package api

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"calcinosiskb/internal/forest"
	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// The evidence pages: HTML for people, rendered on the server from the very response values
// the JSON handlers encode (the same store calls and the same to…Response converters), so a
// page and the API cannot disagree. The pages need no script; they load one stylesheet from
// this server and nothing from anywhere else.
//
//go:embed pages
var pagesFS embed.FS

// pagesCSP allows the pages their own stylesheet and nothing else: no script, no inline style,
// no frames, forms only to this server. The icon is an empty data: image, so browsers do
// not ask for /favicon.ico.
const pagesCSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// pagePrefixes are the paths the pages answer; errors under them are answered as pages too.
var pagePrefixes = []string{"/features/", "/treatments/", "/mechanisms/", "/modalities/", "/sources/", "/search", "/assets/"}

func isPagePath(path string) bool {
	if path == "/" {
		return true
	}
	for _, p := range pagePrefixes {
		if strings.HasPrefix(path, p) || path+"/" == p {
			return true
		}
	}
	return false
}

// pageTemplates holds one template set per page: the layout with that page's content.
var pageTemplates = func() map[string]*template.Template {
	funcs := template.FuncMap{
		"num":       forest.Number,
		"measure":   forest.MeasureName,
		"words":     words,
		"outcome":   outcomeLabel,
		"pubmed":    func(pmid string) string { return "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/" },
		"doi":       func(doi string) string { return "https://doi.org/" + doi },
		"hitPath":   hitPath,
		"snippet":   snippetParts,
		"kindName":  kindName,
		"findingID": func(id int64) string { return "finding-" + strconv.FormatInt(id, 10) },
		"intp":      func(p *int) int { return *p },
		"floatp":    func(p *float64) float64 { return *p },
		"strp":      func(p *string) string { return *p },
		"boolp":     func(p *bool) bool { return *p },
	}
	out := map[string]*template.Template{}
	for _, name := range []string{"home", "feature", "treatment", "mechanism", "modality", "source", "search", "error"} {
		out[name] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(pagesFS,
			"pages/layout.html", "pages/parts.html", "pages/"+name+".html"))
	}
	return out
}()

// pageCSS is the pages' stylesheet, with its ETag.
var pageCSS = func() docsFile {
	body, err := pagesFS.ReadFile("pages/pages.css")
	if err != nil {
		panic(err) // embedded: always there
	}
	return docsFile{body: body, contentType: "text/css; charset=utf-8", etag: etagOf(body)}
}()

// page is what the layout needs besides a page's own content.
type page struct {
	Title   string
	Kind    string // the page kind, for tests and styles
	Query   string // the search box's value
	Content any
}

// renderPage executes the page's template into a buffer, so that a failure never leaves a
// half-sent page, and sends it like any other 200 (ETag, caching).
func renderPage(w http.ResponseWriter, r *http.Request, name string, p page) error {
	var buf bytes.Buffer
	p.Kind = name
	if err := pageTemplates[name].Execute(&buf, p); err != nil {
		return fmt.Errorf("render %s page: %w", name, err)
	}
	setPageHeaders(w)
	return writeBody(w, r, http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}

func setPageHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", pagesCSP)
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
}

// handlePage adapts a page handler: an error is answered with an error page whose status is
// the one the API would answer (problemFor is the one mapping of errors).
func handlePage(log *slog.Logger, h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			if p, ok := problemFor(log, w, r, err); ok {
				writeErrorPage(w, r, p)
			}
		}
	}
}

// errorPage is the content of an error page.
type errorPage struct {
	Status int
	Title  string
	Detail string
}

// writeErrorPage answers p as an HTML page; it never fails, as a page made of three strings
// always renders.
func writeErrorPage(w http.ResponseWriter, r *http.Request, p problem) {
	var buf bytes.Buffer
	content := errorPage{Status: p.Status, Title: http.StatusText(p.Status), Detail: p.Detail}
	if err := pageTemplates["error"].Execute(&buf, page{Title: content.Title, Kind: "error", Content: content}); err != nil {
		panic(err)
	}
	setPageHeaders(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_, _ = w.Write(buf.Bytes())
}

// pagesStylesheet serves GET /assets/pages.css.
func pagesStylesheet(w http.ResponseWriter, r *http.Request) error {
	if _, err := readParams(r); err != nil {
		return err
	}
	return writeTagged(w, r, http.StatusOK, pageCSS.contentType, pageCSS.body, pageCSS.etag)
}

// recordPage serves the page of one record: the API's answer for it, viewed by view.
func recordPage[R, T any](name, what string, fetch func(context.Context, string) (R, error), convert func(R) T,
	view func(T) (string, any, error)) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := readParams(r); err != nil {
			return err
		}
		slug, err := pathSlug(r, what)
		if err != nil {
			return err
		}
		rec, err := fetch(r.Context(), slug)
		if err != nil {
			return err
		}
		title, content, err := view(convert(rec))
		if err != nil {
			return err
		}
		return renderPage(w, r, name, page{Title: title, Content: content})
	}
}

// plot is one panel of a record's forest plot, drawn, with its rows for the table beside it.
type plot struct {
	forest.Panel
	ID  string
	SVG template.HTML
}

// plots draws the forest plot of rows, one plot per panel.
func plots(rows []forest.Row) ([]plot, error) {
	var out []plot
	for i, p := range forest.Layout(rows) {
		id := "forest-" + strconv.Itoa(i+1)
		svg, err := forest.SVG(p, id)
		if err != nil {
			return nil, err
		}
		out = append(out, plot{Panel: p, ID: id, SVG: svg})
	}
	return out, nil
}

// findingRows are the findings that publish an effect estimate, as rows of a forest plot;
// n is the SSc patients, or all patients where a study gives no SSc count, as for effects.
func findingRows(evidence []findingResponse) []forest.Row {
	var rows []forest.Row
	for _, f := range evidence {
		if f.Measure == nil || f.Estimate == nil {
			continue
		}
		n := f.NSSc
		if n == nil {
			n = f.NTotal
		}
		rows = append(rows, forest.Row{ID: f.ID, Href: "#finding-" + strconv.FormatInt(f.ID, 10), Source: f.Source.Slug,
			Measure: *f.Measure, Estimate: *f.Estimate, Low: f.CILow, High: f.CIHigh, N: n, Adjusted: f.Adjusted})
	}
	return rows
}

type featurePage struct {
	featureResponse
	Plots []plot
}

// featureView draws a feature's effects, exactly those the API lists for it.
func featureView(f featureResponse) (string, any, error) {
	rows := make([]forest.Row, len(f.Effects))
	for i, e := range f.Effects {
		rows[i] = forest.Row{ID: e.FindingID, Href: "#finding-" + strconv.FormatInt(e.FindingID, 10), Source: e.Source,
			Measure: e.Measure, Estimate: e.Estimate, Low: e.CILow, High: e.CIHigh, N: e.N, Adjusted: e.Adjusted}
	}
	ps, err := plots(rows)
	return f.Name, featurePage{featureResponse: f, Plots: ps}, err
}

type mechanismPage struct {
	mechanismResponse
	Plots []plot
}

func mechanismView(m mechanismResponse) (string, any, error) {
	ps, err := plots(findingRows(m.Evidence))
	return m.Name, mechanismPage{mechanismResponse: m, Plots: ps}, err
}

type modalityPage struct {
	modalityResponse
	Plots []plot
}

func modalityView(m modalityResponse) (string, any, error) {
	ps, err := plots(findingRows(m.Evidence))
	return m.Name, modalityPage{modalityResponse: m, Plots: ps}, err
}

type sourcePage struct {
	sourceRecordResponse
	Reference string
	Plots     []plot
}

func sourceView(s sourceRecordResponse) (string, any, error) {
	ps, err := plots(findingRows(s.Findings))
	return s.Title, sourcePage{sourceRecordResponse: s, Reference: citeText(s.sourceResponse), Plots: ps}, err
}

type treatmentPage struct {
	treatmentResponse
	Studies []studyRow
	Plots   []plot
}

// studyRow is one study of a treatment, as the synthesis counts it: the results of one
// source, its primary result standing for it.
type studyRow struct {
	Source      sourceResponse
	FindingID   int64 // the primary result
	Design      string
	SScPatients *int // the largest count any of its results gives
	Outcome     string
	Level       int // the strongest of its results
}

// treatmentView groups the findings with an outcome by source, as the synthesis does: the
// result not listed among the secondary results is the study's primary one.
func treatmentView(t treatmentResponse) (string, any, error) {
	secondary := map[int64]bool{}
	for _, s := range t.Synthesis.Secondary {
		secondary[s.FindingID] = true
	}
	var studies []studyRow
	index := map[string]int{}
	for _, f := range t.Evidence {
		if f.Outcome == nil {
			continue
		}
		i, seen := index[f.Source.Slug]
		if !seen {
			i = len(studies)
			index[f.Source.Slug] = i
			studies = append(studies, studyRow{Source: f.Source, Level: f.EvidenceLevel})
		}
		s := &studies[i]
		if !secondary[f.ID] {
			s.FindingID, s.Design, s.Outcome = f.ID, f.Design, *f.Outcome
		}
		s.Level = min(s.Level, f.EvidenceLevel)
		if f.NSSc != nil && (s.SScPatients == nil || *f.NSSc > *s.SScPatients) {
			s.SScPatients = f.NSSc
		}
	}
	ps, err := plots(findingRows(t.Evidence))
	return t.Name, treatmentPage{treatmentResponse: t, Studies: studies, Plots: ps}, err
}

// home lists every record of every kind the pages show.
type home struct {
	Features   []featureResponse
	Treatments []treatmentResponse
	Mechanisms []mechanismResponse
	Modalities []modalityResponse
	Sources    []sourceRecordResponse
}

// homePage serves GET /: the search box and every record, by kind.
func homePage(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := readParams(r); err != nil {
			return err
		}
		ctx := r.Context()
		var h home
		var err error
		if h.Features, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.AssociatedFeature, bool, error) {
			return st.AssociatedFeatures(ctx, kb.ListFilter{Page: p})
		}, toFeatureResponse, featureKey); err != nil {
			return err
		}
		if h.Treatments, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.Treatment, bool, error) {
			return st.Treatments(ctx, kb.TreatmentFilter{Sort: kb.SortName, Page: p})
		}, toTreatmentResponse, treatmentKey(kb.SortName)); err != nil {
			return err
		}
		if h.Mechanisms, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.Mechanism, bool, error) {
			return st.Mechanisms(ctx, kb.ListFilter{Page: p})
		}, toMechanismResponse, mechanismKey); err != nil {
			return err
		}
		if h.Modalities, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.DiagnosticModality, bool, error) {
			return st.DiagnosticModalities(ctx, kb.ListFilter{Page: p})
		}, toModalityResponse, modalityKey); err != nil {
			return err
		}
		if h.Sources, err = everything(ctx, func(ctx context.Context, p kb.Page) ([]kb.SourceRecord, bool, error) {
			return st.Sources(ctx, kb.SourceFilter{}, p)
		}, toSourceRecordResponse, sourceKey); err != nil {
			return err
		}
		return renderPage(w, r, "home", page{Title: "Calcinosis in systemic sclerosis: the evidence", Content: h})
	}
}

// searchResultsPage serves GET /search: the API's search answer for q; without q, the empty form.
func searchResultsPage(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := readParams(r, "q")
		if err != nil {
			return err
		}
		q, err := p.text("q")
		if err != nil {
			return err
		}
		resp := searchResponse{Query: q, Data: []searchHitResponse{}}
		if q != "" {
			hits, err := st.Search(r.Context(), q, maxSearchLimit)
			if err != nil {
				return err
			}
			for _, h := range hits {
				resp.Data = append(resp.Data, toSearchHitResponse(h))
			}
		}
		title := "Search"
		if q != "" {
			title = "Search: " + q
		}
		return renderPage(w, r, "search", page{Title: title, Query: q, Content: resp})
	}
}

// hitPath is where a search hit is shown: its page, or its JSON where no page shows its kind.
func hitPath(kind, slug string) string {
	switch kind {
	case "associated_feature":
		return "/features/" + slug
	case "treatment":
		return "/treatments/" + slug
	case "mechanism":
		return "/mechanisms/" + slug
	case "diagnostic_modality":
		return "/modalities/" + slug
	case "source":
		return "/sources/" + slug
	case "prevalence_estimate":
		return "/v1/prevalence/" + slug
	case "presentation_item":
		return "/v1/clinical-presentation/" + slug
	}
	return "/search?q=" + slug
}

func kindName(kind string) string {
	names := map[string]string{
		"associated_feature": "Associated feature", "treatment": "Treatment", "mechanism": "Mechanism",
		"diagnostic_modality": "Diagnostic modality", "source": "Source", "prevalence_estimate": "Prevalence estimate",
		"presentation_item": "Clinical presentation",
	}
	if n, ok := names[kind]; ok {
		return n
	}
	return words(kind)
}

// snippetPart is a piece of a search snippet; Mark is a match.
type snippetPart struct {
	Text string
	Mark bool
}

// snippetParts splits a snippet at its <mark> tags, so that the rest of its text is escaped
// like any other text.
func snippetParts(s string) []snippetPart {
	var out []snippetPart
	for s != "" {
		i := strings.Index(s, "<mark>")
		if i < 0 {
			return append(out, snippetPart{Text: s})
		}
		if i > 0 {
			out = append(out, snippetPart{Text: s[:i]})
		}
		s = s[i+len("<mark>"):]
		j := strings.Index(s, "</mark>")
		if j < 0 {
			return append(out, snippetPart{Text: s, Mark: true})
		}
		out = append(out, snippetPart{Text: s[:j], Mark: true})
		s = s[j+len("</mark>"):]
	}
	return out
}

// citeText is a source's full reference as people read it: authors, title, journal, year,
// then the volume and pages, or the record's note of what it does not show.
func citeText(s sourceResponse) string {
	var b strings.Builder
	if s.Authors != nil {
		b.WriteString(strings.TrimSuffix(*s.Authors, ".") + ". ")
	}
	b.WriteString(s.Title)
	if !strings.ContainsAny(s.Title[len(s.Title)-1:], ".?!") {
		b.WriteString(".")
	}
	b.WriteString(" " + s.Journal + " " + strconv.Itoa(s.Year))
	if s.Citation != "" && s.Citation[0] >= '0' && s.Citation[0] <= '9' {
		b.WriteString(";" + s.Citation + ".")
	} else if s.Citation != "" {
		b.WriteString(". " + s.Citation + ".")
	} else {
		b.WriteString(".")
	}
	return b.String()
}

// words writes an enumerated value as words: "no_effect" → "No effect".
func words(v string) string {
	v = strings.ReplaceAll(v, "_", " ")
	if v == "" {
		return v
	}
	for _, abbr := range []string{"rct", "ssc"} {
		if v == abbr {
			return strings.ToUpper(v)
		}
	}
	return strings.ToUpper(v[:1]) + v[1:]
}

// outcomeLabel is an outcome's text label, shown beside its colour.
func outcomeLabel(o string) string {
	if !slices.Contains(kb.Outcomes, o) {
		return words(o)
	}
	return map[string]string{"improved": "Improved", "no_effect": "No effect", "mixed": "Mixed", "worsened": "Worsened"}[o]
}
