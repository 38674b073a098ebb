package main

import (
	"encoding/json"
	"slices"
	"testing"
)

// summarize reads EXPLAIN's JSON: index scans name their table and index, a bitmap index
// scan its heap's table, and a sequential scan its table with the rows it read in all loops.
func TestSummarize(t *testing.T) {
	const plan = `{
		"Node Type": "Nested Loop", "Actual Rows": 3, "Actual Loops": 1,
		"Plans": [
			{"Node Type": "Index Scan", "Relation Name": "treatments", "Index Name": "treatments_slug_key",
			 "Actual Rows": 1, "Actual Loops": 1},
			{"Node Type": "Bitmap Heap Scan", "Relation Name": "findings", "Actual Rows": 3, "Actual Loops": 1,
			 "Plans": [{"Node Type": "Bitmap Index Scan", "Index Name": "findings_treatment", "Actual Rows": 3, "Actual Loops": 1}]},
			{"Node Type": "Seq Scan", "Relation Name": "sources", "Actual Rows": 2, "Rows Removed by Filter": 26, "Actual Loops": 3},
			{"Node Type": "Seq Scan", "Relation Name": "mechanisms", "Actual Rows": 0, "Actual Loops": 0}
		]}`
	var root planNode
	if err := json.Unmarshal([]byte(plan), &root); err != nil {
		t.Fatal(err)
	}
	got := summarize(root)
	if want := []string{"findings (findings_treatment)", "treatments (treatments_slug_key)"}; !slices.Equal(got.IndexScans, want) {
		t.Errorf("index scans %q, want %q", got.IndexScans, want)
	}
	if want := []string{"sources (84 rows read)", "mechanisms (planned, not run)"}; !slices.Equal(got.SeqScans, want) {
		t.Errorf("seq scans %q, want %q", got.SeqScans, want)
	}
	if got.UsesIndexes {
		t.Error("a plan with sequential scans counts as using indexes only")
	}
}
