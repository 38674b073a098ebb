package content_test

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// TestKinds_CoverEveryColumn fails when a content table gains a column that Kinds does not
// describe, or Kinds names one the table lacks: files and migrations would silently drop it.
func TestKinds_CoverEveryColumn(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()
	for _, k := range content.Kinds {
		rows, err := pool.Query(ctx, `
			SELECT column_name::text FROM information_schema.columns
			WHERE table_schema = 'public' AND table_name = $1 AND column_name NOT IN ('id', $2)`, k.Table, k.KeyColumn)
		require.NoError(t, err)
		var inDB []string
		for rows.Next() {
			var c string
			require.NoError(t, rows.Scan(&c))
			inDB = append(inDB, c)
		}
		require.NoError(t, rows.Err())
		var described []string
		for _, c := range k.Columns {
			if c.Type != content.RefSet {
				described = append(described, c.Name)
			}
		}
		assert.ElementsMatch(t, inDB, described, k.Table)
	}
}

// TestTables_AreEveryTableWithContentVersionTrigger checks the one list of content tables
// against the database: each, and each release table, has the trigger that bumps the content
// version, and no other table does.
func TestTables_AreEveryTableWithContentVersionTrigger(t *testing.T) {
	pool := testdb.New(t)
	rows, err := pool.Query(context.Background(), `
		SELECT DISTINCT event_object_table::text FROM information_schema.triggers
		WHERE action_statement LIKE '%bump_content_version%'`)
	require.NoError(t, err)
	var withTrigger []string
	for rows.Next() {
		var table string
		require.NoError(t, rows.Scan(&table))
		withTrigger = append(withTrigger, table)
	}
	require.NoError(t, rows.Err())
	assert.ElementsMatch(t, append(content.Tables(), content.ReleaseTables...), withTrigger)
}

// TestReadRecords_ReadsEveryRow compares the records read with independent counts and
// spot-checks values as the migrations wrote them.
func TestReadRecords_ReadsEveryRow(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()
	recs, err := content.ReadRecords(ctx, pool)
	require.NoError(t, err)
	for _, k := range content.Kinds {
		var n int
		require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM "+k.Table).Scan(&n))
		assert.Len(t, recs[k.Name], n, k.Name)
	}

	var key string
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT f.key FROM findings f JOIN sources s ON s.id = f.source_id
		WHERE f.estimate = 17.31 AND f.ci_low = 7.72`).Scan(&key))
	f := recs["findings"][key]
	assert.Equal(t, "17.31", f.Values["estimate"].Text)
	assert.Equal(t, "38.81", f.Values["ci_high"].Text)
	assert.Equal(t, "anti-pm-scl-antibody", f.Values["associated_feature_id"].Text)
	assert.True(t, f.Values["treatment_id"].Null)

	var withMechanisms string
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT t.slug FROM treatments t JOIN treatment_mechanisms tm ON tm.treatment_id = t.id LIMIT 1`).Scan(&withMechanisms))
	assert.NotEmpty(t, recs["treatments"][withMechanisms].Values["mechanisms"].List)
}
