package stats

import "math"

// Chinese statistics report monthly flows as 1–N月累计 (year to date); the
// store keeps them that way and derives 当月 (the month alone) when needed,
// so no figure is ever typed twice. For a sum element 当月(m) = 累计(m) −
// 累计(m−1); for an average element (从业人员平均人数, reported as the 1–N月
// average) 当月(m) = m·累计(m) − (m−1)·累计(m−1). January's 当月 is its 累计.

// Derivable reports whether the element is a cumulative monthly figure whose
// 当月 value can be derived.
func (e *Element) Derivable() bool {
	return e.Cumulative && e.PeriodType == Monthly && (e.Aggregation == "sum" || e.Aggregation == "average")
}

// CurrentMonth returns the 当月 value of month (1–12) from its 累计 and the
// 累计 of the month before (ignored for January), rounded to six decimals. ok is false when the
// element is not derivable or the previous month is missing (NaN).
func (e *Element) CurrentMonth(month int, cum, prevCum float64) (float64, bool) {
	if !e.Derivable() || math.IsNaN(cum) {
		return math.NaN(), false
	}
	if month == 1 {
		return cum, true
	}
	if math.IsNaN(prevCum) {
		return math.NaN(), false
	}
	v := cum - prevCum
	if e.Aggregation == "average" {
		v = float64(month)*cum - float64(month-1)*prevCum
	}
	return roundDerived(v), true
}

// roundDerived drops the binary noise a subtraction of decimal figures
// leaves (46.8 − 0 − 1e-14): reported figures carry far fewer than six
// decimals.
func roundDerived(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// MonthsFromCumulative turns a year's 累计 series (index 0 = January, NaN =
// not reported) into 当月 values; a month whose own or previous 累计 is
// missing is NaN. This is what the indicator engine uses for monthly rates.
func (e *Element) MonthsFromCumulative(cum []float64) []float64 {
	out := make([]float64, len(cum))
	prev := math.NaN()
	for i, c := range cum {
		out[i], _ = e.CurrentMonth(i+1, c, prev)
		prev = c
	}
	return out
}

// CumulativeFromMonths is the inverse: 当月 values (index 0 = January) into
// 累计; after a missing month every later 累计 is NaN.
func (e *Element) CumulativeFromMonths(months []float64) []float64 {
	out := make([]float64, len(months))
	sum := 0.0
	for i, m := range months {
		sum += m
		out[i] = roundDerived(sum)
		if e.Aggregation == "average" {
			out[i] = roundDerived(sum / float64(i+1))
		}
	}
	return out
}
