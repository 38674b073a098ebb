package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/testdb"
)

// TestLoad runs 128 connections against the service for KB_LOAD_SECONDS (5 by default) with a
// mix of lists, items, searches, exports and conditional requests: nothing fails, and once the
// load ends the goroutines and the heap go back to their idle level.
func TestLoad(t *testing.T) {
	skipIfShort(t)
	seconds := 5
	if v := os.Getenv("KB_LOAD_SECONDS"); v != "" {
		n, err := strconv.Atoi(v)
		require.NoError(t, err, "KB_LOAD_SECONDS must be a whole number of seconds")
		seconds = n
	}
	const conns = 128
	s := startService(t, map[string]string{"DATABASE_URL": testdb.URL(t), "LOG_LEVEL": "error"})

	transport := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
	client := &http.Client{Timeout: 30 * time.Second, Transport: transport}

	// What the load asks for, found on the running service.
	lists := []string{"/v1/treatments", "/v1/treatments?sort=evidence_level&limit=5", "/v1/treatments?category=surgical",
		"/v1/associated-features", "/v1/mechanisms", "/v1/diagnostic-modalities?role=experimental", "/v1/prevalence?limit=2",
		"/v1/clinical-presentation", "/v1/sources?limit=20", "/v1/findings?limit=100", "/v1/meta"}
	searches := []string{"/v1/search?q=ulcers", "/v1/search?q=acroosteolysis", "/v1/search?q=warfarin%20sodium%20thiosulfate",
		"/v1/treatments?q=surgery", "/v1/associated-features?q=digital"}
	var items []string
	for _, coll := range []string{"treatments", "associated-features", "mechanisms", "sources", "prevalence"} {
		r := fetch(client, s.url+"/v1/"+coll+"?limit=200", nil)
		require.Equal(t, http.StatusOK, r.status, "%s", r)
		var page struct {
			Data []struct {
				Slug string `json:"slug"`
			} `json:"data"`
		}
		require.NoError(t, json.Unmarshal(r.body, &page))
		for _, rec := range page.Data {
			items = append(items, "/v1/"+coll+"/"+rec.Slug)
		}
	}
	items = append(items, "/v1/findings/1", "/v1/treatments/no-such-treatment") // a 404 is an answer too
	type conditional struct{ path, etag string }
	var cached []conditional
	for _, p := range []string{"/v1/treatments", "/v1/meta", "/v1/export", items[0]} {
		r := fetch(client, s.url+p, nil)
		require.Equal(t, http.StatusOK, r.status, "%s", r)
		cached = append(cached, conditional{p, r.header.Get("ETag")})
	}

	// The mix: mostly lists and items, some searches, conditional requests, a few exports.
	next := func(rng *rand.Rand) (string, http.Header) {
		switch n := rng.IntN(100); {
		case n < 35:
			return lists[rng.IntN(len(lists))], nil
		case n < 70:
			return items[rng.IntN(len(items))], nil
		case n < 85:
			return searches[rng.IntN(len(searches))], nil
		case n < 97:
			c := cached[rng.IntN(len(cached))]
			return c.path, http.Header{"If-None-Match": {c.etag}}
		default:
			return "/v1/export", nil
		}
	}
	ok := func(path string, status int) bool {
		return status == http.StatusOK || status == http.StatusNotModified ||
			(status == http.StatusNotFound && strings.HasSuffix(path, "/no-such-treatment"))
	}

	// Warm up with every kind of request, then take the idle level.
	var warmUp []string
	warmUp = append(append(append(warmUp, lists...), searches...), items[:min(len(items), 20)]...)
	for _, p := range append(warmUp, "/v1/export") {
		r := fetch(client, s.url+p, nil)
		require.True(t, r.err == nil && ok(p, r.status), "warm-up %s: %s", p, r)
	}
	idleGoroutines, idleHeap := idleLevel(transport)
	t.Logf("idle: %d goroutines, %.1f MiB heap in use", idleGoroutines, mib(idleHeap))

	var requests, failures atomic.Int64
	var mu sync.Mutex
	var failed []string
	latencies := make([][]time.Duration, conns)
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	var peakGoroutines atomic.Int64
	var wg sync.WaitGroup
	for w := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			for time.Now().Before(deadline) {
				p, h := next(rng)
				r := fetch(client, s.url+p, h)
				requests.Add(1)
				latencies[w] = append(latencies[w], r.took)
				if r.err != nil || !ok(p, r.status) || (r.status == http.StatusOK && !json.Valid(r.body)) {
					failures.Add(1)
					mu.Lock()
					if len(failed) < 10 {
						failed = append(failed, fmt.Sprintf("GET %s: %s", p, r))
					}
					mu.Unlock()
				}
			}
		}()
	}
	go func() { // sample the goroutines while the load runs
		for time.Now().Before(deadline) {
			if n := int64(runtime.NumGoroutine()); n > peakGoroutines.Load() {
				peakGoroutines.Store(n)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	start := time.Now()
	wg.Wait()
	elapsed := time.Since(start)

	var all []time.Duration
	for _, l := range latencies {
		all = append(all, l...)
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))].Round(time.Millisecond)
	}
	t.Logf("load: %d requests in %s over %d connections (%.0f/s), %d failed; latency p50 %s, p99 %s, max %s; peak %d goroutines",
		requests.Load(), elapsed.Round(time.Millisecond), conns, float64(requests.Load())/elapsed.Seconds(), failures.Load(),
		pct(0.5), pct(0.99), pct(1), peakGoroutines.Load())
	assert.Zero(t, failures.Load(), "no request fails under load; the first failures:\n%s", strings.Join(failed, "\n"))
	assert.Positive(t, requests.Load())

	// Back to idle: the client's connections close, the server's goroutines end, the heap shrinks.
	transport.CloseIdleConnections()
	var goroutines int
	var heap uint64
	heapLimit := idleHeap*3/2 + 8<<20
	settled := false
	for wait := time.Now().Add(10 * time.Second); time.Now().Before(wait); time.Sleep(200 * time.Millisecond) {
		goroutines, heap = idleLevel(transport)
		if goroutines <= idleGoroutines+10 && heap <= heapLimit {
			settled = true
			break
		}
	}
	t.Logf("after the load: %d goroutines (idle %d, limit %d), %.1f MiB heap in use (idle %.1f, limit %.1f)",
		goroutines, idleGoroutines, idleGoroutines+10, mib(heap), mib(idleHeap), mib(heapLimit))
	if !settled {
		buf := make([]byte, 1<<20)
		t.Logf("goroutines:\n%s", buf[:runtime.Stack(buf, true)])
	}
	assert.LessOrEqual(t, goroutines, idleGoroutines+10, "goroutines return to their idle level")
	assert.LessOrEqual(t, heap, heapLimit, "the heap returns to its idle level")
}

// idleLevel closes the client's idle connections, collects garbage and returns the number of
// goroutines and the bytes of heap in use.
func idleLevel(transport *http.Transport) (int, uint64) {
	transport.CloseIdleConnections()
	time.Sleep(100 * time.Millisecond) // the server notices the closed connections
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return runtime.NumGoroutine(), ms.HeapInuse
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
