package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// request is one request type of the mix: a fixed GET and the status it must get.
type request struct {
	name        string
	path        string
	header      http.Header // If-None-Match for the conditional GET; Accept-Encoding for a gzip row
	conditional bool        // answered 304: the header names the current ETag
	expect      int         // the one status that counts as success
	body        []byte      // the exact bytes of the answer to the GET, as sent (compressed for a gzip row)
	encoding    string      // the answer's Content-Encoding: "" or "gzip"
	distinct    bool        // a distinct query each time (appended to path), so none is answered from memory
}

// mixSpec is the fixed mix: an item, a filtered and sorted list, a search, a conditional GET
// that names the item's current ETag and so is answered 304 Not Modified, and the export, each
// asked for plain and, as a browser asks, with Accept-Encoding: gzip (nginx then serves the
// API's gzip bytes as a precompressed file). The export runs last, since the memory it takes
// stays in the API's resident set for a while and would otherwise count in the peak of the
// next request type.
var mixSpec = []struct {
	name, path                  string
	conditional, distinct, gzip bool
}{
	{"item", "/v1/treatments/surgical-excision", false, false, false},
	{"item-gzip", "/v1/treatments/surgical-excision", false, false, true},
	{"list", "/v1/treatments?category=pharmacologic&sort=evidence_level", false, false, false},
	{"list-gzip", "/v1/treatments?category=pharmacologic&sort=evidence_level", false, false, true},
	{"search", "/v1/search?q=digital+ulcers", false, false, false},
	{"search-gzip", "/v1/search?q=digital+ulcers", false, false, true},
	// The API gets "digital ulcers 1", "digital ulcers 2"...: a search never answered before,
	// computed by the database each time; nginx serves the bytes of the plain one.
	{"search-distinct", "/v1/search?q=digital+ulcers", false, true, false},
	{"conditional", "/v1/treatments/warfarin", true, false, false},
	{"export", "/v1/export", false, false, false},
	{"export-gzip", "/v1/export", false, false, true},
}

// fetchMix GETs each request of the mix once from the server at base, keeping the answer's
// bytes, and sets up the conditional GET with the ETag the server sent; it checks that the
// server answers it 304, and that a gzip row's answer is compressed.
func fetchMix(ctx context.Context, base string) ([]request, error) {
	mix := make([]request, 0, len(mixSpec))
	for _, spec := range mixSpec {
		req := request{name: spec.name, path: spec.path, expect: http.StatusOK, distinct: spec.distinct, conditional: spec.conditional}
		if spec.gzip {
			req.header = http.Header{"Accept-Encoding": {"gzip"}}
		}
		got, err := get(ctx, base+spec.path, req.header, http.StatusOK)
		if err != nil {
			return nil, err
		}
		req.body, req.encoding = got.body, got.encoding
		if spec.gzip && got.encoding != "gzip" {
			return nil, fmt.Errorf("GET %s with Accept-Encoding: gzip: answered %q, not gzip", spec.path, got.encoding)
		}
		if spec.conditional {
			if got.etag == "" {
				return nil, fmt.Errorf("GET %s sent no ETag", spec.path)
			}
			req.header = http.Header{"If-None-Match": {got.etag}}
			req.expect = http.StatusNotModified
			if _, err := get(ctx, base+spec.path, req.header, http.StatusNotModified); err != nil {
				return nil, err
			}
		}
		mix = append(mix, req)
	}
	return mix, nil
}

// fetched is what get read of an answer.
type fetched struct {
	body           []byte
	etag, encoding string
}

// get sends one GET and returns the body as sent (not decompressed), ETag and encoding, or an
// error unless the status is want. Without an Accept-Encoding in header it asks for the plain
// representation, with its own ETag, as the load does (see runLoad).
func get(ctx context.Context, url string, header http.Header, want int) (fetched, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fetched{}, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	// Set explicitly, so that the transport passes a compressed body on as it is.
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "identity")
	}
	client := &http.Client{Timeout: 2 * time.Minute}
	resp, err := client.Do(req)
	if err != nil {
		return fetched{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fetched{}, fmt.Errorf("GET %s: %w", url, err)
	}
	if resp.StatusCode != want {
		return fetched{}, fmt.Errorf("GET %s: %s, want %d: %.300s", url, resp.Status, want, body)
	}
	return fetched{body: body, etag: resp.Header.Get("ETag"), encoding: resp.Header.Get("Content-Encoding")}, nil
}

// result is what one load run measured.
type result struct {
	Connections int            `json:"connections"`
	Requests    int            `json:"requests"`
	Seconds     float64        `json:"seconds"`
	RPS         float64        `json:"rps"`
	P50Ms       float64        `json:"p50_ms"`
	P90Ms       float64        `json:"p90_ms"`
	P99Ms       float64        `json:"p99_ms"`
	MaxMs       float64        `json:"max_ms"`
	Errors      int            `json:"errors"`
	ErrorKinds  map[string]int `json:"error_kinds,omitempty"`
	// PeakRSSBytes is the API's peak resident set during this run (VmHWM, reset before it).
	PeakRSSBytes int64 `json:"peak_rss_bytes,omitempty"`
	// CPU is where the machine's CPU time went during the run.
	CPU cpuShare `json:"cpu"`
	// CPUProfile is the API's CPU profile of the run (not taken of nginx), and CPUTop the top
	// of go tool pprof -top on it.
	CPUProfile string   `json:"cpu_profile,omitempty"`
	CPUTop     []string `json:"cpu_profile_top,omitempty"`
}

// cpuShare splits the CPU time of a run, each in percent of one core (the machine has
// cores×100): the server under load (the API, or nginx's master and workers), the load
// generator (this process), the PostgreSQL backends serving the API's database (when the
// server runs on this machine; a backend that ended during the run, as one whose query was
// cancelled does, is missed), and everything else, which on a shared machine includes other
// people's work.
type cpuShare struct {
	Server    float64 `json:"server_percent"`
	Generator float64 `json:"generator_percent"`
	Postgres  float64 `json:"postgres_percent"`
	Other     float64 `json:"other_percent"`
	Busy      float64 `json:"busy_percent"`
}

// server is what a load run drives: the API or nginx, as a child process at base.
type server struct {
	proc    *process
	base    string
	peakRSS bool // take the process's peak RSS (the API's; nginx's is not compared)
	// db is the database the server reads, on the PostgreSQL server at pgURL, whose backend
	// processes' CPU time counts as the run's PostgreSQL time; empty for nginx.
	db, pgURL string
	// pprof is the API's pprof listener, whose CPU profile of each run is written to
	// profileDir, its name ending in label; empty for nginx.
	pprof, profileDir, label string
}

// measure warms the server up with the request, then measures it for opts.duration at conns
// connections, with its CPU time, its CPU profile when it has a pprof listener and, when
// asked, its peak RSS.
func measure(ctx context.Context, srv server, req request, conns int, opts options) (result, error) {
	if opts.warmup > 0 {
		if _, err := runLoad(ctx, srv.base, req, conns, opts.warmup); err != nil {
			return result{}, err
		}
	}
	if srv.peakRSS {
		if err := srv.proc.resetPeakRSS(); err != nil {
			return result{}, fmt.Errorf("reset peak RSS: %w", err)
		}
	}
	prof := srv.startProfile(ctx, req.name, opts.duration)
	procsBefore := takeCPUSnapshot()
	machineBefore, _ := readCPUStat()
	res, err := runLoad(ctx, srv.base, req, conns, opts.duration)
	if err != nil {
		return result{}, err
	}
	if res.CPUProfile, res.CPUTop, err = prof.wait(ctx); err != nil {
		return result{}, err
	}
	machineAfter, err := readCPUStat()
	if err != nil {
		return result{}, err
	}
	procsAfter := takeCPUSnapshot()
	if err := srv.proc.running(); err != nil {
		return result{}, err
	}
	if srv.peakRSS {
		if res.PeakRSSBytes, err = srv.proc.peakRSS(); err != nil {
			return result{}, err
		}
	}
	seconds := machineAfter.seconds(machineBefore)
	percent := func(match func(procStat) bool) float64 {
		return 100 * procsAfter.cpuSince(procsBefore, match).Seconds() / seconds
	}
	self := os.Getpid()
	backends, err := backendPIDs(ctx, srv.pgURL, srv.db)
	if err != nil {
		return result{}, err
	}
	res.CPU = cpuShare{
		Server:    percent(processTree(srv.proc.pid())),
		Generator: percent(func(p procStat) bool { return p.pid == self }),
		Postgres:  percent(func(p procStat) bool { return backends[p.pid] }),
		Busy:      machineAfter.busyPercentSince(machineBefore) * float64(machineAfter.cores),
	}
	res.CPU.Other = max(0, res.CPU.Busy-res.CPU.Server-res.CPU.Generator-res.CPU.Postgres)
	return res, nil
}

// runLoad drives GET req.path at base for d with vegeta's attacker in closed loop: conns
// workers over at most conns keep-alive connections, each worker sending its next request as
// soon as its last one is answered (rate 0 means as fast as the workers go). Bodies are read
// to the end and thrown away, so that connections are reused.
func runLoad(ctx context.Context, base string, req request, conns int, d time.Duration) (result, error) {
	noProxy := func(*http.Request) (*url.URL, error) { return nil, nil }
	atk := vegeta.NewAttacker(
		vegeta.Workers(uint64(conns)), vegeta.MaxWorkers(uint64(conns)),
		vegeta.Connections(conns), vegeta.MaxConnections(conns),
		vegeta.KeepAlive(true), vegeta.HTTP2(false), vegeta.MaxBody(0),
		vegeta.Timeout(30*time.Second), vegeta.Redirects(vegeta.NoFollow), vegeta.Proxy(noProxy),
	)
	stopped := make(chan struct{})
	defer close(stopped)
	go func() {
		select {
		case <-ctx.Done():
			atk.Stop()
		case <-stopped:
		}
	}()

	// Plain answers on both sides unless the row asks for gzip: Go's transport would otherwise
	// ask for gzip and spend the generator's CPU inflating it. An Accept-Encoding set here
	// also keeps it from inflating a gzip row's bodies, which are read and thrown away as sent.
	header := req.header.Clone()
	if header == nil {
		header = http.Header{}
	}
	if header.Get("Accept-Encoding") == "" {
		header.Set("Accept-Encoding", "identity")
	}
	target := vegeta.Target{Method: http.MethodGet, URL: base + req.path, Header: header}
	targeter := vegeta.NewStaticTargeter(target)
	if req.distinct {
		var n atomic.Int64
		targeter = func(t *vegeta.Target) error {
			*t = target
			t.URL += "+" + strconv.FormatInt(n.Add(1), 10)
			return nil
		}
	}
	res := result{Connections: conns}
	latencies := make([]time.Duration, 0, 1<<16)
	start := time.Now()
	end := start
	for r := range atk.Attack(targeter, vegeta.ConstantPacer{}, d, req.name) {
		latencies = append(latencies, r.Latency)
		if e := r.End(); e.After(end) {
			end = e
		}
		if r.Error != "" || int(r.Code) != req.expect {
			res.Errors++
			if res.ErrorKinds == nil {
				res.ErrorKinds = map[string]int{}
			}
			res.ErrorKinds[errorKind(r)]++
		}
	}
	if err := ctx.Err(); err != nil {
		return result{}, err
	}
	res.Requests = len(latencies)
	res.Seconds = end.Sub(start).Seconds()
	if res.Requests == 0 || res.Seconds <= 0 {
		return result{}, fmt.Errorf("%s: no request completed", req.name)
	}
	res.RPS = float64(res.Requests) / res.Seconds
	slices.Sort(latencies)
	res.P50Ms = ms(quantile(latencies, 0.50))
	res.P90Ms = ms(quantile(latencies, 0.90))
	res.P99Ms = ms(quantile(latencies, 0.99))
	res.MaxMs = ms(latencies[len(latencies)-1])
	return res, nil
}

// errorKind names a failed result by its status, or by its error when it got none.
func errorKind(r *vegeta.Result) string {
	if r.Code != 0 {
		return "status " + strconv.Itoa(int(r.Code))
	}
	if len(r.Error) > 80 {
		return r.Error[:80]
	}
	return r.Error
}

// quantile returns the nearest-rank q-quantile of sorted.
func quantile(sorted []time.Duration, q float64) time.Duration {
	i := int(float64(len(sorted))*q+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cpuStat is the machine-wide line of /proc/stat, in clock ticks summed over every core.
type cpuStat struct {
	idle, total uint64
	cores       int
}

func readCPUStat() (cpuStat, error) {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return cpuStat{}, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return cpuStat{}, fmt.Errorf("read /proc/stat: %v", sc.Err())
	}
	line := sc.Text()
	fields := strings.Fields(line)
	if len(fields) < 5 || fields[0] != "cpu" {
		return cpuStat{}, fmt.Errorf("unexpected /proc/stat line %q", line)
	}
	var s cpuStat
	// user nice system idle iowait irq softirq steal; guest time is already in user.
	for i, f := range fields[1:min(len(fields), 9)] {
		v, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			return cpuStat{}, err
		}
		s.total += v
		if i == 3 || i == 4 { // idle, iowait
			s.idle += v
		}
	}
	for sc.Scan() { // one cpuN line per online core
		if strings.HasPrefix(sc.Text(), "cpu") {
			s.cores++
		}
	}
	return s, sc.Err()
}

// busyPercentSince returns the share of the machine's CPU time in use since before, 0 to 100.
func (s cpuStat) busyPercentSince(before cpuStat) float64 {
	total := s.total - before.total
	if total == 0 {
		return 0
	}
	return 100 * float64(total-(s.idle-before.idle)) / float64(total)
}

// seconds returns the wall time since before, from the ticks of all cores.
func (s cpuStat) seconds(before cpuStat) float64 {
	return float64(s.total-before.total) / clockTicks / float64(max(s.cores, 1))
}

// backendPIDs returns the process ids of the PostgreSQL backends connected to database db.
func backendPIDs(ctx context.Context, pgURL, db string) (map[int]bool, error) {
	pids := map[int]bool{}
	if db == "" {
		return pids, nil
	}
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	rows, err := conn.Query(ctx, "SELECT pid FROM pg_stat_activity WHERE datname = $1", db)
	if err != nil {
		return nil, err
	}
	list, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	for _, pid := range list {
		pids[int(pid)] = true
	}
	return pids, err
}
