package content_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/source/file" // the file:// source
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/testdb"
	"calcinosiskb/migrations"
)

// tricky holds what an SQL literal must survive: quotes, backslashes, control characters,
// non-ASCII text, percent signs (RAISE formats) and dollar quotes (the DO blocks').
const tricky = "It's \"quoted\", back\\slash \\n, new\nline\ttab\r, ünïcødé — ≥ 5 % $guard$ $$ ; --"

func TestGenerate_OneChangedEstimate(t *testing.T) {
	ctx := context.Background()
	before := readRecords(t, testdb.URL(t))
	key := ""
	for _, f := range before.Sorted("findings") {
		if !f.Values["estimate"].Null && f.Values["ci_low"].Null {
			key = f.Key
			break
		}
	}
	require.NotEmpty(t, key, "a finding with an estimate and no confidence interval")
	oldEstimate := before["findings"][key].Values["estimate"].Text
	// A proportion in [0, 1] suits every measure; the trailing zero checks the scale is kept.
	newEstimate := "0.50"
	if oldEstimate == newEstimate {
		newEstimate = "0.40"
	}
	after := clone(before)
	after["findings"][key].Values["estimate"] = content.Value{Text: newEstimate}

	dir := migrationsDir(t)
	next, err := content.NextMigration(dir)
	require.NoError(t, err)
	files, err := content.Generate(ctx, testdb.Empty(t), after, dir, day(2027, 1, 15), "One estimate corrected.")
	require.NoError(t, err)
	prefix := filepath.Join(dir, fmt.Sprintf("%06d_content_2027_01_15", next))
	require.Equal(t, []string{prefix + ".up.sql", prefix + ".down.sql"}, files)
	up, down := readFile(t, files[0]), readFile(t, files[1])
	for _, f := range []string{up, down} {
		assert.Contains(t, strings.SplitN(f, "\n", 2)[0], content.GenerateCommand)
		assert.Contains(t, strings.SplitN(f, "\n", 2)[0], "do not edit by hand")
	}
	assert.Equal(t, map[string]int{"UPDATE findings": 1, "INSERT INTO releases": 1, "INSERT INTO release_changes": 1}, statements(up))
	assert.Equal(t, map[string]int{"UPDATE findings": 1, "DELETE FROM releases": 1, "DELETE FROM release_changes": 1}, statements(down))
	assert.Less(t, len(up), 4096, "the up of a one-field change is small")
	assert.Equal(t, files, newFiles(t, dir), "exactly one pair is written")

	url := testdb.URL(t)
	beforeUp := rowHashes(t, url)
	m := migrator(t, url, dir)
	require.NoError(t, m.Up())
	assert.Empty(t, content.Diff(readRecords(t, url), after), "the database holds the content as changed")

	db := pool(t, url)
	var migration int
	var published time.Time
	var summary string
	require.NoError(t, db.QueryRow(ctx, `SELECT migration, published, summary FROM releases WHERE id = '2027.01.15'`).
		Scan(&migration, &published, &summary))
	assert.Equal(t, int(next), migration)
	assert.Equal(t, day(2027, 1, 15), published)
	assert.Equal(t, "One estimate corrected.", summary)
	changes := releaseChanges(t, db, "2027.01.15")
	assert.Equal(t, []releaseChange{{Kind: "findings", Key: key, Change: "changed",
		Fields: []map[string]any{{"field": "estimate", "old": oldEstimate, "new": newEstimate}}}}, changes)

	require.NoError(t, m.Steps(-1))
	assert.Equal(t, beforeUp, rowHashes(t, url), "the down restores every row, ids included")
}

func TestGenerate_AddRemoveAndChangeRoundTrip(t *testing.T) {
	ctx := context.Background()
	before := readRecords(t, testdb.URL(t))
	after := clone(before)

	// A treatment with mechanisms and findings goes, and they with it.
	var gone string
	var goneFindings []string
	for _, tr := range before.Sorted("treatments") {
		goneFindings = findingsOf(before, "treatment_id", tr.Key)
		if len(tr.Values["mechanisms"].List) > 0 && len(goneFindings) > 0 {
			gone = tr.Key
			break
		}
	}
	require.NotEmpty(t, gone, "a treatment with mechanisms and findings")
	delete(after["treatments"], gone)
	for _, f := range goneFindings {
		delete(after["findings"], f)
	}

	// A new mechanism, and another treatment that drops one mechanism and gains the new one.
	var mech content.Record
	for _, m := range before.Sorted("mechanisms") {
		mech = copyRecord(m)
		break
	}
	mech.Key, mech.ID = "generated-test-mechanism", 0
	mech.Values["name"] = content.Value{Text: "Generated test mechanism " + tricky}
	mech.Values["genes"] = content.Value{List: []string{"GENE'1", `back\slash`, "ünï"}}
	after["mechanisms"][mech.Key] = mech
	var changedTreatment string
	for _, tr := range after.Sorted("treatments") {
		if set := tr.Values["mechanisms"].List; len(set) > 0 {
			changedTreatment = tr.Key
			newSet := append(slices.Clone(set[1:]), mech.Key)
			slices.Sort(newSet)
			after["treatments"][tr.Key].Values["mechanisms"] = content.Value{List: newSet}
			break
		}
	}
	require.NotEmpty(t, changedTreatment)

	// A list changed, with values a literal must survive.
	feature := after.Sorted("associated-features")[0]
	feature.Values["synonyms"] = content.Value{List: append(slices.Clone(feature.Values["synonyms"].List), tricky, "O'Brien", "")}

	// A finding added about the new mechanism, and another finding moved to another source.
	var template content.Record
	for _, f := range after.Sorted("findings") {
		if !f.Values["mechanism_id"].Null {
			template = copyRecord(f)
			break
		}
	}
	require.NotEmpty(t, template.Key)
	template.Key, template.ID = "generated-test/"+mech.Key+"/statement", 0
	template.Values["mechanism_id"] = content.Value{Text: mech.Key}
	template.Values["is_primary"] = content.Value{Text: "false"}
	template.Values["statement"] = content.Value{Text: tricky}
	after["findings"][template.Key] = template
	var moved content.Record
	for _, f := range after.Sorted("findings") {
		if f.Values["is_primary"].Text == "false" && f.Key != template.Key {
			moved = f
		}
	}
	require.NotEmpty(t, moved.Key)
	sources := after.Sorted("sources")
	newSource := sources[0].Key
	if moved.Values["source_id"].Text == newSource {
		newSource = sources[1].Key
	}
	moved.Values["source_id"] = content.Value{Text: newSource}

	dir := migrationsDir(t)
	files, err := content.Generate(ctx, testdb.Empty(t), after, dir, day(2027, 2, 1), tricky)
	require.NoError(t, err)
	require.Len(t, files, 2)
	up := readFile(t, files[0])
	counts := statements(up)
	assert.Equal(t, len(goneFindings), counts["DELETE FROM findings"], "each finding of the removed treatment is deleted by name")
	assert.Equal(t, 1, counts["DELETE FROM treatments"])
	assert.Equal(t, 2, counts["DELETE FROM treatment_mechanisms"], "the removed treatment's links and the changed one's dropped link")
	assert.Equal(t, 1, counts["INSERT INTO treatment_mechanisms"])
	assert.Equal(t, 1, counts["INSERT INTO mechanisms"])
	assert.Equal(t, 1, counts["INSERT INTO findings"])
	assert.Equal(t, 2, counts["UPDATE findings"]+counts["UPDATE associated_features"])

	url := testdb.URL(t)
	beforeUp := rowHashes(t, url)
	m := migrator(t, url, dir)
	require.NoError(t, m.Up())
	assert.Empty(t, content.Diff(readRecords(t, url), after), "the database holds the content as changed")
	var gotSummary string
	require.NoError(t, pool(t, url).QueryRow(ctx, `SELECT summary FROM releases WHERE id = '2027.02.01'`).Scan(&gotSummary))
	assert.Equal(t, tricky, gotSummary)
	changes := releaseChanges(t, pool(t, url), "2027.02.01")
	assert.Len(t, changes, len(content.Diff(before, after)))
	for _, ch := range changes {
		if ch.Kind == "associated-features" {
			assert.Equal(t, []map[string]any{{"field": "synonyms",
				"old": anyList(before["associated-features"][feature.Key].Values["synonyms"].List),
				"new": anyList(feature.Values["synonyms"].List)}}, ch.Fields)
		}
	}

	require.NoError(t, m.Steps(-1))
	assert.Equal(t, beforeUp, rowHashes(t, url), "the down restores every row, ids included")
	require.NoError(t, m.Steps(1), "the up applies again after its down")
	assert.Empty(t, content.Diff(readRecords(t, url), after))
}

func TestGenerate_NothingChangedWritesNothing(t *testing.T) {
	before := readRecords(t, testdb.URL(t))
	dir := migrationsDir(t)
	files, err := content.Generate(context.Background(), testdb.Empty(t), before, dir, day(2027, 1, 15), "")
	require.NoError(t, err)
	assert.Empty(t, files)
	assert.Empty(t, newFiles(t, dir))
}

// TestGenerate_RefusesValuesTheDatabaseWouldRewrite: the pair is tried before it is written,
// so a value PostgreSQL stores in another form fails the generation, not a later migration.
func TestGenerate_RefusesValuesTheDatabaseWouldRewrite(t *testing.T) {
	before := readRecords(t, testdb.URL(t))
	after := clone(before)
	source := after.Sorted("sources")[0]
	source.Values["peer_reviewed"] = content.Value{Text: "yes"}
	dir := migrationsDir(t)
	files, err := content.Generate(context.Background(), testdb.Empty(t), after, dir, day(2027, 1, 15), "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sources "+source.Key+": changed; peer_reviewed is stored as \"true\", not as written, \"yes\"")
	assert.Empty(t, files)
	assert.Empty(t, newFiles(t, dir))
}

// TestGenerate_SameDayReleasesAreNumbered also shows the replay reads the migrations
// directory as it is: the second generation sees the first's release.
func TestGenerate_SameDayReleasesAreNumbered(t *testing.T) {
	ctx := context.Background()
	before := readRecords(t, testdb.URL(t))
	dir := migrationsDir(t)
	next, err := content.NextMigration(dir)
	require.NoError(t, err)
	releasesBefore := releaseIDs(t, testdb.URL(t))
	sameDay := day(2027, 6, 1)

	first := clone(before)
	source := first.Sorted("sources")[0]
	source.Values["title"] = content.Value{Text: "Retitled " + tricky}
	files, err := content.Generate(ctx, testdb.Empty(t), first, dir, sameDay, "")
	require.NoError(t, err)
	require.Len(t, files, 2)
	assert.Equal(t, fmt.Sprintf("%06d_content_2027_06_01.up.sql", next), filepath.Base(files[0]))
	assert.Contains(t, readFile(t, files[0]), fmt.Sprintf("VALUES ('2027.06.01', %d, '2027-06-01', 'Content: 0 added, 1 changed, 0 removed (sources).')", next))

	second := clone(first)
	second["sources"][source.Key].Values["title"] = before["sources"][source.Key].Values["title"]
	files, err = content.Generate(ctx, testdb.Empty(t), second, dir, sameDay, "Title restored.")
	require.NoError(t, err)
	require.Len(t, files, 2)
	assert.Equal(t, fmt.Sprintf("%06d_content_2027_06_01_2.up.sql", next+1), filepath.Base(files[0]))

	url := testdb.URL(t)
	m := migrator(t, url, dir)
	require.NoError(t, m.Up())
	assert.Empty(t, content.Diff(readRecords(t, url), second))
	assert.Equal(t, append(releasesBefore, "2027.06.01", "2027.06.01-2"), releaseIDs(t, url))
}

// releaseIDs lists the releases of the database at url in release order.
func releaseIDs(t *testing.T, url string) []string {
	t.Helper()
	rows, err := pool(t, url).Query(context.Background(), `SELECT id FROM releases ORDER BY migration`)
	require.NoError(t, err)
	var releases []string
	for rows.Next() {
		var r string
		require.NoError(t, rows.Scan(&r))
		releases = append(releases, r)
	}
	require.NoError(t, rows.Err())
	return releases
}

// TestGenerate_GuardsFailOnAnotherState applies generated ups to databases that are not in
// the state they were generated from: each fails, and leaves the database as it was.
func TestGenerate_GuardsFailOnAnotherState(t *testing.T) {
	ctx := context.Background()
	before := readRecords(t, testdb.URL(t))
	var finding content.Record
	for _, f := range before.Sorted("findings") {
		if !f.Values["estimate"].Null && f.Values["ci_low"].Null {
			finding = f
			break
		}
	}
	require.NotEmpty(t, finding.Key)
	tests := []struct {
		name   string
		change func(content.Records)
		drift  string // what changed in the database since
		want   string
	}{{
		name:   "a changed row changed already",
		change: func(rs content.Records) { rs["findings"][finding.Key].Values["estimate"] = content.Value{Text: "0.50"} },
		drift:  "UPDATE findings SET estimate = 0.45 WHERE key = $1",
		want:   "findings " + finding.Key + ": 0 rows with the values it changes, expected 1",
	}, {
		name:   "a removed row changed",
		change: func(rs content.Records) { delete(rs["findings"], finding.Key) },
		drift:  "UPDATE findings SET statement = statement || ' (amended)' WHERE key = $1",
		want:   "findings " + finding.Key + ": 0 rows exactly as generated, expected 1",
	}, {
		name:   "a removed row gone",
		change: func(rs content.Records) { delete(rs["findings"], finding.Key) },
		drift:  "DELETE FROM findings WHERE key = $1",
		want:   "findings " + finding.Key + ": 0 rows exactly as generated, expected 1",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := clone(before)
			tt.change(after)
			dir := migrationsDir(t)
			files, err := content.Generate(ctx, testdb.Empty(t), after, dir, day(2027, 3, 1), "")
			require.NoError(t, err)
			require.Len(t, files, 2)

			url := testdb.URL(t)
			_, err = pool(t, url).Exec(ctx, tt.drift, finding.Key)
			require.NoError(t, err)
			drifted := rowHashes(t, url)
			err = migrator(t, url, dir).Up()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, drifted, rowHashes(t, url), "the failed migration changed nothing")
		})
	}
}

func TestReplay_ReadsTheContentTheMigrationsOnDiskLeave(t *testing.T) {
	ctx := context.Background()
	dir := migrationsDir(t)
	// The repository's directory holds the Go file that embeds the migrations too.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "embed.go"), []byte("package migrations\n"), 0o644))
	st, err := content.Replay(ctx, testdb.Empty(t), dir)
	require.NoError(t, err)
	assert.Equal(t, readRecords(t, testdb.URL(t)), st.Records, "the same records, ids included, as the built-in migrations give")
	assert.Equal(t, releaseIDs(t, testdb.URL(t)), st.Releases)

	require.NoError(t, os.WriteFile(filepath.Join(dir, "000099_broken.up.sql"), []byte("SELEC 1;"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "000099_broken.down.sql"), []byte("SELECT 1;"), 0o644))
	_, err = content.Replay(ctx, testdb.Empty(t), dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "migrate up from "+dir)
	next, err := content.NextMigration(dir)
	require.NoError(t, err)
	assert.Equal(t, uint(100), next)
}

// readRecords reads every record of the database at url.
func readRecords(t *testing.T, url string) content.Records {
	t.Helper()
	recs, err := content.ReadRecords(context.Background(), pool(t, url))
	require.NoError(t, err)
	return recs
}

func pool(t *testing.T, url string) *pgxpool.Pool {
	t.Helper()
	p, err := pgxpool.New(context.Background(), url)
	require.NoError(t, err)
	t.Cleanup(p.Close)
	return p
}

// migrationsDir copies the repository's migrations into a directory of the test's own.
func migrationsDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	names, err := fs.Glob(migrations.FS, "*.sql")
	require.NoError(t, err)
	for _, name := range names {
		body, err := fs.ReadFile(migrations.FS, name)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), body, 0o644))
	}
	return dir
}

// newFiles lists the files of dir that are not among the repository's migrations.
func newFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if _, err := fs.Stat(migrations.FS, e.Name()); err != nil {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	slices.SortFunc(out, func(a, b string) int { return -strings.Compare(a, b) }) // up before down
	return out
}

// migrator migrates the database at url with the migration files in dir.
func migrator(t *testing.T, url, dir string) *migrate.Migrate {
	t.Helper()
	m, err := migrate.New("file://"+dir, "pgx5://"+strings.SplitN(url, "://", 2)[1])
	require.NoError(t, err)
	t.Cleanup(func() { m.Close() })
	return m
}

// rowHashes hashes every row of every content and release table, ids included.
func rowHashes(t *testing.T, url string) map[string]string {
	t.Helper()
	p := pool(t, url)
	out := map[string]string{}
	for _, table := range append(content.Tables(), content.ReleaseTables...) {
		var hash string
		require.NoError(t, p.QueryRow(context.Background(), fmt.Sprintf(
			`SELECT coalesce(md5(string_agg(row_to_json(t)::text, E'\n' ORDER BY row_to_json(t)::text)), 'empty') FROM %q AS t`,
			table)).Scan(&hash))
		out[table] = hash
	}
	return out
}

type releaseChange struct {
	Kind, Key, Change string
	Fields            []map[string]any
}

func releaseChanges(t *testing.T, p *pgxpool.Pool, release string) []releaseChange {
	t.Helper()
	rows, err := p.Query(context.Background(), `
		SELECT kind, key, change, fields::text FROM release_changes WHERE release_id = $1 ORDER BY kind, key`, release)
	require.NoError(t, err)
	var out []releaseChange
	for rows.Next() {
		var ch releaseChange
		var fields string
		require.NoError(t, rows.Scan(&ch.Kind, &ch.Key, &ch.Change, &fields))
		require.NoError(t, json.Unmarshal([]byte(fields), &ch.Fields))
		out = append(out, ch)
	}
	require.NoError(t, rows.Err())
	return out
}

var statement = regexp.MustCompile(`(?m)^\s*(UPDATE|INSERT INTO|DELETE FROM) ([a-z_]+)`)

// statements counts a migration's statements that write, by verb and table.
func statements(sql string) map[string]int {
	out := map[string]int{}
	for _, m := range statement.FindAllStringSubmatch(sql, -1) {
		out[m[1]+" "+m[2]]++
	}
	return out
}

func findingsOf(rs content.Records, column, key string) []string {
	var out []string
	for _, f := range rs.Sorted("findings") {
		if v := f.Values[column]; !v.Null && v.Text == key {
			out = append(out, f.Key)
		}
	}
	return out
}

func clone(rs content.Records) content.Records {
	out := content.Records{}
	for kind, recs := range rs {
		out[kind] = map[string]content.Record{}
		for key, r := range recs {
			out[kind][key] = copyRecord(r)
		}
	}
	return out
}

func copyRecord(r content.Record) content.Record {
	values := make(map[string]content.Value, len(r.Values))
	for name, v := range r.Values {
		if v.List != nil {
			v.List = slices.Clone(v.List)
		}
		values[name] = v
	}
	r.Values = values
	return r
}

func anyList(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	body, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(body)
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestGenerate_NeverReusesARemovedKey removes a finding in one release and then tries to
// bring it back under the same key: a key names one record for ever, so the second
// generation is refused and writes nothing.
func TestGenerate_NeverReusesARemovedKey(t *testing.T) {
	ctx := context.Background()
	before := readRecords(t, testdb.URL(t))
	dir := migrationsDir(t)
	key := before.Sorted("findings")[0].Key
	removed := clone(before)
	delete(removed["findings"], key)
	files, err := content.Generate(ctx, testdb.Empty(t), removed, dir, day(2027, 4, 1), "A finding retired.")
	require.NoError(t, err)
	require.Len(t, files, 2)

	files, err = content.Generate(ctx, testdb.Empty(t), before, dir, day(2027, 4, 2), "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "findings "+key+" was removed in release 2027.04.01 and a key is never reused")
	assert.Empty(t, files)
	assert.Len(t, newFiles(t, dir), 2, "only the first pair")
}
