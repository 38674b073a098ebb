package kb

// The values each enumerated field may take; the schema's CHECK constraints list the same.
var (
	FeatureCategories   = []string{"clinical", "serologic", "radiographic", "demographic", "vascular", "bone"}
	MechanismSupports   = []string{"human_observational", "histology", "animal_model", "hypothesis"}
	ModalityRoles       = []string{"standard", "experimental"}
	TreatmentCategories = []string{"pharmacologic", "procedural", "surgical"}
	TreatmentSorts      = []string{SortName, SortEvidenceLevel}
)

// Sort orders for lists.
const (
	SortName          = "name"
	SortEvidenceLevel = "evidence_level"
)

// Key is the position of a record in a sorted list: a page continues after it.
// Rank is the numeric sort value that precedes the name where a list has one
// (a treatment's evidence level, a cohort's size).
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

// ListFilter narrows a list of associated features, mechanisms or diagnostic modalities by
// their one enumerated attribute (category, support or role); empty means all.
type ListFilter struct {
	Kind string
	Page Page
}

// TreatmentFilter narrows and orders the list of treatments.
type TreatmentFilter struct {
	Category         string
	EvidenceLevelMax int // 0 means any level
	Mechanism        string
	Sort             string
	Page             Page
}
