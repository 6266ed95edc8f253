package indicator

import (
	"slices"
	"strconv"
	"strings"
)

// division is the GB/T 4754 大类 of an industry code ("C2614" or "2614" → 26).
func division(code string) int {
	code = strings.TrimLeft(code, "ABCDEFGHIJKLMNOPQRST")
	if len(code) < 2 {
		return 0
	}
	n, err := strconv.Atoi(code[:2])
	if err != nil {
		return 0
	}
	return n
}

func (ev *evaluator) isManufacturing(f *firm) bool {
	d := division(f.Industry)
	m := ev.defs.Manufacturing
	return d >= m.From && d <= m.To
}

func (ev *evaluator) isHighTech(f *firm) bool {
	if ev.highTech == nil {
		ev.err = errNoHighTech
		return false
	}
	return ev.highTech.IsHighTech(f.Industry)
}

func (ev *evaluator) cluster(codes ...string) Filter {
	return Filter{"cluster", toAny(codes), func(f *firm) bool { return slices.Contains(codes, f.Cluster) }}
}

func (ev *evaluator) clusterGroup(groups ...string) Filter {
	return Filter{"cluster_group", toAny(groups), func(f *firm) bool {
		return f.Cluster != "" && slices.Contains(groups, ev.groups[f.Cluster])
	}}
}

// atLeast selects enterprises whose element is at least v (营业收入 ≥ 10000 万元).
func (ev *evaluator) atLeast(element string, v float64) Filter {
	slot := ev.frame.slot(element)
	return Filter{"at_least", []any{element, v}, func(f *firm) bool {
		x, ok := f.value(slot)
		return ok && x >= v
	}}
}

// yes selects enterprises that answered 是 (1) to a yes/no element.
func (ev *evaluator) yes(element string) Filter {
	slot := ev.frame.slot(element)
	return Filter{"yes", []any{element}, func(f *firm) bool {
		x, ok := f.value(slot)
		return ok && x == 1
	}}
}

// reported selects enterprises that reported the element at all.
func (ev *evaluator) reported(element string) Filter {
	slot := ev.frame.slot(element)
	return Filter{"reported", []any{element}, func(f *firm) bool {
		_, ok := f.value(slot)
		return ok
	}}
}

// levelRank orders tag levels (city < province < national); "" ranks lowest.
func (ev *evaluator) levelRank(level string) int {
	return slices.Index(ev.levels, level) + 1
}

// qualifies reports whether a tag is of the kind and at least the level.
func (ev *evaluator) qualifies(t tagRec, tag, minLevel string) bool {
	return t.Tag == tag && (minLevel == "" || ev.levelRank(t.Level) >= ev.levelRank(minLevel))
}

// tagged selects enterprises holding the tag at or above minLevel on the
// frame's as-of date (the period's last day): dated designations count as of a date.
func (ev *evaluator) tagged(tag, minLevel string) Filter {
	asOf := ""
	if ev.frame != nil {
		asOf = ev.frame.AsOf
	}
	return Filter{"tagged", []any{tag, minLevel}, func(f *firm) bool {
		for _, t := range f.Tags {
			if ev.qualifies(t, tag, minLevel) && t.From <= asOf && (t.To == "" || t.To >= asOf) {
				return true
			}
		}
		return false
	}}
}

// newTagged counts enterprises that first gained the tag (at or above
// minLevel) within the frame's year up to its as-of date: the yearly
// additions that a 【】 cumulative target sums.
func (ev *evaluator) newTagged(tag, minLevel string) float64 {
	yearStart := ev.frame.AsOf[:4] + "-01-01"
	n := 0
	for _, f := range ev.firms {
		first := ""
		for _, t := range f.Tags {
			if ev.qualifies(t, tag, minLevel) && (first == "" || t.From < first) {
				first = t.From
			}
		}
		if first != "" && first >= yearStart && first <= ev.frame.AsOf {
			n++
		}
	}
	ev.record("new_tagged", func() []any { return []any{tag, minLevel} }, float64(n), n, nil)
	return float64(n)
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// inRegion selects enterprises located in one of the places: the plan's
// region, any of its divisions, or a region the plan names (南昌都市圈), so
// a formula can take a sub-region's share of the whole at any level.
func (ev *evaluator) inRegion(codes ...string) Filter {
	return Filter{"in_region", toAny(codes), func(f *firm) bool {
		for _, c := range codes {
			covered, ok := ev.places[c]
			if ok && (covered == nil || covered[f.County]) {
				return true
			}
		}
		return false
	}}
}
