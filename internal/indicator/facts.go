package indicator

import (
	"context"
	"database/sql"
	"fmt"

	"mfgplan/internal/stats"
)

// observed is one stored figure: an analytics value or a region value.
type observed struct {
	Value   *float64
	Firms   int
	Missing string
	Source  string
}

// unitFacts are the stored figures of one unit: its analytics rows and the
// region values of its org unit and of the city (external references).
type unitFacts struct {
	basis     Basis
	analytics map[string]map[string]observed // indicator → period → value
	region    map[string]map[string]observed // org|element → period → value
}

// loadFacts reads a unit's analytics rows in basis b. Region values are
// entered by the bureaus, not submitted by enterprises, and count in both bases.
func (s *Service) loadFacts(ctx context.Context, o Org, group string, b Basis) (*unitFacts, error) {
	f := &unitFacts{basis: b, analytics: map[string]map[string]observed{}, region: map[string]map[string]observed{}}
	rows, err := s.DB.Query(ctx, `SELECT indicator_code, period, value, firms, missing FROM analytics_indicator_values
		WHERE org_code = ? AND group_code = ? AND basis = ?`, o.Code, group, string(b))
	if err != nil {
		return nil, fmt.Errorf("reading analytics of %s: %w", o.Code, err)
	}
	for rows.Next() {
		var code, period string
		var ob observed
		var v sql.NullFloat64
		if err := rows.Scan(&code, &period, &v, &ob.Firms, &ob.Missing); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading analytics of %s: %w", o.Code, err)
		}
		if v.Valid {
			ob.Value = &v.Float64
		}
		put(f.analytics, code, period, ob)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.DB.Query(ctx, `SELECT org_code, element_code, period, value, source FROM region_values WHERE org_code IN (?, ?)`,
		o.Code, s.Engine.Plan.Region.Code)
	if err != nil {
		return nil, fmt.Errorf("reading region values of %s: %w", o.Code, err)
	}
	defer rows.Close()
	for rows.Next() {
		var org, el, period string
		var v float64
		var ob observed
		if err := rows.Scan(&org, &el, &period, &v, &ob.Source); err != nil {
			return nil, fmt.Errorf("reading region values: %w", err)
		}
		ob.Value = &v
		put(f.region, org+"|"+el, period, ob)
	}
	return f, rows.Err()
}

func put(m map[string]map[string]observed, k, period string, ob observed) {
	if m[k] == nil {
		m[k] = map[string]observed{}
	}
	m[k][period] = ob
}

// effectivePeriod is the period an indicator is read at when p is asked for:
// monthly indicators at p (a quarter at its last month), yearly ones at p's
// year once complete, else at the year before.
func effectivePeriod(d *Definition, p stats.Period) stats.Period {
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
func (f *unitFacts) actual(d *Definition, o Org, group string, p stats.Period) observed {
	if d.Kind == Direct {
		if group != "" || o.Level == "park" {
			return observed{Missing: "该指标按行政区直接录入，没有园区或产业细分数据"}
		}
		ob, ok := f.region[o.Code+"|"+d.Element][p.ID()]
		if !ok {
			return observed{Missing: fmt.Sprintf("尚未录入该期数值（区域指标 %s，来源：%s）", d.Element, d.Source)}
		}
		return ob
	}
	ob, ok := f.analytics[d.Code][p.ID()]
	if !ok && f.basis == BasisApproved {
		return observed{Missing: "该期间尚无审核通过或已确认的数据"}
	}
	if !ok {
		return observed{Missing: "该期间无可用数据"}
	}
	if ob.Value == nil && ob.Missing == "" {
		ob.Missing = "无可用数据"
	}
	return ob
}

// reference is the latest external reference value entered for the city up
// to year, with the year it is for.
func (f *unitFacts) reference(city, element string, year int) (*float64, int) {
	for y := year; y >= year-5; y-- {
		if ob, ok := f.region[city+"|"+element][fmt.Sprint(y)]; ok {
			return ob.Value, y
		}
	}
	return nil, 0
}
