package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/dbsetup"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

// TestReaderRole proves that the role the API connects as can read every table and change nothing.
func TestReaderRole(t *testing.T) {
	ctx := context.Background()
	ownerURL := testdb.URL(t)
	require.NoError(t, postgres.GrantReader(ctx, ownerURL))
	require.NoError(t, postgres.GrantReader(ctx, ownerURL), "granting twice is harmless")

	readerURL, err := dbsetup.WithUser(ownerURL, postgres.ReaderRole)
	require.NoError(t, err)
	conn, err := pgx.Connect(ctx, readerURL)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(ctx) })

	var n int
	require.NoError(t, conn.QueryRow(ctx, "SELECT count(*) FROM treatments").Scan(&n))
	assert.Positive(t, n)
	require.NoError(t, conn.QueryRow(ctx, "SELECT count(*) FROM search_hits('ulcers')").Scan(&n))

	for _, sql := range []string{
		"INSERT INTO sources (slug, authors, title, journal, year, citation, publication_type, verified_against) VALUES ('x-2020', 'X', 'X', 'X', 2020, '1', 'review', 'abstract')",
		"UPDATE treatments SET name = 'changed'",
		"DELETE FROM findings",
		"TRUNCATE findings",
		"CREATE TABLE intruder (id int)",
		"DROP TABLE findings",
		"SET default_transaction_read_only = off; UPDATE treatments SET name = 'changed'",
	} {
		_, err := conn.Exec(ctx, sql)
		var pgErr *pgconn.PgError
		require.True(t, errors.As(err, &pgErr), "%s: %v", sql, err)
		assert.Contains(t, []string{"42501", "25006"}, pgErr.Code, "%s is refused for lack of privilege: %v", sql, err)
	}
	var unchanged int
	owner, err := pgx.Connect(ctx, ownerURL)
	require.NoError(t, err)
	defer owner.Close(ctx)
	require.NoError(t, owner.QueryRow(ctx, "SELECT count(*) FROM treatments WHERE name = 'changed'").Scan(&unchanged))
	assert.Zero(t, unchanged)
}
