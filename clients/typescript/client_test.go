//go:build unix

// Package typescript_test builds the TypeScript client generated from openapi.yaml and runs its
// test against the real server on a fresh database, so that the contract and the server cannot
// drift apart unnoticed: a field the spec renames or drops breaks the client's type check, and a
// server that stops sending what the spec promises fails the client's assertions.
package typescript_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"calcinosiskb"
	"calcinosiskb/api"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

func TestMain(m *testing.M) {
	os.Exit(testdb.Main(m))
}

const installHint = "node (Node.js 20 or newer) and npm are needed to generate, build and test the " +
	"TypeScript client in clients/typescript; install them (Debian: apt-get install nodejs npm) " +
	"and put them on PATH"

func TestGeneratedClientAgainstServer(t *testing.T) {
	if testing.Short() {
		t.Skip("installs, generates and builds with npm: make test runs it, make check (-short) does not")
	}
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found on PATH (%v): %s", tool, err, installHint)
		}
	}
	t.Logf("node %s, npm %s", version(t, "node"), version(t, "npm"))

	var logs syncBuffer
	srv := httptest.NewServer(api.NewServer(slog.New(slog.NewTextHandler(&logs, nil)),
		postgres.New(testdb.New(t)), calcinosiskb.OpenAPI, api.Options{Context: t.Context()}))
	t.Cleanup(srv.Close)
	defer func() {
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	}()

	npm(t, 5*time.Minute, nil, "ci")
	npm(t, 2*time.Minute, nil, "run", "generate")
	// tsc does not delete output whose source is gone; start from an empty dist/ so that
	// `node --test dist/` runs only what this build compiled.
	if err := os.RemoveAll("dist"); err != nil {
		t.Fatal(err)
	}
	npm(t, 3*time.Minute, nil, "run", "build")
	npm(t, 3*time.Minute, []string{"KB_BASE_URL=" + srv.URL}, "test")
}

// npm runs npm with args in this directory, failing the test with its output if it fails or
// takes longer than timeout.
func npm(t *testing.T, timeout time.Duration, env []string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", args...)
	cmd.Env = append(os.Environ(),
		"npm_config_audit=false", "npm_config_fund=false", "npm_config_update_notifier=false")
	cmd.Env = append(cmd.Env, env...)
	// npm starts node in child processes: on timeout, end the whole process group.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out

	name := "npm " + strings.Join(args, " ")
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start).Round(time.Millisecond)
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		t.Fatalf("%s: timed out after %s:\n%s", name, timeout, out.String())
	case err != nil:
		t.Fatalf("%s: %v (after %s):\n%s", name, err, took, out.String())
	}
	t.Logf("%s: ok in %s\n%s", name, took, out.String())
}

func version(t *testing.T, tool string) string {
	t.Helper()
	out, err := exec.Command(tool, "--version").Output()
	if err != nil {
		t.Fatalf("%s --version: %v: %s", tool, err, installHint)
	}
	return strings.TrimSpace(string(out))
}

// syncBuffer collects the server's log lines, written from its request goroutines.
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
