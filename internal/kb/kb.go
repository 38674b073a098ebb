// Package kb holds the domain of the calcinosis knowledge base: its records, their
// enumerations, the filters a caller may apply, and the errors the store reports.
package kb

import (
	"errors"
	"regexp"
	"slices"
)

// ErrNotFound reports that no record has the requested key.
var ErrNotFound = errors.New("not found")

// ErrUnavailable reports that the database cannot be reached now; a later try may succeed.
var ErrUnavailable = errors.New("database unavailable")

// Source is a publication that records cite.
type Source struct {
	Released
	Slug            string
	PMID            *string
	DOI             *string
	Authors         *string // nil when the public record seen showed no byline
	Title           string
	Journal         string
	Year            int
	Citation        string
	PublicationType string
	VerifiedAgainst string
	PeerReviewed    bool
	URL             string // the record that was read
	Verification    string // one of Verifications: how that record was verified
}

// SourceRecord is a source with every finding that cites it and every record that does.
type SourceRecord struct {
	Source
	CitedBy  []Subject
	Findings []Finding
}

// SearchHit is one record that a search matched, with a highlighted snippet of its text.
type SearchHit struct {
	Subject
	Synonyms []string
	Snippet  string
	Score    float64
}

// Subject names the record a finding is about.
type Subject struct {
	Type string // one of SubjectTypes
	Slug string
	Name string
}

// Finding is one result of one study about one record, as the source published it.
type Finding struct {
	Released
	ID                 int64
	Key                string // source slug / subject slug / name: stable across databases
	Subject            Subject
	Source             Source
	Design             string
	Population         *string
	NSSc               *int
	NTotal             *int
	Measure            *string
	Estimate           *float64
	CILow              *float64
	CIHigh             *float64
	ComparatorEstimate *float64
	Comparison         *string
	PValue             *float64
	PRelation          *string
	Adjusted           *bool
	Events             *int
	Denominator        *int
	Direction          *string
	Outcome            *string
	Regimen            *string
	AdverseEffects     *string
	FollowUp           *string
	Recommendation     *string
	// RecommendationBasis says what a recommendation rests on: guideline, consensus,
	// systematic_review or expert_opinion.
	RecommendationBasis *string
	// Primary marks the source's main result for this subject.
	Primary       bool
	EvidenceLevel int
	Statement     string
}

// AssociatedFeature is a clinical, serologic or radiographic feature linked to calcinosis.
type AssociatedFeature struct {
	Released
	Slug        string
	Name        string
	Synonyms    []string
	Category    string
	Description string
	InReview    bool
	Consistency string // derived from the directions of its studies' findings
	Effects     []Effect
	// StrongestAdjusted is the adjusted estimate from the largest study, nil if none.
	StrongestAdjusted *Effect
	Evidence          []Finding
}

// Effect is one effect estimate of a finding, as published, for setting estimates side by side.
type Effect struct {
	FindingID          int64
	Measure            string
	Estimate           float64
	CILow              *float64
	CIHigh             *float64
	ComparatorEstimate *float64
	N                  *int // the study's SSc patients, or all its patients where it gives no SSc count
	Adjusted           *bool
	Primary            bool
	Source             string // the source's slug
	Design             string
	EvidenceLevel      int
}

// Mechanism is a proposed pathomechanism of calcinosis.
type Mechanism struct {
	Released
	Slug         string
	Name         string
	Synonyms     []string
	Description  string
	Support      string
	AnimalModels []string
	Genes        []string
	StudiedInSSc bool
	InReview     bool
	Treatments   []Ref // the treatments whose rationale targets it
	Evidence     []Finding
}

// DiagnosticModality is a way to detect or measure calcinosis.
type DiagnosticModality struct {
	Released
	Slug        string
	Name        string
	Synonyms    []string
	Role        string
	Shows       string
	Strengths   string
	Limitations string
	InReview    bool
	Evidence    []Finding
}

// Ref names another record.
type Ref struct {
	Slug string
	Name string
}

// EvidenceSummary is what a treatment's evidence adds up to. A study is a source other than
// a narrative or expert review; outcome counts are numbers of studies.
type EvidenceSummary struct {
	Studies            int
	SScPatients        int
	Improved           int
	NoEffect           int
	Mixed              int
	Worsened           int
	StrongestLevel     int
	StrongestDesign    string
	RecommendedAgainst bool
	CompletedRCTInSSc  bool
}

// Treatment is a therapy tried for calcinosis. Its summary, including its evidence level
// (the strongest Oxford CEBM 2011 level among its findings), is derived by the store.
type Treatment struct {
	Released
	Slug       string
	Name       string
	Synonyms   []string
	Category   string
	DrugClass  *string
	Route      *string
	Rationale  string
	Mainstay   bool
	Summary    EvidenceSummary
	Synthesis  Synthesis
	Mechanisms []Ref
	Evidence   []Finding
}

// OutcomeCounts counts studies by the outcome of their primary result.
type OutcomeCounts struct {
	Improved, Mixed, NoEffect, Worsened int
}

// SecondaryResult is a study's result for a treatment other than its primary one.
type SecondaryResult struct {
	FindingID int64
	Source    string
	Outcome   string
	Statement string
}

// Synthesis is what a treatment's findings add up to under the synthesis rules (package
// synthesis): counts by study, levels of the evidence for and against benefit, a GRADE-style
// certainty with its reasons, and an assessment with its reason.
type Synthesis struct {
	Studies          int
	SScPatients      int
	ByPrimaryOutcome OutcomeCounts
	Secondary        []SecondaryResult
	BenefitLevel     *int
	NoBenefitLevel   *int
	Certainty        *string
	CertaintyReasons []string
	// CertaintySteps are the same reasons with what each is about, for formats (FHIR) that
	// code the domains of a rating.
	CertaintySteps   []CertaintyStep
	Assessment       string
	AssessmentReason string
}

// CertaintyStep is one step of a certainty rating: its starting level, or a domain it was
// rated down for.
type CertaintyStep struct {
	Domain string // one of CertaintyDomains
	Level  string // the certainty after this step
	Reason string
}

// CertaintyDomains are what a certainty step can be about: the starting level from the study
// designs, or one of the GRADE domains the rules rate down for.
var CertaintyDomains = []string{"start", "risk_of_bias", "indirectness", "imprecision", "inconsistency"}

// PrevalenceEstimate is the share of patients with calcinosis in one cohort, or the review's summary figure.
type PrevalenceEstimate struct {
	Released
	Slug        string
	Cohort      string
	Kind        string
	Design      string
	Definition  string
	N           *int
	Cases       *int
	Percent     float64
	Approximate bool
	Statement   string
	Source      Source
	Evidence    []Finding
}

// PresentationItem is a typical site of calcinosis or one of its complications.
type PresentationItem struct {
	Released
	Slug        string
	Name        string
	Synonyms    []string
	Kind        string
	Description string
	Evidence    []Finding
}

// Meta describes the knowledge base as a whole.
type Meta struct {
	DataVersion   string
	SchemaVersion int
	// Release is the current data release, the latest; nil before any.
	Release *string
	Counts  map[string]int
	// VerifiedAgainst counts sources by what their numbers were checked against.
	VerifiedAgainst map[string]int
	GreyLiterature  int
}

// CitedSources returns the distinct sources behind a record's findings, in the order first cited.
func CitedSources(evidence []Finding) []Source {
	var sources []Source
	for _, f := range evidence {
		if !slices.ContainsFunc(sources, func(s Source) bool { return s.Slug == f.Source.Slug }) {
			sources = append(sources, f.Source)
		}
	}
	return sources
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s has the form of a record key; the schema enforces the same form.
func ValidSlug(s string) bool {
	return len(s) <= 100 && slugPattern.MatchString(s)
}
