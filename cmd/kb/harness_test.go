package main

// The harness of the fault and load tests: the service as it runs (run("serve") over real
// HTTP on a real PostgreSQL), a cluster of the test's own to break, and clients that record
// what they got. Each fault has its file: outage, hang, shutdown, slow clients, load.
// Deadlines are generous and only stop a test that would otherwise hang; what took how long
// is logged, never asserted (speed lives in make bench).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/dbsetup"
)

// skipIfShort skips a fault or load test under -short: they start services and clusters and
// wait out server timeouts, so make check leaves them to make test.
func skipIfShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("a fault or load test: make test runs it, make check (-short) does not")
	}
}

// lockedBuffer collects the service's log lines, which it writes from many goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// service is run("serve") running in this process.
type service struct {
	addr   string
	url    string // http://addr
	cancel context.CancelFunc
	done   chan error // receives run's result once
	logs   *lockedBuffer
}

// startService runs run(ctx, ["serve"]) with env (ADDR is added) and waits until /readyz
// answers 200. The service is stopped when t ends, if the test did not stop it.
func startService(t *testing.T, env map[string]string) *service {
	t.Helper()
	s := &service{addr: freeAddr(t), done: make(chan error, 1), logs: &lockedBuffer{}}
	s.url = "http://" + s.addr
	vars := map[string]string{"ADDR": s.addr}
	for k, v := range env {
		vars[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go func() { s.done <- run(ctx, []string{"serve"}, envOf(vars), io.Discard, s.logs) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(20 * time.Second):
			t.Errorf("the service did not stop within 20s of its context ending")
		}
		if t.Failed() {
			logs := s.logs.String()
			if len(logs) > 8000 {
				logs = "...\n" + logs[len(logs)-8000:]
			}
			t.Logf("service logs:\n%s", logs)
		}
	})

	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-s.done:
			s.done <- err
			t.Fatalf("the service stopped before becoming ready: %v", err)
		default:
		}
		if r := fetch(client, s.url+"/readyz", nil); r.err == nil && r.status == http.StatusOK {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("the service did not become ready within 60s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop cancels the service's context and returns run's result and how long it took.
func (s *service) stop(t *testing.T, within time.Duration) (time.Duration, error) {
	t.Helper()
	start := time.Now()
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err // for the cleanup
		return time.Since(start), err
	case <-time.After(within):
		t.Fatalf("run did not return within %s of its context ending", within)
		return 0, nil
	}
}

// reply is the outcome of one request.
type reply struct {
	status int
	header http.Header
	body   []byte
	err    error
	took   time.Duration
}

func (r reply) String() string {
	if r.err != nil {
		return fmt.Sprintf("error after %s: %v", r.took.Round(time.Millisecond), r.err)
	}
	body := string(r.body)
	if len(body) > 300 {
		body = body[:300] + "..."
	}
	return fmt.Sprintf("%d %s after %s: %s", r.status, r.header.Get("Content-Type"), r.took.Round(time.Millisecond), body)
}

// fetch GETs url with the given headers and reads the whole body.
func fetch(client *http.Client, url string, header http.Header) reply {
	start := time.Now()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return reply{err: err}
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := client.Do(req)
	if err != nil {
		return reply{err: err, took: time.Since(start)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, header: resp.Header, body: body, err: err, took: time.Since(start)}
}

// assertProblem checks that r is an application/problem+json answer with status.
func assertProblem(t *testing.T, r reply, status int, what string) bool {
	t.Helper()
	if !assert.NoError(t, r.err, what) || !assert.Equal(t, status, r.status, "%s: %s", what, r) {
		return false
	}
	ok := assert.Equal(t, "application/problem+json", r.header.Get("Content-Type"), what)
	var p struct {
		Status int    `json:"status"`
		Title  string `json:"title"`
		Detail string `json:"detail"`
	}
	ok = assert.NoError(t, json.Unmarshal(r.body, &p), "%s: the body is a JSON problem: %s", what, r.body) && ok
	ok = assert.Equal(t, status, p.Status, "%s: the problem's status", what) && ok
	ok = assert.NotEmpty(t, p.Detail, "%s: the problem's detail", what) && ok
	return ok
}

// privateCluster starts a PostgreSQL cluster of the test's own, in a temporary directory on a
// free port, stopped and removed when t ends, and returns it with the URL of a database on it.
func privateCluster(t *testing.T) (dbsetup.Cluster, string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "kb-faults-")
	require.NoError(t, err)
	// The cluster runs as the postgres user when the tests run as root: it must reach dir.
	require.NoError(t, os.Chmod(dir, 0o755))
	t.Cleanup(func() { os.RemoveAll(dir) })
	port, err := strconv.Atoi(strings.TrimPrefix(freeAddr(t), "127.0.0.1:"))
	require.NoError(t, err)
	bin, err := dbsetup.Binaries()
	require.NoError(t, err, "the fault tests start a PostgreSQL cluster of their own")
	cluster := dbsetup.Cluster{Dir: filepath.Join(dir, "pg"), Port: port, Bin: bin}

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	require.NoError(t, cluster.Start(ctx))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		_ = cluster.Stop(ctx)
	})
	dbURL, err := dbsetup.EnsureDatabase(ctx, cluster.URL(), "calcinosis_kb")
	require.NoError(t, err)
	return cluster, dbURL
}

// loadResult is one request made during a load.
type loadResult struct {
	path       string
	start, end time.Time
	firstByte  time.Time // zero when no response came
	status     int
	bodyErr    error // reading the body failed: a truncated answer
	err        error // no response at all
	validJSON  bool
}

// hammer runs workers that GET paths in turn until stop is closed, and returns what each got.
func hammer(client *http.Client, base string, paths []string, workers int, stop <-chan struct{}) func() []loadResult {
	var mu sync.Mutex
	var results []loadResult
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				res := loadResult{path: paths[i%len(paths)], start: time.Now()}
				trace := &httptrace.ClientTrace{GotFirstResponseByte: func() { res.firstByte = time.Now() }}
				req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace),
					http.MethodGet, base+res.path, nil)
				resp, err := client.Do(req)
				if err != nil {
					res.err = err
				} else {
					res.status = resp.StatusCode
					var body []byte
					body, res.bodyErr = io.ReadAll(resp.Body)
					resp.Body.Close()
					res.validJSON = json.Valid(body)
				}
				res.end = time.Now()
				mu.Lock()
				results = append(results, res)
				mu.Unlock()
				if err != nil {
					// Past the shutdown every dial is refused; do not spin on it.
					time.Sleep(5 * time.Millisecond)
				}
			}
		}()
	}
	return func() []loadResult {
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		return results
	}
}
