package api_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb"
	"calcinosiskb/api"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

// newClientWith serves the API over pool with opts (its Context is the test's).
func newClientWith(t *testing.T, pool *pgxpool.Pool, opts api.Options) *client {
	t.Helper()
	opts.Context = t.Context()
	srv := httptest.NewServer(api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), postgres.New(pool), calcinosiskb.OpenAPI, opts))
	t.Cleanup(srv.Close)
	return &client{t: t, srv: srv}
}

// metric returns the value of the sample of /metrics whose name and labels are series.
func (c *client) metric(series string) (float64, bool) {
	resp, err := c.srv.Client().Get(c.srv.URL + "/metrics")
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f, err == nil
		}
	}
	return 0, false
}

var hammeredName = regexp.MustCompile(`Hammered v(\d+)`)

// TestCache_Hammer mixes answers held, kept and computed with changes of content, under -race:
// no answer ever shows an older content than one seen before it was asked for, the kept
// answers stay within their bound (a small one, so that eviction runs), and the last change is
// served once the staleness bound has passed.
func TestCache_Hammer(t *testing.T) {
	t.Parallel()
	url := testdb.URL(t)
	pool, err := pgxpool.New(context.Background(), url)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	// Every answer about the treatment names the change it shows, the first one included.
	_, err = pool.Exec(t.Context(), "UPDATE treatments SET name = 'Hammered v0' WHERE slug = 'warfarin'")
	require.NoError(t, err)
	const cacheBytes = 16 << 20
	c := newClientWith(t, pool, api.Options{CacheBytes: cacheBytes, MaxStaleness: 100 * time.Millisecond})
	waitReady(t, c)

	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	const changes = 25
	writerDone := make(chan error, 1)
	go func() {
		for n := 1; n <= changes; n++ {
			if _, err := pool.Exec(ctx, "UPDATE treatments SET name = $1 WHERE slug = 'warfarin'", fmt.Sprintf("Hammered v%d", n)); err != nil {
				writerDone <- err
				return
			}
			if n == changes/2 {
				// A quiet spell, long enough for the answers of this version to be precomputed
				// and served while the readers go on.
				for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
					if v, _ := c.metric(`kb_answers_total{from="precomputed"}`); v > 0 {
						time.Sleep(300 * time.Millisecond)
						break
					}
				}
			}
			time.Sleep(time.Duration(20+rand.IntN(200)) * time.Millisecond)
		}
		writerDone <- nil
	}()

	// seen is the newest content any answer has shown so far.
	var seen atomic.Int64
	var mu sync.Mutex
	var failures []string
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 20 {
			failures = append(failures, fmt.Sprintf(format, args...))
		}
	}
	paths := func(rng *rand.Rand) string {
		switch rng.IntN(6) {
		case 0:
			return "/v1/treatments/warfarin" // precomputed
		case 1:
			return "/v1/search?q=hammered" // kept after the first miss of each version
		case 2:
			return "/v1/treatments?q=hammered"
		case 3:
			return fmt.Sprintf("/v1/search?q=calcinosis+%d", rng.IntN(1_000_000)) // a miss each time
		case 4:
			return fmt.Sprintf("/v1/treatments?limit=%d", 1+rng.IntN(200)) // misses, then hits; evicts
		default:
			return "/v1/treatments"
		}
	}
	var wg sync.WaitGroup
	var requests atomic.Int64
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 2))
			for ctx.Err() == nil {
				path := paths(rng)
				floor := seen.Load()
				resp, err := c.srv.Client().Get(c.srv.URL + path)
				if err != nil {
					fail("GET %s: %v", path, err)
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				requests.Add(1)
				if err != nil || resp.StatusCode != http.StatusOK {
					fail("GET %s: %d %v %.200s", path, resp.StatusCode, err, body)
					continue
				}
				matches := hammeredName.FindAllSubmatch(body, -1)
				if len(matches) == 0 && strings.Contains(path, "warfarin") {
					fail("GET %s: no change named in %.200s", path, body)
				}
				for _, m := range matches {
					n, _ := strconv.ParseInt(string(m[1]), 10, 64)
					if n < floor {
						fail("GET %s showed change %d after change %d had been seen", path, n, floor)
					}
					for cur := seen.Load(); n > cur && !seen.CompareAndSwap(cur, n); cur = seen.Load() {
					}
				}
			}
		}()
	}
	scrapes := 0
	for done := false; !done; {
		select {
		case err := <-writerDone:
			require.NoError(t, err)
			done = true
		case <-time.After(25 * time.Millisecond):
		}
		held, ok1 := c.metric(`kb_answers_held_bytes{store="lazy"}`)
		bound, ok2 := c.metric(`kb_answers_bound_bytes{store="lazy"}`)
		require.True(t, ok1 && ok2, "/metrics reports the kept answers and their bound")
		assert.LessOrEqual(t, held, bound, "kept answers within their bound")
		assert.Equal(t, float64(cacheBytes/2), bound)
		scrapes++
	}

	// The last change is served everywhere, before a generous deadline.
	want := fmt.Sprintf("Hammered v%d", changes)
	deadline := time.Now().Add(30 * time.Second)
	for _, path := range []string{"/v1/treatments/warfarin", "/v1/search?q=hammered", "/v1/treatments?q=hammered", "/v1/treatments"} {
		for !strings.Contains(string(c.get(path).body), want) {
			require.True(t, time.Now().Before(deadline), "%s does not show the last change", path)
			time.Sleep(20 * time.Millisecond)
		}
	}
	stop()
	wg.Wait()
	assert.Empty(t, failures)
	kept, _ := c.metric(`kb_answers_total{from="kept"}`)
	precomputed, _ := c.metric(`kb_answers_total{from="precomputed"}`)
	computed, _ := c.metric(`kb_answers_total{from="computed"}`)
	t.Logf("%d requests, %d scrapes; answered precomputed %v, kept %v, computed %v", requests.Load(), scrapes, precomputed, kept, computed)
	assert.Positive(t, precomputed, "some answers were precomputed")
	assert.Positive(t, kept, "some answers came from the kept answers")
	assert.Positive(t, computed, "some answers were computed")
}
