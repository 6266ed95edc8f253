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
}

// Explain evaluates an indicator live for a unit with every function call
// traced, and lists the enterprises contributing most — only enterprises the
// caller may see.
func (s *Service) Explain(ctx context.Context, code string, q Query, group string) (*Explanation, error) {
	ind, o, p, err := s.prepareOne(ctx, code, q)
	if err != nil {
		return nil, err
	}
	facts, err := s.loadFacts(ctx, o, group)
	if err != nil {
		return nil, err
	}
	d := s.Engine.Defs.Def(code)
	ex := &Explanation{Row: s.Engine.row(ind, o, group, p, facts), Definition: *d, Org: o, Group: group}
	if d.Kind == Direct {
		return ex, nil
	}
	ep := effectivePeriod(d, p)
	ex.Inputs, ex.Contributors, err = s.trace(ctx, d, o, group, ep)
	if err != nil || d.Compare == CompareLevel {
		return ex, err
	}
	ex.PrevInputs, _, err = s.trace(ctx, d, o, group, ep.SamePeriodLastYear())
	return ex, err
}

// prepareOne finds a plan indicator and resolves the query for it.
func (s *Service) prepareOne(ctx context.Context, code string, q Query) (*plan.Indicator, Org, stats.Period, error) {
	ind := planIndicator(s.Engine.Plan, code)
	if ind == nil {
		return nil, Org{}, stats.Period{}, apperr.New(apperr.NotFound, "指标 %s 不存在", code)
	}
	o, p, err := s.prepare(ctx, q)
	return ind, o, p, err
}

func (s *Service) trace(ctx context.Context, d *Definition, o Org, group string, p stats.Period) ([]Input, []Contributor, error) {
	fr, err := loadFrame(ctx, s.DB, p, orgFilter(ctx, o, group, s.Engine.chains), s.Engine.elementsOf(d))
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
}

// Series returns the yearly actual and target from the baseline year to the plan's end.
func (s *Service) Series(ctx context.Context, code string, q Query) (*Series, error) {
	ind, o, _, err := s.prepareOne(ctx, code, q)
	if err != nil {
		return nil, err
	}
	facts, err := s.loadFacts(ctx, o, "")
	if err != nil {
		return nil, err
	}
	out := &Series{Code: code, Name: ind.Name, Unit: ind.Unit, Org: o}
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

// Breakdown drills one indicator down by county, park or cluster, within
// what the caller may see.
func (s *Service) Breakdown(ctx context.Context, code string, q Query) ([]BreakdownItem, error) {
	ind, o, p, err := s.prepareOne(ctx, code, q)
	if err != nil {
		return nil, err
	}
	units, err := s.units(ctx, o, q.By)
	if err != nil {
		return nil, err
	}
	out := make([]BreakdownItem, 0, len(units))
	for _, u := range units {
		facts, err := s.loadFacts(ctx, u.org, u.group)
		if err != nil {
			return nil, err
		}
		out = append(out, BreakdownItem{Org: u.org, Group: u.group, GroupName: u.groupName, Row: s.Engine.row(ind, u.org, u.group, p, facts)})
	}
	return out, nil
}
