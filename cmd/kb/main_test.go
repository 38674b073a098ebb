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
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, envOf(map[string]string{"DATABASE_URL": testdb.Empty(t), "ADDR": addr}), &bytes.Buffer{}, &bytes.Buffer{})
	}()

	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 30*time.Second, 50*time.Millisecond, "the server becomes ready on a migrated database")

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
