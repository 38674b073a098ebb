package api_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMeta_Licenses checks that GET /v1/meta states the licences, and that openapi.yaml, the
// licence files and README.md say the same: the code under Apache-2.0, the content CC0-1.0.
func TestMeta_Licenses(t *testing.T) {
	// Not parallel: it reads the parsed spec, which validations render into as they run.
	c := newClient(t)
	meta := decode[struct {
		Licenses map[string]string `json:"licenses"`
	}](t, c.get("/v1/meta"))
	assert.Equal(t, map[string]string{"code": "Apache-2.0", "content": "CC0-1.0"}, meta.Licenses)

	doc, _ := spec(t)
	model, err := doc.BuildV3Model()
	require.NoError(t, err)
	require.NotNil(t, model.Model.Info.License, "openapi.yaml states a licence")
	assert.Equal(t, "Apache-2.0 AND CC0-1.0", model.Model.Info.License.Identifier)

	for file, heading := range map[string]string{
		"../LICENSE":         "Apache License\n                           Version 2.0, January 2004",
		"../LICENSE-CONTENT": "CC0 1.0 Universal",
	} {
		text, err := os.ReadFile(file)
		require.NoError(t, err)
		assert.Contains(t, string(text), heading, file)
	}
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, id := range []string{"Apache-2.0", "CC0-1.0", "LICENSE-CONTENT"} {
		assert.True(t, strings.Contains(string(readme), id), "README.md names %s", id)
	}
}
