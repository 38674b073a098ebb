package api_test

import (
	"encoding/json"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// collections lists every collection of the API.
var collections = []string{
	"/v1/associated-features", "/v1/mechanisms", "/v1/diagnostic-modalities",
	"/v1/treatments", "/v1/prevalence", "/v1/clinical-presentation", "/v1/findings", "/v1/sources",
}

type sourceRef struct {
	Slug  string  `json:"slug"`
	PMID  *string `json:"pmid"`
	DOI   *string `json:"doi"`
	Title string  `json:"title"`
	Year  int     `json:"year"`
}

type findingBody struct {
	Source        sourceRef `json:"source"`
	Design        string    `json:"design"`
	Outcome       *string   `json:"outcome"`
	Direction     *string   `json:"direction"`
	EvidenceLevel int       `json:"evidence_level"`
	Statement     string    `json:"statement"`
}

// record holds the fields of any collection's item that these tests read.
type record struct {
	Slug          string `json:"slug"`
	ID            int    `json:"id"` // a finding's, which has no slug
	Name          string `json:"name"`
	Category      string `json:"category"`
	Role          string `json:"role"`
	Support       string `json:"support"`
	InReview      bool   `json:"in_review"`
	Mainstay      bool   `json:"mainstay"`
	EvidenceLevel int    `json:"evidence_level"`
	Mechanisms    []struct {
		Slug string `json:"slug"`
	} `json:"mechanisms"`
	Evidence    []findingBody `json:"evidence"`
	Sources     []sourceRef   `json:"sources"`
	Source      *sourceRef    `json:"source"` // a prevalence estimate's or a finding's
	Kind        string        `json:"kind"`
	Percent     float64       `json:"percent"`
	Approximate bool          `json:"approximate"`
	PMID        *string       `json:"pmid"` // a source's own
}

type page struct {
	Data []json.RawMessage `json:"data"`
	Next *string           `json:"next"`
}

// walk follows next links from path and returns every item's raw JSON, in order.
func (c *client) walk(path string) []json.RawMessage {
	c.t.Helper()
	var all []json.RawMessage
	for pages := 0; ; pages++ {
		require.Less(c.t, pages, 1000, "paging %s does not end", path)
		p := decode[page](c.t, c.get(path))
		all = append(all, p.Data...)
		if p.Next == nil {
			return all
		}
		path = *p.Next
	}
}

func records(t *testing.T, raw []json.RawMessage) []record {
	t.Helper()
	out := make([]record, len(raw))
	for i, r := range raw {
		require.NoError(t, json.Unmarshal(r, &out[i]))
	}
	return out
}

// cites says whether a record lists the source with the given PMID.
func cites(rec record, pmid string) bool {
	for _, s := range rec.Sources {
		if s.PMID != nil && *s.PMID == pmid {
			return true
		}
	}
	return false
}

// key is what names the record in its item's URL: its slug, or a finding's id.
func (r record) key() string {
	if r.Slug == "" {
		return strconv.Itoa(r.ID)
	}
	return r.Slug
}

func keysOf(recs []record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.key()
	}
	return out
}

func TestCollections_ListAndItems(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, coll := range collections {
		t.Run(coll, func(t *testing.T) {
			raw := c.walk(coll + "?limit=200")
			require.NotEmpty(t, raw)
			for i, rec := range records(t, raw) {
				require.NotEmpty(t, rec.key(), "a %s entry has a slug or an id", coll)
				item := c.get(coll + "/" + rec.key())
				assert.JSONEq(t, string(raw[i]), string(item.body), "the item equals its list entry")
				switch {
				case coll == "/v1/sources":
					// A source is what others cite.
				case coll == "/v1/prevalence", coll == "/v1/findings":
					require.NotNil(t, rec.Source, rec.key())
					assert.NotEmpty(t, rec.Source.Title)
				default:
					assert.NotEmpty(t, rec.Evidence, "%s has evidence", rec.Slug)
					assert.NotEmpty(t, rec.Sources, "%s cites a source", rec.Slug)
					for _, f := range rec.Evidence {
						assert.Contains(t, rec.Sources, f.Source, "%s lists every source its evidence cites", rec.Slug)
					}
				}
			}
		})
	}
}

func TestCollections_PagingReturnsEveryItemOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	paths := append([]string{"/v1/treatments?sort=evidence_level", "/v1/treatments?category=pharmacologic"}, collections...)
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			whole := keysOf(records(t, c.walk(path+sep(path)+"limit=200")))
			byOne := keysOf(records(t, c.walk(path+sep(path)+"limit=1")))
			assert.Equal(t, whole, byOne)
			assert.Len(t, dedupe(byOne), len(byOne), "no item twice")
		})
	}
}

func sep(path string) string {
	u, _ := url.Parse(path)
	if u.RawQuery == "" {
		return "?"
	}
	return "&"
}

func dedupe(s []string) map[string]bool {
	seen := map[string]bool{}
	for _, v := range s {
		seen[v] = true
	}
	return seen
}

func TestTreatments_FiltersAndSort(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	all := records(t, c.walk("/v1/treatments?limit=200"))

	t.Run("sort=evidence_level lists the strongest first, then by name", func(t *testing.T) {
		got := records(t, c.walk("/v1/treatments?sort=evidence_level&limit=200"))
		require.Len(t, got, len(all))
		for i := 1; i < len(got); i++ {
			prev, cur := got[i-1], got[i]
			assert.True(t, prev.EvidenceLevel < cur.EvidenceLevel ||
				(prev.EvidenceLevel == cur.EvidenceLevel && prev.Name <= cur.Name), "%s before %s", prev.Slug, cur.Slug)
		}
	})
	t.Run("every treatment's level is the strongest of its evidence", func(t *testing.T) {
		for _, tr := range all {
			strongest := 5
			for _, f := range tr.Evidence {
				strongest = min(strongest, f.EvidenceLevel)
			}
			assert.Equal(t, strongest, tr.EvidenceLevel, tr.Slug)
		}
	})
	for _, category := range []string{"pharmacologic", "procedural", "surgical"} {
		t.Run("category="+category, func(t *testing.T) {
			got := records(t, c.walk("/v1/treatments?limit=200&category="+category))
			assert.NotEmpty(t, got)
			for _, tr := range got {
				assert.Equal(t, category, tr.Category)
			}
		})
	}
	t.Run("evidence_level_max", func(t *testing.T) {
		for level := 1; level <= 5; level++ {
			got := records(t, c.walk("/v1/treatments?limit=200&evidence_level_max="+string(rune('0'+level))))
			want := 0
			for _, tr := range all {
				if tr.EvidenceLevel <= level {
					want++
				}
			}
			assert.Len(t, got, want, "evidence_level_max=%d", level)
			for _, tr := range got {
				assert.LessOrEqual(t, tr.EvidenceLevel, level)
			}
		}
	})
	t.Run("mechanism", func(t *testing.T) {
		got := records(t, c.walk("/v1/treatments?limit=200&mechanism=chronic-inflammation"))
		require.NotEmpty(t, got)
		for _, tr := range got {
			var targets []string
			for _, m := range tr.Mechanisms {
				targets = append(targets, m.Slug)
			}
			assert.Contains(t, targets, "chronic-inflammation", tr.Slug)
		}
	})
}

// TestReviewAbstract_AnsweredByTheAPI checks that every claim of the review's abstract can be
// read from the API, citing the review.
func TestReviewAbstract_AnsweredByTheAPI(t *testing.T) {
	t.Parallel()
	const reviewPMID = "26352733"
	c := newClient(t)
	citesReview := func(t *testing.T, rec record) {
		t.Helper()
		assert.True(t, cites(rec, reviewPMID), "%s cites the review", rec.Slug)
	}
	item := func(t *testing.T, path string) record {
		t.Helper()
		return decode[record](t, c.get(path))
	}

	t.Run("affects almost one quarter of patients", func(t *testing.T) {
		var summary []record
		for _, p := range records(t, c.walk("/v1/prevalence")) {
			if p.Kind == "review_summary" {
				summary = append(summary, p)
			}
		}
		require.Len(t, summary, 1)
		assert.Equal(t, 25.0, summary[0].Percent)
		assert.True(t, summary[0].Approximate)
		require.NotNil(t, summary[0].Source.PMID)
		assert.Equal(t, reviewPMID, *summary[0].Source.PMID)
	})
	t.Run("associated features", func(t *testing.T) {
		for _, slug := range []string{"longer-disease-duration", "digital-ulcers", "acro-osteolysis",
			"anticentromere-antibody", "anti-pm-scl-antibody"} {
			rec := item(t, "/v1/associated-features/"+slug)
			assert.True(t, rec.InReview, slug)
			citesReview(t, rec)
			for _, f := range rec.Evidence {
				require.NotNil(t, f.Direction)
			}
		}
	})
	t.Run("proposed mechanisms and the mouse models", func(t *testing.T) {
		for _, slug := range []string{"local-trauma", "chronic-inflammation", "vascular-hypoxia", "heritable-ectopic-mineralization-models"} {
			citesReview(t, item(t, "/v1/mechanisms/"+slug))
		}
		assert.Equal(t, "animal_model", item(t, "/v1/mechanisms/heritable-ectopic-mineralization-models").Support)
	})
	t.Run("diagnosis: clinical or plain radiography; three experimental modalities", func(t *testing.T) {
		roles := map[string]string{
			"clinical-examination": "standard", "plain-radiography": "standard",
			"ultrasonography": "experimental", "multidetector-ct": "experimental", "dual-energy-ct": "experimental",
		}
		for slug, role := range roles {
			rec := item(t, "/v1/diagnostic-modalities/"+slug)
			assert.Equal(t, role, rec.Role, slug)
			citesReview(t, rec)
		}
	})
	t.Run("surgical excision is the mainstay; pharmacologic therapies tried", func(t *testing.T) {
		excision := item(t, "/v1/treatments/surgical-excision")
		assert.True(t, excision.Mainstay)
		assert.Equal(t, "surgical", excision.Category)
		citesReview(t, excision)
		// The review's statement on drug therapies is attached to the drugs it covers; a drug it
		// does not cover rests on case reports alone.
		drugs := records(t, c.walk("/v1/treatments?category=pharmacologic"))
		citingReview := 0
		for _, d := range drugs {
			assert.False(t, d.Mainstay, d.Slug)
			if cites(d, reviewPMID) {
				citingReview++
				continue
			}
			for _, f := range d.Evidence {
				assert.Equal(t, "case_report", f.Design, "%s does not cite the review, so rests on case reports", d.Slug)
			}
		}
		assert.GreaterOrEqual(t, citingReview, 3, "drug therapies the review says were tried")
	})
}
