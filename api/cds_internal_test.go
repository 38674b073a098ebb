package api

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/kb"
)

func treatmentsNamed(assessment string, names ...string) []kb.Treatment {
	out := make([]kb.Treatment, len(names))
	for i, n := range names {
		out[i] = kb.Treatment{Slug: fmt.Sprintf("t-%d", i), Name: n, Synthesis: kb.Synthesis{Assessment: assessment}}
	}
	return out
}

func TestCardSummary(t *testing.T) {
	t.Parallel()
	const prefix = "Promising for calcinosis in SSc: "
	long := strings.Repeat("Ä", 60) // two bytes a character: the limit counts characters
	tests := []struct {
		name  string
		names []string
		want  string
	}{
		{"one", []string{"Minocycline"}, prefix + "Minocycline"},
		{"all fit", []string{"A", "B", "C"}, prefix + "A, B, C"},
		{"the rest counted", []string{long, "B", long, "D"}, prefix + long + ", B and 2 more"},
		{"the first too long", []string{strings.Repeat("x", 200), "B"}, "Promising for calcinosis in SSc (2 options)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := cardSummary(prefix, treatmentsNamed("promising", tc.names...))
			assert.Equal(t, tc.want, got)
			assert.LessOrEqual(t, utf8.RuneCountInString(got), 139)
		})
	}
}

// TestTreatmentCards covers the groups the seed data does not hold today.
func TestTreatmentCards(t *testing.T) {
	t.Parallel()
	var all []kb.Treatment
	for _, a := range []string{"recommended_against", "not_effective", "promising", "mainstay"} {
		all = append(all, treatmentsNamed(a, "Option *"+strings.ReplaceAll(a, "_", " ")+"*")...)
	}
	cards := treatmentCards("https://kb.example", all)
	var order []string
	for _, c := range cards {
		order = append(order, c.Source.Topic.Code)
		want := "info"
		if c.Source.Topic.Code == "recommended_against" {
			want = "warning"
		}
		assert.Equal(t, want, c.Indicator)
		require.Len(t, c.Links, 1)
		assert.Equal(t, "https://kb.example/treatments/t-0", c.Links[0].URL)
		assert.Contains(t, c.Detail, `**Option \*`+strings.ReplaceAll(c.Source.Topic.Code, "_", " ")+`\***`, "names are escaped")
		assert.Contains(t, c.Detail, "certainty of evidence not rated")
	}
	assert.Equal(t, []string{"mainstay", "promising", "not_effective", "recommended_against"}, order,
		"groups in the benefit order, none for an assessment without options")
	assert.Empty(t, treatmentCards("https://kb.example", nil), "no options, no cards")
	assert.NotNil(t, treatmentCards("https://kb.example", nil), "an empty list, never null")
}

func TestNewUUID(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		u := newUUID()
		require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, u)
		require.False(t, seen[u])
		seen[u] = true
	}
}
