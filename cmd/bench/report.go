package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// report is everything a run measured, printed and written as JSON so that runs can be compared.
type report struct {
	Time    string        `json:"time"`
	Options reportOptions `json:"options"`
	Machine machineReport `json:"machine"`
	// Requests has one row per request type of the mix.
	Requests []row `json:"requests"`
	// API is the API on the normal database; its peak RSS is over the whole run.
	API processReport `json:"api"`
	// GrownAPI is the API on the grown database, when there was a growth run.
	GrownAPI *processReport `json:"grown_api,omitempty"`
	Growth   *growthReport  `json:"growth,omitempty"`
	// Crafted is what many distinct crafted URLs left in the API's memory, when sent.
	Crafted *craftedReport `json:"crafted,omitempty"`
	Explain *explainReport `json:"explain"`
	Targets []targetResult `json:"targets"`
}

type reportOptions struct {
	Duration                string `json:"duration"`
	Warmup                  string `json:"warmup"`
	Connections             int    `json:"connections"`
	Growth                  int    `json:"growth"`
	GrowthExportConnections int    `json:"growth_export_connections"`
	LogLevel                string `json:"log_level"`
	LoadGenerator           string `json:"load_generator"`
}

type machineReport struct {
	Cores           int    `json:"cores"`
	GoVersion       string `json:"go_version"`
	PostgresVersion string `json:"postgres_version"`
	NginxVersion    string `json:"nginx_version"`
	// LoadBefore and LoadAfter are /proc/loadavg's 1, 5 and 15 minute averages around the runs.
	LoadBefore string `json:"load_before"`
	LoadAfter  string `json:"load_after"`
}

type processReport struct {
	PeakRSSBytes int64 `json:"peak_rss_bytes"`
}

type growthReport struct {
	Factor   int       `json:"factor"`
	Database string    `json:"database"`
	Rows     rowCounts `json:"rows"`
	Seconds  float64   `json:"seconds"`
}

// row is one request type: the API, nginx serving the same bytes, and the API on the grown database.
type row struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Expect int    `json:"expect_status"`
	Bytes  int    `json:"bytes"` // of the 200 answer (the conditional GET's 304 has none)
	API    result `json:"api"`
	Nginx  result `json:"nginx"`
	// Ratio is the API's requests/s over nginx's.
	Ratio            float64 `json:"ratio"`
	Grown            *result `json:"grown,omitempty"`
	GrownBytes       int     `json:"grown_bytes,omitempty"`
	GrownConnections int     `json:"grown_connections,omitempty"`
	// GrownRPSRatio and GrownP99Ratio compare the grown run with the normal one (grown/normal).
	GrownRPSRatio float64 `json:"grown_rps_ratio,omitempty"`
	GrownP99Ratio float64 `json:"grown_p99_ratio,omitempty"`
}

type targetResult struct {
	Target string `json:"target"`
	Got    string `json:"got"`
	Met    bool   `json:"met"`
}

func newReport(opts options) *report {
	return &report{
		Time: time.Now().UTC().Format(time.RFC3339),
		Options: reportOptions{
			Duration: opts.duration.String(), Warmup: opts.warmup.String(), Connections: opts.connections,
			Growth: opts.growth, GrowthExportConnections: opts.growthExportConns, LogLevel: opts.logLevel,
			LoadGenerator: "vegeta v12 library, closed loop (rate 0, workers = connections, keep-alive)",
		},
		Machine: machineReport{Cores: runtime.NumCPU(), GoVersion: runtime.Version()},
	}
}

func (r *report) add(rw row) {
	if rw.Nginx.RPS > 0 {
		rw.Ratio = rw.API.RPS / rw.Nginx.RPS
	}
	if rw.Grown != nil && rw.API.RPS > 0 && rw.API.P99Ms > 0 {
		rw.GrownRPSRatio = rw.Grown.RPS / rw.API.RPS
		rw.GrownP99Ratio = rw.Grown.P99Ms / rw.API.P99Ms
	}
	r.Requests = append(r.Requests, rw)
}

func (r *report) row(name string) *row {
	for i := range r.Requests {
		if r.Requests[i].Name == name {
			return &r.Requests[i]
		}
	}
	return nil
}

// Thresholds of the targets for serving from memory (the search of the mix is a repeated one,
// so it is answered from memory too); "unchanged" allows for the noise of a shared machine.
const (
	itemRatioMin       = 0.8
	listRatioMin       = 0.8
	searchRatioMin     = 0.8
	distinctRatioMin   = 0.3 // a search never answered before, computed by the database
	gzipRatioMin       = 0.8 // the gzip rows, against nginx serving the API's gzip bytes
	p99MaxMs           = 5   // item and list
	rssMaxBytes        = 60 << 20
	grownRSSMaxBytes   = 150 << 20
	unchangedRPSMin    = 0.9 // grown item rps at least this share of the normal run's
	unchangedP99Max    = 1.25
	withinTwiceRPSMin  = 0.5 // grown list and search rps at least half the normal run's
	withinTwiceP99Max  = 2.0
	targetsConnections = 64 // the p99 target holds at this many connections
)

// evaluate checks the targets.
func (r *report) evaluate() {
	add := func(target, got string, met bool) {
		r.Targets = append(r.Targets, targetResult{target, got, met})
	}
	ratio := func(name string, min float64) {
		if rw := r.row(name); rw != nil {
			add(fmt.Sprintf("%s GETs ≥ %.2f of nginx's throughput for the same bytes", name, min),
				fmt.Sprintf("%.3f (%.0f vs %.0f requests/s)", rw.Ratio, rw.API.RPS, rw.Nginx.RPS), rw.Ratio >= min)
		}
	}
	ratio("item", itemRatioMin)
	ratio("list", listRatioMin)
	ratio("search", searchRatioMin)
	ratio("search-distinct", distinctRatioMin)
	for _, name := range []string{"item-gzip", "list-gzip", "search-gzip", "export-gzip"} {
		ratio(name, gzipRatioMin)
	}
	for _, name := range []string{"item", "list"} {
		if rw := r.row(name); rw != nil {
			got := fmt.Sprintf("%.2f ms", rw.API.P99Ms)
			if r.Options.Connections != targetsConnections {
				got += fmt.Sprintf(" (at %d connections, not %d)", r.Options.Connections, targetsConnections)
			}
			add(fmt.Sprintf("%s GET p99 < %d ms at %d connections", name, p99MaxMs, targetsConnections), got,
				rw.API.P99Ms < p99MaxMs && r.Options.Connections == targetsConnections)
		}
	}
	var errs, requests int
	for _, rw := range r.Requests {
		errs += rw.API.Errors
		requests += rw.API.Requests
	}
	add("zero errors", fmt.Sprintf("%d errors in %d requests", errs, requests), errs == 0)
	add(fmt.Sprintf("server peak RSS < %d MB", rssMaxBytes>>20), fmt.Sprintf("%.1f MB", mb(r.API.PeakRSSBytes)),
		r.API.PeakRSSBytes > 0 && r.API.PeakRSSBytes < rssMaxBytes)
	if r.Growth != nil {
		if rw := r.row("item"); rw != nil && rw.Grown != nil {
			add(fmt.Sprintf("grown ×%d: item GETs unchanged (rps ≥ %.0f%%, p99 ≤ %.2f× of normal)",
				r.Growth.Factor, 100*unchangedRPSMin, unchangedP99Max),
				fmt.Sprintf("rps ×%.3f, p99 ×%.2f, %d errors", rw.GrownRPSRatio, rw.GrownP99Ratio, rw.Grown.Errors),
				rw.GrownRPSRatio >= unchangedRPSMin && rw.GrownP99Ratio <= unchangedP99Max && rw.Grown.Errors == 0)
		}
		if r.GrownAPI != nil {
			add(fmt.Sprintf("grown ×%d: server peak RSS < %d MB", r.Growth.Factor, grownRSSMaxBytes>>20),
				fmt.Sprintf("%.1f MB", mb(r.GrownAPI.PeakRSSBytes)),
				r.GrownAPI.PeakRSSBytes > 0 && r.GrownAPI.PeakRSSBytes < grownRSSMaxBytes)
		}
		for _, name := range []string{"list", "search"} {
			if rw := r.row(name); rw != nil && rw.Grown != nil {
				add(fmt.Sprintf("grown ×%d: %s within 2× of normal (rps ≥ ½, p99 ≤ 2×)", r.Growth.Factor, name),
					fmt.Sprintf("rps ×%.3f, p99 ×%.2f, %d errors (answer %d → %d bytes)",
						rw.GrownRPSRatio, rw.GrownP99Ratio, rw.Grown.Errors, rw.Bytes, rw.GrownBytes),
					rw.GrownRPSRatio >= withinTwiceRPSMin && rw.GrownP99Ratio <= withinTwiceP99Max && rw.Grown.Errors == 0)
			}
		}
	}
	if c := r.Crafted; c != nil {
		add(fmt.Sprintf("%d crafted URLs: peak RSS < CACHE_MAX_BYTES + %d MB", c.URLs, craftedMargin>>20),
			fmt.Sprintf("%.1f MB peak, %.1f MB after (limit %.1f MB)", mb(c.PeakRSSBytes), mb(c.RSSAfterBytes), mb(c.LimitBytes)),
			c.PeakRSSBytes < c.LimitBytes)
	}
	if r.Explain != nil {
		indexed := 0
		for _, s := range r.Explain.Statements {
			if s.UsesIndexes {
				indexed++
			}
		}
		add("EXPLAIN shows index use for every query the API runs",
			fmt.Sprintf("%d of %d statements read no table whole", indexed, len(r.Explain.Statements)),
			indexed == len(r.Explain.Statements) && len(r.Explain.Statements) > 0)
	}
}

var cursorParam = regexp.MustCompile(`cursor=[^&]+`)

// shortRequest elides the opaque cursor of a request's query.
func shortRequest(path string) string {
	return cursorParam.ReplaceAllString(path, "cursor=…")
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }

// print writes the tables for a person.
func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "\n== Load: %s per request type and server, %d connections, closed loop (vegeta), warm-up %s; API LOG_LEVEL=%s\n",
		r.Options.Duration, r.Options.Connections, r.Options.Warmup, r.Options.LogLevel)
	fmt.Fprintf(w, "   machine: %d cores, load average %s before and %s after (1, 5, 15 min); PostgreSQL %s; nginx %s; %s\n\n",
		r.Machine.Cores, r.Machine.LoadBefore, r.Machine.LoadAfter, r.Machine.PostgresVersion, r.Machine.NginxVersion, r.Machine.GoVersion)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "request\tbytes\tAPI rps\tp50 ms\tp99 ms\terrors\tRSS MB\t nginx rps\tp50 ms\tp99 ms\terrors\t ratio\t")
	for _, rw := range r.Requests {
		a, n := rw.API, rw.Nginx
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.2f\t%.2f\t%d\t%.1f\t %.0f\t%.2f\t%.2f\t%d\t %.3f\t\n",
			rw.Name, rw.Bytes, a.RPS, a.P50Ms, a.P99Ms, a.Errors, mb(a.PeakRSSBytes),
			n.RPS, n.P50Ms, n.P99Ms, n.Errors, rw.Ratio)
	}
	tw.Flush()
	fmt.Fprintln(w, "   (ratio = API rps / nginx rps for the same bytes; RSS = the API's peak resident set during that run;")
	fmt.Fprintln(w, "    the conditional GET is answered 304 without a body; bytes are those of its 200)")

	fmt.Fprintf(w, "\n   Where the CPU went, in %% of one core (the machine has %d00%%): the server under load, the load\n", r.Machine.Cores)
	fmt.Fprintln(w, "   generator, the PostgreSQL backends of the API's database, and the rest (other work on a shared machine)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "request\tAPI\tgenerator\tpostgres\tother\tbusy\t nginx\tgenerator\tpostgres\tother\tbusy\t")
	for _, rw := range r.Requests {
		a, n := rw.API.CPU, rw.Nginx.CPU
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t %.0f\t%.0f\t%.0f\t%.0f\t%.0f\t\n",
			rw.Name, a.Server, a.Generator, a.Postgres, a.Other, a.Busy, n.Server, n.Generator, n.Postgres, n.Other, n.Busy)
	}
	tw.Flush()
	for _, rw := range r.Requests {
		for _, res := range []struct {
			who string
			r   *result
		}{{"API", &rw.API}, {"nginx", &rw.Nginx}, {"grown API", rw.Grown}} {
			if res.r != nil && res.r.Errors > 0 {
				fmt.Fprintf(w, "   errors, %s %s: %v\n", res.who, rw.Name, res.r.ErrorKinds)
			}
		}
	}
	fmt.Fprintf(w, "   API peak RSS over the whole run: %.1f MB\n", mb(r.API.PeakRSSBytes))

	if r.Growth != nil {
		fmt.Fprintf(w, "\n== Growth: every content table ×%d with synthetic records (grown in %.1f s)\n   %s\n\n",
			r.Growth.Factor, r.Growth.Seconds, r.Growth.Rows)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "request\tconns\tbytes\tgrown bytes\trps\tgrown rps\trps ×\tp99 ms\tgrown p99 ms\tp99 ×\tgrown errors\tgrown RSS MB\tAPI CPU%\tpostgres CPU%\t")
		for _, rw := range r.Requests {
			if rw.Grown == nil {
				continue
			}
			g := rw.Grown
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.0f\t%.0f\t%.3f\t%.2f\t%.2f\t%.2f\t%d\t%.1f\t%.0f\t%.0f\t\n",
				rw.Name, rw.GrownConnections, rw.Bytes, rw.GrownBytes, rw.API.RPS, g.RPS, rw.GrownRPSRatio,
				rw.API.P99Ms, g.P99Ms, rw.GrownP99Ratio, g.Errors, mb(g.PeakRSSBytes), g.CPU.Server, g.CPU.Postgres)
		}
		tw.Flush()
		if exp := r.row("export"); exp != nil && exp.Grown != nil {
			fmt.Fprintln(w, "   (the grown export is listed, not compared: its answer is expected to grow with the content)")
		}
		if r.GrownAPI != nil {
			fmt.Fprintf(w, "   grown API peak RSS over the whole run: %.1f MB\n", mb(r.GrownAPI.PeakRSSBytes))
		}
	}

	if c := r.Crafted; c != nil {
		fmt.Fprintf(w, "\n== Crafted URLs: %d distinct cursors, q values and filter combinations, %d connections\n", c.URLs, r.Options.Connections)
		fmt.Fprintf(w, "   %.0f requests/s over %.1f s; answers %v\n", c.RPS, c.Seconds, c.Statuses)
		fmt.Fprintf(w, "   API RSS: %.1f MB peak, %.1f MB after; CACHE_MAX_BYTES %.1f MB + %d MB = %.1f MB\n",
			mb(c.PeakRSSBytes), mb(c.RSSAfterBytes), mb(c.CacheBytes), craftedMargin>>20, mb(c.LimitBytes))
	}

	fmt.Fprintln(w, "\n== Where the API's CPU went: go tool pprof -top on its CPU profile of each run (flat = in the function itself)")
	printTop := func(what string, res *result) {
		if res == nil || len(res.CPUTop) == 0 {
			return
		}
		fmt.Fprintf(w, "-- %s (%s)\n", what, res.CPUProfile)
		for _, line := range res.CPUTop {
			fmt.Fprintf(w, "   %s\n", line)
		}
	}
	for _, rw := range r.Requests {
		printTop(rw.Name, &rw.API)
	}
	for _, rw := range r.Requests {
		printTop(rw.Name+", grown", rw.Grown)
	}
	if c := r.Crafted; c != nil {
		printTop("crafted URLs", &result{CPUProfile: c.CPUProfile, CPUTop: c.CPUTop})
	}

	if r.Explain != nil {
		where := "normal"
		if r.Growth != nil {
			where = fmt.Sprintf("×%d", r.Growth.Factor)
		}
		fmt.Fprintf(w, "\n== EXPLAIN ANALYZE of every distinct statement the API ran (captured in-process, on the %s database)\n", where)
		wholeBy := map[string]int{}
		var tables []string
		indexed := 0
		for i, s := range r.Explain.Statements {
			verdict := "index"
			if s.UsesIndexes {
				indexed++
			} else {
				verdict = "SEQ SCAN"
			}
			reqs := shortRequest(s.Requests[0])
			if len(s.Requests) > 1 {
				reqs += fmt.Sprintf(" (+%d more)", len(s.Requests)-1)
			}
			fmt.Fprintf(w, "%3d. %-8s %8.2f ms  %s\n", i+1, verdict, s.ExecMs, reqs)
			if len(s.IndexScans) > 0 {
				fmt.Fprintf(w, "       by index: %s\n", strings.Join(s.IndexScans, ", "))
			}
			if len(s.SeqScans) > 0 {
				fmt.Fprintf(w, "       whole:    %s\n", strings.Join(s.SeqScans, ", "))
			}
			for _, scan := range s.SeqScans {
				table, _, _ := strings.Cut(scan, " ")
				if wholeBy[table] == 0 {
					tables = append(tables, table)
				}
				wholeBy[table]++
			}
		}
		fmt.Fprintf(w, "   %d of %d statements read every table through an index", indexed, len(r.Explain.Statements))
		if len(tables) > 0 {
			slices.SortStableFunc(tables, func(a, b string) int { return wholeBy[b] - wholeBy[a] })
			parts := make([]string, len(tables))
			for i, t := range tables {
				parts[i] = fmt.Sprintf("%s (%d)", t, wholeBy[t])
			}
			fmt.Fprintf(w, "; tables read whole, by how many statements: %s", strings.Join(parts, ", "))
		}
		fmt.Fprintln(w, "\n   (arguments as first run; PostgreSQL may later switch the API's prepared statements to generic plans)")
		for _, warning := range r.Explain.Warnings {
			fmt.Fprintf(w, "   warning: %s\n", warning)
		}
	}

	fmt.Fprintln(w, "\n== Targets")
	for _, t := range r.Targets {
		mark := "MET   "
		if !t.Met {
			mark = "MISSED"
		}
		fmt.Fprintf(w, "%s  %s: %s\n", mark, t.Target, t.Got)
	}
}

// write saves the report as indented JSON at path, creating its directory.
func (r *report) write(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
