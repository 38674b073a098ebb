package api_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/testdb"
)

type removal struct {
	kind, key, release string
	id                 int64
}

// TestRemovedRecords_AreGone asks for every record a release removed, by key and, for a
// finding, by the id it had: each answers 410 naming the release, while a key that never
// named a record stays 404. Every href of every release's changelog therefore answers 200 or
// 410, never 404.
func TestRemovedRecords_AreGone(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	rows, err := pool.Query(context.Background(), `
		SELECT kind, key, release_id, record_id FROM release_changes WHERE change = 'removed' ORDER BY kind, key`)
	require.NoError(t, err)
	var removed []removal
	for rows.Next() {
		var r removal
		require.NoError(t, rows.Scan(&r.kind, &r.key, &r.release, &r.id))
		removed = append(removed, r)
	}
	require.NoError(t, rows.Err())
	require.NotEmpty(t, removed, "release 2026.12.01-2 removed records")

	for _, r := range removed {
		paths := []string{"/v1/" + r.kind + "/" + r.key}
		if r.kind == "findings" {
			paths = append(paths, fmt.Sprintf("/v1/findings/%d", r.id))
		}
		for _, path := range paths {
			p := requireProblem(t, c.get(path), http.StatusGone)
			assert.Contains(t, p.Detail, r.key, path)
			assert.Contains(t, p.Detail, "release "+r.release, path)
			assert.Contains(t, p.Detail, "/v1/releases/"+r.release, path)
		}
	}

	// The evidence pages and FHIR say the same, each in its own form.
	for _, r := range removed {
		switch r.kind {
		case "sources":
			page := c.get("/sources/" + r.key)
			require.Equal(t, http.StatusGone, page.status, "/sources/%s", r.key)
			assert.Contains(t, page.header.Get("Content-Type"), "text/html")
			assert.Contains(t, string(page.body), r.release)
			o := requireOutcome(t, c.get("/fhir/Citation/"+r.key), http.StatusGone)
			assert.Contains(t, o.Issue[0].Diagnostics, r.release)
		case "findings":
			o := requireOutcome(t, c.get(fmt.Sprintf("/fhir/Evidence/%d", r.id)), http.StatusGone)
			assert.Contains(t, o.Issue[0].Diagnostics, r.key)
		}
	}

	for _, path := range []string{"/v1/sources/never-a-source", "/v1/findings/999999999",
		"/v1/findings/never-a-source/digital-ulcers/adjusted-or", "/v1/treatments/never-a-treatment"} {
		requireProblem(t, c.get(path), http.StatusNotFound)
	}

	releases := decode[releaseList](t, c.get("/v1/releases?limit=100"))
	require.NotEmpty(t, releases.Data)
	for _, rel := range releases.Data {
		for _, ch := range decode[releaseBody](t, c.get("/v1/releases/"+rel.ID)).Changes {
			if ch.Href == nil {
				continue
			}
			status := c.get(*ch.Href).status
			assert.Contains(t, []int{http.StatusOK, http.StatusGone}, status, "%s in %s", *ch.Href, rel.ID)
		}
	}
}

// TestRemovedRecords_GoneConcurrently asks for removed and present records at once, from a
// cold server and a warm one: every answer is the one a lone request gets.
func TestRemovedRecords_GoneConcurrently(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	var paths []string
	rows, err := pool.Query(context.Background(), `
		SELECT '/v1/' || kind || '/' || key FROM release_changes WHERE change = 'removed'
		UNION ALL SELECT '/v1/findings/' || record_id FROM release_changes WHERE change = 'removed' AND kind = 'findings'`)
	require.NoError(t, err)
	for rows.Next() {
		var p string
		require.NoError(t, rows.Scan(&p))
		paths = append(paths, p)
	}
	require.NoError(t, rows.Err())
	paths = append(paths, "/v1/sources/hsu-2015", "/v1/treatments/rituximab")

	want := map[string]int{}
	for _, p := range paths {
		want[p] = c.get(p).status
	}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range paths {
				p := paths[(i+g)%len(paths)]
				resp, err := http.Get(c.srv.URL + p)
				if !assert.NoError(t, err) {
					return
				}
				resp.Body.Close()
				assert.Equal(t, want[p], resp.StatusCode, p)
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, http.StatusGone, want["/v1/sources/narvaez-2019"])
	assert.Equal(t, http.StatusOK, want["/v1/sources/hsu-2015"])
}
