package plan

import (
	"math"
	"strings"
	"testing"
)

func num(v float64) *float64 { return &v }

// TestBandSideAtBoundaries grades each bound just short of, at and just
// past its end, as the status rule is documented in forms.go.
func TestBandSideAtBoundaries(t *testing.T) {
	third := Fraction{1, 3}
	thirdPct := third.Value(true)
	tests := []struct {
		name   string
		target IndicatorTarget
		want   float64 // the target to date
		digits int
		actual float64
		side   int
	}{
		{"reach: at the target", IndicatorTarget{Value: num(8)}, 8, 0, 8, 0},
		{"reach: rounds to the target's precision", IndicatorTarget{Value: num(7.1)}, 7.1, 1, 7.05, 0},
		{"reach: short after rounding", IndicatorTarget{Value: num(7.1)}, 7.1, 1, 7.04, -1},
		{"reach: far past is met", IndicatorTarget{Value: num(8)}, 8, 0, 80, 0},
		{"at_least: inclusive", IndicatorTarget{Value: num(53), Bound: AtLeast}, 53, 0, 53, 0},
		{"at_least: short", IndicatorTarget{Value: num(53), Bound: AtLeast}, 53, 1, 52.94, -1},
		{"above: the end itself is short", IndicatorTarget{Value: num(7), Bound: Above}, 7, 0, 7, -1},
		{"above: is unrounded", IndicatorTarget{Value: num(7), Bound: Above}, 7, 0, 7.001, 0},
		{"above 1/3: 33.33% is not above a third", IndicatorTarget{Value: &thirdPct, Fraction: &third, Bound: Above}, thirdPct, -1, 33.33, -1},
		{"above 1/3: 33.334% is", IndicatorTarget{Value: &thirdPct, Fraction: &third, Bound: Above}, thirdPct, -1, 33.334, 0},
		{"reach 1/3 exactly: 33.333% is short", IndicatorTarget{Value: &thirdPct, Fraction: &third}, thirdPct, -1, 33.333, -1},
		{"at_most: inclusive", IndicatorTarget{Value: num(0.5), Bound: AtMost}, 0.5, 1, 0.5, 0},
		{"at_most: over", IndicatorTarget{Value: num(0.5), Bound: AtMost}, 0.5, 1, 0.56, 1},
		{"at_most: under is met", IndicatorTarget{Value: num(0.5), Bound: AtMost}, 0.5, 1, 0.1, 0},
		{"below: the end itself is over", IndicatorTarget{Value: num(10), Bound: Below}, 10, 0, 10, 1},
		{"below: just under", IndicatorTarget{Value: num(10), Bound: Below}, 10, 0, 9.999, 0},
		{"approx: 7%左右 meets at 6.65 (default 5%)", IndicatorTarget{Value: num(7), Bound: Approx}, 7, 2, 6.65, 0},
		{"approx: 6.64 is short", IndicatorTarget{Value: num(7), Bound: Approx}, 7, 2, 6.64, -1},
		{"approx: above the band is met", IndicatorTarget{Value: num(7), Bound: Approx}, 7, 2, 9, 0},
		{"approx: plan tolerance 0.5 meets 6.5", IndicatorTarget{Value: num(7), Bound: Approx, Tolerance: num(0.5)}, 7, 1, 6.5, 0},
		{"approx: plan tolerance 0.5, 6.4 short", IndicatorTarget{Value: num(7), Bound: Approx, Tolerance: num(0.5)}, 7, 1, 6.4, -1},
		{"range: lower end", IndicatorTarget{Value: num(6), Upper: num(8), Bound: Range}, 6, 0, 6, 0},
		{"range: upper end", IndicatorTarget{Value: num(6), Upper: num(8), Bound: Range}, 6, 0, 8, 0},
		{"range: past the upper end", IndicatorTarget{Value: num(6), Upper: num(8), Bound: Range}, 6, 1, 8.1, 1},
		{"range: short of the lower end", IndicatorTarget{Value: num(6), Upper: num(8), Bound: Range}, 6, 1, 5.9, -1},
		{"range on a path keeps its width", IndicatorTarget{Value: num(6), Upper: num(8), Bound: Range}, 5, 1, 7, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.target.BandAt(tt.want).Side(tt.actual, tt.digits); got != tt.side {
				t.Errorf("side = %d, want %d (band %+v)", got, tt.side, tt.target.BandAt(tt.want))
			}
		})
	}
}

func TestDefaultToleranceHasSource(t *testing.T) {
	share, src := DefaultApproxTolerance()
	if share != 0.05 || !strings.Contains(src, "[U]") {
		t.Errorf("default tolerance %v (%q): want 0.05 with its [U] source", share, src)
	}
}

func TestDescribe(t *testing.T) {
	third := Fraction{1, 3}
	tests := []struct {
		target IndicatorTarget
		unit   string
		want   string
	}{
		{IndicatorTarget{Kind: KindGrowth, Value: num(7), Bound: Approx}, "%", "年均增长7%左右"},
		{IndicatorTarget{Kind: KindLevel, Value: num(13000), Stretch: &IndicatorTarget{Value: num(15000)}}, "亿元", "13000亿元，力争15000亿元"},
		{IndicatorTarget{Kind: KindLevel, Value: num(100.0 / 3), Fraction: &third, Bound: Above}, "%", "超过三分之一"},
		{IndicatorTarget{Kind: KindIncrement, Value: num(1), Bound: AtLeast, Stretch: &IndicatorTarget{Kind: KindLevel, Value: num(28)}}, "%", "年均提高1个百分点以上，力争28%"},
		{IndicatorTarget{Kind: KindCumulative, Value: num(1500)}, "亿元", "累计1500亿元"},
		{IndicatorTarget{Kind: KindLevel, Value: num(6), Upper: num(8), Bound: Range}, "%", "6%—8%"},
		{IndicatorTarget{Kind: KindPending}, "%", "待定"},
		{IndicatorTarget{Kind: KindExternal, External: "全省平均"}, "%", "全省平均"},
		{IndicatorTarget{Kind: KindLevel, Value: num(53), Bound: AtLeast, Text: "53%以上"}, "%", "53%以上"},
	}
	for _, tt := range tests {
		if got := tt.target.Describe(tt.unit); got != tt.want {
			t.Errorf("Describe = %q, want %q", got, tt.want)
		}
	}
}

func TestParseFraction(t *testing.T) {
	f, err := ParseFraction(" 1/4 ")
	if err != nil || f.Value(true) != 25 || f.Chinese() != "四分之一" {
		t.Errorf("1/4 → %+v %v", f, err)
	}
	for _, bad := range []string{"1/0", "a/3", "1:3", "-1/3", "1/"} {
		if _, err := ParseFraction(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := (Fraction{1, 3}).Value(false); math.Abs(got-1.0/3) > 1e-15 {
		t.Errorf("1/3 of a count = %v", got)
	}
}

// TestParseTargetForms loads the minimal plan with each form written in
// YAML, and breaks each form one way to check its located problem.
func TestParseTargetForms(t *testing.T) {
	base := readMinimal(t)
	share := "target: {kind: external, external: 全省平均, year: 2025}"
	ok := []struct{ name, target string }{
		{"fraction above", "target: {kind: level, fraction: 1/3, bound: above, year: 2025}"},
		{"increment with a stretch level", "target: {kind: increment, value: 1, bound: at_least, year: 2025, stretch: {kind: level, value: 28}}"},
		{"approx with a tolerance", "target: {kind: level, value: 30, bound: approx, tolerance: 1, year: 2025}"},
		{"range", "target: {kind: level, value: 30, upper: 35, bound: range, year: 2025}"},
		{"pending", "target: {kind: pending, year: 2025}"},
	}
	for _, tt := range ok {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Parse("m.yaml", []byte(strings.Replace(base, share, tt.target, 1)))
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "fraction above" {
				tg := l.Plan.Indicators[1].Target
				if tg.Fraction == nil || math.Abs(*tg.Value-100.0/3) > 1e-9 {
					t.Errorf("fraction not resolved: %+v", tg)
				}
			}
		})
	}
	bad := []struct{ name, target, msg string }{
		{"unknown bound", "target: {kind: level, value: 30, bound: roughly, year: 2025}", "bound \"roughly\""},
		{"tolerance without approx", "target: {kind: level, value: 30, tolerance: 1, year: 2025}", "tolerance belongs"},
		{"range without upper", "target: {kind: level, value: 30, bound: range, year: 2025}", "upper end"},
		{"value and fraction", "target: {kind: level, value: 30, fraction: 1/3, year: 2025}", "not both"},
		{"bad fraction", "target: {kind: level, fraction: 1/0, year: 2025}", "num/den"},
		{"stretch short of the target", "target: {kind: level, value: 30, year: 2025, stretch: {value: 28}}", "does not go beyond"},
		{"stretch without value", "target: {kind: level, value: 30, year: 2025, stretch: {kind: level}}", "needs a value"},
		{"pending with a value", "target: {kind: pending, value: 3, year: 2025}", "pending"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("m.yaml", []byte(strings.Replace(base, share, tt.target, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), "m.yaml:24") {
				t.Errorf("error %v, want m.yaml:24 … %q", err, tt.msg)
			}
		})
	}
	inc := strings.Replace(base, "target: {kind: level, value: 200, year: 2025}", "target: {kind: increment, value: 1, year: 2025}", 1)
	if _, err := Parse("m.yaml", []byte(inc)); err == nil || !strings.Contains(err.Error(), "must be a percent") {
		t.Errorf("increment on an amount: %v", err)
	}
}
