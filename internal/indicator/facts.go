package indicator

import (
	"fmt"

	"mfgplan/internal/stats"
)

// Observed is one stored figure: an analytics value or a region value.
type Observed struct {
	Value   *float64
	Firms   int
	Missing string
	Source  string
}

// Facts are the stored figures of one unit: its analytics rows and the
// region values of its org unit and of the city (external references).
type Facts struct {
	Basis     Basis
	Analytics map[string]map[string]Observed // indicator → period → value
	Region    map[string]map[string]Observed // org|element → period → value
}

// NewFacts are a unit's figures in basis b, empty until PutAnalytics and PutRegion fill them.
func NewFacts(b Basis) *Facts {
	return &Facts{Basis: b, Analytics: map[string]map[string]Observed{}, Region: map[string]map[string]Observed{}}
}

// PutAnalytics records an indicator's analytics value in a period.
func (f *Facts) PutAnalytics(code, period string, ob Observed) { put(f.Analytics, code, period, ob) }

// PutRegion records a region value entered for an org unit in a period.
func (f *Facts) PutRegion(org, element, period string, ob Observed) {
	put(f.Region, org+"|"+element, period, ob)
}

func put(m map[string]map[string]Observed, k, period string, ob Observed) {
	if m[k] == nil {
		m[k] = map[string]Observed{}
	}
	m[k][period] = ob
}

// EffectivePeriod is the period an indicator is read at when p is asked for:
// monthly indicators at p (a quarter at its last month), yearly ones at p's
// year once complete, else at the year before.
func EffectivePeriod(d *Definition, p stats.Period) stats.Period {
	if p.Type == stats.Quarterly {
		p = stats.Period{Type: stats.Monthly, Year: p.Year, Index: p.Index * 3}
	}
	if d.Frequency == "monthly" || p.Type == stats.Yearly {
		return p
	}
	if p.Index == 12 {
		return stats.Period{Type: stats.Yearly, Year: p.Year}
	}
	return stats.Period{Type: stats.Yearly, Year: p.Year - 1}
}

// actual is an indicator's value for the unit in period p.
func (f *Facts) actual(d *Definition, o Org, group string, p stats.Period) Observed {
	if d.Kind == Direct {
		if group != "" || o.Level == "park" {
			return Observed{Missing: "该指标按行政区直接录入，没有园区或产业细分数据"}
		}
		ob, ok := f.Region[o.Code+"|"+d.Element][p.ID()]
		if !ok {
			return Observed{Missing: fmt.Sprintf("尚未录入该期数值（区域指标 %s，来源：%s）", d.Element, d.Source)}
		}
		return ob
	}
	ob, ok := f.Analytics[d.Code][p.ID()]
	if !ok && f.Basis == BasisApproved {
		return Observed{Missing: "该期间尚无审核通过或已确认的数据"}
	}
	if !ok {
		return Observed{Missing: "该期间无可用数据"}
	}
	if ob.Value == nil && ob.Missing == "" {
		ob.Missing = "无可用数据"
	}
	return ob
}

// reference is the latest external reference value entered for the city up
// to year, with the year it is for.
func (f *Facts) reference(city, element string, year int) (*float64, int) {
	for y := year; y >= year-5; y-- {
		if ob, ok := f.Region[city+"|"+element][fmt.Sprint(y)]; ok {
			return ob.Value, y
		}
	}
	return nil, 0
}
