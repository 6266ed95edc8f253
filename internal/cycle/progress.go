package cycle

import (
	"context"
	"slices"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
)

// Group is one row of 报送进度: a county or a park (code "" is the firms
// outside every park) with its counts.
type Group struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Counts
}

// Progress is 报送进度 of one dataset and period for the caller's view.
type Progress struct {
	Dataset     string  `json:"dataset"`
	DatasetName string  `json:"dataset_name"`
	Period      string  `json:"period"`
	PeriodLabel string  `json:"period_label"`
	DueDate     string  `json:"due_date"`
	Overdue     bool    `json:"overdue"`
	By          string  `json:"by"`
	Groups      []Group `json:"groups"`
	Total       Counts  `json:"total"`
}

// report checks dataset and period: a catalog dataset, a period of its
// type inside the plan's years.
func (s *Service) report(dataset, period string) (*stats.Dataset, stats.Period, error) {
	ds := s.cat.Dataset(dataset)
	if ds == nil {
		return nil, stats.Period{}, apperr.New(apperr.Invalid, "数据集 %q 不存在", dataset)
	}
	p, err := stats.ParsePeriod(period)
	if err != nil {
		return nil, p, err
	}
	if p.Type != ds.PeriodType {
		return nil, p, apperr.New(apperr.Invalid, "%s按%s报送，报告期 %s 不符", ds.Name, map[stats.PeriodType]string{stats.Monthly: "月", stats.Yearly: "年"}[ds.PeriodType], period)
	}
	if p.Year < s.first || p.Year > s.last {
		return nil, p, apperr.New(apperr.Invalid, "报告期 %s 不在规划期内（%d–%d 年）", period, s.first, s.last)
	}
	return ds, p, nil
}

// Progress counts, per county or park (by), the firms in the caller's view
// expected to file dataset for period and how far each has come.
func (s *Service) Progress(ctx context.Context, dataset, period, by string) (Progress, error) {
	if err := canFollow(ctx); err != nil {
		return Progress{}, err
	}
	if by == "" {
		by = "county"
	}
	if by != "county" && by != "park" {
		return Progress{}, apperr.New(apperr.Invalid, "参数 by 应为 county（按县区）或 park（按园区）")
	}
	ds, p, err := s.report(dataset, period)
	if err != nil {
		return Progress{}, err
	}
	due, err := s.due(ctx, s.db, ds.Code)
	if err != nil {
		return Progress{}, err
	}
	snap, err := s.take(ctx, ds, []stats.Period{p}, registry.RosterFilter{})
	if err != nil {
		return Progress{}, err
	}
	out := Progress{Dataset: ds.Code, DatasetName: ds.Name, Period: p.ID(), PeriodLabel: p.Label(), By: by}
	out.DueDate, out.Overdue = s.dueText(due, p)
	groups := map[string]*Group{}
	for _, m := range snap.members {
		if !snap.expected(m, p) {
			continue
		}
		code, name := m.County, m.CountyName
		if by == "park" {
			code, name = m.Park, m.ParkName
			if code == "" {
				name = "园区外企业"
			}
		}
		g := groups[code]
		if g == nil {
			g = &Group{Code: code, Name: name}
			groups[code] = g
		}
		st, _ := snap.state(m, p)
		has := snap.filed[p.ID()][m.ID]
		g.add(st, has)
		out.Total.add(st, has)
	}
	for _, g := range groups {
		out.Groups = append(out.Groups, *g)
	}
	// Codes in order; the firms outside every park last.
	slices.SortFunc(out.Groups, func(a, b Group) int {
		if (a.Code == "") != (b.Code == "") {
			return map[bool]int{true: 1, false: -1}[a.Code == ""]
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out, nil
}

// dueText is p's due date as YYYY-MM-DD and whether it has passed
// (Beijing time) while it is still a period someone may file.
func (s *Service) dueText(d Due, p stats.Period) (string, bool) {
	date := d.DueDate(p)
	today := s.now().In(China)
	return date.Format("2006-01-02"), today.After(date.AddDate(0, 0, 1).Add(-1))
}

// Firm is one firm's report of a period, with whom to chase.
type Firm struct {
	registry.Member
	State        State  `json:"state"`
	StateName    string `json:"state_name"`
	Locked       bool   `json:"locked"`
	HasData      bool   `json:"has_data"`
	Reason       string `json:"reason,omitempty"`
	UpdatedBy    string `json:"updated_by,omitempty"`
	UpdatedAt    string `json:"updated_at,omitempty"`
	Reminders    int    `json:"reminders"`
	LastReminded string `json:"last_reminded_at,omitempty"`
}

// FirmFilter selects the firms of a dataset and period.
type FirmFilter struct {
	Dataset, Period string
	County, Park    string
	// States keeps firms in any of them; "pending" stands for every state
	// before submission (未填报, 已导入, 已退回, 已解锁). Empty keeps all.
	States        []string
	Limit, Offset int
}

// FirmPage is a page of firms and how many match.
type FirmPage struct {
	Items []Firm `json:"items"`
	Total int    `json:"total"`
}

// Firms lists the firms in the caller's view expected to file dataset for
// period, with their state, contact and reminders, by id.
func (s *Service) Firms(ctx context.Context, f FirmFilter) (FirmPage, error) {
	all, err := s.firms(ctx, f)
	if err != nil {
		return FirmPage{}, err
	}
	page := FirmPage{Items: []Firm{}, Total: len(all)}
	limit := f.Limit
	if limit <= 0 || limit > registry.MaxLimit {
		limit = registry.MaxLimit
	}
	start := min(max(f.Offset, 0), len(all))
	page.Items = append(page.Items, all[start:min(start+limit, len(all))]...)
	return page, nil
}

// firms is every firm Firms would list, unpaged (the xlsx export has them all).
func (s *Service) firms(ctx context.Context, f FirmFilter) ([]Firm, error) {
	if err := canFollow(ctx); err != nil {
		return nil, err
	}
	ds, p, err := s.report(f.Dataset, f.Period)
	if err != nil {
		return nil, err
	}
	keep, err := stateSet(f.States)
	if err != nil {
		return nil, err
	}
	snap, err := s.take(ctx, ds, []stats.Period{p}, registry.RosterFilter{County: f.County, Park: f.Park})
	if err != nil {
		return nil, err
	}
	reminded, err := s.remindedCounts(ctx, ds.Code, p.ID())
	if err != nil {
		return nil, err
	}
	var out []Firm
	for _, m := range snap.members {
		if !snap.expected(m, p) {
			continue
		}
		st, ap := snap.state(m, p)
		if keep != nil && !keep[st] {
			continue
		}
		r := reminded[m.ID]
		out = append(out, Firm{Member: m, State: st, StateName: StateNames[st], Locked: st.sent(), HasData: snap.filed[p.ID()][m.ID],
			Reason: ap.Reason, UpdatedBy: ap.UpdatedBy, UpdatedAt: ap.UpdatedAt, Reminders: r.count, LastReminded: r.last})
	}
	return out, nil
}

// stateSet reads a state filter; nil keeps everything.
func stateSet(names []string) (map[State]bool, error) {
	if len(names) == 0 {
		return nil, nil
	}
	keep := map[State]bool{}
	for _, n := range names {
		if n == "pending" {
			for _, st := range []State{Unfiled, Imported, Returned, Unlocked} {
				keep[st] = true
			}
			continue
		}
		if _, ok := StateNames[State(n)]; !ok {
			return nil, apperr.New(apperr.Invalid, "状态 %q 无效，可选：pending（未上报）、unfiled、imported、submitted、returned、approved、accepted、unlocked", n)
		}
		keep[State(n)] = true
	}
	return keep, nil
}

// canFollow allows the roles that review, lead or read the whole cycle to
// see 报送进度: every role but the filer, who sees its own reports on the
// filing calendar.
func canFollow(ctx context.Context) error {
	if access.From(ctx).Role == access.RoleEnterprise {
		return apperr.New(apperr.Forbidden, "报送进度供县区、园区、市级和领导查看；企业请在数据填报中查看本企业的报送状态")
	}
	return nil
}

// canChase allows the roles that review or lead the cycle to see 报送进度
// and send reminders: the county, the park, the city and the 系统管理员.
func canChase(ctx context.Context) error {
	switch access.From(ctx).Role {
	case access.RoleCounty, access.RolePark, access.RoleCity, access.RoleAdmin:
		return nil
	}
	return apperr.New(apperr.Forbidden, "只有县区、园区和市级管理员可以催报")
}
