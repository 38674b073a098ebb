// Package content holds the knowledge base as data: the kinds of record it keeps, each
// record as a flat set of named values keyed by its natural key, and the reading of those
// records from a migrated database. Files, generated migrations and release changelogs are
// all built on this one description of the content.
package content

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// ColumnType says how a column's value is written and compared.
type ColumnType int

const (
	// Text is any scalar column: text, integer, numeric, boolean. Its value is the text
	// PostgreSQL prints for it (col::text), so numerics keep their published scale ("3.90").
	Text ColumnType = iota
	// List is a text[] column; its value is the elements in stored order.
	List
	// Ref is a bigint foreign key; its value is the natural key of the record it points to.
	Ref
	// RefSet is a set of records of another kind held in a link table (a treatment's
	// mechanisms); its value is their natural keys in bytewise order.
	RefSet
)

// Column is one field of a kind, named as in the database (a Ref names its *_id column).
type Column struct {
	Name string
	Type ColumnType
	// RefKind is the kind a Ref or RefSet points to.
	RefKind string
	// Link names the link table of a RefSet and its two columns: this kind's, then the other's.
	Link, LinkFrom, LinkTo string
}

// Kind is one kind of record: an API collection, its table and its columns in table order
// (the id and the natural key column excluded).
type Kind struct {
	Name      string // the API collection: "treatments" is /v1/treatments
	Table     string
	KeyColumn string // "slug", or "key" for findings
	Columns   []Column
}

// Kinds lists every kind of content, parents before children: insert in this order, delete
// in reverse. It is the one list of content tables; the link table of a RefSet is included
// through its column.
var Kinds = []Kind{
	{Name: "sources", Table: "sources", KeyColumn: "slug", Columns: texts(
		"pmid", "doi", "authors", "title", "journal", "year", "citation", "publication_type",
		"verified_against", "peer_reviewed", "url", "verification")},
	{Name: "associated-features", Table: "associated_features", KeyColumn: "slug", Columns: append(texts(
		"name", "category", "description", "in_review"), Column{Name: "synonyms", Type: List})},
	{Name: "mechanisms", Table: "mechanisms", KeyColumn: "slug", Columns: []Column{
		{Name: "name"}, {Name: "description"}, {Name: "support"},
		{Name: "animal_models", Type: List}, {Name: "genes", Type: List},
		{Name: "in_review"}, {Name: "studied_in_ssc"}, {Name: "synonyms", Type: List}}},
	{Name: "diagnostic-modalities", Table: "diagnostic_modalities", KeyColumn: "slug", Columns: append(texts(
		"name", "role", "shows", "strengths", "limitations", "in_review"), Column{Name: "synonyms", Type: List})},
	{Name: "treatments", Table: "treatments", KeyColumn: "slug", Columns: append(texts(
		"name", "category", "drug_class", "route", "rationale", "mainstay"),
		Column{Name: "synonyms", Type: List},
		Column{Name: "mechanisms", Type: RefSet, RefKind: "mechanisms",
			Link: "treatment_mechanisms", LinkFrom: "treatment_id", LinkTo: "mechanism_id"})},
	{Name: "prevalence", Table: "prevalence_estimates", KeyColumn: "slug", Columns: []Column{
		{Name: "cohort"}, {Name: "kind"}, {Name: "design"}, {Name: "definition"}, {Name: "n"},
		{Name: "cases"}, {Name: "percent"}, {Name: "approximate"},
		{Name: "source_id", Type: Ref, RefKind: "sources"}, {Name: "statement"}}},
	{Name: "clinical-presentation", Table: "presentation_items", KeyColumn: "slug", Columns: append(texts(
		"name", "kind", "description"), Column{Name: "synonyms", Type: List})},
	{Name: "findings", Table: "findings", KeyColumn: "key", Columns: []Column{
		{Name: "source_id", Type: Ref, RefKind: "sources"},
		{Name: "associated_feature_id", Type: Ref, RefKind: "associated-features"},
		{Name: "mechanism_id", Type: Ref, RefKind: "mechanisms"},
		{Name: "diagnostic_modality_id", Type: Ref, RefKind: "diagnostic-modalities"},
		{Name: "treatment_id", Type: Ref, RefKind: "treatments"},
		{Name: "design"}, {Name: "population"}, {Name: "n_ssc"}, {Name: "n_total"},
		{Name: "measure"}, {Name: "estimate"}, {Name: "ci_low"}, {Name: "ci_high"},
		{Name: "comparator_estimate"}, {Name: "comparison"}, {Name: "p_value"}, {Name: "p_relation"},
		{Name: "adjusted"}, {Name: "events"}, {Name: "denominator"}, {Name: "direction"},
		{Name: "outcome"}, {Name: "regimen"}, {Name: "adverse_effects"}, {Name: "follow_up"},
		{Name: "evidence_level"}, {Name: "statement"},
		{Name: "prevalence_estimate_id", Type: Ref, RefKind: "prevalence"},
		{Name: "presentation_item_id", Type: Ref, RefKind: "clinical-presentation"},
		{Name: "recommendation"}, {Name: "is_primary"}, {Name: "recommendation_basis"}}},
}

func texts(names ...string) []Column {
	cols := make([]Column, len(names))
	for i, n := range names {
		cols[i] = Column{Name: n}
	}
	return cols
}

// KindNamed returns the kind with the given collection name.
func KindNamed(name string) (Kind, bool) {
	i := slices.IndexFunc(Kinds, func(k Kind) bool { return k.Name == name })
	if i < 0 {
		return Kind{}, false
	}
	return Kinds[i], true
}

// Tables lists every table that holds content, the link tables included, in Kinds order.
func Tables() []string {
	var tables []string
	for _, k := range Kinds {
		tables = append(tables, k.Table)
		for _, c := range k.Columns {
			if c.Type == RefSet {
				tables = append(tables, c.Link)
			}
		}
	}
	return tables
}

// ReleaseTables hold the data releases and their changelogs. They are not content, but
// answers are built from them, so changing them moves the content version as content does.
var ReleaseTables = []string{"releases", "release_changes"}

// Value is one column's value. Null marks SQL NULL; otherwise Text holds a Text or Ref
// column's value and List a List or RefSet column's (never nil for those).
type Value struct {
	Null bool
	Text string
	List []string
}

// Equal reports whether two values are the same, element for element and byte for byte.
func (v Value) Equal(w Value) bool {
	return v.Null == w.Null && v.Text == w.Text && slices.Equal(v.List, w.List) &&
		(v.List == nil) == (w.List == nil)
}

// String renders a value for changelogs and messages: null, the text, or a bracketed list.
func (v Value) String() string {
	switch {
	case v.Null:
		return "null"
	case v.List != nil:
		return "[" + strings.Join(v.List, ", ") + "]"
	default:
		return v.Text
	}
}

// Record is one record of one kind: its natural key and its values by column name.
// ID is the database id, zero for a record read from files.
type Record struct {
	Kind   string
	Key    string
	ID     int64
	Values map[string]Value
}

// Records holds every record of the content, by kind name and then by key.
type Records map[string]map[string]Record

// Sorted returns a kind's records in bytewise key order.
func (rs Records) Sorted(kind string) []Record {
	out := make([]Record, 0, len(rs[kind]))
	for _, r := range rs[kind] {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Record) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// Querier is what ReadRecords needs of a connection, a pool or a transaction.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// ReadRecords reads every content record from a migrated database. Read it inside one
// repeatable-read transaction for a consistent view.
func ReadRecords(ctx context.Context, q Querier) (Records, error) {
	out := Records{}
	for _, k := range Kinds {
		recs, err := readKind(ctx, q, k)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", k.Name, err)
		}
		out[k.Name] = recs
	}
	return out, nil
}

// readKind selects the id, the key and then, per column, a null flag and the value as text,
// or as text[] for lists and link sets.
func readKind(ctx context.Context, q Querier, k Kind) (map[string]Record, error) {
	exprs := []string{"t.id", "t." + k.KeyColumn + "::text"}
	for _, c := range k.Columns {
		switch c.Type {
		case Text:
			exprs = append(exprs, fmt.Sprintf("t.%[1]s IS NULL, coalesce(t.%[1]s::text, '')", c.Name))
		case List:
			exprs = append(exprs, fmt.Sprintf("t.%[1]s IS NULL, coalesce(t.%[1]s, '{}')::text[]", c.Name))
		case Ref:
			ref, _ := KindNamed(c.RefKind)
			exprs = append(exprs, fmt.Sprintf(
				"t.%[1]s IS NULL, coalesce((SELECT r.%[2]s::text FROM %[3]s AS r WHERE r.id = t.%[1]s), '')",
				c.Name, ref.KeyColumn, ref.Table))
		case RefSet:
			ref, _ := KindNamed(c.RefKind)
			exprs = append(exprs, fmt.Sprintf(
				`false, coalesce((SELECT array_agg(r.%[1]s::text ORDER BY r.%[1]s::text COLLATE "C")
					FROM %[2]s AS l JOIN %[3]s AS r ON r.id = l.%[4]s WHERE l.%[5]s = t.id), '{}')`,
				ref.KeyColumn, c.Link, ref.Table, c.LinkTo, c.LinkFrom))
		}
	}
	sql := fmt.Sprintf("SELECT %s FROM %s AS t", strings.Join(exprs, ", "), k.Table)
	rows, err := q.Query(ctx, sql)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Record{}
	for rows.Next() {
		var rec Record
		nulls := make([]bool, len(k.Columns))
		textVals := make([]string, len(k.Columns))
		listVals := make([][]string, len(k.Columns))
		dest := []any{&rec.ID, &rec.Key}
		for i, c := range k.Columns {
			if c.Type == List || c.Type == RefSet {
				dest = append(dest, &nulls[i], &listVals[i])
			} else {
				dest = append(dest, &nulls[i], &textVals[i])
			}
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		rec.Kind = k.Name
		rec.Values = make(map[string]Value, len(k.Columns))
		for i, c := range k.Columns {
			v := Value{Null: nulls[i]}
			switch {
			case v.Null:
			case c.Type == List || c.Type == RefSet:
				v.List = listVals[i]
				if v.List == nil {
					v.List = []string{}
				}
			default:
				v.Text = textVals[i]
			}
			rec.Values[c.Name] = v
		}
		out[rec.Key] = rec
	}
	return out, rows.Err()
}
