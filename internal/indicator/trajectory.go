package indicator

import (
	"math"
	"strconv"
	"strings"

	"mfgplan/internal/plan"
)

// CAGR is the compound annual growth rate, in %, from a to b over years
// (年均增速): 277.3 → 479.9 over 5 years is 11.6%.
func CAGR(a, b, years float64) float64 {
	if a <= 0 || b < 0 || years <= 0 {
		return math.NaN()
	}
	return 100 * (math.Pow(b/a, 1/years) - 1)
}

// Growth is the total change from a to b, in % (56.3 → 104.9 is +86.3%).
func Growth(a, b float64) float64 {
	return 100 * ratio(b-a, a)
}

// Round rounds to n decimals, as the plan prints its figures.
func Round(v float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(v*p) / p
}

// PathValue is the level an indicator should reach in year on its way from
// baseline to target: compound (constant growth rate) for totals, linear for
// shares, as the plan file's path field says. From the target year on it is
// the target: the plan says nothing beyond its end (extrapolating a share
// gave 102.4% for 2030).
func PathValue(path string, base plan.Baseline, target float64, targetYear, year int) float64 {
	span := float64(targetYear - base.Year)
	t := float64(year - base.Year)
	if span <= 0 || year >= targetYear {
		return target
	}
	if path == "compound" && base.Value > 0 && target > 0 {
		return base.Value * math.Pow(target/base.Value, t/span)
	}
	return base.Value + (target-base.Value)*t/span
}

// Status grades an indicator against its target to date.
type Status string

const (
	Achieved    Status = "达标"
	OnTrack     Status = "正常"
	Lagging     Status = "滞后"
	Severe      Status = "严重滞后"
	NoData      Status = "无数据"
	NoTarget    Status = "无目标"
	NoReference Status = "无参照值"
)

// grading is a status with the figures behind it: completion of the target
// to date in %, how far off the band the actual is in points of the annual
// target, and on which side (-1 short, +1 past an upper limit, 0 met).
type grading struct {
	status     Status
	completion float64
	off        float64
	side       int
}

// grade compares an actual with the target to date under the target's form
// (plan.Band): met inside the band; off it, the distance to the band's
// nearer end is graded against the status rules — in points of the annual
// target, so that 序时进度 reads as points (in June a flow at 40% of its
// annual target is 10 points behind the 50% it should be at), or as a ratio.
// digits is the plan's precision for non-strict ends; < 0 compares exactly.
func grade(r StatusRules, t plan.IndicatorTarget, actual, toDate, annual float64, digits int) grading {
	band := t.BandAt(toDate)
	g := grading{side: band.Side(actual, digits), completion: 100 * ratio(actual, toDate)}
	if t.LowerIsBetter() {
		g.completion = 100 * ratio(toDate, actual)
	}
	if g.side == 0 {
		g.status = Achieved
		return g
	}
	end := band.Lo
	if g.side > 0 {
		end = band.Hi
	}
	g.off = 100 * math.Abs(actual-end) / math.Abs(annual)
	if r.Method == "ratio" {
		share := 100 * ratio(actual, end)
		if g.side > 0 {
			share = 100 * ratio(end, actual)
		}
		g.status = byRatio(r, share)
		return g
	}
	switch {
	case g.off > r.SeverePoints:
		g.status = Severe
	case g.off > r.LaggingPoints:
		g.status = Lagging
	default:
		g.status = OnTrack
	}
	return g
}

func byRatio(r StatusRules, share float64) Status {
	switch {
	case share < r.SevereRatio:
		return Severe
	case share < r.LaggingRatio:
		return Lagging
	}
	return OnTrack
}

// precision is the number of decimals the plan writes an indicator's
// baseline and target with (7.1 → 1, 0.49 → 2, 4000 → 0); a fraction has
// none, so it is compared exactly (-1).
func precision(ind *plan.Indicator) int {
	if ind.Target.Exact() {
		return -1
	}
	d := 0
	for _, v := range []*float64{ind.Target.Value, baselineValue(ind)} {
		if v == nil {
			continue
		}
		s := strconv.FormatFloat(*v, 'f', -1, 64)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			d = max(d, len(s)-i-1)
		}
	}
	return d
}

func baselineValue(ind *plan.Indicator) *float64 {
	if ind.Baseline == nil {
		return nil
	}
	return &ind.Baseline.Value
}
