package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	liberrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb"
	"calcinosiskb/api"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

func TestMain(m *testing.M) {
	os.Exit(testdb.Main(m))
}

var (
	// specMu serialises validations: the parsed document renders schemas lazily, in place, so
	// tests running in parallel must not validate against it at the same time.
	specMu        sync.Mutex
	specOnce      sync.Once
	specDoc       libopenapi.Document
	specValidator validator.Validator
	specErr       error
)

// spec parses openapi.yaml once for the package.
func spec(t *testing.T) (libopenapi.Document, validator.Validator) {
	t.Helper()
	specOnce.Do(func() {
		specDoc, specErr = libopenapi.NewDocument(calcinosiskb.OpenAPI)
		if specErr != nil {
			return
		}
		var errs []error
		specValidator, errs = validator.NewValidator(specDoc)
		if len(errs) > 0 {
			specErr = errs[0]
		}
	})
	require.NoError(t, specErr, "openapi.yaml must parse")
	return specDoc, specValidator
}

// client talks over real HTTP to the real router on a fresh database, and checks every
// response it receives against openapi.yaml.
type client struct {
	t   *testing.T
	srv *httptest.Server
}

func newClient(t *testing.T) *client {
	return newClientOn(t, testdb.New(t))
}

func newClientOn(t *testing.T, pool *pgxpool.Pool) *client {
	t.Helper()
	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), postgres.New(pool), calcinosiskb.OpenAPI, api.Options{Context: t.Context()})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &client{t: t, srv: srv}
}

// response is what a request returned.
type response struct {
	status int
	header http.Header
	body   []byte
}

// get requests path and validates the response against the spec's operation for it.
func (c *client) get(path string) response {
	c.t.Helper()
	return c.do(http.MethodGet, path, true)
}

// do sends a request; specified says whether the spec documents the method and path, so that
// the response must validate against it.
func (c *client) do(method, path string, specified bool) response {
	c.t.Helper()
	return c.doWith(method, path, nil, specified)
}

// doWith is do with request headers.
func (c *client) doWith(method, path string, header http.Header, specified bool) response {
	c.t.Helper()
	return c.doBody(method, path, header, nil, specified)
}

// doBody is doWith with a request body.
func (c *client) doBody(method, path string, header http.Header, body io.Reader, specified bool) response {
	c.t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, c.srv.URL+path, body)
	require.NoError(c.t, err)
	for name, values := range header {
		req.Header[name] = values
	}
	resp, err := c.srv.Client().Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	respBody, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	if specified {
		_, v := spec(c.t)
		resp.Body = io.NopCloser(strings.NewReader(string(respBody)))
		// The spec's server URL is relative (/): any host matches; validate by path.
		specReq, err := http.NewRequest(method, "http://localhost:8080"+path, nil)
		require.NoError(c.t, err)
		specReq.Header = req.Header.Clone()
		specMu.Lock()
		ok, errs := v.ValidateHttpResponse(specReq, resp)
		specMu.Unlock()
		for _, e := range errs {
			c.t.Errorf("%s %s: response does not match openapi.yaml: %s: %s", method, path, e.Message, e.Reason)
			for _, se := range e.SchemaValidationErrors {
				c.t.Errorf("  at %s: %s", se.FieldPath, se.Reason)
			}
		}
		assert.True(c.t, ok, "%s %s validates against openapi.yaml", method, path)
	}
	if !specified && resp.Header.Get("Content-Type") == "application/problem+json" {
		// No operation describes this method or path, but its problem must still be the spec's Problem.
		validateProblem(c.t, respBody)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: respBody}
}

// validateProblem checks a problem body against the spec's Problem schema.
func validateProblem(t *testing.T, body []byte) {
	t.Helper()
	doc, _ := spec(t)
	specMu.Lock()
	model, err := doc.BuildV3Model()
	require.NoError(t, err)
	schema := model.Model.Components.Schemas.GetOrZero("Problem").Schema()
	var ok bool
	var errs []*liberrors.ValidationError
	if schema != nil {
		ok, errs = schema_validation.NewSchemaValidator().ValidateSchemaBytes(schema, body)
	}
	specMu.Unlock()
	require.NotNil(t, schema, "openapi.yaml defines a Problem schema")
	for _, e := range errs {
		t.Errorf("problem %s does not match the Problem schema: %s: %s", body, e.Message, e.Reason)
	}
	assert.True(t, ok)
}

// problem is the body of an error response.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
	Param    string `json:"param"`
}

// requireProblem checks that resp is a problem+json with the status, and returns it.
func requireProblem(t *testing.T, resp response, status int) problem {
	t.Helper()
	require.Equal(t, status, resp.status, "body: %s", resp.body)
	assert.Equal(t, "application/problem+json", resp.header.Get("Content-Type"))
	var p problem
	require.NoError(t, json.Unmarshal(resp.body, &p))
	assert.Equal(t, status, p.Status)
	assert.NotEmpty(t, p.Type)
	assert.Equal(t, http.StatusText(status), p.Title)
	assert.NotEmpty(t, p.Detail)
	assert.True(t, strings.HasPrefix(p.Instance, "urn:request:"), "instance %q names the request", p.Instance)
	return p
}

// decode unmarshals a JSON body.
func decode[T any](t *testing.T, resp response) T {
	t.Helper()
	require.Equal(t, http.StatusOK, resp.status, "body: %s", resp.body)
	assert.Equal(t, "application/json", resp.header.Get("Content-Type"))
	var v T
	require.NoError(t, json.Unmarshal(resp.body, &v))
	return v
}

// answersAloneAndTogether asks for each path alone, then for all of them from n goroutines at
// once: every concurrent answer must be a 200 with the body a lone request got.
func answersAloneAndTogether(t *testing.T, c *client, paths []string, n int) {
	t.Helper()
	want := map[string]string{}
	for _, p := range paths {
		r := c.get(p)
		require.Equal(t, http.StatusOK, r.status, p)
		want[p] = string(r.body)
	}
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := range n {
		path := paths[i%len(paths)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := c.srv.Client().Get(c.srv.URL + path)
			if err != nil {
				errs <- err.Error()
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				errs <- err.Error()
				return
			}
			if resp.StatusCode != http.StatusOK || string(body) != want[path] {
				errs <- path + ": " + resp.Status + ", body differs from a lone request's"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
