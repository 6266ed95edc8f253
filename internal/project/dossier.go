package project

import (
	"context"
)

// MonthLight is a project's light in one month.
type MonthLight struct {
	Period string `json:"period"`
	Label  string `json:"label"`
	Light
}

// Dossier is 一项目一档: the project with everything kept on it.
type Dossier struct {
	Project     *Project        `json:"project"`
	Allowed     []StageInfo     `json:"allowed_moves"`
	Stages      []Transition    `json:"stages"`
	Approvals   []Approval      `json:"checklist"`
	Investment  *YearInvestment `json:"investment"`
	Light       MonthLight      `json:"light"`
	MonthLights []MonthLight    `json:"month_lights"`
	RuleSet     string          `json:"rule_set"`
	RuleSetName string          `json:"rule_set_name"`
	Problems    []Problem       `json:"problems"`
	Visits      []Visit         `json:"visits"`
	History     []Event         `json:"history"`
}

// Dossier returns a project's file for the month period (latest month
// with figures when empty); its investment and lights cover that year.
func (s *Service) Dossier(ctx context.Context, id int64, period string) (*Dossier, error) {
	p, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	m, err := s.periodOrLatest(ctx, period)
	if err != nil {
		return nil, err
	}
	d := &Dossier{Project: p}
	for _, st := range Allowed(p.Stage, p.PausedFrom) {
		d.Allowed = append(d.Allowed, s.stageInfo(st))
	}
	if d.Stages, err = s.Stages(ctx, id); err != nil {
		return nil, err
	}
	if d.Approvals, err = s.Approvals(ctx, id); err != nil {
		return nil, err
	}
	if d.Investment, err = s.Investment(ctx, id, m.Year); err != nil {
		return nil, err
	}
	if err := s.monthLights(ctx, d, id, m); err != nil {
		return nil, err
	}
	if d.Problems, err = s.Problems(ctx, ProblemFilter{Project: id}); err != nil {
		return nil, err
	}
	if d.Visits, err = s.Visits(ctx, id); err != nil {
		return nil, err
	}
	d.History, err = s.History(ctx, id)
	return d, err
}

// monthLights judges the project in every month of m's year up to m.
func (s *Service) monthLights(ctx context.Context, d *Dossier, id int64, m Month) error {
	rs, err := s.activeSet(ctx, s.db)
	if err != nil {
		return err
	}
	data, err := loadData(ctx, s.db, dataScope{project: id})
	if err != nil {
		return err
	}
	d.RuleSet, d.RuleSetName = rs.ID, rs.Name
	names := s.itemNames()
	for mo := 1; mo <= m.Month; mo++ {
		cur := Month{m.Year, mo}
		at := s.asOf(cur)
		ml := MonthLight{Period: cur.String(), Label: cur.Label(), Light: rs.Judge(s.rules.Lights.Schedule, data[id].facts(cur, at, names), cur, at)}
		d.MonthLights = append(d.MonthLights, ml)
	}
	d.Light = d.MonthLights[len(d.MonthLights)-1]
	return nil
}
