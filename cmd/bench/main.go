// Command bench measures the API under load on this machine, as "make bench" runs it.
//
// It creates a fresh database on the server the project resolves (DATABASE_URL, then
// 127.0.0.1:5432, then a private cluster under .data/), migrates it, builds and starts the
// API on it, and drives it over loopback with vegeta's attacker in closed loop (a fixed
// number of connections, each sending its next request as soon as the last one is answered)
// for a fixed mix: an item, a filtered and sorted list, a search, the export and a
// conditional GET answered 304, each 200 asked for plain and gzipped. nginx serves the very
// same response bodies (the gzip ones as precompressed files) under the same load, as the
// practical ceiling for serving those bytes over HTTP here. The API's CPU profile of every run
// is taken over its pprof listener (PPROF_ADDR) and written next to the results, and the top
// of go tool pprof -top on it is printed, so that each number can be explained.
//
// After the mix, the API is sent many distinct crafted URLs (-crafted: cursors, q values and
// filter combinations, each answered 200), and its resident set is reported against
// CACHE_MAX_BYTES (-cache-bytes) plus 40 MB.
//
// A second throwaway database holds the same content multiplied by synthetic records (-growth
// times), served by a second API under the same mix; and every SQL statement the API runs is
// captured in-process and EXPLAINed on that grown database. The results are printed and
// written as JSON (-out); every database, process and temporary directory is removed at the
// end, on error and on Ctrl-C too.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"calcinosiskb/internal/dbsetup"
)

// options are the command's flags.
type options struct {
	duration          time.Duration // measured load per request type and server
	warmup            time.Duration // unmeasured load before each measurement
	connections       int           // concurrent keep-alive connections of the load generator
	growth            int           // content multiplier of the growth run; below 2 skips it
	growthExportConns int           // connections for the grown export, whose bodies are large
	logLevel          string        // LOG_LEVEL of the API under load
	out               string        // the JSON results file
	installNginx      bool          // apt-get install nginx when it is missing and we are root
	cacheBytes        int64         // CACHE_MAX_BYTES of the APIs under load
	crafted           int           // distinct crafted URLs sent to the API after the mix; 0 skips
}

func main() {
	var opts options
	flag.DurationVar(&opts.duration, "duration", 10*time.Second, "measured load per request type and server")
	flag.DurationVar(&opts.warmup, "warmup", time.Second, "unmeasured load before each measurement")
	flag.IntVar(&opts.connections, "connections", 64, "concurrent keep-alive connections of the load generator")
	flag.IntVar(&opts.growth, "growth", 100, "content multiplier of the growth run (below 2: no growth run)")
	flag.IntVar(&opts.growthExportConns, "growth-export-connections", 4,
		"connections for the export on the grown database, whose answer is large (0: as -connections)")
	flag.StringVar(&opts.logLevel, "log-level", "warn",
		"LOG_LEVEL of the API under load; warn turns the per-request log line off, as nginx's access_log is")
	flag.StringVar(&opts.out, "out", "", "JSON results file (default .data/bench/bench-<UTC time>.json in the repository)")
	flag.Int64Var(&opts.cacheBytes, "cache-bytes", 16<<20, "CACHE_MAX_BYTES of the APIs under load (the API's default)")
	flag.IntVar(&opts.crafted, "crafted", 100_000, "distinct crafted URLs (cursors, q values, filter combinations) sent to the API after the mix; 0 skips")
	flag.BoolVar(&opts.installNginx, "install-nginx", true, "when nginx is missing and we run as root, install Debian's package")
	flag.Parse()
	if flag.NArg() != 0 || opts.duration <= 0 || opts.connections < 1 || opts.warmup < 0 || opts.crafted < 0 || opts.cacheBytes < 1<<20 {
		flag.Usage()
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	err := run(ctx, opts, os.Stdout)
	if ctx.Err() != nil {
		err = errors.Join(errors.New("interrupted"), err)
	}
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// run does the whole benchmark; whatever it started is stopped and removed before it returns.
func run(ctx context.Context, opts options, stdout io.Writer) (err error) {
	var cleanup cleanups
	defer func() { err = errors.Join(err, cleanup.run(stdout)) }()

	root, err := dbsetup.RepoRoot()
	if err != nil {
		return err
	}
	if opts.out == "" {
		opts.out = filepath.Join(root, ".data", "bench", "bench-"+time.Now().UTC().Format("20060102-150405")+".json")
	}
	// The CPU profiles go next to the results: bench-<time>.json, bench-<time>/*.pprof.
	profileDir := strings.TrimSuffix(opts.out, filepath.Ext(opts.out))
	report := newReport(opts)
	began := time.Now()
	say := func(format string, args ...any) {
		elapsed := time.Since(began).Truncate(time.Second)
		fmt.Fprintf(stdout, "· [%02d:%02d] "+format+"\n", append([]any{int(elapsed.Minutes()), int(elapsed.Seconds()) % 60}, args...)...)
	}

	nginxBin, err := findNginx(ctx, opts.installNginx, stdout)
	if err != nil {
		return err
	}
	report.Machine.NginxVersion = nginxVersion(nginxBin)

	tmp, err := os.MkdirTemp("", "kb-bench-")
	if err != nil {
		return err
	}
	cleanup.add("remove "+tmp, func(context.Context) error { return os.RemoveAll(tmp) })

	say("building the API")
	apiBin, err := buildAPI(ctx, root, tmp)
	if err != nil {
		return err
	}

	pgServer, err := resolveServer(ctx, root)
	if err != nil {
		return err
	}
	report.Machine.PostgresVersion = serverVersion(ctx, pgServer)

	// The normal database: the seeded content as migrations leave it.
	normalDB, err := createDatabase(ctx, pgServer, &cleanup)
	if err != nil {
		return err
	}
	say("created and migrated database %s", normalDB.name)
	normal, err := startAPI(ctx, apiBin, normalDB.url, opts.logLevel, opts.cacheBytes, filepath.Join(tmp, "api-normal.log"), &cleanup)
	if err != nil {
		return err
	}
	say("API on %s (pid %d), LOG_LEVEL=%s", normal.base, normal.proc.pid(), opts.logLevel)

	mix, err := fetchMix(ctx, normal.base)
	if err != nil {
		return err
	}

	// nginx serves the exact bytes of each answer as a static file.
	ng, err := startNginx(ctx, nginxBin, filepath.Join(tmp, "nginx"), mix, &cleanup)
	if err != nil {
		return err
	}
	nginxMix, err := ng.mix(ctx, mix)
	if err != nil {
		return err
	}
	say("nginx on %s (pid %d)", ng.base, ng.proc.pid())

	// The grown database: the same content and, per record, growth-1 synthetic copies.
	normalLoad := server{proc: normal.proc, base: normal.base, peakRSS: true, db: normalDB.name, pgURL: pgServer,
		pprof: normal.pprof, profileDir: profileDir, label: "api"}
	nginxLoad := server{proc: ng.proc, base: ng.base}
	var grown *apiServer
	var grownLoad server
	var grownMix []request
	explainURL, explainOn := normalDB.url, "the normal database"
	if opts.growth >= 2 {
		db, err := createDatabase(ctx, pgServer, &cleanup)
		if err != nil {
			return err
		}
		say("growing database %s %d-fold with synthetic records", db.name, opts.growth)
		started := time.Now()
		counts, err := growDatabase(ctx, db.url, opts.growth)
		if err != nil {
			return err
		}
		report.Growth = &growthReport{Factor: opts.growth, Database: db.name, Rows: counts,
			Seconds: time.Since(started).Seconds()}
		say("grown in %s: %s", time.Since(started).Round(time.Millisecond), counts)
		if grown, err = startAPI(ctx, apiBin, db.url, opts.logLevel, opts.cacheBytes, filepath.Join(tmp, "api-grown.log"), &cleanup); err != nil {
			return err
		}
		say("API on the grown database on %s (pid %d)", grown.base, grown.proc.pid())
		if grownMix, err = fetchMix(ctx, grown.base); err != nil {
			return err
		}
		grownLoad = server{proc: grown.proc, base: grown.base, peakRSS: true, db: db.name, pgURL: pgServer,
			pprof: grown.pprof, profileDir: profileDir, label: "grown"}
		explainURL, explainOn = db.url, "the grown database"
	}

	report.Machine.LoadBefore = loadAverage()
	say("load average before the runs: %s (%d cores)", report.Machine.LoadBefore, report.Machine.Cores)
	for i, req := range mix {
		say("%s: API", req.name)
		ours, err := measure(ctx, normalLoad, req, opts.connections, opts)
		if err != nil {
			return err
		}
		say("%s: nginx", req.name)
		theirs, err := measure(ctx, nginxLoad, nginxMix[i], opts.connections, opts)
		if err != nil {
			return err
		}
		row := row{Name: req.name, Path: req.path, Expect: req.expect, Bytes: len(req.body), API: ours, Nginx: theirs}
		if grown != nil {
			conns := opts.connections
			if strings.HasPrefix(req.name, "export") && opts.growthExportConns > 0 {
				conns = opts.growthExportConns
			}
			say("%s: API on the grown database (%d connections)", req.name, conns)
			g, err := measure(ctx, grownLoad, grownMix[i], conns, opts)
			if err != nil {
				return err
			}
			row.Grown, row.GrownBytes, row.GrownConnections = &g, len(grownMix[i].body), conns
		}
		report.add(row)
	}
	// Then the URLs an anonymous client can vary at will, each never seen before.
	report.API.PeakRSSBytes = normal.proc.lifetimePeakRSS()
	if opts.crafted > 0 {
		say("crafted URLs: %d distinct ones to the API", opts.crafted)
		if report.Crafted, err = sendCrafted(ctx, normalLoad, craftedURLs(opts.crafted), opts.connections, opts.cacheBytes); err != nil {
			return err
		}
	}
	report.Machine.LoadAfter = loadAverage()
	if grown != nil {
		report.GrownAPI = &processReport{PeakRSSBytes: grown.proc.lifetimePeakRSS()}
	}

	say("capturing and explaining the API's SQL on %s", explainOn)
	if report.Explain, err = explainAPI(ctx, explainURL); err != nil {
		return err
	}

	report.evaluate()
	report.print(stdout)
	if err := report.write(opts.out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nresults written to %s\n", opts.out)
	return nil
}

// cleanups are undo steps, run last-added first, whatever happened.
type cleanups struct {
	steps []cleanupStep
}

type cleanupStep struct {
	what string
	fn   func(context.Context) error
}

func (c *cleanups) add(what string, fn func(context.Context) error) {
	c.steps = append(c.steps, cleanupStep{what, fn})
}

// run undoes every step with a fresh context, since the run's own may be cancelled.
func (c *cleanups) run(w io.Writer) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var errs []error
	for i := len(c.steps) - 1; i >= 0; i-- {
		step := c.steps[i]
		if err := step.fn(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", step.what, err))
		} else {
			fmt.Fprintf(w, "· cleaned up: %s\n", step.what)
		}
	}
	c.steps = nil
	return errors.Join(errs...)
}
