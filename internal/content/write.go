package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Write writes records as the content files under dir, one file per record (findings in
// their source's file), and removes the files of records not among them. Fields are written
// in column order, NULL columns left out, so that a change is a small diff; writing the same
// records twice gives the same bytes. A source file's curation note is not a column: Write
// keeps the one already in the file it replaces.
func Write(dir string, rs Records) error {
	curation, err := CurationNotes(dir)
	if err != nil {
		return err
	}
	bySource := map[string][]Record{}
	for _, f := range rs.Sorted("findings") {
		src := f.Values["source_id"].Text
		bySource[src] = append(bySource[src], f)
	}
	for _, k := range fileKinds() {
		kdir := filepath.Join(dir, k.Name)
		if err := os.MkdirAll(kdir, 0o755); err != nil {
			return fmt.Errorf("write content: %w", err)
		}
		keep := map[string]bool{}
		for _, r := range rs.Sorted(k.Name) {
			var b bytes.Buffer
			writeRecord(&b, k, r, "")
			if k.Name == "sources" {
				if note, ok := curation[r.Key]; ok {
					writeField(&b, "", curationField, "string", Value{Text: note})
				}
				if fs := bySource[r.Key]; len(fs) > 0 {
					b.WriteString(findingsField + ":\n")
					f, _ := KindNamed("findings")
					for _, fr := range fs {
						writeRecord(&b, f, fr, "  ")
					}
				}
			}
			name := r.Key + ".yaml"
			keep[name] = true
			if err := os.WriteFile(filepath.Join(kdir, name), b.Bytes(), 0o644); err != nil {
				return fmt.Errorf("write content: %w", err)
			}
		}
		files, err := os.ReadDir(kdir)
		if err != nil {
			return fmt.Errorf("write content: %w", err)
		}
		for _, f := range files {
			if !f.IsDir() && strings.HasSuffix(f.Name(), ".yaml") && !keep[f.Name()] {
				if err := os.Remove(filepath.Join(kdir, f.Name())); err != nil {
					return fmt.Errorf("write content: remove a record's file: %w", err)
				}
			}
		}
	}
	return nil
}

// CurationNotes returns the curation note of every source file under the content directory
// dir, by source slug: how the source's record was read. Notes are not columns and never
// reach the database; Write keeps them when it rewrites a file. Only that field is read.
func CurationNotes(dir string) (map[string]string, error) {
	notes := map[string]string{}
	dir = filepath.Join(dir, "sources")
	files, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return notes, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read curation notes: %w", err)
	}
	for _, f := range files {
		slug, ok := strings.CutSuffix(f.Name(), ".yaml")
		if !ok {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			return nil, fmt.Errorf("read curation notes: %w", err)
		}
		n, probs := parseFile(src)
		if len(probs) > 0 {
			return nil, fmt.Errorf("read curation note of %s: %w", f.Name(), Problems(probs))
		}
		if note, _ := n.get(curationField); note != nil && note.kind == scalarNode {
			notes[slug] = note.text
		}
	}
	return notes, nil
}

// writeRecord writes a record's key and then its non-NULL columns in table order. A finding
// (indent set, in a list) names its subject in one field instead of six columns, and its
// source by the file it is in.
func writeRecord(b *bytes.Buffer, k Kind, r Record, indent string) {
	first := indent
	if indent != "" {
		first = indent + "- "
		indent += "  "
	}
	keyName := slugField
	if k.Name == "findings" {
		keyName = keyField
	}
	b.WriteString(first + keyName + ": " + scalar("string", r.Key) + "\n")
	subjectDone := false
	for _, c := range k.Columns {
		v := r.Values[c.Name]
		if k.Name == "findings" && c.Type == Ref {
			if c.RefKind == "sources" || subjectDone {
				continue
			}
			subjectDone = true
			for _, s := range subjectColumns() {
				if sv := r.Values[s.Name]; !sv.Null {
					writeField(b, indent, subjectField, "string", Value{Text: s.RefKind + "/" + sv.Text})
				}
			}
			continue
		}
		if v.Null {
			continue
		}
		name := fieldName(c)
		writeField(b, indent, name, FieldType(k.Name, name), v)
	}
}

func writeField(b *bytes.Buffer, indent, name, typ string, v Value) {
	if typ == "array" {
		if len(v.List) == 0 {
			b.WriteString(indent + name + ": []\n")
			return
		}
		b.WriteString(indent + name + ":\n")
		for _, item := range v.List {
			b.WriteString(indent + "  - " + scalar("string", item) + "\n")
		}
		return
	}
	b.WriteString(indent + name + ": " + scalar(typ, v.Text) + "\n")
}

// scalar writes a value: numbers and booleans as their text, strings plain when YAML reads
// the plain text back as that same string, else double-quoted.
func scalar(typ, text string) string {
	if typ != "string" || plainSafe(text) {
		return text
	}
	return quote(text)
}

// plainSafe reports whether a string can be written without quotes: it starts with a letter
// (so never a number, indicator or sign), has no spacing at either end or line breaks, no
// ": " or " #", and the parser reads it back as exactly that string.
func plainSafe(s string) bool {
	if s == "" || strings.TrimSpace(s) != s || strings.ContainsAny(s, "\n\r\t") ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	for i, r := range s {
		if i == 0 && !unicode.IsLetter(r) {
			return false
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			return false
		}
	}
	f, err := parser.ParseBytes([]byte("k: "+s+"\n"), 0)
	if err != nil || len(f.Docs) != 1 {
		return false
	}
	mv, ok := f.Docs[0].Body.(*ast.MappingValueNode)
	if !ok {
		if m, isMap := f.Docs[0].Body.(*ast.MappingNode); isMap && len(m.Values) == 1 {
			mv = m.Values[0]
		} else {
			return false
		}
	}
	str, ok := mv.Value.(*ast.StringNode)
	return ok && str.Value == s
}

// quote writes a double-quoted YAML string: backslash and quote escaped, control characters
// as escapes, everything else as itself.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
