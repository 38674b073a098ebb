package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/testdb"
)

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
		client := &http.Client{Timeout: 90 * time.Second, Transport: &http.Transport{DialContext: dialer.DialContext,
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
	skipIfShort(t)
	// Timeouts far above what a request takes even under the race detector on a busy machine:
	// this test is about what a shutdown does to the load, not about how fast it goes.
	const shutdownTimeout = 30 * time.Second
	s := startService(t, map[string]string{"DATABASE_URL": testdb.URL(t), "SHUTDOWN_TIMEOUT": shutdownTimeout.String(),
		"REQUEST_TIMEOUT": "60s", "LOG_LEVEL": "warn"})

	client := &http.Client{Timeout: 90 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
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
	case <-time.After(shutdownTimeout + 30*time.Second): // generous: only a hang reaches it
		t.Fatalf("run did not return within the shutdown timeout (%s) and a generous margin", shutdownTimeout)
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
	skipIfShort(t)
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
	cmd.Env = append(os.Environ(), "DATABASE_URL="+testdb.URL(t), "ADDR="+addr, "SHUTDOWN_TIMEOUT=30s", "REQUEST_TIMEOUT=60s", "LOG_LEVEL=info")
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

	client := &http.Client{Timeout: 90 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
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
	case <-time.After(60 * time.Second): // the shutdown timeout (30s) and a generous margin
		t.Fatal("kb did not exit within the shutdown timeout (30s) and a generous margin after SIGTERM")
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
