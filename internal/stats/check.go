package stats

import (
	"fmt"
	"math"
	"strconv"
)

// Record is what one enterprise reports for one period, with the stored
// values of the two periods before it, which the cumulative and jump rules
// compare against. Missing values are absent from the maps.
type Record struct {
	Period Period
	Values map[string]float64
	Prev   map[string]float64
	Prev2  map[string]float64
}

// Finding is a rule's verdict on one value of a record.
type Finding struct {
	Rule    Rule
	Element string // the element whose cell is marked
	Detail  string // the values involved, for the user
}

// Message is the finding as users read it.
func (f Finding) Message() string {
	if f.Detail == "" {
		return f.Rule.Message
	}
	return f.Rule.Message + "（" + f.Detail + "）"
}

// Check applies every record-level rule to rec; elements lists the codes in
// the order their findings are reported (the dataset's order).
func (rs *Rules) Check(cat *Catalog, elements []string, rec Record) []Finding {
	var out []Finding
	for _, r := range rs.Rules {
		switch r.Kind {
		case RuleCompare:
			out = append(out, r.compare(cat, rec)...)
		case RuleNonNegative, RuleMax, RuleCumulative, RuleJump:
			for _, code := range elements {
				if f, ok := r.checkElement(cat.Element(code), rec); ok {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

func (r Rule) compare(cat *Catalog, rec Record) []Finding {
	a, okA := rec.Values[r.Left]
	b, okB := rec.Values[r.Right]
	if !okA || !okB || compareOps[r.Op](a, b) {
		return nil
	}
	l, rt := cat.Element(r.Left), cat.Element(r.Right)
	return []Finding{{Rule: r, Element: r.Left, Detail: fmt.Sprintf("%s %s%s，%s %s%s", l.Name, num(a), l.Unit, rt.Name, num(b), rt.Unit)}}
}

// checkElement applies a single-element rule to el's value in rec.
func (r Rule) checkElement(el *Element, rec Record) (Finding, bool) {
	v, ok := rec.Values[el.Code]
	if !ok {
		return Finding{}, false
	}
	// Details are formatted only for findings: most values pass.
	f := Finding{Rule: r, Element: el.Code}
	switch r.Kind {
	case RuleNonNegative:
		if v >= 0 || el.AllowNegative {
			return f, false
		}
		f.Detail = fmt.Sprintf("%s为 %s", el.Name, num(v))
	case RuleMax:
		if el.Max == nil || v <= *el.Max {
			return f, false
		}
		f.Detail = fmt.Sprintf("%s为 %s%s，最大 %s%s", el.Name, num(v), el.Unit, num(*el.Max), el.Unit)
	case RuleCumulative:
		prev, okP := rec.Prev[el.Code]
		if !okP || rec.Period.Type != Monthly || rec.Period.Index == 1 || !el.Cumulative || el.Aggregation != "sum" || el.AllowNegative || v >= prev-1e-9 {
			return f, false
		}
		f.Detail = fmt.Sprintf("%s 本月累计 %s，上月累计 %s", el.Name, num(v), num(prev))
	case RuleJump:
		return r.jump(el, rec)
	default:
		return f, false
	}
	return f, true
}

// jump compares the period's own value with the previous period's: for a
// cumulative element both are 当月 values derived from 累计, so that the
// year-to-date growth of 累计 is not mistaken for a jump.
func (r Rule) jump(el *Element, rec Record) (Finding, bool) {
	cur, okC := rec.Values[el.Code]
	prev, okP := rec.Prev[el.Code]
	if !okC || !okP || el.ValueType == Bool {
		return Finding{}, false
	}
	label := "本期"
	if el.Derivable() && rec.Period.Type == Monthly {
		prevPrev, ok := rec.Prev2[el.Code]
		if !ok {
			prevPrev = math.NaN()
		}
		p := rec.Period.Prev()
		c, ok1 := el.CurrentMonth(rec.Period.Index, cur, prev)
		pm, ok2 := el.CurrentMonth(p.Index, prev, prevPrev)
		if !ok1 || !ok2 {
			return Finding{}, false
		}
		cur, prev, label = c, pm, "当月"
	}
	if jumpRatio(cur, prev) <= r.Threshold {
		return Finding{}, false
	}
	return Finding{Rule: r, Element: el.Code, Detail: fmt.Sprintf("%s %s %s%s，上期 %s%s", el.Name, label, num(cur), el.Unit, num(prev), el.Unit)}, true
}

// num formats a value without trailing zeros.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
