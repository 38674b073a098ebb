package api_test

import (
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb"
	"calcinosiskb/api"
	"calcinosiskb/internal/postgres"
)

func TestSpec_IsValidOpenAPI31(t *testing.T) {
	// Not parallel: it reads the parsed spec, which validations render into as they run.
	doc, v := spec(t)
	assert.True(t, strings.HasPrefix(doc.GetVersion(), "3.1"), "version %s", doc.GetVersion())
	ok, errs := v.ValidateDocument()
	for _, e := range errs {
		t.Errorf("openapi.yaml: %s: %s", e.Message, e.Reason)
	}
	assert.True(t, ok)
}

// TestSpec_MatchesRouter fails when the router serves a route the spec lacks, or the spec
// names a route the router does not serve.
func TestSpec_MatchesRouter(t *testing.T) {
	// Not parallel: it reads the parsed spec, which validations render into as they run.
	doc, _ := spec(t)
	model, err := doc.BuildV3Model()
	require.NoError(t, err)
	var inSpec []string
	for path, item := range model.Model.Paths.PathItems.FromOldest() {
		for method := range item.GetOperations().FromOldest() {
			inSpec = append(inSpec, strings.ToUpper(method)+" "+path)
		}
	}

	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), postgres.New(nil), calcinosiskb.OpenAPI, api.Options{})
	var routed []string
	err = chi.Walk(h.(chi.Routes), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		routed = append(routed, method+" "+route)
		return nil
	})
	require.NoError(t, err)

	slices.Sort(inSpec)
	slices.Sort(routed)
	assert.Equal(t, inSpec, routed)
}

func TestSpec_Served(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	resp := c.get("/openapi.yaml")
	require.Equal(t, http.StatusOK, resp.status)
	assert.Equal(t, "application/yaml", resp.header.Get("Content-Type"))
	assert.Equal(t, calcinosiskb.OpenAPI, resp.body)
}
