// Package testdb gives each test its own real PostgreSQL database: a clone of a template that
// was migrated and seeded once per test binary. Nothing is left behind.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"calcinosiskb/internal/dbsetup"
	"calcinosiskb/internal/postgres"
)

var (
	setupOnce sync.Once
	serverURL string // maintenance connection to the server the tests use
	template  string // name of the migrated template, once created
	setupErr  error
)

// Main runs a package's tests and then drops the template they cloned from.
// Call it from TestMain: os.Exit(testdb.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if template != "" {
		if err := exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{template}.Sanitize()+" WITH (FORCE)"); err != nil {
			fmt.Fprintln(os.Stderr, "testdb: drop template:", err)
		}
	}
	return code
}

// New returns a pool on a fresh, migrated and seeded database that is dropped when t ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), URL(t))
	if err != nil {
		t.Fatalf("testdb: open pool: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// URL returns the URL of a fresh, migrated and seeded database that is dropped when t ends.
func URL(t testing.TB) string {
	t.Helper()
	setupOnce.Do(setup)
	if setupErr != nil {
		t.Fatalf("testdb: %v", setupErr)
	}
	return create(t, "TEMPLATE "+pgx.Identifier{template}.Sanitize())
}

// Empty returns the URL of a fresh database with no schema, dropped when t ends.
func Empty(t testing.TB) string {
	t.Helper()
	setupOnce.Do(setup)
	if setupErr != nil {
		t.Fatalf("testdb: %v", setupErr)
	}
	return create(t, "TEMPLATE template0")
}

func create(t testing.TB, from string) string {
	t.Helper()
	name := "kb_test_" + randomSuffix()
	ident := pgx.Identifier{name}.Sanitize()
	if err := exec(context.Background(), "CREATE DATABASE "+ident+" "+from); err != nil {
		t.Fatalf("testdb: create database: %v", err)
	}
	// Cleanups run last-registered first, so pools opened on this database close before the drop.
	t.Cleanup(func() {
		if err := exec(context.Background(), "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
			t.Errorf("testdb: drop database %s: %v", name, err)
		}
	})
	url, err := dbsetup.WithDatabase(serverURL, name)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	return url
}

// setup finds the server as the service does and builds the migrated template.
func setup() {
	ctx := context.Background()
	root, err := dbsetup.RepoRoot()
	if err != nil {
		setupErr = err
		return
	}
	srv, err := dbsetup.Resolve(ctx, os.Getenv("DATABASE_URL"), filepath.Join(root, ".data"),
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		setupErr = err
		return
	}
	serverURL = srv.URL
	name := "kb_template_" + randomSuffix()
	if err := exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		setupErr = fmt.Errorf("create template: %w", err)
		return
	}
	template = name
	url, err := dbsetup.WithDatabase(serverURL, name)
	if err != nil {
		setupErr = err
		return
	}
	mg, err := postgres.NewMigrator(url)
	if err != nil {
		setupErr = err
		return
	}
	defer mg.Close()
	if err := mg.Up(); err != nil {
		setupErr = err
	}
}

// exec runs one statement on the server's maintenance connection.
func exec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, serverURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
