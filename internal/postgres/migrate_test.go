package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
	"calcinosiskb/migrations"
)

// snapshot describes a database's schema and every row of every table, so that two states
// can be compared; schema_migrations is left out, as it records the steps themselves, and so
// are the rows of content_version, a counter that every change of content, a down included,
// moves forward.
func snapshot(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	rows, err := pool.Query(ctx, `
		SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
		FROM information_schema.columns
		WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
		UNION ALL
		SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
		FROM pg_constraint
		WHERE connamespace = 'public'::regnamespace
		UNION ALL
		SELECT 'view ' || viewname || ' ' || definition
		FROM pg_views
		WHERE schemaname = 'public'
		UNION ALL
		SELECT 'index ' || indexdef
		FROM pg_indexes
		WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
		UNION ALL
		SELECT 'function ' || p.oid::regprocedure::text || ' ' || md5(pg_get_functiondef(p.oid))
		FROM pg_proc AS p
		WHERE p.pronamespace = 'public'::regnamespace
		UNION ALL
		SELECT 'trigger ' || pg_get_triggerdef(oid)
		FROM pg_trigger
		WHERE NOT tgisinternal
		ORDER BY 1`)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var line string
		require.NoError(t, rows.Scan(&line))
		b.WriteString(line + "\n")
	}
	require.NoError(t, rows.Err())
	rows, err = pool.Query(ctx, `
		SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
		  AND table_name NOT IN ('schema_migrations', 'content_version')
		ORDER BY 1`)
	require.NoError(t, err)
	for rows.Next() {
		var table string
		require.NoError(t, rows.Scan(&table))
		tables = append(tables, table)
	}
	require.NoError(t, rows.Err())
	for _, table := range tables {
		var hash string
		require.NoError(t, pool.QueryRow(ctx, fmt.Sprintf(
			`SELECT coalesce(md5(string_agg(row_to_json(t)::text, E'\n' ORDER BY row_to_json(t)::text)), 'empty') FROM %q AS t`, table)).Scan(&hash))
		fmt.Fprintf(&b, "rows %s %s\n", table, hash)
	}
	return b.String()
}

// TestMigrations_EachDownUndoesItsUp applies the migrations one at a time and checks that
// each down migration returns the database exactly to the state before its up migration.
func TestMigrations_EachDownUndoesItsUp(t *testing.T) {
	url := testdb.Empty(t)
	pool, err := pgxpool.New(context.Background(), url)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	src, err := iofs.New(migrations.FS, ".")
	require.NoError(t, err)
	m, err := migrate.NewWithSourceInstance("iofs", src, "pgx5://"+strings.SplitN(url, "://", 2)[1])
	require.NoError(t, err)
	t.Cleanup(func() { m.Close() })

	latest, err := postgres.LatestVersion()
	require.NoError(t, err)
	for applied := uint(0); applied < latest; applied++ {
		before := snapshot(t, pool)
		require.NoError(t, m.Steps(1))
		after := snapshot(t, pool)
		require.NotEqual(t, before, after, "migration %d changes something", applied+1)
		require.NoError(t, m.Steps(-1))
		require.Empty(t, changedLines(before, snapshot(t, pool)), "migration %d's down undoes exactly its up", applied+1)
		require.NoError(t, m.Steps(1))
	}
}

// changedLines lists the lines that are in only one of two snapshots, marked - or +.
func changedLines(before, after string) []string {
	count := map[string]int{}
	for _, l := range strings.Split(before, "\n") {
		count[l]--
	}
	for _, l := range strings.Split(after, "\n") {
		count[l]++
	}
	var changed []string
	for l, n := range count {
		switch {
		case n < 0:
			changed = append(changed, "- "+l)
		case n > 0:
			changed = append(changed, "+ "+l)
		}
	}
	return changed
}
