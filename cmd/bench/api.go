package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// buildAPI builds ./cmd/kb into dir and returns the binary's path.
func buildAPI(ctx context.Context, root, dir string) (string, error) {
	bin := filepath.Join(dir, "kb")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/kb")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/kb: %w\n%s", err, out)
	}
	return bin, nil
}

// apiServer is the API running as a child process on a loopback port.
type apiServer struct {
	proc  *process
	base  string // http://127.0.0.1:<port>
	pprof string // http://127.0.0.1:<port> of its pprof listener (PPROF_ADDR)
}

// startAPI starts the API binary on databaseURL at a free loopback port, with its pprof
// listener on another and cacheBytes for CACHE_MAX_BYTES, its log going to logPath, waits
// until /readyz answers 200, and registers its stop.
func startAPI(ctx context.Context, bin, databaseURL, logLevel string, cacheBytes int64, logPath string, cleanup *cleanups) (*apiServer, error) {
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	pprofAddr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close() // the child holds its own descriptor

	cmd := exec.Command(bin, "serve")
	cmd.Env = append(environWithout("DATABASE_URL", "ADDR", "LOG_LEVEL", "PPROF_ADDR", "CACHE_MAX_BYTES"),
		"DATABASE_URL="+databaseURL, "ADDR="+addr, "LOG_LEVEL="+logLevel, "PPROF_ADDR="+pprofAddr,
		"CACHE_MAX_BYTES="+strconv.FormatInt(cacheBytes, 10))
	cmd.Stdout, cmd.Stderr = logFile, logFile
	proc, err := startProcess("the API on "+addr, cmd)
	if err != nil {
		return nil, err
	}
	cleanup.add(fmt.Sprintf("stop the API (pid %d)", proc.pid()), func(context.Context) error {
		return proc.stop(syscall.SIGTERM, 15*time.Second)
	})
	s := &apiServer{proc: proc, base: "http://" + addr, pprof: "http://" + pprofAddr}
	client := &http.Client{Timeout: 2 * time.Second}
	err = waitFor(ctx, proc, 60*time.Second, func(ctx context.Context) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/readyz", nil)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("/readyz: %s", resp.Status)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w (log: %s)", err, tail(logPath, 2000))
	}
	return s, nil
}

// freeLoopbackAddr returns a loopback address with a port that was free a moment ago.
func freeLoopbackAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// environWithout returns this process's environment less the named variables.
func environWithout(names ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		keep := true
		for _, n := range names {
			keep = keep && name != n
		}
		if keep {
			env = append(env, kv)
		}
	}
	return env
}

// tail returns at most the last n bytes of the file at path, for error messages.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return strings.TrimSpace(string(b))
}
