package postgres_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

// TestReleases_Store reads the releases after adding one to the baseline: the list pages newest
// first, a release has its changelog, changes since each release are those after it, an
// unknown release is not found, and a record written outside any release has no release.
func TestReleases_Store(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	st := postgres.New(pool)
	ctx := context.Background()

	_, err := pool.Exec(ctx, `
		INSERT INTO releases (id, migration, published, summary) VALUES ('2026.12.02', 31, '2026-12-02', 'A test release.');
		INSERT INTO release_changes (release_id, kind, key, change, fields) VALUES
			('2026.12.02', 'treatments', 'warfarin', 'changed', '[{"field": "route", "old": null, "new": ["a", "b"]}]'),
			('2026.12.02', 'sources', 'no-longer-cited', 'removed', '[]')`)
	require.NoError(t, err)

	first, more, err := st.Releases(ctx, kb.Page{Limit: 1})
	require.NoError(t, err)
	require.Len(t, first, 1)
	assert.True(t, more)
	assert.Equal(t, "2026.12.02", first[0].ID)
	assert.Equal(t, 1, first[0].Changed)
	assert.Equal(t, 1, first[0].Removed)
	rest, more, err := st.Releases(ctx, kb.Page{Limit: 1, After: &kb.Key{Rank: int(first[0].Migration)}})
	require.NoError(t, err)
	require.Len(t, rest, 1)
	assert.False(t, more)
	assert.Equal(t, "2026.12.01", rest[0].ID)

	release, err := st.Release(ctx, "2026.12.02")
	require.NoError(t, err)
	require.Len(t, release.Changes, 2)
	assert.Equal(t, "sources", release.Changes[0].Kind, "parents before children")
	assert.Equal(t, "treatments", release.Changes[1].Kind)
	require.Len(t, release.Changes[1].Fields, 1)
	assert.JSONEq(t, `null`, string(release.Changes[1].Fields[0].Old))
	assert.JSONEq(t, `["a", "b"]`, string(release.Changes[1].Fields[0].New))

	current, changes, err := st.ChangesSince(ctx, "2026.12.01")
	require.NoError(t, err)
	assert.Equal(t, "2026.12.02", current)
	assert.Equal(t, release.Changes, changes)
	current, changes, err = st.ChangesSince(ctx, "2026.12.02")
	require.NoError(t, err)
	assert.Equal(t, "2026.12.02", current)
	assert.Empty(t, changes)

	_, _, err = st.ChangesSince(ctx, "2026.12.03")
	assert.ErrorIs(t, err, kb.ErrNotFound)
	_, err = st.Release(ctx, "2026.12.03")
	assert.ErrorIs(t, err, kb.ErrNotFound)

	meta, err := st.Meta(ctx)
	require.NoError(t, err)
	require.NotNil(t, meta.Release)
	assert.Equal(t, "2026.12.02", *meta.Release)

	warfarin, err := st.Treatment(ctx, "warfarin")
	require.NoError(t, err)
	assert.Equal(t, "2026.12.01", *warfarin.AddedIn)
	assert.Equal(t, "2026.12.02", *warfarin.ChangedIn)

	// A record the baseline lists for every kind says so; one written outside any release does not.
	var kinds int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(DISTINCT kind) FROM release_changes WHERE release_id = '2026.12.01'`).Scan(&kinds))
	assert.Equal(t, len(content.Kinds), kinds)
	_, err = pool.Exec(ctx, `
		INSERT INTO presentation_items (slug, name, kind, description) VALUES ('test-item', 'Test item', 'site', 'A test item.')`)
	require.NoError(t, err)
	item, err := st.PresentationItem(ctx, "test-item")
	require.NoError(t, err)
	assert.Nil(t, item.AddedIn)
	assert.Nil(t, item.ChangedIn)
}
