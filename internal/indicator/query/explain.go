package query

import (
	"context"

	"mfgplan/internal/access"
	"mfgplan/internal/analytics"
	"mfgplan/internal/apperr"
	"mfgplan/internal/indicator"
	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
)

// Explanation shows how an indicator's value for a unit came about.
type Explanation struct {
	Row          indicator.Row           `json:"indicator"`
	Definition   indicator.Definition    `json:"definition"`
	Org          indicator.Org           `json:"org"`
	Group        string                  `json:"group,omitempty"`
	Inputs       []indicator.Input       `json:"inputs"`
	PrevInputs   []indicator.Input       `json:"previous_year_inputs,omitempty"`
	Contributors []indicator.Contributor `json:"top_contributors"`
	About
}

// Explain evaluates an indicator live for a unit with every function call
// traced, and lists the enterprises contributing most — only enterprises the
// caller may see, and only their values counted in the basis read.
func (s *Service) Explain(ctx context.Context, code string, q Params, group string) (*Explanation, error) {
	ind, a, err := s.prepareOne(ctx, code, q)
	if err != nil {
		return nil, err
	}
	o := a.org
	if err := s.checkGroup(ctx, o, group); err != nil {
		return nil, err
	}
	facts, err := s.loadFacts(ctx, o, group, a.basis)
	if err != nil {
		return nil, err
	}
	d := s.Engine.Defs.Def(code)
	ex := &Explanation{Row: s.Engine.Row(ind, o, group, a.period, facts), Definition: *d, Org: o, Group: group, About: a.about()}
	if d.Kind == indicator.Direct {
		return ex, nil
	}
	ep := indicator.EffectivePeriod(d, a.period)
	ex.Inputs, ex.Contributors, err = s.trace(ctx, d, o, group, ep, a.basis)
	if err != nil || d.Compare == indicator.CompareLevel {
		return ex, err
	}
	ex.PrevInputs, _, err = s.trace(ctx, d, o, group, ep.SamePeriodLastYear(), a.basis)
	return ex, err
}

// checkGroup refuses a group that analytics do not keep for o: an unknown
// code would otherwise read as "no data" for the group while its trace
// counted every enterprise of o.
func (s *Service) checkGroup(ctx context.Context, o indicator.Org, group string) error {
	if group == "" {
		return nil
	}
	bys := []string{"cluster"}
	if o.Level != "park" {
		bys = append(bys, "sub_sector", "chain", "node")
	}
	for _, by := range bys {
		units, err := s.units(ctx, o, by)
		if err != nil {
			return err
		}
		for _, u := range units {
			if u.group == group {
				return nil
			}
		}
	}
	lv := s.Engine.Plan.Levels
	return apperr.New(apperr.Invalid, "分组 group %q 不存在或不适用于%s：应为 cluster:产业集群代码，%s和%s还可用 sub:细分领域代码、chain:产业链代码、node:产业链节点代码", group, o.Name, lv.Whole, lv.Division)
}

// prepareOne finds a plan indicator and resolves the query for it.
func (s *Service) prepareOne(ctx context.Context, code string, q Params) (*plan.Indicator, asked, error) {
	ind := indicator.PlanIndicator(s.Engine.Plan, code)
	if ind == nil {
		return nil, asked{}, apperr.New(apperr.NotFound, "指标 %s 不存在", code)
	}
	a, err := s.prepare(ctx, q)
	return ind, a, err
}

func (s *Service) trace(ctx context.Context, d *indicator.Definition, o indicator.Org, group string, p stats.Period, b indicator.Basis) ([]indicator.Input, []indicator.Contributor, error) {
	kept, err := analytics.KeptIn(ctx, s.DB, p, b)
	if err != nil || !kept {
		return nil, nil, err // no approved data in p: nothing to trace
	}
	sel := analytics.Selection{Org: o, Group: group, Scope: access.From(ctx).View}
	fr, err := s.Analytics.LoadFrame(ctx, p, b, sel, s.Engine.ElementsOf(d))
	if err != nil {
		return nil, nil, err
	}
	res := s.Engine.Explain(fr, d)
	return res.Trace, indicator.TopContributors(res.Trace, fr.Firms, 10), nil
}

// SeriesPoint is an indicator's actual against its target path in one year.
type SeriesPoint struct {
	Year   int              `json:"year"`
	Period string           `json:"period"`
	Actual *float64         `json:"actual"`
	Target *float64         `json:"target"`
	Status indicator.Status `json:"status"`
}

// Series is an indicator's actuals and targets by year, for charts.
type Series struct {
	Code   string        `json:"code"`
	Name   string        `json:"name"`
	Unit   string        `json:"unit"`
	Org    indicator.Org `json:"org"`
	Points []SeriesPoint `json:"points"`
	About
}

// Series returns the yearly actual and target from the baseline year to the plan's end.
func (s *Service) Series(ctx context.Context, code string, q Params) (*Series, error) {
	ind, a, err := s.prepareOne(ctx, code, q)
	if err != nil {
		return nil, err
	}
	o := a.org
	facts, err := s.loadFacts(ctx, o, "", a.basis)
	if err != nil {
		return nil, err
	}
	out := &Series{Code: code, Name: ind.Name, Unit: ind.Unit, Org: o, About: a.about()}
	for y := s.Engine.Plan.Period.BaselineYear; y <= s.Engine.Plan.Period.End; y++ {
		r := s.Engine.Row(ind, o, "", stats.Period{Type: stats.Yearly, Year: y}, facts)
		out.Points = append(out.Points, SeriesPoint{Year: y, Period: r.Period, Actual: r.Actual, Target: r.TargetToDate, Status: r.Status})
	}
	return out, nil
}

// BreakdownItem is one unit's row of a drill-down.
type BreakdownItem struct {
	Org       indicator.Org `json:"org"`
	Group     string        `json:"group,omitempty"`
	GroupName string        `json:"group_name,omitempty"`
	Row       indicator.Row `json:"indicator"`
}

// Drilldown is an indicator's breakdown and the basis it was read in.
type Drilldown struct {
	About
	Items []BreakdownItem `json:"items"`
	Total int             `json:"total"`
}

// Breakdown drills one indicator down by county, park or cluster, within
// what the caller may see.
func (s *Service) Breakdown(ctx context.Context, code string, q Params) (*Drilldown, error) {
	ind, a, err := s.prepareOne(ctx, code, q)
	if err != nil {
		return nil, err
	}
	units, err := s.units(ctx, a.org, q.By)
	if err != nil {
		return nil, err
	}
	out := &Drilldown{About: a.about(), Items: make([]BreakdownItem, 0, len(units)), Total: len(units)}
	for _, u := range units {
		facts, err := s.loadFacts(ctx, u.org, u.group, a.basis)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, BreakdownItem{Org: u.org, Group: u.group, GroupName: u.groupName, Row: s.Engine.Row(ind, u.org, u.group, a.period, facts)})
	}
	return out, nil
}
