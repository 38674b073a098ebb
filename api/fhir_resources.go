package api

import (
	"fmt"
	"strconv"
	"strings"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/synthesis"
)

// FHIR R5 resource shapes, with only the elements this server fills.

type coding struct {
	System  string `json:"system"`
	Code    string `json:"code"`
	Display string `json:"display,omitempty"`
}

type codeableConcept struct {
	Coding []coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

type quantity struct {
	Value      float64 `json:"value"`
	Comparator string  `json:"comparator,omitempty"`
}

type fhirRange struct {
	Low  *quantity `json:"low,omitempty"`
	High *quantity `json:"high,omitempty"`
}

type reference struct {
	Reference string `json:"reference,omitempty"`
	Display   string `json:"display,omitempty"`
}

type annotation struct {
	Text string `json:"text"`
}

type identifier struct {
	System string `json:"system"`
	Value  string `json:"value"`
}

type relatedArtifact struct {
	Type              string     `json:"type"`
	Label             string     `json:"label,omitempty"`
	Citation          string     `json:"citation,omitempty"`
	ResourceReference *reference `json:"resourceReference,omitempty"`
}

type evidence struct {
	ResourceType       string               `json:"resourceType"`
	ID                 string               `json:"id"`
	Title              string               `json:"title"`
	Status             string               `json:"status"`
	RelatedArtifact    []relatedArtifact    `json:"relatedArtifact"`
	Description        string               `json:"description"`
	Assertion          string               `json:"assertion,omitempty"`
	Note               []annotation         `json:"note,omitempty"`
	VariableDefinition []variableDefinition `json:"variableDefinition"`
	StudyDesign        []codeableConcept    `json:"studyDesign"`
	Statistic          []statistic          `json:"statistic"`
	Certainty          []certainty          `json:"certainty"`
}

type variableDefinition struct {
	Description  string          `json:"description,omitempty"`
	VariableRole codeableConcept `json:"variableRole"`
}

type statistic struct {
	Description       string              `json:"description,omitempty"`
	Note              []annotation        `json:"note,omitempty"`
	StatisticType     codeableConcept     `json:"statisticType"`
	Quantity          *quantity           `json:"quantity,omitempty"`
	NumberOfEvents    *int                `json:"numberOfEvents,omitempty"`
	SampleSize        *sampleSize         `json:"sampleSize,omitempty"`
	AttributeEstimate []attributeEstimate `json:"attributeEstimate,omitempty"`
}

type sampleSize struct {
	Description          string `json:"description,omitempty"`
	NumberOfStudies      int    `json:"numberOfStudies"`
	NumberOfParticipants *int   `json:"numberOfParticipants,omitempty"`
}

type attributeEstimate struct {
	Description string          `json:"description,omitempty"`
	Type        codeableConcept `json:"type"`
	Quantity    *quantity       `json:"quantity,omitempty"`
	Range       *fhirRange      `json:"range,omitempty"`
}

type certainty struct {
	Description  string          `json:"description"`
	Type         codeableConcept `json:"type"`
	Rating       codeableConcept `json:"rating"`
	Rater        string          `json:"rater,omitempty"`
	Subcomponent []certainty     `json:"subcomponent,omitempty"`
}

const (
	statisticTypeSystem = "http://terminology.hl7.org/CodeSystem/statistic-type"
	estimateTypeSystem  = "http://terminology.hl7.org/CodeSystem/attribute-estimate-type"
	variableRoleSystem  = "http://terminology.hl7.org/CodeSystem/variable-role"
	certaintyTypeSystem = "http://hl7.org/fhir/certainty-type"
	studyDesignSystem   = "http://hl7.org/fhir/study-design"
	certaintyRatingSys  = "http://hl7.org/fhir/certainty-rating"
)

// certaintyRatings codes the synthesis rules' certainty levels in the certainty-rating code system.
var certaintyRatings = map[string]coding{
	"high":     {System: certaintyRatingSys, Code: "high", Display: "High quality"},
	"moderate": {System: certaintyRatingSys, Code: "moderate", Display: "Moderate quality"},
	"low":      {System: certaintyRatingSys, Code: "low", Display: "Low quality"},
	"very_low": {System: certaintyRatingSys, Code: "very-low", Display: "Very low quality"},
}

// certaintyDomains codes the domains the synthesis rules rate down for as certainty types.
var certaintyDomains = map[string]coding{
	"risk_of_bias":  {System: certaintyTypeSystem, Code: "RiskOfBias", Display: "Risk of bias"},
	"indirectness":  {System: certaintyTypeSystem, Code: "Indirectness", Display: "Indirectness"},
	"imprecision":   {System: certaintyTypeSystem, Code: "Imprecision", Display: "Imprecision"},
	"inconsistency": {System: certaintyTypeSystem, Code: "Inconsistency", Display: "Inconsistency"},
}

// seriousConcern is the rating of a domain the rules rate down one step for.
var seriousConcern = coding{System: certaintyRatingSys, Code: "serious-concern", Display: "serious concern"}

// statisticTypes codes the measures that the statistic-type code system names; the others are
// given as text, as the extensible binding allows.
var statisticTypes = map[string]coding{
	"odds_ratio":   {System: statisticTypeSystem, Code: "C16932", Display: "Odds Ratio"},
	"hazard_ratio": {System: statisticTypeSystem, Code: "C93150", Display: "Hazard Ratio"},
	"proportion":   {System: statisticTypeSystem, Code: "C44256", Display: "Proportion"},
}

var measureLabels = map[string]string{
	"odds_ratio": "Odds ratio", "hazard_ratio": "Hazard ratio", "proportion": "Proportion",
	"frequency_comparison": "Proportion compared between groups", "sensitivity": "Sensitivity",
	"specificity": "Specificity", "icc": "Intraclass correlation coefficient", "kappa": "Cohen's kappa",
	"median_change": "Median change",
}

// studyDesigns codes the designs that the study-design code system names exactly.
var studyDesigns = map[string]coding{
	"rct":             {System: studyDesignSystem, Code: "SEVCO:01003", Display: "randomized assignment"},
	"case_control":    {System: studyDesignSystem, Code: "SEVCO:01013", Display: "Case control design"},
	"case_report":     {System: studyDesignSystem, Code: "SEVCO:01017", Display: "Case report"},
	"cross_sectional": {System: studyDesignSystem, Code: "SEVCO:01027", Display: "Cross sectional data collection"},
}

var designLabels = map[string]string{
	"systematic_review": "Systematic review", "rct": "Randomised controlled trial",
	"prospective_cohort": "Prospective cohort", "retrospective_cohort": "Retrospective cohort",
	"registry": "Registry", "cross_sectional": "Cross-sectional study", "case_control": "Case-control study",
	"case_series": "Case series", "case_report": "Case report", "expert_review": "Expert review",
	"narrative_review": "Narrative review", "animal_model": "Animal model", "laboratory": "Laboratory study",
}

var outcomeLabels = map[string]string{
	"improved": "improved", "no_effect": "no effect", "mixed": "mixed results", "worsened": "worsened",
}

// pComparators maps how a p-value was reported to a Quantity comparator; "=" has none.
var pComparators = map[string]string{"<": "<", "<=": "<=", ">": ">", ">=": ">="}

func label(labels map[string]string, key string) string {
	if l, ok := labels[key]; ok {
		return l
	}
	return key
}

// toEvidence converts a finding that states an estimate or an outcome. Its first certainty is
// the finding's Oxford CEBM 2011 level, given as text: mapping it onto GRADE's ratings would be
// a judgement the source never made. When the finding is about a treatment, treatment is that
// treatment's synthesis, and a second certainty gives the GRADE-style certainty of all the
// evidence on it, as the synthesis rules rate it.
func toEvidence(f kb.Finding, treatment *kb.Synthesis) evidence {
	id := strconv.FormatInt(f.ID, 10)
	e := evidence{
		ResourceType: "Evidence", ID: id, Status: "active",
		Title:       fmt.Sprintf("%s: finding %s (%s %d)", f.Subject.Name, id, f.Source.Journal, f.Source.Year),
		Description: f.Statement,
		RelatedArtifact: []relatedArtifact{{Type: "citation", Label: f.Source.Slug, Citation: vancouver(f.Source),
			ResourceReference: &reference{Reference: "Citation/" + f.Source.Slug, Display: f.Source.Title}}},
		VariableDefinition: []variableDefinition{{VariableRole: codeableConcept{
			Coding: []coding{{System: variableRoleSystem, Code: "population", Display: "population"}}}}},
		StudyDesign: []codeableConcept{{Text: label(designLabels, f.Design)}},
		Certainty: []certainty{{
			Description: fmt.Sprintf("Oxford CEBM 2011 level %d, from the study design (%s)", f.EvidenceLevel, label(designLabels, f.Design)),
			Type:        codeableConcept{Coding: []coding{{System: certaintyTypeSystem, Code: "Overall", Display: "Overall certainty"}}},
			Rating:      codeableConcept{Text: fmt.Sprintf("Oxford CEBM 2011 level %d", f.EvidenceLevel)},
			Rater:       "Calcinosis KB",
		}},
	}
	if c, ok := studyDesigns[f.Design]; ok {
		e.StudyDesign[0].Coding = []coding{c}
	}
	if f.Population != nil {
		e.VariableDefinition[0].Description = *f.Population
	}
	if f.Outcome != nil {
		e.Assertion = "Reported outcome: " + label(outcomeLabels, *f.Outcome) + "."
	}
	for _, text := range []*string{f.Regimen, f.FollowUp, f.AdverseEffects} {
		if text != nil {
			e.Note = append(e.Note, annotation{Text: *text})
		}
	}
	e.Statistic = statistics(f)
	if treatment != nil && treatment.Certainty != nil {
		e.Certainty = append(e.Certainty, synthesisCertainty(f.Subject.Name, *treatment))
	}
	return e
}

// synthesisCertainty is a treatment's certainty under the synthesis rules, with its starting
// level and each domain it was rated down for as components.
func synthesisCertainty(name string, s kb.Synthesis) certainty {
	c := certainty{
		Description: fmt.Sprintf("Certainty of all the evidence on %s (%d %s, %d SSc %s), rated GRADE-style "+
			"by the synthesis rules %s: %s.", name, s.Studies, plural(s.Studies, "study", "studies"), s.SScPatients,
			plural(s.SScPatients, "patient", "patients"), synthesis.RulesVersion, strings.ReplaceAll(*s.Certainty, "_", " ")),
		Type:   codeableConcept{Coding: []coding{{System: certaintyTypeSystem, Code: "Overall", Display: "Overall certainty"}}},
		Rating: codeableConcept{Coding: []coding{certaintyRatings[*s.Certainty]}},
		Rater:  "Calcinosis KB synthesis rules " + synthesis.RulesVersion,
	}
	for _, step := range s.CertaintySteps {
		if step.Domain == "start" {
			c.Subcomponent = append(c.Subcomponent, certainty{Description: step.Reason,
				Type:   codeableConcept{Text: "Starting level, from the study designs"},
				Rating: codeableConcept{Coding: []coding{certaintyRatings[step.Level]}}})
			continue
		}
		c.Subcomponent = append(c.Subcomponent, certainty{Description: step.Reason,
			Type:   codeableConcept{Coding: []coding{certaintyDomains[step.Domain]}},
			Rating: codeableConcept{Coding: []coding{seriousConcern}}})
	}
	return c
}

// statistics gives a finding's estimate with its interval, p-value and sample size, and the
// comparison group's estimate where one was reported; a finding with an outcome alone gets a
// descriptive statistic.
func statistics(f kb.Finding) []statistic {
	size := &sampleSize{NumberOfStudies: 1, NumberOfParticipants: f.NTotal}
	if f.NTotal == nil {
		size.NumberOfParticipants = f.NSSc
	}
	if f.NSSc != nil && f.NTotal != nil && *f.NSSc != *f.NTotal {
		size.Description = fmt.Sprintf("%d participants, %d of them with systemic sclerosis", *f.NTotal, *f.NSSc)
	}
	if f.Estimate == nil {
		return []statistic{{
			StatisticType: codeableConcept{Coding: []coding{{System: statisticTypeSystem, Code: "descriptive", Display: "Descriptive"}}},
			Description:   f.Statement, SampleSize: size,
		}}
	}
	kind := codeableConcept{Text: "Estimate"}
	if f.Measure != nil {
		kind = codeableConcept{Text: label(measureLabels, *f.Measure)}
		if c, ok := statisticTypes[*f.Measure]; ok {
			kind.Coding = []coding{c}
		}
	}
	s := statistic{StatisticType: kind, Quantity: &quantity{Value: *f.Estimate}, NumberOfEvents: f.Events, SampleSize: size}
	if f.Events != nil && f.Denominator != nil {
		s.Description = fmt.Sprintf("%d of %d", *f.Events, *f.Denominator)
	}
	if f.Adjusted != nil {
		adjusted := "Unadjusted estimate."
		if *f.Adjusted {
			adjusted = "Adjusted estimate."
		}
		s.Note = append(s.Note, annotation{Text: adjusted})
	}
	if f.CILow != nil && f.CIHigh != nil {
		// The level of the interval is not on record, so none is claimed.
		s.AttributeEstimate = append(s.AttributeEstimate, attributeEstimate{
			Type:  codeableConcept{Coding: []coding{{System: estimateTypeSystem, Code: "C53324", Display: "Confidence interval"}}},
			Range: &fhirRange{Low: &quantity{Value: *f.CILow}, High: &quantity{Value: *f.CIHigh}},
		})
	}
	if f.PValue != nil {
		p := &quantity{Value: *f.PValue}
		if f.PRelation != nil {
			p.Comparator = pComparators[*f.PRelation]
		}
		s.AttributeEstimate = append(s.AttributeEstimate, attributeEstimate{
			Type:     codeableConcept{Coding: []coding{{System: estimateTypeSystem, Code: "C44185", Display: "P-value"}}},
			Quantity: p,
		})
	}
	out := []statistic{s}
	if f.ComparatorEstimate != nil {
		c := statistic{StatisticType: kind, Quantity: &quantity{Value: *f.ComparatorEstimate}, Description: "In the comparison group"}
		if f.Comparison != nil {
			c.Description += ": " + *f.Comparison
		}
		out = append(out, c)
	}
	return out
}

// vancouver is a source's reference as one line.
func vancouver(s kb.Source) string {
	text := ""
	if s.Authors != nil {
		text = *s.Authors + ". "
	}
	return fmt.Sprintf("%s%s. %s. %d;%s.", text, s.Title, s.Journal, s.Year, s.Citation)
}

type citationResource struct {
	ResourceType  string        `json:"resourceType"`
	ID            string        `json:"id"`
	Status        string        `json:"status"`
	Title         string        `json:"title"`
	Summary       []citeSummary `json:"summary"`
	CitedArtifact citedArtifact `json:"citedArtifact"`
	Note          []annotation  `json:"note,omitempty"`
}

type citeSummary struct {
	Text string `json:"text"`
}

type citedArtifact struct {
	Identifier      []identifier      `json:"identifier,omitempty"`
	Title           []citeTitle       `json:"title"`
	PublicationForm []publicationForm `json:"publicationForm"`
	WebLocation     []webLocation     `json:"webLocation,omitempty"`
	Classification  []classification  `json:"classification"`
	Contributorship *contributorship  `json:"contributorship,omitempty"`
}

type citeTitle struct {
	Text string `json:"text"`
}

type publicationForm struct {
	PublishedIn         publishedIn `json:"publishedIn"`
	Volume              string      `json:"volume,omitempty"`
	Issue               string      `json:"issue,omitempty"`
	PublicationDateText string      `json:"publicationDateText"`
	PageString          string      `json:"pageString,omitempty"`
}

type publishedIn struct {
	Title string `json:"title"`
}

type webLocation struct {
	URL string `json:"url"`
}

type classification struct {
	Classifier []codeableConcept `json:"classifier"`
}

type contributorship struct {
	Complete bool               `json:"complete"`
	Entry    []contributorEntry `json:"entry"`
}

type contributorEntry struct {
	Contributor reference `json:"contributor"`
}

// pubmedSystem and doiSystem are the identifier systems FHIR names for PubMed and DOIs.
const (
	pubmedSystem = "https://pubmed.ncbi.nlm.nih.gov"
	doiSystem    = "https://doi.org"
)

// toCitation converts a source. Contributors are named by display only: the byline gives no
// more to identify them, and an "et al." marks the list incomplete.
func toCitation(s kb.Source) citationResource {
	c := citationResource{
		ResourceType: "Citation", ID: s.Slug, Status: "active", Title: s.Title,
		Summary: []citeSummary{{Text: vancouver(s)}},
		CitedArtifact: citedArtifact{
			Title:           []citeTitle{{Text: s.Title}},
			PublicationForm: []publicationForm{{PublishedIn: publishedIn{Title: s.Journal}, PublicationDateText: strconv.Itoa(s.Year)}},
			Classification:  []classification{{Classifier: []codeableConcept{{Text: label(publicationTypes, s.PublicationType)}}}},
		},
		Note: []annotation{{Text: "Printed citation: " + s.Citation + "; numbers checked against the " + verifiedAgainst(s.VerifiedAgainst) + "."}},
	}
	if l, ok := s.Locator(); ok {
		form := &c.CitedArtifact.PublicationForm[0]
		form.Volume, form.Issue, form.PageString = l.Volume, l.Issue, l.Pages
	}
	if s.PMID != nil {
		c.CitedArtifact.Identifier = append(c.CitedArtifact.Identifier, identifier{System: pubmedSystem, Value: *s.PMID})
		c.CitedArtifact.WebLocation = append(c.CitedArtifact.WebLocation, webLocation{URL: pubmedURL(*s.PMID)})
	}
	if s.DOI != nil {
		c.CitedArtifact.Identifier = append(c.CitedArtifact.Identifier, identifier{System: doiSystem, Value: *s.DOI})
		c.CitedArtifact.WebLocation = append(c.CitedArtifact.WebLocation, webLocation{URL: "https://doi.org/" + *s.DOI})
	}
	if authors, etAl := s.Byline(); len(authors) > 0 {
		cs := &contributorship{Complete: !etAl}
		for _, a := range authors {
			cs.Entry = append(cs.Entry, contributorEntry{Contributor: reference{Display: a.Vancouver()}})
		}
		c.CitedArtifact.Contributorship = cs
	}
	return c
}

var publicationTypes = map[string]string{
	"journal_article": "Journal article", "review": "Review", "systematic_review": "Systematic review",
	"case_report": "Case report", "conference_abstract": "Conference abstract", "book_chapter": "Book chapter",
}

func verifiedAgainst(v string) string {
	if v == "full_text" {
		return "full text"
	}
	return v
}

type bundle struct {
	ResourceType string        `json:"resourceType"`
	Type         string        `json:"type"`
	Total        int           `json:"total"`
	Link         []bundleLink  `json:"link"`
	Entry        []bundleEntry `json:"entry"`
}

type bundleLink struct {
	Relation string `json:"relation"`
	URL      string `json:"url"`
}

type bundleEntry struct {
	FullURL  string        `json:"fullUrl"`
	Resource any           `json:"resource"`
	Search   *bundleSearch `json:"search,omitempty"`
}

type bundleSearch struct {
	Mode string `json:"mode"`
}

type capabilityStatement struct {
	ResourceType   string            `json:"resourceType"`
	Status         string            `json:"status"`
	Date           string            `json:"date"`
	Publisher      string            `json:"publisher"`
	Kind           string            `json:"kind"`
	Implementation capImplementation `json:"implementation"`
	FHIRVersion    string            `json:"fhirVersion"`
	Format         []string          `json:"format"`
	Rest           []capRest         `json:"rest"`
	Description    string            `json:"description"`
}

type capImplementation struct {
	Description string `json:"description"`
	URL         string `json:"url"`
}

type capRest struct {
	Mode     string        `json:"mode"`
	Resource []capResource `json:"resource"`
}

type capResource struct {
	Type        string           `json:"type"`
	Interaction []capInteraction `json:"interaction"`
	SearchParam []capSearchParam `json:"searchParam,omitempty"`
}

type capInteraction struct {
	Code string `json:"code"`
}

type capSearchParam struct {
	Name          string `json:"name"`
	Type          string `json:"type"`
	Documentation string `json:"documentation"`
}

// capabilities describes this server: read-only Evidence and Citation, Evidence searchable by
// the record it is about.
func capabilities(base string) capabilityStatement {
	return capabilityStatement{
		ResourceType: "CapabilityStatement", Status: "active", Date: capabilityDate, Publisher: "Calcinosis KB",
		Kind:           "instance",
		Description:    "Read-only FHIR R5 access to the Calcinosis KB: study findings as Evidence, their sources as Citation.",
		Implementation: capImplementation{Description: "Calcinosis KB", URL: base},
		FHIRVersion:    fhirVersion,
		Format:         []string{"json"},
		Rest: []capRest{{Mode: "server", Resource: []capResource{
			{Type: "Evidence", Interaction: []capInteraction{{Code: "read"}, {Code: "search-type"}},
				SearchParam: []capSearchParam{{Name: "subject", Type: "token",
					Documentation: "The slug of the knowledge-base record the finding is about, as in /v1/findings?subject="}}},
			{Type: "Citation", Interaction: []capInteraction{{Code: "read"}}},
		}}},
	}
}
