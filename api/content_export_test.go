package api_test

import (
	"bytes"
	"encoding/json"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
)

// exportCollections names, for each kind, its list in /v1/export.
var exportCollections = map[string]string{
	"sources": "sources", "associated-features": "associated_features", "mechanisms": "mechanisms",
	"diagnostic-modalities": "diagnostic_modalities", "treatments": "treatments", "prevalence": "prevalence",
	"clinical-presentation": "clinical_presentation", "findings": "findings",
}

// exportNames are the columns /v1/export names otherwise; every other column is served under
// its own name (a Ref's without _id, as an object with the referenced record's slug).
var exportNames = map[string]string{"is_primary": "primary"}

// subjectTypes maps a finding's subject type in the API to the kind of its record.
var subjectTypes = map[string]string{
	"associated_feature": "associated-features", "mechanism": "mechanisms",
	"diagnostic_modality": "diagnostic-modalities", "treatment": "treatments",
	"prevalence_estimate": "prevalence", "presentation_item": "clinical-presentation",
}

// TestExport_EqualsTheContentFiles fetches /v1/export from the real router on a migrated
// database and compares it with content/, record for record and column for column: every
// record of the files is exported once and nothing else is; every column of every record is
// in the export and has the file's value. Text compares byte for byte; numbers compare as
// decimals (the export writes 24.7 for the file's 24.70), booleans as true/false, NULL as a
// JSON null; a reference compares the slug of the object the export nests (a finding's
// subject also its type, a treatment's mechanisms as a set).
func TestExport_EqualsTheContentFiles(t *testing.T) {
	files, err := content.Load("../content")
	require.NoError(t, err)
	resp := newClient(t).get("/v1/export")
	require.Equal(t, 200, resp.status)
	dec := json.NewDecoder(bytes.NewReader(resp.body))
	dec.UseNumber()
	var doc map[string]any
	require.NoError(t, dec.Decode(&doc))

	for _, k := range content.Kinds {
		items, ok := doc[exportCollections[k.Name]].([]any)
		require.True(t, ok, "the export lists %s", k.Name)
		want := files[k.Name]
		seen := map[string]bool{}
		for _, item := range items {
			obj := item.(map[string]any)
			key, _ := obj[k.KeyColumn].(string)
			rec, ok := want[key]
			if !assert.True(t, ok, "%s %s is exported and has a content file", k.Name, key) {
				continue
			}
			assert.False(t, seen[key], "%s %s is exported once", k.Name, key)
			seen[key] = true
			for _, c := range k.Columns {
				compareColumn(t, k, c, rec, obj)
			}
		}
		assert.Len(t, seen, len(want), "every %s record of the files is exported", k.Name)
	}
}

func compareColumn(t *testing.T, k content.Kind, c content.Column, rec content.Record, obj map[string]any) {
	t.Helper()
	v := rec.Values[c.Name]
	where := k.Name + " " + rec.Key + ": " + c.Name
	switch {
	case k.Name == "findings" && c.Type == content.Ref && c.RefKind != "sources":
		subject, _ := obj["subject"].(map[string]any)
		isThis := subjectTypes[subject["type"].(string)] == c.RefKind
		if v.Null {
			assert.False(t, isThis, "%s: the subject is another kind's", where)
		} else {
			assert.True(t, isThis, "%s: the subject's type", where)
			assert.Equal(t, v.Text, subject["slug"], where)
		}
	case c.Type == content.Ref:
		ref, ok := obj[strings.TrimSuffix(c.Name, "_id")].(map[string]any)
		if assert.True(t, ok, "%s is exported", where) {
			assert.Equal(t, v.Text, ref["slug"], where)
		}
	case c.Type == content.RefSet:
		refs, ok := obj[c.Name].([]any)
		if assert.True(t, ok, "%s is exported", where) {
			var slugs []string
			for _, r := range refs {
				slugs = append(slugs, r.(map[string]any)["slug"].(string))
			}
			slices.Sort(slugs)
			assert.Equal(t, v.List, append([]string{}, slugs...), where)
		}
	default:
		name := c.Name
		if n, ok := exportNames[name]; ok {
			name = n
		}
		got, ok := obj[name]
		if !assert.True(t, ok, "%s is exported", where) {
			return
		}
		assertSameValue(t, where, v, got)
	}
}

// assertSameValue compares a file's value with the JSON value the export gave.
func assertSameValue(t *testing.T, where string, v content.Value, got any) {
	t.Helper()
	if v.Null {
		assert.Nil(t, got, where)
		return
	}
	switch got := got.(type) {
	case string:
		assert.Equal(t, v.Text, got, where)
	case bool:
		assert.Equal(t, v.Text, map[bool]string{true: "true", false: "false"}[got], where)
	case json.Number:
		want, ok1 := new(big.Rat).SetString(v.Text)
		have, ok2 := new(big.Rat).SetString(got.String())
		if assert.True(t, ok1 && ok2, "%s: %s and %s are decimals", where, v.Text, got) {
			assert.Zero(t, want.Cmp(have), "%s: file %s, export %s", where, v.Text, got)
		}
	case []any:
		list := []string{}
		for _, e := range got {
			list = append(list, e.(string))
		}
		assert.Equal(t, v.List, list, where)
	default:
		t.Errorf("%s: the export's %T is not a value of a column", where, got)
	}
}
