package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
// hang with it; each gets a 503 problem (REQUEST_TIMEOUT is 3s) before a generous deadline, and
// the service recovers when the database thaws. The times are logged.
func TestFault_DatabaseUnresponsive(t *testing.T) {
	skipIfShort(t)
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

	// Each client gets its answer: what is held in memory as before, a 503 problem for what
	// needs the database; the clients' 60s timeout only keeps a hang from hanging the test.
	frozen := []string{"/readyz", "/v1/treatments/surgical-excision", "/v1/treatments", "/v1/export", "/v1/search?q=frozen"}
	replies := make([]reply, len(frozen))
	var wg sync.WaitGroup
	for i, p := range frozen {
		wg.Add(1)
		go func() {
			defer wg.Done()
			replies[i] = fetch(&http.Client{Timeout: 60 * time.Second}, s.url+p, nil)
		}()
	}
	wg.Wait()
	for i, p := range frozen {
		r := replies[i]
		t.Logf("%s with the database frozen: %s", p, r)
		if assert.NoError(t, r.err, "%s must not hang with the database frozen", p) {
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
