package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"calcinosiskb/internal/content"
)

// syntheticPrefix starts the slug of every synthetic record: synthetic-<copy>-<original id>.
const syntheticPrefix = "synthetic-"

// tableRows is a table's row count before and after growth.
type tableRows struct {
	Table  string `json:"table"`
	Before int64  `json:"before"`
	After  int64  `json:"after"`
}

type rowCounts []tableRows

func (rc rowCounts) String() string {
	parts := make([]string, len(rc))
	for i, r := range rc {
		parts[i] = fmt.Sprintf("%s %d→%d", r.Table, r.Before, r.After)
	}
	return strings.Join(parts, ", ")
}

// growDatabase multiplies the content of the freshly migrated database at url by factor: each
// record of each content table gets factor-1 synthetic copies, so every table ends with factor
// times its rows. A copy keeps the original's values, which satisfy every constraint and keep
// the data's shape (text lengths, categories, evidence per record), and takes a slug of its
// own, synthetic-<copy>-<id>, and a unique name where names are unique. Copy k's references
// point to copy k of what the original referenced, so each synthetic record has its own
// findings, citing its own synthetic sources, and no original record gains any. The tables
// are ANALYZEd afterwards, as autovacuum would in time.
func growDatabase(ctx context.Context, url string, factor int) (rowCounts, error) {
	if factor < 2 {
		return nil, fmt.Errorf("growth factor %d: want 2 or more", factor)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())

	var grown bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM sources WHERE slug LIKE $1)", syntheticPrefix+"%").Scan(&grown); err != nil {
		return nil, err
	}
	if grown {
		return nil, errors.New("the database already holds synthetic records")
	}

	// content.Tables lists each table after the tables it references, as copying needs.
	tables := content.Tables()
	counts := make(rowCounts, len(tables))
	for i, table := range tables {
		counts[i].Table = table
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()).Scan(&counts[i].Before); err != nil {
			return nil, err
		}
	}

	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(context.Background())
	mapped := map[string]bool{} // tables whose copies are recorded in pg_temp.map_<table>
	for _, table := range tables {
		if err := cloneTable(ctx, tx, table, factor-1, mapped); err != nil {
			return nil, fmt.Errorf("grow %s: %w", table, err)
		}
	}
	for i, table := range tables {
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()).Scan(&counts[i].After); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "ANALYZE"); err != nil {
		return nil, fmt.Errorf("analyze: %w", err)
	}
	return counts, nil
}

// column is a column of a content table, as the catalog describes it.
type column struct {
	name      string
	typ       string
	notNull   bool
	unique    bool   // alone in a unique index (a partial one included)
	reference string // the table a single-column foreign key points to, if any
}

// cloneTable inserts copies copies of each original row of table (see growDatabase).
func cloneTable(ctx context.Context, tx pgx.Tx, table string, copies int, mapped map[string]bool) error {
	cols, err := columnsOf(ctx, tx, table)
	if err != nil {
		return err
	}
	if len(cols) == 0 {
		return errors.New("no such table")
	}
	t := pgx.Identifier{table}.Sanitize()
	var names, exprs, joins []string
	hasSlug, hasID := false, false
	for _, c := range cols {
		col := "t." + pgx.Identifier{c.name}.Sanitize()
		expr := col
		switch {
		case c.name == "id":
			hasID = true
			continue // an identity, numbered by the database
		case c.name == "slug":
			hasSlug = true
			expr = fmt.Sprintf("'%s' || c.n || '-' || t.id", syntheticPrefix)
		case c.reference != "" && mapped[c.reference]:
			alias := "m_" + c.name
			join := "JOIN"
			if !c.notNull {
				join = "LEFT JOIN"
			}
			joins = append(joins, fmt.Sprintf("%s pg_temp.%s AS %s ON %s.copy = c.n AND %s.old_id = %s",
				join, pgx.Identifier{"map_" + c.reference}.Sanitize(), alias, alias, alias, col))
			expr = alias + ".new_id"
		case c.reference != "":
			return fmt.Errorf("column %s references %s, which is not grown before it", c.name, c.reference)
		case c.unique && !c.notNull:
			expr = "NULL" // identifiers such as a PMID or DOI belong to the original only
		case c.unique && c.typ == "boolean":
			expr = "false" // a flag that at most one row carries, such as the mainstay treatment
		case c.unique && c.name == "key":
			expr = col + " || '-synthetic-' || c.n" // a finding's natural key keeps its slug-like form
		case c.unique && (c.typ == "text" || c.typ == "character varying"):
			expr = col + " || ' (synthetic ' || c.n || ')'"
		case c.unique:
			return fmt.Errorf("column %s (%s) is unique and cannot be copied", c.name, c.typ)
		}
		names = append(names, pgx.Identifier{c.name}.Sanitize())
		exprs = append(exprs, expr)
	}
	where := ""
	if hasSlug {
		where = fmt.Sprintf("WHERE t.slug NOT LIKE '%s%%'", syntheticPrefix)
	}
	insert := fmt.Sprintf("INSERT INTO %s (%s)\nSELECT %s\nFROM %s AS t\nCROSS JOIN generate_series(1, %d) AS c(n)\n%s\n%s",
		t, strings.Join(names, ", "), strings.Join(exprs, ", "), t, copies, strings.Join(joins, "\n"), where)
	if !hasID || !hasSlug {
		_, err := tx.Exec(ctx, insert)
		return err
	}
	// Record which copy of which row each new id is, for the tables that reference this one.
	mapTable := pgx.Identifier{"map_" + table}.Sanitize()
	if _, err := tx.Exec(ctx, fmt.Sprintf(
		"CREATE TEMP TABLE %s (copy integer, old_id bigint, new_id bigint NOT NULL, PRIMARY KEY (copy, old_id))", mapTable)); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, fmt.Sprintf(`WITH inserted AS (%s RETURNING id, slug)
		INSERT INTO pg_temp.%s (copy, old_id, new_id)
		SELECT split_part(slug, '-', 2)::integer, split_part(slug, '-', 3)::bigint, id FROM inserted`,
		insert, mapTable)); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "ANALYZE pg_temp."+mapTable); err != nil {
		return err
	}
	mapped[table] = true
	return nil
}

// columnsOf reads table's columns from the catalog, leaving out generated ones, with the
// single-column unique indexes and foreign keys on them.
func columnsOf(ctx context.Context, tx pgx.Tx, table string) ([]column, error) {
	rows, err := tx.Query(ctx, `
		SELECT a.attname,
		       format_type(coalesce(nullif(ty.typbasetype, 0), a.atttypid), NULL),
		       a.attnotnull,
		       EXISTS (SELECT 1 FROM pg_index AS i
		               WHERE i.indrelid = a.attrelid AND i.indisunique AND i.indnatts = 1
		                 AND i.indkey[0] = a.attnum),
		       coalesce((SELECT c.confrelid::regclass::text FROM pg_constraint AS c
		                 WHERE c.conrelid = a.attrelid AND c.contype = 'f' AND c.conkey = ARRAY[a.attnum]
		                 LIMIT 1), '')
		FROM pg_attribute AS a
		JOIN pg_type AS ty ON ty.oid = a.atttypid
		WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
		ORDER BY a.attnum`, table)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (column, error) {
		var c column
		err := row.Scan(&c.name, &c.typ, &c.notNull, &c.unique, &c.reference)
		return c, err
	})
}
