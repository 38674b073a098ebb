package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

// contentTables lists, from the catalog, every table of the schema that holds content: all
// but the migration record, the version counter itself and the search index, which the
// content tables' own triggers fill in the same statement that changes them (so their
// version trigger covers it).
func contentTables(t *testing.T, pool *pgxpool.Pool) []string {
	rows, err := pool.Query(t.Context(), `
		SELECT c.relname
		FROM pg_class AS c
		WHERE c.relnamespace = 'public'::regnamespace
		  AND c.relkind IN ('r', 'p')
		  AND c.relname NOT IN ('schema_migrations', 'content_version', 'search_index')
		ORDER BY 1`)
	require.NoError(t, err)
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	require.Contains(t, tables, "treatments")
	return tables
}

// TestContentTables_HaveTheVersionTrigger checks that every content table carries the
// statement trigger that moves the content version on any change, and that a change to it
// (even one touching no row) does move it.
func TestContentTables_HaveTheVersionTrigger(t *testing.T) {
	pool := testdb.New(t)
	ctx := t.Context()
	for _, table := range contentTables(t, pool) {
		t.Run(table, func(t *testing.T) {
			// tgtype bits: 1 row-level, 2 before, 4 insert, 8 delete, 16 update, 32 truncate.
			var tgtype int
			err := pool.QueryRow(ctx, `
				SELECT tg.tgtype
				FROM pg_trigger AS tg
				WHERE tg.tgrelid = $1::regclass
				  AND tg.tgfoid = 'bump_content_version()'::regprocedure
				  AND tg.tgenabled <> 'D'`, table).Scan(&tgtype)
			require.NoError(t, err, "%s has an enabled trigger calling bump_content_version()", table)
			assert.Equal(t, 0, tgtype&3, "%s: the trigger is AFTER, FOR EACH STATEMENT", table)
			assert.Equal(t, 4|8|16|32, tgtype&(4|8|16|32), "%s: the trigger fires on INSERT, UPDATE, DELETE and TRUNCATE", table)

			tx, err := pool.Begin(ctx)
			require.NoError(t, err)
			defer tx.Rollback(ctx)
			var before, after int64
			require.NoError(t, tx.QueryRow(ctx, "SELECT version FROM content_version").Scan(&before))
			_, err = tx.Exec(ctx, fmt.Sprintf("DELETE FROM %s WHERE false", pgx.Identifier{table}.Sanitize()))
			require.NoError(t, err)
			require.NoError(t, tx.QueryRow(ctx, "SELECT version FROM content_version").Scan(&after))
			assert.Greater(t, after, before, "a statement on %s moves the content version", table)
		})
	}
}

// TestContentVersion_OnlyGrows migrates a database up, down a step (DDL only), down entirely
// and up again: the content version read after each run is above the one before.
func TestContentVersion_OnlyGrows(t *testing.T) {
	url := testdb.Empty(t)
	mg, err := postgres.NewMigrator(url)
	require.NoError(t, err)
	t.Cleanup(func() { mg.Close() })
	pool, err := pgxpool.New(context.Background(), url)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	st := postgres.New(pool)
	latest, err := postgres.LatestVersion()
	require.NoError(t, err)

	var last int64
	grows := func(what string) {
		t.Helper()
		v, err := st.ContentVersion(t.Context())
		require.NoError(t, err, what)
		assert.Greater(t, v, last, "the content version after %s", what)
		last = v
	}
	require.NoError(t, mg.Up())
	grows("migrating up")
	require.NoError(t, mg.Up())
	v, err := st.ContentVersion(t.Context())
	require.NoError(t, err)
	assert.Equal(t, last, v, "a run that applies nothing leaves the version alone")
	require.NoError(t, mg.To(latest-1))
	grows("a down migration that only changes functions")
	require.NoError(t, mg.Up())
	grows("migrating up again")
	require.NoError(t, mg.To(15))
	require.NoError(t, mg.Up())
	grows("migrating down through the migration that created the version, and up")
	require.NoError(t, mg.Down())
	require.NoError(t, mg.Up())
	grows("migrating down entirely, and up")
}

// TestListenContentVersion checks that a change of content is announced to a listener on a
// read-only connection (as the API's role has), with the version then stored.
func TestListenContentVersion(t *testing.T) {
	url := testdb.URL(t)
	cfg, err := pgxpool.ParseConfig(url)
	require.NoError(t, err)
	cfg.ConnConfig.RuntimeParams["default_transaction_read_only"] = "on"
	reader, err := pgxpool.NewWithConfig(context.Background(), cfg)
	require.NoError(t, err)
	t.Cleanup(reader.Close)
	writer, err := pgxpool.New(context.Background(), url)
	require.NoError(t, err)
	t.Cleanup(writer.Close)

	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	notified := make(chan int64, 16)
	done := make(chan error, 1)
	go func() {
		done <- postgres.New(reader).ListenContentVersion(ctx, func(v int64) { notified <- v })
	}()
	// LISTEN takes effect at some point after the call; change content until one arrives.
	var got int64
	for got == 0 {
		_, err := writer.Exec(ctx, "UPDATE treatments SET name = name WHERE slug = 'warfarin'")
		require.NoError(t, err)
		select {
		case got = <-notified:
		case err := <-done:
			t.Fatalf("listening stopped: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
	stored, err := postgres.New(writer).ContentVersion(ctx)
	require.NoError(t, err)
	assert.LessOrEqual(t, got, stored)
	assert.Positive(t, got)
	cancel()
	assert.Error(t, <-done, "listening ends with its context")
}
