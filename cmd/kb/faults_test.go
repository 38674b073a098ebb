package main

// Resilience tests: the service as it runs (run("serve") over real HTTP on a real PostgreSQL),
// facing a database outage, a shutdown under load, slow clients and oversize requests, and a
// sustained load after which it must return to its idle footprint.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/dbsetup"
	"calcinosiskb/internal/testdb"
)

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

// pgBinDir finds initdb and pg_ctl as dbsetup does: on PATH, else the newest under
// /usr/lib/postgresql.
func pgBinDir(t *testing.T) string {
	t.Helper()
	if path, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(path)
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	version := func(dir string) int { v, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir))); return v }
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) })
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
			return dir
		}
	}
	t.Fatal("the PostgreSQL binaries (initdb, pg_ctl) must be installed")
	return ""
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
	cluster := dbsetup.Cluster{Dir: filepath.Join(dir, "pg"), Port: port, Bin: pgBinDir(t)}

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

// TestFault_DatabaseOutage stops the database under a running service: the service keeps
// running and serves what it holds in memory (a 200, as before the outage), says in /readyz
// and /metrics that the database is down while staying ready, answers only what needs the
// database with 503 problems and Retry-After (never a 500, never a hang), and recovers by
// itself once the database is back.
func TestFault_DatabaseOutage(t *testing.T) {
	cluster, dbURL := privateCluster(t)
	clusterCtx := func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.Background(), 90*time.Second)
	}
	var ctx context.Context
	var cancel context.CancelFunc

	s := startService(t, map[string]string{"DATABASE_URL": dbURL})
	client := &http.Client{Timeout: 3 * time.Second}
	dataPaths := []string{"/v1/treatments", "/v1/treatments/surgical-excision", "/v1/search?q=excision"}
	for _, p := range append([]string{"/readyz"}, dataPaths...) {
		for range 2 { // the second is answered from memory
			r := fetch(client, s.url+p, nil)
			require.Equal(t, http.StatusOK, r.status, "%s before the outage: %s", p, r)
		}
	}
	var n atomic.Int64
	uncached := func() string { return fmt.Sprintf("/v1/search?q=outage+%d", n.Add(1)) }

	// Clients keep asking throughout the outage and the recovery: each gets a 200 or a 503
	// problem, never a 500, a broken connection or a hang, whatever moment its request hits.
	stopLoad := make(chan struct{})
	var stopOnce sync.Once
	collect := hammer(&http.Client{Timeout: 3 * time.Second}, s.url, append([]string{"/readyz", "/v1/search?q=outage"}, dataPaths...), 4, stopLoad)
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
	assert.NotEmpty(t, readyBody()["unavailable_since"])
	assert.Contains(t, string(fetch(client, s.url+"/metrics", nil).body), "\nkb_database_up 0\n")

	// What is held is served; what needs the database is a 503 problem with Retry-After.
	for round := 0; round < 3; round++ {
		for _, p := range dataPaths {
			r := fetch(client, s.url+p, nil)
			require.Equal(t, http.StatusOK, r.status, "%s, held in memory, during the outage: %s", p, r)
		}
		what := "a search never asked before, during the outage"
		r := fetch(client, s.url+uncached(), nil)
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

// slowReader GETs path over a connection with a small receive buffer and stops reading after
// the first bytes of the body, so that the server is still writing the answer; it reads the
// rest once resume is closed. It sends to started once the answer has begun.
func slowReader(base, path string, started chan<- struct{}, resume <-chan struct{}) <-chan reply {
	out := make(chan reply, 1)
	go func() {
		dialer := &net.Dialer{Timeout: 3 * time.Second, Control: func(_, _ string, c syscall.RawConn) error {
			var serr error
			err := c.Control(func(fd uintptr) {
				serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
			})
			return errors.Join(err, serr)
		}}
		client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DialContext: dialer.DialContext,
			DisableKeepAlives: true, ReadBufferSize: 1024}}
		start := time.Now()
		resp, err := client.Get(base + path)
		if err != nil {
			started <- struct{}{}
			out <- reply{err: err}
			return
		}
		defer resp.Body.Close()
		head := make([]byte, 512)
		n, err := io.ReadFull(resp.Body, head)
		started <- struct{}{}
		if err != nil {
			out <- reply{status: resp.StatusCode, header: resp.Header, err: err}
			return
		}
		<-resume
		rest, err := io.ReadAll(resp.Body)
		out <- reply{status: resp.StatusCode, header: resp.Header, body: append(head[:n], rest...), err: err, took: time.Since(start)}
	}()
	return out
}

// checkShutdownLoad asserts what a shutdown at cancelAt may and may not do to the requests of
// a load: nothing before it fails; every answer, whenever it came, is a complete 200 with a
// JSON body; the requests that were being answered at cancelAt completed.
func checkShutdownLoad(t *testing.T, results []loadResult, cancelAt time.Time) {
	t.Helper()
	var before, across, refused, racing int
	for _, r := range results {
		switch {
		case r.err != nil && r.end.Before(cancelAt):
			t.Errorf("GET %s failed before the shutdown began: %v", r.path, r.err)
		case r.err != nil && !r.start.Before(cancelAt):
			refused++ // sent after the shutdown began: the listener is closed
		case r.err != nil:
			// Sent before the shutdown, on a keep-alive connection the server had not yet
			// read from (the unavoidable HTTP/1.1 idle-close race): no answer had begun.
			racing++
		case r.status != http.StatusOK || r.bodyErr != nil || !r.validJSON:
			t.Errorf("GET %s (started %s before the shutdown) answered %d, body error %v, valid JSON %t",
				r.path, cancelAt.Sub(r.start), r.status, r.bodyErr, r.validJSON)
		case r.end.Before(cancelAt):
			before++
		default:
			if r.start.Before(cancelAt) {
				across++ // in flight when the shutdown began, answered in full
			}
		}
	}
	t.Logf("%d requests: %d answered before the shutdown, %d in flight at the shutdown and answered in full, "+
		"%d sent at the moment of the shutdown on a connection being closed, %d sent after it and refused",
		len(results), before, across, racing, refused)
	assert.Positive(t, before, "the load ran before the shutdown")
}

// TestFault_GracefulShutdownUnderLoad ends run's context (as SIGTERM does) while 32 clients
// load the service: requests in flight complete with whole 200 answers, run returns nil within
// the shutdown timeout, and afterwards nothing listens.
func TestFault_GracefulShutdownUnderLoad(t *testing.T) {
	const shutdownTimeout = 5 * time.Second
	s := startService(t, map[string]string{"DATABASE_URL": testdb.URL(t), "SHUTDOWN_TIMEOUT": shutdownTimeout.String(), "LOG_LEVEL": "warn"})

	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()
	stopLoad := make(chan struct{})
	collect := hammer(client, s.url, []string{"/v1/export", "/v1/treatments", "/v1/treatments?sort=evidence_level"}, 32, stopLoad)

	// A few answers of the export held half-read across the shutdown: they must complete.
	const held = 4
	started, resume := make(chan struct{}, held), make(chan struct{})
	var heldReplies []<-chan reply
	for range held {
		heldReplies = append(heldReplies, slowReader(s.url, "/v1/export", started, resume))
	}
	for range held {
		<-started
	}
	time.Sleep(500 * time.Millisecond) // the load runs

	cancelAt := time.Now()
	s.cancel()
	time.Sleep(300 * time.Millisecond) // the shutdown is under way while the held answers wait
	close(resume)
	var err error
	var took time.Duration
	select {
	case err = <-s.done:
		took = time.Since(cancelAt)
		s.done <- err
	case <-time.After(shutdownTimeout + 5*time.Second):
		t.Fatalf("run did not return within the shutdown timeout (%s) and a margin", shutdownTimeout)
	}
	close(stopLoad)
	assert.NoError(t, err, "a graceful shutdown returns nil")
	t.Logf("run returned %s after its context ended", took.Round(time.Millisecond))

	for i, ch := range heldReplies {
		r := <-ch
		if assert.NoError(t, r.err, "held answer %d", i) {
			assert.Equal(t, http.StatusOK, r.status, "held answer %d", i)
			assert.True(t, json.Valid(r.body), "held answer %d is whole JSON (%d bytes)", i, len(r.body))
		}
	}
	checkShutdownLoad(t, collect(), cancelAt)

	conn, err := net.DialTimeout("tcp", s.addr, time.Second)
	if err == nil {
		conn.Close()
	}
	assert.Error(t, err, "nothing accepts connections once run has returned")
}

// TestFault_SIGTERM builds the binary, loads it, and sends it SIGTERM: it finishes what it
// was answering and exits 0 within the shutdown timeout.
func TestFault_SIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "kb")
	buildCtx, cancelBuild := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancelBuild()
	out, err := exec.CommandContext(buildCtx, goBin, "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	addr := freeAddr(t)
	logs := &lockedBuffer{}
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+testdb.URL(t), "ADDR="+addr, "SHUTDOWN_TIMEOUT=5s", "LOG_LEVEL=info")
	cmd.Stderr = logs
	require.NoError(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		select {
		case <-exited:
		default:
			_ = cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("kb's logs:\n%s", logs.String())
		}
	})

	base := "http://" + addr
	probe := &http.Client{Timeout: 2 * time.Second}
	require.Eventually(t, func() bool { return fetch(probe, base+"/readyz", nil).status == http.StatusOK },
		60*time.Second, 50*time.Millisecond, "kb becomes ready")

	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	defer client.CloseIdleConnections()
	stopLoad := make(chan struct{})
	collect := hammer(client, base, []string{"/v1/export", "/v1/treatments"}, 16, stopLoad)
	started, resume := make(chan struct{}, 1), make(chan struct{})
	heldReply := slowReader(base, "/v1/export", started, resume)
	<-started
	time.Sleep(300 * time.Millisecond)

	cancelAt := time.Now()
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	time.Sleep(300 * time.Millisecond)
	close(resume)
	select {
	case err := <-exited:
		exited <- err
		assert.NoError(t, err, "kb exits 0 after SIGTERM")
		assert.Equal(t, 0, cmd.ProcessState.ExitCode())
		t.Logf("kb exited %d, %s after SIGTERM", cmd.ProcessState.ExitCode(), time.Since(cancelAt).Round(time.Millisecond))
	case <-time.After(10 * time.Second):
		t.Fatal("kb did not exit within the shutdown timeout (5s) and a margin after SIGTERM")
	}
	close(stopLoad)

	r := <-heldReply
	if assert.NoError(t, r.err, "the answer held across SIGTERM") {
		assert.Equal(t, http.StatusOK, r.status)
		assert.True(t, json.Valid(r.body), "the answer held across SIGTERM is whole JSON (%d bytes)", len(r.body))
	}
	checkShutdownLoad(t, collect(), cancelAt)
	assert.Contains(t, logs.String(), `"shutting down"`, "kb logs its shutdown")
}

// TestFault_SlowHeaderClients opens connections that send their request headers one byte a
// second (slowloris): other clients are still served at once, and the server drops each slow
// connection when its ReadHeaderTimeout (5s) runs out.
func TestFault_SlowHeaderClients(t *testing.T) {
	s := startService(t, map[string]string{"DATABASE_URL": testdb.URL(t), "LOG_LEVEL": "warn"})
	const slow = 200
	const request = "GET /v1/treatments HTTP/1.1\r\nHost: kb.test\r\nUser-Agent: one-byte-a-second\r\nAccept: application/json\r\n\r\n"

	type slowConn struct {
		opened, closed time.Time
		err            error
	}
	conns := make([]slowConn, slow)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range slow {
		conn, err := net.DialTimeout("tcp", s.addr, 3*time.Second)
		require.NoError(t, err, "slow connection %d", i)
		conns[i].opened = time.Now()
		wg.Add(2)
		go func() { // one byte a second until the server hangs up
			defer wg.Done()
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for j := 0; j < len(request); j++ {
				if _, err := conn.Write([]byte{request[j]}); err != nil {
					return
				}
				select {
				case <-tick.C:
				case <-stop:
					return
				}
			}
		}()
		go func() { // the server's hang-up ends the read
			defer wg.Done()
			defer conn.Close()
			_ = conn.SetReadDeadline(time.Now().Add(20 * time.Second))
			buf := make([]byte, 1024)
			for {
				if _, err := conn.Read(buf); err != nil {
					conns[i].closed, conns[i].err = time.Now(), err
					return
				}
			}
		}()
	}
	t.Cleanup(func() { close(stop); wg.Wait() })
	allOpen := time.Now()
	t.Logf("%d slow connections open in %s", slow, allOpen.Sub(conns[0].opened).Round(time.Millisecond))

	time.Sleep(time.Second)
	fast := &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for i := range 5 {
		for _, p := range []string{"/healthz", "/v1/treatments/surgical-excision"} {
			r := fetch(fast, s.url+p, nil)
			require.NoError(t, r.err, "%s #%d among slow clients", p, i)
			assert.Equal(t, http.StatusOK, r.status, "%s #%d", p, i)
			assert.Less(t, r.took, time.Second, "%s #%d answers in under a second among %d slow clients", p, i, slow)
		}
	}
	checkedAt := time.Now()

	wg.Wait() // every slow connection ended: the reads are bounded by their deadline
	var longest time.Duration
	var early int
	for i, c := range conns {
		var ne net.Error
		if errors.As(c.err, &ne) && ne.Timeout() {
			t.Errorf("slow connection %d was still open after 20s", i)
			continue
		}
		if c.closed.Before(checkedAt) {
			early++
		}
		open := c.closed.Sub(c.opened)
		longest = max(longest, open)
		assert.Less(t, open, 10*time.Second, "slow connection %d is dropped within 10s (ReadHeaderTimeout is 5s)", i)
	}
	assert.Zero(t, early, "the slow connections were all still open while the other clients were served")
	t.Logf("every slow connection was dropped by the server, the last after %s", longest.Round(time.Millisecond))
}

// TestLimits_HeaderAndURLSize sends headers of more than 16 KiB and URLs of more than 8 KiB:
// each is refused with a problem, 431 and 414, that names the limit.
func TestLimits_HeaderAndURLSize(t *testing.T) {
	s := startService(t, map[string]string{"DATABASE_URL": testdb.URL(t), "LOG_LEVEL": "warn"})
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}

	pad := func(n int) string { return strings.Repeat("x", n) }
	t.Run("headers within the limit pass", func(t *testing.T) {
		r := fetch(client, s.url+"/v1/treatments", http.Header{"X-Pad": {pad(8 << 10)}})
		assert.Equal(t, http.StatusOK, r.status, "%s", r)
	})
	for name, h := range map[string]http.Header{
		"one header of 17 KiB":   {"X-Pad": {pad(17 << 10)}},
		"one header of 24 KiB":   {"X-Pad": {pad(24 << 10)}},
		"one header of 64 KiB":   {"X-Pad": {pad(64 << 10)}},
		"40 headers of 512 B":    manyHeaders(40, 512),
		"one cookie of 16 KiB+1": {"Cookie": {"a=" + pad(16<<10-1)}},
	} {
		t.Run(name, func(t *testing.T) {
			for _, p := range []string{"/v1/treatments", "/healthz", "/no/such/path"} {
				assertProblem(t, fetch(client, s.url+p, h), http.StatusRequestHeaderFieldsTooLarge, name+" on "+p)
			}
		})
	}

	t.Run("a URL within the limit passes", func(t *testing.T) {
		r := fetch(client, s.url+"/healthz?pad="+pad(7<<10), nil)
		assert.Equal(t, http.StatusOK, r.status, "%s", r)
	})
	for name, path := range map[string]string{
		"query of 8 KiB+":      "/v1/treatments?q=" + pad(8<<10),
		"path of 8 KiB+":       "/v1/treatments/" + pad(8<<10),
		"query of 64 KiB":      "/healthz?pad=" + pad(64<<10),
		"unknown path, 9 KiB":  "/" + pad(9<<10),
		"many parameters, 9KB": "/v1/treatments?" + strings.Repeat("a=1&", 9<<10/4),
	} {
		t.Run(name, func(t *testing.T) {
			assertProblem(t, fetch(client, s.url+path, nil), http.StatusRequestURITooLong, name)
		})
	}
}

func manyHeaders(n, size int) http.Header {
	h := http.Header{}
	for i := range n {
		h.Set(fmt.Sprintf("X-Pad-%d", i), strings.Repeat("y", size))
	}
	return h
}

// TestLoad runs 128 connections against the service for KB_LOAD_SECONDS (5 by default) with a
// mix of lists, items, searches, exports and conditional requests: nothing fails, and once the
// load ends the goroutines and the heap go back to their idle level.
func TestLoad(t *testing.T) {
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

// clusterProcesses returns the pids of a running cluster: its postmaster and the postmaster's
// children (backends and background workers).
func clusterProcesses(t *testing.T, dir string) []int {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	require.NoError(t, err)
	postmaster, err := strconv.Atoi(strings.SplitN(string(raw), "\n", 2)[0])
	require.NoError(t, err)
	pids := []int{postmaster}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...; comm may hold spaces, so read after its closing parenthesis.
		fields := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(fields) > 1 && fields[1] == strconv.Itoa(postmaster) {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(path)))
			pids = append(pids, pid)
		}
	}
	return pids
}

// TestFault_DatabaseUnresponsive freezes the database (SIGSTOP on its processes: a server that
// accepts connections and never answers, as behind a network partition): requests must not
// hang with it; they get a 503 problem within a bounded time, and the service recovers when
// the database thaws.
func TestFault_DatabaseUnresponsive(t *testing.T) {
	cluster, dbURL := privateCluster(t)
	s := startService(t, map[string]string{"DATABASE_URL": dbURL, "REQUEST_TIMEOUT": "3s"})
	client := &http.Client{Timeout: 15 * time.Second}
	for _, p := range []string{"/readyz", "/v1/treatments/surgical-excision"} {
		r := fetch(client, s.url+p, nil)
		require.Equal(t, http.StatusOK, r.status, "%s before the freeze: %s", p, r)
	}

	pids := clusterProcesses(t, cluster.Dir)
	thaw := func() {
		for _, pid := range pids {
			_ = syscall.Kill(pid, syscall.SIGCONT)
		}
	}
	t.Cleanup(thaw) // first of the cleanups: the service and the cluster stop only once thawed
	for _, pid := range pids {
		require.NoError(t, syscall.Kill(pid, syscall.SIGSTOP))
	}
	t.Logf("froze the database's %d processes", len(pids))

	// A client that waits up to 10s must get its answer, a 503 problem, within 8s.
	frozen := []string{"/readyz", "/v1/treatments/surgical-excision", "/v1/treatments", "/v1/export", "/v1/search?q=frozen"}
	replies := make([]reply, len(frozen))
	var wg sync.WaitGroup
	for i, p := range frozen {
		wg.Add(1)
		go func() {
			defer wg.Done()
			replies[i] = fetch(&http.Client{Timeout: 10 * time.Second}, s.url+p, nil)
		}()
	}
	wg.Wait()
	for i, p := range frozen {
		r := replies[i]
		t.Logf("%s with the database frozen: %s", p, r)
		if assert.NoError(t, r.err, "%s must not hang with the database frozen", p) {
			assert.Less(t, r.took, 8*time.Second, "%s answers within 8s with the database frozen", p)
			if strings.HasPrefix(p, "/v1/search") {
				assertProblem(t, r, http.StatusServiceUnavailable, p+" with the database frozen")
			} else {
				// Held in memory (and /readyz ready while a version is held): served as before.
				assert.Equal(t, http.StatusOK, r.status, "%s with the database frozen: %s", p, r)
			}
		}
	}

	thaw()
	deadline := time.Now().Add(30 * time.Second)
	for _, p := range []string{"/readyz", "/v1/treatments/surgical-excision"} {
		for {
			r := fetch(client, s.url+p, nil)
			if r.err == nil && r.status == http.StatusOK {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s still answers %s 30s after the database thawed", p, r)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	took, err := s.stop(t, 15*time.Second)
	assert.NoError(t, err)
	t.Logf("stopped in %s", took.Round(time.Millisecond))
}
