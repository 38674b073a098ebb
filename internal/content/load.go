package content

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Problem is one thing wrong with the content files: where (file and line, 0 when it is the
// whole file), which record (its key), which field, which rule and what is wrong.
type Problem struct {
	File    string
	Line    int
	Key     string
	Field   string
	Rule    string
	Message string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Key != "" {
		b.WriteString(p.Key + ": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	fmt.Fprintf(&b, "%s [%s]", p.Message, p.Rule)
	return b.String()
}

// Problems is every problem found in the files, in file and line order.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// place is where a record was read: its file, the line it starts on and the line of each field.
type place struct {
	file   string
	line   int
	fields map[string]int
}

func (pl place) lineOf(field string) int {
	if l, ok := pl.fields[field]; ok {
		return l
	}
	return pl.line
}

// loaded is the content read from files, with where each record was read.
type loaded struct {
	records Records
	places  map[string]map[string]place // kind -> key -> place
	probs   Problems
	// broken holds, by kind, the slugs of files that could not be read into records. References
	// to them are not reported again, and the rules that need every record wait until all read.
	broken map[string]map[string]bool
}

func (l *loaded) problem(kind, key, field, rule, format string, args ...any) {
	pl := l.places[kind][key]
	l.probs = append(l.probs, Problem{File: pl.file, Line: pl.lineOf(field), Key: key, Field: field,
		Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Load reads the content files under dir and checks them: every file's shape against its
// kind's JSON Schema, then the rules that span fields and records (check.go). It needs no
// database. The records are those ReadRecords reads from a database holding the same content.
// On any problem it returns a Problems error listing all of them.
func Load(dir string) (Records, error) {
	l, err := load(dir)
	if err != nil {
		return nil, err
	}
	if len(l.probs) > 0 {
		return nil, l.probs
	}
	return l.records, nil
}

func load(dir string) (*loaded, error) {
	l := &loaded{records: Records{}, places: map[string]map[string]place{}, broken: map[string]map[string]bool{}}
	for _, k := range Kinds {
		l.records[k.Name] = map[string]Record{}
		l.places[k.Name] = map[string]place{}
		l.broken[k.Name] = map[string]bool{}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read content: %w", err)
	}
	kinds := fileKinds()
	for _, e := range entries {
		known := e.Name() == "README.md" || e.IsDir() && slices.ContainsFunc(kinds, func(k Kind) bool { return k.Name == e.Name() })
		if !known {
			l.probs = append(l.probs, Problem{File: filepath.Join(dir, e.Name()), Rule: "layout",
				Message: "not part of the content: a directory per kind and README.md"})
		}
	}
	for _, k := range kinds {
		kdir := filepath.Join(dir, k.Name)
		files, err := os.ReadDir(kdir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read content: %w", err)
		}
		for _, f := range files {
			name := filepath.Join(kdir, f.Name())
			if f.IsDir() || !strings.HasSuffix(f.Name(), ".yaml") {
				l.probs = append(l.probs, Problem{File: name, Rule: "layout",
					Message: "a kind's directory holds only <slug>.yaml files"})
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				return nil, fmt.Errorf("read content: %w", err)
			}
			l.file(k, name, strings.TrimSuffix(f.Name(), ".yaml"), src)
		}
	}
	l.check()
	slices.SortStableFunc(l.probs, func(a, b Problem) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return l, nil
}

var printer = message.NewPrinter(language.English)

// file parses and validates one file and adds its records.
func (l *loaded) file(k Kind, name, stem string, src []byte) {
	n, probs := parseFile(src)
	for _, p := range probs {
		p.File = name
		l.probs = append(l.probs, p)
	}
	if n == nil {
		l.broken[k.Name][stem] = true
		return
	}
	if err := schemas[k.Name].Validate(n.toJSON()); err != nil {
		l.broken[k.Name][stem] = true
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			l.probs = append(l.probs, Problem{File: name, Rule: "schema", Message: err.Error()})
			return
		}
		for _, leaf := range leaves(ve) {
			loc := leaf.InstanceLocation
			if extra, ok := leaf.ErrorKind.(*kind.AdditionalProperties); ok && len(extra.Properties) > 0 {
				// Point at the unknown field itself rather than the record holding it.
				loc = append(slices.Clone(loc), extra.Properties[0])
			}
			l.probs = append(l.probs, Problem{File: name, Line: n.at(loc),
				Key: recordKey(n, loc), Field: fieldOf(loc),
				Rule:    "schema: " + strings.Join(leaf.ErrorKind.KeywordPath(), "/"),
				Message: leaf.ErrorKind.LocalizedString(printer)})
		}
		return
	}
	slugNode, slugLine := n.get(slugField)
	if slugNode.text != stem {
		l.probs = append(l.probs, Problem{File: name, Line: slugLine, Key: slugNode.text, Field: slugField,
			Rule: "slug-is-file-name", Message: fmt.Sprintf("the slug must be the file's name, %s", stem)})
		l.broken[k.Name][stem] = true
		return
	}
	l.add(k, name, n, "")
	if k.Name != "sources" {
		return
	}
	if fs, _ := n.get(findingsField); fs != nil {
		f, _ := KindNamed("findings")
		for _, fn := range fs.vals {
			l.add(f, name, fn, stem)
		}
	}
}

// add makes a record of a kind from its validated node; source is the slug of the file a
// finding is listed in.
func (l *loaded) add(k Kind, file string, n *node, source string) {
	keyNode, keyLine := n.get(k.KeyColumn)
	key := keyNode.text
	pl := place{file: file, line: keyLine, fields: map[string]int{}}
	for i, f := range n.keys {
		pl.fields[f] = n.lines[i]
	}
	if prev, dup := l.places[k.Name][key]; dup {
		l.probs = append(l.probs, Problem{File: file, Line: keyLine, Key: key, Field: k.KeyColumn, Rule: "unique-key",
			Message: fmt.Sprintf("the key is also used in %s:%d", prev.file, prev.line)})
		return
	}
	l.places[k.Name][key] = pl
	rec := Record{Kind: k.Name, Key: key, Values: make(map[string]Value, len(k.Columns))}
	for _, c := range k.Columns {
		v := Value{Null: true}
		switch {
		case k.Name == "findings" && c.Name == "source_id":
			v = Value{Text: source}
		case k.Name == "findings" && c.Type == Ref:
			if s, _ := n.get(subjectField); s != nil {
				if kind, slug, _ := strings.Cut(s.text, "/"); kind == c.RefKind {
					v = Value{Text: slug}
				}
			}
		default:
			if fn, line := n.get(fieldName(c)); fn != nil {
				v = valueOf(fn)
				if FieldType(k.Name, fieldName(c)) == "integer" && !integer.MatchString(fn.text) {
					l.probs = append(l.probs, Problem{File: file, Line: line, Key: key, Field: fieldName(c),
						Rule: "integer", Message: fmt.Sprintf("%s must be a whole number written without a fraction", fn.text)})
				}
			}
		}
		rec.Values[c.Name] = v
	}
	l.records[k.Name][key] = rec
}

func valueOf(n *node) Value {
	if n.kind == sequenceNode {
		list := make([]string, len(n.vals))
		for i, v := range n.vals {
			list[i] = v.text
		}
		return Value{List: list}
	}
	return Value{Text: n.text}
}

// leaves returns the innermost validation errors, those that say what is wrong.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// recordKey names the record an instance location is in: the finding's key inside a
// findings list, else the file's slug.
func recordKey(n *node, loc []string) string {
	if len(loc) >= 2 && loc[0] == findingsField {
		if fs, _ := n.get(findingsField); fs != nil {
			var i int
			if _, err := fmt.Sscan(loc[1], &i); err == nil && i >= 0 && i < len(fs.vals) && fs.vals[i].kind == mappingNode {
				if k, _ := fs.vals[i].get(keyField); k != nil {
					return k.text
				}
				return "findings[" + loc[1] + "]"
			}
		}
	}
	if s, _ := n.get(slugField); s != nil {
		return s.text
	}
	return ""
}

// fieldOf is the field an instance location ends in.
func fieldOf(loc []string) string {
	if len(loc) >= 2 && loc[0] == findingsField {
		loc = loc[2:]
	}
	if len(loc) == 0 {
		return ""
	}
	return loc[0]
}
