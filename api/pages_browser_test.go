package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pageWidths are the viewport widths every page must be usable at: a phone and a laptop.
var pageWidths = []struct {
	width, height int64
}{{390, 844}, {1280, 1000}}

// TestPages_Browser loads a page of every kind in headless Chromium, against the real server
// on a fresh database, at 390 and 1280 px: the page does not overflow sideways, axe-core finds
// no serious or critical violation, the page loads nothing from elsewhere and logs no error
// (a CSP violation would be one), every link and the search box are reached with Tab, and
// the numbers shown are those of the API's JSON for the same record. Screenshots of each
// page at each width are saved (see screenshotDir).
func TestPages_Browser(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("drives headless Chromium and installs axe-core: make test runs it, make check does not")
	}
	axe := axeSource(t)
	c := newClient(t)
	dir := screenshotDir(t)
	for _, pk := range pageKinds {
		t.Run(pk.kind, func(t *testing.T) {
			ctx := newBrowser(t)
			notFoundPage := ""
			if pk.kind == "error" {
				notFoundPage = c.srv.URL + pk.path
			}
			seen := watchPage(ctx, notFoundPage)
			for _, size := range pageWidths {
				require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height)))
				resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(c.srv.URL+pk.path))
				require.NoError(t, err, "load %s", pk.path)
				want := http.StatusOK
				if pk.kind == "error" {
					want = http.StatusNotFound
				}
				require.EqualValues(t, want, resp.Status)

				overflow, err := chromedp.Run(ctx, chromedp.Evaluate[float64](
					`Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth`))
				require.NoError(t, err)
				assert.LessOrEqual(t, overflow, 0.0, "%s at %d px: the page is wider than the window", pk.path, size.width)

				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", pk.kind, size.width)), png, 0o644))

				violations := runAxe(t, ctx, axe)
				for _, v := range violations {
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Errorf("%s at %d px: axe %s (%s): %s at %v", pk.path, size.width, v.ID, v.Impact, v.Help, v.Nodes)
					} else {
						t.Logf("%s at %d px: axe %s (%s): %s at %v", pk.path, size.width, v.ID, v.Impact, v.Help, v.Nodes)
					}
				}
				t.Logf("%s at %d px: axe found %d violations (%d serious or critical)", pk.path, size.width, len(violations),
					len(slices.DeleteFunc(slices.Clone(violations), func(v axeViolation) bool { return v.Impact != "serious" && v.Impact != "critical" })))
			}
			checkKeyboard(t, ctx)
			checkPageNumbers(t, ctx, c, pk.kind, pk.api)
			requested, problems := seen()
			assert.Empty(t, problems, "the page logs no error")
			for _, u := range requested {
				assert.True(t, strings.HasPrefix(u, c.srv.URL+"/") || strings.HasPrefix(u, "data:"),
					"the page requested %s: only the server that served it may be asked", u)
			}
		})
	}
}

// screenshotDir is where the screenshots go: $SCREENSHOTS_DIR when set (make screenshots sets
// it to docs/screenshots), else the test's artefact directory.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SCREENSHOTS_DIR")
	if dir == "" {
		dir = t.ArtifactDir()
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	return dir
}

var (
	axeOnce sync.Once
	axeJS   string
	axeErr  error
)

// axeSource installs axe-core as testdata/axe/package-lock.json pins it (once per test
// binary) and returns its script.
func axeSource(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found on PATH (%v): the page tests run axe-core from npm; install Node.js 20 or newer and npm (Debian: apt-get install nodejs npm)", tool, err)
		}
	}
	axeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
		cmd.Dir = filepath.Join("testdata", "axe")
		if out, err := cmd.CombinedOutput(); err != nil {
			axeErr = fmt.Errorf("npm ci in %s: %w\n%s", cmd.Dir, err, out)
			return
		}
		b, err := os.ReadFile(filepath.Join("testdata", "axe", "node_modules", "axe-core", "axe.min.js"))
		axeJS, axeErr = string(b), err
	})
	require.NoError(t, axeErr)
	return axeJS
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// runAxe runs axe-core on the loaded page with its default rules (WCAG 2 A and AA and best
// practices) and returns the violations.
func runAxe(t *testing.T, ctx context.Context, axe string) []axeViolation {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[*any](axe+";null"))
	require.NoError(t, err, "load axe-core into the page")
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
		r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.map(n => n.target.join(" "))})))`,
		chromedp.EvalAwaitPromise))
	require.NoError(t, err, "run axe-core")
	return vs
}

// watchPage records what the tab requests and the errors it logs, until the test reads them;
// notFoundPage is the URL of a page whose 404 is expected, "" for none.
func watchPage(ctx context.Context, notFoundPage string) func() (requested, problems []string) {
	var mu sync.Mutex
	var requested, problems []string
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	console := chromedp.Console(ctx)
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			mu.Lock()
			requested = append(requested, ev.Request.URL)
			mu.Unlock()
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			// Chromium logs the error page's own 404, the answer expected, as a failed load.
			expected := m.URL == notFoundPage && strings.Contains(m.String(), "404")
			if (m.Type == chromedp.ConsoleError || m.IsException()) && !expected {
				mu.Lock()
				problems = append(problems, m.String()+" ("+m.URL+")")
				mu.Unlock()
			}
		}
	}()
	return func() ([]string, []string) {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(requested), slices.Clone(problems)
	}
}

// checkKeyboard presses Tab from the top of the page until focus has left the last focusable
// element, and checks that it reached the search box and every link on the way.
func checkKeyboard(t *testing.T, ctx context.Context) {
	t.Helper()
	const focusables = `[...document.querySelectorAll("a[href], input, button")]`
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](focusables+`.length`))
	require.NoError(t, err)
	_, err = chromedp.Run(ctx, chromedp.Evaluate[*any](`document.activeElement.blur(); window.scrollTo(0, 0); null`))
	require.NoError(t, err)
	reached := map[int]bool{}
	// Tables that scroll sideways are focusable too, so allow a few more presses than elements.
	for range n + 10 {
		require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)))
		i, err := chromedp.Run(ctx, chromedp.Evaluate[int](focusables+`.indexOf(document.activeElement)`))
		require.NoError(t, err)
		if i >= 0 {
			reached[i] = true
		}
	}
	missed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](focusables+`.map((e, i) => [e, i]).filter(([e, i]) => !(`+
		indexList(reached)+`).includes(i)).map(([e]) => e.outerHTML.slice(0, 120))`))
	require.NoError(t, err)
	assert.Empty(t, missed, "Tab reaches every link and the search box")
	search, err := chromedp.Run(ctx, chromedp.Evaluate[int](focusables+`.indexOf(document.getElementById("q"))`))
	require.NoError(t, err)
	assert.True(t, reached[search], "Tab reaches the search box")
	t.Logf("Tab reached %d of %d focusable elements", len(reached), n)
}

func indexList(set map[int]bool) string {
	var b strings.Builder
	b.WriteString("[")
	for i := range set {
		b.WriteString(strconv.Itoa(i) + ",")
	}
	b.WriteString("]")
	return b.String()
}

// apiEffect is an effect estimate as the API gives it (a feature's effects, or a finding).
type apiEffect struct {
	ID       int64
	Measure  string
	Estimate float64
	Low      *float64
	High     *float64
	N        *int
	Adjusted *bool
}

// plotRow is a row of a forest plot as drawn: its data attributes and the coordinates of
// its point and whisker, and the axis it was drawn on.
type plotRow struct {
	Plot      string   `json:"plot"`
	Scale     string   `json:"scale"`
	DomainMin float64  `json:"domainMin"`
	DomainMax float64  `json:"domainMax"`
	XMin      float64  `json:"xMin"`
	XMax      float64  `json:"xMax"`
	NullX     *float64 `json:"nullX"`
	Finding   int64    `json:"finding"`
	Measure   string   `json:"measure"`
	Estimate  float64  `json:"estimate"`
	PointX    float64  `json:"pointX"`
	CILowX    *float64 `json:"ciLowX"`
	CIHighX   *float64 `json:"ciHighX"`
	Label     string   `json:"label"`
	Href      string   `json:"href"`
	Table     []string `json:"table"`
}

// readPlots reads every row of every forest plot on the page back from the SVG: the point's
// centre (its square's x plus half its width), the whisker's ends, the axis's domain and
// extent, and the row of the table that gives the same numbers.
func readPlots(t *testing.T, ctx context.Context) []plotRow {
	t.Helper()
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]plotRow](`[...document.querySelectorAll("figure.plot")].flatMap(fig => {
		const svg = fig.querySelector("svg.forest");
		const num = (el, a) => parseFloat(el.getAttribute(a));
		const nul = svg.querySelector("line.null");
		return [...svg.querySelectorAll("g.row")].map(g => {
			const rect = g.querySelector("rect.point"), ci = g.querySelector("line.ci");
			const tr = document.querySelector('table[data-plot="' + fig.id + '"] tr[data-finding="' + g.dataset.finding + '"]');
			return {
				plot: fig.id, scale: svg.dataset.scale,
				domainMin: num(svg, "data-domain-min"), domainMax: num(svg, "data-domain-max"),
				xMin: num(svg, "data-x-min"), xMax: num(svg, "data-x-max"),
				nullX: nul ? num(nul, "x1") : null,
				finding: parseInt(g.dataset.finding, 10), measure: g.dataset.measure,
				estimate: parseFloat(g.dataset.estimate),
				pointX: num(rect, "x") + num(rect, "width") / 2,
				ciLowX: ci ? num(ci, "x1") : null, ciHighX: ci ? num(ci, "x2") : null,
				label: [...g.querySelectorAll("a text")].map(t => t.textContent).join(" "), href: g.querySelector("a").getAttribute("href"),
				table: tr ? [...tr.cells].map(td => td.textContent.trim()) : [],
			};
		});
	})`))
	require.NoError(t, err)
	return rows
}

// ratioMeasures are drawn on a log scale.
var ratioMeasures = []string{"odds_ratio", "hazard_ratio", "risk_ratio"}

// checkPlots checks the forest plots on the page against the API's estimates: one row for
// each, in order of study size, and each point and CI drawn where the plot's own scale puts
// it, within the axis.
func checkPlots(t *testing.T, ctx context.Context, effects []apiEffect) {
	t.Helper()
	rows := readPlots(t, ctx)
	require.Len(t, rows, len(effects), "one plotted row per effect estimate the API gives")
	byID := map[int64]apiEffect{}
	for _, e := range effects {
		byID[e.ID] = e
	}
	size := func(id int64) int {
		if n := byID[id].N; n != nil {
			return *n
		}
		return -1
	}
	const tolerance = 0.01 // coordinates are written with two decimals
	for i, r := range rows {
		e, ok := byID[r.Finding]
		require.True(t, ok, "plotted finding %d is one the API gives", r.Finding)
		assert.Equal(t, e.Measure, r.Measure)
		assert.Equal(t, e.Estimate, r.Estimate)
		assert.Equal(t, "#finding-"+strconv.FormatInt(e.ID, 10), r.Href, "the row links to its finding")
		if i > 0 && rows[i-1].Plot == r.Plot {
			assert.GreaterOrEqual(t, size(rows[i-1].Finding), size(r.Finding), "rows are sorted by study size")
		}
		wantScale := "linear"
		if slices.Contains(ratioMeasures, e.Measure) {
			wantScale = "log"
		}
		require.Equal(t, wantScale, r.Scale, "finding %d (%s)", e.ID, e.Measure)
		f := func(v float64) float64 { return v }
		if wantScale == "log" {
			f = math.Log
		}
		x := func(v float64) float64 {
			return r.XMin + (f(v)-f(r.DomainMin))/(f(r.DomainMax)-f(r.DomainMin))*(r.XMax-r.XMin)
		}
		assert.InDelta(t, x(e.Estimate), r.PointX, tolerance, "finding %d: the point is at its estimate %v", e.ID, e.Estimate)
		if wantScale == "log" {
			require.NotNil(t, r.NullX, "a ratio plot draws the line of no effect")
			assert.InDelta(t, x(1), *r.NullX, tolerance, "the line of no effect is at 1")
		}
		if e.Low != nil && e.High != nil {
			require.NotNil(t, r.CILowX, "finding %d: its CI is drawn", e.ID)
			assert.InDelta(t, x(*e.Low), *r.CILowX, tolerance, "finding %d: the CI starts at %v", e.ID, *e.Low)
			assert.InDelta(t, x(*e.High), *r.CIHighX, tolerance, "finding %d: the CI ends at %v", e.ID, *e.High)
			assert.GreaterOrEqual(t, *e.Low, r.DomainMin, "finding %d: the CI is inside the axis", e.ID)
			assert.LessOrEqual(t, *e.High, r.DomainMax, "finding %d: the CI is inside the axis", e.ID)
			assert.Contains(t, r.Label, fmt.Sprintf("95%% CI %s to %s", fmtNum(*e.Low), fmtNum(*e.High)))
		} else {
			assert.Nil(t, r.CILowX, "finding %d: no CI is published, none is drawn", e.ID)
		}
		assert.GreaterOrEqual(t, e.Estimate, r.DomainMin)
		assert.LessOrEqual(t, e.Estimate, r.DomainMax)
		// The label names the size and adjustment; the table gives the same numbers.
		if e.N != nil {
			assert.Contains(t, r.Label, "n="+strconv.Itoa(*e.N))
		}
		if e.Adjusted != nil && *e.Adjusted {
			assert.Contains(t, r.Label, "· adjusted")
		}
		require.Len(t, r.Table, 6, "finding %d has its row in the table", e.ID)
		assert.Equal(t, fmtNum(e.Estimate), r.Table[2])
		if e.Low != nil && e.High != nil {
			assert.Equal(t, fmtNum(*e.Low)+" to "+fmtNum(*e.High), r.Table[3])
		}
		if e.N != nil {
			assert.Equal(t, strconv.Itoa(*e.N), r.Table[4])
		}
	}
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// findingEffects are the findings that publish an estimate, as apiEffects; n as the API's
// effects count it, SSc patients or else all patients.
func findingEffects(t *testing.T, raw json.RawMessage) []apiEffect {
	t.Helper()
	var findings []struct {
		ID       int64    `json:"id"`
		Measure  *string  `json:"measure"`
		Estimate *float64 `json:"estimate"`
		CILow    *float64 `json:"ci_low"`
		CIHigh   *float64 `json:"ci_high"`
		NSSc     *int     `json:"n_ssc"`
		NTotal   *int     `json:"n_total"`
		Adjusted *bool    `json:"adjusted"`
	}
	require.NoError(t, json.Unmarshal(raw, &findings))
	var out []apiEffect
	for _, f := range findings {
		if f.Measure == nil || f.Estimate == nil {
			continue
		}
		n := f.NSSc
		if n == nil {
			n = f.NTotal
		}
		out = append(out, apiEffect{ID: f.ID, Measure: *f.Measure, Estimate: *f.Estimate, Low: f.CILow, High: f.CIHigh, N: n, Adjusted: f.Adjusted})
	}
	return out
}

// checkPageNumbers checks what a page of the kind shows against the API's JSON answer.
func checkPageNumbers(t *testing.T, ctx context.Context, c *client, kind, apiPath string) {
	t.Helper()
	text := func(js string) string {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		require.NoError(t, err, js)
		return strings.TrimSpace(s)
	}
	field := func(name string) string {
		return text(`document.querySelector('[data-field="` + name + `"]').textContent`)
	}
	var body map[string]json.RawMessage
	if apiPath != "" {
		resp := c.get(apiPath)
		require.Equal(t, http.StatusOK, resp.status)
		require.NoError(t, json.Unmarshal(resp.body, &body))
	}
	switch kind {
	case "feature":
		var effects []struct {
			FindingID int64    `json:"finding_id"`
			Measure   string   `json:"measure"`
			Estimate  float64  `json:"estimate"`
			CILow     *float64 `json:"ci_low"`
			CIHigh    *float64 `json:"ci_high"`
			N         *int     `json:"n"`
			Adjusted  *bool    `json:"adjusted"`
		}
		require.NoError(t, json.Unmarshal(body["effects"], &effects))
		require.NotEmpty(t, effects)
		var want []apiEffect
		for _, e := range effects {
			want = append(want, apiEffect{ID: e.FindingID, Measure: e.Measure, Estimate: e.Estimate, Low: e.CILow, High: e.CIHigh, N: e.N, Adjusted: e.Adjusted})
		}
		checkPlots(t, ctx, want)
		assert.Equal(t, strconv.Itoa(len(effects)), field("effects"))
	case "mechanism", "modality":
		want := findingEffects(t, body["evidence"])
		require.NotEmpty(t, want, "the page kind is tested on a record with estimates")
		checkPlots(t, ctx, want)
	case "source":
		checkPlots(t, ctx, findingEffects(t, body["findings"]))
		var s struct {
			Slug  string  `json:"slug"`
			Title string  `json:"title"`
			PMID  *string `json:"pmid"`
			DOI   *string `json:"doi"`
		}
		require.NoError(t, json.Unmarshal(mustMarshal(t, body), &s))
		require.NotNil(t, s.PMID)
		require.NotNil(t, s.DOI)
		assert.Contains(t, field("citation"), s.Title)
		assert.Equal(t, "https://pubmed.ncbi.nlm.nih.gov/"+*s.PMID+"/", text(`document.querySelector('[data-link="pubmed"]').href`))
		assert.Equal(t, "https://doi.org/"+*s.DOI, text(`document.querySelector('[data-link="doi"]').href`))
		assert.Equal(t, c.srv.URL+"/v1/sources/"+s.Slug, text(`document.querySelector('[data-link="record"]').href`))
	case "treatment":
		checkTreatment(t, ctx, body, field)
	case "search":
		var hits []struct {
			Kind string `json:"kind"`
			Slug string `json:"slug"`
		}
		require.NoError(t, json.Unmarshal(body["data"], &hits))
		require.NotEmpty(t, hits)
		var want []string
		for _, h := range hits {
			want = append(want, h.Kind+"/"+h.Slug)
		}
		shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("ol.hits > li")].map(li => li.dataset.kind + "/" + li.dataset.slug)`))
		require.NoError(t, err)
		assert.Equal(t, want, shown, "the hits of GET /v1/search, in its order")
	case "home":
		for _, l := range []struct{ section, api string }{
			{"features", "/v1/associated-features"}, {"treatments", "/v1/treatments"}, {"mechanisms", "/v1/mechanisms"},
			{"modalities", "/v1/diagnostic-modalities"}, {"sources", "/v1/sources"},
		} {
			var slugs []string
			for _, raw := range c.walk(l.api + "?limit=200") {
				var r struct {
					Slug string `json:"slug"`
				}
				require.NoError(t, json.Unmarshal(raw, &r))
				slugs = append(slugs, "/"+l.section+"/"+r.Slug)
			}
			shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#`+l.section+` ul.records a")].map(a => a.getAttribute("href"))`))
			require.NoError(t, err)
			slices.Sort(slugs)
			slices.Sort(shown)
			assert.Equal(t, slugs, shown, "the home page links every record of %s", l.api)
		}
	case "error":
		assert.Equal(t, "404 Not Found", text(`document.querySelector("h1").textContent`))
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// checkTreatment checks the synthesis and the study table against the API's synthesis: the
// table has a row per study it counts, their SSc patients add up to its total, and their
// outcomes, each a colour and a text label, to its counts.
func checkTreatment(t *testing.T, ctx context.Context, body map[string]json.RawMessage, field func(string) string) {
	t.Helper()
	var syn struct {
		Studies          int            `json:"studies"`
		SScPatients      int            `json:"ssc_patients"`
		ByPrimaryOutcome map[string]int `json:"by_primary_outcome"`
		Certainty        *string        `json:"certainty"`
		CertaintyReasons []string       `json:"certainty_reasons"`
		Assessment       string         `json:"assessment"`
	}
	require.NoError(t, json.Unmarshal(body["synthesis"], &syn))
	require.NotZero(t, syn.Studies)
	assert.Equal(t, strconv.Itoa(syn.Studies), field("studies"))
	assert.Equal(t, strconv.Itoa(syn.SScPatients), field("ssc-patients"))
	assert.Equal(t, strings.ReplaceAll(syn.Assessment, "_", " "), strings.ToLower(field("assessment")))
	require.NotNil(t, syn.Certainty)
	assert.Equal(t, strings.ReplaceAll(*syn.Certainty, "_", " "), strings.ToLower(field("certainty")))
	for outcome, n := range syn.ByPrimaryOutcome {
		assert.Equal(t, strconv.Itoa(n), field(outcome), "primary outcomes %s", outcome)
	}
	reasons, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("ul.reasons li")].map(li => li.textContent)`))
	require.NoError(t, err)
	assert.Equal(t, syn.CertaintyReasons, reasons)

	type studyRow struct {
		Cells   []string `json:"cells"`
		Outcome string   `json:"outcome"`
		Colour  string   `json:"colour"`
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]studyRow](`[...document.querySelectorAll("table.studies tbody tr")].map(tr => {
		const o = tr.querySelector(".outcome");
		return {cells: [...tr.cells].map(c => c.textContent.trim()), outcome: o.textContent.trim(), colour: getComputedStyle(o).backgroundColor};
	})`))
	require.NoError(t, err)
	require.Len(t, rows, syn.Studies, "one row per study the synthesis counts")
	patients := 0
	outcomes := map[string]int{}
	colours := map[string]string{}
	for _, r := range rows {
		if n, err := strconv.Atoi(r.Cells[2]); err == nil {
			patients += n
		}
		require.NotEmpty(t, r.Outcome, "every outcome has a text label, not colour alone")
		key := strings.ReplaceAll(strings.ToLower(r.Outcome), " ", "_")
		outcomes[key]++
		if prev, ok := colours[key]; ok {
			assert.Equal(t, prev, r.Colour, "an outcome has one colour")
		}
		colours[key] = r.Colour
	}
	assert.Equal(t, syn.SScPatients, patients, "the studies' SSc patients add up to the synthesis's")
	for outcome, n := range syn.ByPrimaryOutcome {
		assert.Equal(t, n, outcomes[outcome], "studies with primary outcome %s", outcome)
	}
	distinct := map[string]bool{}
	for _, c := range colours {
		distinct[c] = true
	}
	assert.Len(t, distinct, len(colours), "each outcome has its own colour")
}
