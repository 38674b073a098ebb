package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// process is a child process the bench started and stops.
type process struct {
	name   string
	cmd    *exec.Cmd
	exited chan struct{} // closed when the process has exited
	err    error         // its exit status, once exited is closed

	mu       sync.Mutex
	peakSeen int64 // the highest VmHWM read so far, across resets
}

// startProcess starts cmd in a process group of its own, so that a Ctrl-C at the terminal
// reaches only the bench, which then stops it in order. Should the bench die without
// cleaning up, the kernel sends the child SIGTERM.
func startProcess(name string, cmd *exec.Cmd) (*process, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &process{name: name, cmd: cmd, exited: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

func (p *process) pid() int { return p.cmd.Process.Pid }

// running reports an error if the process has already exited.
func (p *process) running() error {
	select {
	case <-p.exited:
		return fmt.Errorf("%s exited: %v", p.name, p.err)
	default:
		return nil
	}
}

// stop sends sig and waits for the process to exit, killing it after timeout.
func (p *process) stop(sig syscall.Signal, timeout time.Duration) error {
	select {
	case <-p.exited:
		return nil
	default:
	}
	if err := p.cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	select {
	case <-p.exited:
		return nil
	case <-time.After(timeout):
		_ = p.cmd.Process.Kill()
		<-p.exited
		return fmt.Errorf("%s did not stop within %s and was killed", p.name, timeout)
	}
}

// resetPeakRSS resets the kernel's high-water mark of the process's resident set (VmHWM), so
// that the next read gives the peak of what ran in between.
func (p *process) resetPeakRSS() error {
	p.notePeak()
	return os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", p.pid()), []byte("5"), 0)
}

// peakRSS returns the process's peak resident set size in bytes since start or the last reset.
func (p *process) peakRSS() (int64, error) { return p.status("VmHWM") }

// rss returns the process's resident set size in bytes.
func (p *process) rss() (int64, error) { return p.status("VmRSS") }

// status returns a size in bytes from /proc/<pid>/status, such as VmHWM.
func (p *process) status(field string) (int64, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.pid()))
	if err != nil {
		return 0, err
	}
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("parse %s %q: %w", field, rest, err)
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("no %s in /proc/<pid>/status", field)
}

// notePeak folds the current VmHWM into the peak over the process's life.
func (p *process) notePeak() {
	if rss, err := p.peakRSS(); err == nil {
		p.mu.Lock()
		p.peakSeen = max(p.peakSeen, rss)
		p.mu.Unlock()
	}
}

// lifetimePeakRSS returns the highest resident set size seen over the process's life, across
// the resets between phases.
func (p *process) lifetimePeakRSS() int64 {
	p.notePeak()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.peakSeen
}

// clockTicks is the unit of /proc/<pid>/stat's CPU times: USER_HZ, 100 on Linux.
const clockTicks = 100

// procStat is what the bench reads of /proc/<pid>/stat.
type procStat struct {
	pid, ppid int
	comm      string
	ticks     uint64 // CPU time used, user and system, in clock ticks
}

func readProcStat(pid string) (procStat, error) {
	stat, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return procStat{}, err
	}
	// The command name, in parentheses, may hold spaces: fields are counted after it.
	open, end := bytes.IndexByte(stat, '('), bytes.LastIndexByte(stat, ')')
	if open < 0 || end < open {
		return procStat{}, errors.New("malformed /proc/<pid>/stat")
	}
	fields := strings.Fields(string(stat[end+1:]))
	// After the name: state is field 3 of the file, ppid 4, utime 14, stime 15.
	if len(fields) < 13 {
		return procStat{}, errors.New("short /proc/<pid>/stat")
	}
	p := procStat{comm: string(stat[open+1 : end])}
	var errs [4]error
	p.pid, errs[0] = strconv.Atoi(strings.TrimSpace(string(stat[:open])))
	p.ppid, errs[1] = strconv.Atoi(fields[1])
	utime, err2 := strconv.ParseUint(fields[11], 10, 64)
	stime, err3 := strconv.ParseUint(fields[12], 10, 64)
	errs[2], errs[3] = err2, err3
	p.ticks = utime + stime
	return p, errors.Join(errs[:]...)
}

// cpuSnapshot is the CPU time of every process at one moment, by pid.
type cpuSnapshot map[int]procStat

func takeCPUSnapshot() cpuSnapshot {
	snap := cpuSnapshot{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if e.Name()[0] < '0' || e.Name()[0] > '9' {
			continue
		}
		if p, err := readProcStat(e.Name()); err == nil {
			snap[p.pid] = p
		}
	}
	return snap
}

// cpuSince returns the CPU time used since before by the processes that match; a process
// that started in between counts whole, one that ended in between is missed.
func (after cpuSnapshot) cpuSince(before cpuSnapshot, match func(procStat) bool) time.Duration {
	var ticks uint64
	for pid, p := range after {
		if !match(p) {
			continue
		}
		ticks += p.ticks
		if b, ok := before[pid]; ok && b.comm == p.comm {
			ticks -= min(b.ticks, p.ticks)
		}
	}
	return time.Duration(ticks) * time.Second / clockTicks
}

// processTree matches the process pid and its children, such as nginx's master and workers.
func processTree(pid int) func(procStat) bool {
	return func(p procStat) bool { return p.pid == pid || p.ppid == pid }
}

// loadAverage returns the first three fields of /proc/loadavg.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// waitFor polls check every 50 ms until it returns nil, the process exits, or timeout passes.
func waitFor(ctx context.Context, p *process, timeout time.Duration, check func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var last error
	for {
		if err := p.running(); err != nil {
			return err
		}
		if last = check(ctx); last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s not ready after %s: %w", p.name, timeout, last)
		case <-time.After(50 * time.Millisecond):
		}
	}
}
