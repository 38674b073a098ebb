package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

func TestMain(m *testing.M) {
	os.Exit(testdb.Main(m))
}

func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestRun_MigrateVersion(t *testing.T) {
	latest, err := postgres.LatestVersion()
	require.NoError(t, err)
	var out bytes.Buffer
	err = run(context.Background(), []string{"migrate", "version"}, envOf(map[string]string{"DATABASE_URL": testdb.URL(t)}), &out, &bytes.Buffer{})
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("schema version %d (dirty: false)\n", latest), out.String())
}

// TestRun_Serve migrates an empty database at start-up, serves until the context ends, then
// shuts down cleanly.
func TestRun_Serve(t *testing.T) {
	addr := freeAddr(t)

	pprofAddr := freeAddr(t)
	dbURL := testdb.Empty(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, envOf(map[string]string{"DATABASE_URL": dbURL, "ADDR": addr, "PPROF_ADDR": pprofAddr}),
			&bytes.Buffer{}, &bytes.Buffer{})
	}()

	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 30*time.Second, 50*time.Millisecond, "the server becomes ready on a migrated database")

	t.Run("the API reads as the read-only role", func(t *testing.T) {
		conn, err := pgx.Connect(context.Background(), dbURL)
		require.NoError(t, err)
		defer conn.Close(context.Background())
		var users []string
		rows, err := conn.Query(context.Background(),
			"SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
		require.NoError(t, err)
		for rows.Next() {
			var u string
			require.NoError(t, rows.Scan(&u))
			users = append(users, u)
		}
		require.NoError(t, rows.Err())
		assert.Equal(t, []string{postgres.ReaderRole}, users)
	})
	t.Run("pprof answers on its own loopback listener only", func(t *testing.T) {
		resp, err := http.Get("http://" + pprofAddr + "/debug/pprof/")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		resp, err = http.Get("http://" + addr + "/debug/pprof/")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	})

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}

func TestRun_Usage(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"migrate"}, {"migrate", "sideways"}, {"serve", "extra"}} {
		err := run(context.Background(), args, envOf(map[string]string{"DATABASE_URL": "postgres://postgres@127.0.0.1:1/none?connect_timeout=1"}), &bytes.Buffer{}, &bytes.Buffer{})
		assert.Error(t, err, "%v", args)
	}
	err := run(context.Background(), nil, envOf(map[string]string{"LOG_LEVEL": "loud"}), &bytes.Buffer{}, &bytes.Buffer{})
	assert.ErrorContains(t, err, "LOG_LEVEL")
}

// freeAddr returns a loopback address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().String()
}
