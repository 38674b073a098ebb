package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/testdb"
	"calcinosiskb/migrations"
)

// TestRunContentGen_WritesAPairThenAgrees generates a release from changed content, then runs
// again on the directory holding it: the migrations now agree with the content.
func TestRunContentGen_WritesAPairThenAgrees(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, testdb.URL(t))
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	after, err := content.ReadRecords(ctx, pool)
	require.NoError(t, err)
	source := after.Sorted("sources")[0]
	source.Values["title"] = content.Value{Text: source.Values["title"].Text + " (corrected)"}
	var loadedFrom []string
	load := func(dir string) (content.Records, error) {
		loadedFrom = append(loadedFrom, dir)
		return after, nil
	}
	dir := t.TempDir()
	names, err := fs.Glob(migrations.FS, "*.sql")
	require.NoError(t, err)
	for _, name := range names {
		body, err := fs.ReadFile(migrations.FS, name)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), body, 0o644))
	}
	env := envOf(map[string]string{"DATABASE_URL": testdb.Empty(t)})
	args := []string{"-dir", "some/content", "-migrations", dir, "-date", "2027-05-06", "-summary", "A title corrected."}

	next, err := content.NextMigration(dir)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, runContentGen(ctx, args, env, load, &out))
	up := filepath.Join(dir, fmt.Sprintf("%06d_content_2027_05_06.up.sql", next))
	down := filepath.Join(dir, fmt.Sprintf("%06d_content_2027_05_06.down.sql", next))
	assert.Equal(t, "wrote "+up+"\nwrote "+down+"\n", out.String())
	body, err := os.ReadFile(up)
	require.NoError(t, err)
	assert.Contains(t, string(body), "'A title corrected.'")
	assert.Equal(t, []string{"some/content"}, loadedFrom)

	out.Reset()
	require.NoError(t, runContentGen(ctx, args, env, load, &out))
	assert.Equal(t, "The content files and the migrations in "+dir+" agree: nothing to write.\n", out.String())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, len(names)+2)
}

func TestRunContentGen_RefusesBadArguments(t *testing.T) {
	load := func(string) (content.Records, error) { return nil, errors.New("no such directory") }
	env := envOf(nil)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-date", "2027-13-01"}, `-date "2027-13-01" is not YYYY-MM-DD`},
		{[]string{"-date", "yesterday"}, `-date "yesterday" is not YYYY-MM-DD`},
		{[]string{"extra"}, `unexpected argument "extra"; usage: kb content gen`},
		{[]string{"-colour"}, "flag provided but not defined: -colour; usage: kb content gen"},
		{[]string{"-dir", "nowhere"}, "read content files in nowhere: no such directory"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out bytes.Buffer
			err := runContentGen(context.Background(), tt.args, env, load, &out)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, out.String())
		})
	}
}
