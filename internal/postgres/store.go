// Package postgres is the knowledge base's store: every SQL statement the service runs,
// over a pgx connection pool, and the migrations that build the schema.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgerrcode"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"calcinosiskb/internal/kb"
)

// Store reads the knowledge base.
type Store struct {
	pool *pgxpool.Pool
}

// New returns a store that queries through pool.
func New(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool}
}

// Ping reports whether the database answers, with an error wrapping kb.ErrUnavailable if not.
func (s *Store) Ping(ctx context.Context) error {
	return classify(s.pool.Ping(ctx))
}

// classify marks failures to reach the database, as opposed to failures of a query, with
// kb.ErrUnavailable, so that callers can tell clients to retry.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var connectErr *pgconn.ConnectError
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &connectErr), pgconn.SafeToRetry(err), pgconn.Timeout(err),
		errors.Is(err, context.DeadlineExceeded):
	case errors.As(err, &pgErr) && (pgErr.Code == pgerrcode.TooManyConnections ||
		strings.HasPrefix(pgErr.Code, "57P")): // operator intervention: shutdown, crash, not yet accepting
	default:
		return err
	}
	return fmt.Errorf("%w: %w", kb.ErrUnavailable, err)
}

// where collects SQL conditions and their arguments; values only ever travel as $n arguments.
type where struct {
	clauses []string
	args    []any
}

// add appends a condition in which each ? stands for the next of args.
func (w *where) add(clause string, args ...any) {
	for _, a := range args {
		w.args = append(w.args, a)
		clause = strings.Replace(clause, "?", fmt.Sprintf("$%d", len(w.args)), 1)
	}
	w.clauses = append(w.clauses, clause)
}

func (w *where) String() string {
	if len(w.clauses) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(w.clauses, "\n\t  AND ")
}

// matching narrows a list of records of one kind to those that search query q matches.
func matching(w *where, slugColumn, kind, q string) {
	if q != "" {
		w.add(slugColumn+" IN (SELECT h.slug FROM search_hits(?) AS h WHERE h.kind = '"+kind+"')", q)
	}
}

// byName finishes a list query sorted by name: the page's keyset condition, order and limit.
// It asks for one row more than the page holds, so the caller learns whether another page follows.
func byName(w *where, page kb.Page) string {
	if page.After != nil {
		w.add("(name, slug) > (?, ?)", page.After.Name, page.After.Slug)
	}
	return fmt.Sprintf("\n\t%s\n\tORDER BY name, slug\n\tLIMIT %d", w, page.Limit+1)
}

// collect runs a list query and returns at most page.Limit rows and whether more follow.
func collect[T any](ctx context.Context, s *Store, sql string, args []any, page kb.Page) ([]T, bool, error) {
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, false, classify(err)
	}
	items, err := pgx.CollectRows(rows, pgx.RowToStructByName[T])
	if err != nil {
		return nil, false, classify(err)
	}
	if len(items) > page.Limit {
		return items[:page.Limit], true, nil
	}
	return items, false, nil
}

// one runs a query for a single row by slug of a record of kind (a content.Kinds name) and
// returns an error wrapping kb.ErrNotFound, named as what, if there is none.
func one[T any](ctx context.Context, s *Store, sql, kind, what, slug string) (T, error) {
	rows, err := s.pool.Query(ctx, sql, slug)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("query %s %q: %w", what, slug, classify(err))
	}
	item, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[T])
	if errors.Is(err, pgx.ErrNoRows) {
		return item, s.notFound(ctx, kind, slug, 0, fmt.Sprintf("%s %q", what, slug))
	}
	if err != nil {
		return item, fmt.Errorf("query %s %q: %w", what, slug, classify(err))
	}
	return item, nil
}

const removalSQL = `
	SELECT c.key, c.release_id
	FROM release_changes AS c
	JOIN releases AS r ON r.id = c.release_id
	WHERE c.change = 'removed' AND c.kind = $1 AND (c.key = $2 OR c.record_id = $3)
	ORDER BY r.migration DESC
	LIMIT 1`

// notFound is the error for a record that is not there: a *kb.RemovedError when a release
// removed it (found by its key, or by the id it had when id is not zero), else an error
// wrapping kb.ErrNotFound that names it as what.
func (s *Store) notFound(ctx context.Context, kind, key string, id int64, what string) error {
	var removedKey, release string
	err := s.pool.QueryRow(ctx, removalSQL, kind, key, id).Scan(&removedKey, &release)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, kb.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("query removal of %s: %w", what, classify(err))
	}
	return &kb.RemovedError{Kind: kind, Key: removedKey, Release: release}
}

// subjectRow is a row of a record that findings attach to.
type subjectRow interface {
	rowID() int64
}

// listWithEvidence runs a list query and returns each row built, with its findings, into a record.
func listWithEvidence[R subjectRow, T any](ctx context.Context, s *Store, sql string, args []any, page kb.Page,
	key findingKey, build func(R, []kb.Finding) T) ([]T, bool, error) {
	rows, more, err := collect[R](ctx, s, sql, args, page)
	if err != nil {
		return nil, false, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.rowID()
	}
	evidence, err := s.findingsOf(ctx, key, ids)
	if err != nil {
		return nil, false, err
	}
	records := make([]T, len(rows))
	for i, r := range rows {
		records[i] = build(r, evidence[r.rowID()])
	}
	return records, more, nil
}

// oneWithEvidence returns the record with the given slug and its findings,
// or an error wrapping kb.ErrNotFound.
func oneWithEvidence[R subjectRow, T any](ctx context.Context, s *Store, sql, kind, what, slug string,
	key findingKey, build func(R, []kb.Finding) T) (T, error) {
	r, err := one[R](ctx, s, sql, kind, what, slug)
	if err != nil {
		var zero T
		return zero, err
	}
	evidence, err := s.findingsOf(ctx, key, []int64{r.rowID()})
	if err != nil {
		var zero T
		return zero, err
	}
	return build(r, evidence[r.rowID()]), nil
}

// readOnlySnapshot runs several statements against one consistent view of the data.
var readOnlySnapshot = pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}

// refs pairs the slugs and names of records, as two arrays from one ordered subquery.
func refs(slugs, names []string) []kb.Ref {
	out := make([]kb.Ref, len(slugs))
	for i := range slugs {
		out[i] = kb.Ref{Slug: slugs[i], Name: names[i]}
	}
	return out
}

// PoolStat returns the connection pool's statistics.
func (s *Store) PoolStat() *pgxpool.Stat {
	return s.pool.Stat()
}
