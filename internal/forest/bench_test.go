package forest_test

import (
	"testing"

	"calcinosiskb/internal/forest"
)

// BenchmarkLayoutSVG lays out and draws a plot the size of the largest record's (a few rows
// on two axes), the work a page adds per plot.
func BenchmarkLayoutSVG(b *testing.B) {
	rows := []forest.Row{
		{ID: 1, Href: "#finding-1", Source: "a", Measure: "odds_ratio", Estimate: 3.9, Low: ptr(2.7), High: ptr(5.5), N: ptr(5218), Adjusted: ptr(true)},
		{ID: 2, Href: "#finding-2", Source: "b", Measure: "odds_ratio", Estimate: 2.63, Low: ptr(1.02), High: ptr(6.78), N: ptr(226), Adjusted: ptr(true)},
		{ID: 3, Href: "#finding-3", Source: "c", Measure: "hazard_ratio", Estimate: 3.16, Low: ptr(1.22), High: ptr(9.43), N: ptr(103), Adjusted: ptr(true)},
		{ID: 4, Href: "#finding-4", Source: "d", Measure: "proportion", Estimate: 0.23, N: ptr(120)},
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range forest.Layout(rows) {
			if _, err := forest.SVG(p, "plot"); err != nil {
				b.Fatal(err)
			}
		}
	}
}
