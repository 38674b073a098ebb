package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5" // the pgx5:// driver
	_ "github.com/golang-migrate/migrate/v4/source/file"     // the file:// source
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/testdb"
	"calcinosiskb/migrations"
)

// TestContentRelease_OneEditedFindingEndToEnd is the curator's path: edit one finding's
// estimate in a copy of content/, generate, migrate. The pair is small and touches that one
// row; the API then serves the new value and /v1/changes since the previous release lists
// exactly that finding; migrating down restores every row, ids included, byte for byte.
func TestContentRelease_OneEditedFindingEndToEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const (
		file    = "sources/johns-hopkins-registry-2023.yaml"
		key     = "johns-hopkins-registry-2023/anti-pm-scl-antibody/adjusted-or"
		oldLine = "    estimate: 17.31\n"
		newLine = "    estimate: 17.30\n"
	)
	dir := copyTree(t, os.DirFS("../content"))
	body, err := os.ReadFile(filepath.Join(dir, file))
	require.NoError(t, err)
	require.Equal(t, 1, strings.Count(string(body), oldLine), "the edited line is unique in %s", file)
	require.NoError(t, os.WriteFile(filepath.Join(dir, file), []byte(strings.Replace(string(body), oldLine, newLine, 1)), 0o644))
	migDir := copyTree(t, onlySQL(t))

	url := testdb.Empty(t)
	require.NoError(t, content.MigrateDir(url, migDir))
	pool, err := pgxpool.New(ctx, url)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	before := tableHashes(t, pool)
	var previous string
	require.NoError(t, pool.QueryRow(ctx, `SELECT id FROM releases ORDER BY migration DESC LIMIT 1`).Scan(&previous))

	after, err := content.Load(dir)
	require.NoError(t, err)
	files, err := content.Generate(ctx, url, after, migDir, time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC), "One estimate corrected.")
	require.NoError(t, err)
	require.Len(t, files, 2, "one migration pair")
	up, err := os.ReadFile(files[0])
	require.NoError(t, err)
	writes := regexp.MustCompile(`(?m)^\s*(INSERT INTO|UPDATE|DELETE FROM) ([a-z_]+)`).FindAllStringSubmatch(string(up), -1)
	var touched []string
	for _, w := range writes {
		touched = append(touched, w[1]+" "+w[2])
	}
	assert.ElementsMatch(t, []string{"UPDATE findings", "INSERT INTO releases", "INSERT INTO release_changes"}, touched,
		"the up migration writes the one finding and the release")

	require.NoError(t, content.MigrateDir(url, migDir))
	c := newClientOn(t, pool)
	var meta struct {
		Release string `json:"release"`
	}
	require.NoError(t, json.Unmarshal(c.get("/v1/meta").body, &meta))
	assert.Equal(t, "2030.01.02", meta.Release)

	var finding struct {
		Estimate  json.Number `json:"estimate"`
		ChangedIn string      `json:"changed_in"`
	}
	require.NoError(t, json.Unmarshal(c.get("/v1/findings/"+key).body, &finding))
	assert.Equal(t, "17.3", finding.Estimate.String())
	assert.Equal(t, "2030.01.02", finding.ChangedIn)

	var changes struct {
		Data []struct {
			Release, Kind, Key, Change string
			Fields                     []struct {
				Field    string
				Old, New any
			}
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal(c.get("/v1/changes?since="+previous).body, &changes))
	require.Len(t, changes.Data, 1, "exactly one record changed since %s", previous)
	ch := changes.Data[0]
	assert.Equal(t, []string{"2030.01.02", "findings", key, "changed"}, []string{ch.Release, ch.Kind, ch.Key, ch.Change})
	require.Len(t, ch.Fields, 1)
	assert.Equal(t, "estimate", ch.Fields[0].Field)
	assert.Equal(t, "17.31", ch.Fields[0].Old)
	assert.Equal(t, "17.30", ch.Fields[0].New)

	m, err := migrate.New("file://"+migDir, "pgx5://"+strings.SplitN(url, "://", 2)[1])
	require.NoError(t, err)
	require.NoError(t, m.Steps(-1))
	srcErr, dbErr := m.Close()
	require.NoError(t, srcErr)
	require.NoError(t, dbErr)
	assert.Equal(t, before, tableHashes(t, pool), "down restores every content and release row")
}

// onlySQL is the embedded migrations without the Go file that embeds them.
func onlySQL(t *testing.T) fs.FS {
	t.Helper()
	sub, err := fs.Sub(migrations.FS, ".")
	require.NoError(t, err)
	return sub
}

// copyTree copies every regular file of fsys into a new temporary directory.
func copyTree(t *testing.T, fsys fs.FS) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == "." {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, path), 0o755)
		}
		body, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, path), body, 0o644)
	}))
	return dir
}

// tableHashes hashes every row, ids included, of every content and release table.
func tableHashes(t *testing.T, pool *pgxpool.Pool) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, table := range append(content.Tables(), content.ReleaseTables...) {
		var hash string
		require.NoError(t, pool.QueryRow(context.Background(), fmt.Sprintf(
			`SELECT coalesce(md5(string_agg(row_to_json(t)::text, E'\n' ORDER BY row_to_json(t)::text)), 'empty') FROM %s AS t`,
			table)).Scan(&hash))
		out[table] = hash
	}
	return out
}
