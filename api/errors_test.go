package api_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/testdb"
)

// TestBadParameters sends malformed and out-of-range values for every parameter of every list:
// each gets a 400 problem naming the parameter.
func TestBadParameters(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	otherSort := base64.RawURLEncoding.EncodeToString([]byte(`{"o":"evidence_level","r":4,"n":"X","s":"x"}`))
	paging := map[string]string{
		"limit=0":                       "limit",
		"limit=201":                     "limit",
		"limit=-1":                      "limit",
		"limit=abc":                     "limit",
		"limit=1.5":                     "limit",
		"limit=":                        "limit",
		"limit=99999999999999999999999": "limit",
		"limit=1&limit=2":               "limit",
		"cursor=not-a-cursor":           "cursor",
		"cursor=%FF%FE":                 "cursor",
		"cursor=e30":                    "cursor", // {} is JSON but no position
		"unknown=1":                     "unknown",
		"Limit=5":                       "Limit",
		"%zz=1":                         "query",
		"=0":                            "query",
	}
	for _, coll := range collections {
		for query, param := range paging {
			t.Run(coll+"?"+query, func(t *testing.T) {
				p := requireProblem(t, c.get(coll+"?"+query), http.StatusBadRequest)
				assert.Equal(t, param, p.Param)
				assert.Contains(t, p.Detail, param)
			})
		}
	}
	specific := map[string]string{
		"/v1/treatments?category=herbal":                 "category",
		"/v1/treatments?category=":                       "category",
		"/v1/treatments?category=SURGICAL":               "category",
		"/v1/treatments?evidence_level_max=0":            "evidence_level_max",
		"/v1/treatments?evidence_level_max=6":            "evidence_level_max",
		"/v1/treatments?evidence_level_max=two":          "evidence_level_max",
		"/v1/treatments?mechanism=Not%20A%20Slug":        "mechanism",
		"/v1/treatments?mechanism=%00":                   "mechanism",
		"/v1/treatments?mechanism=no-such-mechanism":     "mechanism",
		"/v1/treatments?mechanism=%27%3B%20DROP%20TABLE": "mechanism",
		"/v1/treatments?sort=price":                      "sort",
		"/v1/treatments?cursor=" + otherSort:             "cursor",
		"/v1/associated-features?category=genetic":       "category",
		"/v1/mechanisms?support=anecdote":                "support",
		"/v1/diagnostic-modalities?role=obsolete":        "role",
		"/v1/treatments/surgical-excision?limit=5":       "limit",
		"/v1/sources/valenzuela-2015?x=1":                "x",
	}
	for path, param := range specific {
		t.Run(path, func(t *testing.T) {
			p := requireProblem(t, c.get(path), http.StatusBadRequest)
			assert.Equal(t, param, p.Param)
		})
	}
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, coll := range collections {
		for _, slug := range []string{"no-such-record", "UPPER", "two--hyphens", "%00", "%FF", "..%2F..%2Fetc", strings.Repeat("a", 101), "a%20b"} {
			t.Run(coll+"/"+slug, func(t *testing.T) {
				requireProblem(t, c.get(coll+"/"+slug), http.StatusNotFound)
			})
		}
	}
	// "/" is the home page of the evidence pages (pages_test.go).
	for _, path := range []string{"/v1", "/v1/", "/v2/treatments", "/v1/treatments/", "/v1/treatments/surgical-excision/evidence", "/openapi.json"} {
		t.Run(path, func(t *testing.T) {
			requireProblem(t, c.do(http.MethodGet, path, false), http.StatusNotFound)
		})
	}
}

// specPaths returns every path of openapi.yaml with its parameters filled with values that
// name records, found through resolver.
func specPaths(t *testing.T, resolver *client) []string {
	doc, _ := spec(t)
	model, err := doc.BuildV3Model()
	require.NoError(t, err)
	var paths []string
	for template, item := range model.Model.Paths.PathItems.FromOldest() {
		path := template
		for _, operation := range item.GetOperations().FromOldest() {
			for _, p := range append(append([]*v3.Parameter{}, item.Parameters...), operation.Parameters...) {
				if p.In == "path" {
					path = strings.ReplaceAll(path, "{"+p.Name+"}", validPathValue(t, resolver, template, p))
				}
			}
		}
		paths = append(paths, path)
	}
	require.NotEmpty(t, paths)
	return paths
}

// TestMethodNotAllowed sends every method but GET and HEAD to every path of openapi.yaml (and
// the paths outside it): each is answered 405 with Allow, both before any answer is held and
// once every answer is, and nothing is written.
func TestMethodNotAllowed(t *testing.T) {
	// Not parallel: it reads the parsed spec, which validations render into as they run.
	pool := testdb.New(t)
	paths := append(specPaths(t, newClientOn(t, pool)), "/v1/search?q=ulcers", "/v1/changes?since=2026.12.01", "/v1/treatments?category=surgical",
		"/healthz", "/metrics", "/docs", "/docs/swagger-ui.css")
	c := newClientOn(t, pool) // a server that has answered nothing yet
	methods := []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete,
		http.MethodOptions, http.MethodTrace, http.MethodConnect, "PROPFIND"}
	rejectAll := func(t *testing.T) {
		for _, path := range paths {
			for _, method := range methods {
				allow := "GET, HEAD"
				if path == "/cds-services/calcinosis-treatment-options" { // the one route that takes a body
					if method == http.MethodPost {
						continue
					}
					allow = http.MethodPost
				}
				resp := c.do(method, path, false)
				if !assert.Equal(t, http.StatusMethodNotAllowed, resp.status, "%s %s: %s", method, path, resp.body) {
					continue
				}
				assert.Equal(t, allow, resp.header.Get("Allow"), "%s %s", method, path)
				// Each part of the API answers in its own error format.
				switch {
				case isPage(path):
					assert.Equal(t, "text/html; charset=utf-8", resp.header.Get("Content-Type"), "%s %s", method, path)
				case strings.HasPrefix(path, "/fhir/"):
					assert.Contains(t, string(resp.body), `"resourceType":"OperationOutcome"`, "%s %s", method, path)
				default:
					requireProblem(t, resp, http.StatusMethodNotAllowed)
				}
			}
		}
	}
	t.Run("cold", rejectAll)

	waitReady(t, c)
	before := map[string][]byte{}
	for _, path := range paths {
		// The answers held in memory are the spec's and those under /v1; fill them.
		if path != "/openapi.yaml" && !strings.HasPrefix(path, "/v1/") {
			continue
		}
		for range 2 { // the second answer comes from memory
			resp := c.do(http.MethodGet, path, false)
			if path == "/v1/search" || path == "/v1/changes" { // they need a q, a since
				require.Equal(t, http.StatusBadRequest, resp.status, "GET %s: %s", path, resp.body)
				continue
			}
			require.Equal(t, http.StatusOK, resp.status, "GET %s: %s", path, resp.body)
			before[path] = resp.body
		}
	}
	t.Run("warm", rejectAll)

	for path, body := range before {
		if strings.HasPrefix(path, "/v1/") {
			assert.Equal(t, string(body), string(c.do(http.MethodGet, path, false).body), "GET %s after the rejected methods", path)
		}
	}
}

// isPage reports whether path is one of the evidence pages, whose errors are pages too.
func isPage(path string) bool {
	for _, prefix := range []string{"/features/", "/treatments/", "/mechanisms/", "/modalities/", "/sources/", "/assets/"} {
		if strings.HasPrefix(path, prefix) {
			return true
		}
	}
	return path == "/" || path == "/search" || strings.HasPrefix(path, "/search?")
}

// waitReady waits until the server holds a complete content version (GET /readyz is 200).
func waitReady(t *testing.T, c *client) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute) // generous: the machine may be loaded
	for {
		resp := c.do(http.MethodGet, "/readyz", false)
		if resp.status == http.StatusOK {
			return
		}
		require.Equal(t, http.StatusServiceUnavailable, resp.status, "GET /readyz: %s", resp.body)
		if time.Now().After(deadline) {
			t.Fatalf("the server holds no content version 2 minutes after its first request: %s", resp.body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestHealth(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	assert.JSONEq(t, `{"status":"ok"}`, string(c.get("/healthz").body))
	waitReady(t, c)
	ready := decode[map[string]any](t, c.get("/readyz"))
	assert.Equal(t, "ready", ready["status"])
	assert.Equal(t, "up", ready["database"])
	assert.NotZero(t, ready["content_version"])

	t.Run("readyz is 503 while the schema is behind", func(t *testing.T) {
		pool, err := pgxpool.New(context.Background(), testdb.Empty(t))
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		resp := newClientOn(t, pool).get("/readyz")
		requireProblem(t, resp, http.StatusServiceUnavailable)
		assert.NotEmpty(t, resp.header.Get("Retry-After"))
	})
}

// TestDatabaseUnavailable points the API at a port where no database listens: data and
// readiness answer 503 with Retry-After, and the process stays up.
func TestDatabaseUnavailable(t *testing.T) {
	t.Parallel()
	pool, err := pgxpool.New(context.Background(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	c := newClientOn(t, pool)
	for _, path := range []string{"/readyz", "/v1/treatments", "/v1/treatments/surgical-excision", "/v1/sources"} {
		t.Run(path, func(t *testing.T) {
			resp := c.get(path)
			requireProblem(t, resp, http.StatusServiceUnavailable)
			assert.Equal(t, "5", resp.header.Get("Retry-After"))
		})
	}
	assert.JSONEq(t, `{"status":"ok"}`, string(c.get("/healthz").body))
}
