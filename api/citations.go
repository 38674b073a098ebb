package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"calcinosiskb/internal/kb"
)

// A citationFormat is one representation of the sources: the API's JSON or a bibliography
// format that reference managers import.
type citationFormat struct {
	name      string // the value of ?format=
	mediaType string // what Accept names and Content-Type says
}

var (
	formatJSON   = citationFormat{"json", "application/json"}
	formatCSL    = citationFormat{"csl", "application/vnd.citationstyles.csl+json"}
	formatRIS    = citationFormat{"ris", "application/x-research-info-systems"}
	formatBibTeX = citationFormat{"bibtex", "application/x-bibtex"}

	// sourceFormats are the representations of the sources routes, in the order preferred
	// when a client accepts several equally.
	sourceFormats = []citationFormat{formatJSON, formatCSL, formatRIS, formatBibTeX}
)

func (f citationFormat) bibliography() bool { return f != formatJSON }

// notAcceptableError reports an Accept header that matches no representation a route offers.
type notAcceptableError struct{ offered []string }

func (e *notAcceptableError) Error() string {
	return "the Accept header names none of: " + strings.Join(e.offered, ", ")
}

// sourceFormat chooses the representation of a sources route: ?format= when given, else the
// best match of the Accept header (JSON when it names nothing). It is the one place that
// decides, so that the handlers and the response cache agree on what a request gets.
func sourceFormat(r *http.Request) (citationFormat, error) {
	if values, ok := r.URL.Query()["format"]; ok && len(values) > 0 {
		for _, f := range sourceFormats {
			if values[0] == f.name {
				return f, nil
			}
		}
		return citationFormat{}, &paramError{param: "format", reason: "must be one of: json, csl, ris, bibtex"}
	}
	offered := make([]string, len(sourceFormats))
	for i, f := range sourceFormats {
		offered[i] = f.mediaType
	}
	i := negotiate(r.Header.Values("Accept"), offered)
	if i < 0 {
		return citationFormat{}, &notAcceptableError{offered: offered}
	}
	return sourceFormats[i], nil
}

// negotiate returns the index of the offer the Accept header values prefer (RFC 9110 §12.5.1):
// each offer takes the quality of the most specific range that matches it, the highest
// quality above zero wins, and ties go to the earlier offer. No header accepts anything.
// It returns -1 when nothing offered is acceptable.
func negotiate(accept []string, offers []string) int {
	header := strings.Join(accept, ",")
	if strings.TrimSpace(header) == "" {
		return 0
	}
	type mediaRange struct {
		typ, sub string
		q        float64
	}
	var ranges []mediaRange
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(part, ";")
		typ, sub, ok := strings.Cut(strings.ToLower(strings.TrimSpace(fields[0])), "/")
		if !ok || typ == "" || sub == "" || (typ == "*" && sub != "*") {
			continue // not a media range: ignored, as a proxy's odd header should not fail a request
		}
		q := 1.0
		for _, param := range fields[1:] {
			name, value, _ := strings.Cut(strings.TrimSpace(param), "=")
			if strings.EqualFold(strings.TrimSpace(name), "q") {
				v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
				if err != nil || v < 0 || v > 1 {
					v = 0
				}
				q = v
			}
		}
		ranges = append(ranges, mediaRange{typ, sub, q})
	}
	best, bestQ := -1, 0.0
	for i, offer := range offers {
		typ, sub, _ := strings.Cut(offer, "/")
		q, specificity := 0.0, -1
		for _, m := range ranges {
			s := -1
			switch {
			case m.typ == typ && m.sub == sub:
				s = 2
			case m.typ == typ && m.sub == "*":
				s = 1
			case m.typ == "*":
				s = 0
			}
			if s > specificity {
				q, specificity = m.q, s
			}
		}
		if q > bestQ {
			best, bestQ = i, q
		}
	}
	return best
}

// writeBibliography writes sources in the bibliography format f.
func writeBibliography(w http.ResponseWriter, r *http.Request, f citationFormat, sources []kb.Source) error {
	var body []byte
	switch f {
	case formatCSL:
		items := make([]cslItem, len(sources))
		for i, s := range sources {
			items[i] = toCSL(s)
		}
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(items); err != nil {
			return fmt.Errorf("encode csl: %w", err)
		}
		body = buf.Bytes()
	case formatRIS:
		body = risOf(sources)
	case formatBibTeX:
		body = bibtexOf(sources)
	default:
		return fmt.Errorf("no bibliography format %q", f.name)
	}
	contentType := f.mediaType
	if f != formatCSL {
		contentType += "; charset=utf-8"
	}
	return writeBody(w, r, http.StatusOK, contentType, body)
}

// cslItem is a CSL-JSON item (citationstyles.org, CSL 1.0.2 schema).
type cslItem struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	Title          string    `json:"title"`
	ContainerTitle string    `json:"container-title"`
	Author         []cslName `json:"author,omitempty"`
	Issued         cslDate   `json:"issued"`
	Volume         string    `json:"volume,omitempty"`
	Issue          string    `json:"issue,omitempty"`
	Page           string    `json:"page,omitempty"`
	DOI            string    `json:"DOI,omitempty"`
	PMID           string    `json:"PMID,omitempty"`
	URL            string    `json:"URL,omitempty"`
	Note           string    `json:"note,omitempty"`
	Genre          string    `json:"genre,omitempty"`
}

type cslName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Suffix  string `json:"suffix,omitempty"`
	Literal string `json:"literal,omitempty"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

// cslType maps a publication type to a CSL item type; abstracts printed in a journal's
// supplement are still journal items.
var cslType = map[string]string{
	"book_chapter": "chapter",
}

// toCSL converts a source. A byline that ends in "et al." lists the names it prints; CSL has
// no mark for an incomplete list, so the note says so.
func toCSL(s kb.Source) cslItem {
	item := cslItem{ID: s.Slug, Type: "article-journal", Title: s.Title, ContainerTitle: s.Journal,
		Issued: cslDate{DateParts: [][]int{{s.Year}}}, Genre: publicationGenre(s.PublicationType)}
	if t, ok := cslType[s.PublicationType]; ok {
		item.Type = t
	}
	authors, etAl := s.Byline()
	for _, a := range authors {
		item.Author = append(item.Author, cslName(a))
	}
	if l, ok := s.Locator(); ok {
		item.Volume, item.Issue, item.Page = l.Volume, l.Issue, l.Pages
	}
	if s.DOI != nil {
		item.DOI = *s.DOI
		item.URL = "https://doi.org/" + *s.DOI
	}
	if s.PMID != nil {
		item.PMID = *s.PMID
		if item.URL == "" {
			item.URL = pubmedURL(*s.PMID)
		}
	}
	item.Note = citationNote(s, etAl)
	return item
}

func pubmedURL(pmid string) string { return "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/" }

// publicationGenre says what kind of item a source is where the item type cannot.
func publicationGenre(publicationType string) string {
	switch publicationType {
	case "conference_abstract":
		return "Conference abstract"
	case "review":
		return "Review"
	case "systematic_review":
		return "Systematic review"
	case "case_report":
		return "Case report"
	}
	return ""
}

// citationNote keeps what the structured fields cannot: the citation as printed and an
// incomplete byline.
func citationNote(s kb.Source, etAl bool) string {
	note := "Printed citation: " + s.Citation
	if etAl {
		note += "; the byline on record lists the first authors only (et al.)"
	}
	if s.Authors == nil {
		note += "; the public record shows no byline"
	}
	return note
}

// risType maps a publication type to an RIS reference type.
func risType(publicationType string) string {
	switch publicationType {
	case "conference_abstract":
		return "ABST"
	case "book_chapter":
		return "CHAP"
	}
	return "JOUR"
}

// risOf writes sources as RIS records. RIS has no PMID tag: the PubMed record's address is
// given as a UR line, and the PMID as the accession number (AN), as PubMed's own exports do.
func risOf(sources []kb.Source) []byte {
	var b bytes.Buffer
	line := func(tag, value string) {
		if value = risValue(value); value != "" {
			fmt.Fprintf(&b, "%s  - %s\r\n", tag, value)
		}
	}
	for _, s := range sources {
		line("TY", risType(s.PublicationType))
		line("ID", s.Slug)
		line("TI", s.Title)
		authors, etAl := s.Byline()
		for _, a := range authors {
			line("AU", risName(a))
		}
		line("PY", strconv.Itoa(s.Year))
		line("T2", s.Journal)
		if l, ok := s.Locator(); ok {
			line("VL", l.Volume)
			line("IS", l.Issue)
			first, last, _ := strings.Cut(l.Pages, "-")
			line("SP", first)
			line("EP", last)
		}
		if s.DOI != nil {
			line("DO", *s.DOI)
		}
		if s.PMID != nil {
			line("AN", *s.PMID)
			line("UR", pubmedURL(*s.PMID))
		}
		line("N1", citationNote(s, etAl))
		b.WriteString("ER  - \r\n\r\n")
	}
	return b.Bytes()
}

func risName(a kb.Author) string {
	if a.Literal != "" {
		return a.Literal
	}
	name := a.Family + ", " + a.Given
	if a.Suffix != "" {
		name += ", " + a.Suffix
	}
	return name
}

// risValue keeps a value on its one line.
func risValue(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// bibtexOf writes sources as BibTeX entries keyed by slug. Titles are braced whole, so that
// styles keep their capitals as published; "and others" marks a byline that ends in "et al.".
func bibtexOf(sources []kb.Source) []byte {
	var b bytes.Buffer
	for _, s := range sources {
		kind := "article"
		if s.PublicationType == "book_chapter" {
			kind = "incollection"
		}
		fmt.Fprintf(&b, "@%s{%s,\n", kind, s.Slug)
		field := func(name, value string) {
			if value != "" {
				fmt.Fprintf(&b, "  %s = {%s},\n", name, value)
			}
		}
		authors, etAl := s.Byline()
		names := make([]string, 0, len(authors)+1)
		for _, a := range authors {
			names = append(names, bibtexName(a))
		}
		if etAl {
			names = append(names, "others")
		}
		field("author", strings.Join(names, " and "))
		field("title", "{"+bibtexEscape(s.Title)+"}")
		container := "journal"
		if kind == "incollection" {
			container = "booktitle"
		}
		field(container, bibtexEscape(s.Journal))
		field("year", strconv.Itoa(s.Year))
		if l, ok := s.Locator(); ok {
			field("volume", bibtexEscape(l.Volume))
			field("number", bibtexEscape(l.Issue))
			field("pages", bibtexEscape(strings.Replace(l.Pages, "-", "--", 1)))
		}
		if s.DOI != nil {
			field("doi", bibtexEscape(*s.DOI))
		}
		if s.PMID != nil {
			field("pmid", *s.PMID)
		}
		field("note", bibtexEscape(citationNote(s, false)))
		b.WriteString("}\n\n")
	}
	return b.Bytes()
}

func bibtexName(a kb.Author) string {
	if a.Literal != "" {
		// Braced, so that a group's name is not split into first and last names.
		return "{" + bibtexEscape(a.Literal) + "}"
	}
	name := bibtexEscape(a.Family)
	if strings.Contains(a.Family, " ") {
		name = "{" + name + "}"
	}
	if a.Suffix != "" {
		name += ", " + a.Suffix
	}
	return name + ", " + a.Given
}

// bibtexSpecial are the characters BibTeX and LaTeX read as markup.
var bibtexSpecial = strings.NewReplacer(
	`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "%", `\%`, "&", `\&`, "$", `\$`, "#", `\#`,
	"_", `\_`, "~", `\textasciitilde{}`, "^", `\textasciicircum{}`)

func bibtexEscape(s string) string {
	return bibtexSpecial.Replace(strings.Join(strings.Fields(s), " "))
}

// sourcesOf returns the sources of records.
func sourcesOf(records []kb.SourceRecord) []kb.Source {
	out := make([]kb.Source, len(records))
	for i, rec := range records {
		out[i] = rec.Source
	}
	return out
}

// bibliographyParams are the parameters a bibliography request may not take: it is the whole
// list, never a page.
var bibliographyParams = []string{"limit", "cursor"}

func checkBibliographyParams(p params) error {
	for _, name := range bibliographyParams {
		if p.has(name) {
			return &paramError{param: name, reason: "does not apply to a bibliography format, which lists every matching source in one answer"}
		}
	}
	return nil
}
