package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/testdb"
)

const baseline = "2026.12.01"

type releaseBody struct {
	ID        string `json:"id"`
	Published string `json:"published"`
	Summary   string `json:"summary"`
	Counts    struct {
		Added   int `json:"added"`
		Removed int `json:"removed"`
		Changed int `json:"changed"`
	} `json:"counts"`
	Changes []changeBody `json:"changes"`
}

type changeBody struct {
	Release string `json:"release"`
	Kind    string `json:"kind"`
	Key     string `json:"key"`
	Change  string `json:"change"`
	Fields  []struct {
		Field string          `json:"field"`
		Old   json.RawMessage `json:"old"`
		New   json.RawMessage `json:"new"`
	} `json:"fields"`
	Href *string `json:"href"`
}

type changesBody struct {
	Since   string       `json:"since"`
	Release string       `json:"release"`
	Data    []changeBody `json:"data"`
}

type releaseList struct {
	Data []releaseBody `json:"data"`
	Next *string       `json:"next"`
}

// kindNames is content.Kinds' names, in its order: the order of a release's changes.
func kindNames() []string {
	names := make([]string, len(content.Kinds))
	for i, k := range content.Kinds {
		names[i] = k.Name
	}
	return names
}

// releasesIn reads the releases a database holds, oldest first, and the migration of the
// newest; tests that make releases of their own number them above it, as the migrations that
// will make real ones cannot be known.
func releasesIn(t *testing.T, pool *pgxpool.Pool) (ids []string, last int64) {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT id, migration FROM releases ORDER BY migration`)
	require.NoError(t, err)
	for rows.Next() {
		var id string
		require.NoError(t, rows.Scan(&id, &last))
		ids = append(ids, id)
	}
	require.NoError(t, rows.Err())
	require.NotEmpty(t, ids, "a migrated database holds at least the baseline release")
	require.Equal(t, baseline, ids[0], "the baseline is the first release")
	return ids, last
}

// wantChanges selects from the changelog, in SQL of the test's own, the changes the API must
// list for the releases cond picks (cond names release_changes c and releases r, and $2):
// release by release in migration order, then kind order, then key. Hrefs are left out and
// checked apart (assertChanges).
func wantChanges(t *testing.T, pool *pgxpool.Pool, cond string, arg any) string {
	t.Helper()
	var want string
	require.NoError(t, pool.QueryRow(context.Background(), `
		SELECT coalesce(jsonb_agg(jsonb_build_object(
		           'release', c.release_id, 'kind', c.kind, 'key', c.key, 'change', c.change,
		           'fields', (SELECT coalesce(jsonb_agg(jsonb_build_object(
		                                 'field', f->'field',
		                                 'old', coalesce(f->'old', 'null'),
		                                 'new', coalesce(f->'new', 'null')) ORDER BY n), '[]')
		                      FROM jsonb_array_elements(c.fields) WITH ORDINALITY AS e(f, n)))
		         ORDER BY r.migration, array_position($1::text[], c.kind), c.key), '[]')::text
		FROM release_changes AS c
		JOIN releases AS r ON r.id = c.release_id
		WHERE `+cond, kindNames(), arg).Scan(&want))
	return want
}

// changesSinceSQL picks the releases after the release $2.
const changesSinceSQL = `r.migration > (SELECT migration FROM releases WHERE id = $2)`

// assertChanges checks the changes the API listed against wantChanges' answer, in order. A
// removal has no href; any other change's href, if any, is where its kind and key are served.
func assertChanges(t *testing.T, want string, got []changeBody) {
	t.Helper()
	type withoutHref struct {
		Release string `json:"release"`
		Kind    string `json:"kind"`
		Key     string `json:"key"`
		Change  string `json:"change"`
		Fields  any    `json:"fields"`
	}
	stripped := make([]withoutHref, len(got))
	for i, ch := range got {
		stripped[i] = withoutHref{Release: ch.Release, Kind: ch.Kind, Key: ch.Key, Change: ch.Change, Fields: ch.Fields}
		if ch.Change == "removed" {
			assert.Nil(t, ch.Href, "a removal has no href: %s/%s", ch.Kind, ch.Key)
		} else if ch.Href != nil {
			assert.Equal(t, "/v1/"+ch.Kind+"/"+ch.Key, *ch.Href)
		}
	}
	got2, err := json.Marshal(stripped)
	require.NoError(t, err)
	assert.JSONEq(t, want, string(got2))
}

// released is a record's added_in and changed_in.
type released struct{ AddedIn, ChangedIn *string }

// releasedByRecord computes from the changelog, by kind and key, the latest release that
// added each record and the latest release that changed it at all.
func releasedByRecord(t *testing.T, pool *pgxpool.Pool) map[[2]string]released {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT c.kind, c.key,
		       (array_agg(c.release_id ORDER BY r.migration DESC) FILTER (WHERE c.change = 'added'))[1],
		       (array_agg(c.release_id ORDER BY r.migration DESC))[1]
		FROM release_changes AS c
		JOIN releases AS r ON r.id = c.release_id
		GROUP BY c.kind, c.key`)
	require.NoError(t, err)
	out := map[[2]string]released{}
	for rows.Next() {
		var kind, key string
		var r released
		require.NoError(t, rows.Scan(&kind, &key, &r.AddedIn, &r.ChangedIn))
		out[[2]string{kind, key}] = r
	}
	require.NoError(t, rows.Err())
	return out
}

// liveKeys reads the keys of every record a database holds, by kind.
func liveKeys(t *testing.T, pool *pgxpool.Pool) map[string]map[string]bool {
	t.Helper()
	out := map[string]map[string]bool{}
	for _, k := range content.Kinds {
		rows, err := pool.Query(context.Background(), fmt.Sprintf(`SELECT %s::text FROM %s`,
			pgx.Identifier{k.KeyColumn}.Sanitize(), pgx.Identifier{k.Table}.Sanitize()))
		require.NoError(t, err)
		keys, err := pgx.CollectRows(rows, pgx.RowTo[string])
		require.NoError(t, err, k.Name)
		out[k.Name] = map[string]bool{}
		for _, key := range keys {
			out[k.Name][key] = true
		}
	}
	return out
}

// TestReleases_Baseline reads the releases of a freshly migrated database, whatever releases
// followed the baseline: the list is every release, newest first, each with its changelog's
// counts; the baseline added every record it lists, in kind then key order, each at a href
// that serves it unless a later release removed it; replaying every release gives the records
// the API counts; the current release is the newest, and nothing changed since it.
func TestReleases_Baseline(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	ctx := context.Background()
	ids, _ := releasesIn(t, pool)
	current := ids[len(ids)-1]

	var list []releaseBody
	for _, raw := range c.walk("/v1/releases") {
		var r releaseBody
		require.NoError(t, json.Unmarshal(raw, &r))
		list = append(list, r)
	}
	var listed []string
	for _, r := range list {
		listed = append(listed, r.ID)
		var added, removed, changed int
		require.NoError(t, pool.QueryRow(ctx, `
			SELECT count(*) FILTER (WHERE change = 'added'), count(*) FILTER (WHERE change = 'removed'),
			       count(*) FILTER (WHERE change = 'changed')
			FROM release_changes WHERE release_id = $1`, r.ID).Scan(&added, &removed, &changed))
		assert.Equal(t, []int{added, removed, changed}, []int{r.Counts.Added, r.Counts.Removed, r.Counts.Changed},
			"counts of release %s", r.ID)
		assert.NotEmpty(t, r.Summary, r.ID)
	}
	newestFirst := slices.Clone(ids)
	slices.Reverse(newestFirst)
	assert.Equal(t, newestFirst, listed, "every release, newest first")
	require.Equal(t, baseline, list[len(list)-1].ID)
	assert.Equal(t, "2026-12-01", list[len(list)-1].Published)

	var notAdded int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM release_changes WHERE release_id = $1 AND change <> 'added'`,
		baseline).Scan(&notAdded))
	assert.Zero(t, notAdded, "the baseline only adds")
	assert.NotZero(t, list[len(list)-1].Counts.Added)

	release := decode[releaseBody](t, c.get("/v1/releases/"+baseline))
	assert.Equal(t, list[len(list)-1].Counts, release.Counts)
	require.Len(t, release.Changes, release.Counts.Added)
	assertChanges(t, wantChanges(t, pool, `c.release_id = $2`, baseline), release.Changes)
	kinds := kindNames()
	live := liveKeys(t, pool)
	gone := 0
	for i, ch := range release.Changes {
		assert.Equal(t, baseline, ch.Release)
		assert.Equal(t, "added", ch.Change)
		assert.Empty(t, ch.Fields)
		if i > 0 {
			prev := release.Changes[i-1]
			pk, k := slices.Index(kinds, prev.Kind), slices.Index(kinds, ch.Kind)
			assert.True(t, pk < k || (pk == k && prev.Key < ch.Key), "changes in kind order, then by key: %s/%s after %s/%s", ch.Kind, ch.Key, prev.Kind, prev.Key)
		}
		if live[ch.Kind][ch.Key] {
			// A record the baseline added and that is still there is served at its href.
			require.NotNil(t, ch.Href, ch.Key)
			assert.Equal(t, "/v1/"+ch.Kind+"/"+ch.Key, *ch.Href)
			assert.Equal(t, http.StatusOK, c.get(*ch.Href).status, *ch.Href)
			continue
		}
		gone++
		var removedLater bool
		require.NoError(t, pool.QueryRow(ctx, `
			SELECT EXISTS (SELECT FROM release_changes AS c JOIN releases AS r ON r.id = c.release_id
			               WHERE c.kind = $1 AND c.key = $2 AND c.change = 'removed'
			                 AND r.migration > (SELECT migration FROM releases WHERE id = $3))`,
			ch.Kind, ch.Key, baseline).Scan(&removedLater))
		assert.True(t, removedLater, "%s/%s is gone, so a later release removed it", ch.Kind, ch.Key)
		if ch.Href != nil {
			assert.Equal(t, http.StatusGone, c.get(*ch.Href).status, "%s: a later release removed it", *ch.Href)
		}
	}
	var removedSince int
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT count(*) FROM release_changes AS b
		WHERE b.release_id = $1 AND (
		    SELECT c.change FROM release_changes AS c JOIN releases AS r ON r.id = c.release_id
		    WHERE c.kind = b.kind AND c.key = b.key ORDER BY r.migration DESC LIMIT 1) = 'removed'`,
		baseline).Scan(&removedSince))
	assert.Equal(t, removedSince, gone, "the baseline's records that are gone are those whose last change removed them")

	// Replaying every release's changelog gives the records there are: those whose last
	// change did not remove them.
	meta := decode[struct {
		Release *string        `json:"release"`
		Counts  map[string]int `json:"counts"`
	}](t, c.get("/v1/meta"))
	for _, kind := range kinds {
		rows, err := pool.Query(ctx, `
			SELECT key FROM (
			    SELECT DISTINCT ON (c.key) c.key, c.change
			    FROM release_changes AS c JOIN releases AS r ON r.id = c.release_id
			    WHERE c.kind = $1
			    ORDER BY c.key, r.migration DESC) AS last
			WHERE change <> 'removed'`, kind)
		require.NoError(t, err)
		replayed, err := pgx.CollectRows(rows, pgx.RowTo[string])
		require.NoError(t, err)
		var there []string
		for key := range live[kind] {
			there = append(there, key)
		}
		assert.ElementsMatch(t, there, replayed, kind)
		assert.Equal(t, meta.Counts[strings.ReplaceAll(kind, "-", "_")], len(replayed), kind)
	}

	require.NotNil(t, meta.Release)
	assert.Equal(t, current, *meta.Release, "the current release is the newest")
	export := decode[struct {
		Release *string `json:"release"`
	}](t, c.get("/v1/export"))
	require.NotNil(t, export.Release)
	assert.Equal(t, current, *export.Release)

	changes := decode[changesBody](t, c.get("/v1/changes?since="+current))
	assert.Equal(t, changesBody{Since: current, Release: current, Data: []changeBody{}}, changes,
		"since the current release, nothing changed")
	sinceBaseline := decode[changesBody](t, c.get("/v1/changes?since="+baseline))
	assert.Equal(t, current, sinceBaseline.Release)
	assertChanges(t, wantChanges(t, pool, changesSinceSQL, baseline), sinceBaseline.Data)
}

// recordsOf returns the records a document holds at the given fields, with the records they
// embed: their evidence and findings, the sources of those, and their own sources. Each is
// returned with its kind and key.
func recordsOf(t *testing.T, raw json.RawMessage, kind, path string) map[string]servedRecord {
	t.Helper()
	out := map[string]servedRecord{}
	var add func(raw json.RawMessage, kind, at string)
	add = func(raw json.RawMessage, kind, at string) {
		var rec map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(raw, &rec), at)
		keyField := "slug"
		if kind == "findings" {
			keyField = "key"
		}
		var key string
		require.NoError(t, json.Unmarshal(rec[keyField], &key), "%s: %s", at, keyField)
		out[at] = servedRecord{kind: kind, key: key, fields: rec}
		for field, nestedKind := range map[string]string{"evidence": "findings", "findings": "findings", "sources": "sources"} {
			var nested []json.RawMessage
			if rec[field] != nil {
				require.NoError(t, json.Unmarshal(rec[field], &nested), at)
			}
			for i, n := range nested {
				add(n, nestedKind, fmt.Sprintf("%s.%s[%d]", at, field, i))
			}
		}
		if rec["source"] != nil {
			add(rec["source"], "sources", at+".source")
		}
	}
	add(raw, kind, path)
	return out
}

// servedRecord is a record as the API served it.
type servedRecord struct {
	kind, key string
	fields    map[string]json.RawMessage
}

// TestReleases_EveryRecordSaysItsRelease checks added_in and changed_in on every record the
// API serves, in every list, item and the export, and on the findings and sources they embed,
// against the releases the changelog names for it.
func TestReleases_EveryRecordSaysItsRelease(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	want := releasedByRecord(t, pool)
	jsonOf := func(v *string) string {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return string(b)
	}
	kindsSeen := map[string]bool{}
	check := func(raw json.RawMessage, kind, at string) int {
		recs := recordsOf(t, raw, kind, at)
		for where, rec := range recs {
			w, ok := want[[2]string{rec.kind, rec.key}]
			assert.True(t, ok, "%s: %s/%s is in a release", where, rec.kind, rec.key)
			assert.JSONEq(t, jsonOf(w.AddedIn), string(rec.fields["added_in"]), "%s: added_in", where)
			assert.JSONEq(t, jsonOf(w.ChangedIn), string(rec.fields["changed_in"]), "%s: changed_in", where)
			kindsSeen[rec.kind] = true
		}
		return len(recs)
	}
	seen := 0
	for _, collection := range kindNames() {
		items := c.walk("/v1/" + collection + "?limit=200")
		require.NotEmpty(t, items, collection)
		for i, item := range items {
			seen += check(item, collection, fmt.Sprintf("/v1/%s data[%d]", collection, i))
		}
		// An item as served on its own.
		var first struct {
			Slug string `json:"slug"`
			Key  string `json:"key"`
		}
		require.NoError(t, json.Unmarshal(items[0], &first))
		item := "/v1/" + collection + "/" + first.Slug
		if collection == "findings" {
			item = "/v1/findings/" + first.Key
		}
		resp := c.get(item)
		require.Equal(t, http.StatusOK, resp.status, item)
		seen += check(resp.body, collection, item)
	}
	var export map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(c.get("/v1/export").body, &export))
	exported := 0
	for field, raw := range export {
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			continue // a version, not a collection
		}
		kind := strings.ReplaceAll(field, "_", "-")
		require.Contains(t, kindNames(), kind, "export field %s is a kind", field)
		exported++
		for i, item := range items {
			seen += check(item, kind, fmt.Sprintf("export %s[%d]", field, i))
		}
	}
	assert.Equal(t, len(content.Kinds), exported, "the export holds every kind")
	assert.Len(t, kindsSeen, len(content.Kinds), "records of every kind were checked")
	assert.Greater(t, seen, 1000, "records and the records they embed were checked")
}

// addRelease records a release as a generated migration does: the content changes, the
// release row and its changelog, in one transaction.
func addRelease(t *testing.T, pool *pgxpool.Pool, statements ...string) {
	t.Helper()
	tx, err := pool.Begin(context.Background())
	require.NoError(t, err)
	defer tx.Rollback(context.Background())
	for _, sql := range statements {
		_, err := tx.Exec(context.Background(), sql)
		require.NoError(t, err, sql)
	}
	require.NoError(t, tx.Commit(context.Background()))
}

// waitRelease polls /v1/meta until the API serves the release.
func waitRelease(t *testing.T, c *client, id string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second) // generous: the staleness bound is 1s
	for {
		meta := decode[struct {
			Release *string `json:"release"`
		}](t, c.get("/v1/meta"))
		if meta.Release != nil && *meta.Release == id {
			return
		}
		require.True(t, time.Now().Before(deadline), "release %s is not served 30s after it was made", id)
		time.Sleep(20 * time.Millisecond)
	}
}

// TestReleases_ChangesSinceARelease makes two releases after the current one, as generated
// migrations would: one changes a finding's estimate and removes another finding, the next
// (later the same day) changes a treatment's synonyms. Changes since each release are
// exactly those that followed it, in order, and the records say when they last changed.
func TestReleases_ChangesSinceARelease(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	waitReady(t, c)
	ctx := context.Background()
	ids, last := releasesIn(t, pool)
	current := ids[len(ids)-1]
	// Ids and migrations no real release can have, so that they follow every real one.
	const first, second = "2099.01.01", "2099.01.01-2"
	before := releasedByRecord(t, pool)

	var changedKey, oldEstimate, removedKey string
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT key, estimate::text FROM findings WHERE estimate IS NOT NULL AND ci_low IS NULL ORDER BY key LIMIT 1`).
		Scan(&changedKey, &oldEstimate))
	var removedID int64
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT key, id FROM findings WHERE treatment_id IS NULL AND key <> $1 ORDER BY key DESC LIMIT 1`, changedKey).
		Scan(&removedKey, &removedID))
	var oldSynonyms []string
	require.NoError(t, pool.QueryRow(ctx, `SELECT synonyms FROM treatments WHERE slug = 'warfarin'`).Scan(&oldSynonyms))
	newSynonyms := append(slices.Clone(oldSynonyms), "test synonym")
	jsonOf := func(v any) string {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return string(b)
	}
	quote := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

	// The new estimate is a test's value in a test database, not content.
	newEstimate := "0.5"
	addRelease(t, pool,
		fmt.Sprintf(`UPDATE findings SET estimate = %s WHERE key = %s`, newEstimate, quote(changedKey)),
		fmt.Sprintf(`DELETE FROM findings WHERE key = %s`, quote(removedKey)),
		fmt.Sprintf(`INSERT INTO releases (id, migration, published, summary) VALUES ('%s', %d, '2099-01-01', 'A test release.')`,
			first, last+1000),
		fmt.Sprintf(`INSERT INTO release_changes (release_id, kind, key, change, fields, record_id) VALUES
			('%s', 'findings', %s, 'changed', %s, NULL),
			('%s', 'findings', %s, 'removed', '[]', %d)`,
			first, quote(changedKey), quote(jsonOf([]map[string]any{{"field": "estimate", "old": oldEstimate, "new": newEstimate}})),
			first, quote(removedKey), removedID))
	waitRelease(t, c, first)

	changes := decode[changesBody](t, c.get("/v1/changes?since="+current))
	assert.Equal(t, current, changes.Since)
	assert.Equal(t, first, changes.Release)
	require.Len(t, changes.Data, 2, "%+v", changes.Data)
	byKey := map[string]changeBody{}
	for _, ch := range changes.Data {
		assert.Equal(t, first, ch.Release)
		assert.Equal(t, "findings", ch.Kind)
		byKey[ch.Key] = ch
	}
	changed, removed := byKey[changedKey], byKey[removedKey]
	assert.Equal(t, "changed", changed.Change)
	require.Len(t, changed.Fields, 1)
	assert.Equal(t, "estimate", changed.Fields[0].Field)
	assert.JSONEq(t, jsonOf(oldEstimate), string(changed.Fields[0].Old))
	assert.JSONEq(t, jsonOf(newEstimate), string(changed.Fields[0].New))
	require.NotNil(t, changed.Href)
	assert.Equal(t, "/v1/findings/"+changedKey, *changed.Href)
	assert.Equal(t, "removed", removed.Change)
	assert.Empty(t, removed.Fields)
	assert.Nil(t, removed.Href, "a removed record has no live href")

	// Since the baseline: every change of every later release, the real ones and this one.
	sinceBaseline := decode[changesBody](t, c.get("/v1/changes?since="+baseline))
	assert.Equal(t, first, sinceBaseline.Release)
	assertChanges(t, wantChanges(t, pool, changesSinceSQL, baseline), sinceBaseline.Data)
	require.GreaterOrEqual(t, len(sinceBaseline.Data), 2)
	assert.Equal(t, changes.Data, sinceBaseline.Data[len(sinceBaseline.Data)-2:], "the test's release comes last")

	// The changed record, fetched at its href, is the new one and says when it changed.
	finding := decode[struct {
		Estimate  json.Number `json:"estimate"`
		AddedIn   *string     `json:"added_in"`
		ChangedIn string      `json:"changed_in"`
	}](t, c.get(*changed.Href))
	assert.Equal(t, newEstimate, finding.Estimate.String())
	wasAdded := before[[2]string{"findings", changedKey}].AddedIn
	require.NotNil(t, wasAdded, "the changelog says when %s was added", changedKey)
	assert.Equal(t, wasAdded, finding.AddedIn, "a change keeps the release the record was added in")
	assert.Equal(t, first, finding.ChangedIn)
	assert.Equal(t, http.StatusGone, c.get("/v1/findings/"+removedKey).status, "a removed record is gone")

	// A second release on the same day: the release after it is known by its migration.
	addRelease(t, pool,
		fmt.Sprintf(`UPDATE treatments SET synonyms = %s WHERE slug = 'warfarin'`, quote(pgArray(newSynonyms))),
		fmt.Sprintf(`INSERT INTO releases (id, migration, published, summary) VALUES ('%s', %d, '2099-01-01', 'A second test release.')`,
			second, last+1001),
		fmt.Sprintf(`INSERT INTO release_changes (release_id, kind, key, change, fields) VALUES
			('%s', 'treatments', 'warfarin', 'changed', %s)`,
			second, quote(jsonOf([]map[string]any{{"field": "synonyms", "old": oldSynonyms, "new": newSynonyms}}))))
	waitRelease(t, c, second)

	all := decode[changesBody](t, c.get("/v1/changes?since="+current))
	require.Len(t, all.Data, 3)
	assert.Equal(t, []string{first, first, second},
		[]string{all.Data[0].Release, all.Data[1].Release, all.Data[2].Release}, "in release order")
	assert.Equal(t, second, all.Release)
	sinceBaseline = decode[changesBody](t, c.get("/v1/changes?since="+baseline))
	assert.Equal(t, second, sinceBaseline.Release)
	assertChanges(t, wantChanges(t, pool, changesSinceSQL, baseline), sinceBaseline.Data)

	later := decode[changesBody](t, c.get("/v1/changes?since="+first))
	require.Len(t, later.Data, 1)
	assert.Equal(t, "warfarin", later.Data[0].Key)
	assert.Equal(t, "treatments", later.Data[0].Kind)
	assert.JSONEq(t, jsonOf(oldSynonyms), string(later.Data[0].Fields[0].Old))
	assert.JSONEq(t, jsonOf(newSynonyms), string(later.Data[0].Fields[0].New))
	assert.Empty(t, decode[changesBody](t, c.get("/v1/changes?since="+second)).Data)

	warfarin := decode[struct {
		AddedIn   *string  `json:"added_in"`
		ChangedIn string   `json:"changed_in"`
		Synonyms  []string `json:"synonyms"`
	}](t, c.get("/v1/treatments/warfarin"))
	wasAdded = before[[2]string{"treatments", "warfarin"}].AddedIn
	require.NotNil(t, wasAdded, "the changelog says when warfarin was added")
	assert.Equal(t, wasAdded, warfarin.AddedIn)
	assert.Equal(t, second, warfarin.ChangedIn)
	assert.Equal(t, newSynonyms, warfarin.Synonyms)

	// The list, newest first, paged one at a time.
	var listed []string
	path := "/v1/releases?limit=1"
	for range len(ids) + 10 {
		page := decode[releaseList](t, c.get(path))
		require.Len(t, page.Data, 1)
		listed = append(listed, page.Data[0].ID)
		if page.Next == nil {
			break
		}
		path = *page.Next
	}
	wantListed := []string{second, first}
	for i := len(ids) - 1; i >= 0; i-- {
		wantListed = append(wantListed, ids[i])
	}
	assert.Equal(t, wantListed, listed)

	release := decode[releaseBody](t, c.get("/v1/releases/"+first))
	assert.Equal(t, 1, release.Counts.Changed)
	assert.Equal(t, 1, release.Counts.Removed)
	assert.Zero(t, release.Counts.Added)
	assert.Equal(t, changes.Data, release.Changes, "a release's changelog is its part of the changes since")
}

// pgArray writes strings as a PostgreSQL array literal.
func pgArray(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	}
	return "{" + strings.Join(quoted, ",") + "}"
}

// TestReleases_HostileInput sends what must never name a release: every answer is a problem
// naming what was wrong, 400 for since (it is a query parameter) and 404 for the path; no
// release or changelog row changes.
func TestReleases_HostileInput(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	ctx := context.Background()
	releasesAndChanges := func() string {
		var s string
		require.NoError(t, pool.QueryRow(ctx, `
			SELECT (SELECT coalesce(jsonb_agg(r ORDER BY r.migration), '[]') FROM releases AS r)::text || ' ' ||
			       (SELECT coalesce(jsonb_agg(c ORDER BY c.release_id, c.kind, c.key), '[]') FROM release_changes AS c)::text`).Scan(&s))
		return s
	}
	was := releasesAndChanges()

	hostile := []string{
		"", " ", "2026.12.1", "2026-12-01", "2026.12.01-0", "2026.12.01-", "2026.12.01-01", "2026.12.01 ",
		" 2026.12.01", "2026.12.01\n", "2026.12.01/..", "../../etc/passwd", "2026.12.01' OR 1=1 --",
		"2026.12.01; DROP TABLE releases", "２０２６.12.01", "2026．12．01", "💥", "\x00", "2026.12.01\x00",
		"2026.12.01-99999999999999999999", strings.Repeat("9", 4000), "2026.12.01-" + strings.Repeat("1", 4000), "%", "*", "2026.12.%",
	}
	for _, v := range hostile {
		p := requireProblem(t, c.get("/v1/changes?since="+url.QueryEscape(v)), http.StatusBadRequest)
		assert.Equal(t, "since", p.Param, "since=%q", v)

		resp := c.do(http.MethodGet, "/v1/releases/"+url.PathEscape(v), false)
		assert.Contains(t, []int{http.StatusNotFound, http.StatusMovedPermanently}, resp.status, "/v1/releases/%q: %s", v, resp.body)
		if resp.status == http.StatusNotFound {
			requireProblem(t, resp, http.StatusNotFound)
		}
	}
	for _, query := range []string{"", "since", "since=" + baseline + "&since=" + baseline, "since=" + baseline + "&limit=1",
		"SINCE=" + baseline, "since%00=" + baseline, "since=%FF", "since=%00"} {
		p := requireProblem(t, c.get("/v1/changes?"+query), http.StatusBadRequest)
		assert.NotEmpty(t, p.Param, "?%s", query)
	}
	p := requireProblem(t, c.get("/v1/changes"), http.StatusBadRequest)
	assert.Equal(t, "since", p.Param)
	assert.Contains(t, p.Detail, "required")

	// A well-formed release that this knowledge base does not have: one far ahead, a later
	// release of the baseline's day no content will reach, and a date there never was.
	for _, unknown := range []string{"2099.01.01", baseline + "-999999", "0000.00.00"} {
		var exists bool
		require.NoError(t, pool.QueryRow(ctx, `SELECT EXISTS (SELECT FROM releases WHERE id = $1)`, unknown).Scan(&exists))
		require.False(t, exists, "%s must be a release the database does not have", unknown)
		p := requireProblem(t, c.get("/v1/changes?since="+unknown), http.StatusBadRequest)
		assert.Equal(t, "since", p.Param)
		assert.Contains(t, p.Detail, "names no release")
		requireProblem(t, c.get("/v1/releases/"+unknown), http.StatusNotFound)
	}
	requireProblem(t, c.get("/v1/releases/"+baseline+"?since="+baseline), http.StatusBadRequest)
	requireProblem(t, c.get("/v1/releases?cursor=abc"), http.StatusBadRequest)
	assert.Equal(t, http.StatusOK, c.get("/v1/releases/"+baseline).status, "the data is as it was")
	assert.Equal(t, was, releasesAndChanges(), "no release or changelog row changed")
}

// TestReleases_ConcurrentWhileReleasesAreMade reads the releases, a release and the changes
// since the baseline and since the current release from many goroutines while releases are
// being made: every answer is a 200 that is whole for one content version, never a mix of two.
func TestReleases_ConcurrentWhileReleasesAreMade(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	waitReady(t, c)
	ids, last := releasesIn(t, pool)
	current := ids[len(ids)-1]
	// The releases of the changes since the baseline before the test makes any, in order.
	var sinceBaseline []struct {
		Release string `json:"release"`
	}
	require.NoError(t, json.Unmarshal([]byte(wantChanges(t, pool, changesSinceSQL, baseline)), &sinceBaseline))
	var earlier []string
	for _, ch := range sinceBaseline {
		earlier = append(earlier, ch.Release)
	}
	answersAloneAndTogether(t, c, []string{"/v1/releases", "/v1/releases/" + baseline,
		"/v1/changes?since=" + baseline, "/v1/changes?since=" + current}, 48)

	const made = 6
	// Ids and migrations no real release can have, so that they follow every real one.
	madeID := func(i int) string { return fmt.Sprintf("2099.01.%02d", i) }
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 1; i <= made; i++ {
			addRelease(t, pool,
				fmt.Sprintf(`UPDATE treatments SET rationale = rationale || ' Release %d.' WHERE slug = 'warfarin'`, i),
				fmt.Sprintf(`INSERT INTO releases (id, migration, published, summary) VALUES ('%s', %d, '2099-01-%02d', 'Test release %d.')`,
					madeID(i), last+1000+int64(i), i, i),
				fmt.Sprintf(`INSERT INTO release_changes (release_id, kind, key, change, fields) VALUES
					('%s', 'treatments', 'warfarin', 'changed', '[{"field": "rationale", "old": "before %d", "new": "after %d"}]')`, madeID(i), i, i))
			time.Sleep(50 * time.Millisecond)
		}
	}()

	var wg sync.WaitGroup
	errs := make(chan string, 1000)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				var changes, all changesBody
				if msg := getJSON(c, "/v1/changes?since="+current, &changes); msg != "" {
					errs <- msg
					return
				}
				// Whole for one version: one change per release made up to the one it names.
				var want []string
				if changes.Release != current {
					for i := 1; i <= made && madeID(i) <= changes.Release; i++ {
						want = append(want, madeID(i))
					}
				}
				var got []string
				for _, ch := range changes.Data {
					got = append(got, ch.Release)
				}
				if !slices.Equal(want, got) {
					errs <- fmt.Sprintf("goroutine %d: release %s with changes of %v since %s", g, changes.Release, got, current)
					return
				}
				if msg := getJSON(c, "/v1/changes?since="+baseline, &all); msg != "" {
					errs <- msg
					return
				}
				want = slices.Clone(earlier)
				if all.Release != current {
					for i := 1; i <= made && madeID(i) <= all.Release; i++ {
						want = append(want, madeID(i))
					}
				}
				got = nil
				for _, ch := range all.Data {
					got = append(got, ch.Release)
				}
				if !slices.Equal(want, got) {
					errs <- fmt.Sprintf("goroutine %d: release %s with changes of %v since the baseline", g, all.Release, got)
					return
				}
				var list releaseList
				if msg := getJSON(c, "/v1/releases", &list); msg != "" {
					errs <- msg
					return
				}
				if len(list.Data) == 0 || list.Data[len(list.Data)-1].ID != baseline {
					errs <- fmt.Sprintf("goroutine %d: the list does not end with the baseline: %+v", g, list.Data)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	waitRelease(t, c, madeID(made))
	assert.Len(t, decode[changesBody](t, c.get("/v1/changes?since="+current)).Data, made)
	assert.Len(t, decode[changesBody](t, c.get("/v1/changes?since="+baseline)).Data, len(earlier)+made)
}

// getJSON GETs path without the spec's validation (it runs in many goroutines) and decodes a
// 200; it returns what went wrong, or "".
func getJSON(c *client, path string, v any) string {
	resp, err := c.srv.Client().Get(c.srv.URL + path)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err.Error()
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Sprintf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Sprintf("GET %s: %v", path, err)
	}
	return ""
}

// TestReleases_AnsweredFromMemory checks that the list of releases and each release are among
// the answers precomputed for a content version, and that changes since a release are
// computed once and then kept, as searches are.
func TestReleases_AnsweredFromMemory(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	waitReady(t, c)
	count := func(from string) float64 {
		v, ok := c.metric(`kb_answers_total{from="` + from + `"}`)
		require.True(t, ok)
		return v
	}
	precomputed := count("precomputed")
	for _, path := range []string{"/v1/releases", "/v1/releases/" + baseline} {
		require.Equal(t, http.StatusOK, c.get(path).status, path)
	}
	assert.Equal(t, precomputed+2, count("precomputed"), "the list and the release were precomputed")

	computed, kept := count("computed"), count("kept")
	first := c.get("/v1/changes?since=" + baseline)
	require.Equal(t, http.StatusOK, first.status)
	again := c.get("/v1/changes?since=" + baseline)
	assert.Equal(t, first.body, again.body)
	assert.Equal(t, computed+1, count("computed"), "the first answer was computed")
	assert.Equal(t, kept+1, count("kept"), "the second was the kept one")
}

// TestReleases_OnRecordPages checks that each record's page says the releases its JSON names.
func TestReleases_OnRecordPages(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, pk := range pageKinds {
		if pk.api == "" || !isPageTemplate(pk.path) || strings.HasPrefix(pk.path, "/search") {
			continue
		}
		rec := decode[struct {
			AddedIn   string `json:"added_in"`
			ChangedIn string `json:"changed_in"`
		}](t, c.get(pk.api))
		require.NotEmpty(t, rec.AddedIn, pk.api)
		page := c.get(pk.path)
		require.Equal(t, http.StatusOK, page.status, pk.path)
		want := fmt.Sprintf(`Added in release <a href="/v1/releases/%[1]s">%[1]s</a>; last changed in release <a href="/v1/releases/%[2]s">%[2]s</a>.`,
			rec.AddedIn, rec.ChangedIn)
		assert.Contains(t, string(page.body), want, pk.path)
	}
}
