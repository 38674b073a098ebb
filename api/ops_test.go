package api_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb"
	"calcinosiskb/api"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

func TestRequestSizeLimits(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	t.Run("a URL over 8 KiB is 414", func(t *testing.T) {
		resp := c.get("/v1/treatments?q=" + strings.Repeat("a", 9000))
		requireProblem(t, resp, http.StatusRequestURITooLong)
	})
	t.Run("headers over 16 KiB are 431", func(t *testing.T) {
		resp, body := send(t, http.MethodGet, c.srv.URL+"/v1/treatments", map[string]string{"X-Padding": strings.Repeat("b", 17<<10)})
		assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode)
		assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
		var p problem
		require.NoError(t, json.Unmarshal(body, &p))
		assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, p.Status)
	})
	t.Run("ordinary requests pass", func(t *testing.T) {
		resp, _ := send(t, http.MethodGet, c.srv.URL+"/v1/treatments?limit=1", map[string]string{"X-Padding": strings.Repeat("b", 1000)})
		assert.Equal(t, http.StatusOK, resp.StatusCode)
	})
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(api.NewServer(slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)),
		postgres.New(testdb.New(t)), calcinosiskb.OpenAPI, api.Options{RatePerMinute: 3, Context: t.Context()}))
	t.Cleanup(srv.Close)
	for i := 0; i < 3; i++ {
		resp, _ := send(t, http.MethodGet, srv.URL+"/healthz", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, "request %d is within the limit", i+1)
	}
	resp, body := send(t, http.MethodGet, srv.URL+"/healthz", nil)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
	assert.Regexp(t, `^[1-9][0-9]*$`, resp.Header.Get("Retry-After"))
	var p problem
	require.NoError(t, json.Unmarshal(body, &p))
	assert.Equal(t, http.StatusTooManyRequests, p.Status)

	t.Run("off by default", func(t *testing.T) {
		c := newClient(t)
		for i := 0; i < 20; i++ {
			require.Equal(t, http.StatusOK, c.get("/healthz").status)
		}
	})
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	c.get("/v1/treatments/surgical-excision")
	c.get("/v1/treatments/no-such-treatment")
	resp := c.get("/metrics")
	require.Equal(t, http.StatusOK, resp.status)
	body := string(resp.body)
	for _, want := range []string{
		`kb_http_requests_total{method="GET",route="/v1/treatments/{slug}",status="200"} 1`,
		`kb_http_requests_total{method="GET",route="/v1/treatments/{slug}",status="404"} 1`,
		`kb_http_request_duration_seconds_bucket{method="GET",route="/v1/treatments/{slug}",le="+Inf"} 2`,
		`kb_db_pool_connections{state="total"}`,
		`kb_db_pool_max_connections`,
		`kb_data_version_info{data_version="`,
		`go_goroutines`,
		`process_resident_memory_bytes`,
	} {
		assert.Contains(t, body, want)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines to log into.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestLogs_CarryTheRequestID checks that each request is logged once, with its id, the
// same id the client sees.
func TestLogs_CarryTheRequestID(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	srv := httptest.NewServer(api.NewServer(slog.New(api.LogHandler(slog.NewJSONHandler(&logs, nil))),
		postgres.New(testdb.New(t)), calcinosiskb.OpenAPI, api.Options{Context: t.Context()}))
	t.Cleanup(srv.Close)
	resp, _ := send(t, http.MethodGet, srv.URL+"/v1/treatments/warfarin", nil)
	id := resp.Header.Get("X-Request-ID")
	require.NotEmpty(t, id)
	srv.Close() // the log line is written before the response completes; closing waits for handlers

	var lines []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec))
		lines = append(lines, rec)
	}
	require.Len(t, lines, 1, "one line per request")
	assert.Equal(t, id, lines[0]["request_id"])
	assert.Equal(t, "/v1/treatments/{slug}", lines[0]["route"])
	assert.EqualValues(t, http.StatusOK, lines[0]["status"])
}
