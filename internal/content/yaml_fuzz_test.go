package content

import (
	"os"
	"testing"
)

// FuzzParseFile feeds the file parser arbitrary bytes: it returns a mapping or problems,
// never both, never neither, and never panics.
func FuzzParseFile(f *testing.F) {
	for _, name := range []string{"treatments/warfarin.yaml", "sources/baron-2016.yaml", "prevalence/sctc-2016-any-time.yaml"} {
		src, err := os.ReadFile("../../content/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{"", "a", "- a\n", "a: &x 1\nb: *x\n", "<<: {a: 1}\n", "a: [1, {b: 2}]\n", "a: |\n  x\n",
		"a: \"\\u00e9\"\n", "? a\n: b\n", "a: !!int 1\n", "--- a\n...\n", "a:\n  - b: c\n    d: e\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		n, probs := parseFile(src)
		if (n == nil) == (len(probs) == 0) {
			t.Fatalf("parseFile(%q): node %v, problems %v", src, n, probs)
		}
		if n != nil {
			_ = n.toJSON()
		}
	})
}
