package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFault_DatabaseOutage stops the database under a running service: the service keeps
// running, says it is not ready, answers data requests with 503 problems and Retry-After
// (never a 500, never a hang), and recovers by itself once the database is back.
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
	dataPaths := []string{"/v1/treatments", "/v1/treatments/surgical-excision"}
	for _, p := range append([]string{"/readyz"}, dataPaths...) {
		r := fetch(client, s.url+p, nil)
		require.Equal(t, http.StatusOK, r.status, "%s before the outage: %s", p, r)
	}

	// Clients keep asking throughout the outage and the recovery: each gets a 200 or a 503
	// problem, never a 500, a broken connection or a hang, whatever moment its request hits.
	stopLoad := make(chan struct{})
	var stopOnce sync.Once
	collect := hammer(&http.Client{Timeout: 30 * time.Second}, s.url, append([]string{"/readyz"}, dataPaths...), 4, stopLoad)
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

	// Every answer during the outage is a 503 problem with Retry-After, not a hang.
	probe := func(path string) bool {
		r := fetch(client, s.url+path, nil)
		what := fmt.Sprintf("%s %s into the outage", path, time.Since(stoppedAt).Round(time.Millisecond))
		ok := assertProblem(t, r, http.StatusServiceUnavailable, what)
		if ok {
			ok = assert.NotEmpty(t, r.header.Get("Retry-After"), "%s: Retry-After", what)
		}
		return ok
	}
	for round := 0; round < 3; round++ {
		for _, p := range append([]string{"/readyz"}, dataPaths...) {
			if !probe(p) {
				t.FailNow()
			}
		}
	}
	t.Logf("503 with Retry-After on every path within %s of the outage", time.Since(stoppedAt).Round(time.Millisecond))
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
	deadline := time.Now().Add(30 * time.Second)
	for _, p := range append([]string{"/readyz"}, dataPaths...) {
		for {
			r := fetch(client, s.url+p, nil)
			require.NoError(t, r.err, "%s after the restart: requests must not hang", p)
			if r.status == http.StatusOK {
				break
			}
			require.Equal(t, http.StatusServiceUnavailable, r.status, "%s while recovering: %s", p, r)
			if time.Now().After(deadline) {
				t.Fatalf("%s still answers %s 30s after the database came back", p, r)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	t.Logf("recovered %s after the database came back", time.Since(restartedAt).Round(time.Millisecond))
	time.Sleep(200 * time.Millisecond)
	finishLoad()

	took, err := s.stop(t, 15*time.Second)
	assert.NoError(t, err, "run returns nil when its context ends")
	t.Logf("stopped in %s", took.Round(time.Millisecond))
}
