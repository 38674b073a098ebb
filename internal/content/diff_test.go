package content_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
)

func TestDiff_OrdersByKindThenKeyAndListsChangedFieldsInColumnOrder(t *testing.T) {
	treatment := func(key, name string, mechanisms ...string) content.Record {
		return record("treatments", key, map[string]content.Value{
			"name": {Text: name}, "mechanisms": {List: append([]string{}, mechanisms...)}})
	}
	mechanism := func(key string) content.Record {
		return record("mechanisms", key, map[string]content.Value{"name": {Text: key}})
	}
	before := records(treatment("b", "B", "m1"), treatment("a", "A"), treatment("z", "Z"), mechanism("m1"))
	after := records(treatment("b", "B2", "m1", "m2"), treatment("a", "A"), treatment("c", "C"), mechanism("m1"), mechanism("m2"))
	after["treatments"]["a"] = withID(after["treatments"]["a"], 99) // ids are not content

	got := content.Diff(before, after)
	var summary []string
	for _, ch := range got {
		summary = append(summary, ch.Kind+" "+ch.Key+" "+ch.Change)
	}
	assert.Equal(t, []string{
		"mechanisms m2 added", "treatments b changed", "treatments c added", "treatments z removed",
	}, summary)
	assert.Equal(t, []content.FieldChange{
		{Field: "name", Old: content.Value{Text: "B"}, New: content.Value{Text: "B2"}},
		{Field: "mechanisms", Old: content.Value{List: []string{"m1"}}, New: content.Value{List: []string{"m1", "m2"}}},
	}, got[1].Fields)
	assert.Equal(t, "C", got[2].New.Values["name"].Text)
	assert.Equal(t, "Z", got[3].Old.Values["name"].Text)
	assert.Empty(t, content.Diff(after, after))
}

func TestDiff_TellsNullEmptyAndEmptyListApart(t *testing.T) {
	before := records(record("sources", "s", map[string]content.Value{"doi": {Null: true}}))
	after := records(record("sources", "s", map[string]content.Value{"doi": {Text: ""}}))
	got := content.Diff(before, after)
	require.Len(t, got, 1)
	assert.Equal(t, "doi", got[0].Fields[0].Field)

	before = records(record("mechanisms", "m", map[string]content.Value{"genes": {Null: true}}))
	after = records(record("mechanisms", "m", map[string]content.Value{"genes": {List: []string{}}}))
	assert.Len(t, content.Diff(before, after), 1)
}

func TestReleaseID_NumbersSameDayReleases(t *testing.T) {
	date := day(2027, 4, 9)
	assert.Equal(t, "2027.04.09", content.ReleaseID(date, nil))
	assert.Equal(t, "2027.04.09", content.ReleaseID(date, []string{"2027.04.08", "2027.04.10"}))
	assert.Equal(t, "2027.04.09-2", content.ReleaseID(date, []string{"2027.04.09"}))
	assert.Equal(t, "2027.04.09-3", content.ReleaseID(date, []string{"2027.04.09", "2027.04.09-2"}))

	up, down := content.MigrationFiles(content.Release{ID: "2027.04.09-3", Migration: 42})
	assert.Equal(t, "000042_content_2027_04_09_3.up.sql", up)
	assert.Equal(t, "000042_content_2027_04_09_3.down.sql", down)
}

// TestMigrationSQL_RefusesWhatItCannotWriteFaithfully checks the writer's refusals, on a
// complete, consistent before.
func TestMigrationSQL_RefusesWhatItCannotWriteFaithfully(t *testing.T) {
	before := fullRecords()
	rel := content.Release{ID: "2027.04.09", Migration: 31, Published: day(2027, 4, 9), Summary: "Test."}
	tests := []struct {
		name   string
		change func(after content.Records)
		rel    func(*content.Release)
		want   string
	}{{
		name:   "a removed parent whose child stays",
		change: func(a content.Records) { delete(a["mechanisms"], "m") },
		want:   `treatments t: mechanisms points to mechanisms "m", which the content would not hold`,
	}, {
		name: "a child moved away from a parent removed in the same release",
		change: func(a content.Records) {
			a["treatments"]["t"].Values["mechanisms"] = content.Value{List: []string{}}
			delete(a["mechanisms"], "m")
		},
		want: `treatments t: mechanisms moves away from mechanisms "m", which the same release removes`,
	}, {
		name:   "a reference to nothing",
		change: func(a content.Records) { a["findings"]["f"].Values["source_id"] = content.Value{Text: "nowhere"} },
		want:   `findings f: source_id points to sources "nowhere"`,
	}, {
		name:   "a record without a value for a column",
		change: func(a content.Records) { delete(a["sources"]["s"].Values, "title") },
		want:   "sources s: no value for title",
	}, {
		name:   "a list in a scalar column",
		change: func(a content.Records) { a["sources"]["s"].Values["title"] = content.Value{List: []string{"x"}} },
		want:   "sources s: title: a scalar column holds a list",
	}, {
		name:   "text that is not UTF-8",
		change: func(a content.Records) { a["sources"]["s"].Values["title"] = content.Value{Text: "\xff"} },
		want:   "is not valid UTF-8",
	}, {
		name:   "a NUL character",
		change: func(a content.Records) { a["sources"]["s"].Values["title"] = content.Value{Text: "a\x00b"} },
		want:   "holds a NUL character",
	}, {
		name:   "a malformed release id",
		change: func(a content.Records) { a["sources"]["s"].Values["title"] = content.Value{Text: "new"} },
		rel:    func(r *content.Release) { r.ID = "2027-04-09" },
		want:   `release id "2027-04-09" is not YYYY.MM.DD`,
	}, {
		name:   "no changes",
		change: func(content.Records) {},
		want:   "no changes",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := clone(before)
			tt.change(after)
			r := rel
			if tt.rel != nil {
				tt.rel(&r)
			}
			up, down, err := content.MigrationSQL(before, content.Diff(before, after), r)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Nil(t, up)
			assert.Nil(t, down)
		})
	}

	after := clone(before)
	after["sources"]["s"].Values["title"] = content.Value{Text: "new"}
	_, _, err := content.MigrationSQL(before, content.Diff(before, after), rel)
	assert.NoError(t, err, "the same records with one consistent change are written")
}

func TestMigrationSQL_WritesTheSameFilesWhateverTheOrderOfChanges(t *testing.T) {
	before := fullRecords()
	after := clone(before)
	after["sources"]["s"].Values["title"] = content.Value{Text: "new"}
	after["treatments"]["t"].Values["name"] = content.Value{Text: "renamed"}
	delete(after["findings"], "f")
	changes := content.Diff(before, after)
	require.Len(t, changes, 3)
	rel := content.Release{ID: "2027.04.09", Migration: 31, Published: day(2027, 4, 9), Summary: "Test."}
	up, down, err := content.MigrationSQL(before, changes, rel)
	require.NoError(t, err)
	slices.Reverse(changes)
	up2, down2, err := content.MigrationSQL(before, changes, rel)
	require.NoError(t, err)
	assert.Equal(t, string(up), string(up2))
	assert.Equal(t, string(down), string(down2))
}

// fullRecords is a small content with every column of every kind: a source, a mechanism, a
// treatment linked to it and a finding about the treatment.
func fullRecords() content.Records {
	rs := content.Records{}
	id := int64(0)
	for _, k := range content.Kinds {
		rs[k.Name] = map[string]content.Record{}
		key := map[string]string{"sources": "s", "mechanisms": "m", "treatments": "t", "findings": "f"}[k.Name]
		if key == "" {
			continue
		}
		values := map[string]content.Value{}
		for _, c := range k.Columns {
			switch c.Type {
			case content.Text:
				values[c.Name] = content.Value{Text: "x"}
			case content.List:
				values[c.Name] = content.Value{List: []string{}}
			case content.Ref:
				values[c.Name] = content.Value{Null: true}
			case content.RefSet:
				values[c.Name] = content.Value{List: []string{"m"}}
			}
		}
		if k.Name == "findings" {
			values["source_id"] = content.Value{Text: "s"}
			values["treatment_id"] = content.Value{Text: "t"}
		}
		id++
		rs[k.Name][key] = content.Record{Kind: k.Name, Key: key, ID: id, Values: values}
	}
	return rs
}

func record(kind, key string, values map[string]content.Value) content.Record {
	return content.Record{Kind: kind, Key: key, Values: values}
}

func withID(r content.Record, id int64) content.Record {
	r.ID = id
	return r
}

func records(rs ...content.Record) content.Records {
	out := content.Records{}
	for _, r := range rs {
		if out[r.Kind] == nil {
			out[r.Kind] = map[string]content.Record{}
		}
		out[r.Kind][r.Key] = r
	}
	return out
}
