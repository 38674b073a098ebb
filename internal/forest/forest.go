// Package forest lays out and draws forest plots: one row per effect estimate, a point and its
// confidence interval on a common axis, beside the line of no effect. Ratios (odds, hazard and
// risk ratios) are drawn on a log scale, so that 0.5 and 2 lie equally far from 1; every other
// measure on a linear one. A plot whose rows mix scales is drawn as one panel per scale.
//
// The plots are inline SVG for pages served under a strict Content-Security-Policy: no script,
// no style attribute, presentation attributes and classes only.
package forest

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Row is one effect estimate, as its source published it.
type Row struct {
	ID       int64  // the finding's id, unique in a plot
	Href     string // where the finding is shown in full
	Source   string
	Measure  string // one of the knowledge base's measures, such as odds_ratio
	Estimate float64
	Low      *float64 // the 95% confidence interval, when published
	High     *float64
	N        *int  // patients studied
	Adjusted *bool // whether the estimate is adjusted for other factors; nil when not stated
}

// Scale is how values map onto an axis.
type Scale string

const (
	Log    Scale = "log"
	Linear Scale = "linear"
)

// kind groups measures that share an axis: the same scale and the same meaning of a value.
type kind struct {
	order int
	scale Scale
	title string
	null  *float64 // the line of no effect, nil where a value has no such line (a proportion)
}

var (
	one, zero = 1.0, 0.0
	ratios    = kind{0, Log, "Ratio (odds, hazard or risk ratio), log scale", &one}
	fractions = kind{1, Linear, "Proportion, accuracy or agreement, linear scale", nil}
	changes   = kind{2, Linear, "Difference, linear scale", &zero}
)

// kinds gives each measure its axis; a measure not listed is drawn on a linear axis of its own.
var kinds = map[string]kind{
	"odds_ratio": ratios, "hazard_ratio": ratios, "risk_ratio": ratios,
	"proportion": fractions, "frequency_comparison": fractions, "sensitivity": fractions,
	"specificity": fractions, "icc": fractions, "kappa": fractions,
	"median_change": changes,
}

func kindOf(measure string) kind {
	if k, ok := kinds[measure]; ok {
		return k
	}
	return kind{order: 3, scale: Linear, title: MeasureName(measure) + ", linear scale"}
}

// MeasureName is a measure as a reader would name it.
func MeasureName(measure string) string {
	names := map[string]string{
		"odds_ratio": "Odds ratio", "hazard_ratio": "Hazard ratio", "risk_ratio": "Risk ratio",
		"proportion": "Proportion", "frequency_comparison": "Frequency (vs comparison group)",
		"sensitivity": "Sensitivity", "specificity": "Specificity", "icc": "Intraclass correlation",
		"kappa": "Cohen's kappa", "median_change": "Median change",
	}
	if n, ok := names[measure]; ok {
		return n
	}
	return measure
}

// Geometry of a panel, in SVG user units; the SVG scales to its container's width.
const (
	Width      = 440.0
	PlotLeft   = 12.0
	PlotRight  = 428.0
	rowHeight  = 64.0
	top        = 8.0
	axisHeight = 58.0
)

// Panel is one axis and the rows drawn on it, laid out.
type Panel struct {
	Title    string
	Scale    Scale
	Min, Max float64  // the axis's domain, drawn from PlotLeft to PlotRight
	Null     *float64 // the line of no effect, if the measures have one
	Ticks    []Tick
	Rows     []Placed
	Height   float64
}

// Tick is a labelled value on the axis.
type Tick struct {
	Value float64
	X     float64
	Label string
}

// Placed is a row with its coordinates.
type Placed struct {
	Row
	Y           float64 // the whisker's line
	LabelY      float64 // the baseline of the row's label, above the whisker
	ValueY      float64 // the baseline of its numbers, between the two
	X           float64
	XLow, XHigh *float64
}

// Layout sorts rows by study size, largest first (rows without a size last, then by id), and
// lays them out in panels, one per scale and meaning of the measures, ratios first.
func Layout(rows []Row) []Panel {
	groups := map[kind][]Row{}
	for _, r := range rows {
		k := kindOf(r.Measure)
		groups[k] = append(groups[k], r)
	}
	keys := make([]kind, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b kind) int {
		if a.order != b.order {
			return a.order - b.order
		}
		return strings.Compare(a.title, b.title)
	})
	panels := make([]Panel, 0, len(keys))
	for _, k := range keys {
		panels = append(panels, layoutPanel(k, groups[k]))
	}
	return panels
}

func bySize(a, b Row) int {
	switch {
	case a.N != nil && b.N != nil && *a.N != *b.N:
		return *b.N - *a.N
	case a.N != nil && b.N == nil:
		return -1
	case a.N == nil && b.N != nil:
		return 1
	case a.ID < b.ID:
		return -1
	case a.ID > b.ID:
		return 1
	}
	return 0
}

func layoutPanel(k kind, rows []Row) Panel {
	rows = slices.Clone(rows)
	slices.SortFunc(rows, bySize)
	p := Panel{Title: k.title, Scale: k.scale, Null: k.null}
	p.Min, p.Max = domain(k, rows)
	p.Ticks = ticks(p)
	for i, r := range rows {
		y0 := top + float64(i)*rowHeight
		pr := Placed{Row: r, LabelY: y0 + 17, ValueY: y0 + 36, Y: y0 + 50, X: p.X(r.Estimate)}
		if r.Low != nil && r.High != nil {
			lo, hi := p.X(*r.Low), p.X(*r.High)
			pr.XLow, pr.XHigh = &lo, &hi
		}
		p.Rows = append(p.Rows, pr)
	}
	p.Height = top + float64(len(rows))*rowHeight + axisHeight
	return p
}

// transform is the scale's mapping before the linear step onto the plot's width.
func (p Panel) transform(v float64) float64 {
	if p.Scale == Log {
		return math.Log10(v)
	}
	return v
}

// X is where v lies on the panel's axis.
func (p Panel) X(v float64) float64 {
	lo, hi := p.transform(p.Min), p.transform(p.Max)
	return PlotLeft + (p.transform(v)-lo)/(hi-lo)*(PlotRight-PlotLeft)
}

// domain covers every estimate and interval and the line of no effect, with a margin, so
// that nothing is cut off; fractions keep their natural range of 0 to 1 where they fit in it.
func domain(k kind, rows []Row) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	add := func(v float64) { lo, hi = math.Min(lo, v), math.Max(hi, v) }
	for _, r := range rows {
		add(r.Estimate)
		if r.Low != nil {
			add(*r.Low)
		}
		if r.High != nil {
			add(*r.High)
		}
	}
	if k.null != nil {
		add(*k.null)
	}
	if k.scale == Log {
		// Ratios are positive; the margin is a fraction of the span in decades.
		l, h := math.Log10(lo), math.Log10(hi)
		m := math.Max((h-l)*0.08, 0.1)
		return math.Pow(10, l-m), math.Pow(10, h+m)
	}
	if k == fractions && lo >= 0 && hi <= 1 {
		return 0, 1
	}
	m := math.Max((hi-lo)*0.08, 0.5)
	return lo - m, hi + m
}

// ticks are round values inside the domain: 1-2-5 steps (or fewer) on a log axis, and about
// five even steps on a linear one.
func ticks(p Panel) []Tick {
	var values []float64
	if p.Scale == Log {
		// Fewer ticks a decade the more decades the axis spans, so that labels never collide.
		multiples := []float64{1, 2, 5}
		switch decades := math.Log10(p.Max / p.Min); {
		case decades > 3:
			multiples = []float64{1}
		case decades > 1.5:
			multiples = []float64{1, 5}
		}
		for e := math.Floor(math.Log10(p.Min)); e <= math.Ceil(math.Log10(p.Max)); e++ {
			for _, m := range multiples {
				v := round(m*math.Pow(10, e), math.Pow(10, e))
				if v >= p.Min && v <= p.Max {
					values = append(values, v)
				}
			}
		}
	} else {
		step := niceStep((p.Max - p.Min) / 5)
		for k := math.Ceil(p.Min / step); k*step <= p.Max+step*1e-9; k++ {
			values = append(values, round(k*step, step))
		}
	}
	out := make([]Tick, len(values))
	for i, v := range values {
		out[i] = Tick{Value: v, X: p.X(v), Label: Number(v)}
	}
	return out
}

// round removes the binary noise of multiplying by step (0.6000000000000001), keeping the
// decimals that step has and one more.
func round(v, step float64) float64 {
	decimals := max(0, 1-int(math.Floor(math.Log10(step))))
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', decimals, 64), 64)
	return r
}

func niceStep(raw float64) float64 {
	e := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*e >= raw {
			return m * e
		}
	}
	return 10 * e
}

// Number writes a value as briefly as it can be read back exactly.
func Number(v float64) string {
	if v == 0 {
		return "0" // not "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

//go:embed forest.svg.tmpl
var svgTemplate string

var svg = template.Must(template.New("forest").Funcs(template.FuncMap{
	"num":     Number,
	"coord":   func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) },
	"add":     func(a, b float64) float64 { return a + b },
	"label":   Label,
	"summary": Summary,
	"deref":   func(v *float64) float64 { return *v },
}).Parse(svgTemplate))

// SVG draws the panel as an inline SVG element; id must be unique in the page, as the
// SVG's title and description are referred to by id.
func SVG(p Panel, id string) (template.HTML, error) {
	var buf bytes.Buffer
	err := svg.Execute(&buf, struct {
		Panel
		ID                       string
		PlotLeft, PlotRight, Mid float64
		Width, AxisY, ViewBy     float64
	}{p, id, PlotLeft, PlotRight, (PlotLeft + PlotRight) / 2, Width, p.Height - axisHeight + 4, p.Height})
	if err != nil {
		return "", fmt.Errorf("draw forest plot: %w", err)
	}
	return template.HTML(buf.String()), nil
}

// Label is a row's label: its source, its size and whether it was adjusted, each said even
// when the source does not say it.
func Label(r Row) string {
	s := r.Source
	if r.N != nil {
		s += " · n=" + strconv.Itoa(*r.N)
	} else {
		s += " · n not reported"
	}
	switch {
	case r.Adjusted == nil:
		s += " · adjustment not stated"
	case *r.Adjusted:
		s += " · adjusted"
	default:
		s += " · unadjusted"
	}
	return s
}

// Summary is a row's estimate in words and numbers, e.g. "Odds ratio 3.9 (95% CI 2.7 to 5.5)".
func Summary(r Row) string {
	s := MeasureName(r.Measure) + " " + Number(r.Estimate)
	if r.Low != nil && r.High != nil {
		return s + " (95% CI " + Number(*r.Low) + " to " + Number(*r.High) + ")"
	}
	return s + " (no CI reported)"
}
