package api

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNegotiate(t *testing.T) {
	t.Parallel()
	offers := []string{"application/json", "application/x-bibtex", "application/x-research-info-systems"}
	tests := []struct {
		accept []string
		want   int
	}{
		{nil, 0},
		{[]string{""}, 0},
		{[]string{"*/*"}, 0},
		{[]string{"application/x-bibtex"}, 1},
		{[]string{"text/html", "application/x-research-info-systems"}, 2},
		{[]string{"application/x-bibtex;q=0.4, application/x-research-info-systems;q=0.5"}, 2},
		{[]string{"application/x-bibtex;q=0.5, application/x-research-info-systems;q=0.5"}, 1},
		{[]string{"*/*;q=0.9, application/json;q=0"}, 1},
		{[]string{"application/*;q=0.1, application/x-bibtex;q=0.2"}, 1},
		{[]string{"application/x-bibtex;q=0"}, -1},
		{[]string{"application/x-bibtex;q=banana"}, -1},
		{[]string{"application/x-bibtex;q=2"}, -1},
		{[]string{"text/*"}, -1},
		{[]string{"*/json"}, -1},
		{[]string{"garbage"}, -1},
		{[]string{",,,;;;"}, -1},
		{[]string{"APPLICATION/JSON"}, 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, negotiate(tt.accept, offers), "Accept %q", tt.accept)
	}
}

func TestBibtexEscape(t *testing.T) {
	t.Parallel()
	assert.Equal(t, `A \& B \{x\} 50\% \$1 \#2 a\_b \textbackslash{} \textasciitilde{} \textasciicircum{}`,
		bibtexEscape("A & B {x} 50% $1 #2 a_b \\ ~ ^"))
	assert.Equal(t, "one line", bibtexEscape("one\n  line"))
}
