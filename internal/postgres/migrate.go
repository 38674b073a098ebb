package postgres

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5" // registers the pgx5:// scheme
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgerrcode"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"calcinosiskb/migrations"
)

// Migrator applies the embedded migrations to one database.
type Migrator struct {
	m   *migrate.Migrate
	url string
}

// NewMigrator returns a migrator for the database at databaseURL (postgres:// or postgresql://).
func NewMigrator(databaseURL string) (*Migrator, error) {
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		return nil, fmt.Errorf("read embedded migrations: %w", err)
	}
	// golang-migrate picks its pgx v5 driver by the pgx5:// scheme.
	_, rest, ok := strings.Cut(databaseURL, "://")
	if !ok {
		return nil, errors.New("database URL has no scheme")
	}
	m, err := migrate.NewWithSourceInstance("iofs", src, "pgx5://"+rest)
	if err != nil {
		return nil, fmt.Errorf("open migrator: %w", err)
	}
	return &Migrator{m: m, url: databaseURL}, nil
}

// Up applies every migration not yet applied.
func (mg *Migrator) Up() error {
	return mg.run("migrate up", mg.m.Up)
}

// Down reverts every applied migration.
func (mg *Migrator) Down() error {
	return mg.run("migrate down", mg.m.Down)
}

// To migrates up or down to version.
func (mg *Migrator) To(version uint) error {
	return mg.run(fmt.Sprintf("migrate to %d", version), func() error { return mg.m.Migrate(version) })
}

// run runs one migration step and, unless it changed nothing, moves the content version
// forward, failed runs included: a migration's DDL (a view rewritten, a column dropped)
// changes answers without the row triggers firing, and servers holding answers must learn of
// it.
func (mg *Migrator) run(what string, step func() error) error {
	err := step()
	if errors.Is(err, migrate.ErrNoChange) {
		return nil
	}
	if err != nil {
		err = fmt.Errorf("%s: %w", what, err)
	}
	return errors.Join(err, mg.bumpContentVersion())
}

// bumpContentVersionSQL moves the content version forward where the schema has one: through
// next_content_version from migration 22 on, by one between 16 and 21, not at all below.
const bumpContentVersionSQL = `
	DO $$
	BEGIN
	    IF to_regprocedure('next_content_version()') IS NOT NULL THEN
	        PERFORM next_content_version();
	    ELSIF to_regclass('content_version') IS NOT NULL THEN
	        UPDATE content_version SET version = version + 1;
	    END IF;
	END
	$$`

func (mg *Migrator) bumpContentVersion() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, mg.url)
	if err != nil {
		return fmt.Errorf("bump content version: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, bumpContentVersionSQL); err != nil {
		return fmt.Errorf("bump content version: %w", err)
	}
	return nil
}

// Version returns the applied version and whether a failed migration left it dirty;
// version 0 means none is applied.
func (mg *Migrator) Version() (uint, bool, error) {
	v, dirty, err := mg.m.Version()
	if errors.Is(err, migrate.ErrNilVersion) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("read schema version: %w", err)
	}
	return v, dirty, nil
}

// Close releases the migrator's connection.
func (mg *Migrator) Close() error {
	srcErr, dbErr := mg.m.Close()
	return errors.Join(srcErr, dbErr)
}

// LatestVersion returns the highest migration version embedded in the binary.
func LatestVersion() (uint, error) {
	names, err := fs.Glob(migrations.FS, "*.up.sql")
	if err != nil {
		return 0, fmt.Errorf("list migrations: %w", err)
	}
	var latest uint
	for _, name := range names {
		prefix, _, _ := strings.Cut(name, "_")
		v, err := strconv.ParseUint(prefix, 10, 32)
		if err != nil {
			return 0, fmt.Errorf("migration %s: version prefix: %w", name, err)
		}
		latest = max(latest, uint(v))
	}
	return latest, nil
}

// ErrSchemaBehind reports that the database's schema is not at the binary's latest migration.
var ErrSchemaBehind = errors.New("schema is not at the latest migration")

const schemaVersionSQL = `
	SELECT version, dirty
	FROM schema_migrations`

// CheckSchema returns an error wrapping ErrSchemaBehind unless the database is at the
// latest embedded migration and clean.
func (s *Store) CheckSchema(ctx context.Context) error {
	latest, err := LatestVersion()
	if err != nil {
		return err
	}
	var version int64
	var dirty bool
	err = s.pool.QueryRow(ctx, schemaVersionSQL).Scan(&version, &dirty)
	var pgErr *pgconn.PgError
	if errors.Is(err, pgx.ErrNoRows) || (errors.As(err, &pgErr) && pgErr.Code == pgerrcode.UndefinedTable) {
		return fmt.Errorf("no migration applied: %w", ErrSchemaBehind)
	}
	if err != nil {
		return fmt.Errorf("read schema version: %w", classify(err))
	}
	if dirty || uint(version) != latest {
		return fmt.Errorf("at version %d (dirty %t), want %d: %w", version, dirty, latest, ErrSchemaBehind)
	}
	return nil
}
