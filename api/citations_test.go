package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	mediaCSL    = "application/vnd.citationstyles.csl+json"
	mediaRIS    = "application/x-research-info-systems; charset=utf-8"
	mediaBibTeX = "application/x-bibtex; charset=utf-8"
)

func accept(value string) http.Header { return http.Header{"Accept": {value}} }

// sourceCount is how many sources the JSON list holds, walked page by page.
func sourceCount(c *client) int {
	c.t.Helper()
	n := len(c.walk("/v1/sources?limit=7"))
	require.Greater(c.t, n, 7, "the sources take more than one page")
	return n
}

// itemsIn counts the records of a bibliography in the given format.
func itemsIn(t *testing.T, contentType string, body []byte) int {
	t.Helper()
	switch contentType {
	case mediaCSL:
		var items []map[string]any
		require.NoError(t, json.Unmarshal(body, &items))
		return len(items)
	case mediaRIS:
		return strings.Count(string(body), "\r\nER  - \r\n")
	case mediaBibTeX:
		return strings.Count("\n"+string(body), "\n@")
	case "application/json":
		var v struct {
			Data []json.RawMessage `json:"data"`
			Slug string            `json:"slug"`
		}
		require.NoError(t, json.Unmarshal(body, &v))
		if v.Slug != "" {
			return 1
		}
		return len(v.Data)
	}
	t.Fatalf("no bibliography of type %q", contentType)
	return 0
}

func TestSources_CitationFormats(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	all := sourceCount(c)
	firstPage := min(all, 50)
	tests := []struct {
		name, path string
		header     http.Header
		wantType   string
		wantItems  int
	}{
		{"list, no Accept", "/v1/sources", nil, "application/json", firstPage},
		{"list, any type", "/v1/sources", accept("*/*"), "application/json", firstPage},
		{"list, format=json", "/v1/sources?format=json", nil, "application/json", firstPage},
		{"list, format=csl", "/v1/sources?format=csl", nil, mediaCSL, all},
		{"list, format=ris", "/v1/sources?format=ris", nil, mediaRIS, all},
		{"list, format=bibtex", "/v1/sources?format=bibtex", nil, mediaBibTeX, all},
		{"list, Accept CSL", "/v1/sources", accept(mediaCSL), mediaCSL, all},
		{"list, Accept RIS", "/v1/sources", accept("application/x-research-info-systems"), mediaRIS, all},
		{"list, Accept BibTeX", "/v1/sources", accept("application/x-bibtex"), mediaBibTeX, all},
		{"list, preferred by quality", "/v1/sources", accept("application/x-bibtex;q=0.5, application/x-research-info-systems;q=0.9, */*;q=0.1"), mediaRIS, all},
		{"list, specific range beats wildcard", "/v1/sources", accept("*/*;q=0.2, application/x-bibtex"), mediaBibTeX, all},
		{"list, case-insensitive", "/v1/sources", accept("Application/X-BibTeX"), mediaBibTeX, all},
		{"list, format beats Accept", "/v1/sources?format=ris", accept("application/x-bibtex"), mediaRIS, all},
		{"list, format despite an unacceptable Accept", "/v1/sources?format=csl", accept("text/html"), mediaCSL, all},
		{"list, search narrows the bibliography", "/v1/sources?q=rituximab&format=csl", nil, mediaCSL, -1},
		{"item, format=bibtex", "/v1/sources/valenzuela-2015?format=bibtex", nil, mediaBibTeX, 1},
		{"item, format=ris", "/v1/sources/valenzuela-2015?format=ris", nil, mediaRIS, 1},
		{"item, Accept CSL", "/v1/sources/valenzuela-2015", accept(mediaCSL), mediaCSL, 1},
		{"item, application/*", "/v1/sources/valenzuela-2015", accept("application/*"), "application/json", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.doWith(http.MethodGet, tt.path, tt.header, true)
			require.Equal(t, http.StatusOK, resp.status, "body: %s", resp.body)
			assert.Equal(t, tt.wantType, resp.header.Get("Content-Type"))
			assert.Contains(t, varies(resp.header), "Accept")
			assert.NotEmpty(t, resp.header.Get("ETag"))
			n := itemsIn(t, tt.wantType, resp.body)
			if tt.wantItems < 0 {
				assert.Positive(t, n)
				assert.Less(t, n, all)
				return
			}
			assert.Equal(t, tt.wantItems, n)
		})
	}
}

func TestSources_CitationFormatErrors(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	tests := []struct {
		name, path string
		header     http.Header
		status     int
		param      string
	}{
		{"unknown format", "/v1/sources?format=xml", nil, http.StatusBadRequest, "format"},
		{"empty format", "/v1/sources?format=", nil, http.StatusBadRequest, "format"},
		{"format in capitals", "/v1/sources?format=RIS", nil, http.StatusBadRequest, "format"},
		{"format twice", "/v1/sources?format=ris&format=csl", nil, http.StatusBadRequest, "format"},
		{"a bibliography is not paged: limit", "/v1/sources?format=ris&limit=5", nil, http.StatusBadRequest, "limit"},
		{"a bibliography is not paged: cursor", "/v1/sources?cursor=abc", accept("application/x-bibtex"), http.StatusBadRequest, "cursor"},
		{"item: unknown format", "/v1/sources/valenzuela-2015?format=endnote", nil, http.StatusBadRequest, "format"},
		{"item: other parameters", "/v1/sources/valenzuela-2015?format=ris&limit=1", nil, http.StatusBadRequest, "limit"},
		{"list: nothing acceptable", "/v1/sources", accept("text/html"), http.StatusNotAcceptable, ""},
		{"list: refused with q=0", "/v1/sources", accept("application/x-bibtex;q=0"), http.StatusNotAcceptable, ""},
		{"list: every offer refused", "/v1/sources", accept("application/json;q=0, */*;q=0"), http.StatusNotAcceptable, ""},
		{"item: nothing acceptable", "/v1/sources/valenzuela-2015", accept("application/xml"), http.StatusNotAcceptable, ""},
		{"item: unknown slug", "/v1/sources/no-such-source?format=ris", nil, http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.doWith(http.MethodGet, tt.path, tt.header, true)
			p := requireProblem(t, resp, tt.status)
			assert.Equal(t, tt.param, p.Param)
			if tt.status == http.StatusNotAcceptable {
				assert.Contains(t, p.Detail, "application/x-bibtex", "the detail lists what is offered")
				assert.Contains(t, varies(resp.header), "Accept")
			}
		})
	}
}

// TestSources_CacheKeysOnRepresentation asks for one URI in each representation, twice, in an
// order that would serve a kept answer of the wrong kind if the cache ignored Accept.
func TestSources_CacheKeysOnRepresentation(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	etags := map[string]string{}
	for round := 0; round < 2; round++ {
		for _, want := range []string{"application/json", mediaBibTeX, mediaCSL, mediaRIS} {
			h := accept(strings.SplitN(want, ";", 2)[0])
			resp := c.doWith(http.MethodGet, "/v1/sources/valenzuela-2015", h, true)
			require.Equal(t, http.StatusOK, resp.status)
			assert.Equal(t, want, resp.header.Get("Content-Type"), "round %d", round)
			assert.Contains(t, varies(resp.header), "Accept", "a kept answer still says it varies")
			if round == 0 {
				etags[want] = resp.header.Get("ETag")
				continue
			}
			assert.Equal(t, etags[want], resp.header.Get("ETag"), "the same representation, the same ETag")
			h.Set("If-None-Match", etags[want])
			assert.Equal(t, http.StatusNotModified, c.doWith(http.MethodGet, "/v1/sources/valenzuela-2015", h, true).status)
		}
	}
	assert.Len(t, uniqueValues(etags), 4, "each representation has its own ETag")
}

func uniqueValues(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, v := range m {
		out[v] = true
	}
	return out
}

// TestSources_ConcurrentRepresentations requests one URI in every representation at once, so
// that a cache mixing them up under load is caught (run with -race too).
func TestSources_ConcurrentRepresentations(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	formats := []string{"application/json", mediaCSL, mediaRIS, mediaBibTeX}
	var wg sync.WaitGroup
	errs := make(chan string, 200)
	for i := 0; i < 64; i++ {
		want := formats[i%len(formats)]
		path := "/v1/sources"
		if i%3 == 0 {
			path = "/v1/sources/valenzuela-2015"
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := http.NewRequest(http.MethodGet, c.srv.URL+path, nil)
			if err != nil {
				errs <- err.Error()
				return
			}
			req.Header.Set("Accept", strings.SplitN(want, ";", 2)[0])
			resp, err := c.srv.Client().Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != want {
				errs <- path + ": " + resp.Status + " " + resp.Header.Get("Content-Type") + ", want " + want
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestSources_BibliographyContent(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	bib := string(c.get("/v1/sources/steen-1984?format=bibtex").body)
	assert.Contains(t, bib, "@article{steen-1984,")
	assert.Contains(t, bib, "author = {Steen, V. D. and others}", `"et al." becomes "and others"`)
	assert.Contains(t, bib, "pages = {125--31}")
	assert.Contains(t, bib, "pmid = {6607734}")

	ris := string(c.get("/v1/sources/valenzuela-2016?format=ris").body)
	assert.Contains(t, ris, "AU  - Canadian Scleroderma Research Group\r\n", "a group is one name")
	assert.Contains(t, ris, "AU  - Medsger, T. A., Jr\r\n")
	assert.Contains(t, ris, "AN  - 27371996\r\n")

	var items []map[string]any
	require.NoError(t, json.Unmarshal(c.get("/v1/sources/bisphosphonates-2021?format=csl").body, &items))
	require.Len(t, items, 1)
	assert.NotContains(t, items[0], "author", "a source without a byline has no authors")
	assert.Equal(t, "10.3390/biomedicines9111698", items[0]["DOI"])
}
