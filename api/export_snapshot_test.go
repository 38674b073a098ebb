package api_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
	"calcinosiskb/migrations"
)

// fieldsAddedSinceSnapshot are the only fields /v1/export may have gained since the snapshot
// in testdata was taken, before the content moved into files and releases began: each
// record's releases, and the release the export holds.
var fieldsAddedSinceSnapshot = map[string]bool{"added_in": true, "changed_in": true, "release": true}

// TestExport_UnchangedByContentFiles serves the database as it stands before the first
// generated content migration and compares its /v1/export with the export taken before the
// content became files: moving the content must not have changed a single value. Only the
// schema version and the fields listed above may differ.
func TestExport_UnchangedByContentFiles(t *testing.T) {
	t.Parallel()
	url := testdb.URL(t)
	mg, err := postgres.NewMigrator(url)
	require.NoError(t, err)
	require.NoError(t, mg.To(lastHandWrittenMigration(t)))
	require.NoError(t, mg.Close())
	pool, err := pgxpool.New(t.Context(), url)
	require.NoError(t, err)
	t.Cleanup(pool.Close)

	// The spec describes the head, not this older schema, so the answer is not validated against it.
	got := decodeJSON(t, newClientOn(t, pool).do(http.MethodGet, "/v1/export", false).body).(map[string]any)
	raw, err := os.ReadFile("testdata/export-before-content-files.json.gz")
	require.NoError(t, err)
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	require.NoError(t, err)
	before, err := io.ReadAll(zr)
	require.NoError(t, err)
	want := decodeJSON(t, before).(map[string]any)

	delete(got, "schema_version")
	delete(want, "schema_version")
	assert.Equal(t, want, withoutAddedFields(t, "", got, want))
}

// generatedMigration matches the name, after its number, of a generated content migration.
var generatedMigration = regexp.MustCompile(`^content_[0-9]{4}_[0-9]{2}_[0-9]{2}`)

// lastHandWrittenMigration is the version just before the first generated content
// migration, or the latest version when there is none yet.
func lastHandWrittenMigration(t *testing.T) uint {
	names, err := fs.Glob(migrations.FS, "*.up.sql")
	require.NoError(t, err)
	var last, firstGenerated uint
	for _, name := range names {
		prefix, rest, _ := strings.Cut(name, "_")
		v, err := strconv.ParseUint(prefix, 10, 32)
		require.NoError(t, err)
		if generatedMigration.MatchString(rest) {
			if firstGenerated == 0 || uint(v) < firstGenerated {
				firstGenerated = uint(v)
			}
			continue
		}
		last = max(last, uint(v))
	}
	if firstGenerated > 0 {
		return firstGenerated - 1
	}
	return last
}

func decodeJSON(t *testing.T, body []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	require.NoError(t, dec.Decode(&v))
	return v
}

// withoutAddedFields returns got without the object members that the snapshot lacks and
// that are allowed to be new; a new member of any other name stays, so the comparison fails.
func withoutAddedFields(t *testing.T, path string, got, want any) any {
	switch g := got.(type) {
	case map[string]any:
		w, _ := want.(map[string]any)
		out := map[string]any{}
		for k, v := range g {
			if _, had := w[k]; !had && fieldsAddedSinceSnapshot[k] {
				continue
			}
			out[k] = withoutAddedFields(t, path+"."+k, v, w[k])
		}
		return out
	case []any:
		w, _ := want.([]any)
		out := make([]any, len(g))
		for i, v := range g {
			var wi any
			if i < len(w) {
				wi = w[i]
			}
			out[i] = withoutAddedFields(t, path+"["+strconv.Itoa(i)+"]", v, wi)
		}
		return out
	default:
		return got
	}
}
