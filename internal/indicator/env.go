package indicator

import (
	"errors"
	"math"
	"sort"
)

// HighTech says whether a GB/T 4754 小类 is high-tech manufacturing
// (高技术产业（制造业）分类（2017）). The registry owns that list; the engine
// reads it through this interface so the list lives in one place.
type HighTech interface {
	IsHighTech(industryCode string) bool
}

// errNoHighTech is returned by formulas using high_tech when no classifier is wired.
var errNoHighTech = errors.New("高技术制造业目录未配置")

// Input is one function call of a formula with its value, for explanations.
type Input struct {
	Call  string   `json:"call"`
	Value *float64 `json:"value"` // nil when there was no data
	Firms int      `json:"firms"`
	// contrib is each matching enterprise's part of a sum, kept for the
	// top contributors of the first sum.
	contrib map[int64]float64
}

// evaluator runs formulas over the enterprises of one unit in one frame.
type evaluator struct {
	frame    *frame
	firms    []*firm
	defs     *Definitions
	highTech HighTech
	groups   map[string]string          // cluster code → group (advantage, emerging, digital)
	places   map[string]map[string]bool // place code → the divisions it covers (nil: the whole region)
	levels   []string                   // tag levels, lowest first
	trace    *[]Input
	err      error
	vars     map[string]any // env, built once per evaluator
}

// env is the formula environment: functions over the unit's enterprises,
// filters and the constants added by the caller.
func (ev *evaluator) env() map[string]any {
	env := map[string]any{
		"sum":               ev.sum,
		"avg":               ev.avg,
		"count":             ev.count,
		"ratio":             ratio,
		"cagr":              CAGR,
		"new_tagged":        ev.newTagged,
		"parks_at_least":    ev.parksAtLeast,
		"clusters_at_least": ev.clustersAtLeast,
		"in_region":         ev.inRegion,
		"above_scale":       Filter{"above_scale", nil, func(f *firm) bool { return f.AboveScale }},
		"manufacturing":     Filter{"manufacturing", nil, ev.isManufacturing},
		"high_tech":         Filter{"high_tech", nil, ev.isHighTech},
		"cluster":           ev.cluster,
		"cluster_group":     ev.clusterGroup,
		"tagged":            ev.tagged,
		"at_least":          ev.atLeast,
		"yes":               ev.yes,
		"reported":          ev.reported,
	}
	if ev.defs != nil {
		for _, c := range ev.defs.Constants {
			env[c.Code] = c.Value
		}
	}
	return env
}

func matches(f *firm, filters []Filter) bool {
	for _, flt := range filters {
		if !flt.match(f) {
			return false
		}
	}
	return true
}

func filterArgs(first any, filters []Filter) []any {
	args := []any{}
	if first != nil {
		args = append(args, first)
	}
	for _, f := range filters {
		args = append(args, f)
	}
	return args
}

// record traces a call when explaining; describing the call is left until
// then, as evaluation for analytics runs hundreds of thousands of calls.
func (ev *evaluator) record(fn string, args func() []any, v float64, firms int, contrib map[int64]float64) {
	if ev.trace != nil {
		*ev.trace = append(*ev.trace, Input{Call: describe(fn, args()...), Value: finite(&v), Firms: firms, contrib: contrib})
	}
}

// sum adds an element over matching enterprises that reported it. When the
// unit's enterprises reported the element but none matches the filters the
// sum is 0 (a county whose firms report revenue but none is high-tech has
// 0 high-tech revenue, so its share is 0%); only when no enterprise of the
// unit reported the element at all is the sum unknown (NaN), not zero.
func (ev *evaluator) sum(element string, filters ...Filter) float64 {
	total, n, reported := 0.0, 0, false
	var contrib map[int64]float64
	if ev.trace != nil {
		contrib = map[int64]float64{}
	}
	slot := ev.frame.slot(element)
	for _, f := range ev.firms {
		v, ok := f.value(slot)
		reported = reported || ok
		if !ok || !matches(f, filters) {
			continue
		}
		total += v
		n++
		if contrib != nil {
			contrib[f.ID] = v
		}
	}
	if !reported {
		total = math.NaN()
	}
	ev.record("sum", func() []any { return filterArgs(element, filters) }, total, n, contrib)
	return total
}

// avg is the mean of an element over matching enterprises that reported it.
func (ev *evaluator) avg(element string, filters ...Filter) float64 {
	total, n := 0.0, 0
	slot := ev.frame.slot(element)
	for _, f := range ev.firms {
		if v, ok := f.value(slot); ok && matches(f, filters) {
			total += v
			n++
		}
	}
	v := ratio(total, float64(n))
	ev.record("avg", func() []any { return filterArgs(element, filters) }, v, n, nil)
	return v
}

// count is the number of matching enterprises.
func (ev *evaluator) count(filters ...Filter) float64 {
	n := 0
	for _, f := range ev.firms {
		if matches(f, filters) {
			n++
		}
	}
	ev.record("count", func() []any { return filterArgs(nil, filters) }, float64(n), n, nil)
	return float64(n)
}

// parksAtLeast counts the parks whose enterprises' element adds up to at
// least threshold (营业收入超500亿元产业园区).
func (ev *evaluator) parksAtLeast(element string, threshold float64, filters ...Filter) float64 {
	byPark := map[string]float64{}
	slot := ev.frame.slot(element)
	for _, f := range ev.firms {
		if v, ok := f.value(slot); ok && f.Park != "" && matches(f, filters) {
			byPark[f.Park] += v
		}
	}
	n := 0
	for _, v := range byPark {
		if v >= threshold {
			n++
		}
	}
	ev.record("parks_at_least", func() []any { return filterArgs(element, append([]Filter{{fn: fmtNum(threshold)}}, filters...)) }, float64(n), len(byPark), nil)
	return float64(n)
}

// clustersAtLeast counts the plan's clusters whose enterprises' element adds
// up to at least threshold (形成15个千亿元产业集群); enterprises in no cluster
// do not count.
func (ev *evaluator) clustersAtLeast(element string, threshold float64, filters ...Filter) float64 {
	byCluster := map[string]float64{}
	slot := ev.frame.slot(element)
	for _, f := range ev.firms {
		if v, ok := f.value(slot); ok && f.Cluster != "" && matches(f, filters) {
			byCluster[f.Cluster] += v
		}
	}
	n := 0
	for _, v := range byCluster {
		if v >= threshold {
			n++
		}
	}
	ev.record("clusters_at_least", func() []any { return filterArgs(element, append([]Filter{{fn: fmtNum(threshold)}}, filters...)) }, float64(n), len(byCluster), nil)
	return float64(n)
}

// topContributors returns the enterprises contributing most to the first
// sum of the trace, largest first.
func topContributors(trace []Input, firms []*firm, limit int) []Contributor {
	for _, in := range trace {
		if in.contrib == nil || in.Value == nil {
			continue
		}
		names := map[int64]*firm{}
		for _, f := range firms {
			names[f.ID] = f
		}
		out := make([]Contributor, 0, len(in.contrib))
		for id, v := range in.contrib {
			f := names[id]
			out = append(out, Contributor{EnterpriseID: id, Name: f.Name, County: f.County, Park: f.Park, Value: v, Share: finite(ptr(100 * ratio(v, *in.Value)))})
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Value != out[j].Value {
				return out[i].Value > out[j].Value
			}
			return out[i].EnterpriseID < out[j].EnterpriseID
		})
		if len(out) > limit {
			out = out[:limit]
		}
		return out
	}
	return nil
}

// Contributor is an enterprise's part of an indicator's first sum.
type Contributor struct {
	EnterpriseID int64    `json:"enterprise_id"`
	Name         string   `json:"name"`
	County       string   `json:"county"`
	Park         string   `json:"park,omitempty"`
	Value        float64  `json:"value"`
	Share        *float64 `json:"share_pct"`
}

func ptr(v float64) *float64 { return &v }
