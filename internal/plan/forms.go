package plan

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"

	"mfgplan/internal/datafile"
)

// Bound says how an actual is compared with a target value; it is the
// plan's own wording turned into a rule. The empty bound is Reach.
type Bound string

const (
	// Reach is 达到 (or a bare figure): met when the actual is at least the
	// target, compared at the precision the plan writes the target with.
	Reach Bound = "reach"
	// AtLeast is 以上 / 不低于: met from the target on, inclusive.
	AtLeast Bound = "at_least"
	// Above is 超过 / 高于: met only strictly above the target, compared
	// unrounded (33.33% is not 超过三分之一).
	Above Bound = "above"
	// AtMost is 以内 / 不超过 / 不高于: met up to the target, inclusive.
	AtMost Bound = "at_most"
	// Below is 低于 / 少于: met only strictly below the target, unrounded.
	Below Bound = "below"
	// Approx is 左右: met from target − tolerance on. Above the band it is
	// still met (the plan's 预期性 targets are floors in practice) and the
	// reason says the actual is above the band.
	Approx Bound = "approx"
	// Range is a span "value–upper" (6%–8%): met inside it, inclusive.
	Range Bound = "range"
)

// Fraction is a target written as a fraction (三分之一), kept exact so that
// a rounded decimal never stands in for it.
type Fraction struct {
	Num int `json:"num"`
	Den int `json:"den"`
}

// ParseFraction reads "1/3".
func ParseFraction(s string) (Fraction, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	num, err1 := strconv.Atoi(strings.TrimSpace(a))
	den, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || num <= 0 || den <= 0 {
		return Fraction{}, fmt.Errorf("fraction %q must be written num/den with positive whole numbers, e.g. 1/3", s)
	}
	return Fraction{Num: num, Den: den}, nil
}

// Value is the fraction in a unit: a share in percent is 100·num/den.
func (f Fraction) Value(percent bool) float64 {
	v := float64(f.Num) / float64(f.Den)
	if percent {
		v *= 100
	}
	return v
}

var chineseDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// Chinese writes the fraction as the plan does: 1/3 → 三分之一.
func (f Fraction) Chinese() string {
	if f.Num <= 10 && f.Den <= 10 {
		return chineseDigits[f.Den] + "分之" + chineseDigits[f.Num]
	}
	return fmt.Sprintf("%d/%d", f.Num, f.Den)
}

// formDefaults are the documented defaults of the target forms
// (target_forms.yaml), each with its source.
type formDefaults struct {
	Approx struct {
		RelativeTolerance float64 `yaml:"relative_tolerance"`
		Source            string  `yaml:"source"`
	} `yaml:"approx"`
}

//go:embed target_forms.yaml
var targetFormsYAML []byte

// DefaultApproxTolerance is the share of the target value that 左右 allows
// on either side when the plan gives no tolerance (target_forms.yaml).
func DefaultApproxTolerance() (float64, string) {
	var d formDefaults
	if err := datafile.Decode("target_forms.yaml", targetFormsYAML, &d); err != nil {
		panic(fmt.Sprintf("target_forms.yaml is embedded and must decode: %v", err))
	}
	return d.Approx.RelativeTolerance, d.Approx.Source
}

// Band is the span of actuals that meets a target whose value to date is
// want. Lo and Hi are ±Inf where the side is open; LoStrict and HiStrict say
// the end itself does not meet it.
type Band struct {
	Lo, Hi             float64
	LoStrict, HiStrict bool
}

// BandAt turns a target's bound into the band that meets want, the target's
// value to date (the path value, or the target itself at the end).
func (t IndicatorTarget) BandAt(want float64) Band {
	inf := math.Inf(1)
	switch t.Bound {
	case Above:
		return Band{Lo: want, Hi: inf, LoStrict: true}
	case AtMost:
		return Band{Lo: -inf, Hi: want}
	case Below:
		return Band{Lo: -inf, Hi: want, HiStrict: true}
	case Approx:
		return Band{Lo: want - t.ToleranceAt(want), Hi: inf}
	case Range:
		width := 0.0
		if t.Upper != nil && t.Value != nil {
			width = *t.Upper - *t.Value
		}
		return Band{Lo: want, Hi: want + width}
	}
	return Band{Lo: want, Hi: inf}
}

// ToleranceAt is the half-width of a 左右 band around want: the plan's
// tolerance where it gives one, else the documented default share of want.
func (t IndicatorTarget) ToleranceAt(want float64) float64 {
	if t.Tolerance != nil {
		return *t.Tolerance
	}
	share, _ := DefaultApproxTolerance()
	return math.Abs(want) * share
}

// Side says where an actual stands against a band: -1 short of it (below
// Lo), 0 inside, +1 past it (above Hi). Non-strict ends compare at digits
// decimals, the precision the plan writes the target with (7.098 reaches a
// target printed 7.1); strict ends and exact targets (digits < 0, fractions)
// compare unrounded.
func (b Band) Side(actual float64, digits int) int {
	lo, hi, a := b.Lo, b.Hi, actual
	round := func(v float64) float64 {
		if digits < 0 || math.IsInf(v, 0) {
			return v
		}
		p := math.Pow(10, float64(digits))
		return math.Round(v*p) / p
	}
	switch {
	case b.LoStrict && !(a > lo):
		return -1
	case !b.LoStrict && round(a) < round(lo):
		return -1
	case b.HiStrict && !(a < hi):
		return 1
	case !b.HiStrict && round(a) > round(hi):
		return 1
	}
	return 0
}

// LowerIsBetter reports whether the target is an upper limit, so that being
// behind means being above it.
func (t IndicatorTarget) LowerIsBetter() bool {
	return t.Bound == AtMost || t.Bound == Below
}

// Exact reports whether the target must be compared unrounded: a fraction
// has no decimal precision of its own.
func (t IndicatorTarget) Exact() bool { return t.Fraction != nil }
