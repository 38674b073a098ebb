package postgres_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

func allFindings(t *testing.T, st *postgres.Store, f kb.FindingFilter) []kb.Finding {
	t.Helper()
	var all []kb.Finding
	f.Limit = 7 // several pages
	for {
		page, more, err := st.Findings(context.Background(), f)
		require.NoError(t, err)
		all = append(all, page...)
		if !more {
			return all
		}
		f.AfterID = page[len(page)-1].ID
	}
}

func TestStore_Findings(t *testing.T) {
	st := postgres.New(testdb.New(t))
	all := allFindings(t, st, kb.FindingFilter{})
	require.NotEmpty(t, all)
	for i := 1; i < len(all); i++ {
		require.Less(t, all[i-1].ID, all[i].ID, "ordered by id, each once")
	}

	cases := map[string]struct {
		filter kb.FindingFilter
		match  func(kb.Finding) bool
	}{
		"subject_type": {kb.FindingFilter{SubjectType: "treatment"}, func(f kb.Finding) bool { return f.Subject.Type == "treatment" }},
		"subject":      {kb.FindingFilter{Subject: "digital-ulcers"}, func(f kb.Finding) bool { return f.Subject.Slug == "digital-ulcers" }},
		"design":       {kb.FindingFilter{Design: "case_series"}, func(f kb.Finding) bool { return f.Design == "case_series" }},
		"level":        {kb.FindingFilter{EvidenceLevelMax: 3}, func(f kb.Finding) bool { return f.EvidenceLevel <= 3 }},
		"measure":      {kb.FindingFilter{Measure: "odds_ratio"}, func(f kb.Finding) bool { return f.Measure != nil && *f.Measure == "odds_ratio" }},
		"source by PMID": {kb.FindingFilter{Source: "26352733"}, func(f kb.Finding) bool {
			return f.Source.PMID != nil && *f.Source.PMID == "26352733"
		}},
		"source by slug": {kb.FindingFilter{Source: "valenzuela-2015"}, func(f kb.Finding) bool { return f.Source.Slug == "valenzuela-2015" }},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := allFindings(t, st, c.filter)
			var want []int64
			for _, f := range all {
				if c.match(f) {
					want = append(want, f.ID)
				}
			}
			require.NotEmpty(t, want, "the seed has such findings")
			var ids []int64
			for _, f := range got {
				ids = append(ids, f.ID)
			}
			assert.Equal(t, want, ids)
		})
	}

	t.Run("one finding by id", func(t *testing.T) {
		f, err := st.Finding(context.Background(), all[0].ID)
		require.NoError(t, err)
		assert.Equal(t, all[0], f)
		_, err = st.Finding(context.Background(), all[len(all)-1].ID+1000)
		assert.ErrorIs(t, err, kb.ErrNotFound)
	})

	t.Run("every finding is listed by its source", func(t *testing.T) {
		for _, f := range all {
			src, err := st.Source(context.Background(), f.Source.Slug)
			require.NoError(t, err)
			var ids []int64
			for _, g := range src.Findings {
				ids = append(ids, g.ID)
			}
			assert.Contains(t, ids, f.ID)
		}
	})
}

// TestStore_DerivedFields writes findings into the test's own database and checks that a
// feature's consistency and a treatment's flags follow from them.
func TestStore_DerivedFields(t *testing.T) {
	pool := testdb.New(t)
	st := postgres.New(pool)
	ctx := context.Background()
	exec := func(sql string) {
		t.Helper()
		_, err := pool.Exec(ctx, sql)
		require.NoError(t, err)
	}
	exec(`INSERT INTO associated_features (slug, name, category, description, in_review)
	      VALUES ('test-feature', 'Test feature', 'clinical', 'A feature made by a test.', false)`)
	finding := func(source, direction, design string) {
		exec(`INSERT INTO findings (source_id, associated_feature_id, design, direction, evidence_level, statement)
		      VALUES ((SELECT id FROM sources WHERE slug = '` + source + `'),
		              (SELECT id FROM associated_features WHERE slug = 'test-feature'),
		              '` + design + `', '` + direction + `', 4, 'Made by a test.')`)
	}
	consistency := func() string {
		t.Helper()
		f, err := st.AssociatedFeature(ctx, "test-feature")
		require.NoError(t, err)
		return f.Consistency
	}

	finding("valenzuela-2015", "positive", "narrative_review")
	finding("baron-2016", "positive", "registry")
	assert.Equal(t, "single_study", consistency(), "a review restating a study is not a second study")
	finding("valenzuela-2016", "positive", "retrospective_cohort")
	assert.Equal(t, "consistent", consistency())
	finding("valenzuela-2020", "none", "prospective_cohort")
	assert.Equal(t, "discordant", consistency())

	warfarin := func() kb.Treatment {
		t.Helper()
		tr, err := st.Treatment(ctx, "warfarin")
		require.NoError(t, err)
		return tr
	}
	assert.False(t, warfarin().Summary.CompletedRCTInSSc)
	exec(`INSERT INTO findings (source_id, treatment_id, design, n_ssc, outcome, evidence_level, statement)
	      VALUES ((SELECT id FROM sources WHERE slug = 'baron-2016'), (SELECT id FROM treatments WHERE slug = 'warfarin'),
	              'rct', 10, 'no_effect', 2, 'Made by a test.')`)
	assert.True(t, warfarin().Summary.CompletedRCTInSSc)
}

func TestStore_Meta(t *testing.T) {
	pool := testdb.New(t)
	st := postgres.New(pool)
	ctx := context.Background()
	first, err := st.Meta(ctx)
	require.NoError(t, err)
	again, err := st.Meta(ctx)
	require.NoError(t, err)
	assert.Equal(t, first, again, "reading changes nothing")

	latest, err := postgres.LatestVersion()
	require.NoError(t, err)
	assert.Equal(t, int(latest), first.SchemaVersion)
	assert.Regexp(t, "^[0-9a-f]{32}$", first.DataVersion)
	for collection, table := range map[string]string{
		"treatments": "treatments", "sources": "sources", "findings": "findings", "prevalence": "prevalence_estimates",
		"clinical_presentation": "presentation_items", "mechanisms": "mechanisms",
		"associated_features": "associated_features", "diagnostic_modalities": "diagnostic_modalities",
	} {
		var n int
		require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM "+table).Scan(&n))
		assert.Equal(t, n, first.Counts[collection], collection)
	}
	total := 0
	for _, n := range first.VerifiedAgainst {
		total += n
	}
	assert.Equal(t, first.Counts["sources"], total, "every source says how far it was verified")

	_, err = pool.Exec(ctx, "UPDATE treatments SET rationale = rationale || ' (edited)' WHERE slug = 'warfarin'")
	require.NoError(t, err)
	edited, err := st.Meta(ctx)
	require.NoError(t, err)
	assert.NotEqual(t, first.DataVersion, edited.DataVersion, "a content change changes the data version")
}

// TestFindings_KeyForInsertWithoutOne checks that a finding inserted without a key gets the
// key the backfill rule gives, numbered past those taken, and that a key given is kept.
func TestFindings_KeyForInsertWithoutOne(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()
	insert := `
		INSERT INTO findings (source_id, associated_feature_id, design, measure, estimate, adjusted,
		                      direction, evidence_level, statement, key)
		VALUES ((SELECT id FROM sources WHERE slug = 'baron-2016'),
		        (SELECT id FROM associated_features WHERE slug = 'anticentromere-antibody'),
		        'prospective_cohort', 'odds_ratio', 1.5, $1, 'positive', 3, 'x', $2)
		RETURNING key`
	for _, tt := range []struct {
		adjusted bool
		key      *string
		want     string
	}{
		{true, nil, "baron-2016/anticentromere-antibody/adjusted-or-2"},
		{true, nil, "baron-2016/anticentromere-antibody/adjusted-or-3"},
		{false, nil, "baron-2016/anticentromere-antibody/or"},
		{false, ptr("baron-2016/anticentromere-antibody/given"), "baron-2016/anticentromere-antibody/given"},
	} {
		var got string
		require.NoError(t, pool.QueryRow(ctx, insert, tt.adjusted, tt.key).Scan(&got))
		assert.Equal(t, tt.want, got)
	}
	_, err := pool.Exec(ctx, insert, true, ptr("baron-2016/anticentromere-antibody/given"))
	assert.ErrorContains(t, err, "findings_key_key", "a key is never used twice")
	_, err = pool.Exec(ctx, insert, true, ptr("Baron 2016"))
	assert.ErrorContains(t, err, "findings_key_check")
}

func ptr[T any](v T) *T { return &v }
