package api_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileValue is one attack, written as it goes into a query string and into a path segment.
type hostileValue struct {
	query, path string // already percent-encoded as needed
}

// hostileValues are the attacks every parameter gets: SQL injection, path traversal, invalid
// UTF-8, NUL bytes, numbers out of every range, markup, and oversize values.
func hostileValues() []hostileValue {
	plain := []string{
		"' OR 1=1 --", "1; DROP TABLE treatments", "1' AND pg_sleep(5) IS NULL --", `"; SELECT pg_sleep(5); --`,
		"surgical' UNION SELECT null, version() --", "$1", "\\", "'", `"`, "%", "_", "*",
		"../../etc/passwd", `..\..\windows\win.ini`, "/etc/passwd", "....//....//",
		"99999999999999999999", "-99999999999999999999", "9223372036854775808", "2147483648", "-1", "0", "-0", "+5",
		"1e309", "1.5", "0x10", "NaN", "Infinity", "１", " 5", "5 ",
		"", " ", "\t", "null", "[]", "{}", "true",
		"<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}",
		"a & b | !c", "foo:*", "(((", "<->", "!!!", "-", "or", "\u202e\u0645", "ñ", "💥",
		"\x00", "a\x00b", "\r\nX-Injected: 1",
		strings.Repeat("a", 201), strings.Repeat("é", 300), strings.Repeat("a", 10<<10),
	}
	var vs []hostileValue
	for _, p := range plain {
		vs = append(vs, hostileValue{query: url.QueryEscape(p), path: url.PathEscape(p)})
	}
	// Sent exactly as written: encodings a browser or a proxy would not produce.
	for _, raw := range []string{
		"%27%3B", "%27%20OR%201%3D1%20--", "%2e%2e%2f", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2f..%2fetc%2fpasswd",
		"%FF%FE", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "a%00b", "%00", "%0d%0aX-Injected:%201",
		"%E2%80%AE", "%25", "%2B1", "+", "%20%20",
	} {
		vs = append(vs, hostileValue{query: raw, path: raw})
	}
	return vs
}

// hostileHeaderValues are the attacks on header parameters (If-None-Match).
var hostileHeaderValues = []string{
	"*", `W/"*"`, `"' OR 1=1 --"`, "' OR 1=1 --", `"`, ",,,,", `W/`, "../../etc/passwd", "99999999999999999999",
	`"` + strings.Repeat("f", 32) + `", *`, strings.Repeat(`"x", `, 2000), "\xff\xfe",
}

// hostileRawPaths are path segments sent as written, that only make sense in a path.
var hostileRawPaths = []string{"../../etc/passwd", "..", ".", "%2e%2e", "a/b", "a%2Fb", "%zz", "%", "%2", "%u0041"}

// hostileOperation is a GET of the spec with the values that make its path valid.
type hostileOperation struct {
	template string            // the spec's path, /v1/treatments/{slug}
	valid    map[string]string // a value for each path parameter that names a record
	query    []*v3.Parameter
	pathPs   []*v3.Parameter
	headers  []*v3.Parameter
	sorts    []string // the values of a sort parameter, which cursors depend on
}

// path fills the template with the valid values, or with value for the parameter name.
func (op hostileOperation) path(name, value string) string {
	p := op.template
	for k, v := range op.valid {
		if k == name {
			v = value
		}
		p = strings.ReplaceAll(p, "{"+k+"}", v)
	}
	return p
}

// hostileOperations lists every GET of openapi.yaml, so new routes and parameters are attacked
// without changing this test.
func hostileOperations(t *testing.T, c *client) []hostileOperation {
	doc, _ := spec(t)
	model, err := doc.BuildV3Model()
	require.NoError(t, err)
	var ops []hostileOperation
	for path, item := range model.Model.Paths.PathItems.FromOldest() {
		for method, operation := range item.GetOperations().FromOldest() {
			if !strings.EqualFold(method, http.MethodGet) {
				continue
			}
			op := hostileOperation{template: path, valid: map[string]string{}}
			for _, p := range append(append([]*v3.Parameter{}, item.Parameters...), operation.Parameters...) {
				switch p.In {
				case "query":
					op.query = append(op.query, p)
					if p.Name == "sort" && p.Schema != nil {
						for _, e := range p.Schema.Schema().Enum {
							op.sorts = append(op.sorts, e.Value)
						}
					}
				case "path":
					op.pathPs = append(op.pathPs, p)
					op.valid[p.Name] = validPathValue(t, c, path, p)
				case "header":
					op.headers = append(op.headers, p)
				}
			}
			ops = append(ops, op)
		}
	}
	require.NotEmpty(t, ops)
	return ops
}

// validPathValue finds a value of a path parameter that names a record: the first item of the
// collection the path is in, else the parameter's example.
func validPathValue(t *testing.T, c *client, template string, p *v3.Parameter) string {
	t.Helper()
	if strings.HasSuffix(template, "/{"+p.Name+"}") {
		collection := strings.TrimSuffix(template, "/{"+p.Name+"}")
		// Only a lookup: the collection need not be in the spec (/fhir/Citation is not).
		resp := c.do(http.MethodGet, collection+"?limit=1", false)
		if resp.status == http.StatusOK {
			var page struct {
				Data []map[string]any `json:"data"`
			}
			if json.Unmarshal(resp.body, &page) == nil && len(page.Data) > 0 {
				if v, ok := page.Data[0][p.Name]; ok {
					return fmt.Sprint(v)
				}
				if v, ok := page.Data[0]["slug"]; ok {
					return fmt.Sprint(v)
				}
			}
		}
	}
	// The parameter's own example first: it is more specific than its schema's.
	if p.Examples != nil {
		for _, ex := range p.Examples.FromOldest() {
			return ex.Value.Value
		}
	}
	if p.Schema != nil {
		if ex := p.Schema.Schema().Examples; len(ex) > 0 {
			return ex[0].Value
		}
	}
	t.Fatalf("no valid value for path parameter %q of %s: give it an example in openapi.yaml", p.Name, template)
	return ""
}

// craftedCursors are cursors in the API's own format, which pass its decoding, with keys out
// of every range, for each sort order the API has.
func craftedCursors() []hostileValue {
	var vs []hostileValue
	for _, order := range []string{"name", "evidence_level", "ssc_patients", "id", "slug", "cohort_size"} {
		for _, key := range []string{
			`"r":2147483648,"n":"a","s":"a"`, `"r":9223372036854775807,"n":"a","s":"a"`,
			`"r":0,"n":"' OR 1=1 --","s":"a"`, `"r":1,"n":"` + strings.Repeat("z", 5000) + `","s":"a"`,
			`"r":1,"n":"\u202e","s":"` + strings.Repeat("a", 100) + `"`, `"s":""`,
		} {
			raw := base64.RawURLEncoding.EncodeToString([]byte(`{"o":"` + order + `",` + key + `}`))
			vs = append(vs, hostileValue{query: raw})
		}
	}
	return vs
}

// hostileSend GETs path?query as written and checks the answer: a 2xx or 304 with a sound body,
// or a 4xx problem; never a 5xx; and always an answer the spec allows for the operation.
func hostileSend(t *testing.T, c *client, op hostileOperation, path, query string, header http.Header) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.srv.URL, nil)
	require.NoError(t, err)
	req.URL.Opaque = path // sent as is: nothing re-encodes or cleans it
	req.URL.RawQuery = query
	for k, v := range header {
		req.Header[k] = v
	}
	target := path
	if query != "" {
		target += "?" + query
	}
	if len(target) > 160 {
		target = target[:160] + fmt.Sprintf("...(%d bytes)", len(target))
	}
	resp, err := c.srv.Client().Do(req)
	if !assert.NoError(t, err, "GET %s", target) {
		return 0
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if !assert.NoError(t, err, "GET %s: reading the body", target) {
		return 0
	}
	status, ct := resp.StatusCode, resp.Header.Get("Content-Type")
	switch {
	case status >= 500:
		t.Errorf("GET %s (headers %v) answered %d: %s", target, header, status, body)
		return status
	case status < 400:
		assert.Contains(t, []int{200, 206, 304}, status, "GET %s", target)
		if status == http.StatusOK && strings.HasPrefix(ct, "application/json") {
			assert.True(t, json.Valid(body), "GET %s: the 200 body is JSON", target)
		}
	default:
		if _, err := url.PathUnescape(path); err != nil && status == http.StatusBadRequest && resp.Header.Get("X-Request-ID") == "" {
			// A malformed escape in the path: net/http refuses the request line with a plain
			// 400 before any of the service's code runs, so no problem can be answered.
			t.Logf("GET %s: %d from net/http itself (%s): %q", target, status, ct, body)
			return status
		}
		if ct == "text/html; charset=utf-8" && isPageTemplate(op.template) {
			// The evidence pages answer their errors as pages, with the same statuses.
			assert.Contains(t, string(body), fmt.Sprintf("<h1>%d %s</h1>", status, http.StatusText(status)), "GET %s", target)
			break
		}
		if strings.HasPrefix(op.template, "/fhir/") && ct == "application/fhir+json" {
			// The FHIR routes answer their own errors as OperationOutcomes.
			requireOutcome(t, response{status: status, header: resp.Header, body: body}, status)
			break
		}
		assert.Equal(t, "application/problem+json", ct, "GET %s answered %d", target, status)
		var p problem
		if assert.NoError(t, json.Unmarshal(body, &p), "GET %s: the %d body is a problem: %s", target, status, body) {
			assert.Equal(t, status, p.Status, "GET %s: the problem's status", target)
			assert.Equal(t, http.StatusText(status), p.Title, "GET %s", target)
			assert.NotEmpty(t, p.Detail, "GET %s", target)
			assert.True(t, strings.HasPrefix(p.Instance, "urn:request:"), "GET %s: instance %q", target, p.Instance)
		}
	}
	// The answer must be one the spec documents for this operation, body and headers.
	_, v := spec(t)
	resp.Body = io.NopCloser(strings.NewReader(string(body)))
	specReq, err := http.NewRequest(http.MethodGet, "http://localhost:8080"+op.path("", ""), nil)
	require.NoError(t, err)
	specMu.Lock()
	ok, errs := v.ValidateHttpResponse(specReq, resp)
	specMu.Unlock()
	for _, e := range errs {
		t.Errorf("GET %s: %d does not match openapi.yaml for %s: %s: %s", target, status, op.template, e.Message, e.Reason)
	}
	assert.True(t, ok, "GET %s validates against openapi.yaml", target)
	return status
}

// hostileState is what hostile requests must leave unchanged.
type hostileState struct {
	DataVersion   string         `json:"data_version"`
	SchemaVersion int            `json:"schema_version"`
	Counts        map[string]int `json:"counts"`
	ExportETag    string         `json:"-"`
}

func readHostileState(t *testing.T, c *client) hostileState {
	t.Helper()
	s := decode[hostileState](t, c.get("/v1/meta"))
	require.NotEmpty(t, s.Counts)
	export := c.get("/v1/export")
	require.Equal(t, http.StatusOK, export.status)
	s.ExportETag = export.header.Get("ETag")
	return s
}

// TestHostileInput attacks every parameter of every GET in openapi.yaml, query, path and
// header, with injection, traversal, malformed encodings and out-of-range and oversize values;
// repeated and unknown parameters too. Every answer is a 2xx or 304 with a sound body, or a 4xx
// problem, never a 5xx, and the data is the same afterwards.
func TestHostileInput(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of requests: make test runs it, make check (-short) does not")
	}
	// Not parallel: it reads the parsed spec, which validations render into as they run.
	c := newClient(t)
	waitReady(t, c) // /readyz is 503 until the content is held
	before := readHostileState(t, c)
	start := time.Now()
	values := hostileValues()
	statuses := map[int]int{}
	count := func(status int) { statuses[status]++ }

	for _, op := range hostileOperations(t, c) {
		t.Run(op.template, func(t *testing.T) {
			base := op.path("", "")
			require.Less(t, hostileSend(t, c, op, base, "", nil), 500, "GET %s with valid values", base)

			for _, p := range op.query {
				for i, v := range values {
					count(hostileSend(t, c, op, base, p.Name+"="+v.query, nil))
					if i%8 == 0 {
						count(hostileSend(t, c, op, base, p.Name+"="+v.query+"&"+p.Name+"="+v.query, nil))
					}
				}
				count(hostileSend(t, c, op, base, p.Name, nil))
				count(hostileSend(t, c, op, base, p.Name+"=1&"+p.Name+"=2", nil))
				if p.Name == "cursor" {
					for _, cur := range craftedCursors() {
						count(hostileSend(t, c, op, base, "cursor="+cur.query, nil))
						for _, sort := range op.sorts {
							count(hostileSend(t, c, op, base, "sort="+sort+"&cursor="+cur.query, nil))
						}
					}
				}
			}
			// Every parameter at once, each with the same attack.
			if len(op.query) > 1 {
				for _, v := range values {
					var q []string
					for _, p := range op.query {
						q = append(q, p.Name+"="+v.query)
					}
					count(hostileSend(t, c, op, base, strings.Join(q, "&"), nil))
				}
			}
			// Parameters the operation does not know, some named as attacks.
			for _, name := range []string{"zzz", "LIMIT", "limit%00", "q[]", "__proto__", "%27%20OR%201%3D1--", "%FF", strings.Repeat("n", 5000)} {
				count(hostileSend(t, c, op, base, name+"=1", nil))
			}
			for _, v := range values[:8] {
				count(hostileSend(t, c, op, base, v.query+"=1", nil))
			}
			count(hostileSend(t, c, op, base, "&&&=&=", nil))
			count(hostileSend(t, c, op, base, "a=1;b=2", nil))

			for _, p := range op.pathPs {
				for _, v := range values {
					count(hostileSend(t, c, op, op.path(p.Name, v.path), "", nil))
				}
				for _, raw := range hostileRawPaths {
					count(hostileSend(t, c, op, op.path(p.Name, raw), "", nil))
				}
				valid := op.valid[p.Name]
				for _, variant := range []string{strings.ToUpper(valid), valid + "/", valid + "%20", "0" + valid, "+" + valid, valid + "%00", valid + "/..", "%" + fmt.Sprintf("%02X", valid[0]) + valid[1:]} {
					count(hostileSend(t, c, op, op.path(p.Name, variant), "", nil))
				}
			}

			// Headers the operation reads; most answers are whole 200s, so fewer attacks.
			for _, h := range op.headers {
				for _, v := range hostileHeaderValues {
					count(hostileSend(t, c, op, base, "", http.Header{h.Name: {v}}))
				}
			}
		})
	}

	after := readHostileState(t, c)
	assert.Equal(t, before, after, "hostile requests leave the data as it was")
	var total int
	for _, n := range statuses {
		total += n
	}
	t.Logf("%d hostile requests in %s; statuses %v", total, time.Since(start).Round(time.Millisecond), statuses)
}
