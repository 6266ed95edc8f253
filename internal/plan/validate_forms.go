package plan

import "fmt"

// resolveTargets fills each target's Fraction and Value from the fraction
// the file writes, in the indicator's unit (a share in % gets 100·num/den).
// Problems are left to Validate, which reports them with their path.
func resolveTargets(p *Plan) {
	percent := map[string]bool{}
	for _, u := range p.Units {
		percent[u.Code] = u.Kind == "percent"
	}
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		for t := &ind.Target; t != nil; t = t.Stretch {
			if t.FractionText == "" || t.Value != nil {
				continue
			}
			if f, err := ParseFraction(t.FractionText); err == nil {
				v := f.Value(percent[ind.Unit])
				t.Fraction, t.Value = &f, &v
			}
		}
	}
}

var bounds = map[Bound]bool{"": true, Reach: true, AtLeast: true, Above: true, AtMost: true, Below: true, Approx: true, Range: true}

// checkTargetForm checks the form of a target: a known bound, a tolerance
// only for 左右, an upper end only for a range and above its lower end, a
// fraction instead of (not beside) a value, and a stretch target that goes
// further than the base target in the direction the bound counts as better.
func (c *checker) checkTargetForm(at string, t IndicatorTarget, unitKind string) {
	if !bounds[t.Bound] {
		c.add(at+".bound", "bound %q must be reach, at_least, above, at_most, below, approx or range", t.Bound)
	}
	if t.Tolerance != nil && (t.Bound != Approx || *t.Tolerance <= 0) {
		c.add(at+".tolerance", "a tolerance belongs to an approx (左右) target and must be positive")
	}
	switch {
	case t.Bound == Range && (t.Upper == nil || t.Value == nil || *t.Upper <= *t.Value):
		c.add(at+".upper", "a range target needs an upper end above its value")
	case t.Bound != Range && t.Upper != nil:
		c.add(at+".upper", "only a range target has an upper end")
	}
	if t.FractionText != "" {
		if _, err := ParseFraction(t.FractionText); err != nil {
			c.add(at+".fraction", "%v", err)
		} else if t.Fraction == nil {
			c.add(at+".fraction", "write the target either as a value or as a fraction, not both")
		}
	}
	if t.Kind == KindIncrement && unitKind != "percent" {
		c.add(at+".kind", "an increment target counts percentage points, so its indicator's unit must be a percent")
	}
	if t.Kind == KindIncrement && t.Value != nil && *t.Value == 0 {
		c.add(at+".value", "an increment of 0 percentage points a year is no target")
	}
	c.checkStretch(at, t, unitKind)
}

func (c *checker) checkStretch(at string, t IndicatorTarget, unitKind string) {
	s := t.Stretch
	if s == nil {
		return
	}
	at += ".stretch"
	switch {
	case t.Kind == KindExternal || t.Kind == KindPending:
		c.add(at, "a %s target has no stretch target", t.Kind)
		return
	case s.Stretch != nil:
		c.add(at+".stretch", "a stretch target has no stretch target of its own")
	case s.Kind == KindExternal || s.Kind == KindPending:
		c.add(at+".kind", "a stretch target needs a value of its own")
	case s.Value == nil:
		c.add(at+".value", "a stretch target (力争/争创) needs a value")
	}
	c.checkTargetForm(at, *s, unitKind)
	if s.Value == nil || t.Value == nil || (s.Kind != "" && s.Kind != t.Kind) {
		return
	}
	further := *s.Value > *t.Value
	if t.LowerIsBetter() {
		further = *s.Value < *t.Value
	}
	if !further {
		c.add(at+".value", "the stretch target %g does not go beyond the target %g", *s.Value, *t.Value)
	}
}

// StretchOf is the stretch target with the base target's kind and year
// filled in where the file leaves them out.
func (t IndicatorTarget) StretchOf() *IndicatorTarget {
	if t.Stretch == nil {
		return nil
	}
	s := *t.Stretch
	if s.Kind == "" {
		s.Kind = t.Kind
	}
	if s.Year == 0 {
		s.Year = t.Year
	}
	return &s
}

func unitKinds(p *Plan) map[string]string {
	out := make(map[string]string, len(p.Units))
	for _, u := range p.Units {
		out[u.Code] = u.Kind
	}
	return out
}

// describeBound adds the plan's wording of a bound to a figure.
func describeBound(b Bound, fig string, upper string) string {
	switch b {
	case AtLeast:
		return fig + "以上"
	case Above:
		return "超过" + fig
	case AtMost:
		return fig + "以内"
	case Below:
		return "低于" + fig
	case Approx:
		return fig + "左右"
	case Range:
		return fig + "—" + upper
	}
	return fig
}

// Describe writes a target in the plan's Chinese (年均增长7%左右，
// 超过三分之一，13000亿元，争创15000亿元); the plan's own Text wins.
func (t IndicatorTarget) Describe(unit string) string {
	if t.Text != "" {
		return t.Text
	}
	return t.describe(unit, false)
}

func (t IndicatorTarget) describe(unit string, stretch bool) string {
	if t.Kind == KindExternal {
		return t.External
	}
	if t.Kind == KindPending || t.Value == nil {
		return "待定"
	}
	fig := fmt.Sprintf("%g%s", *t.Value, unit)
	if t.Fraction != nil {
		fig = t.Fraction.Chinese()
	}
	upper := ""
	if t.Upper != nil {
		upper = fmt.Sprintf("%g%s", *t.Upper, unit)
	}
	prefix := map[TargetKind]string{KindGrowth: "年均增长", KindCumulative: "累计", KindIncrement: "年均提高"}[t.Kind]
	if t.Kind == KindIncrement {
		fig = fmt.Sprintf("%g个百分点", *t.Value)
	}
	out := prefix + describeBound(t.Bound, fig, upper)
	if stretch {
		return "力争" + out
	}
	if s := t.StretchOf(); s != nil {
		out += "，" + s.describe(unit, true)
	}
	return out
}
