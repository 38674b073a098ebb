package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/kb"
)

// metaSQL computes the data version as a hash over every row of every content table, so that
// any change of content, and only that, changes it; the tables are few and small.
var metaSQL = func() string {
	sql := "SELECT md5(coalesce(string_agg(row, E'\\n' ORDER BY row), '')) FROM ("
	for i, table := range content.Tables() {
		if i > 0 {
			sql += "\n\tUNION ALL "
		}
		sql += fmt.Sprintf("SELECT '%[1]s' || row_to_json(t)::text AS row FROM %[1]s AS t", table)
	}
	return sql + "\n\t) AS rows"
}()

// countsSQL counts each kind's records, named as /v1/meta names them: the collection name
// with underscores.
var countsSQL = func() string {
	parts := make([]string, len(content.Kinds))
	for i, k := range content.Kinds {
		parts[i] = fmt.Sprintf("SELECT '%s', count(*) FROM %s", strings.ReplaceAll(k.Name, "-", "_"), k.Table)
	}
	return strings.Join(parts, "\n\tUNION ALL ")
}()

const verificationSQL = `
	SELECT verified_against, count(*)
	FROM sources
	GROUP BY verified_against`

const greySQL = `
	SELECT count(*)
	FROM sources
	WHERE NOT peer_reviewed`

// Meta returns the data version, the schema version, the current release, the counts per
// collection and how far the sources were verified, read in one snapshot.
func (s *Store) Meta(ctx context.Context) (kb.Meta, error) {
	meta := kb.Meta{Counts: map[string]int{}, VerifiedAgainst: map[string]int{}}
	tx, err := s.pool.BeginTx(ctx, readOnlySnapshot)
	if err != nil {
		return kb.Meta{}, fmt.Errorf("begin meta snapshot: %w", classify(err))
	}
	defer tx.Rollback(ctx)

	if err := tx.QueryRow(ctx, metaSQL).Scan(&meta.DataVersion); err != nil {
		return kb.Meta{}, fmt.Errorf("compute data version: %w", classify(err))
	}
	var version int64
	if err := tx.QueryRow(ctx, schemaVersionSQL).Scan(&version, new(bool)); err != nil {
		return kb.Meta{}, fmt.Errorf("read schema version: %w", classify(err))
	}
	meta.SchemaVersion = int(version)
	for sql, into := range map[string]map[string]int{countsSQL: meta.Counts, verificationSQL: meta.VerifiedAgainst} {
		rows, err := tx.Query(ctx, sql)
		if err != nil {
			return kb.Meta{}, fmt.Errorf("count content: %w", classify(err))
		}
		for rows.Next() {
			var name string
			var n int
			if err := rows.Scan(&name, &n); err != nil {
				return kb.Meta{}, fmt.Errorf("scan count: %w", err)
			}
			into[name] = n
		}
		if err := rows.Err(); err != nil {
			return kb.Meta{}, fmt.Errorf("count content: %w", classify(err))
		}
	}
	if err := tx.QueryRow(ctx, greySQL).Scan(&meta.GreyLiterature); err != nil {
		return kb.Meta{}, fmt.Errorf("count grey literature: %w", classify(err))
	}
	err = tx.QueryRow(ctx, currentReleaseSQL).Scan(&meta.Release)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return kb.Meta{}, fmt.Errorf("read current release: %w", classify(err))
	}
	return meta, nil
}
