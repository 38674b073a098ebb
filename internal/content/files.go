package content

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The files of the content (content/README.md describes them): one directory per kind, named
// as the kind, one file per record, named by its slug. Findings have no directory: each
// source's file lists the findings citing it.

// schemaFS holds a JSON Schema per kind, named <kind>.json; the findings' schema is used by
// the sources' for their findings list.
//
//go:embed schema/*.json
var schemaFS embed.FS

const schemaBase = "https://calcinosis-kb.example/content/schema/"

// Fields written in files that are not columns and never reach the database.
const (
	curationField = "curation" // in a source's file: how its record was read
	findingsField = "findings" // in a source's file: the findings citing it
	subjectField  = "subject"  // in a finding: <kind>/<slug>, for the six subject columns
	keyField      = "key"      // a finding's key
	slugField     = "slug"     // every other record's key
)

// fileKinds are the kinds with a directory of their own, in Kinds order.
func fileKinds() []Kind {
	return slices.DeleteFunc(slices.Clone(Kinds), func(k Kind) bool { return k.Name == "findings" })
}

// subjectColumns are the finding's Ref columns that name its subject, in table order: all but
// its source.
func subjectColumns() []Column {
	f, _ := KindNamed("findings")
	return slices.DeleteFunc(slices.Clone(f.Columns), func(c Column) bool {
		return c.Type != Ref || c.RefKind == "sources"
	})
}

// fieldName is a column's name in files: a Ref loses its _id (source_id is source).
func fieldName(c Column) string {
	if c.Type == Ref {
		return strings.TrimSuffix(c.Name, "_id")
	}
	return c.Name
}

// schemaDoc is the part of a kind's JSON Schema the Go code reads: the JSON type of each
// field, which says how a value is written (numbers and booleans plain, strings as text), and
// the enumerations.
type schemaDoc struct {
	Required   []string `json:"required"`
	Properties map[string]struct {
		Type string   `json:"type"`
		Enum []string `json:"enum"`
	} `json:"properties"`
}

var schemaDocs = func() map[string]schemaDoc {
	docs := map[string]schemaDoc{}
	for _, k := range Kinds {
		raw, err := schemaFS.ReadFile("schema/" + k.Name + ".json")
		if err != nil {
			panic(fmt.Sprintf("content: schema for %s: %v", k.Name, err))
		}
		var d schemaDoc
		if err := json.Unmarshal(raw, &d); err != nil {
			panic(fmt.Sprintf("content: schema for %s: %v", k.Name, err))
		}
		docs[k.Name] = d
	}
	return docs
}()

// FieldType returns the JSON type the schema gives a field of a kind: "string", "integer",
// "number", "boolean" or "array".
func FieldType(kind, field string) string {
	return schemaDocs[kind].Properties[field].Type
}

// Enumerations returns, for each field of a kind that takes one of a fixed list of values,
// that list as the kind's JSON Schema declares it.
func Enumerations(kind string) map[string][]string {
	out := map[string][]string{}
	for name, p := range schemaDocs[kind].Properties {
		if len(p.Enum) > 0 {
			out[name] = p.Enum
		}
	}
	return out
}

// Required returns the fields a kind's files must always have.
func Required(kind string) []string { return schemaDocs[kind].Required }

// schemas are the compiled JSON Schemas by kind.
var schemas = func() map[string]*jsonschema.Schema {
	c := jsonschema.NewCompiler()
	for _, k := range Kinds {
		raw, err := schemaFS.Open(path.Join("schema", k.Name+".json"))
		if err != nil {
			panic(err)
		}
		doc, err := jsonschema.UnmarshalJSON(raw)
		raw.Close()
		if err != nil {
			panic(fmt.Sprintf("content: schema for %s: %v", k.Name, err))
		}
		if err := c.AddResource(schemaBase+k.Name+".json", doc); err != nil {
			panic(fmt.Sprintf("content: schema for %s: %v", k.Name, err))
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, k := range Kinds {
		out[k.Name] = c.MustCompile(schemaBase + k.Name + ".json")
	}
	return out
}()
