package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/jackc/pgx/v5"

	"calcinosiskb/internal/dbsetup"
	"calcinosiskb/internal/postgres"
)

// resolveServer finds the PostgreSQL server as the service and its tests do, and returns a
// URL to connect to it; the bench creates its own databases there.
func resolveServer(ctx context.Context, root string) (string, error) {
	srv, err := dbsetup.Resolve(ctx, os.Getenv("DATABASE_URL"), filepath.Join(root, ".data"),
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return "", err
	}
	return srv.URL, nil
}

// serverVersion returns the server's version string, or "" if it cannot be read.
func serverVersion(ctx context.Context, serverURL string) string {
	conn, err := pgx.Connect(ctx, serverURL)
	if err != nil {
		return ""
	}
	defer conn.Close(ctx)
	var v string
	_ = conn.QueryRow(ctx, "SHOW server_version").Scan(&v)
	return v
}

// database is a throwaway database on the resolved server.
type database struct {
	name string
	url  string
}

// createDatabase creates a database named kb_bench_<random>, migrates it, and registers its
// drop, WITH (FORCE) so that connections left open do not keep it.
func createDatabase(ctx context.Context, serverURL string, cleanup *cleanups) (database, error) {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "kb_bench_" + hex.EncodeToString(b)
	ident := pgx.Identifier{name}.Sanitize()
	if err := execOn(ctx, serverURL, "CREATE DATABASE "+ident); err != nil {
		return database{}, fmt.Errorf("create database %s: %w", name, err)
	}
	cleanup.add("drop database "+name, func(ctx context.Context) error {
		return execOn(ctx, serverURL, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)")
	})
	url, err := dbsetup.WithDatabase(serverURL, name)
	if err != nil {
		return database{}, err
	}
	mg, err := postgres.NewMigrator(url)
	if err != nil {
		return database{}, err
	}
	defer mg.Close()
	if err := mg.Up(); err != nil {
		return database{}, fmt.Errorf("migrate %s: %w", name, err)
	}
	return database{name: name, url: url}, nil
}

// execOn runs one statement on a connection of its own.
func execOn(ctx context.Context, url, sql string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, sql)
	return err
}
