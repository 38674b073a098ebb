package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagesCSP is the Content-Security-Policy of every evidence page.
const pagesCSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// pageKinds are a page of each kind, each showing a record with numbers to check (the
// mechanism, modality and source pages have forest plots; the modality's mixes measures).
var pageKinds = []struct{ kind, path, api string }{
	{"home", "/", ""},
	{"feature", "/features/digital-ulcers", "/v1/associated-features/digital-ulcers"},
	{"treatment", "/treatments/surgical-excision", "/v1/treatments/surgical-excision"},
	{"mechanism", "/mechanisms/vascular-hypoxia", "/v1/mechanisms/vascular-hypoxia"},
	{"modality", "/modalities/plain-radiography", "/v1/diagnostic-modalities/plain-radiography"},
	{"source", "/sources/valenzuela-2016", "/v1/sources/valenzuela-2016"},
	{"search", "/search?q=ulcer", "/v1/search?q=ulcer&limit=50"},
	{"error", "/features/no-such-feature", ""},
}

// isPageTemplate reports whether a path of openapi.yaml is one of the evidence pages.
func isPageTemplate(template string) bool {
	for _, prefix := range []string{"/features/", "/treatments/", "/mechanisms/", "/modalities/", "/sources/", "/search", "/assets/"} {
		if strings.HasPrefix(template, prefix) {
			return true
		}
	}
	return template == "/"
}

// TestPages_HTTP checks every page kind over HTTP against openapi.yaml: HTML under a strict
// CSP, nothing loaded from another host, no script, and an ETag that revalidates.
func TestPages_HTTP(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, pk := range pageKinds {
		t.Run(pk.kind, func(t *testing.T) {
			resp := c.get(pk.path)
			want := http.StatusOK
			if pk.kind == "error" {
				want = http.StatusNotFound
			}
			require.Equal(t, want, resp.status, "body: %s", resp.body)
			assert.Equal(t, "text/html; charset=utf-8", resp.header.Get("Content-Type"))
			assert.Equal(t, pagesCSP, resp.header.Get("Content-Security-Policy"))
			assert.Equal(t, "nosniff", resp.header.Get("X-Content-Type-Options"))
			body := string(resp.body)
			assert.Contains(t, body, `<body data-kind="`+pk.kind+`">`)
			assert.NotContains(t, body, "<script", "the pages need no script")
			assert.NotContains(t, body, "style=", "the CSP forbids inline styles")
			// What a page loads (src, and href outside <a>) comes from this server.
			for _, m := range regexp.MustCompile(`<(\w+)[^>]*\s(src|href)="([^"]*)"`).FindAllStringSubmatch(body, -1) {
				if m[1] == "a" {
					continue
				}
				assert.True(t, strings.HasPrefix(m[3], "/") && !strings.HasPrefix(m[3], "//") || m[3] == "data:,",
					"<%s %s=%q> loads from elsewhere", m[1], m[2], m[3])
			}
			if want != http.StatusOK {
				assert.Equal(t, "no-store", resp.header.Get("Cache-Control"))
				return
			}
			etag := resp.header.Get("ETag")
			require.NotEmpty(t, etag)
			again := c.doWith(http.MethodGet, pk.path, http.Header{"If-None-Match": {etag}}, true)
			assert.Equal(t, http.StatusNotModified, again.status)
		})
	}

	css := c.get("/assets/pages.css")
	require.Equal(t, http.StatusOK, css.status)
	assert.Equal(t, "text/css; charset=utf-8", css.header.Get("Content-Type"))
	assert.NotContains(t, string(css.body), "url(", "the style sheet loads nothing")
}

// TestPages_BadRequests: every mistake gets an HTML page with the status the JSON route
// would answer, never a 500; non-GET methods get 405.
func TestPages_BadRequests(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, tc := range []struct {
		name, path string
		status     int
	}{
		{"unknown feature", "/features/no-such-feature", http.StatusNotFound},
		{"unknown treatment", "/treatments/no-such-treatment", http.StatusNotFound},
		{"unknown mechanism", "/mechanisms/no-such-mechanism", http.StatusNotFound},
		{"unknown modality", "/modalities/no-such-modality", http.StatusNotFound},
		{"unknown source", "/sources/no-such-source", http.StatusNotFound},
		{"slug not of the slug form", "/features/Digital_Ulcers", http.StatusNotFound},
		{"slug too long", "/treatments/" + strings.Repeat("a", 101), http.StatusNotFound},
		{"escaped script in the slug", "/sources/%3Cscript%3E", http.StatusNotFound},
		{"no slug", "/features/", http.StatusNotFound},
		{"extra segment", "/features/digital-ulcers/more", http.StatusNotFound},
		{"query on a record page", "/features/digital-ulcers?format=json", http.StatusBadRequest},
		{"query on the home page", "/?q=ulcer", http.StatusBadRequest},
		{"query on the style sheet", "/assets/pages.css?v=2", http.StatusBadRequest},
		{"unknown asset", "/assets/app.js", http.StatusNotFound},
		{"empty search", "/search?q=", http.StatusBadRequest},
		{"blank search", "/search?q=%20%20", http.StatusBadRequest},
		{"search twice", "/search?q=a&q=b", http.StatusBadRequest},
		{"search too long", "/search?q=" + strings.Repeat("x", 201), http.StatusBadRequest},
		{"control character", "/search?q=a%00b", http.StatusBadRequest},
		{"invalid UTF-8", "/search?q=%ff", http.StatusBadRequest},
		{"unknown parameter", "/search?q=ulcer&limit=5", http.StatusBadRequest},
		{"malformed query", "/search?q=%zz", http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := c.do(http.MethodGet, tc.path, false)
			require.Equal(t, tc.status, resp.status, "body: %s", resp.body)
			assert.Equal(t, "text/html; charset=utf-8", resp.header.Get("Content-Type"))
			assert.Equal(t, pagesCSP, resp.header.Get("Content-Security-Policy"))
			assert.Equal(t, "no-store", resp.header.Get("Cache-Control"))
			assert.Contains(t, string(resp.body), fmt.Sprintf("<h1>%d %s</h1>", tc.status, http.StatusText(tc.status)))
			assert.NotContains(t, string(resp.body), "<script")
		})
	}
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		for _, path := range []string{"/", "/features/digital-ulcers", "/search", "/assets/pages.css"} {
			resp := c.do(method, path, false)
			assert.Equal(t, http.StatusMethodNotAllowed, resp.status, "%s %s", method, path)
			assert.Equal(t, "GET, HEAD", resp.header.Get("Allow"), "%s %s", method, path)
			assert.Equal(t, "text/html; charset=utf-8", resp.header.Get("Content-Type"), "%s %s", method, path)
		}
	}
	head := c.do(http.MethodHead, "/features/digital-ulcers", false)
	assert.Equal(t, http.StatusOK, head.status)
	assert.Empty(t, head.body)
	// The JSON routes keep answering problems.
	requireProblem(t, c.do(http.MethodGet, "/v1/associated-features/no-such-feature", true), http.StatusNotFound)
	requireProblem(t, c.do(http.MethodGet, "/no-such-path", false), http.StatusNotFound)
}

// TestPages_Escaping: what a client sends comes back as text, never as markup.
func TestPages_Escaping(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	resp := c.get("/search?q=%3Cimg%20src%3Dx%3E%22%27")
	require.Equal(t, http.StatusOK, resp.status)
	body := string(resp.body)
	assert.NotContains(t, body, `<img src=x>`)
	assert.Contains(t, body, `&lt;img src=x&gt;`)
}

// TestPages_Concurrent: pages served at once, alongside the JSON they render, are each the
// same page.
func TestPages_Concurrent(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	want := map[string]string{}
	for _, pk := range pageKinds {
		want[pk.path] = string(c.do(http.MethodGet, pk.path, false).body)
	}
	var wg sync.WaitGroup
	for i := range 32 {
		pk := pageKinds[i%len(pageKinds)]
		wg.Go(func() {
			req, err := http.NewRequest(http.MethodGet, c.srv.URL+pk.path, nil)
			if !assert.NoError(t, err) {
				return
			}
			resp, err := c.srv.Client().Do(req)
			if !assert.NoError(t, err) {
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			assert.NoError(t, err)
			assert.Equal(t, want[pk.path], string(body), "GET %s", pk.path)
			if pk.api != "" {
				apiResp, err := c.srv.Client().Get(c.srv.URL + pk.api)
				if assert.NoError(t, err) {
					_ = apiResp.Body.Close()
					assert.Equal(t, http.StatusOK, apiResp.StatusCode)
				}
			}
		})
	}
	wg.Wait()
}

// TestPages_EveryEstimateIsPlotted: the page of every record draws one forest-plot row for
// each effect estimate the API gives for it (a feature's effects; any other record's
// findings with a measure and an estimate), with the same numbers, and a record without
// estimates has no plot.
func TestPages_EveryEstimateIsPlotted(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	rowRE := regexp.MustCompile(`<g class="row" data-finding="(\d+)" data-measure="([a-z_]+)" data-estimate="([^"]+)"(?: data-ci-low="([^"]+)")?(?: data-ci-high="([^"]+)")?>`)
	plotted := func(path string) map[string]string {
		resp := c.get(path)
		require.Equal(t, http.StatusOK, resp.status, path)
		rows := map[string]string{}
		for _, m := range rowRE.FindAllStringSubmatch(string(resp.body), -1) {
			_, dup := rows[m[1]]
			assert.False(t, dup, "%s: finding %s is plotted once", path, m[1])
			rows[m[1]] = strings.Join(m[2:], " ")
		}
		return rows
	}
	num := func(v *float64) string {
		if v == nil {
			return ""
		}
		return fmtNum(*v)
	}
	type finding struct {
		ID       int64    `json:"id"`
		Measure  *string  `json:"measure"`
		Estimate *float64 `json:"estimate"`
		CILow    *float64 `json:"ci_low"`
		CIHigh   *float64 `json:"ci_high"`
	}
	fromFindings := func(fs []finding) map[string]string {
		want := map[string]string{}
		for _, f := range fs {
			if f.Measure != nil && f.Estimate != nil {
				want[strconv.FormatInt(f.ID, 10)] = strings.Join([]string{*f.Measure, num(f.Estimate), num(f.CILow), num(f.CIHigh)}, " ")
			}
		}
		return want
	}
	total := 0
	for _, raw := range c.walk("/v1/associated-features?limit=200") {
		var f struct {
			Slug    string `json:"slug"`
			Effects []struct {
				FindingID int64    `json:"finding_id"`
				Measure   string   `json:"measure"`
				Estimate  float64  `json:"estimate"`
				CILow     *float64 `json:"ci_low"`
				CIHigh    *float64 `json:"ci_high"`
			} `json:"effects"`
		}
		require.NoError(t, json.Unmarshal(raw, &f))
		want := map[string]string{}
		for _, e := range f.Effects {
			want[strconv.FormatInt(e.FindingID, 10)] = strings.Join([]string{e.Measure, fmtNum(e.Estimate), num(e.CILow), num(e.CIHigh)}, " ")
		}
		assert.Equal(t, want, plotted("/features/"+f.Slug), "feature %s", f.Slug)
		total += len(want)
	}
	for _, kind := range []struct{ api, page, findings string }{
		{"/v1/treatments", "/treatments/", "evidence"}, {"/v1/mechanisms", "/mechanisms/", "evidence"},
		{"/v1/diagnostic-modalities", "/modalities/", "evidence"}, {"/v1/sources", "/sources/", "findings"},
	} {
		for _, raw := range c.walk(kind.api + "?limit=200") {
			var rec map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(raw, &rec))
			var slug string
			var fs []finding
			require.NoError(t, json.Unmarshal(rec["slug"], &slug))
			require.NoError(t, json.Unmarshal(rec[kind.findings], &fs))
			want := fromFindings(fs)
			assert.Equal(t, want, plotted(kind.page+slug), "%s%s", kind.page, slug)
			total += len(want)
		}
	}
	assert.Greater(t, total, 20, "the content has estimates to plot")
}
