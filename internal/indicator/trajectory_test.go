package indicator

import (
	"testing"

	"mfgplan/internal/plan"
)

// The seed's own arithmetic (一、发展基础 and 专栏1), to one decimal as printed.
func TestSeedArithmetic(t *testing.T) {
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"全部工业增加值 277.3→479.9 年均 (2015–2020)", CAGR(277.3, 479.9, 5), 11.6},
		{"利润 56.3→104.9 增长", Growth(56.3, 104.9), 86.3},
		{"利润 56.3→104.9 年均", CAGR(56.3, 104.9, 5), 13.3},
		{"全部工业增加值 479.9→1000 所需年均 (2020–2025)", CAGR(479.9, 1000, 5), 15.8},
	}
	for _, tt := range tests {
		if got := Round(tt.got, 1); got != tt.want {
			t.Errorf("%s = %g, want %g", tt.name, got, tt.want)
		}
	}
}

func TestPathValue(t *testing.T) {
	base := plan.Baseline{Value: 479.9, Year: 2020}
	tests := []struct {
		name, path string
		base       plan.Baseline
		target     float64
		year       int
		want       float64
	}{
		{"compound starts at the baseline", "compound", base, 1000, 2020, 479.9},
		{"compound ends at the target", "compound", base, 1000, 2025, 1000},
		{"compound grows 15.8% a year", "compound", base, 1000, 2021, 479.9 * 1.15816},
		{"linear share moves evenly", "linear", plan.Baseline{Value: 23.6, Year: 2020}, 35, 2023, 23.6 + 3*11.4/5},
		{"linear from a 2019 baseline", "linear", plan.Baseline{Value: 0.49, Year: 2019}, 1, 2021, 0.49 + 2*0.51/6},
		{"a share is not extrapolated past the target year", "linear", plan.Baseline{Value: 23.6, Year: 2020}, 35, 2030, 35},
		{"a total is not extrapolated past the target year", "compound", base, 1000, 2030, 1000},
	}
	for _, tt := range tests {
		if got := PathValue(tt.path, tt.base, tt.target, 2025, tt.year); Round(got, 2) != Round(tt.want, 2) {
			t.Errorf("%s: %g, want %g", tt.name, got, tt.want)
		}
	}
}

func TestGradeThresholds(t *testing.T) {
	points := StatusRules{Method: "points", LaggingPoints: 10, SeverePoints: 30, LaggingRatio: 80, SevereRatio: 60}
	ratio := points
	ratio.Method = "ratio"
	tests := []struct {
		name                   string
		rules                  StatusRules
		actual, toDate, annual float64
		want                   Status
	}{
		{"at target", points, 50, 50, 100, Achieved},
		{"ahead", points, 60, 50, 100, Achieved},
		{"10 points behind is still on track", points, 40, 50, 100, OnTrack},
		{"11 points behind lags", points, 39, 50, 100, Lagging},
		{"30 points behind lags", points, 20, 50, 100, Lagging},
		{"31 points behind is severe", points, 19, 50, 100, Severe},
		{"ratio 80% is on track", ratio, 40, 50, 100, OnTrack},
		{"ratio 79% lags", ratio, 39.5, 50, 100, Lagging},
		{"ratio 59% is severe", ratio, 29.5, 50, 100, Severe},
		{"equal at the plan's precision", points, 7.098, 7.1, 7.1, Achieved},
		{"below at the plan's precision", points, 7.04, 7.1, 7.1, OnTrack},
	}
	for _, tt := range tests {
		if got := grade(tt.rules, plan.IndicatorTarget{}, tt.actual, tt.toDate, tt.annual, 1); got.status != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got.status, tt.want)
		}
	}
}

// TestGradeForms grades the target forms off their bands: an upper limit is
// lagging when exceeded by more than the yellow line, a 左右 target counts
// its band, a strict fraction is not met by its rounded decimal.
func TestGradeForms(t *testing.T) {
	points := StatusRules{Method: "points", LaggingPoints: 10, SeverePoints: 30, LaggingRatio: 80, SevereRatio: 60}
	third := plan.Fraction{Num: 1, Den: 3}
	thirdPct := third.Value(true)
	v := func(x float64) *float64 { return &x }
	tests := []struct {
		name                   string
		target                 plan.IndicatorTarget
		actual, toDate, annual float64
		digits                 int
		want                   Status
		side                   int
	}{
		{"at_most met", plan.IndicatorTarget{Value: v(50), Bound: plan.AtMost}, 50, 50, 100, 0, Achieved, 0},
		{"at_most 10 points over is on track", plan.IndicatorTarget{Value: v(50), Bound: plan.AtMost}, 60, 50, 100, 0, OnTrack, 1},
		{"at_most 11 points over lags", plan.IndicatorTarget{Value: v(50), Bound: plan.AtMost}, 61, 50, 100, 0, Lagging, 1},
		{"approx within the default band", plan.IndicatorTarget{Value: v(7), Bound: plan.Approx}, 6.7, 7, 7, 1, Achieved, 0},
		{"approx 9 points below the band is on track", plan.IndicatorTarget{Value: v(7), Bound: plan.Approx}, 6.0, 7, 7, 1, OnTrack, -1},
		{"approx 16 points below the band lags", plan.IndicatorTarget{Value: v(7), Bound: plan.Approx}, 5.5, 7, 7, 1, Lagging, -1},
		{"above a third: 33.33 is short", plan.IndicatorTarget{Value: &thirdPct, Fraction: &third, Bound: plan.Above}, 33.33, thirdPct, thirdPct, -1, OnTrack, -1},
		{"above a third: 33.34 meets", plan.IndicatorTarget{Value: &thirdPct, Fraction: &third, Bound: plan.Above}, 33.34, thirdPct, thirdPct, -1, Achieved, 0},
		{"range: over the top", plan.IndicatorTarget{Value: v(6), Upper: v(8), Bound: plan.Range}, 9, 6, 6, 0, Lagging, 1},
	}
	for _, tt := range tests {
		g := grade(points, tt.target, tt.actual, tt.toDate, tt.annual, tt.digits)
		if g.status != tt.want || g.side != tt.side {
			t.Errorf("%s: %s side %d, want %s side %d", tt.name, g.status, g.side, tt.want, tt.side)
		}
	}
}
