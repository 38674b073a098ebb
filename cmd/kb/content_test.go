package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/testdb"
)

// noDatabase points at a port nothing listens on: a command that tried to connect would fail.
var noDatabase = envOf(map[string]string{"DATABASE_URL": "postgres://postgres@127.0.0.1:1/none?connect_timeout=1"})

// tree reads every file under dir by its path relative to dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = string(data)
		return err
	}))
	return out
}

// TestRun_ContentCheck checks the committed content with no database reachable, then a copy
// with a broken file: the command fails and lists the problem by file, line, key and rule.
func TestRun_ContentCheck(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"content", "check", "../../content"}, noDatabase, &out, &bytes.Buffer{}))
	assert.Contains(t, out.String(), "no problems")

	dir := t.TempDir()
	for rel, data := range tree(t, "../../content") {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755))
		if rel == filepath.Join("treatments", "warfarin.yaml") {
			data = strings.Replace(data, "route: oral", "route: by-mouth", 1)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, rel), []byte(data), 0o644))
	}
	err := run(context.Background(), []string{"content", "check", dir}, noDatabase, &bytes.Buffer{}, &bytes.Buffer{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), filepath.Join(dir, "treatments", "warfarin.yaml")+":5: warfarin: route: ")
	assert.Contains(t, err.Error(), "[schema: enum]")
}

// TestRun_ContentExport writes the files from a migrated database: they are the committed
// content, byte for byte, except the curation notes, which live only in files.
func TestRun_ContentExport(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"content", "export", dir},
		envOf(map[string]string{"DATABASE_URL": testdb.URL(t)}), &out, &bytes.Buffer{}))
	got := tree(t, dir)
	want := tree(t, "../../content")
	delete(want, "README.md")
	require.Len(t, got, len(want))
	for name, data := range want {
		var kept []string
		for _, line := range strings.SplitAfter(data, "\n") {
			if !strings.HasPrefix(line, "curation: ") {
				kept = append(kept, line)
			}
		}
		assert.Equal(t, strings.Join(kept, ""), got[name], name)
	}
}

func TestRun_ContentUsage(t *testing.T) {
	for _, args := range [][]string{{"content"}, {"content", "bogus"}, {"content", "check", "a", "b"}} {
		err := run(context.Background(), args, noDatabase, &bytes.Buffer{}, &bytes.Buffer{})
		assert.ErrorContains(t, err, "usage: kb content", args)
	}
}
