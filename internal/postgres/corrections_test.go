package postgres_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/testdb"
	"calcinosiskb/migrations"
)

// TestCorrections_Applied checks that each content correction of migrations 000023-000025
// holds on the migrated database.
func TestCorrections_Applied(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()
	for name, sql := range map[string]string{
		"the anchor review names no drug, so its per-drug findings have no outcome": `
			SELECT count(*) = 0 FROM findings
			WHERE source_id = (SELECT id FROM sources WHERE slug = 'valenzuela-2015')
			  AND treatment_id IS NOT NULL AND outcome IS NOT NULL`,
		"the systematic review's tentative judgements have no outcome": `
			SELECT count(*) = 0 FROM findings
			WHERE source_id = (SELECT id FROM sources WHERE slug = 'traineau-2020') AND outcome IS NOT NULL`,
		"warfarin: strong recommendation against, on a systematic review": `
			SELECT recommendation = 'strong_against' AND recommendation_basis = 'systematic_review' FROM findings
			WHERE source_id = (SELECT id FROM sources WHERE slug = 'traineau-2020')
			  AND treatment_id = (SELECT id FROM treatments WHERE slug = 'warfarin')`,
		"Blumhardt: the control fingers belong to the pain result": `
			SELECT bool_and((statement LIKE 'Pain%') = (statement LIKE '%control fingers%'))
			   AND bool_or(comparison IS NOT NULL AND statement LIKE 'Pain%')
			FROM findings
			WHERE source_id = (SELECT id FROM sources WHERE slug = 'blumhardt-2016') AND treatment_id IS NOT NULL`,
		"ivig-2008 was checked against what its record showed, not the full text": `
			SELECT verified_against = 'abstract' FROM sources WHERE slug = 'ivig-2008'`,
		"Samões: OR 7.6 (1.7-34.9) for a late capillaroscopic pattern, not the primary result": `
			SELECT estimate = 7.6 AND ci_low = 1.7 AND ci_high = 34.9 AND adjusted AND NOT is_primary
			   AND statement LIKE '%could not be read%'
			FROM findings
			WHERE source_id = (SELECT id FROM sources WHERE slug = 'samoes-2023')
			  AND associated_feature_id = (SELECT id FROM associated_features WHERE slug = 'nailfold-capillary-abnormalities')
			  AND measure = 'odds_ratio'`,
		"the modality texts no longer say no study measured sensitivity": `
			SELECT bool_and(limitations NOT LIKE '%measured how many deposits%' AND limitations NOT LIKE '%one single-centre%')
			   AND bool_or(slug = 'clinical-examination' AND limitations LIKE '%58.2%%')
			FROM diagnostic_modalities
			WHERE slug IN ('clinical-examination', 'ultrasonography', 'plain-radiography')`,
		"Avouac 2011 draws no conclusion its abstract does not": `
			SELECT statement NOT LIKE '%serial radiographs can be used%' FROM findings
			WHERE source_id = (SELECT id FROM sources WHERE slug = 'avouac-2011') AND diagnostic_modality_id IS NOT NULL`,
		"azathioprine with prednisone: no result on calcinosis is claimed": `
			SELECT outcome IS NULL AND NOT is_primary FROM findings
			WHERE treatment_id = (SELECT id FROM treatments WHERE slug = 'azathioprine-with-prednisone')`,
		"hand debulking: range of motion improved, as the authors conclude": `
			SELECT outcome = 'improved' AND NOT is_primary FROM findings
			WHERE source_id = (SELECT id FROM sources WHERE slug = 'hand-debulking-2021')
			  AND statement LIKE 'Patient-reported range of motion%'`,
		"the fetuin-A mouse names AHSG": `
			SELECT 'AHSG' = ANY (genes) AND description LIKE '%AHSG%' FROM mechanisms WHERE slug = 'fetuin-a-deficient-mice'`,
	} {
		t.Run(name, func(t *testing.T) {
			var holds bool
			require.NoError(t, pool.QueryRow(ctx, sql).Scan(&holds))
			assert.True(t, holds)
		})
	}
}

// TestCorrections_GuardedByRowCount runs a correction again on a database that already has
// it: its statements match no rows, so its row-count guard stops it and nothing changes.
func TestCorrections_GuardedByRowCount(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()
	for _, file := range []string{"000024_outcomes_as_reported.up.sql", "000025_audit_corrections.up.sql"} {
		t.Run(file, func(t *testing.T) {
			before := snapshot(t, pool)
			sql, err := migrations.FS.ReadFile(file)
			require.NoError(t, err)
			conn, err := pool.Acquire(ctx)
			require.NoError(t, err)
			_, err = conn.Exec(ctx, string(sql))
			require.ErrorContains(t, err, "expected")
			// The failed transaction is still open on this connection; end it and drop the connection.
			_, _ = conn.Exec(ctx, "ROLLBACK")
			conn.Release()
			assert.Empty(t, changedLines(before, snapshot(t, pool)))
		})
	}
}
