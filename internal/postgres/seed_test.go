package postgres_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/testdb"
)

// reviewPMID is the anchor review, Valenzuela & Chung, Curr Opin Rheumatol 2015.
const reviewPMID = "26352733"

// TestSeed_Integrity checks, on the migrated database, the promises every record makes.
func TestSeed_Integrity(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()
	violations := map[string]string{
		"feature without a finding": `
			SELECT slug FROM associated_features AS x
			WHERE NOT EXISTS (SELECT 1 FROM findings WHERE associated_feature_id = x.id)`,
		"mechanism without a finding": `
			SELECT slug FROM mechanisms AS x
			WHERE NOT EXISTS (SELECT 1 FROM findings WHERE mechanism_id = x.id)`,
		"diagnostic modality without a finding": `
			SELECT slug FROM diagnostic_modalities AS x
			WHERE NOT EXISTS (SELECT 1 FROM findings WHERE diagnostic_modality_id = x.id)`,
		"treatment without a finding": `
			SELECT slug FROM treatments AS x
			WHERE NOT EXISTS (SELECT 1 FROM findings WHERE treatment_id = x.id)`,
		"prevalence estimate without a finding": `
			SELECT slug FROM prevalence_estimates AS x
			WHERE NOT EXISTS (SELECT 1 FROM findings WHERE prevalence_estimate_id = x.id)`,
		"presentation item without a finding": `
			SELECT slug FROM presentation_items AS x
			WHERE NOT EXISTS (SELECT 1 FROM findings WHERE presentation_item_id = x.id)`,
		"prevalence finding that disagrees with its estimate": `
			SELECT pe.slug FROM prevalence_estimates AS pe
			JOIN findings AS f ON f.prevalence_estimate_id = pe.id
			WHERE f.source_id <> pe.source_id
			   OR f.n_ssc IS DISTINCT FROM pe.n
			   OR f.events IS DISTINCT FROM pe.cases
			   OR f.measure <> 'proportion'
			   OR abs(f.estimate * 100 - pe.percent) > 0.01`,
		"source that nothing cites": `
			SELECT slug FROM sources AS s
			WHERE NOT EXISTS (SELECT 1 FROM findings WHERE source_id = s.id)
			  AND NOT EXISTS (SELECT 1 FROM prevalence_estimates WHERE source_id = s.id)`,
		"record named in the review's abstract that does not cite it": `
			SELECT x.slug FROM associated_features AS x
			WHERE x.in_review AND NOT EXISTS (
			    SELECT 1 FROM findings AS f JOIN sources AS s ON s.id = f.source_id
			    WHERE f.associated_feature_id = x.id AND s.pmid = '` + reviewPMID + `')
			UNION ALL
			SELECT x.slug FROM mechanisms AS x
			WHERE x.in_review AND NOT EXISTS (
			    SELECT 1 FROM findings AS f JOIN sources AS s ON s.id = f.source_id
			    WHERE f.mechanism_id = x.id AND s.pmid = '` + reviewPMID + `')
			UNION ALL
			SELECT x.slug FROM diagnostic_modalities AS x
			WHERE x.in_review AND NOT EXISTS (
			    SELECT 1 FROM findings AS f JOIN sources AS s ON s.id = f.source_id
			    WHERE f.diagnostic_modality_id = x.id AND s.pmid = '` + reviewPMID + `')`,
		// The review's statement on drug therapies is not stretched to treatments its abstract
		// does not name; such a treatment must rest on case reports alone.
		"treatment that neither cites the review nor rests on case reports alone": `
			SELECT x.slug FROM treatments AS x
			WHERE EXISTS (SELECT 1 FROM findings WHERE treatment_id = x.id AND design <> 'case_report')
			  AND NOT EXISTS (
			    SELECT 1 FROM findings AS f JOIN sources AS s ON s.id = f.source_id
			    WHERE f.treatment_id = x.id AND s.pmid = '` + reviewPMID + `')`,
		// For a treatment a result is an outcome; for any other subject every finding is one.
		"source and subject with results but no primary finding": `
			SELECT s.slug || ' ' || fs.subject_slug FROM findings AS f
			JOIN sources AS s ON s.id = f.source_id
			JOIN finding_subjects AS fs ON fs.finding_id = f.id
			WHERE f.treatment_id IS NULL OR f.outcome IS NOT NULL
			GROUP BY s.slug, fs.subject_slug
			HAVING count(*) FILTER (WHERE f.is_primary) <> 1`,
		"proportion that disagrees with its counts": `
			SELECT id::text FROM findings
			WHERE measure = 'proportion' AND events IS NOT NULL
			  AND abs(estimate - events::numeric / denominator) > 0.005`,
	}
	for name, sql := range violations {
		t.Run(name, func(t *testing.T) {
			rows, err := pool.Query(ctx, sql)
			require.NoError(t, err)
			var offenders []string
			for rows.Next() {
				var slug string
				require.NoError(t, rows.Scan(&slug))
				offenders = append(offenders, slug)
			}
			require.NoError(t, rows.Err())
			assert.Empty(t, offenders)
		})
	}
}

// TestSeed_ReviewSummary checks the review's own claims that are single facts in the schema.
func TestSeed_ReviewSummary(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()

	var mainstays []string
	rows, err := pool.Query(ctx, "SELECT slug FROM treatments WHERE mainstay")
	require.NoError(t, err)
	for rows.Next() {
		var slug string
		require.NoError(t, rows.Scan(&slug))
		mainstays = append(mainstays, slug)
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, []string{"surgical-excision"}, mainstays, "surgical excision is the one mainstay")

	var percent float64
	var approximate bool
	var pmid string
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT p.percent, p.approximate, s.pmid
		FROM prevalence_estimates AS p JOIN sources AS s ON s.id = p.source_id
		WHERE p.kind = 'review_summary'`).Scan(&percent, &approximate, &pmid))
	assert.Equal(t, 25.0, percent, "almost one quarter")
	assert.True(t, approximate)
	assert.Equal(t, reviewPMID, pmid)
}
