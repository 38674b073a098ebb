package postgres

import (
	"testing"

	"calcinosiskb/internal/kb"
)

// BenchmarkWhere builds the treatment list's conditions and keyset clause, as every list request does.
func BenchmarkWhere(b *testing.B) {
	page := kb.Page{Limit: 50, After: &kb.Key{Name: "Diltiazem", Slug: "diltiazem"}}
	b.ReportAllocs()
	for b.Loop() {
		var w where
		w.add("t.category = ?", "pharmacologic")
		w.add("es.evidence_level <= ?", 4)
		matching(&w, "t.slug", "treatment", "thiosulphate")
		_ = byName(&w, page)
	}
}
