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

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

// TestReleases_Baseline reads the releases of a freshly migrated database: one, the baseline,
// which added every record there is, each at a live href; nothing changed since it.
func TestReleases_Baseline(t *testing.T) {
	t.Parallel()
	c := newClient(t)

	list := decode[releaseList](t, c.get("/v1/releases"))
	require.Len(t, list.Data, 1)
	assert.Nil(t, list.Next)
	assert.Equal(t, baseline, list.Data[0].ID)
	assert.Equal(t, "2026-12-01", list.Data[0].Published)
	assert.NotEmpty(t, list.Data[0].Summary)

	meta := decode[struct {
		Release *string        `json:"release"`
		Counts  map[string]int `json:"counts"`
	}](t, c.get("/v1/meta"))
	require.NotNil(t, meta.Release)
	assert.Equal(t, baseline, *meta.Release)
	total := 0
	for _, n := range meta.Counts {
		total += n
	}
	assert.Equal(t, total, list.Data[0].Counts.Added, "the baseline added every record")
	assert.Zero(t, list.Data[0].Counts.Removed)
	assert.Zero(t, list.Data[0].Counts.Changed)

	release := decode[releaseBody](t, c.get("/v1/releases/"+baseline))
	assert.Equal(t, list.Data[0].Counts, release.Counts)
	require.Len(t, release.Changes, total)
	kinds := []string{"sources", "associated-features", "mechanisms", "diagnostic-modalities", "treatments",
		"prevalence", "clinical-presentation", "findings"}
	perKind := map[string]int{}
	for i, ch := range release.Changes {
		assert.Equal(t, baseline, ch.Release)
		assert.Equal(t, "added", ch.Change)
		assert.Empty(t, ch.Fields)
		require.NotNil(t, ch.Href, ch.Key)
		assert.Equal(t, "/v1/"+ch.Kind+"/"+ch.Key, *ch.Href)
		perKind[ch.Kind]++
		if i > 0 {
			prev := release.Changes[i-1]
			pk, k := slices.Index(kinds, prev.Kind), slices.Index(kinds, ch.Kind)
			assert.True(t, pk < k || (pk == k && prev.Key < ch.Key), "changes in kind order, then by key: %s/%s after %s/%s", ch.Kind, ch.Key, prev.Kind, prev.Key)
		}
	}
	for _, kind := range kinds {
		assert.Equal(t, meta.Counts[strings.ReplaceAll(kind, "-", "_")], perKind[kind], kind)
	}
	// Every href is a record the API serves.
	for _, ch := range release.Changes {
		assert.Equal(t, http.StatusOK, c.get(*ch.Href).status, *ch.Href)
	}

	changes := decode[changesBody](t, c.get("/v1/changes?since="+baseline))
	assert.Equal(t, changesBody{Since: baseline, Release: baseline, Data: []changeBody{}}, changes,
		"since the current release, nothing changed")

	export := decode[struct {
		Release *string `json:"release"`
	}](t, c.get("/v1/export"))
	require.NotNil(t, export.Release)
	assert.Equal(t, baseline, *export.Release)
}

// recordsOf returns the records a document holds at the given fields, with the records they
// embed: their evidence and findings, the sources of those, and their own sources.
func recordsOf(t *testing.T, raw json.RawMessage, path string) map[string]map[string]json.RawMessage {
	t.Helper()
	out := map[string]map[string]json.RawMessage{}
	var add func(raw json.RawMessage, at string)
	add = func(raw json.RawMessage, at string) {
		var rec map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(raw, &rec), at)
		out[at] = rec
		for _, field := range []string{"evidence", "findings", "sources"} {
			var nested []json.RawMessage
			if rec[field] != nil {
				require.NoError(t, json.Unmarshal(rec[field], &nested), at)
			}
			for i, n := range nested {
				add(n, fmt.Sprintf("%s.%s[%d]", at, field, i))
			}
		}
		if rec["source"] != nil {
			add(rec["source"], at+".source")
		}
	}
	add(raw, path)
	return out
}

// TestReleases_EveryRecordSaysItsRelease checks added_in and changed_in on every record the
// API serves, in every list, item and the export, and on the findings and sources they embed.
func TestReleases_EveryRecordSaysItsRelease(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	check := func(raw json.RawMessage, at string) int {
		recs := recordsOf(t, raw, at)
		for where, rec := range recs {
			assert.JSONEq(t, `"`+baseline+`"`, string(rec["added_in"]), "%s: added_in", where)
			assert.JSONEq(t, `"`+baseline+`"`, string(rec["changed_in"]), "%s: changed_in", where)
		}
		return len(recs)
	}
	seen := 0
	for _, collection := range []string{"associated-features", "mechanisms", "diagnostic-modalities", "treatments",
		"prevalence", "clinical-presentation", "sources", "findings"} {
		items := c.walk("/v1/" + collection + "?limit=200")
		require.NotEmpty(t, items, collection)
		for i, item := range items {
			seen += check(item, fmt.Sprintf("/v1/%s data[%d]", collection, i))
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
		seen += check(resp.body, item)
	}
	var export map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(c.get("/v1/export").body, &export))
	for field, raw := range export {
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			continue // a version, not a collection
		}
		for i, item := range items {
			seen += check(item, fmt.Sprintf("export %s[%d]", field, i))
		}
	}
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

// TestReleases_ChangesSinceARelease makes two releases after the baseline, as generated
// migrations would: one changes a finding's estimate and removes another finding, the next
// (later the same day) changes a treatment's synonyms. Changes since each release are
// exactly those that followed it, in order, and the records say when they last changed.
func TestReleases_ChangesSinceARelease(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	waitReady(t, c)
	ctx := context.Background()

	var changedKey, oldEstimate, removedKey string
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT key, estimate::text FROM findings WHERE estimate IS NOT NULL AND ci_low IS NULL ORDER BY key LIMIT 1`).
		Scan(&changedKey, &oldEstimate))
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT key FROM findings WHERE treatment_id IS NULL AND key <> $1 ORDER BY key DESC LIMIT 1`, changedKey).Scan(&removedKey))
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
		`INSERT INTO releases (id, migration, published, summary) VALUES ('2026.12.15', 31, '2026-12-15', 'A test release.')`,
		fmt.Sprintf(`INSERT INTO release_changes (release_id, kind, key, change, fields) VALUES
			('2026.12.15', 'findings', %s, 'changed', %s),
			('2026.12.15', 'findings', %s, 'removed', '[]')`,
			quote(changedKey), quote(jsonOf([]map[string]any{{"field": "estimate", "old": oldEstimate, "new": newEstimate}})),
			quote(removedKey)))
	waitRelease(t, c, "2026.12.15")

	changes := decode[changesBody](t, c.get("/v1/changes?since="+baseline))
	assert.Equal(t, baseline, changes.Since)
	assert.Equal(t, "2026.12.15", changes.Release)
	require.Len(t, changes.Data, 2, "%+v", changes.Data)
	byKey := map[string]changeBody{}
	for _, ch := range changes.Data {
		assert.Equal(t, "2026.12.15", ch.Release)
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

	// The changed record, fetched at its href, is the new one and says when it changed.
	finding := decode[struct {
		Estimate  json.Number `json:"estimate"`
		AddedIn   string      `json:"added_in"`
		ChangedIn string      `json:"changed_in"`
		Subject   struct {
			Type string `json:"type"`
			Slug string `json:"slug"`
		} `json:"subject"`
	}](t, c.get(*changed.Href))
	assert.Equal(t, newEstimate, finding.Estimate.String())
	assert.Equal(t, baseline, finding.AddedIn)
	assert.Equal(t, "2026.12.15", finding.ChangedIn)
	assert.Equal(t, http.StatusNotFound, c.get("/v1/findings/"+removedKey).status)

	// A second release on the same day, whose id sorts before neither: order is by migration.
	addRelease(t, pool,
		fmt.Sprintf(`UPDATE treatments SET synonyms = %s WHERE slug = 'warfarin'`, quote(pgArray(newSynonyms))),
		`INSERT INTO releases (id, migration, published, summary) VALUES ('2026.12.15-2', 32, '2026-12-15', 'A second test release.')`,
		fmt.Sprintf(`INSERT INTO release_changes (release_id, kind, key, change, fields) VALUES
			('2026.12.15-2', 'treatments', 'warfarin', 'changed', %s)`,
			quote(jsonOf([]map[string]any{{"field": "synonyms", "old": oldSynonyms, "new": newSynonyms}}))))
	waitRelease(t, c, "2026.12.15-2")

	all := decode[changesBody](t, c.get("/v1/changes?since="+baseline))
	require.Len(t, all.Data, 3)
	assert.Equal(t, []string{"2026.12.15", "2026.12.15", "2026.12.15-2"},
		[]string{all.Data[0].Release, all.Data[1].Release, all.Data[2].Release}, "in release order")
	assert.Equal(t, "2026.12.15-2", all.Release)

	later := decode[changesBody](t, c.get("/v1/changes?since=2026.12.15"))
	require.Len(t, later.Data, 1)
	assert.Equal(t, "warfarin", later.Data[0].Key)
	assert.Equal(t, "treatments", later.Data[0].Kind)
	assert.JSONEq(t, jsonOf(oldSynonyms), string(later.Data[0].Fields[0].Old))
	assert.JSONEq(t, jsonOf(newSynonyms), string(later.Data[0].Fields[0].New))
	assert.Empty(t, decode[changesBody](t, c.get("/v1/changes?since=2026.12.15-2")).Data)

	warfarin := decode[struct {
		AddedIn   string   `json:"added_in"`
		ChangedIn string   `json:"changed_in"`
		Synonyms  []string `json:"synonyms"`
	}](t, c.get("/v1/treatments/warfarin"))
	assert.Equal(t, baseline, warfarin.AddedIn)
	assert.Equal(t, "2026.12.15-2", warfarin.ChangedIn)
	assert.Equal(t, newSynonyms, warfarin.Synonyms)

	// The list, newest first, paged one at a time.
	var ids []string
	path := "/v1/releases?limit=1"
	for range 10 {
		page := decode[releaseList](t, c.get(path))
		require.Len(t, page.Data, 1)
		ids = append(ids, page.Data[0].ID)
		if page.Next == nil {
			break
		}
		path = *page.Next
	}
	assert.Equal(t, []string{"2026.12.15-2", "2026.12.15", baseline}, ids)

	release := decode[releaseBody](t, c.get("/v1/releases/2026.12.15"))
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
// naming what was wrong, 400 for since (it is a query parameter) and 404 for the path.
func TestReleases_HostileInput(t *testing.T) {
	t.Parallel()
	c := newClient(t)
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

	// A well-formed release that this knowledge base does not have.
	for _, unknown := range []string{"2099.01.01", "2026.12.01-2", "0000.00.00"} {
		p := requireProblem(t, c.get("/v1/changes?since="+unknown), http.StatusBadRequest)
		assert.Equal(t, "since", p.Param)
		assert.Contains(t, p.Detail, "names no release")
		requireProblem(t, c.get("/v1/releases/"+unknown), http.StatusNotFound)
	}
	requireProblem(t, c.get("/v1/releases/"+baseline+"?since="+baseline), http.StatusBadRequest)
	requireProblem(t, c.get("/v1/releases?cursor=abc"), http.StatusBadRequest)
	assert.Equal(t, http.StatusOK, c.get("/v1/releases/"+baseline).status, "the data is as it was")
}

// TestReleases_ConcurrentWhileReleasesAreMade reads the releases, a release and the changes
// since the baseline from many goroutines while releases are being made: every answer is a
// 200 that is whole for one content version, never a mix of two.
func TestReleases_ConcurrentWhileReleasesAreMade(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	waitReady(t, c)
	answersAloneAndTogether(t, c, []string{"/v1/releases", "/v1/releases/" + baseline, "/v1/changes?since=" + baseline}, 48)

	const made = 6
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 1; i <= made; i++ {
			id := fmt.Sprintf("2026.12.%02d", 1+i)
			addRelease(t, pool,
				fmt.Sprintf(`UPDATE treatments SET rationale = rationale || ' Release %d.' WHERE slug = 'warfarin'`, i),
				fmt.Sprintf(`INSERT INTO releases (id, migration, published, summary) VALUES ('%s', %d, '2026-12-%02d', 'Test release %d.')`, id, 30+i, 1+i, i),
				fmt.Sprintf(`INSERT INTO release_changes (release_id, kind, key, change, fields) VALUES
					('%s', 'treatments', 'warfarin', 'changed', '[{"field": "rationale", "old": "before %d", "new": "after %d"}]')`, id, i, i))
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
				var changes changesBody
				if msg := getJSON(c, "/v1/changes?since="+baseline, &changes); msg != "" {
					errs <- msg
					return
				}
				// Whole for one version: one change per release made up to the one it names.
				var want []string
				for i := 1; i <= made; i++ {
					id := fmt.Sprintf("2026.12.%02d", 1+i)
					if changes.Release == baseline || id > changes.Release {
						break
					}
					want = append(want, id)
				}
				var got []string
				for _, ch := range changes.Data {
					got = append(got, ch.Release)
				}
				if !slices.Equal(want, got) {
					errs <- fmt.Sprintf("goroutine %d: release %s with changes of %v", g, changes.Release, got)
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
	waitRelease(t, c, fmt.Sprintf("2026.12.%02d", 1+made))
	assert.Len(t, decode[changesBody](t, c.get("/v1/changes?since="+baseline)).Data, made)
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
