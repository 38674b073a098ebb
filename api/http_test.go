package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb"
	"calcinosiskb/api"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

// send makes a request with headers and returns the raw response, closed.
func send(t *testing.T, method, url string, headers map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, url, nil)
	require.NoError(t, err)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if resp.Header.Get("Content-Type") == "application/problem+json" {
		validateProblem(t, body)
	}
	return resp, body
}

func TestConditionalGET(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, path := range []string{"/v1/treatments?sort=evidence_level", "/v1/treatments/surgical-excision", "/v1/meta", "/v1/search?q=ulcers", "/openapi.yaml"} {
		t.Run(path, func(t *testing.T) {
			first := c.get(path)
			require.Equal(t, http.StatusOK, first.status)
			etag := first.header.Get("ETag")
			require.Regexp(t, `^"[0-9a-f]{32}"$`, etag, "a strong ETag")
			assert.Equal(t, "public, max-age=300", first.header.Get("Cache-Control"))
			assert.Equal(t, etag, c.get(path).header.Get("ETag"), "the same answer has the same ETag")

			resp, body := send(t, http.MethodGet, c.srv.URL+path, map[string]string{"If-None-Match": etag})
			assert.Equal(t, http.StatusNotModified, resp.StatusCode)
			assert.Empty(t, body)
			assert.Equal(t, etag, resp.Header.Get("ETag"))

			resp, _ = send(t, http.MethodGet, c.srv.URL+path, map[string]string{"If-None-Match": `"other", W/` + etag})
			assert.Equal(t, http.StatusNotModified, resp.StatusCode, "a weak match in a list counts for If-None-Match")
			resp, _ = send(t, http.MethodGet, c.srv.URL+path, map[string]string{"If-None-Match": `"stale"`})
			assert.Equal(t, http.StatusOK, resp.StatusCode)
		})
	}
	t.Run("different answers have different ETags", func(t *testing.T) {
		assert.NotEqual(t, c.get("/v1/treatments?limit=1").header.Get("ETag"), c.get("/v1/treatments?limit=2").header.Get("ETag"))
	})
	t.Run("probes are never cached nor revalidated", func(t *testing.T) {
		waitReady(t, c)
		for _, path := range []string{"/healthz", "/readyz"} {
			resp := c.get(path)
			assert.Equal(t, "no-store", resp.header.Get("Cache-Control"), path)
			assert.Empty(t, resp.header.Get("ETag"), path)
			again, _ := send(t, http.MethodGet, c.srv.URL+path, map[string]string{"If-None-Match": "*"})
			assert.Equal(t, http.StatusOK, again.StatusCode, path)
		}
	})
	t.Run("errors are not cached", func(t *testing.T) {
		resp := c.get("/v1/treatments/no-such-thing")
		assert.Empty(t, resp.header.Get("ETag"))
		assert.Equal(t, "no-store", resp.header.Get("Cache-Control"))
	})
}

func TestHEAD(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, path := range []string{"/v1/treatments", "/v1/treatments/warfarin", "/v1/export", "/openapi.yaml", "/healthz", "/v1/treatments/no-such-thing"} {
		t.Run(path, func(t *testing.T) {
			for _, encoding := range []string{"identity", "gzip"} {
				get, getBody := send(t, http.MethodGet, c.srv.URL+path, map[string]string{"Accept-Encoding": encoding})
				head, headBody := send(t, http.MethodHead, c.srv.URL+path, map[string]string{"Accept-Encoding": encoding})
				assert.Equal(t, get.StatusCode, head.StatusCode)
				assert.Empty(t, headBody)
				assert.Equal(t, get.Header.Get("Content-Type"), head.Header.Get("Content-Type"))
				if get.StatusCode == http.StatusOK {
					assert.Equal(t, get.Header.Get("ETag"), head.Header.Get("ETag"), encoding)
					assert.Equal(t, get.Header.Get("Content-Encoding"), head.Header.Get("Content-Encoding"), encoding)
					assert.Equal(t, get.Header.Get("Content-Length"), head.Header.Get("Content-Length"), encoding)
					assert.NotEmpty(t, getBody)
				}
			}
		})
	}
}

func TestCORS(t *testing.T) {
	t.Parallel()
	const allowed = "https://frontend.example"
	srv := httptest.NewServer(api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)),
		postgres.New(testdb.New(t)), calcinosiskb.OpenAPI, api.Options{AllowedOrigins: []string{allowed}, Context: t.Context()}))
	t.Cleanup(srv.Close)

	resp, _ := send(t, http.MethodGet, srv.URL+"/v1/treatments?limit=1", map[string]string{"Origin": allowed})
	assert.Equal(t, allowed, resp.Header.Get("Access-Control-Allow-Origin"))
	assert.Contains(t, resp.Header.Get("Access-Control-Expose-Headers"), "Etag")

	resp, _ = send(t, http.MethodOptions, srv.URL+"/v1/treatments", map[string]string{
		"Origin": allowed, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "If-None-Match",
	})
	assert.Less(t, resp.StatusCode, 300, "preflight from an allowed origin succeeds")
	assert.Equal(t, allowed, resp.Header.Get("Access-Control-Allow-Origin"))
	assert.Contains(t, resp.Header.Get("Access-Control-Allow-Methods"), "GET")

	resp, _ = send(t, http.MethodGet, srv.URL+"/v1/treatments?limit=1", map[string]string{"Origin": "https://elsewhere.example"})
	assert.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"), "other origins get no CORS grant")

	t.Run("by default no origin is granted", func(t *testing.T) {
		c := newClient(t)
		resp, _ := send(t, http.MethodGet, c.srv.URL+"/v1/treatments?limit=1", map[string]string{"Origin": allowed})
		assert.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"))
	})
}

// TestExport_IsComplete checks that the export holds every record of every collection.
func TestExport_IsComplete(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(c.get("/v1/export").body, &doc))
	var meta struct {
		DataVersion string `json:"data_version"`
	}
	require.NoError(t, json.Unmarshal(c.get("/v1/meta").body, &meta))
	assert.JSONEq(t, `"`+meta.DataVersion+`"`, string(doc["data_version"]))

	for field, path := range map[string]string{
		"associated_features":   "/v1/associated-features",
		"mechanisms":            "/v1/mechanisms",
		"diagnostic_modalities": "/v1/diagnostic-modalities",
		"treatments":            "/v1/treatments",
		"prevalence":            "/v1/prevalence",
		"clinical_presentation": "/v1/clinical-presentation",
		"sources":               "/v1/sources",
		"findings":              "/v1/findings",
	} {
		t.Run(field, func(t *testing.T) {
			var exported []json.RawMessage
			require.NoError(t, json.Unmarshal(doc[field], &exported))
			listed := c.walk(path + "?limit=200")
			require.NotEmpty(t, listed)
			require.Len(t, exported, len(listed))
			byKey := map[string]string{}
			for _, e := range exported {
				byKey[key(t, e)] = string(e)
			}
			for _, l := range listed {
				assert.JSONEq(t, string(l), byKey[key(t, l)], "the export holds %s as the API serves it", key(t, l))
			}
		})
	}
}

// key identifies a record by its slug, or a finding by its id.
func key(t *testing.T, raw json.RawMessage) string {
	var k struct {
		Slug string          `json:"slug"`
		ID   json.RawMessage `json:"id"`
	}
	require.NoError(t, json.Unmarshal(raw, &k))
	if k.Slug != "" {
		return k.Slug
	}
	return string(k.ID)
}

// TestContentChange_VisibleWithinTheStalenessBound changes a row under a running API that
// holds its answers: the change is served, under a new ETag, once the API learns of the new
// version (a notification, or the poll within the staleness bound), before a generous deadline.
func TestContentChange_VisibleWithinTheStalenessBound(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	waitReady(t, c)
	before := c.get("/v1/treatments/warfarin")
	require.Equal(t, http.StatusOK, before.status)
	assert.Equal(t, before.body, c.get("/v1/treatments/warfarin").body, "a held answer is the same answer")

	_, err := pool.Exec(context.Background(), "UPDATE treatments SET rationale = rationale || ' Edited.' WHERE slug = 'warfarin'")
	require.NoError(t, err)
	deadline := time.Now().Add(30 * time.Second) // generous: the bound is 1s, the machine may be loaded
	after := c.get("/v1/treatments/warfarin")
	for !strings.Contains(string(after.body), "Edited.") {
		require.True(t, time.Now().Before(deadline), "the change is not served 30s later")
		time.Sleep(20 * time.Millisecond)
		after = c.get("/v1/treatments/warfarin")
	}
	assert.NotEqual(t, before.header.Get("ETag"), after.header.Get("ETag"))
	resp, _ := send(t, http.MethodGet, c.srv.URL+"/v1/treatments/warfarin", map[string]string{"If-None-Match": before.header.Get("ETag")})
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the old ETag no longer matches")
}

// TestPrecomputed_ServedFromMemoryInBothEncodings checks that once the server is ready, the
// public content (an item, the first page of a list, meta, export, the spec) is answered from
// the precomputed answers, plain or gzipped as asked, with Vary: Accept-Encoding, and that
// the gzipped body is the plain one.
func TestPrecomputed_ServedFromMemoryInBothEncodings(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	waitReady(t, c)
	paths := []string{"/v1/treatments/warfarin", "/v1/findings", "/v1/sources", "/v1/meta", "/v1/export", "/openapi.yaml"}
	precomputed := func() float64 {
		v, ok := c.metric(`kb_answers_total{from="precomputed"}`)
		require.True(t, ok)
		return v
	}
	start, sent := precomputed(), 0
	for _, path := range paths {
		sent += 2
		plain, plainBody := send(t, http.MethodGet, c.srv.URL+path, map[string]string{"Accept-Encoding": "identity"})
		require.Equal(t, http.StatusOK, plain.StatusCode, path)
		assert.Empty(t, plain.Header.Get("Content-Encoding"), path)
		assert.Contains(t, varies(plain.Header), "Accept-Encoding", path)
		assert.Equal(t, strconv.Itoa(len(plainBody)), plain.Header.Get("Content-Length"), path)

		zipped, zippedBody := send(t, http.MethodGet, c.srv.URL+path, map[string]string{"Accept-Encoding": "gzip"})
		require.Equal(t, http.StatusOK, zipped.StatusCode, path)
		if len(plainBody) < 1024 {
			// Too small to gain from compression: sent plain either way.
			assert.Empty(t, zipped.Header.Get("Content-Encoding"), path)
			assert.Equal(t, plainBody, zippedBody, path)
			continue
		}
		require.Equal(t, "gzip", zipped.Header.Get("Content-Encoding"), path)
		assert.Contains(t, varies(zipped.Header), "Accept-Encoding", path)
		assert.NotEqual(t, plain.Header.Get("ETag"), zipped.Header.Get("ETag"), "%s: each encoding has its own ETag", path)
		zr, err := gzip.NewReader(bytes.NewReader(zippedBody))
		require.NoError(t, err, path)
		unzipped, err := io.ReadAll(zr)
		require.NoError(t, err, path)
		assert.Equal(t, string(plainBody), string(unzipped), "%s: the gzipped body is the plain one", path)
		assert.Less(t, len(zippedBody), len(plainBody), path)

		sent++
		resp, body := send(t, http.MethodGet, c.srv.URL+path, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": zipped.Header.Get("ETag")})
		assert.Equal(t, http.StatusNotModified, resp.StatusCode, path)
		assert.Empty(t, body, path)
	}
	assert.Equal(t, float64(sent), precomputed()-start, "every answer came from the precomputed ones")
}

// TestKept_GzippedWhoeverAskedFirst: an answer kept on first use (a filtered list, a search)
// that a client asked for plain is sent gzipped to the next client that accepts gzip, from
// memory, and plain again to one that does not.
func TestKept_GzippedWhoeverAskedFirst(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	waitReady(t, c)
	for _, path := range []string{"/v1/treatments?category=pharmacologic&sort=evidence_level", "/v1/search?q=digital+ulcers"} {
		plain, plainBody := send(t, http.MethodGet, c.srv.URL+path, map[string]string{"Accept-Encoding": "identity"})
		require.Equal(t, http.StatusOK, plain.StatusCode, path)
		require.GreaterOrEqual(t, len(plainBody), 1024, "%s: large enough to be compressed", path)
		kept, _ := c.metric(`kb_answers_total{from="kept"}`)

		zipped, zippedBody := send(t, http.MethodGet, c.srv.URL+path, map[string]string{"Accept-Encoding": "gzip"})
		require.Equal(t, http.StatusOK, zipped.StatusCode, path)
		require.Equal(t, "gzip", zipped.Header.Get("Content-Encoding"), path)
		zr, err := gzip.NewReader(bytes.NewReader(zippedBody))
		require.NoError(t, err, path)
		unzipped, err := io.ReadAll(zr)
		require.NoError(t, err, path)
		assert.Equal(t, string(plainBody), string(unzipped), "%s: the gzipped body is the plain one", path)

		again, againBody := send(t, http.MethodGet, c.srv.URL+path, map[string]string{"Accept-Encoding": "identity"})
		assert.Empty(t, again.Header.Get("Content-Encoding"), path)
		assert.Equal(t, string(plainBody), string(againBody), path)
		after, _ := c.metric(`kb_answers_total{from="kept"}`)
		assert.Equal(t, kept+2, after, "%s: both later answers came from the kept one", path)
	}
}

// TestPrecomputed_BeyondTheBoundComputedOnFirstUse gives the answers a bound too small for
// the whole content: the precomputed ones stay within their half, and the rest are still
// answered, computed on first use and then kept.
func TestPrecomputed_BeyondTheBoundComputedOnFirstUse(t *testing.T) {
	t.Parallel()
	const bound = 1 << 20
	c := newClientWith(t, testdb.New(t), api.Options{CacheBytes: bound})
	waitReady(t, c)
	held, _ := c.metric(`kb_answers_held_bytes{store="precomputed"}`)
	assert.Positive(t, held)
	assert.LessOrEqual(t, held, float64(bound/2))
	for _, path := range []string{"/v1/export", "/v1/treatments/warfarin", "/v1/findings/1", "/v1/meta"} {
		for range 2 {
			require.Equal(t, http.StatusOK, c.get(path).status, path)
		}
	}
	lazy, _ := c.metric(`kb_answers_held_bytes{store="lazy"}`)
	assert.LessOrEqual(t, lazy, float64(bound/2))
}

// varies lists the request headers an answer says it varies on, however its Vary lines are split.
func varies(h http.Header) []string {
	var names []string
	for _, line := range h.Values("Vary") {
		for _, name := range strings.Split(line, ",") {
			names = append(names, strings.TrimSpace(name))
		}
	}
	return names
}
