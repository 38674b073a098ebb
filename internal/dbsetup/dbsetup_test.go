package dbsetup

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolve_PrefersDatabaseURL(t *testing.T) {
	srv, err := Resolve(t.Context(), "postgres://u@db.example:5432/kb", t.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	assert.Equal(t, Server{URL: "postgres://u@db.example:5432/kb", Explicit: true}, srv)
}

func TestWithDatabase(t *testing.T) {
	got, err := WithDatabase("postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "calcinosis_kb")
	require.NoError(t, err)
	assert.Equal(t, "postgres://postgres@127.0.0.1:5432/calcinosis_kb?sslmode=disable", got)
}

// TestCluster starts a real private cluster from the local binaries, as Resolve does when no
// server answers, then stops it.
func TestCluster(t *testing.T) {
	bin, err := Binaries()
	require.NoError(t, err, "the PostgreSQL binaries (initdb, pg_ctl) must be installed")
	// The cluster's user must be able to reach the directory, which a private temp dir may forbid.
	dir, err := os.MkdirTemp("", "kb-cluster-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755))
	t.Cleanup(func() { os.RemoveAll(dir) })

	c := Cluster{Dir: filepath.Join(dir, "pg"), Port: freePort(t), Bin: bin}
	ctx := context.Background()
	require.NoError(t, c.Start(ctx))
	t.Cleanup(func() { _ = c.Stop(ctx) })
	require.NoError(t, Ping(ctx, c.URL()))

	url, err := EnsureDatabase(ctx, c.URL(), "calcinosis_kb")
	require.NoError(t, err)
	require.NoError(t, Ping(ctx, url))

	require.NoError(t, c.Start(ctx), "starting a running cluster is a no-op")
	require.NoError(t, c.Stop(ctx))
	assert.Error(t, Ping(ctx, c.URL()), "a stopped cluster does not answer")
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
