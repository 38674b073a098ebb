package content

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"golang.org/x/text/unicode/norm"
)

// node is a parsed YAML value of the small subset content files use: mappings with string
// keys, sequences, and scalars kept as their text. A number's text is its source text, never
// a float, so "3.90" stays 3.90.
type node struct {
	line   int
	kind   nodeKind
	keys   []string // a mapping's keys in file order
	lines  []int    // the line of each key
	vals   []*node  // a mapping's values, or a sequence's items
	text   string   // a scalar's value
	scalar scalarKind
}

type nodeKind int

const (
	mappingNode nodeKind = iota
	sequenceNode
	scalarNode
)

type scalarKind int

const (
	stringScalar scalarKind = iota
	numberScalar
	boolScalar
)

// get returns a mapping's value for a key, and its line.
func (n *node) get(key string) (*node, int) {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i], n.lines[i]
		}
	}
	return nil, 0
}

// decimal is how a number is written: no sign but minus, no exponent, no leading zeros,
// no hex or octal, no underscores, as PostgreSQL prints a numeric.
var decimal = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`)

// forbiddenTokens are YAML features the files do without, so that what a reviewer reads is
// what is loaded: no anchors, aliases, merge keys or tags; no comments, which the formatter
// could not keep (a source's curation note is the place for prose); one document, no markers.
var forbiddenTokens = map[token.Type]string{
	token.AnchorType:         "anchors (&) are not allowed",
	token.AliasType:          "aliases (*) are not allowed",
	token.MergeKeyType:       "merge keys (<<) are not allowed",
	token.TagType:            "tags (!) are not allowed",
	token.CommentType:        "comments are not allowed; the formatter would drop them",
	token.DirectiveType:      "directives (%) are not allowed",
	token.DocumentHeaderType: "document markers (---) are not allowed: one record, one document",
	token.DocumentEndType:    "document markers (...) are not allowed",
}

// parseFile checks the bytes of a file (UTF-8 in NFC, LF line ends) and parses it into a
// node. Every problem found is reported with its line.
func parseFile(src []byte) (*node, []Problem) {
	var probs []Problem
	add := func(line int, rule, msg string) {
		probs = append(probs, Problem{Line: line, Rule: rule, Message: msg})
	}
	if !utf8.Valid(src) {
		add(0, "encoding", "the file is not valid UTF-8")
		return nil, probs
	}
	line := 1
	for _, b := range src {
		if b == '\r' {
			add(line, "encoding", "line ends must be LF, not CRLF or CR")
			break
		}
		if b == '\t' {
			add(line, "encoding", "tabs are not allowed; indent with spaces")
			break
		}
		if b == '\n' {
			line++
		}
	}
	if !norm.NFC.IsNormal(src) {
		add(0, "encoding", "the text must be in Unicode normalization form C (NFC)")
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		add(0, "encoding", "the file must end with a line end")
	}
	for _, tk := range lexer.Tokenize(string(src)) {
		if msg, ok := forbiddenTokens[tk.Type]; ok {
			add(tk.Position.Line, "yaml-subset", msg)
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		line := 0
		msg := err.Error()
		if e, ok := err.(interface {
			GetToken() *token.Token
			GetMessage() string
		}); ok {
			msg = e.GetMessage()
			if tk := e.GetToken(); tk != nil {
				line = tk.Position.Line
			}
		}
		add(line, "yaml-syntax", msg)
		return nil, probs
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		add(0, "yaml-subset", "a file holds exactly one record")
		return nil, probs
	}
	n := convert(f.Docs[0].Body, &probs)
	if len(probs) > 0 {
		return nil, probs
	}
	if n.kind != mappingNode {
		add(n.line, "yaml-subset", "a file holds one mapping of field names to values")
		return nil, probs
	}
	return n, nil
}

// convert turns a YAML AST node into a node, adding a problem for anything outside the subset.
func convert(an ast.Node, probs *[]Problem) *node {
	line := an.GetToken().Position.Line
	bad := func(msg string) *node {
		*probs = append(*probs, Problem{Line: line, Rule: "yaml-subset", Message: msg})
		return &node{line: line, kind: scalarNode}
	}
	switch an := an.(type) {
	case *ast.MappingNode:
		n := &node{line: line, kind: mappingNode}
		for _, mv := range an.Values {
			convertEntry(n, mv, probs)
		}
		return n
	case *ast.MappingValueNode:
		n := &node{line: line, kind: mappingNode}
		convertEntry(n, an, probs)
		return n
	case *ast.SequenceNode:
		n := &node{line: line, kind: sequenceNode}
		for _, v := range an.Values {
			n.vals = append(n.vals, convert(v, probs))
		}
		return n
	case *ast.StringNode:
		return &node{line: line, kind: scalarNode, text: an.Value}
	case *ast.LiteralNode:
		return &node{line: line, kind: scalarNode, text: an.Value.Value}
	case *ast.IntegerNode, *ast.FloatNode:
		text := an.GetToken().Value
		if !decimal.MatchString(text) {
			return bad(fmt.Sprintf("number %s must be written in plain decimals (like 3.90 or 12)", text))
		}
		if strings.HasPrefix(text, "-") && strings.Trim(text, "-0.") == "" {
			return bad(fmt.Sprintf("number %s: zero has no sign", text))
		}
		return &node{line: line, kind: scalarNode, scalar: numberScalar, text: text}
	case *ast.BoolNode:
		text := an.GetToken().Value
		if text != "true" && text != "false" {
			return bad(fmt.Sprintf("boolean %s must be written true or false", text))
		}
		return &node{line: line, kind: scalarNode, scalar: boolScalar, text: text}
	case *ast.NullNode:
		return bad("null is not written: leave the field out instead")
	case *ast.InfinityNode, *ast.NanNode:
		return bad("infinities and NaN are not numbers a record can hold")
	default:
		return bad(fmt.Sprintf("unexpected YAML %s", an.Type()))
	}
}

func convertEntry(n *node, mv *ast.MappingValueNode, probs *[]Problem) {
	line := mv.Key.GetToken().Position.Line
	key, ok := mv.Key.(*ast.StringNode)
	if !ok {
		*probs = append(*probs, Problem{Line: line, Rule: "yaml-subset",
			Message: fmt.Sprintf("field name %s must be a plain name", mv.Key.String())})
		return
	}
	n.keys = append(n.keys, key.Value)
	n.lines = append(n.lines, line)
	n.vals = append(n.vals, convert(mv.Value, probs))
}

// toJSON returns the node as JSON Schema validates it: numbers as json.Number, by their text.
func (n *node) toJSON() any {
	switch n.kind {
	case mappingNode:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			m[k] = n.vals[i].toJSON()
		}
		return m
	case sequenceNode:
		s := make([]any, len(n.vals))
		for i, v := range n.vals {
			s[i] = v.toJSON()
		}
		return s
	}
	switch n.scalar {
	case numberScalar:
		return json.Number(n.text)
	case boolScalar:
		return n.text == "true"
	}
	return n.text
}

// at follows a JSON pointer's tokens from n and returns the line of the value there and, for
// the last step into a mapping, of its key.
func (n *node) at(path []string) int {
	line := n.line
	cur := n
	for _, p := range path {
		switch cur.kind {
		case mappingNode:
			v, l := cur.get(p)
			if v == nil {
				return line
			}
			cur, line = v, l
		case sequenceNode:
			var i int
			if _, err := fmt.Sscan(p, &i); err != nil || i < 0 || i >= len(cur.vals) {
				return line
			}
			cur = cur.vals[i]
			line = cur.line
		default:
			return line
		}
	}
	return line
}
