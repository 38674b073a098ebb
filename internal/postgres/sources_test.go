package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

// contentDir holds the content files: each source's file records what its public record
// showed, where that record is (url), how it was verified and, in its curation note, how it
// was read.
const contentDir = "../../content"

// TestSources_MatchTheirPublicRecords fails when a source as the store serves it and its
// content file disagree on what the public record showed, when either has a source the other
// lacks, or when a source's file does not say how its record was read.
func TestSources_MatchTheirPublicRecords(t *testing.T) {
	recs, err := content.Load(contentDir)
	require.NoError(t, err)
	notes, err := content.CurationNotes(contentDir)
	require.NoError(t, err)
	files := recs["sources"]

	st := postgres.New(testdb.New(t))
	var sources []kb.SourceRecord
	page := kb.Page{Limit: 200}
	for {
		got, more, err := st.Sources(context.Background(), kb.SourceFilter{}, page)
		require.NoError(t, err)
		sources = append(sources, got...)
		if !more {
			break
		}
		page.After = &kb.Key{Slug: got[len(got)-1].Slug}
	}

	for _, s := range sources {
		rec, ok := files[s.Slug]
		if !assert.True(t, ok, "source %s has a content file", s.Slug) {
			continue
		}
		delete(files, s.Slug)
		assert.NotEmpty(t, notes[s.Slug], "%s: the file says how the record was read", s.Slug)
		v := rec.Values
		assert.Equal(t, optional(v["pmid"]), s.PMID, s.Slug)
		assert.Equal(t, optional(v["doi"]), s.DOI, s.Slug)
		assert.Equal(t, optional(v["authors"]), s.Authors, s.Slug)
		assert.Equal(t, v["title"].Text, s.Title, s.Slug)
		assert.Equal(t, v["year"].Text, fmt.Sprint(s.Year), s.Slug)
		assert.Equal(t, v["journal"].Text, s.Journal, s.Slug)
		assert.Equal(t, v["url"].Text, s.URL, s.Slug)
		assert.Equal(t, v["verification"].Text, s.Verification, s.Slug)
	}
	assert.Empty(t, files, "every source file is a source in the database")
}

func optional(v content.Value) *string {
	if v.Null {
		return nil
	}
	return &v.Text
}
