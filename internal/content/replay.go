package content

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5" // registers the pgx5:// scheme
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5"

	"calcinosiskb/internal/dbsetup"
)

// State is the content as a directory of migrations leaves it.
type State struct {
	Records Records
	// Releases are the ids of the releases already made, in release order.
	Releases []string
	// Removed holds, by kind and key, the release that removed each record ever removed.
	Removed map[string]map[string]string
}

// Replay builds the content as the migrations in dir leave it, as a schema tool replays its
// migrations: it creates a scratch database on the server serverURL connects to, migrates it
// to the newest migration in dir, reads the records and the releases in one repeatable-read
// transaction, and drops the database.
func Replay(ctx context.Context, serverURL, dir string) (State, error) {
	var st State
	err := withScratch(ctx, serverURL, func(url string) error {
		var err error
		st, err = replayInto(ctx, url, dir)
		return err
	})
	return st, err
}

// replayInto migrates the empty database at url with the migrations in dir and reads its state.
func replayInto(ctx context.Context, url, dir string) (State, error) {
	if err := MigrateDir(url, dir); err != nil {
		return State{}, err
	}
	return ReadState(ctx, url)
}

// withScratch runs f on the URL of a new, empty database on the server serverURL connects
// to, and drops the database afterwards, even when ctx is done.
func withScratch(ctx context.Context, serverURL string, f func(url string) error) (err error) {
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := "kb_content_replay_" + hex.EncodeToString(suffix)
	ident := pgx.Identifier{name}.Sanitize()
	if err := execOn(ctx, serverURL, "CREATE DATABASE "+ident); err != nil {
		return fmt.Errorf("create scratch database: %w", err)
	}
	defer func() {
		dropCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if dropErr := execOn(dropCtx, serverURL, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); dropErr != nil {
			err = errors.Join(err, fmt.Errorf("drop scratch database %s: %w", name, dropErr))
		}
	}()
	url, err := dbsetup.WithDatabase(serverURL, name)
	if err != nil {
		return err
	}
	return f(url)
}

// MigrateDir applies every migration in dir not yet applied to the database at databaseURL.
// Unlike the service, which migrates with the migrations built into it, it reads the
// directory as it is on disk, generated migrations not yet built in included.
func MigrateDir(databaseURL, dir string) error {
	src, err := iofs.New(os.DirFS(dir), ".")
	if err != nil {
		return fmt.Errorf("read migrations in %s: %w", dir, err)
	}
	_, rest, ok := strings.Cut(databaseURL, "://")
	if !ok {
		return errors.New("database URL has no scheme")
	}
	m, err := migrate.NewWithSourceInstance("iofs", src, "pgx5://"+rest)
	if err != nil {
		return fmt.Errorf("open migrator: %w", err)
	}
	err = m.Up()
	srcErr, dbErr := m.Close()
	if errors.Is(err, migrate.ErrNoChange) {
		err = nil
	}
	if err != nil {
		err = fmt.Errorf("migrate up from %s: %w", dir, err)
	}
	return errors.Join(err, srcErr, dbErr)
}

// ReadState reads the content of the migrated database at url, records and releases, in one
// read-only repeatable-read snapshot.
func ReadState(ctx context.Context, url string) (State, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return State{}, fmt.Errorf("connect to read the content: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return State{}, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	recs, err := ReadRecords(ctx, tx)
	if err != nil {
		return State{}, err
	}
	rows, err := tx.Query(ctx, "SELECT id FROM releases ORDER BY migration")
	if err != nil {
		return State{}, fmt.Errorf("read releases: %w", err)
	}
	releases, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return State{}, fmt.Errorf("read releases: %w", err)
	}
	removed, err := readRemoved(ctx, tx)
	if err != nil {
		return State{}, err
	}
	return State{Records: recs, Releases: releases, Removed: removed}, tx.Commit(ctx)
}

func readRemoved(ctx context.Context, tx pgx.Tx) (map[string]map[string]string, error) {
	rows, err := tx.Query(ctx, `
		SELECT c.kind, c.key, c.release_id
		FROM release_changes AS c JOIN releases AS r ON r.id = c.release_id
		WHERE c.change = 'removed'
		ORDER BY r.migration`)
	if err != nil {
		return nil, fmt.Errorf("read removed records: %w", err)
	}
	defer rows.Close()
	removed := map[string]map[string]string{}
	for rows.Next() {
		var kind, key, release string
		if err := rows.Scan(&kind, &key, &release); err != nil {
			return nil, fmt.Errorf("read removed records: %w", err)
		}
		if removed[kind] == nil {
			removed[kind] = map[string]string{}
		}
		removed[kind][key] = release
	}
	return removed, rows.Err()
}

func execOn(ctx context.Context, url, sql string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	_, err = conn.Exec(ctx, sql)
	return err
}

var migrationName = regexp.MustCompile(`^([0-9]+)_.*\.(up|down)\.sql$`)

// NextMigration returns the number after the highest of the migrations in dir.
func NextMigration(dir string) (uint, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, fmt.Errorf("list migrations: %w", err)
	}
	var highest uint64
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		n, err := strconv.ParseUint(m[1], 10, 32)
		if err != nil {
			return 0, fmt.Errorf("migration %s: %w", e.Name(), err)
		}
		highest = max(highest, n)
	}
	if highest == 0 {
		return 0, fmt.Errorf("no migrations in %s", dir)
	}
	return uint(highest) + 1, nil
}

// Generate compares after with the content as the migrations in dir leave it (see Replay,
// on the server serverURL connects to) and writes into dir the migration pair that makes the
// difference a release published on date, summarized by summary (or, when empty, by
// Summarize). Before writing, it tries the pair on the replayed database: the up must leave
// exactly after, the down exactly the rows before. It returns the files written: none when
// the content and the migrations agree.
func Generate(ctx context.Context, serverURL string, after Records, dir string, date time.Time, summary string) ([]string, error) {
	var files []string
	err := withScratch(ctx, serverURL, func(url string) error {
		st, err := replayInto(ctx, url, dir)
		if err != nil {
			return err
		}
		changes := Diff(st.Records, after)
		if len(changes) == 0 {
			return nil
		}
		if err := noKeyReused(changes, st.Removed); err != nil {
			return err
		}
		number, err := NextMigration(dir)
		if err != nil {
			return err
		}
		if summary == "" {
			summary = Summarize(changes)
		}
		rel := Release{ID: ReleaseID(date, st.Releases), Migration: number, Published: date, Summary: summary}
		up, down, err := MigrationSQL(st.Records, changes, rel)
		if err != nil {
			return err
		}
		if err := try(ctx, url, after, up, down); err != nil {
			return fmt.Errorf("the generated migration, tried on the replayed database: %w", err)
		}
		upName, downName := MigrationFiles(rel)
		files = []string{filepath.Join(dir, upName), filepath.Join(dir, downName)}
		if err := writeNew(files[0], up); err != nil {
			return err
		}
		if err := writeNew(files[1], down); err != nil {
			return errors.Join(err, os.Remove(files[0]))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// noKeyReused refuses to add a record under a key that an earlier release removed: a key
// names one record for ever, so a tool holding it never mistakes a new record for the old.
func noKeyReused(changes []Change, removed map[string]map[string]string) error {
	var errs []error
	for _, ch := range changes {
		if release, ok := removed[ch.Kind][ch.Key]; ok && ch.Change == "added" {
			errs = append(errs, fmt.Errorf("%s %s was removed in release %s and a key is never reused; give the record a new key", ch.Kind, ch.Key, release))
		}
	}
	return errors.Join(errs...)
}

// try applies up to the database at url, checks that it then holds exactly after, applies
// down and checks that every content and release row is back as it was, ids included. A
// value the database stores otherwise than the content writes it ("1.0e1" for 10, "yes" for
// true) is reported here, before any file is written.
func try(ctx context.Context, url string, after Records, up, down []byte) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	before, err := rowHashes(ctx, conn)
	if err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, string(up)); err != nil {
		return fmt.Errorf("up: %w", err)
	}
	got, err := ReadRecords(ctx, conn)
	if err != nil {
		return err
	}
	if diffs := Diff(got, after); len(diffs) > 0 {
		var msgs []string
		for _, ch := range diffs {
			msg := ch.Kind + " " + ch.Key + ": " + ch.Change
			for _, f := range ch.Fields {
				msg += fmt.Sprintf("; %s is stored as %q, not as written, %q", f.Field, f.Old.String(), f.New.String())
			}
			msgs = append(msgs, msg)
		}
		return fmt.Errorf("up leaves the database unlike the content (write values as the database prints them): %s",
			strings.Join(msgs, "\n"))
	}
	if _, err := conn.Exec(ctx, string(down)); err != nil {
		return fmt.Errorf("down: %w", err)
	}
	restored, err := rowHashes(ctx, conn)
	if err != nil {
		return err
	}
	for table, hash := range before {
		if restored[table] != hash {
			return fmt.Errorf("down does not restore the rows of %s", table)
		}
	}
	return nil
}

// rowHashes hashes every row of every content and release table, ids included.
func rowHashes(ctx context.Context, conn *pgx.Conn) (map[string]string, error) {
	out := map[string]string{}
	for _, table := range append(Tables(), ReleaseTables...) {
		var hash string
		err := conn.QueryRow(ctx, fmt.Sprintf(
			`SELECT coalesce(md5(string_agg(row_to_json(t)::text, E'\n' ORDER BY row_to_json(t)::text)), 'empty') FROM %s AS t`,
			pgx.Identifier{table}.Sanitize())).Scan(&hash)
		if err != nil {
			return nil, fmt.Errorf("hash rows of %s: %w", table, err)
		}
		out[table] = hash
	}
	return out, nil
}

// writeNew writes a file that must not exist yet: a migration is never overwritten.
func writeNew(path string, body []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write migration: %w", err)
	}
	_, err = f.Write(body)
	return errors.Join(err, f.Close())
}
