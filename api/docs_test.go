package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docsCSP is the Content-Security-Policy of the page at /docs.
const docsCSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'"

// TestDocs_Browser loads /docs in headless Chromium, against the real server on a fresh
// database: Swagger UI lists every operation of openapi.yaml, runs one of them against the
// server, and the page fetches nothing from anywhere else and logs no error (a violation of
// its Content-Security-Policy would be one).
func TestDocs_Browser(t *testing.T) {
	// Not parallel: it reads the parsed spec, which validations render into as they run.
	if testing.Short() {
		t.Skip("drives a browser: make test runs it, make check (-short) does not")
	}
	ctx := newBrowser(t)
	c := newClient(t)

	watched := watchPage(ctx, "")

	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(c.srv.URL+"/docs"))
	require.NoError(t, err, "load /docs")
	require.EqualValues(t, http.StatusOK, resp.Status)

	// Every operation of the spec is listed, and nothing else. Swagger UI renders them all at
	// once when it has read the spec; poll until it has.
	want := docsSpecOperations(t)
	listed, err := chromedp.Run(ctx, chromedp.Poll[[]string](`(() => {
		const ops = [...document.querySelectorAll(".opblock")].map(b =>
			b.querySelector(".opblock-summary-method").textContent.trim().toUpperCase() + " " +
			b.querySelector("[data-path]").getAttribute("data-path"));
		return ops.length > 0 && !document.querySelector(".loading-container") && ops;
	})()`, chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "Swagger UI renders the operations of /openapi.yaml")
	slices.Sort(listed)
	listed = slices.Compact(listed) // an operation with several tags is listed under each
	assert.Equal(t, want, listed, "the operations Swagger UI lists are those of openapi.yaml")

	// Run GET /v1/treatments from the page: expand it, and execute it (the page opens every
	// operation in "Try it out" mode, so its button offers to cancel).
	const path = "/v1/treatments"
	require.Contains(t, want, "GET "+path)
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll(".opblock.opblock-get")]
		.find(b => b.querySelector("[data-path]").getAttribute("data-path") === "`+path+`").id`))
	require.NoError(t, err)
	require.NotEmpty(t, id)
	op := `[id="` + id + `"] `
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(op+".opblock-summary-control")),
		chromedp.WaitVisible(chromedp.CSS(op+".btn.execute")),
	), "expand %s", path)
	tryOut, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(op+".try-out__btn")))
	require.NoError(t, err)
	assert.Equal(t, "Cancel", strings.TrimSpace(tryOut), "the operation opens in Try it out mode")
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(op+".btn.execute")),
		chromedp.WaitVisible(chromedp.CSS(op+".live-responses-table tr.response .response-col_status")),
	), "execute %s", path)

	requestURL, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(op+".request-url pre")))
	require.NoError(t, err)
	// Swagger UI sends the parameters' defaults (sort, limit) along.
	called, err := url.Parse(strings.TrimSpace(requestURL))
	require.NoError(t, err)
	assert.Equal(t, c.srv.URL+path, called.Scheme+"://"+called.Host+called.Path, "the page calls the server that served it")
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(op+".live-responses-table tr.response .response-col_status")))
	require.NoError(t, err)
	assert.Equal(t, "200", strings.TrimSpace(status))
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(op+".live-responses-table tr.response .response-col_description")))
	require.NoError(t, err)
	assert.Contains(t, body, `"slug": "surgical-excision"`, "the response body shows the treatments")
	assert.Contains(t, body, "application/json", "the response headers are shown")

	requested, problems := watched()
	assert.Empty(t, problems, "the page logs no error")
	for _, u := range requested {
		if !strings.HasPrefix(u, c.srv.URL+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s: only the server that served it may be asked", u)
		}
	}
	assert.Contains(t, requested, c.srv.URL+"/openapi.yaml")
	assert.Contains(t, requested, called.String())
}

// TestDocs_Files checks the page and its files over HTTP, against openapi.yaml: types,
// headers, no URL of another host, and a problem for anything else under /docs.
func TestDocs_Files(t *testing.T) {
	t.Parallel()
	c := newClient(t)

	page := c.get("/docs")
	require.Equal(t, http.StatusOK, page.status)
	assert.Equal(t, "text/html; charset=utf-8", page.header.Get("Content-Type"))
	assert.Equal(t, docsCSP, page.header.Get("Content-Security-Policy"))
	assert.Equal(t, "nosniff", page.header.Get("X-Content-Type-Options"))
	assert.Equal(t, "no-cache", page.header.Get("Cache-Control"))
	assert.Equal(t, "no-referrer", page.header.Get("Referrer-Policy"))
	assert.Contains(t, string(page.body), `<div id="swagger-ui">`)
	assert.NotContains(t, string(page.body), "<script>", "no inline script: the CSP forbids it")

	for file, ct := range map[string]string{
		"init.js":                          "text/javascript; charset=utf-8",
		"swagger-ui-bundle.js":             "text/javascript; charset=utf-8",
		"swagger-ui.css":                   "text/css; charset=utf-8",
		"LICENSE":                          "text/plain; charset=utf-8",
		"NOTICE":                           "text/plain; charset=utf-8",
		"swagger-ui-bundle.js.LICENSE.txt": "text/plain; charset=utf-8",
	} {
		resp := c.get("/docs/" + file)
		require.Equal(t, http.StatusOK, resp.status, file)
		assert.Equal(t, ct, resp.header.Get("Content-Type"), file)
		assert.Equal(t, "nosniff", resp.header.Get("X-Content-Type-Options"), file)
		assert.Equal(t, "no-cache", resp.header.Get("Cache-Control"), file)
		assert.Empty(t, resp.header.Get("Content-Security-Policy"), file)
		assert.NotEmpty(t, resp.header.Get("ETag"), file)
	}

	// What the page loads, it loads from here.
	initJS := c.get("/docs/init.js")
	urls := regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(string(page.body), -1)
	require.NotEmpty(t, urls)
	for _, m := range urls {
		assert.True(t, strings.HasPrefix(m[1], "/") && !strings.HasPrefix(m[1], "//") || m[1] == "data:,",
			"index.html loads %s, not from this server", m[1])
	}
	assert.Contains(t, string(initJS.body), `url: "/openapi.yaml"`)
	assert.Contains(t, string(initJS.body), "validatorUrl: null")

	// An unchanged file is not sent again.
	req, err := http.NewRequest(http.MethodGet, c.srv.URL+"/docs/init.js", nil)
	require.NoError(t, err)
	req.Header.Set("If-None-Match", initJS.header.Get("ETag"))
	cached, err := c.srv.Client().Do(req)
	require.NoError(t, err)
	_ = cached.Body.Close()
	assert.Equal(t, http.StatusNotModified, cached.StatusCode)

	for _, file := range []string{"nope.js", "index.html", "docs", "swagger-ui-bundle.js.map"} {
		requireProblem(t, c.get("/docs/"+file), http.StatusNotFound)
	}
	// Paths that openapi.yaml does not name at all.
	for _, path := range []string{"/docs/", "/docs/init.js/"} {
		requireProblem(t, c.do(http.MethodGet, path, false), http.StatusNotFound)
	}
	requireProblem(t, c.do(http.MethodPost, "/docs", false), http.StatusMethodNotAllowed)
}

// docsSpecOperations lists the operations of openapi.yaml as "METHOD /path", sorted.
func docsSpecOperations(t *testing.T) []string {
	t.Helper()
	doc, _ := spec(t)
	model, err := doc.BuildV3Model()
	require.NoError(t, err)
	var ops []string
	for path, item := range model.Model.Paths.PathItems.FromOldest() {
		for method := range item.GetOperations().FromOldest() {
			ops = append(ops, strings.ToUpper(method)+" "+path)
		}
	}
	slices.Sort(ops)
	return ops
}

// browserNames are the commands, tried in order on PATH, that run a Chrome or Chromium the
// way a user has one installed: Debian's package, Ubuntu's, Google's.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome"}

// findBrowser returns the browser to drive: CHROME_PATH when set, else the first of
// browserNames on PATH.
func findBrowser() (string, error) {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return exec.LookPath(p)
	}
	var errs []string
	for _, name := range browserNames {
		p, err := exec.LookPath(name)
		if err == nil {
			return p, nil
		}
		errs = append(errs, err.Error())
	}
	return "", errors.New(strings.Join(errs, "; "))
}

// newBrowser starts headless Chromium for the test and returns a tab's context, bounded to a
// minute. chromedp gives the browser a new, temporary profile (user-data-dir) and removes it
// when the test ends. A missing browser fails the test: it is part of the test suite's
// requirements, like PostgreSQL, and `make test` installs it.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	chromiumPath, err := findBrowser()
	if err != nil {
		t.Fatalf("the /docs test drives headless Chrome or Chromium, and none was found (%v): "+
			"set CHROME_PATH, or install one (Debian: apt-get install chromium; make test does it as root)", err)
	}
	t.Logf("browser: %s", chromiumPath)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	t.Cleanup(cancel)
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests may run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		// Nothing but the test server: no QUIC, no proxy, no background fetches of the
		// browser's own (updates, sync, component downloads).
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 1024),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelTab)
	// Start the browser now, so that a failure to start is reported as such.
	require.NoError(t, chromedp.Do(tabCtx), "start %s", chromiumPath)
	return tabCtx
}
