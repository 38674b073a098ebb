package postgres_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

// TestReleases_Store reads the releases after adding one to those a migrated database holds,
// whichever they are: the list pages newest first with each release's counts, a release has
// its changelog, changes since each release are those after it, an unknown release is not
// found, and a record written outside any release has no release.
func TestReleases_Store(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	st := postgres.New(pool)
	ctx := context.Background()
	const baseline = "2026.12.01"

	rows, err := pool.Query(ctx, `SELECT id FROM releases ORDER BY migration DESC`)
	require.NoError(t, err)
	newestFirst, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	require.NotEmpty(t, newestFirst)
	require.Equal(t, baseline, newestFirst[len(newestFirst)-1], "the baseline is the first release")
	current := newestFirst[0]
	var last int64
	require.NoError(t, pool.QueryRow(ctx, `SELECT max(migration) FROM releases`).Scan(&last))
	var warfarinAdded *string
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT c.release_id FROM release_changes AS c JOIN releases AS r ON r.id = c.release_id
		WHERE c.kind = 'treatments' AND c.key = 'warfarin' AND c.change = 'added'
		ORDER BY r.migration DESC LIMIT 1`).Scan(&warfarinAdded))

	// An id and a migration no real release can have, so that it follows every real one. The
	// removed source never existed here; its record_id is any id, as the changelog requires one.
	const added = "2099.01.01"
	_, err = pool.Exec(ctx, fmt.Sprintf(`
		INSERT INTO releases (id, migration, published, summary) VALUES ('%s', %d, '2099-01-01', 'A test release.');
		INSERT INTO release_changes (release_id, kind, key, change, fields, record_id) VALUES
			('%[1]s', 'treatments', 'warfarin', 'changed', '[{"field": "route", "old": null, "new": ["a", "b"]}]', NULL),
			('%[1]s', 'sources', 'no-longer-cited', 'removed', '[]', 424242)`, added, last+1000))
	require.NoError(t, err)

	first, more, err := st.Releases(ctx, kb.Page{Limit: 1})
	require.NoError(t, err)
	require.Len(t, first, 1)
	assert.True(t, more)
	assert.Equal(t, added, first[0].ID)
	assert.Equal(t, 1, first[0].Changed)
	assert.Equal(t, 1, first[0].Removed)
	assert.Zero(t, first[0].Added)
	// The rest, one at a time: every release there was, newest first, with its changelog's counts.
	var rest []string
	after := first[0].Migration
	for more {
		require.Less(t, len(rest), len(newestFirst), "paging does not end")
		var page []kb.Release
		page, more, err = st.Releases(ctx, kb.Page{Limit: 1, After: &kb.Key{Rank: int(after)}})
		require.NoError(t, err)
		require.Len(t, page, 1)
		r := page[0]
		rest = append(rest, r.ID)
		after = r.Migration
		var a, rm, ch int
		require.NoError(t, pool.QueryRow(ctx, `
			SELECT count(*) FILTER (WHERE change = 'added'), count(*) FILTER (WHERE change = 'removed'),
			       count(*) FILTER (WHERE change = 'changed')
			FROM release_changes WHERE release_id = $1`, r.ID).Scan(&a, &rm, &ch))
		assert.Equal(t, []int{a, rm, ch}, []int{r.Added, r.Removed, r.Changed}, "counts of %s", r.ID)
	}
	assert.Equal(t, newestFirst, rest)

	release, err := st.Release(ctx, added)
	require.NoError(t, err)
	require.Len(t, release.Changes, 2)
	assert.Equal(t, "sources", release.Changes[0].Kind, "parents before children")
	assert.Equal(t, "treatments", release.Changes[1].Kind)
	require.Len(t, release.Changes[1].Fields, 1)
	assert.JSONEq(t, `null`, string(release.Changes[1].Fields[0].Old))
	assert.JSONEq(t, `["a", "b"]`, string(release.Changes[1].Fields[0].New))

	got, changes, err := st.ChangesSince(ctx, current)
	require.NoError(t, err)
	assert.Equal(t, added, got)
	assert.Equal(t, release.Changes, changes)
	got, changes, err = st.ChangesSince(ctx, added)
	require.NoError(t, err)
	assert.Equal(t, added, got)
	assert.Empty(t, changes)

	// Since the baseline: every changelog row of every later release, in release order, then
	// kind order, then key.
	got, changes, err = st.ChangesSince(ctx, baseline)
	require.NoError(t, err)
	assert.Equal(t, added, got)
	assert.Equal(t, changesAfter(t, pool, baseline), changes)
	require.GreaterOrEqual(t, len(changes), 2)
	assert.Equal(t, release.Changes, changes[len(changes)-2:], "the test's release comes last")

	_, _, err = st.ChangesSince(ctx, "2099.01.02")
	assert.ErrorIs(t, err, kb.ErrNotFound)
	_, err = st.Release(ctx, "2099.01.02")
	assert.ErrorIs(t, err, kb.ErrNotFound)

	meta, err := st.Meta(ctx)
	require.NoError(t, err)
	require.NotNil(t, meta.Release)
	assert.Equal(t, added, *meta.Release)

	warfarin, err := st.Treatment(ctx, "warfarin")
	require.NoError(t, err)
	require.NotNil(t, warfarinAdded, "the changelog says when warfarin was added")
	assert.Equal(t, warfarinAdded, warfarin.AddedIn, "a change keeps the release the record was added in")
	assert.Equal(t, added, *warfarin.ChangedIn)

	// A record the baseline lists for every kind says so; one written outside any release does not.
	var kinds int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(DISTINCT kind) FROM release_changes WHERE release_id = $1`, baseline).Scan(&kinds))
	assert.Equal(t, len(content.Kinds), kinds)
	_, err = pool.Exec(ctx, `
		INSERT INTO presentation_items (slug, name, kind, description) VALUES ('test-item', 'Test item', 'site', 'A test item.')`)
	require.NoError(t, err)
	item, err := st.PresentationItem(ctx, "test-item")
	require.NoError(t, err)
	assert.Nil(t, item.AddedIn)
	assert.Nil(t, item.ChangedIn)
}

// changesAfter reads, in SQL of the test's own, every changelog row of the releases after
// since, ordered by release, then content.Kinds, then key.
func changesAfter(t *testing.T, pool *pgxpool.Pool, since string) []kb.ReleaseChange {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT c.release_id, r.migration, c.kind, c.key, c.change, c.fields::text
		FROM release_changes AS c
		JOIN releases AS r ON r.id = c.release_id
		WHERE r.migration > (SELECT migration FROM releases WHERE id = $1)`, since)
	require.NoError(t, err)
	type row struct {
		change    kb.ReleaseChange
		migration int64
	}
	var found []row
	for rows.Next() {
		var r row
		var fields string
		require.NoError(t, rows.Scan(&r.change.Release, &r.migration, &r.change.Kind, &r.change.Key, &r.change.Change, &fields))
		var fs []struct {
			Field string          `json:"field"`
			Old   json.RawMessage `json:"old"`
			New   json.RawMessage `json:"new"`
		}
		require.NoError(t, json.Unmarshal([]byte(fields), &fs))
		r.change.Fields = make([]kb.FieldChange, len(fs))
		for i, f := range fs {
			r.change.Fields[i] = kb.FieldChange{Field: f.Field, Old: f.Old, New: f.New}
		}
		found = append(found, r)
	}
	require.NoError(t, rows.Err())
	kindIndex := func(name string) int {
		return slices.IndexFunc(content.Kinds, func(k content.Kind) bool { return k.Name == name })
	}
	slices.SortFunc(found, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.migration, b.migration),
			cmp.Compare(kindIndex(a.change.Kind), kindIndex(b.change.Kind)),
			cmp.Compare(a.change.Key, b.change.Key))
	})
	out := make([]kb.ReleaseChange, len(found))
	for i, r := range found {
		out[i] = r.change
	}
	return out
}
