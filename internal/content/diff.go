package content

import (
	"slices"
	"strings"
)

// The ways a record can change between two states of the content, as release_changes names them.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// Change is one record added, removed or changed between two states of the content.
type Change struct {
	Kind   string
	Key    string
	Change string // Added, Removed or Changed
	// Fields lists a changed record's changed fields in column order; empty otherwise.
	Fields []FieldChange
	// Old is the record before (removed and changed records), New after (added and changed).
	Old, New Record
}

// FieldChange is one field's old and new value.
type FieldChange struct {
	Field    string
	Old, New Value
}

// Diff returns what changed from before to after, by kind and natural key: kinds in Kinds
// order, keys in bytewise order within a kind. Database ids are not compared.
func Diff(before, after Records) []Change {
	var out []Change
	for _, k := range Kinds {
		keys := make([]string, 0, len(before[k.Name])+len(after[k.Name]))
		for key := range before[k.Name] {
			keys = append(keys, key)
		}
		for key := range after[k.Name] {
			if _, ok := before[k.Name][key]; !ok {
				keys = append(keys, key)
			}
		}
		slices.SortFunc(keys, strings.Compare)
		for _, key := range keys {
			old, inBefore := before[k.Name][key]
			rec, inAfter := after[k.Name][key]
			switch {
			case !inAfter:
				out = append(out, Change{Kind: k.Name, Key: key, Change: Removed, Old: old})
			case !inBefore:
				out = append(out, Change{Kind: k.Name, Key: key, Change: Added, New: rec})
			default:
				if fields := fieldChanges(k, old, rec); len(fields) > 0 {
					out = append(out, Change{Kind: k.Name, Key: key, Change: Changed, Fields: fields, Old: old, New: rec})
				}
			}
		}
	}
	return out
}

// fieldChanges lists the fields whose values differ between two records of kind k, in column order.
func fieldChanges(k Kind, old, rec Record) []FieldChange {
	var fields []FieldChange
	for _, c := range k.Columns {
		if o, n := old.Values[c.Name], rec.Values[c.Name]; !o.Equal(n) {
			fields = append(fields, FieldChange{Field: c.Name, Old: o, New: n})
		}
	}
	return fields
}
