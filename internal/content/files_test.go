package content_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/testdb"
)

// contentDir is the committed content.
const contentDir = "../../content"

// assertSameRecords compares two sets of records value for value, ignoring database ids.
func assertSameRecords(t *testing.T, want, got content.Records, what string) {
	t.Helper()
	for _, k := range content.Kinds {
		assert.Len(t, got[k.Name], len(want[k.Name]), "%s: %s", what, k.Name)
		for key, w := range want[k.Name] {
			g, ok := got[k.Name][key]
			if !assert.True(t, ok, "%s: %s %s is missing", what, k.Name, key) {
				continue
			}
			for _, c := range k.Columns {
				assert.True(t, w.Values[c.Name].Equal(g.Values[c.Name]), "%s: %s %s %s: want %s, got %s",
					what, k.Name, key, c.Name, w.Values[c.Name], g.Values[c.Name])
			}
		}
	}
}

// TestLoad_EqualsTheMigratedDatabase is the check that content/ and the migrations agree: the
// files hold exactly the records a database migrated to head holds, value for value, numbers
// with the scale they were entered with.
func TestLoad_EqualsTheMigratedDatabase(t *testing.T) {
	fromDB, err := content.ReadRecords(context.Background(), testdb.New(t))
	require.NoError(t, err)
	fromFiles, err := content.Load(contentDir)
	require.NoError(t, err)
	assertSameRecords(t, fromDB, fromFiles, "files against database")
}

// readTree returns every file under dir by its path relative to dir.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		out[rel], err = os.ReadFile(path)
		return err
	}))
	return out
}

// copyContent copies the committed content to a new directory.
func copyContent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for rel, data := range readTree(t, contentDir) {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, rel), data, 0o644))
	}
	return dir
}

// TestWrite_ThenLoadIsTheIdentity writes the database's records to an empty directory, loads
// them back unchanged, and writes them again to the same bytes.
func TestWrite_ThenLoadIsTheIdentity(t *testing.T) {
	recs, err := content.ReadRecords(context.Background(), testdb.New(t))
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, content.Write(dir, recs))
	first := readTree(t, dir)
	loaded, err := content.Load(dir)
	require.NoError(t, err)
	assertSameRecords(t, recs, loaded, "written and loaded")

	require.NoError(t, content.Write(dir, loaded))
	assert.Equal(t, first, readTree(t, dir), "writing the same records twice gives the same bytes")
}

// TestWrite_KeepsTheCommittedFiles rewrites a copy of content/ from its own records: every
// byte stays, curation notes included, so the committed files are in the formatter's form.
func TestWrite_KeepsTheCommittedFiles(t *testing.T) {
	dir := copyContent(t)
	recs, err := content.Load(dir)
	require.NoError(t, err)
	require.NoError(t, content.Write(dir, recs))
	want, got := readTree(t, contentDir), readTree(t, dir)
	assert.Equal(t, len(want), len(got))
	for name, data := range want {
		assert.Equal(t, string(data), string(got[name]), name)
	}
}

// TestWrite_RemovesTheFilesOfRecordsGone drops a treatment and its findings from the records:
// its file goes, the findings leave their sources' files, nothing else changes.
func TestWrite_RemovesTheFilesOfRecordsGone(t *testing.T) {
	dir := copyContent(t)
	recs, err := content.Load(dir)
	require.NoError(t, err)
	delete(recs["treatments"], "warfarin")
	for key, f := range recs["findings"] {
		if f.Values["treatment_id"].Text == "warfarin" {
			delete(recs["findings"], key)
		}
	}
	require.NoError(t, content.Write(dir, recs))
	_, err = os.Stat(filepath.Join(dir, "treatments", "warfarin.yaml"))
	assert.ErrorIs(t, err, fs.ErrNotExist)
	for name, data := range readTree(t, dir) {
		if strings.HasSuffix(name, ".yaml") {
			assert.NotContains(t, string(data), "treatments/warfarin", name)
		}
	}
	_, err = os.Stat(filepath.Join(dir, "treatments", "surgical-excision.yaml"))
	assert.NoError(t, err)
}

// corruption breaks one thing in a copy of content/: in file, the first old becomes new.
// The problem expected names the file, the line new starts on (or line, when set), the key
// and the rule.
type corruption struct {
	name, file, old, new string
	line                 int
	key, field, rule     string
}

var corruptions = []corruption{
	{name: "bad enumeration", file: "treatments/warfarin.yaml", old: "category: pharmacologic", new: "category: pharmaceutical",
		key: "warfarin", field: "category", rule: "schema: enum"},
	{name: "CI not containing the estimate", file: "sources/baron-2016.yaml", old: "    ci_low: 1.17\n", new: "    ci_low: 1.70\n",
		key: "baron-2016/anticentromere-antibody/adjusted-or", field: "ci_low", rule: "ci-contains-estimate"},
	{name: "dangling reference", file: "sources/baron-2016.yaml", old: "subject: associated-features/anticentromere-antibody",
		new: "subject: associated-features/no-such-feature", key: "baron-2016/anticentromere-antibody/adjusted-or",
		field: "subject", rule: "reference"},
	{name: "duplicate finding key", file: "sources/baron-2016.yaml", old: "- key: baron-2016/digital-ischaemia/adjusted-or-2",
		new: "- key: baron-2016/digital-ischaemia/adjusted-or", key: "baron-2016/digital-ischaemia/adjusted-or",
		field: "key", rule: "unique-key"},
	{name: "duplicate field", file: "treatments/warfarin.yaml", old: "route: oral\n", new: "route: oral\nroute: topical\n",
		line: 6, rule: "yaml-syntax"},
	{name: "unknown field", file: "treatments/warfarin.yaml", old: "mainstay: false\n", new: "mainstay: false\ncolour: blue\n",
		line: 8, key: "warfarin", field: "colour", rule: "schema: additionalProperties"},
	{name: "alias", file: "treatments/warfarin.yaml", old: "drug_class: vitamin K antagonist", new: "drug_class: &dc vitamin K antagonist\nroute: *dc",
		line: 5, rule: "yaml-subset"},
	{name: "merge key", file: "clinical-presentation/hands.yaml", old: "kind: site", new: "<<: {kind: site}",
		rule: "yaml-subset"},
	{name: "bad PMID", file: "sources/baron-2016.yaml", old: `pmid: "27593964"`, new: `pmid: "027593964"`,
		key: "baron-2016", field: "pmid", rule: "schema: pattern"},
	{name: "float-looking PMID", file: "sources/baron-2016.yaml", old: `pmid: "27593964"`, new: `pmid: 27593964.0`,
		key: "baron-2016", field: "pmid", rule: "schema: type"},
	{name: "DOI not a DOI", file: "sources/baron-2016.yaml", old: `doi: "10.1093/rheumatology/kew313"`, new: `doi: "doi:10.1093/kew313"`,
		key: "baron-2016", field: "doi", rule: "schema: pattern"},
	{name: "year out of range", file: "sources/baron-2016.yaml", old: "year: 2016", new: "year: 216",
		key: "baron-2016", field: "year", rule: "schema: minimum"},
	{name: "proportion not its counts", file: "sources/baron-2016.yaml", old: "    events: 300\n", new: "    events: 350\n",
		line: 51, key: "baron-2016/baron-2016-study-entry/proportion", field: "estimate", rule: "proportion-matches-counts"},
	{name: "percent not its counts", file: "prevalence/sctc-2016-any-time.yaml", old: "percent: 24.70", new: "percent: 26.70",
		key: "sctc-2016-any-time", field: "percent", rule: "percent-matches-counts"},
	{name: "percent with more decimals than the column", file: "prevalence/sctc-2016-any-time.yaml", old: "percent: 24.70",
		new: "percent: 24.705", key: "sctc-2016-any-time", field: "percent", rule: "schema: multipleOf"},
	{name: "key of another source", file: "sources/baron-2016.yaml", old: "- key: baron-2016/anticentromere-antibody/adjusted-or",
		new: "- key: baron-2017/anticentromere-antibody/adjusted-or", key: "baron-2017/anticentromere-antibody/adjusted-or",
		field: "key", rule: "key-starts-with-source"},
	{name: "slug not the file name", file: "treatments/warfarin.yaml", old: "slug: warfarin", new: "slug: warfarine",
		key: "warfarine", field: "slug", rule: "slug-is-file-name"},
	{name: "slug not a slug", file: "treatments/warfarin.yaml", old: "slug: warfarin", new: "slug: Warfarin",
		key: "Warfarin", field: "slug", rule: "schema: pattern"},
	{name: "boolean not true or false", file: "treatments/warfarin.yaml", old: "mainstay: false", new: "mainstay: False",
		rule: "yaml-subset"},
	{name: "boolean as yes", file: "treatments/warfarin.yaml", old: "mainstay: false", new: "mainstay: no",
		key: "warfarin", field: "mainstay", rule: "schema: type"},
	{name: "number with an exponent", file: "sources/baron-2016.yaml", old: "    ci_low: 1.17\n", new: "    ci_low: 1.17e+0\n",
		rule: "yaml-subset"},
	{name: "negative zero", file: "sources/baron-2016.yaml", old: "    ci_low: 1.17\n", new: "    ci_low: -0.00\n",
		rule: "yaml-subset"},
	{name: "number in hexadecimal", file: "sources/baron-2016.yaml", old: "    n_ssc: 1305\n", new: "    n_ssc: 0x519\n",
		rule: "yaml-subset"},
	{name: "whole number with a fraction", file: "sources/baron-2016.yaml", old: "    events: 300\n", new: "    events: 300.0\n",
		key: "baron-2016/baron-2016-study-entry/proportion", field: "events", rule: "integer"},
	{name: "null written out", file: "treatments/warfarin.yaml", old: "drug_class: vitamin K antagonist", new: "drug_class: null",
		rule: "yaml-subset"},
	{name: "second document", file: "treatments/warfarin.yaml", old: "mechanisms: []\n", new: "mechanisms: []\n---\nslug: warfarin\n",
		line: 12, rule: "yaml-subset"},
	{name: "comment", file: "treatments/warfarin.yaml", old: "route: oral\n", new: "route: oral # by mouth\n",
		rule: "yaml-subset"},
	{name: "CRLF line ends", file: "treatments/warfarin.yaml", old: "slug: warfarin\n", new: "slug: warfarin\r\n",
		rule: "encoding"},
	{name: "not NFC", file: "sources/baron-2016.yaml", old: "Larché", new: "Larche\u0301", line: -1, rule: "encoding"},
	{name: "missing required field", file: "treatments/warfarin.yaml", old: "rationale: ", new: "rational: ",
		key: "warfarin", rule: "schema: required", line: -1},
	{name: "outcome of a finding not about a treatment", file: "sources/baron-2016.yaml", old: "    direction: positive\n",
		new: "    outcome: improved\n    direction: positive\n", key: "baron-2016/anti-rna-polymerase-iii-antibody/adjusted-or",
		field: "outcome", rule: "outcome-for-treatments"},
	{name: "record no finding cites", file: "associated-features/uncited.yaml", new: "slug: uncited\nname: Uncited\ncategory: clinical\ndescription: Nothing cites it.\nin_review: false\nsynonyms: []\n",
		line: 1, key: "uncited", rule: "record-cited"},
	{name: "stray file", file: "treatments/notes.txt", new: "notes\n", line: -1, rule: "layout"},
}

// corrupt applies c to the content copy in dir and returns the line expected.
func corrupt(t *testing.T, dir string, c corruption) int {
	t.Helper()
	path := filepath.Join(dir, c.file)
	if c.old == "" {
		require.NoError(t, os.WriteFile(path, []byte(c.new), 0o644))
		return c.line
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	i := strings.Index(string(data), c.old)
	require.GreaterOrEqual(t, i, 0, "%s: %q is in %s", c.name, c.old, c.file)
	require.NoError(t, os.WriteFile(path, []byte(string(data[:i])+c.new+string(data[i+len(c.old):])), 0o644))
	if c.line != 0 {
		return c.line
	}
	return 1 + strings.Count(string(data[:i]), "\n")
}

// TestLoad_NamesWhatIsBroken breaks one thing at a time in a copy of content/ and expects a
// problem naming the file, the line, the record's key, the field and the rule.
func TestLoad_NamesWhatIsBroken(t *testing.T) {
	for _, c := range corruptions {
		t.Run(c.name, func(t *testing.T) {
			dir := copyContent(t)
			line := corrupt(t, dir, c)
			_, err := content.Load(dir)
			var probs content.Problems
			require.True(t, errors.As(err, &probs), "%s: Load fails with the problems, got %v", c.name, err)
			want := content.Problem{File: filepath.Join(dir, c.file), Line: line, Key: c.key, Field: c.field, Rule: c.rule}
			found := slices.ContainsFunc(probs, func(p content.Problem) bool {
				return p.File == want.File && p.Rule == want.Rule && p.Key == want.Key && p.Field == want.Field &&
					(line < 0 || p.Line == want.Line) && p.Message != ""
			})
			assert.True(t, found, "want a problem like %+v, got:\n%s", want, probs.Error())
		})
	}
}

// TestLoad_ReportsEveryProblem breaks several files at once: every problem is listed, in file
// and line order, not just the first.
func TestLoad_ReportsEveryProblem(t *testing.T) {
	dir := copyContent(t)
	picked := []corruption{corruptions[0], corruptions[1], corruptions[7], corruptions[13]}
	for _, c := range picked {
		corrupt(t, dir, c)
	}
	_, err := content.Load(dir)
	var probs content.Problems
	require.True(t, errors.As(err, &probs))
	for _, c := range picked {
		assert.True(t, slices.ContainsFunc(probs, func(p content.Problem) bool { return p.Rule == c.rule }), c.rule)
	}
	assert.True(t, slices.IsSortedFunc(probs, func(a, b content.Problem) int {
		if a.File != b.File {
			return strings.Compare(a.File, b.File)
		}
		return a.Line - b.Line
	}))
}

// TestLoad_LeavesTheDatabaseAlone checks broken and sound content with a database present: its
// content version and every row are the same afterwards. Load takes no connection at all.
func TestLoad_LeavesTheDatabaseAlone(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()
	var before, after int64
	require.NoError(t, pool.QueryRow(ctx, "SELECT version FROM content_version").Scan(&before))
	recsBefore, err := content.ReadRecords(ctx, pool)
	require.NoError(t, err)

	dir := copyContent(t)
	for _, c := range corruptions[:5] {
		corrupt(t, dir, c)
	}
	_, err = content.Load(dir)
	require.Error(t, err)
	_, err = content.Load(contentDir)
	require.NoError(t, err)

	require.NoError(t, pool.QueryRow(ctx, "SELECT version FROM content_version").Scan(&after))
	assert.Equal(t, before, after)
	recsAfter, err := content.ReadRecords(ctx, pool)
	require.NoError(t, err)
	assertSameRecords(t, recsBefore, recsAfter, "database after checking")
}

// TestSchemas_EnumerationsEqualKbAndTheCheckConstraints fails when a JSON Schema's enumeration
// and the CHECK constraint on its column list different values, or when the schema and the
// list the API validates against (internal/kb) do.
func TestSchemas_EnumerationsEqualKbAndTheCheckConstraints(t *testing.T) {
	pool := testdb.New(t)
	const checkSQL = `
		SELECT pg_get_constraintdef(c.oid)
		FROM pg_constraint AS c
		WHERE c.contype = 'c'
		  AND c.conrelid = $1::regclass
		  AND pg_get_constraintdef(c.oid) ~ ('^CHECK \(\(' || $2 || ' = ANY \(ARRAY\[')`
	quoted := regexp.MustCompile(`'([^']*)'::text`)
	checked := 0
	for _, k := range content.Kinds {
		for field, values := range content.Enumerations(k.Name) {
			var def string
			require.NoError(t, pool.QueryRow(context.Background(), checkSQL, k.Table, field).Scan(&def), "%s.%s", k.Table, field)
			var inDB []string
			for _, m := range quoted.FindAllStringSubmatch(def, -1) {
				inDB = append(inDB, m[1])
			}
			assert.ElementsMatch(t, values, inDB, "%s.%s: %s", k.Name, field, def)
			checked++
		}
	}
	assert.Equal(t, 17, checked, "every enumerated column has its enumeration in a schema")

	for _, tt := range []struct {
		kind, field string
		values      []string
	}{
		{"associated-features", "category", kb.FeatureCategories},
		{"mechanisms", "support", kb.MechanismSupports},
		{"diagnostic-modalities", "role", kb.ModalityRoles},
		{"treatments", "category", kb.TreatmentCategories},
		{"treatments", "route", kb.Routes},
		{"clinical-presentation", "kind", kb.PresentationKinds},
		{"findings", "design", kb.Designs},
		{"findings", "measure", kb.Measures},
		{"findings", "outcome", kb.Outcomes},
		{"sources", "verification", kb.Verifications},
	} {
		assert.Equal(t, tt.values, content.Enumerations(tt.kind)[tt.field], "%s.%s", tt.kind, tt.field)
	}
}

// TestSchemas_MatchTheColumns fails when a schema and its table disagree on a column's type or
// on whether it may be NULL (absent from a file).
func TestSchemas_MatchTheColumns(t *testing.T) {
	pool := testdb.New(t)
	jsonTypes := map[string]string{"integer": "integer", "smallint": "integer", "numeric": "number",
		"boolean": "boolean", "text": "string", "ARRAY": "array", "bigint": "string"}
	for _, k := range content.Kinds {
		required := content.Required(k.Name)
		for _, c := range k.Columns {
			if c.Type == content.RefSet {
				continue
			}
			var dataType, nullable string
			require.NoError(t, pool.QueryRow(context.Background(), `
				SELECT data_type, is_nullable FROM information_schema.columns
				WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`, k.Table, c.Name).
				Scan(&dataType, &nullable), "%s.%s", k.Table, c.Name)
			field := strings.TrimSuffix(c.Name, "_id")
			if k.Name == "findings" && c.Type == content.Ref {
				continue // a finding's source is its file, its six subject columns one field, subject
			}
			assert.Equal(t, jsonTypes[dataType], content.FieldType(k.Name, field), "%s.%s (%s)", k.Name, field, dataType)
			assert.Equal(t, nullable == "NO", slices.Contains(required, field), "%s.%s: required exactly when NOT NULL", k.Name, field)
		}
	}
}

// TestWrite_QuotesWhatYAMLWouldMisread writes strings that plain YAML would read as something
// else and loads them back unchanged.
func TestWrite_QuotesWhatYAMLWouldMisread(t *testing.T) {
	dir := copyContent(t)
	recs, err := content.Load(dir)
	require.NoError(t, err)
	tricky := []string{"true", "null", "~", "12", "3.90", "0x1F", "- item", "a: b", "x #y", "<", "=", "'quoted'",
		`"double"`, "back\\slash", "new\nline", " leading", "trailing ", "@at", "%pct", "yes", "No", "*star", "&amp",
		"!bang", "[flow]", "{map}", "tab\there", "Ünïcödé", "·"}
	r := recs["treatments"]["warfarin"]
	r.Values["synonyms"] = content.Value{List: tricky}
	r.Values["rationale"] = content.Value{Text: "ends with a colon:"}
	require.NoError(t, content.Write(dir, recs))
	got, err := content.Load(dir)
	require.NoError(t, err)
	assert.Equal(t, tricky, got["treatments"]["warfarin"].Values["synonyms"].List)
	assert.Equal(t, "ends with a colon:", got["treatments"]["warfarin"].Values["rationale"].Text)
	raw, err := os.ReadFile(filepath.Join(dir, "treatments", "warfarin.yaml"))
	require.NoError(t, err)
	assert.True(t, bytes.Contains(raw, []byte(`  - "<"`)), "a lone < is quoted")
}
