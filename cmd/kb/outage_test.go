package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFault_DatabaseOutage stops the database under a running service: the service keeps
// running and serves what it holds in memory (a 200, as before the outage), says in /readyz
// and /metrics that the database is down while staying ready, answers only what needs the
// database with 503 problems and Retry-After (never a 500, never a hang), and recovers by
// itself once the database is back.
func TestFault_DatabaseOutage(t *testing.T) {
	skipIfShort(t)
	cluster, dbURL := privateCluster(t)
	clusterCtx := func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.Background(), 90*time.Second)
	}
	var ctx context.Context
	var cancel context.CancelFunc

	s := startService(t, map[string]string{"DATABASE_URL": dbURL})
	client := &http.Client{Timeout: 30 * time.Second} // only a hang reaches it
	dataPaths := []string{"/v1/treatments", "/v1/treatments/surgical-excision", "/v1/search?q=excision"}
	for _, p := range append([]string{"/readyz"}, dataPaths...) {
		for range 2 { // the second is answered from memory
			r := fetch(client, s.url+p, nil)
			require.Equal(t, http.StatusOK, r.status, "%s before the outage: %s", p, r)
		}
	}
	// An evidence page, held in memory as the /v1 answers are.
	const page = "/treatments/surgical-excision"
	for range 2 {
		r := fetch(client, s.url+page, nil)
		require.Equal(t, http.StatusOK, r.status, "%s before the outage: %s", page, r)
	}
	// The CDS service, whose treatments are held per content version.
	callCDS := func() reply {
		const hook = `{"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",` +
			`"context":{"userId":"Practitioner/example","patientId":"1288992"}}`
		resp, err := client.Post(s.url+"/cds-services/calcinosis-treatment-options", "application/json", strings.NewReader(hook))
		if err != nil {
			return reply{err: err}
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return reply{status: resp.StatusCode, header: resp.Header, body: body, err: err}
	}
	cdsBefore := callCDS()
	require.Equal(t, http.StatusOK, cdsBefore.status, "the CDS service before the outage: %s", cdsBefore)
	var n atomic.Int64
	uncached := func() string { return fmt.Sprintf("/v1/search?q=outage+%d", n.Add(1)) }

	// Clients keep asking throughout the outage and the recovery: each gets a 200 or a 503
	// problem, never a 500, a broken connection or a hang, whatever moment its request hits.
	stopLoad := make(chan struct{})
	var stopOnce sync.Once
	collect := hammer(&http.Client{Timeout: 30 * time.Second}, s.url, append([]string{"/readyz", "/v1/search?q=outage"}, dataPaths...), 4, stopLoad)
	t.Cleanup(func() { stopOnce.Do(func() { close(stopLoad) }); collect() })
	finishLoad := func() {
		stopOnce.Do(func() { close(stopLoad) })
		results := collect()
		statuses := map[int]int{}
		for _, r := range results {
			statuses[r.status]++
			switch {
			case r.err != nil:
				t.Errorf("GET %s during the outage or the recovery: %v", r.path, r.err)
			case r.status != http.StatusOK && r.status != http.StatusServiceUnavailable:
				t.Errorf("GET %s during the outage or the recovery answered %d", r.path, r.status)
			case r.bodyErr != nil || !r.validJSON:
				t.Errorf("GET %s during the outage or the recovery: a broken body (%v)", r.path, r.bodyErr)
			}
		}
		t.Logf("background clients: %d requests, statuses %v", len(results), statuses)
	}
	time.Sleep(200 * time.Millisecond)

	ctx, cancel = clusterCtx()
	defer cancel()
	require.NoError(t, cluster.Stop(ctx))
	stoppedAt := time.Now()
	t.Logf("database stopped")

	// The service notices the outage (it polls the version), and stays ready.
	readyBody := func() map[string]any {
		r := fetch(client, s.url+"/readyz", nil)
		require.Equal(t, http.StatusOK, r.status, "/readyz during the outage: %s", r)
		var body map[string]any
		require.NoError(t, json.Unmarshal(r.body, &body), "/readyz: %s", r)
		return body
	}
	deadline := time.Now().Add(30 * time.Second)
	for readyBody()["database"] != "unavailable" {
		require.True(t, time.Now().Before(deadline), "/readyz does not report the outage: %v", readyBody())
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("/readyz reported the outage %s after it began", time.Since(stoppedAt).Round(time.Millisecond))
	assert.NotEmpty(t, readyBody()["unavailable_since"])
	assert.Contains(t, string(fetch(client, s.url+"/metrics", nil).body), "\nkb_database_up 0\n")

	// What is held is served; what needs the database is a 503 problem with Retry-After.
	for round := 0; round < 3; round++ {
		for _, p := range dataPaths {
			r := fetch(client, s.url+p, nil)
			require.Equal(t, http.StatusOK, r.status, "%s, held in memory, during the outage: %s", p, r)
		}
		r := fetch(client, s.url+page, nil)
		require.Equal(t, http.StatusOK, r.status, "%s, held in memory, during the outage: %s", page, r)
		r = callCDS()
		require.Equal(t, http.StatusOK, r.status, "the CDS service, its treatments held, during the outage: %s", r)
		assert.Equal(t, cardSummaries(t, cdsBefore.body), cardSummaries(t, r.body), "the same cards as before the outage")
		what := "a search never asked before, during the outage"
		r = fetch(client, s.url+uncached(), nil)
		require.True(t, assertProblem(t, r, http.StatusServiceUnavailable, what))
		assert.NotEmpty(t, r.header.Get("Retry-After"), "%s: Retry-After", what)
	}
	r := fetch(client, s.url+"/healthz", nil)
	require.Equal(t, http.StatusOK, r.status, "the process is still up during the outage: %s", r)
	select {
	case err := <-s.done:
		t.Fatalf("run returned during the outage: %v", err)
	default:
	}

	ctx, cancel = clusterCtx()
	defer cancel()
	require.NoError(t, cluster.Start(ctx))
	restartedAt := time.Now()
	t.Logf("database started again")

	// The service recovers by itself: no restart, no manual step.
	deadline = time.Now().Add(30 * time.Second)
	for readyBody()["database"] != "up" {
		require.True(t, time.Now().Before(deadline), "/readyz still reports the outage 30s after the database came back")
		time.Sleep(100 * time.Millisecond)
	}
	for {
		r := fetch(client, s.url+uncached(), nil)
		require.NoError(t, r.err, "a new search after the restart: requests must not hang")
		if r.status == http.StatusOK {
			break
		}
		require.Equal(t, http.StatusServiceUnavailable, r.status, "a new search while recovering: %s", r)
		require.True(t, time.Now().Before(deadline), "a new search still answers %s 30s after the database came back", r)
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("recovered %s after the database came back", time.Since(restartedAt).Round(time.Millisecond))
	time.Sleep(200 * time.Millisecond)
	finishLoad()

	took, err := s.stop(t, 15*time.Second)
	assert.NoError(t, err, "run returns nil when its context ends")
	t.Logf("stopped in %s", took.Round(time.Millisecond))
}

// cardSummaries lists the summaries of a CDS answer's cards; their uuids differ per answer.
func cardSummaries(t *testing.T, body []byte) []string {
	t.Helper()
	var answer struct {
		Cards []struct {
			Summary string `json:"summary"`
		} `json:"cards"`
	}
	require.NoError(t, json.Unmarshal(body, &answer))
	require.NotEmpty(t, answer.Cards)
	out := make([]string, len(answer.Cards))
	for i, c := range answer.Cards {
		out[i] = c.Summary
	}
	return out
}
