package indicator

import (
	"context"

	"mfgplan/internal/apperr"
	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
)

// Explanation shows how an indicator's value for a unit came about.
type Explanation struct {
	Row          Row           `json:"indicator"`
	Definition   Definition    `json:"definition"`
	Org          Org           `json:"org"`
	Group        string        `json:"group,omitempty"`
	Inputs       []Input       `json:"inputs"`
	PrevInputs   []Input       `json:"previous_year_inputs,omitempty"`
	Contributors []Contributor `json:"top_contributors"`
	BasisInfo
}

// Explain evaluates an indicator live for a unit with every function call
// traced, and lists the enterprises contributing most — only enterprises the
// caller may see, and only their values counted in the basis read.
func (s *Service) Explain(ctx context.Context, code string, q Query, group string) (*Explanation, error) {
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
	ex := &Explanation{Row: s.Engine.row(ind, o, group, a.period, facts), Definition: *d, Org: o, Group: group, BasisInfo: a.basis.info()}
	if d.Kind == Direct {
		return ex, nil
	}
	ep := effectivePeriod(d, a.period)
	ex.Inputs, ex.Contributors, err = s.trace(ctx, d, o, group, ep, a.basis)
	if err != nil || d.Compare == CompareLevel {
		return ex, err
	}
	ex.PrevInputs, _, err = s.trace(ctx, d, o, group, ep.SamePeriodLastYear(), a.basis)
	return ex, err
}

// checkGroup refuses a group that analytics do not keep for o: an unknown
// code would otherwise read as "no data" for the group while its trace
// counted every enterprise of o.
func (s *Service) checkGroup(ctx context.Context, o Org, group string) error {
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
func (s *Service) prepareOne(ctx context.Context, code string, q Query) (*plan.Indicator, asked, error) {
	ind := planIndicator(s.Engine.Plan, code)
	if ind == nil {
		return nil, asked{}, apperr.New(apperr.NotFound, "指标 %s 不存在", code)
	}
	a, err := s.prepare(ctx, q)
	return ind, a, err
}

func (s *Service) trace(ctx context.Context, d *Definition, o Org, group string, p stats.Period, b Basis) ([]Input, []Contributor, error) {
	kept, err := keptIn(ctx, s.DB, p, b)
	if err != nil || !kept {
		return nil, nil, err // no approved data in p: nothing to trace
	}
	fr, err := loadFrame(ctx, s.DB, p, b, orgFilter(ctx, o, group, s.Engine.chains), s.Engine.elementsOf(d))
	if err != nil {
		return nil, nil, err
	}
	res := s.Engine.evaluate(s.Engine.evaluator(fr, fr.Firms), d, true)
	return res.Trace, topContributors(res.Trace, fr.Firms, 10), nil
}

// SeriesPoint is an indicator's actual against its target path in one year.
type SeriesPoint struct {
	Year   int      `json:"year"`
	Period string   `json:"period"`
	Actual *float64 `json:"actual"`
	Target *float64 `json:"target"`
	Status Status   `json:"status"`
}

// Series is an indicator's actuals and targets by year, for charts.
type Series struct {
	Code   string        `json:"code"`
	Name   string        `json:"name"`
	Unit   string        `json:"unit"`
	Org    Org           `json:"org"`
	Points []SeriesPoint `json:"points"`
	BasisInfo
}

// Series returns the yearly actual and target from the baseline year to the plan's end.
func (s *Service) Series(ctx context.Context, code string, q Query) (*Series, error) {
	ind, a, err := s.prepareOne(ctx, code, q)
	if err != nil {
		return nil, err
	}
	o := a.org
	facts, err := s.loadFacts(ctx, o, "", a.basis)
	if err != nil {
		return nil, err
	}
	out := &Series{Code: code, Name: ind.Name, Unit: ind.Unit, Org: o, BasisInfo: a.basis.info()}
	for y := s.Engine.Plan.Period.BaselineYear; y <= s.Engine.Plan.Period.End; y++ {
		r := s.Engine.row(ind, o, "", stats.Period{Type: stats.Yearly, Year: y}, facts)
		out.Points = append(out.Points, SeriesPoint{Year: y, Period: r.Period, Actual: r.Actual, Target: r.TargetToDate, Status: r.Status})
	}
	return out, nil
}

// BreakdownItem is one unit's row of a drill-down.
type BreakdownItem struct {
	Org       Org    `json:"org"`
	Group     string `json:"group,omitempty"`
	GroupName string `json:"group_name,omitempty"`
	Row       Row    `json:"indicator"`
}

// Drilldown is an indicator's breakdown and the basis it was read in.
type Drilldown struct {
	BasisInfo
	Items []BreakdownItem `json:"items"`
	Total int             `json:"total"`
}

// Breakdown drills one indicator down by county, park or cluster, within
// what the caller may see.
func (s *Service) Breakdown(ctx context.Context, code string, q Query) (*Drilldown, error) {
	ind, a, err := s.prepareOne(ctx, code, q)
	if err != nil {
		return nil, err
	}
	units, err := s.units(ctx, a.org, q.By)
	if err != nil {
		return nil, err
	}
	out := &Drilldown{BasisInfo: a.basis.info(), Items: make([]BreakdownItem, 0, len(units)), Total: len(units)}
	for _, u := range units {
		facts, err := s.loadFacts(ctx, u.org, u.group, a.basis)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, BreakdownItem{Org: u.org, Group: u.group, GroupName: u.groupName, Row: s.Engine.row(ind, u.org, u.group, a.period, facts)})
	}
	return out, nil
}
