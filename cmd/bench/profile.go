package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// profileTopLines is how many functions of each CPU profile the report keeps.
const profileTopLines = 12

// profiling is a CPU profile of the API being taken over its pprof listener.
type profiling struct {
	path string
	done chan error
}

// startProfile starts a CPU profile of the server over d (whole seconds, at least one), to be
// written as <name>-<label>.pprof in its profile directory; nil when the server has no pprof
// listener (nginx).
func (s server) startProfile(ctx context.Context, name string, d time.Duration) *profiling {
	if s.pprof == "" {
		return nil
	}
	p := &profiling{path: filepath.Join(s.profileDir, name+"-"+s.label+".pprof"), done: make(chan error, 1)}
	seconds := max(1, int(d.Round(time.Second).Seconds()))
	go func() {
		p.done <- fetchProfile(ctx, s.pprof+"/debug/pprof/profile?seconds="+strconv.Itoa(seconds), p.path)
	}()
	return p
}

// wait returns the profile's path and its top functions by own CPU time, once it is written.
func (p *profiling) wait(ctx context.Context) (string, []string, error) {
	if p == nil {
		return "", nil, nil
	}
	if err := <-p.done; err != nil {
		return "", nil, fmt.Errorf("CPU profile %s: %w", p.path, err)
	}
	top, err := topFunctions(ctx, p.path, profileTopLines)
	return p.path, top, err
}

func fetchProfile(ctx context.Context, url, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
		return fmt.Errorf("%s: %s", resp.Status, b)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// topFunctions returns what go tool pprof -top says of the profile at path: its duration and
// total samples, then the n functions that used the most CPU themselves (flat), with their
// cumulative time. A profile carries its functions' names, so no binary is needed.
func topFunctions(ctx context.Context, path string, n int) ([]string, error) {
	out, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-nodecount="+strconv.Itoa(n), path).Output()
	if err != nil {
		return nil, fmt.Errorf("go tool pprof -top %s: %w", path, err)
	}
	var lines []string
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "File:"), strings.HasPrefix(line, "Type:"), strings.HasPrefix(line, "Time:"),
			strings.HasPrefix(line, "Build ID:"), strings.HasPrefix(line, "Dropped"), strings.HasPrefix(line, "Showing top"):
			continue
		}
		lines = append(lines, line)
	}
	return lines, nil
}
