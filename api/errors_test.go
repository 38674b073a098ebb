package api_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/testdb"
)

// TestBadParameters sends malformed and out-of-range values for every parameter of every list:
// each gets a 400 problem naming the parameter.
func TestBadParameters(t *testing.T) {
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

func TestMethodNotAllowed(t *testing.T) {
	c := newClient(t)
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		for _, path := range []string{"/v1/treatments", "/v1/treatments/surgical-excision", "/healthz"} {
			t.Run(method+" "+path, func(t *testing.T) {
				resp := c.do(method, path, false)
				requireProblem(t, resp, http.StatusMethodNotAllowed)
				assert.Contains(t, resp.header.Get("Allow"), http.MethodGet)
			})
		}
	}
	// Nothing was written: the treatment is still there.
	decode[record](t, c.get("/v1/treatments/surgical-excision"))
}

func TestHealth(t *testing.T) {
	c := newClient(t)
	assert.JSONEq(t, `{"status":"ok"}`, string(c.get("/healthz").body))
	assert.JSONEq(t, `{"status":"ready"}`, string(c.get("/readyz").body))

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
