package postgres_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

// publicRecord is what a source's public record showed when it was looked up, where that
// record is (URL), how it was verified and, in Read, which migration says so;
// testdata/source_records.json holds one per source.
type publicRecord struct {
	Slug         string  `json:"slug"`
	PMID         *string `json:"pmid"`
	DOI          *string `json:"doi"`
	Title        string  `json:"title"`
	FirstAuthor  *string `json:"first_author"`
	Year         int     `json:"year"`
	Journal      string  `json:"journal"`
	URL          string  `json:"url"`
	Verification string  `json:"verification"`
	Read         string  `json:"read"`
}

// TestSources_MatchTheirPublicRecords fails when a source in the database and the committed
// record of what its public listing showed disagree, or when either has a source the other lacks.
func TestSources_MatchTheirPublicRecords(t *testing.T) {
	raw, err := os.ReadFile("testdata/source_records.json")
	require.NoError(t, err)
	var records []publicRecord
	require.NoError(t, json.Unmarshal(raw, &records))
	bySlug := map[string]publicRecord{}
	for _, r := range records {
		require.NotContains(t, bySlug, r.Slug, "one record per source")
		bySlug[r.Slug] = r
	}

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
		rec, ok := bySlug[s.Slug]
		if !assert.True(t, ok, "source %s has a public record in the fixture", s.Slug) {
			continue
		}
		delete(bySlug, s.Slug)
		assert.NotEmpty(t, rec.Read, "%s: the fixture says what was read", s.Slug)
		assert.Equal(t, rec, publicRecord{
			Slug: s.Slug, PMID: s.PMID, DOI: s.DOI, Title: s.Title,
			FirstAuthor: surname(s.Authors), Year: s.Year, Journal: s.Journal,
			URL: s.URL, Verification: s.Verification, Read: rec.Read,
		}, s.Slug)
	}
	assert.Empty(t, bySlug, "every record in the fixture is a source in the database")
}

// surname returns the first author's surname from a Vancouver-style author list such as
// "Valenzuela A, Chung L" or "Del Galdo F, et al.": the first name, without its initials. A
// source whose record showed no byline has no surname.
func surname(authors *string) *string {
	if authors == nil {
		return nil
	}
	first, _, _ := strings.Cut(strings.SplitN(*authors, ";", 2)[0], ",")
	words := strings.Fields(first)
	if len(words) > 1 {
		words = words[:len(words)-1]
	}
	name := strings.Join(words, " ")
	return &name
}
