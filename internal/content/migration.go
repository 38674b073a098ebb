package content

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// GenerateCommand writes content migrations; their headers name it.
const GenerateCommand = "go run ./cmd/kb content gen"

// Release is the data release a generated migration pair makes.
type Release struct {
	ID        string // see ReleaseID
	Migration uint   // the number of the migration pair, and so the release's place in order
	Published time.Time
	Summary   string
}

var releaseIDPattern = regexp.MustCompile(`^[0-9]{4}\.[0-9]{2}\.[0-9]{2}(-[1-9][0-9]*)?$`)

// ReleaseID returns the id of a release published on date: YYYY.MM.DD, or YYYY.MM.DD-2,
// -3, ... when existing already holds that day's earlier releases.
func ReleaseID(date time.Time, existing []string) string {
	base := date.Format("2006.01.02")
	id := base
	for n := 2; slices.Contains(existing, id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// MigrationFiles returns the names of a release's up and down migration files:
// NNNNNN_content_YYYY_MM_DD[_N].up.sql and .down.sql.
func MigrationFiles(rel Release) (up, down string) {
	stem := fmt.Sprintf("%06d_content_%s", rel.Migration, strings.NewReplacer(".", "_", "-", "_").Replace(rel.ID))
	return stem + ".up.sql", stem + ".down.sql"
}

// Summarize describes changes in one line, for a release given no summary.
func Summarize(changes []Change) string {
	count := map[string]int{}
	var kinds []string
	for _, ch := range changes {
		count[ch.Change]++
		if !slices.Contains(kinds, ch.Kind) {
			kinds = append(kinds, ch.Kind)
		}
	}
	return fmt.Sprintf("Content: %d added, %d changed, %d removed (%s).",
		count[Added], count[Changed], count[Removed], strings.Join(kinds, ", "))
}

// MigrationSQL writes the migration pair that makes a release: the up takes a database
// holding before (read from a database, so with ids) to the content the changes describe,
// and records the release and its changelog; the down takes it back exactly, ids included.
//
// The up runs in one transaction: removed records go first, children before parents, their
// link rows spelled out; then, kind by kind with parents first, changed records and then
// added ones, so that a record may point to a parent added in the same release. Every
// statement checks that it touched exactly the rows it was written for, and a changed row
// is matched by its key and its old values: a database that is not in the state the
// migration was generated from makes it fail instead of silently doing less.
func MigrationSQL(before Records, changes []Change, rel Release) (up, down []byte, err error) {
	if err := checkRelease(rel); err != nil {
		return nil, nil, err
	}
	if len(changes) == 0 {
		return nil, nil, errors.New("no changes: a release needs at least one")
	}
	if err := checkChanges(before, changes); err != nil {
		return nil, nil, err
	}
	// Diff's order, whatever the caller's: the same difference always writes the same files.
	kindIndex := func(name string) int { return slices.IndexFunc(Kinds, func(k Kind) bool { return k.Name == name }) }
	changes = slices.Clone(changes)
	slices.SortFunc(changes, func(a, b Change) int {
		return cmp.Or(cmp.Compare(kindIndex(a.Kind), kindIndex(b.Kind)), strings.Compare(a.Key, b.Key))
	})
	byKind := map[string][]Change{}
	for _, ch := range changes {
		byKind[ch.Kind] = append(byKind[ch.Kind], ch)
	}
	var u, d sqlFile
	u.header(rel, changes, "applies")
	d.header(rel, changes, "undoes")

	// The release comes first: each removal writes its own changelog row, with the id the
	// record had, as it deletes the record.
	u.releaseRow(rel)
	for i := len(Kinds) - 1; i >= 0; i-- {
		k := Kinds[i]
		for _, ch := range byKind[k.Name] {
			if ch.Change == Removed {
				u.block(k.Name+" "+ch.Key, "removed", deleteRecord(k, before[k.Name][ch.Key], rel.ID))
			}
		}
	}
	for _, k := range Kinds {
		for _, ch := range byKind[k.Name] {
			if ch.Change == Changed {
				u.block(k.Name+" "+ch.Key, "changed", updateRecord(k, ch.Key, ch.Fields, false))
			}
		}
		for _, ch := range byKind[k.Name] {
			if ch.Change == Added {
				u.block(k.Name+" "+ch.Key, "added", insertRecord(k, ch.New, ""))
			}
		}
	}
	u.changeRows(rel, slices.DeleteFunc(slices.Clone(changes), func(ch Change) bool { return ch.Change == Removed }))

	for i := len(Kinds) - 1; i >= 0; i-- {
		k := Kinds[i]
		for _, ch := range slices.Backward(byKind[k.Name]) {
			if ch.Change == Added {
				d.block(k.Name+" "+ch.Key, "added by the release, removed", deleteRecord(k, ch.New, ""))
			}
		}
		for _, ch := range slices.Backward(byKind[k.Name]) {
			if ch.Change == Changed {
				d.block(k.Name+" "+ch.Key, "changed by the release, restored", updateRecord(k, ch.Key, ch.Fields, true))
			}
		}
	}
	for _, k := range Kinds {
		for _, ch := range byKind[k.Name] {
			if ch.Change == Removed {
				d.block(k.Name+" "+ch.Key, "removed by the release, restored", insertRecord(k, before[k.Name][ch.Key], rel.ID))
			}
		}
	}
	// Last, since the restored records take their ids from the changelog.
	d.block("release "+rel.ID, "removed with its changelog", []step{
		{sql: "DELETE FROM release_changes WHERE release_id = " + literal(rel.ID), want: len(changes), what: "changelog rows deleted"},
		{sql: "DELETE FROM releases WHERE id = " + literal(rel.ID), want: 1, what: "release rows deleted"},
	})
	return u.bytes(), d.bytes(), nil
}

func checkRelease(rel Release) error {
	switch {
	case !releaseIDPattern.MatchString(rel.ID):
		return fmt.Errorf("release id %q is not YYYY.MM.DD or YYYY.MM.DD-N", rel.ID)
	case rel.Migration == 0:
		return errors.New("release has no migration number")
	case strings.TrimSpace(rel.Summary) == "":
		return errors.New("release has no summary")
	}
	return checkText(rel.Summary)
}

// checkChanges refuses changes that do not describe a move from before to a consistent
// after: unknown kinds, records missing or present where they should not be, incomplete or
// ill-typed values, and references to records the result would not hold (the database
// would cascade the delete of a parent onto its children without a word).
func checkChanges(before Records, changes []Change) error {
	seen := map[[2]string]bool{}
	for _, ch := range changes {
		k, ok := KindNamed(ch.Kind)
		if !ok {
			return fmt.Errorf("change to unknown kind %q", ch.Kind)
		}
		name := ch.Kind + " " + ch.Key
		if seen[[2]string{ch.Kind, ch.Key}] {
			return fmt.Errorf("%s: changed twice", name)
		}
		seen[[2]string{ch.Kind, ch.Key}] = true
		if ch.Key == "" {
			return fmt.Errorf("%s: empty key", ch.Kind)
		}
		if err := checkText(ch.Key); err != nil {
			return fmt.Errorf("%s: key: %w", name, err)
		}
		old, inBefore := before[ch.Kind][ch.Key]
		switch ch.Change {
		case Added:
			if inBefore {
				return fmt.Errorf("%s: added, but the database holds it already", name)
			}
			if err := checkRecord(k, ch.New); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		case Removed:
			if !inBefore || old.ID == 0 {
				return fmt.Errorf("%s: removed, but the database holds no such record (with an id)", name)
			}
			if err := checkRecord(k, old); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		case Changed:
			if !inBefore {
				return fmt.Errorf("%s: changed, but the database holds no such record", name)
			}
			if err := checkRecord(k, ch.New); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if err := checkRecord(k, old); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if !slices.EqualFunc(ch.Fields, fieldChanges(k, old, ch.New), func(a, b FieldChange) bool {
				return a.Field == b.Field && a.Old.Equal(b.Old) && a.New.Equal(b.New)
			}) {
				return fmt.Errorf("%s: its fields are not the difference between the database's record and the new one", name)
			}
		default:
			return fmt.Errorf("%s: unknown change %q", name, ch.Change)
		}
	}
	if err := checkMoves(changes); err != nil {
		return err
	}
	return checkRefs(apply(before, changes))
}

// checkMoves refuses a changed record that stops pointing to a record the same release
// removes. Removed records go before changes are made, and the database would take the
// record's link rows, or the record itself, with its parent; such a change is two
// releases: the record moved first, its old parent removed next.
func checkMoves(changes []Change) error {
	removed := map[[2]string]bool{}
	for _, ch := range changes {
		if ch.Change == Removed {
			removed[[2]string{ch.Kind, ch.Key}] = true
		}
	}
	for _, ch := range changes {
		if ch.Change != Changed {
			continue
		}
		k, _ := KindNamed(ch.Kind)
		for _, f := range ch.Fields {
			c := column(k, f.Field)
			for _, target := range append([]string{f.Old.Text}, f.Old.List...) {
				if (c.Type == Ref || c.Type == RefSet) && removed[[2]string{c.RefKind, target}] {
					return fmt.Errorf("%s %s: %s moves away from %s %q, which the same release removes: "+
						"make the move one release and the removal the next", ch.Kind, ch.Key, c.Name, c.RefKind, target)
				}
			}
		}
	}
	return nil
}

func checkRecord(k Kind, r Record) error {
	for _, c := range k.Columns {
		v, ok := r.Values[c.Name]
		if !ok {
			return fmt.Errorf("no value for %s", c.Name)
		}
		list := c.Type == List || c.Type == RefSet
		switch {
		case v.Null && c.Type == RefSet:
			return fmt.Errorf("%s: a set of records cannot be null", c.Name)
		case v.Null:
		case list && v.List == nil:
			return fmt.Errorf("%s: a list column holds no list", c.Name)
		case !list && v.List != nil:
			return fmt.Errorf("%s: a scalar column holds a list", c.Name)
		}
		for _, s := range append([]string{v.Text}, v.List...) {
			if err := checkText(s); err != nil {
				return fmt.Errorf("%s: %w", c.Name, err)
			}
		}
	}
	return nil
}

// checkText refuses what PostgreSQL text cannot hold, rather than let a literal mangle it.
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%q is not valid UTF-8", s)
	}
	if strings.ContainsRune(s, 0) {
		return fmt.Errorf("%q holds a NUL character", s)
	}
	return nil
}

func checkRefs(after Records) error {
	for _, k := range Kinds {
		for _, r := range after.Sorted(k.Name) {
			for _, c := range k.Columns {
				v := r.Values[c.Name]
				var targets []string
				switch {
				case c.Type == Ref && !v.Null:
					targets = []string{v.Text}
				case c.Type == RefSet:
					targets = v.List
				}
				for _, target := range targets {
					if _, ok := after[c.RefKind][target]; !ok {
						return fmt.Errorf("%s %s: %s points to %s %q, which the content would not hold",
							k.Name, r.Key, c.Name, c.RefKind, target)
					}
				}
			}
		}
	}
	return nil
}

// apply returns before with changes made; the records are shared, not copied.
func apply(before Records, changes []Change) Records {
	after := Records{}
	for kind, recs := range before {
		after[kind] = make(map[string]Record, len(recs))
		for key, r := range recs {
			after[kind][key] = r
		}
	}
	for _, ch := range changes {
		if after[ch.Kind] == nil {
			after[ch.Kind] = map[string]Record{}
		}
		if ch.Change == Removed {
			delete(after[ch.Kind], ch.Key)
		} else {
			after[ch.Kind][ch.Key] = ch.New
		}
	}
	return after
}

// step is one statement of a guarded block and the number of rows it must touch (or, for a
// check, count into n).
type step struct {
	sql   string
	want  int
	check bool // sql is SELECT count(*) INTO n ...
	what  string
}

// deleteRecord checks that the row is exactly r and that nothing points to it any more (the
// database would cascade the delete without a word), then deletes its link rows and the row.
// deleteRecord deletes r once it is found exactly as generated and nothing points to it. For
// a removal by a release (release names it), it writes the release's changelog row for r with
// the id r had.
func deleteRecord(k Kind, r Record, release string) []step {
	steps := []step{checkRow(k, r, "")}
	for _, other := range Kinds {
		for _, c := range other.Columns {
			switch {
			case c.RefKind != k.Name:
			case c.Type == Ref:
				steps = append(steps, step{
					sql:  fmt.Sprintf("SELECT count(*) INTO n FROM %s WHERE %s = %s", other.Table, c.Name, idOf(k, r.Key)),
					what: other.Name + " pointing to it", check: true,
				})
			case c.Type == RefSet:
				steps = append(steps, step{
					sql:  fmt.Sprintf("SELECT count(*) INTO n FROM %s WHERE %s = %s", c.Link, c.LinkTo, idOf(k, r.Key)),
					what: other.Name + " linked to it", check: true,
				})
			}
		}
	}
	for _, c := range k.Columns {
		if c.Type == RefSet && len(r.Values[c.Name].List) > 0 {
			steps = append(steps, step{
				sql:  fmt.Sprintf("DELETE FROM %s WHERE %s = %s", c.Link, c.LinkFrom, idOf(k, r.Key)),
				want: len(r.Values[c.Name].List), what: c.Name + " link rows deleted",
			})
		}
	}
	del := step{
		sql:  fmt.Sprintf("DELETE FROM %s WHERE %s = %s", k.Table, k.KeyColumn, literal(r.Key)),
		want: 1, what: "rows deleted",
	}
	if release == "" {
		return append(steps, del)
	}
	del.sql += " RETURNING id INTO " + removedID
	return append(steps, del, step{
		sql: fmt.Sprintf("INSERT INTO release_changes (release_id, kind, key, change, fields, record_id)\n    VALUES (%s, %s, %s, %s, '[]'::jsonb, %s)",
			literal(release), literal(k.Name), literal(r.Key), literal(Removed), removedID),
		want: 1, what: "changelog rows inserted",
	})
}

// removedID is the variable of a removal's block that holds the id of the record it deleted.
const removedID = "removed_id"

// insertRecord inserts r and its link rows, then checks that the table holds it exactly as
// written. A record the release removed (restoredFrom names the release) gets back the id the
// release's changelog kept for it: the id it had in this database, whatever that database's
// ids are.
func insertRecord(k Kind, r Record, restoredFrom string) []step {
	var cols, vals []string
	withID := restoredFrom != ""
	id := ""
	if withID {
		id = fmt.Sprintf("(SELECT record_id FROM release_changes WHERE release_id = %s AND kind = %s AND key = %s)",
			literal(restoredFrom), literal(k.Name), literal(r.Key))
		cols, vals = append(cols, "id"), append(vals, id)
	}
	cols, vals = append(cols, k.KeyColumn), append(vals, literal(r.Key))
	for _, c := range k.Columns {
		if c.Type != RefSet {
			cols, vals = append(cols, c.Name), append(vals, valueSQL(c, r.Values[c.Name]))
		}
	}
	overriding := ""
	if withID {
		overriding = "\n    OVERRIDING SYSTEM VALUE"
	}
	steps := []step{{
		sql: fmt.Sprintf("INSERT INTO %s (%s)%s\n    VALUES (%s)",
			k.Table, strings.Join(cols, ", "), overriding, strings.Join(vals, ",\n            ")),
		want: 1, what: "rows inserted",
	}}
	for _, c := range k.Columns {
		if c.Type == RefSet && len(r.Values[c.Name].List) > 0 {
			steps = append(steps, insertLinks(k, c, r.Key, r.Values[c.Name].List))
		}
	}
	return append(steps, checkRow(k, r, id))
}

// updateRecord changes a row's fields from old to new (from new to old when reverse), the row
// matched by its key and the values it must hold before.
func updateRecord(k Kind, key string, fields []FieldChange, reverse bool) []step {
	where := []string{"t." + k.KeyColumn + " = " + literal(key)}
	var sets []string
	var steps []step
	for _, f := range fields {
		from, to := f.Old, f.New
		if reverse {
			from, to = to, from
		}
		c := column(k, f.Field)
		where = append(where, predicate(c, from))
		if c.Type != RefSet {
			sets = append(sets, c.Name+" = "+valueSQL(c, to))
			continue
		}
		if gone := without(from.List, to.List); len(gone) > 0 {
			ref, _ := KindNamed(c.RefKind)
			steps = append(steps, step{
				sql: fmt.Sprintf("DELETE FROM %s\n    WHERE %s = %s\n      AND %s IN (SELECT id FROM %s WHERE %s IN (%s))",
					c.Link, c.LinkFrom, idOf(k, key), c.LinkTo, ref.Table, ref.KeyColumn, literals(gone)),
				want: len(gone), what: c.Name + " link rows deleted",
			})
		}
		if added := without(to.List, from.List); len(added) > 0 {
			steps = append(steps, insertLinks(k, c, key, added))
		}
	}
	cond := strings.Join(where, "\n      AND ")
	first := step{want: 1}
	if len(sets) > 0 {
		first.sql = fmt.Sprintf("UPDATE %s AS t\n    SET %s\n    WHERE %s", k.Table, strings.Join(sets, ",\n        "), cond)
		first.what = "rows with the values it changes"
	} else {
		first.sql = fmt.Sprintf("SELECT count(*) INTO n FROM %s AS t\n    WHERE %s", k.Table, cond)
		first.check, first.what = true, "rows with the values it changes"
	}
	return append([]step{first}, steps...)
}

func insertLinks(k Kind, c Column, key string, targets []string) step {
	ref, _ := KindNamed(c.RefKind)
	return step{
		sql: fmt.Sprintf("INSERT INTO %s (%s, %s)\n    SELECT t.id, r.id FROM %s AS t, %s AS r\n    WHERE t.%s = %s AND r.%s IN (%s)\n    ORDER BY r.%s",
			c.Link, c.LinkFrom, c.LinkTo, k.Table, ref.Table, k.KeyColumn, literal(key), ref.KeyColumn, literals(targets), ref.KeyColumn),
		want: len(targets), what: c.Name + " link rows inserted",
	}
}

// checkRow counts the rows that hold exactly r, and the id id when that is not empty.
func checkRow(k Kind, r Record, id string) step {
	where := []string{"t." + k.KeyColumn + " = " + literal(r.Key)}
	if id != "" {
		where = append(where, "t.id = "+id)
	}
	for _, c := range k.Columns {
		where = append(where, predicate(c, r.Values[c.Name]))
	}
	return step{
		sql:   fmt.Sprintf("SELECT count(*) INTO n FROM %s AS t\n    WHERE %s", k.Table, strings.Join(where, "\n      AND ")),
		want:  1,
		check: true,
		what:  "rows exactly as generated",
	}
}

func column(k Kind, name string) Column {
	i := slices.IndexFunc(k.Columns, func(c Column) bool { return c.Name == name })
	return k.Columns[i]
}

func without(list, drop []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(drop, s) {
			out = append(out, s)
		}
	}
	return out
}

func idOf(k Kind, key string) string {
	return fmt.Sprintf("(SELECT id FROM %s WHERE %s = %s)", k.Table, k.KeyColumn, literal(key))
}

// valueSQL writes a value to store in a column: text literals take the column's type from
// the column, so a numeric keeps the scale it is written with.
func valueSQL(c Column, v Value) string {
	switch {
	case v.Null:
		return "NULL"
	case c.Type == List:
		return array(v.List)
	case c.Type == Ref:
		ref, _ := KindNamed(c.RefKind)
		return idOf(ref, v.Text)
	default:
		return literal(v.Text)
	}
}

// predicate is true of the row t when its column holds v, compared as ReadRecords reads it.
func predicate(c Column, v Value) string {
	switch {
	case v.Null:
		return "t." + c.Name + " IS NULL"
	case c.Type == Text:
		return "t." + c.Name + "::text = " + literal(v.Text)
	case c.Type == RefSet:
		ref, _ := KindNamed(c.RefKind)
		return fmt.Sprintf(`(SELECT coalesce(array_agg(r.%[1]s::text ORDER BY r.%[1]s::text COLLATE "C"), '{}')
           FROM %[2]s AS l JOIN %[3]s AS r ON r.id = l.%[4]s WHERE l.%[5]s = t.id) = %[6]s`,
			ref.KeyColumn, c.Link, ref.Table, c.LinkTo, c.LinkFrom, array(v.List))
	default:
		return "t." + c.Name + " = " + valueSQL(c, v)
	}
}

func array(list []string) string {
	if len(list) == 0 {
		return "'{}'::text[]"
	}
	return "ARRAY[" + literals(list) + "]::text[]"
}

func literals(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = literal(s)
	}
	return strings.Join(out, ", ")
}

// literal quotes s as an SQL string constant that means the same whatever
// standard_conforming_strings says: a plain quoted constant when s holds no backslash and no
// control character, else an escape (E-prefixed) constant with those escaped, so every
// statement stays on its own lines.
func literal(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == '\\' || r < 0x20 || r == 0x7f }) {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	var b strings.Builder
	b.WriteString("E'")
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\'':
			b.WriteString(`''`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString("'")
	return b.String()
}

// sqlFile builds one migration file.
type sqlFile struct{ b bytes.Buffer }

func (f *sqlFile) header(rel Release, changes []Change, verb string) {
	count := map[string]int{}
	for _, ch := range changes {
		count[ch.Change]++
	}
	fmt.Fprintf(&f.b, "-- Generated by %q from the content files: do not edit by hand.\n", GenerateCommand)
	fmt.Fprintf(&f.b, "-- This migration %s release %s (published %s): %d added, %d changed, %d removed.\n",
		verb, rel.ID, rel.Published.Format(time.DateOnly), count[Added], count[Changed], count[Removed])
	fmt.Fprintf(&f.b, "-- %s\n", strings.Join(strings.Fields(rel.Summary), " "))
	f.b.WriteString("-- Each block checks that it touches exactly the rows it was generated for, so a\n" +
		"-- database in another state makes the migration fail rather than do less.\nBEGIN;\n")
}

// block writes steps as one DO block that raises, and so rolls the migration back, when a
// step touches another number of rows than it was written for.
func (f *sqlFile) block(label, what string, steps []step) {
	var body strings.Builder
	body.WriteString("DECLARE\n    n bigint;\n")
	if slices.ContainsFunc(steps, func(s step) bool { return strings.Contains(s.sql, removedID) }) {
		body.WriteString("    " + removedID + " bigint;\n")
	}
	body.WriteString("BEGIN\n")
	for _, s := range steps {
		fmt.Fprintf(&body, "    %s;\n", s.sql)
		if !s.check {
			body.WriteString("    GET DIAGNOSTICS n = ROW_COUNT;\n")
		}
		msg := fmt.Sprintf("%s: %% %s, expected %d", strings.ReplaceAll(label, "%", "%%"), s.what, s.want)
		fmt.Fprintf(&body, "    IF n <> %d THEN\n        RAISE EXCEPTION %s, n;\n    END IF;\n", s.want, literal(msg))
	}
	body.WriteString("END")
	tag := "$guard$"
	for i := 1; strings.Contains(body.String(), tag); i++ {
		tag = fmt.Sprintf("$guard%d$", i)
	}
	fmt.Fprintf(&f.b, "\n-- %s: %s\nDO %s\n%s\n%s;\n", strings.Join(strings.Fields(label), " "), what, tag, body.String(), tag)
}

// releaseRow records the release.
func (f *sqlFile) releaseRow(rel Release) {
	fmt.Fprintf(&f.b, "\nINSERT INTO releases (id, migration, published, summary)\nVALUES (%s, %d, %s, %s);\n",
		literal(rel.ID), rel.Migration, literal(rel.Published.Format(time.DateOnly)), literal(rel.Summary))
}

// changeRows records the changelog rows of the changes given (the removals write their own).
func (f *sqlFile) changeRows(rel Release, changes []Change) {
	if len(changes) == 0 {
		return
	}
	f.b.WriteString("\nINSERT INTO release_changes (release_id, kind, key, change, fields)\nVALUES")
	for i, ch := range changes {
		sep := ","
		if i == len(changes)-1 {
			sep = ";"
		}
		fmt.Fprintf(&f.b, "\n    (%s, %s, %s, %s, %s::jsonb)%s",
			literal(rel.ID), literal(ch.Kind), literal(ch.Key), literal(ch.Change), literal(fieldsJSON(ch)), sep)
	}
	f.b.WriteString("\n")
}

func (f *sqlFile) bytes() []byte {
	f.b.WriteString("\nCOMMIT;\n")
	return f.b.Bytes()
}

// fieldsJSON is the changelog's fields: for a change, its fields' old and new values as
// JSON strings, arrays of strings or null; [] for an addition or a removal.
func fieldsJSON(ch Change) string {
	type field struct {
		Field string `json:"field"`
		Old   any    `json:"old"`
		New   any    `json:"new"`
	}
	fields := []field{}
	for _, f := range ch.Fields {
		fields = append(fields, field{Field: f.Field, Old: jsonValue(f.Old), New: jsonValue(f.New)})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(fields) // strings, lists of strings and nulls always encode
	return strings.TrimSuffix(b.String(), "\n")
}

func jsonValue(v Value) any {
	switch {
	case v.Null:
		return nil
	case v.List != nil:
		return v.List
	default:
		return v.Text
	}
}
