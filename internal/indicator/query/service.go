// Package query answers indicator questions for a caller (the table of a
// unit and period, breakdowns, series, explanations), scoped by the
// principal in the context, from the analytics package analytics keeps and
// the definitions of package indicator.
package query

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"mfgplan/internal/analytics"
	"mfgplan/internal/apperr"
	"mfgplan/internal/indicator"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Service answers indicator questions for a caller, scoped by the principal
// in the context. Reads never write: they serve the analytics as the writers'
// refresh (or the background worker) left them, and say as of when.
type Service struct {
	DB        *store.DB
	Engine    *indicator.Engine
	Analytics *analytics.Service
}

// New answers questions on eng's indicators from db and the analytics an keeps.
func New(db *store.DB, eng *indicator.Engine, an *analytics.Service) *Service {
	return &Service{DB: db, Engine: eng, Analytics: an}
}

// Params select what to read: a year or a period, an org unit, a breakdown.
type Params struct {
	Year   int    `json:"year,omitempty"`
	Period string `json:"period,omitempty"`
	Org    string `json:"org,omitempty"`
	By     string `json:"by,omitempty"` // county, park, cluster, sub_sector, chain, node
	// Basis is the data basis read; "" is the analytics.approved_only setting's.
	Basis indicator.Basis `json:"basis,omitempty"`
}

// Table is every headline indicator for one unit in one period.
type Table struct {
	Org         indicator.Org   `json:"org"`
	Group       string          `json:"group,omitempty"`
	GroupName   string          `json:"group_name,omitempty"`
	Period      string          `json:"period"`
	PeriodLabel string          `json:"period_label"`
	Items       []indicator.Row `json:"items"`
}

// About says which data a response counts and as of when.
type About struct {
	indicator.BasisInfo
	analytics.Freshness
}

// Result is a table for the org unit asked for and, with By, one per unit below it.
type Result struct {
	Table
	About
	Breakdown []Table `json:"breakdown,omitempty"`
}

// Indicators returns the indicator table for the query.
func (s *Service) Indicators(ctx context.Context, q Params) (*Result, error) {
	a, err := s.prepare(ctx, q)
	if err != nil {
		return nil, err
	}
	main, err := s.table(ctx, a.org, "", a)
	if err != nil {
		return nil, err
	}
	res := &Result{Table: main, About: a.about()}
	if q.By == "" {
		return res, nil
	}
	units, err := s.units(ctx, a.org, q.By)
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		t, err := s.table(ctx, u.org, u.group, a)
		if err != nil {
			return nil, err
		}
		t.GroupName = u.groupName
		res.Breakdown = append(res.Breakdown, t)
	}
	return res, nil
}

// asked is a query resolved: the org unit, period and basis read, and the
// analytics' freshness.
type asked struct {
	org    indicator.Org
	period stats.Period
	basis  indicator.Basis
	fresh  analytics.Freshness
}

func (a asked) about() About { return About{BasisInfo: a.basis.Info(), Freshness: a.fresh} }

// prepare resolves the org unit, period and basis, and reads the analytics'
// freshness.
func (s *Service) prepare(ctx context.Context, q Params) (asked, error) {
	var a asked
	b, err := s.resolveBasis(ctx, q.Basis)
	if err != nil {
		return a, err
	}
	fresh, err := s.Analytics.Freshness(ctx)
	if err != nil {
		return a, err
	}
	o, err := resolveOrg(ctx, s.DB, s.Engine.Plan.Levels, s.Engine.Plan.Region.Code, q.Org)
	if err != nil {
		return a, err
	}
	p, err := s.resolvePeriod(ctx, q, b)
	if err == nil {
		err = s.inPlan(p)
	}
	return asked{org: o, period: p, basis: b, fresh: fresh}, err
}

// inPlan refuses a period outside the plan's years (its baseline year to
// its last year): there is neither data nor a target to read there.
func (s *Service) inPlan(p stats.Period) error {
	first, last := s.Engine.Plan.Period.BaselineYear, s.Engine.Plan.Period.End
	if p.Year < first || p.Year > last {
		return apperr.New(apperr.Invalid, "报告期 %s 不在规划期内（%d–%d 年，含基期年）", p.ID(), first, last)
	}
	return nil
}

// resolvePeriod reads --period as given; a year means its last period with
// data in basis b (the year itself once December or the yearly report is
// in); nothing means the latest period with data in b.
func (s *Service) resolvePeriod(ctx context.Context, q Params, b indicator.Basis) (stats.Period, error) {
	if q.Period != "" {
		return stats.ParsePeriod(q.Period)
	}
	src := periodSource(b)
	year := q.Year
	if year == 0 {
		var latest sql.NullString
		if err := s.DB.QueryRow(ctx, `SELECT MAX(period) FROM `+src).Scan(&latest); err != nil {
			return stats.Period{}, fmt.Errorf("finding the latest period: %w", err)
		}
		if !latest.Valid {
			return stats.Period{Type: stats.Yearly, Year: s.Engine.Plan.Period.BaselineYear}, nil
		}
		year, _ = strconv.Atoi(latest.String[:4])
	}
	y := strconv.Itoa(year)
	var complete bool
	if err := s.DB.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+src+` WHERE period IN (?, ?))`, y, y+"-12").Scan(&complete); err != nil {
		return stats.Period{}, fmt.Errorf("checking whether %d is complete: %w", year, err)
	}
	var last sql.NullString
	err := s.DB.QueryRow(ctx, `SELECT MAX(period) FROM `+src+` WHERE period > ? AND period < ?`, y, strconv.Itoa(year+1)).Scan(&last)
	if err != nil {
		return stats.Period{}, fmt.Errorf("finding the last period of %d: %w", year, err)
	}
	if complete || !last.Valid {
		return stats.Period{Type: stats.Yearly, Year: year}, nil
	}
	return stats.ParsePeriod(last.String)
}

// unit is one entry of a breakdown.
type unit struct {
	org       indicator.Org
	group     string
	groupName string
}

// units lists the units of a breakdown of o that the caller may see.
func (s *Service) units(ctx context.Context, o indicator.Org, by string) ([]unit, error) {
	switch by {
	case "county", "park":
		orgs, err := children(ctx, s.DB, s.Engine.Plan.Levels, o, by)
		if err != nil {
			return nil, err
		}
		out := make([]unit, len(orgs))
		for i, c := range orgs {
			out[i] = unit{org: c}
		}
		return out, nil
	case "cluster":
		var out []unit
		for _, c := range s.Engine.Plan.Clusters {
			out = append(out, unit{org: o, group: indicator.GroupCluster + c.Code, groupName: c.Name})
		}
		return out, nil
	case "sub_sector", "chain", "node":
		if o.Level == "park" {
			lv := s.Engine.Plan.Levels
			return nil, apperr.New(apperr.Invalid, "%s只在%s和%s汇总，%s 可按产业集群细分", levelName(lv, by), lv.Whole, lv.Division, o.Name)
		}
		if by != "sub_sector" {
			return s.chainUnits(o, by), nil
		}
		var out []unit
		for _, c := range s.Engine.Plan.Clusters {
			for _, sub := range c.SubSectors {
				out = append(out, unit{org: o, group: indicator.GroupSub + sub.Code, groupName: c.Name + "·" + sub.Name})
			}
		}
		return out, nil
	}
	return nil, apperr.New(apperr.Invalid, "细分方式 %q 不支持，可选 county、park、cluster、sub_sector、chain、node", by)
}

// table builds every indicator's row for one unit in the period and basis asked.
func (s *Service) table(ctx context.Context, o indicator.Org, group string, a asked) (Table, error) {
	p := a.period
	t := Table{Org: o, Group: group, Period: p.ID(), PeriodLabel: p.Label()}
	facts, err := s.loadFacts(ctx, o, group, a.basis)
	if err != nil {
		return t, err
	}
	for i := range s.Engine.Plan.Indicators {
		t.Items = append(t.Items, s.Engine.Row(&s.Engine.Plan.Indicators[i], o, group, p, facts))
	}
	return t, nil
}
