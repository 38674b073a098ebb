package kb_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"calcinosiskb/internal/kb"
)

func ptr(s string) *string { return &s }

func TestSource_Byline(t *testing.T) {
	tests := []struct {
		name    string
		authors *string
		want    []kb.Author
		etAl    bool
	}{
		{"no byline", nil, nil, false},
		{"persons", ptr("Valenzuela A, Chung L"), []kb.Author{{Family: "Valenzuela", Given: "A."}, {Family: "Chung", Given: "L."}}, false},
		{"et al.", ptr("Steen VD, et al."), []kb.Author{{Family: "Steen", Given: "V. D."}}, true},
		{"groups, suffix and compound surnames", ptr("Baron M; Canadian Scleroderma Research Group; Medsger TA Jr, Carranza Muleiro RA"),
			[]kb.Author{{Family: "Baron", Given: "M."}, {Literal: "Canadian Scleroderma Research Group"},
				{Family: "Medsger", Given: "T. A.", Suffix: "Jr"}, {Family: "Carranza Muleiro", Given: "R. A."}}, false},
		{"letters beyond ASCII", ptr("Drapé JL, Cruz-Domínguez MDP"), []kb.Author{{Family: "Drapé", Given: "J. L."}, {Family: "Cruz-Domínguez", Given: "M. D. P."}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, etAl := kb.Source{Authors: tt.authors}.Byline()
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.etAl, etAl)
		})
	}
}

func TestSource_Locator(t *testing.T) {
	tests := []struct {
		citation string
		want     kb.Locator
		ok       bool
	}{
		{"27(6):542-8", kb.Locator{Volume: "27", Issue: "6", Pages: "542-8"}, true},
		{"34:805-812", kb.Locator{Volume: "34", Pages: "805-812"}, true},
		{"34(5 Suppl 100):177-180", kb.Locator{Volume: "34", Issue: "5 Suppl 100", Pages: "177-180"}, true},
		{"46(10):928.e1-928.e9", kb.Locator{Volume: "46", Issue: "10", Pages: "928.e1-928.e9"}, true},
		{"15(2):e0228938", kb.Locator{Volume: "15", Issue: "2", Pages: "e0228938"}, true},
		{"2(2)", kb.Locator{Volume: "2", Issue: "2"}, true},
		{"15", kb.Locator{Volume: "15"}, true},
		{"75(Suppl 2):535.2, abstract FRI0276", kb.Locator{Volume: "75", Issue: "Suppl 2"}, true},
		{"Abstract 1525", kb.Locator{}, false},
		{"volume and pages not shown on the record", kb.Locator{}, false},
		{"pp. 518-522 (volume not shown on the record)", kb.Locator{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.citation, func(t *testing.T) {
			got, ok := kb.Source{Citation: tt.citation}.Locator()
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestAuthor_Vancouver(t *testing.T) {
	byline := "Valenzuela A, Baron M; Canadian Scleroderma Research Group; Medsger TA Jr, Cruz-Domínguez MDP"
	authors, _ := kb.Source{Authors: &byline}.Byline()
	var names []string
	for _, a := range authors {
		names = append(names, a.Vancouver())
	}
	assert.Equal(t, []string{"Valenzuela A", "Baron M", "Canadian Scleroderma Research Group", "Medsger TA Jr", "Cruz-Domínguez MDP"}, names)
}
