package forest_test

import (
	"encoding/xml"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/forest"
)

func ptr[T any](v T) *T { return &v }

func TestLayout_PanelsAndOrder(t *testing.T) {
	rows := []forest.Row{
		{ID: 1, Source: "small", Measure: "odds_ratio", Estimate: 2.63, Low: ptr(1.02), High: ptr(6.78), N: ptr(226)},
		{ID: 2, Source: "large", Measure: "odds_ratio", Estimate: 3.9, Low: ptr(2.7), High: ptr(5.5), N: ptr(5218)},
		{ID: 3, Source: "hr", Measure: "hazard_ratio", Estimate: 3.16, Low: ptr(1.22), High: ptr(9.43), N: ptr(103)},
		{ID: 4, Source: "unsized", Measure: "odds_ratio", Estimate: 1.8},
		{ID: 5, Source: "prop", Measure: "proportion", Estimate: 0.23, N: ptr(120)},
		{ID: 6, Source: "change", Measure: "median_change", Estimate: -2.5, Low: ptr(-4.0), High: ptr(-1.0), N: ptr(30)},
	}
	panels := forest.Layout(rows)
	require.Len(t, panels, 3, "ratios, fractions and differences each get their own axis")

	ratios := panels[0]
	assert.Equal(t, forest.Log, ratios.Scale)
	require.NotNil(t, ratios.Null)
	assert.Equal(t, 1.0, *ratios.Null)
	var order []int64
	for _, r := range ratios.Rows {
		order = append(order, r.ID)
	}
	assert.Equal(t, []int64{2, 1, 3, 4}, order, "largest study first, rows without a size last")

	fractions := panels[1]
	assert.Equal(t, forest.Linear, fractions.Scale)
	assert.Nil(t, fractions.Null, "a proportion has no line of no effect")
	assert.Equal(t, 0.0, fractions.Min)
	assert.Equal(t, 1.0, fractions.Max)
	var labels []string
	for _, tick := range fractions.Ticks {
		labels = append(labels, tick.Label)
	}
	assert.Equal(t, []string{"0", "0.2", "0.4", "0.6", "0.8", "1"}, labels, "round ticks, written briefly")

	changes := panels[2]
	assert.Equal(t, forest.Linear, changes.Scale)
	require.NotNil(t, changes.Null)
	assert.Equal(t, 0.0, *changes.Null, "a difference's line of no effect is 0")
	assert.LessOrEqual(t, changes.Min, -4.0)
	assert.GreaterOrEqual(t, changes.Max, 0.0, "the line of no effect is on the axis")
}

// TestLayout_Scale checks positions against the scale's definition: on a log axis, equal
// ratios lie equally far apart, and every value and interval is inside the axis.
func TestLayout_Scale(t *testing.T) {
	rows := []forest.Row{
		{ID: 1, Measure: "odds_ratio", Estimate: 0.07, Low: ptr(0.007), High: ptr(0.66), N: ptr(72)},
		{ID: 2, Measure: "odds_ratio", Estimate: 12.04, Low: ptr(2.73), High: ptr(53.04), N: ptr(72)},
	}
	p := forest.Layout(rows)[0]
	assert.InDelta(t, p.X(1)-p.X(0.5), p.X(2)-p.X(1), 1e-9, "0.5 and 2 are equally far from 1")
	assert.InDelta(t, p.X(10)-p.X(1), p.X(100)-p.X(10), 1e-9)
	assert.InDelta(t, forest.PlotLeft, p.X(p.Min), 1e-9)
	assert.InDelta(t, forest.PlotRight, p.X(p.Max), 1e-9)
	for _, r := range p.Rows {
		require.NotNil(t, r.XLow)
		assert.Greater(t, *r.XLow, forest.PlotLeft)
		assert.Less(t, *r.XHigh, forest.PlotRight)
		assert.Less(t, *r.XLow, r.X)
		assert.Less(t, r.X, *r.XHigh)
		want := forest.PlotLeft + (math.Log(r.Estimate)-math.Log(p.Min))/(math.Log(p.Max)-math.Log(p.Min))*(forest.PlotRight-forest.PlotLeft)
		assert.InDelta(t, want, r.X, 1e-9)
	}
	for _, tick := range p.Ticks {
		assert.GreaterOrEqual(t, tick.Value, p.Min)
		assert.LessOrEqual(t, tick.Value, p.Max)
	}
	var labels []string
	for _, tick := range p.Ticks {
		labels = append(labels, tick.Label)
	}
	assert.Equal(t, []string{"0.01", "0.1", "1", "10", "100"}, labels, "over four decades, one tick a decade")
}

// TestSVG checks the drawing is well-formed SVG, titled and described for assistive
// technology, with a link per row and the row's numbers in its text.
func TestSVG(t *testing.T) {
	rows := []forest.Row{
		{ID: 7, Href: "#finding-7", Source: "a-2016", Measure: "odds_ratio", Estimate: 3.9, Low: ptr(2.7), High: ptr(5.5), N: ptr(5218), Adjusted: ptr(true)},
		{ID: 8, Href: "#finding-8", Source: "b-<2020>", Measure: "odds_ratio", Estimate: 1.8, Adjusted: ptr(false)},
		{ID: 9, Href: "#finding-9", Source: "c-2021", Measure: "odds_ratio", Estimate: 2, N: ptr(40)},
	}
	svg, err := forest.SVG(forest.Layout(rows)[0], "plot-1")
	require.NoError(t, err)
	s := string(svg)
	assert.NoError(t, xml.Unmarshal([]byte(s), new(struct{})), "well-formed XML")
	assert.Contains(t, s, `<title id="plot-1-title">`)
	assert.Contains(t, s, `aria-labelledby="plot-1-title"`)
	assert.Contains(t, s, `aria-describedby="plot-1-desc"`)
	assert.Contains(t, s, `data-scale="log"`)
	assert.Contains(t, s, `class="null"`)
	assert.Equal(t, 3, strings.Count(s, `<a href="#finding-`))
	assert.Contains(t, s, "c-2021 · n=40 · adjustment not stated")
	assert.Contains(t, s, "a-2016 · n=5218 · adjusted")
	assert.Contains(t, s, "Odds ratio 3.9 (95% CI 2.7 to 5.5)")
	assert.Contains(t, s, "n not reported · unadjusted")
	assert.Contains(t, s, "Odds ratio 1.8 (no CI reported)")
	assert.Contains(t, s, "b-&lt;2020&gt;", "text is escaped")
	assert.NotContains(t, s, "style=", "no inline style: the pages' CSP forbids it")
	assert.Equal(t, 1, strings.Count(s, `class="ci"`), "only a published CI is drawn")
}

func TestNumber(t *testing.T) {
	for in, want := range map[float64]string{3.9: "3.9", 0.007: "0.007", 12.04: "12.04", 1: "1", 0: "0", math.Copysign(0, -1): "0", 1305: "1305"} {
		assert.Equal(t, want, forest.Number(in))
	}
}
