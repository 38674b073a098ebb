package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgerrcode"
	"github.com/jackc/pgx/v5/pgconn"
)

// contentVersionChannel is where next_content_version (migration 22) notifies each new version.
const contentVersionChannel = "content_version"

const contentVersionSQL = `
	SELECT version
	FROM content_version`

// ContentVersion returns a number that grows whenever any content changes (triggers and the
// migration code move it forward), read in one cheap query; errors wrap kb.ErrUnavailable when
// the database cannot answer.
func (s *Store) ContentVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.pool.QueryRow(ctx, contentVersionSQL).Scan(&v); err != nil {
		return 0, fmt.Errorf("read content version: %w", classify(err))
	}
	return v, nil
}

const contentStateSQL = `
	SELECT c.version, m.version, m.dirty
	FROM content_version AS c, schema_migrations AS m`

// ContentState returns the content version, checking in the same query that the schema is at
// the binary's latest migration. It returns an error wrapping ErrSchemaBehind if it is not,
// and one wrapping kb.ErrUnavailable when the database cannot answer.
func (s *Store) ContentState(ctx context.Context) (int64, error) {
	latest, err := LatestVersion()
	if err != nil {
		return 0, err
	}
	var version, schema int64
	var dirty bool
	err = s.pool.QueryRow(ctx, contentStateSQL).Scan(&version, &schema, &dirty)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == pgerrcode.UndefinedTable {
		return 0, fmt.Errorf("no content version: %w", ErrSchemaBehind)
	}
	if err != nil {
		return 0, fmt.Errorf("read content version: %w", classify(err))
	}
	if dirty || uint(schema) != latest {
		return 0, fmt.Errorf("at version %d (dirty %t), want %d: %w", schema, dirty, latest, ErrSchemaBehind)
	}
	return version, nil
}

// ListenContentVersion calls changed with each content version the database announces,
// until ctx ends or the connection fails; it returns why it stopped. It holds one connection
// of its own, taken out of the pool. A hot standby refuses to listen (notifications are not
// replicated), so against one it returns an error at once and callers must poll instead.
func (s *Store) ListenContentVersion(ctx context.Context, changed func(version int64)) error {
	pooled, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("listen for content versions: %w", classify(err))
	}
	conn := pooled.Hijack()
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+contentVersionChannel); err != nil {
		return fmt.Errorf("listen for content versions: %w", classify(err))
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("wait for a content version: %w", classify(err))
		}
		v, err := strconv.ParseInt(n.Payload, 10, 64)
		if err != nil {
			return fmt.Errorf("content version notified as %q: %w", n.Payload, err)
		}
		changed(v)
	}
}
