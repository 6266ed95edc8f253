package indicator

import (
	"fmt"
	"math"

	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
)

// Row is one indicator for one unit and period, judged against its target.
type Row struct {
	Code         string          `json:"code"`
	Name         string          `json:"name"`
	Unit         string          `json:"unit"`
	Category     string          `json:"category"`
	Baseline     *plan.Baseline  `json:"baseline"`
	Target       *float64        `json:"target"`
	TargetYear   int             `json:"target_year"`
	TargetKind   plan.TargetKind `json:"target_kind"`
	TargetBound  plan.Bound      `json:"target_bound,omitempty"`
	TargetText   string          `json:"target_text"` // the target in the plan's words (年均增长7%左右)
	Stretch      *StretchResult  `json:"stretch,omitempty"`
	Period       string          `json:"period"`
	PeriodLabel  string          `json:"period_label"`
	Actual       *float64        `json:"actual"`
	YearActual   *float64        `json:"year_actual,omitempty"` // a cumulative indicator's own-year value
	AnnualTarget *float64        `json:"annual_target"`
	TargetToDate *float64        `json:"target_to_date"`
	TargetSource string          `json:"target_source,omitempty"`
	Completion   *float64        `json:"completion_pct"`
	Gap          *float64        `json:"gap"`
	RequiredCAGR *float64        `json:"required_cagr_pct,omitempty"`
	RequiredYear *float64        `json:"required_per_year,omitempty"`
	Status       Status          `json:"status"`
	Reason       string          `json:"reason"`
	Firms        int             `json:"firms"`
}

// Row judges one plan indicator for a unit in period p.
func (e *Engine) Row(ind *plan.Indicator, o Org, group string, p stats.Period, f *Facts) Row {
	d := e.Defs.Def(ind.Code)
	ep := EffectivePeriod(d, p)
	r := Row{Code: ind.Code, Name: ind.Name, Unit: ind.Unit, Category: ind.Category, Baseline: ind.Baseline,
		Target: ind.Target.Value, TargetYear: ind.Target.Year, TargetKind: ind.Target.Kind, TargetBound: ind.Target.Bound,
		TargetText: ind.Target.Describe(ind.Unit), Period: ep.ID(), PeriodLabel: ep.Label()}
	ob := f.actual(d, o, group, ep)
	r.Actual, r.Firms = ob.Value, ob.Firms
	if ind.Target.Kind == plan.KindCumulative {
		r.YearActual = r.Actual
		r.Actual, ob.Missing = e.cumulative(d, o, group, ep, f)
	}
	if r.Actual == nil {
		r.Status, r.Reason = NoData, fmt.Sprintf("%s：%s。", ep.Label(), ob.Missing)
		e.target(&r, ind, d, o, group, ep, f)
		return r
	}
	if reason := e.target(&r, ind, d, o, group, ep, f); reason != "" {
		r.Status, r.Reason = NoTarget, reason
		if ind.Target.Kind == plan.KindExternal {
			r.Status = NoReference
		}
		return r
	}
	e.judge(&r, ind)
	r.Stretch = e.stretch(&r, ind, d, o, group, ep, f)
	return r
}

// cumulative sums the yearly actuals from the plan's first year to ep (the
// current year year to date), for 【】 targets.
func (e *Engine) cumulative(d *Definition, o Org, group string, ep stats.Period, f *Facts) (*float64, string) {
	total := 0.0
	for y := e.Plan.Period.Start; y < ep.Year; y++ {
		ob := f.actual(d, o, group, stats.Period{Type: stats.Yearly, Year: y})
		if ob.Value == nil {
			return nil, fmt.Sprintf("%d年数据缺失，无法累计", y)
		}
		total += *ob.Value
	}
	ob := f.actual(d, o, group, ep)
	if ob.Value == nil {
		return nil, ob.Missing
	}
	total += *ob.Value
	return &total, ""
}

// target fills the annual target and the target to date; it returns why
// there is none when there is none.
func (e *Engine) target(r *Row, ind *plan.Indicator, d *Definition, o Org, group string, ep stats.Period, f *Facts) string {
	share := 1.0
	if d.Accumulates && ep.Type != stats.Yearly {
		share = ep.ElapsedShare() // 序时进度
	}
	if ind.Target.Kind == plan.KindCumulative && ep.Year < e.Plan.Period.Start {
		return fmt.Sprintf("累计目标从%d年起算，%d年不考核。", e.Plan.Period.Start, ep.Year)
	}
	city := o.Level == "city" && group == ""
	annual, source, why := e.annualTarget(ind, d, o, group, ep.Year, city, f)
	if annual == nil {
		return why
	}
	r.AnnualTarget, r.TargetSource = annual, source
	toDate := *annual * share
	if ind.Target.Kind == plan.KindCumulative {
		// earlier years' targets in full, this year's pro rata
		for y := e.Plan.Period.Start; y < ep.Year; y++ {
			if v, _, _ := e.annualTarget(ind, d, o, group, y, city, f); v != nil {
				toDate += *v
			}
		}
	}
	r.TargetToDate = &toDate
	return ""
}

// annualTarget is the target for a year: an explicit 分解年度目标, else the
// city's path; shares and rates hold for every unit, totals only for the
// city unless broken down explicitly.
func (e *Engine) annualTarget(ind *plan.Indicator, d *Definition, o Org, group string, year int, city bool, f *Facts) (*float64, string, string) {
	if v := e.explicit(ind.Code, o.Code, year); v != nil && group == "" {
		return v, "分解年度目标", ""
	}
	t := ind.Target
	switch t.Kind {
	case plan.KindExternal:
		ref, y := f.reference(e.Plan.Region.Code, d.Reference, year)
		if ref == nil {
			return nil, "", fmt.Sprintf("目标为“%s”，尚未录入参照值（%s）。", t.External, d.Reference)
		}
		return ref, fmt.Sprintf("%s（%d年参照值）", t.External, y), ""
	case plan.KindGrowth:
		return t.Value, "规划年均增速", ""
	case plan.KindPending:
		return nil, "", "规划目标待定，只显示实际值。"
	case plan.KindIncrement:
		return e.incrementTarget(ind, d, o, group, year, city, f)
	}
	if !city && !e.isRate(ind) {
		return nil, "", fmt.Sprintf("规划目标为%s总量，尚未分解到本单位（可在指标定义的 annual_targets 中设定分解年度目标）。", e.Plan.Levels.Whole)
	}
	if t.Kind == plan.KindCumulative {
		v := *t.Value / float64(e.Plan.Period.End-e.Plan.Period.Start+1)
		return &v, "五年累计目标按年平均", ""
	}
	if ind.Baseline == nil {
		if year < t.Year {
			return nil, "", fmt.Sprintf("规划未给出基期值，仅考核%d年目标%g%s。", t.Year, *t.Value, ind.Unit)
		}
		return t.Value, "规划目标", ""
	}
	v := PathValue(ind.Path, *ind.Baseline, *t.Value, t.Year, year)
	src := "规划目标路径（复合增长）"
	if ind.Path != "compound" {
		src = "规划目标路径（线性）"
	}
	if !city {
		src += "，采用" + e.Plan.Levels.Whole + "标准"
	}
	return &v, src, ""
}

// incrementTarget is the level a 年均提高N个百分点 target asks for in year:
// the base plus N points for every year since it. The base is the plan's
// baseline for the region as a whole, else the unit's own figure in the
// baseline year, so that each county is held to its own starting point.
func (e *Engine) incrementTarget(ind *plan.Indicator, d *Definition, o Org, group string, year int, city bool, f *Facts) (*float64, string, string) {
	step := *ind.Target.Value
	year = min(year, e.Plan.Period.End) // no steps beyond the plan's last year
	if city && ind.Baseline != nil {
		v := ind.Baseline.Value + step*float64(year-ind.Baseline.Year)
		return &v, fmt.Sprintf("基期%d年%g%s，年均提高%g个百分点", ind.Baseline.Year, ind.Baseline.Value, ind.Unit, step), ""
	}
	by := e.Plan.Period.BaselineYear
	ob := f.actual(d, o, group, stats.Period{Type: stats.Yearly, Year: by})
	if ob.Value == nil {
		return nil, "", fmt.Sprintf("目标为年均提高%g个百分点，本单位%d年基数缺失（%s）。", step, by, ob.Missing)
	}
	v := *ob.Value + step*float64(year-by)
	return &v, fmt.Sprintf("本单位%d年基数%s%s，年均提高%g个百分点", by, fmtNum(Round(*ob.Value, 2)), ind.Unit, step), ""
}

// isRate reports whether an indicator is a share or rate, whose city target
// is a fair standard for any unit.
func (e *Engine) isRate(ind *plan.Indicator) bool {
	for _, u := range e.Plan.Units {
		if u.Code == ind.Unit {
			return u.Kind == "percent" || u.Kind == "rate"
		}
	}
	return false
}

// explicit is the explicit annual target of an org for a year, or nil.
func (e *Engine) explicit(code, org string, year int) *float64 {
	for _, t := range e.Defs.AnnualTargets {
		if t.Indicator == code && t.Org == org && t.Year == year {
			v := t.Value
			return &v
		}
	}
	return nil
}

// judge computes completion, gap, the growth still needed and the status.
func (e *Engine) judge(r *Row, ind *plan.Indicator) {
	actual, toDate, scale := *r.Actual, *r.TargetToDate, *r.AnnualTarget
	t := ind.Target
	if t.Kind == plan.KindCumulative && t.Value != nil {
		// 序时进度 of a 【】 target is progress through the five-year sum:
		// at the end of 2024 it should be at 80% of it.
		scale = *t.Value
	}
	gap := actual - toDate
	r.Gap = &gap
	g := grade(e.Defs.Status, t, actual, toDate, scale, precision(ind))
	if !math.IsNaN(g.completion) && !math.IsInf(g.completion, 0) {
		completion := g.completion
		r.Completion = &completion
	}
	r.Status = g.status
	r.Reason = e.reason(r, ind, g)
	year := periodYear(r.Period)
	switch {
	case t.Value == nil || year >= t.Year:
	case t.Kind == plan.KindLevel && !periodMonthly(r.Period) && actual > 0:
		c := CAGR(actual, *t.Value, float64(t.Year-year))
		r.RequiredCAGR = finite(&c)
	case t.Kind == plan.KindCumulative:
		left := (*t.Value - actual) / float64(t.Year-year)
		r.RequiredYear = &left
	}
}

func periodYear(id string) int {
	p, _ := stats.ParsePeriod(id)
	return p.Year
}

func periodMonthly(id string) bool {
	p, _ := stats.ParsePeriod(id)
	return p.Type != stats.Yearly
}

// formed reports whether a target says more than a figure to reach, so that
// its reason quotes the plan's words (超过三分之一, 7%左右).
func formed(t plan.IndicatorTarget) bool {
	return (t.Bound != "" && t.Bound != plan.Reach) || t.Fraction != nil || t.Stretch != nil || t.Kind == plan.KindIncrement
}

// reason says in one sentence why an indicator has its status.
func (e *Engine) reason(r *Row, ind *plan.Indicator, g grading) string {
	rules := e.Defs.Status
	actual := fmt.Sprintf("%s%s", fmtNum(Round(*r.Actual, 2)), r.Unit)
	toDate := fmt.Sprintf("%s%s", fmtNum(Round(*r.TargetToDate, 2)), r.Unit)
	if formed(ind.Target) {
		toDate += "（目标" + r.TargetText + "）"
	}
	comp := ""
	if r.Completion != nil {
		comp = fmt.Sprintf("，完成序时目标的%.1f%%", *r.Completion)
	}
	if g.status == Achieved {
		return fmt.Sprintf("%s实际%s，已达到序时目标%s%s。", r.PeriodLabel, actual, toDate, comp)
	}
	if rules.Method == "ratio" {
		limit := map[Status]string{OnTrack: fmt.Sprintf("不低于%g%%", rules.LaggingRatio), Lagging: fmt.Sprintf("低于%g%%", rules.LaggingRatio), Severe: fmt.Sprintf("低于%g%%", rules.SevereRatio)}[g.status]
		return fmt.Sprintf("%s实际%s，序时目标%s%s，%s。", r.PeriodLabel, actual, toDate, comp, limit)
	}
	limit := map[Status]string{OnTrack: fmt.Sprintf("在%g个百分点容差内", rules.LaggingPoints), Lagging: fmt.Sprintf("超过%g个百分点的黄灯线", rules.LaggingPoints), Severe: fmt.Sprintf("超过%g个百分点的红灯线", rules.SeverePoints)}[g.status]
	off := "落后序时进度"
	if g.side > 0 {
		off = "超出目标上限"
	}
	return fmt.Sprintf("%s实际%s，序时目标%s，%s%.1f个百分点，%s。", r.PeriodLabel, actual, toDate, off, g.off, limit)
}
