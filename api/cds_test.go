package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/pb33f/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb"
	"calcinosiskb/api"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

const cdsService = "/cds-services/calcinosis-treatment-options"

var (
	cdsSchemaOnce sync.Once
	cdsSchemas    map[string]*jsonschema.Schema
	cdsSchemaErr  error
)

// cdsSchema returns the named definition of testdata/cds-hooks-2.0.schema.json, the CDS Hooks
// 2.0 shapes written from the specification's tables.
func cdsSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	cdsSchemaOnce.Do(func() {
		const file = "testdata/cds-hooks-2.0.schema.json"
		f, err := os.Open(file)
		if err != nil {
			cdsSchemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			cdsSchemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		if cdsSchemaErr = c.AddResource(file, doc); cdsSchemaErr != nil {
			return
		}
		cdsSchemas = map[string]*jsonschema.Schema{}
		for _, def := range []string{"discovery", "response", "patientViewRequest"} {
			s, err := c.Compile(file + "#/$defs/" + def)
			if err != nil {
				cdsSchemaErr = err
				return
			}
			cdsSchemas[def] = s
		}
	})
	require.NoError(t, cdsSchemaErr, "the CDS Hooks schema compiles")
	return cdsSchemas[name]
}

// cdsValid reports whether body is valid JSON that matches the named CDS Hooks definition.
func cdsValid(t *testing.T, name string, body []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return err
	}
	return cdsSchema(t, name).Validate(v)
}

// hookRequest is a valid patient-view request, as the CDS Hooks sandbox sends one.
const hookRequest = `{
  "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
  "fhirServer": "https://fhir.example.org/r4",
  "hook": "patient-view",
  "fhirAuthorization": {"access_token": "some-opaque-token", "token_type": "Bearer", "expires_in": 300,
    "scope": "user/Patient.read user/Observation.read", "subject": "cds-service4"},
  "context": {"userId": "Practitioner/example", "patientId": "1288992"},
  "prefetch": {"patient": {"resourceType": "Patient", "id": "1288992"}, "conditions": null}
}`

var jsonHeader = http.Header{"Content-Type": {"application/json"}}

func (c *client) callService(body string) response {
	c.t.Helper()
	return c.doBody(http.MethodPost, cdsService, jsonHeader, strings.NewReader(body), true)
}

func TestCDS_Discovery(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	resp := c.get("/cds-services")
	require.Equal(t, http.StatusOK, resp.status)
	assert.Equal(t, "application/json", resp.header.Get("Content-Type"))
	require.NoError(t, cdsValid(t, "discovery", resp.body))

	var doc struct {
		Services []map[string]any `json:"services"`
	}
	require.NoError(t, json.Unmarshal(resp.body, &doc))
	require.Len(t, doc.Services, 1)
	s := doc.Services[0]
	assert.Equal(t, "calcinosis-treatment-options", s["id"])
	assert.Equal(t, "patient-view", s["hook"])
	assert.NotEmpty(t, s["title"])
	assert.NotContains(t, s, "prefetch", "the service reads no patient data, so it asks for none")
}

type cdsCard struct {
	UUID      string `json:"uuid"`
	Summary   string `json:"summary"`
	Detail    string `json:"detail"`
	Indicator string `json:"indicator"`
	Source    struct {
		Label string `json:"label"`
		URL   string `json:"url"`
		Topic struct {
			Code string `json:"code"`
		} `json:"topic"`
	} `json:"source"`
	Links []struct {
		Label string `json:"label"`
		URL   string `json:"url"`
		Type  string `json:"type"`
	} `json:"links"`
}

// TestCDS_Cards checks the cards against the CDS Hooks shapes and against the treatments the
// API lists for each assessment.
func TestCDS_Cards(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	resp := c.callService(hookRequest)
	require.Equal(t, http.StatusOK, resp.status, "body: %s", resp.body)
	assert.Equal(t, "application/json", resp.header.Get("Content-Type"))
	assert.Equal(t, "no-store", resp.header.Get("Cache-Control"))
	assert.Empty(t, resp.header.Get("ETag"), "a POST answer has no validator to revalidate")
	require.NoError(t, cdsValid(t, "response", resp.body))

	var doc struct {
		Cards []cdsCard `json:"cards"`
	}
	require.NoError(t, json.Unmarshal(resp.body, &doc))

	// What the API says, assessment by assessment, in the order the cards must come.
	type treatment struct {
		Slug      string `json:"slug"`
		Name      string `json:"name"`
		Synthesis struct {
			Certainty  *string `json:"certainty"`
			Assessment string  `json:"assessment"`
		} `json:"synthesis"`
	}
	var wantGroups []string
	want := map[string][]treatment{}
	for _, assessment := range []string{"mainstay", "promising", "insufficient", "not_effective", "recommended_against"} {
		list := decode[struct {
			Data []treatment `json:"data"`
		}](t, c.get("/v1/treatments?sort=benefit&limit=200&assessment="+assessment))
		if len(list.Data) > 0 {
			wantGroups = append(wantGroups, assessment)
			want[assessment] = list.Data
		}
	}
	require.NotEmpty(t, wantGroups)

	var gotGroups []string
	uuids := map[string]bool{}
	for _, card := range doc.Cards {
		group := card.Source.Topic.Code
		gotGroups = append(gotGroups, group)
		t.Run(group, func(t *testing.T) {
			assert.LessOrEqual(t, utf8.RuneCountInString(card.Summary), 139, "summary %q", card.Summary)
			wantIndicator := "info"
			if group == "recommended_against" {
				wantIndicator = "warning"
			}
			assert.Equal(t, wantIndicator, card.Indicator)
			assert.False(t, uuids[card.UUID], "uuid %s is unique", card.UUID)
			uuids[card.UUID] = true
			assert.Equal(t, c.srv.URL+"/", card.Source.URL)
			assert.NotEmpty(t, card.Source.Label)

			treatments := want[group]
			require.Len(t, card.Links, len(treatments), "one link per option")
			for i, tr := range treatments {
				assert.Equal(t, c.srv.URL+"/treatments/"+tr.Slug, card.Links[i].URL)
				assert.Equal(t, "absolute", card.Links[i].Type)
				certainty := "not rated"
				if tr.Synthesis.Certainty != nil {
					certainty = strings.ReplaceAll(*tr.Synthesis.Certainty, "_", " ")
				}
				line := regexp.MustCompile(`(?m)^- \*\*` + regexp.QuoteMeta(markdownEscaped(tr.Name)) + `\*\*: certainty of evidence ` + regexp.QuoteMeta(certainty) + `[ ;]`)
				assert.Regexp(t, line, card.Detail, "the detail names %s with its certainty", tr.Name)
			}
			if len(treatments) == 1 {
				assert.Contains(t, card.Summary, treatments[0].Name)
			}
		})
	}
	assert.Equal(t, wantGroups, gotGroups, "one card per assessment, in the benefit order")

	again := c.callService(hookRequest)
	require.Equal(t, http.StatusOK, again.status)
	for id := range uuids {
		assert.NotContains(t, string(again.body), id, "each answer's cards have fresh uuids")
	}
}

// markdownEscaped is how the detail writes a name: Markdown's inline characters escaped.
func markdownEscaped(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestCDS_HookRequests sends valid and invalid hook requests: the service must accept exactly
// those that the CDS Hooks schema accepts, and name what is wrong with the others.
func TestCDS_HookRequests(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	var base map[string]any
	require.NoError(t, json.Unmarshal([]byte(hookRequest), &base))
	// with returns the valid request with member path (dotted) set to v, or removed if v is remove.
	with := func(path string, v any) string {
		var doc map[string]any
		require.NoError(t, json.Unmarshal([]byte(hookRequest), &doc))
		keys := strings.Split(path, ".")
		m := doc
		for _, k := range keys[:len(keys)-1] {
			m = m[k].(map[string]any)
		}
		if v == remove {
			delete(m, keys[len(keys)-1])
		} else {
			m[keys[len(keys)-1]] = v
		}
		b, err := json.Marshal(doc)
		require.NoError(t, err)
		return string(b)
	}
	tests := []struct {
		name  string
		body  string
		field string // named in the problem; "" for a valid request
	}{
		{"the sandbox's request", hookRequest, ""},
		{"only what is required", `{"hook":"patient-view","hookInstance":"D1577C69-DFBE-44AD-BA6D-3E05E953B2EA","context":{"userId":"PractitionerRole/123","patientId":"1288992"}}`, ""},
		{"with an encounter", with("context.encounterId", "456"), ""},
		{"a patient viewing their own record", with("context.userId", "Patient/1288992"), ""},
		{"unknown members are extensions", with("extension", map[string]any{"org.example.trace": "x"}), ""},
		{"no prefetch", with("prefetch", remove), ""},
		{"no token and no server", with("fhirAuthorization", remove), ""},

		{"another hook", with("hook", "order-sign"), "hook"},
		{"no hook", with("hook", remove), "hook"},
		{"hook a number", with("hook", 7), "hook"},
		{"hook null", with("hook", nil), "hook"},
		{"hookInstance not a UUID", with("hookInstance", "12345"), "hookInstance"},
		{"hookInstance missing", with("hookInstance", remove), "hookInstance"},
		{"hookInstance an object", with("hookInstance", map[string]any{}), "hookInstance"},
		{"no context", with("context", remove), "context"},
		{"context a string", with("context", "Patient/1"), "context"},
		{"context an array", with("context", []any{}), "context"},
		{"no userId", with("context.userId", remove), "context.userId"},
		{"userId without a type", with("context.userId", "123"), "context.userId"},
		{"userId of a device", with("context.userId", "Device/123"), "context.userId"},
		{"userId empty", with("context.userId", ""), "context.userId"},
		{"no patientId", with("context.patientId", remove), "context.patientId"},
		{"patientId a number", with("context.patientId", 1288992), "context.patientId"},
		{"patientId not a FHIR id", with("context.patientId", "12 88/992"), "context.patientId"},
		{"patientId too long", with("context.patientId", strings.Repeat("a", 65)), "context.patientId"},
		{"encounterId empty", with("context.encounterId", ""), "context.encounterId"},
		{"fhirServer not a URL", with("fhirServer", "fhir.example.org"), "fhirServer"},
		{"fhirServer of another scheme", with("fhirServer", "ftp://fhir.example.org"), "fhirServer"},
		{"token without its server", with("fhirServer", remove), "fhirAuthorization"},
		{"token not an object", with("fhirAuthorization", "Bearer x"), "fhirAuthorization"},
		{"token without access_token", with("fhirAuthorization.access_token", remove), "fhirAuthorization.access_token"},
		{"token of another type", with("fhirAuthorization.token_type", "MAC"), "fhirAuthorization.token_type"},
		{"token expiry a string", with("fhirAuthorization.expires_in", "300"), "fhirAuthorization.expires_in"},
		{"token expiry a fraction", with("fhirAuthorization.expires_in", 1.5), "fhirAuthorization.expires_in"},
		{"token expiry negative", with("fhirAuthorization.expires_in", -1), "fhirAuthorization.expires_in"},
		{"token without subject", with("fhirAuthorization.subject", remove), "fhirAuthorization.subject"},
		{"prefetch an array", with("prefetch", []any{}), "prefetch"},
		{"prefetch of a string", with("prefetch", map[string]any{"patient": "Patient/1"}), "prefetch.patient"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			schemaErr := cdsValid(t, "patientViewRequest", []byte(tc.body))
			resp := c.callService(tc.body)
			if tc.field == "" {
				require.NoError(t, schemaErr, "the case is valid CDS Hooks")
				require.Equal(t, http.StatusOK, resp.status, "body: %s", resp.body)
				require.NoError(t, cdsValid(t, "response", resp.body))
				return
			}
			require.Error(t, schemaErr, "the case is invalid CDS Hooks")
			p := requireProblem(t, resp, http.StatusBadRequest)
			assert.Contains(t, p.Detail, `"`+tc.field+`"`, "the problem names the member")
		})
	}
}

// remove marks a member to delete in TestCDS_HookRequests.
var remove = &struct{}{}

// TestCDS_HostileBodies sends bodies that are not JSON objects at all.
func TestCDS_HostileBodies(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	deep := strings.Repeat(`[`, 20_000) + strings.Repeat("]", 20_000)
	deepInside := strings.Replace(hookRequest, `"conditions": null`, `"conditions": `+strings.Repeat("[", 12_000)+strings.Repeat("]", 12_000), 1)
	tests := []struct{ name, body, says string }{
		{"empty", "", "not valid JSON"},
		{"not JSON", "hook=patient-view", "not valid JSON"},
		{"truncated", hookRequest[:len(hookRequest)/2], "not valid JSON"},
		{"two documents", hookRequest + hookRequest, "not valid JSON"},
		{"null", "null", "must be a JSON object"},
		{"an array", "[" + hookRequest + "]", "must be a JSON object"},
		{"a string", `"patient-view"`, "must be a JSON object"},
		{"invalid UTF-8", strings.Replace(hookRequest, "1288992", "12\xff\xfe992", 1), "not valid UTF-8"},
		{"deeply nested", deep, "JSON"},
		{"deeply nested prefetch", deepInside, "JSON"},
		{"a NUL byte", strings.Replace(hookRequest, "1288992", "12\x0088992", 1), "not valid JSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := requireProblem(t, c.callService(tc.body), http.StatusBadRequest)
			assert.Contains(t, p.Detail, tc.says)
		})
	}
}

func TestCDS_MediaType(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, ct := range []string{"", "text/plain", "application/fhir+json", "application/json; charset=iso-8859-1", "application/json;;"} {
		t.Run("Content-Type "+ct, func(t *testing.T) {
			header := http.Header{}
			if ct != "" {
				header.Set("Content-Type", ct)
			}
			resp := c.doBody(http.MethodPost, cdsService, header, strings.NewReader(hookRequest), true)
			p := requireProblem(t, resp, http.StatusUnsupportedMediaType)
			assert.Contains(t, p.Detail, "application/json")
		})
	}
	resp := c.doBody(http.MethodPost, cdsService, http.Header{"Content-Type": {"application/json; charset=UTF-8"}}, strings.NewReader(hookRequest), true)
	assert.Equal(t, http.StatusOK, resp.status, "UTF-8 may be named")
}

func TestCDS_BodyLimit(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	const limit = 64 << 10
	// padded is the valid request grown to n bytes by an extension member.
	padded := func(n int) string {
		body := strings.Replace(hookRequest, `"hook":`, `"org.example.padding": "",`+"\n"+`"hook":`, 1)
		return strings.Replace(body, `"org.example.padding": ""`, `"org.example.padding": "`+strings.Repeat("x", n-len(body))+`"`, 1)
	}
	require.Len(t, padded(limit), limit)

	assert.Equal(t, http.StatusOK, c.callService(padded(limit)).status, "a body of exactly the limit is read")
	p := requireProblem(t, c.callService(padded(limit+1)), http.StatusRequestEntityTooLarge)
	assert.Contains(t, p.Detail, "65536 bytes")

	// Without a Content-Length the limit holds while reading.
	chunked := c.doBody(http.MethodPost, cdsService, jsonHeader, io.MultiReader(strings.NewReader(padded(limit+1))), true)
	requireProblem(t, chunked, http.StatusRequestEntityTooLarge)
	huge := c.doBody(http.MethodPost, cdsService, jsonHeader, io.LimitReader(zeros{}, 8<<20), true)
	requireProblem(t, huge, http.StatusRequestEntityTooLarge)
}

// zeros is an endless body.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestCDS_Methods(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, tc := range []struct{ method, path, allow string }{
		{http.MethodGet, cdsService, "POST"},
		{http.MethodPut, cdsService, "POST"},
		{http.MethodDelete, cdsService, "POST"},
		{http.MethodPost, "/cds-services", "GET, HEAD"},
		{http.MethodPut, "/cds-services", "GET, HEAD"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			resp := c.doBody(tc.method, tc.path, jsonHeader, strings.NewReader(hookRequest), false)
			requireProblem(t, resp, http.StatusMethodNotAllowed)
			assert.Equal(t, tc.allow, resp.header.Get("Allow"))
		})
	}
	t.Run("an unknown service", func(t *testing.T) {
		resp := c.doBody(http.MethodPost, "/cds-services/no-such-service", jsonHeader, strings.NewReader(hookRequest), false)
		requireProblem(t, resp, http.StatusNotFound)
	})
	t.Run("a query string", func(t *testing.T) {
		resp := c.doBody(http.MethodPost, cdsService+"?debug=1", jsonHeader, strings.NewReader(hookRequest), false)
		requireProblem(t, resp, http.StatusBadRequest)
	})
}

// TestCDS_CORS checks that browsers on any origin may call the CDS routes, whatever origins
// the rest of the API allows.
func TestCDS_CORS(t *testing.T) {
	t.Parallel()
	const sandbox = "https://sandbox.cds-hooks.org"
	for _, origins := range [][]string{nil, {"https://frontend.example"}} {
		t.Run(fmt.Sprintf("API origins %v", origins), func(t *testing.T) {
			srv := httptest.NewServer(api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)),
				postgres.New(testdb.New(t)), calcinosiskb.OpenAPI, api.Options{AllowedOrigins: origins}))
			t.Cleanup(srv.Close)

			resp, _ := send(t, http.MethodOptions, srv.URL+cdsService, map[string]string{
				"Origin": sandbox, "Access-Control-Request-Method": "POST",
				"Access-Control-Request-Headers": "content-type,authorization",
			})
			assert.Less(t, resp.StatusCode, 300, "the preflight succeeds")
			assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"))
			assert.Contains(t, resp.Header.Get("Access-Control-Allow-Methods"), "POST")
			allowed := strings.ToLower(resp.Header.Get("Access-Control-Allow-Headers"))
			assert.Contains(t, allowed, "content-type")
			assert.Contains(t, allowed, "authorization")

			req, err := http.NewRequest(http.MethodPost, srv.URL+cdsService, strings.NewReader(hookRequest))
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Origin", sandbox)
			post, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			post.Body.Close()
			assert.Equal(t, http.StatusOK, post.StatusCode)
			assert.Equal(t, "*", post.Header.Get("Access-Control-Allow-Origin"))

			get, _ := send(t, http.MethodGet, srv.URL+"/cds-services", map[string]string{"Origin": sandbox})
			assert.Equal(t, "*", get.Header.Get("Access-Control-Allow-Origin"))

			other, _ := send(t, http.MethodGet, srv.URL+"/v1/meta", map[string]string{"Origin": sandbox})
			assert.Empty(t, other.Header.Get("Access-Control-Allow-Origin"), "the rest of the API keeps its own origins")
		})
	}
}

// TestCDS_ReadOnly sends a storm of hook requests, valid and not, from many goroutines, and
// checks that every answer is whole and that the knowledge base is unchanged.
func TestCDS_ReadOnly(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	before := c.get("/v1/meta").body
	export := sha256.Sum256(c.get("/v1/export").body)
	want := c.callService(hookRequest)
	require.Equal(t, http.StatusOK, want.status)
	cardsWithoutUUIDs := func(body []byte) string {
		return regexp.MustCompile(`"uuid":"[^"]+"`).ReplaceAllString(string(body), "")
	}

	bodies := []struct {
		body   string
		status int
	}{
		{hookRequest, http.StatusOK},
		{`{"hook":"patient-view"}`, http.StatusBadRequest},
		{strings.Repeat("[", 5000), http.StatusBadRequest},
		{strings.Replace(hookRequest, "Practitioner/", "Device/", 1), http.StatusBadRequest},
	}
	const workers, each = 16, 25
	var wg sync.WaitGroup
	errs := make(chan string, workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				b := bodies[(w+i)%len(bodies)]
				resp, err := c.srv.Client().Post(c.srv.URL+cdsService, "application/json", strings.NewReader(b.body))
				if err != nil {
					errs <- err.Error()
					continue
				}
				got, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				switch {
				case err != nil:
					errs <- err.Error()
				case resp.StatusCode != b.status:
					errs <- fmt.Sprintf("status %d, want %d: %s", resp.StatusCode, b.status, got)
				case b.status == http.StatusOK && cardsWithoutUUIDs(got) != cardsWithoutUUIDs(want.body):
					errs <- "cards differ from the first answer's"
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	var failures []string
	for e := range errs {
		failures = append(failures, e)
	}
	slices.Sort(failures)
	assert.Empty(t, slices.Compact(failures))

	assert.JSONEq(t, string(before), string(c.get("/v1/meta").body), "the data version and counts are unchanged")
	assert.Equal(t, export, sha256.Sum256(c.get("/v1/export").body), "every record is unchanged")
}
