//go:build unix

// Package interop_test checks the API's standard formats with third-party tools, run by Node.js
// against the real server on a fresh database: citation-js parses the CSL-JSON, RIS and BibTeX
// bibliographies back into the same records, and every FHIR resource the server produces is
// validated against the official FHIR R5 definitions (validate-fhir.js).
package interop_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

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

const installHint = "node (Node.js 20 or newer) and npm are needed to run citation-js and the FHIR R5 " +
	"validation in interop/; install them (Debian: apt-get install nodejs npm) and put them on PATH"

var (
	installOnce sync.Once
	installErr  error
)

// install runs npm ci once per test binary, so the tools are exactly those package-lock.json pins.
func install(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found on PATH (%v): %s", tool, err, installHint)
		}
	}
	installOnce.Do(func() {
		_, installErr = run(5*time.Minute, "npm", "ci", "--ignore-scripts")
	})
	require.NoError(t, installErr)
}

// run runs a command in this directory and returns its standard output, or an error with all
// of its output if it fails or takes longer than timeout.
func run(timeout time.Duration, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(),
		"npm_config_audit=false", "npm_config_fund=false", "npm_config_update_notifier=false")
	// npm starts node in child processes: on timeout, end the whole process group.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, fmt.Errorf("%s %s: timed out after %s:\n%s", name, strings.Join(args, " "), timeout, stderr.String())
	}
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w:\n%s%s", name, strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.Bytes(), nil
}

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)),
		postgres.New(testdb.New(t)), calcinosiskb.OpenAPI, api.Options{}))
	t.Cleanup(srv.Close)
	return srv
}

// get fetches path and requires the status and media type.
func get(t *testing.T, srv *httptest.Server, path string, status int, mediaType string) []byte {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, status, resp.StatusCode, "GET %s: %s", path, body)
	require.True(t, strings.HasPrefix(resp.Header.Get("Content-Type"), mediaType), "GET %s: %s", path, resp.Header.Get("Content-Type"))
	return body
}

// source is a source as the JSON API gives it.
type source struct {
	Slug    string  `json:"slug"`
	PMID    *string `json:"pmid"`
	DOI     *string `json:"doi"`
	Authors *string `json:"authors"`
	Title   string  `json:"title"`
	Journal string  `json:"journal"`
	Year    int     `json:"year"`
}

func allSources(t *testing.T, srv *httptest.Server) []source {
	t.Helper()
	var out []source
	path := "/v1/sources?limit=20"
	for {
		var page struct {
			Data []source `json:"data"`
			Next *string  `json:"next"`
		}
		require.NoError(t, json.Unmarshal(get(t, srv, path, http.StatusOK, "application/json"), &page))
		out = append(out, page.Data...)
		if page.Next == nil {
			return out
		}
		path = *page.Next
	}
}

// parsed is a record as citation-js read it (CSL-JSON fields).
type parsed struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	ContainerTitle string `json:"container-title"`
	DOI            string `json:"DOI"`
	PMID           string `json:"PMID"`
	URL            string `json:"URL"`
	Year           int    `json:"year"`
	Author         []struct {
		Family, Given, Suffix, Literal string
	} `json:"author"`
}

var pubmedURL = regexp.MustCompile(`^https://pubmed\.ncbi\.nlm\.nih\.gov/([0-9]+)/$`)

// names renders parsed authors as a Vancouver byline prints them ("Medsger TA Jr"), so that
// they compare with the stored byline; BibTeX's "others" is "et al.".
func (p parsed) names() []string {
	var out []string
	for _, a := range p.Author {
		switch {
		case a.Literal != "":
			out = append(out, a.Literal)
		case a.Family == "others" && a.Given == "":
			out = append(out, "et al.")
		case a.Given == "":
			out = append(out, a.Family)
		default:
			name := a.Family + " " + strings.NewReplacer(".", "", " ", "").Replace(a.Given)
			if a.Suffix != "" {
				name += " " + a.Suffix
			}
			out = append(out, name)
		}
	}
	return out
}

// printedNames splits a stored byline into its names, as printed.
func printedNames(byline string) []string {
	var out []string
	for _, group := range strings.Split(byline, ";") {
		for _, name := range strings.Split(group, ",") {
			if name = strings.TrimSpace(name); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

func TestCitationsRoundTripThroughCitationJS(t *testing.T) {
	skipIfShort(t)
	install(t)
	srv := newServer(t)
	sources := allSources(t, srv)
	require.NotEmpty(t, sources)
	dir := t.TempDir()

	for _, format := range []struct{ name, mediaType string }{
		{"csl", "application/vnd.citationstyles.csl+json"},
		{"ris", "application/x-research-info-systems"},
		{"bibtex", "application/x-bibtex"},
	} {
		t.Run(format.name, func(t *testing.T) {
			file := filepath.Join(dir, "sources."+format.name)
			require.NoError(t, os.WriteFile(file, get(t, srv, "/v1/sources?format="+format.name, http.StatusOK, format.mediaType), 0o600))
			out, err := run(time.Minute, "node", "citations.js", format.name, file)
			require.NoError(t, err)
			var records []parsed
			require.NoError(t, json.Unmarshal(out, &records))
			require.Len(t, records, len(sources), "citation-js reads one record per source")

			for i, s := range sources {
				p := records[i]
				assert.Equal(t, s.Slug, p.ID)
				assert.Equal(t, s.Title, p.Title, s.Slug)
				assert.Equal(t, s.Journal, p.ContainerTitle, s.Slug)
				assert.Equal(t, s.Year, p.Year, s.Slug)
				assert.Equal(t, deref(s.DOI), p.DOI, s.Slug)
				pmid := p.PMID
				if format.name == "ris" {
					// RIS has no PMID tag; the PubMed record's address carries it.
					if m := pubmedURL.FindStringSubmatch(p.URL); m != nil {
						pmid = m[1]
					}
				}
				assert.Equal(t, deref(s.PMID), pmid, s.Slug)

				var want []string
				if s.Authors != nil {
					want = printedNames(*s.Authors)
				}
				if format.name != "bibtex" {
					// Only BibTeX can mark a list as incomplete ("and others"); the others
					// say so in the note.
					want = without(want, "et al.")
				}
				assert.Equal(t, want, p.names(), s.Slug)
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func without(names []string, drop string) []string {
	var out []string
	for _, n := range names {
		if n != drop {
			out = append(out, n)
		}
	}
	return out
}

// report is what validate-fhir.js found in one resource.
type report struct {
	File         string   `json:"file"`
	ResourceType string   `json:"resourceType"`
	Errors       []string `json:"errors"`
	Evaluated    int      `json:"evaluated"`
	Bindings     int      `json:"bindings"`
	Skipped      []string `json:"skipped"`
}

func validateFHIR(t *testing.T, files []string) []report {
	t.Helper()
	out, err := run(5*time.Minute, "node", append([]string{"validate-fhir.js"}, files...)...)
	require.NoError(t, err)
	var reports []report
	require.NoError(t, json.Unmarshal(out, &reports))
	return reports
}

// knownSkips are what the validator cannot check on our resources: invariant rng-2 (a range's
// low is at most its high) compares SimpleQuantity values, which fhirpath.js does not type, so
// the test checks that rule itself; and the binding of CapabilityStatement.format to MIME
// types, a code system outside the package (the server sends "json", which R5 allows).
var knownSkips = regexp.MustCompile(`^(rng-2: |binding http://hl7\.org/fhir/ValueSet/mimetypes\|)`)

func TestFHIRResourcesValidateAgainstR5(t *testing.T) {
	skipIfShort(t)
	install(t)
	srv := newServer(t)
	dir := t.TempDir()
	var files []string
	save := func(name string, body []byte) {
		file := filepath.Join(dir, name+".json")
		require.NoError(t, os.WriteFile(file, body, 0o600))
		files = append(files, file)
	}
	const fhirJSON = "application/fhir+json"

	save("metadata", get(t, srv, "/fhir/metadata", http.StatusOK, fhirJSON))
	all := get(t, srv, "/fhir/Evidence", http.StatusOK, fhirJSON)
	save("bundle-all", all)
	var bundle struct {
		Entry []struct {
			Resource struct {
				ID        string `json:"id"`
				Statistic []struct {
					AttributeEstimate []struct {
						Range *struct {
							Low, High struct{ Value float64 }
						} `json:"range"`
					} `json:"attributeEstimate"`
				} `json:"statistic"`
				RelatedArtifact []struct {
					ResourceReference struct{ Reference string } `json:"resourceReference"`
				} `json:"relatedArtifact"`
			} `json:"resource"`
		} `json:"entry"`
	}
	require.NoError(t, json.Unmarshal(all, &bundle))
	require.NotEmpty(t, bundle.Entry)
	for _, e := range bundle.Entry {
		save("evidence-"+e.Resource.ID, get(t, srv, "/fhir/Evidence/"+e.Resource.ID, http.StatusOK, fhirJSON))
		for _, s := range e.Resource.Statistic {
			for _, a := range s.AttributeEstimate {
				if a.Range != nil {
					assert.LessOrEqual(t, a.Range.Low.Value, a.Range.High.Value, "rng-2 in Evidence %s", e.Resource.ID)
				}
			}
		}
	}
	for _, s := range allSources(t, srv) {
		save("citation-"+s.Slug, get(t, srv, "/fhir/Citation/"+s.Slug, http.StatusOK, fhirJSON))
	}
	for _, slug := range []string{"digital-ulcers", "surgical-excision", "no-such-record"} {
		save("bundle-"+slug, get(t, srv, "/fhir/Evidence?subject="+slug, http.StatusOK, fhirJSON))
	}
	for name, path := range map[string]string{
		"outcome-400": "/fhir/Evidence?code=x", "outcome-404": "/fhir/Evidence/0", "outcome-404-path": "/fhir/Patient/1",
	} {
		status := http.StatusNotFound
		if strings.HasSuffix(name, "400") {
			status = http.StatusBadRequest
		}
		save(name, get(t, srv, path, status, fhirJSON))
	}
	req, err := http.NewRequest(http.MethodDelete, srv.URL+"/fhir/Evidence/5", nil)
	require.NoError(t, err)
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	save("outcome-405", body)

	reports := validateFHIR(t, files)
	counts := map[string]int{}
	var evaluated, bindings int
	for _, r := range reports {
		counts[r.ResourceType]++
		evaluated += r.Evaluated
		bindings += r.Bindings
		assert.Empty(t, r.Errors, "%s (%s) is not valid FHIR R5", filepath.Base(r.File), r.ResourceType)
		assert.Positive(t, r.Evaluated, "%s: invariants evaluated", filepath.Base(r.File))
		for _, s := range r.Skipped {
			assert.Regexp(t, knownSkips, s, "%s: an invariant fhirpath.js could not evaluate", filepath.Base(r.File))
		}
	}
	assert.Positive(t, counts["Evidence"])
	assert.Positive(t, counts["Citation"])
	assert.Equal(t, 4, counts["Bundle"], "the bundles saved")
	assert.Positive(t, bindings, "codes checked against required value sets")
	assert.Equal(t, 1, counts["CapabilityStatement"])
	assert.Equal(t, 4, counts["OperationOutcome"])
	t.Logf("validated %d resources against FHIR R5 (%v): %d cardinality and invariant evaluations, %d bound codes",
		len(reports), counts, evaluated, bindings)
}

// TestFHIRValidatorRejectsInvalidResources shows the validator can fail: each resource breaks
// the R5 schema or an invariant in one way.
func TestFHIRValidatorRejectsInvalidResources(t *testing.T) {
	skipIfShort(t)
	install(t)
	dir := t.TempDir()
	bad := map[string]string{
		"no-status":         `{"resourceType":"Evidence","id":"1","variableDefinition":[{"variableRole":{"text":"population"}}]}`,
		"no-variable":       `{"resourceType":"Evidence","id":"1","status":"active"}`,
		"unknown-element":   `{"resourceType":"Evidence","id":"1","status":"active","relatesTo":[],"variableDefinition":[{"variableRole":{"text":"population"}}]}`,
		"bad-status-code":   `{"resourceType":"Citation","id":"a","status":"published"}`,
		"bad-id":            `{"resourceType":"Citation","id":"a b","status":"active"}`,
		"string-for-number": `{"resourceType":"Evidence","id":"1","status":"active","variableDefinition":[{"variableRole":{"text":"p"}}],"statistic":[{"quantity":{"value":"2.5"}}]}`,
		"unit-code-without-system": `{"resourceType":"Evidence","id":"1","status":"active","variableDefinition":[{"variableRole":{"text":"p"}}],` +
			`"statistic":[{"quantity":{"value":2.5,"code":"%"}}]}`,
		"bundle-entry-not-a-resource":  `{"resourceType":"Bundle","type":"searchset","entry":[{"fullUrl":"http://x/fhir/Evidence/1","resource":{"resourceType":"Nonsense"}}]}`,
		"bundle-total-on-a-collection": `{"resourceType":"Bundle","type":"collection","total":1}`,
		"capability-without-kind":      `{"resourceType":"CapabilityStatement","status":"active","date":"2026-12-01","fhirVersion":"5.0.0","format":["json"]}`,
		"empty-issue":                  `{"resourceType":"OperationOutcome","issue":[]}`,
	}
	var files []string
	for name, body := range bad {
		file := filepath.Join(dir, name+".json")
		require.NoError(t, os.WriteFile(file, []byte(body), 0o600))
		files = append(files, file)
	}
	failed := map[string]bool{}
	for _, r := range validateFHIR(t, files) {
		name := strings.TrimSuffix(filepath.Base(strings.SplitN(r.File, "#", 2)[0]), ".json")
		if len(r.Errors) > 0 {
			failed[name] = true
			t.Logf("%s: %s", name, r.Errors[0])
		}
	}
	for name := range bad {
		assert.True(t, failed[name], "the validator rejects %s", name)
	}
}

// skipIfShort leaves the Node.js tools out of make check's fast lane (-short): installing and
// running them is most of this package's time; make test runs them.
func skipIfShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs citation-js and the FHIR R5 validator under Node.js: make test runs it, make check does not")
	}
}
