package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/dbsetup"
	"calcinosiskb/internal/postgres"
)

// TestReplica_ServesChangesMadeOnThePrimary runs the service as one of many replicas would:
// migrations on a primary, reads from a streaming hot standby of it (two private clusters,
// the standby made with pg_basebackup). A change of content on the primary reaches the
// standby, where no notification arrives, and the service serves it once its poll sees the
// new version, well before a generous deadline.
func TestReplica_ServesChangesMadeOnThePrimary(t *testing.T) {
	skipIfShort(t)
	primary, primaryURL := privateCluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	// The schema and the reader role go to the primary; the standby copies them.
	mg, err := postgres.NewMigrator(primaryURL)
	require.NoError(t, err)
	require.NoError(t, mg.Up())
	require.NoError(t, mg.Close())
	require.NoError(t, postgres.GrantReader(ctx, primaryURL))

	dir, err := os.MkdirTemp("", "kb-standby-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755)) // the cluster's user (postgres, under root) must reach it
	t.Cleanup(func() { os.RemoveAll(dir) })
	port, err := strconv.Atoi(strings.TrimPrefix(freeAddr(t), "127.0.0.1:"))
	require.NoError(t, err)
	standby, err := primary.Replicate(ctx, filepath.Join(dir, "pg"), port)
	require.NoError(t, err)
	require.NoError(t, standby.Start(ctx))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		_ = standby.Stop(ctx)
	})
	standbyURL, err := dbsetup.WithDatabase(standby.URL(), "calcinosis_kb")
	require.NoError(t, err)
	conn, err := pgx.Connect(ctx, standbyURL)
	require.NoError(t, err)
	var inRecovery bool
	require.NoError(t, conn.QueryRow(ctx, "SELECT pg_is_in_recovery()").Scan(&inRecovery))
	conn.Close(ctx)
	require.True(t, inRecovery, "the standby is a hot standby")
	readerURL, err := dbsetup.WithUser(standbyURL, postgres.ReaderRole)
	require.NoError(t, err)

	s := startService(t, map[string]string{"DATABASE_URL": primaryURL, "READER_DATABASE_URL": readerURL})
	client := &http.Client{Timeout: 10 * time.Second}
	name := func() string {
		r := fetch(client, s.url+"/v1/treatments/warfarin", nil)
		require.Equal(t, http.StatusOK, r.status, "%s", r)
		var treatment struct {
			Name string `json:"name"`
		}
		require.NoError(t, json.Unmarshal(r.body, &treatment))
		return treatment.Name
	}
	before := name()
	require.NotEqual(t, "Warfarin (changed on the primary)", before)

	_, err = pgxExec(ctx, primaryURL, "UPDATE treatments SET name = 'Warfarin (changed on the primary)' WHERE slug = 'warfarin'")
	require.NoError(t, err)
	changedAt := time.Now()
	deadline := changedAt.Add(30 * time.Second) // generous: the bound is 1s, the machine may be loaded
	for name() != "Warfarin (changed on the primary)" {
		require.True(t, time.Now().Before(deadline), "the change made on the primary is not served 30s later")
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("the change was served %s after it committed on the primary", time.Since(changedAt).Round(time.Millisecond))

	r := fetch(client, s.url+"/readyz", nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r)
	assert.Contains(t, string(r.body), `"database":"up"`)
}

// pgxExec runs one statement on the database at url.
func pgxExec(ctx context.Context, url, sql string) (int64, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	tag, err := conn.Exec(ctx, sql)
	return tag.RowsAffected(), err
}
