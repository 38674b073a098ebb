package kb

// The values each enumerated field may take; the schema's CHECK constraints list the same.
var (
	FeatureCategories   = []string{"clinical", "serologic", "radiographic", "demographic", "vascular", "bone"}
	MechanismSupports   = []string{"human_observational", "histology", "animal_model", "hypothesis"}
	ModalityRoles       = []string{"standard", "experimental"}
	TreatmentCategories = []string{"pharmacologic", "procedural", "surgical"}
	TreatmentSorts      = []string{SortName, SortEvidenceLevel, SortSScPatients, SortBenefit}
	Routes              = []string{"oral", "intravenous", "subcutaneous", "intralesional", "topical", "local_procedure", "surgical"}
	Outcomes            = []string{"improved", "no_effect", "mixed", "worsened"}
	PresentationKinds   = []string{"site", "complication"}
	SubjectTypes        = []string{"associated_feature", "mechanism", "diagnostic_modality", "treatment",
		"prevalence_estimate", "presentation_item"}
	Designs = []string{"systematic_review", "rct", "prospective_cohort", "retrospective_cohort", "registry",
		"cross_sectional", "case_control", "case_series", "case_report", "expert_review", "narrative_review",
		"animal_model", "laboratory"}
	// Verifications say how a source's record was verified; the first three mean the record
	// itself was read. The policy is in README's "Where the data comes from".
	Verifications = []string{"publisher", "pubmed", "pmc", "concordant_secondary"}
	Measures      = []string{"odds_ratio", "hazard_ratio", "proportion", "frequency_comparison", "sensitivity",
		"specificity", "icc", "kappa", "median_change"}
)

// Sort orders for lists.
const (
	SortName          = "name"
	SortEvidenceLevel = "evidence_level"
	SortSScPatients   = "ssc_patients" // most patients studied first
	SortBenefit       = "benefit"      // by assessment, then level of the evidence of benefit, then SSc patients
)

// Assessments are the judgements the synthesis rules give a treatment, in the order a tool
// should show them: the first is the best supported.
var Assessments = []string{"mainstay", "promising", "insufficient", "not_effective", "recommended_against"}

// Key is the position of a record in a sorted list: a page continues after it.
// Rank is the numeric sort value that precedes the name where a list has one
// (a treatment's evidence level or patients studied, a cohort's size, a finding's id).
type Key struct {
	Rank int
	Name string
	Slug string
}

// Page asks for at most Limit records after the key After (from the start when After is nil).
type Page struct {
	Limit int
	After *Key
}

// ListFilter narrows a list of associated features, mechanisms, diagnostic modalities or
// presentation items by their one enumerated attribute (category, support, role or kind) and
// by a search query Q; empty means all.
type ListFilter struct {
	Kind string
	Q    string
	Page Page
}

// TreatmentFilter narrows and orders the list of treatments.
type TreatmentFilter struct {
	Category         string
	Route            string
	Outcome          string // treatments with at least one study (not review) of this outcome
	EvidenceLevelMax int    // 0 means any level
	Mechanism        string
	Assessment       string // one of Assessments, as the synthesis rules derive it
	Q                string
	Sort             string
	Page             Page
}

// SourceFilter narrows the list of sources by a search query Q and by how their records were
// verified (any of Verifications; empty means all).
type SourceFilter struct {
	Q             string
	Verifications []string
}

// FindingFilter narrows the list of findings; empty fields match all. Source is a PMID (all
// digits) or a source's slug. Findings are listed by id, so a page continues after AfterID.
type FindingFilter struct {
	SubjectType      string
	Subject          string
	Design           string
	EvidenceLevelMax int
	Measure          string
	Source           string
	Verifications    []string // the source's verification is one of these; empty means any
	Limit            int
	AfterID          int64
}
