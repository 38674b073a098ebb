package api_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFindings_NaturalKey checks that every finding has a well-formed, unique key that starts
// with its source and subject, and that GET /v1/findings/{key} gives the same answer as its id.
func TestFindings_NaturalKey(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	type keyed struct {
		ID      int64  `json:"id"`
		Key     string `json:"key"`
		Subject struct {
			Slug string `json:"slug"`
		} `json:"subject"`
		Source struct {
			Slug string `json:"slug"`
		} `json:"source"`
	}
	pattern := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[string]int64{}
	all := c.walk("/v1/findings?limit=200")
	require.NotEmpty(t, all)
	for _, raw := range all {
		var f keyed
		require.NoError(t, json.Unmarshal(raw, &f))
		require.Regexp(t, pattern, f.Key, "finding %d", f.ID)
		assert.True(t, strings.HasPrefix(f.Key, f.Source.Slug+"/"+f.Subject.Slug+"/"), "finding %d: %s", f.ID, f.Key)
		_, dup := seen[f.Key]
		assert.False(t, dup, "key %s is used twice", f.Key)
		seen[f.Key] = f.ID
	}
	assert.NotZero(t, seen["baron-2016/anticentromere-antibody/adjusted-or"], "the documented example key names a finding")

	for key, id := range seen {
		byKey := c.get("/v1/findings/" + key)
		byID := c.get("/v1/findings/" + strconv.FormatInt(id, 10))
		require.Equal(t, http.StatusOK, byKey.status, key)
		assert.JSONEq(t, string(byID.body), string(byKey.body), key)
	}
}

func TestFindings_NaturalKeyRejected(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, path := range []string{
		"/v1/findings/baron-2016/anticentromere-antibody/no-such-name",
		"/v1/findings/baron-2016/anticentromere-antibody/ADJUSTED-OR",
		"/v1/findings/baron-2016/anticentromere-antibody/adjusted-or-",
		"/v1/findings/baron-2016/anticentromere-antibody/adjusted%2Dor%00",
		"/v1/findings/baron-2016/anticentromere-antibody",
		"/v1/findings/baron-2016/anticentromere-antibody/adjusted-or/extra",
		"/v1/findings/baron-2016%2Fanticentromere-antibody%2Fadjusted-or",
		"/v1/findings/%27%3B%20DROP%20TABLE%20findings--/x/y",
		"/v1/findings/" + strings.Repeat("a", 300) + "/x/y",
	} {
		t.Run(path, func(t *testing.T) {
			requireProblem(t, c.do(http.MethodGet, path, false), http.StatusNotFound)
		})
	}
	p := requireProblem(t, c.get("/v1/findings/baron-2016/anticentromere-antibody/adjusted-or?x=1"), http.StatusBadRequest)
	assert.Equal(t, "x", p.Param)
}

// TestFindings_NaturalKeyConcurrent reads findings by key and by id at once; every answer must
// be the one a lone request gets.
func TestFindings_NaturalKeyConcurrent(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	paths := []string{"/v1/findings/baron-2016/anticentromere-antibody/adjusted-or",
		"/v1/findings/johns-hopkins-registry-2023/anti-pm-scl-antibody/adjusted-or",
		"/v1/findings/johns-hopkins-registry-2023/anti-pm-scl-antibody/adjusted-or-2",
		"/v1/findings/1"}
	answersAloneAndTogether(t, c, paths, 48)
}
