// Command kb serves the calcinosis knowledge base API and migrates its database.
//
//	kb serve                  migrate, then serve the API (the default)
//	kb migrate up|down|version
//	kb content check|export [dir]   check the content files, or write them from the database
//	kb content gen [flags]          write the migration pair that makes the files a release
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"calcinosiskb"
	"calcinosiskb/api"
	"calcinosiskb/internal/config"
	"calcinosiskb/internal/content"
	"calcinosiskb/internal/dbsetup"
	"calcinosiskb/internal/postgres"
)

// databaseName is the database the service creates and uses on a server it found itself.
const databaseName = "calcinosis_kb"

// dataDir is where a private PostgreSQL cluster lives when no server is reachable.
const dataDir = ".data"

func main() {
	// The runtime reads GOMEMLIMIT itself. Unset, the collector is asked to keep the process
	// near what the answers held may take plus the rest of the process, rather than letting
	// the heap double before each collection. Set here, not in run, which the tests call in
	// their own process.
	if cfg, err := config.Load(os.Getenv); err == nil && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(cfg.CacheBytes + memoryLimitSlack)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kb:", err)
		os.Exit(1)
	}
}

// memoryLimitSlack is the memory the process takes beside the answers held (CACHE_MAX_BYTES):
// the spec and pages, connection pools, requests in flight and the collector's headroom. The
// Go memory limit defaults to their sum.
const memoryLimitSlack = 32 << 20

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	log := slog.New(api.LogHandler(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel})))

	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		if len(args) != 0 {
			return errors.New("usage: kb serve")
		}
		return serve(ctx, cfg, log)
	case "migrate":
		if len(args) != 1 || !slices.Contains([]string{"up", "down", "version"}, args[0]) {
			return errors.New("usage: kb migrate up|down|version")
		}
		return migrateCmd(ctx, cfg, log, args[0], stdout)
	case "content":
		if len(args) > 0 && args[0] == "gen" {
			return runContentGen(ctx, args[1:], getenv, content.Load, stdout)
		}
		return runContent(ctx, cfg, log, args, stdout)
	default:
		return fmt.Errorf("unknown command %q; usage: kb [serve] | kb migrate up|down|version | kb content check|export [dir] | kb content gen [flags]", cmd)
	}
}

// databaseURL resolves the server (see dbsetup.Resolve) and returns the URL of the service's database.
func databaseURL(ctx context.Context, cfg config.Config, log *slog.Logger) (string, error) {
	srv, err := dbsetup.Resolve(ctx, cfg.DatabaseURL, dataDir, log)
	if err != nil {
		return "", err
	}
	if srv.Explicit {
		return srv.URL, nil
	}
	return dbsetup.EnsureDatabase(ctx, srv.URL, databaseName)
}

func migrateCmd(ctx context.Context, cfg config.Config, log *slog.Logger, action string, stdout io.Writer) error {
	url, err := databaseURL(ctx, cfg, log)
	if err != nil {
		return err
	}
	mg, err := postgres.NewMigrator(url)
	if err != nil {
		return err
	}
	defer mg.Close()
	switch action {
	case "up":
		err = mg.Up()
	case "down":
		err = mg.Down()
	}
	if err != nil {
		return err
	}
	version, dirty, err := mg.Version()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "schema version %d (dirty: %t)\n", version, dirty)
	return nil
}

func serve(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	url, err := databaseURL(ctx, cfg, log)
	if err != nil {
		return err
	}
	mg, err := postgres.NewMigrator(url)
	if err != nil {
		return err
	}
	err = mg.Up()
	mg.Close()
	if err != nil {
		return err
	}
	readerURL := cfg.ReaderURL
	if readerURL == "" {
		if err := postgres.GrantReader(ctx, url); err != nil {
			return err
		}
		if readerURL, err = dbsetup.WithUser(url, postgres.ReaderRole); err != nil {
			return err
		}
	}
	pool, err := pgxpool.New(ctx, readerURL)
	if err != nil {
		return fmt.Errorf("open database pool: %w", err)
	}
	defer pool.Close()
	if cfg.PprofAddr != "" {
		stopPprof := servePprof(cfg.PprofAddr, log)
		defer stopPprof()
	}

	srv := &http.Server{
		Addr: cfg.Addr,
		Handler: api.NewServer(log, postgres.New(pool), calcinosiskb.OpenAPI,
			api.Options{AllowedOrigins: cfg.AllowedOrigins, RatePerMinute: cfg.RatePerMinute, RequestTimeout: cfg.RequestTimeout,
				MaxStaleness: cfg.MaxStaleness, CacheBytes: cfg.CacheBytes, Context: ctx}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		// Well above the API's own 16 KiB limit, which answers with a problem; past this the
		// server itself refuses with a plain 431.
		MaxHeaderBytes: 1 << 20,
	}
	serveErr := make(chan error, 1)
	go func() {
		log.Info("serving", "addr", cfg.Addr)
		serveErr <- srv.ListenAndServe()
	}()
	select {
	case err := <-serveErr:
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}
