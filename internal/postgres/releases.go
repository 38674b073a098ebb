package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/kb"
)

// releasedColumns selects, for the record of kind (a content.Kinds name) whose natural key is
// keyExpr, the latest release that added it and the latest release with any change to it, as
// <prefix>added_in and <prefix>changed_in. The aliases are unusual so that keyExpr, which
// names the outer query's table, is never shadowed.
func releasedColumns(kind, keyExpr, prefix string) string {
	return fmt.Sprintf(`
	       (SELECT rel_c.release_id
	        FROM release_changes AS rel_c
	        JOIN releases AS rel_r ON rel_r.id = rel_c.release_id
	        WHERE rel_c.kind = '%[1]s' AND rel_c.key = %[2]s AND rel_c.change = 'added'
	        ORDER BY rel_r.migration DESC
	        LIMIT 1) AS %[3]sadded_in,
	       (SELECT rel_c.release_id
	        FROM release_changes AS rel_c
	        JOIN releases AS rel_r ON rel_r.id = rel_c.release_id
	        WHERE rel_c.kind = '%[1]s' AND rel_c.key = %[2]s
	        ORDER BY rel_r.migration DESC
	        LIMIT 1) AS %[3]schanged_in`, kind, keyExpr, prefix)
}

// releasedRow is what releasedColumns selects with no prefix.
type releasedRow struct {
	AddedIn   *string `db:"added_in"`
	ChangedIn *string `db:"changed_in"`
}

func (r releasedRow) released() kb.Released {
	return kb.Released{AddedIn: r.AddedIn, ChangedIn: r.ChangedIn}
}

// releaseSQL selects releases with how many records each added, removed and changed; a query
// adds its WHERE, then GROUP BY r.id.
const releaseSQL = `
	SELECT r.id, r.migration, r.published, r.summary,
	       count(c.key) FILTER (WHERE c.change = 'added') AS added,
	       count(c.key) FILTER (WHERE c.change = 'removed') AS removed,
	       count(c.key) FILTER (WHERE c.change = 'changed') AS changed
	FROM releases AS r
	LEFT JOIN release_changes AS c ON c.release_id = r.id`

type releaseRow struct {
	ID        string    `db:"id"`
	Migration int64     `db:"migration"`
	Published time.Time `db:"published"`
	Summary   string    `db:"summary"`
	Added     int       `db:"added"`
	Removed   int       `db:"removed"`
	Changed   int       `db:"changed"`
}

func (r releaseRow) release() kb.Release {
	return kb.Release{ID: r.ID, Migration: r.Migration, Published: r.Published, Summary: r.Summary,
		Added: r.Added, Removed: r.Removed, Changed: r.Changed}
}

// changeSQL selects changelog rows with their release, in release order and, within a
// release, parents before children (the order of content.Kinds, $1) and then by key, so that
// a client applying them in turn never meets a reference to a record it has not seen.
const changeSQL = `
	SELECT c.release_id, c.kind, c.key, c.change, c.fields
	FROM release_changes AS c
	JOIN releases AS r ON r.id = c.release_id
	WHERE %s
	ORDER BY r.migration, array_position($1::text[], c.kind), c.key`

type changeRow struct {
	ReleaseID string        `db:"release_id"`
	Kind      string        `db:"kind"`
	Key       string        `db:"key"`
	Change    string        `db:"change"`
	Fields    []fieldChange `db:"fields"`
}

// fieldChange is one element of release_changes.fields.
type fieldChange struct {
	Field string          `json:"field"`
	Old   json.RawMessage `json:"old"`
	New   json.RawMessage `json:"new"`
}

// kindOrder is the order changes of one release are listed in.
var kindOrder = func() []string {
	names := make([]string, len(content.Kinds))
	for i, k := range content.Kinds {
		names[i] = k.Name
	}
	return names
}()

const currentReleaseSQL = `
	SELECT id
	FROM releases
	ORDER BY migration DESC
	LIMIT 1`

const releaseMigrationSQL = `
	SELECT migration
	FROM releases
	WHERE id = $1`

// Releases returns a page of releases, newest first, and whether more follow. A page
// continues after the release whose migration is page.After.Rank.
func (s *Store) Releases(ctx context.Context, page kb.Page) ([]kb.Release, bool, error) {
	var w where
	if page.After != nil {
		w.add("r.migration < ?", page.After.Rank)
	}
	sql := fmt.Sprintf("%s\n\t%s\n\tGROUP BY r.id\n\tORDER BY r.migration DESC\n\tLIMIT %d", releaseSQL, &w, page.Limit+1)
	rows, more, err := collect[releaseRow](ctx, s, sql, w.args, page)
	if err != nil {
		return nil, false, fmt.Errorf("list releases: %w", err)
	}
	releases := make([]kb.Release, len(rows))
	for i, r := range rows {
		releases[i] = r.release()
	}
	return releases, more, nil
}

// Release returns the release with the given id and its changelog, read in one snapshot, or
// an error wrapping kb.ErrNotFound.
func (s *Store) Release(ctx context.Context, id string) (kb.Release, error) {
	tx, err := s.pool.BeginTx(ctx, readOnlySnapshot)
	if err != nil {
		return kb.Release{}, fmt.Errorf("begin release snapshot: %w", classify(err))
	}
	defer tx.Rollback(ctx)
	rows, err := tx.Query(ctx, releaseSQL+"\n\tWHERE r.id = $1\n\tGROUP BY r.id", id)
	if err != nil {
		return kb.Release{}, fmt.Errorf("query release %q: %w", id, classify(err))
	}
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[releaseRow])
	if errors.Is(err, pgx.ErrNoRows) {
		return kb.Release{}, fmt.Errorf("release %q: %w", id, kb.ErrNotFound)
	}
	if err != nil {
		return kb.Release{}, fmt.Errorf("query release %q: %w", id, classify(err))
	}
	release := r.release()
	if release.Changes, err = changes(ctx, tx, "c.release_id = $2", id); err != nil {
		return kb.Release{}, fmt.Errorf("changelog of release %q: %w", id, err)
	}
	return release, nil
}

// ChangesSince returns every change of every release after the release since, in release
// order, and the current release, read in one snapshot; since the current release, there are
// none. An unknown since is an error wrapping kb.ErrNotFound.
func (s *Store) ChangesSince(ctx context.Context, since string) (current string, _ []kb.ReleaseChange, _ error) {
	tx, err := s.pool.BeginTx(ctx, readOnlySnapshot)
	if err != nil {
		return "", nil, fmt.Errorf("begin changes snapshot: %w", classify(err))
	}
	defer tx.Rollback(ctx)
	var migration int64
	err = tx.QueryRow(ctx, releaseMigrationSQL, since).Scan(&migration)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil, fmt.Errorf("release %q: %w", since, kb.ErrNotFound)
	}
	if err != nil {
		return "", nil, fmt.Errorf("look up release %q: %w", since, classify(err))
	}
	if err := tx.QueryRow(ctx, currentReleaseSQL).Scan(&current); err != nil {
		return "", nil, fmt.Errorf("read current release: %w", classify(err))
	}
	found, err := changes(ctx, tx, "r.migration > $2", migration)
	if err != nil {
		return "", nil, fmt.Errorf("changes since release %q: %w", since, err)
	}
	return current, found, nil
}

// changes runs changeSQL with the condition cond on its second argument.
func changes(ctx context.Context, tx pgx.Tx, cond string, arg any) ([]kb.ReleaseChange, error) {
	rows, err := tx.Query(ctx, fmt.Sprintf(changeSQL, cond), kindOrder, arg)
	if err != nil {
		return nil, classify(err)
	}
	found, err := pgx.CollectRows(rows, pgx.RowToStructByName[changeRow])
	if err != nil {
		return nil, classify(err)
	}
	out := make([]kb.ReleaseChange, len(found))
	for i, c := range found {
		fields := make([]kb.FieldChange, len(c.Fields))
		for j, f := range c.Fields {
			fields[j] = kb.FieldChange{Field: f.Field, Old: f.Old, New: f.New}
		}
		out[i] = kb.ReleaseChange{Release: c.ReleaseID, Kind: c.Kind, Key: c.Key, Change: c.Change, Fields: fields}
	}
	return out, nil
}
