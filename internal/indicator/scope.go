package indicator

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/plan"
	"mfgplan/internal/store"
)

// Org is an org unit results are given for: the city, a county or a park.
type Org struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Level  string `json:"level"` // city, county, park
	County string `json:"county,omitempty"`
}

// lookupOrg finds an org unit by code among org_units and parks.
func lookupOrg(ctx context.Context, q store.Querier, lv plan.Levels, code string) (Org, error) {
	o := Org{Code: code}
	err := q.QueryRow(ctx, `SELECT name, level FROM org_units WHERE code = ?`, code).Scan(&o.Name, &o.Level)
	if err == nil && o.Level == "town" {
		// Analytics are kept per city, county and park; a town read as one
		// of them would show the whole city's firms under its name.
		return o, apperr.New(apperr.Invalid, "暂不提供%s级指标：%s 是%s，请选择%s、%s或园区", lv.Town, code, lv.Town, lv.Whole, lv.Division)
	}
	if err == nil {
		if o.Level == "county" {
			o.County = code
		}
		return o, nil
	}
	if err != sql.ErrNoRows {
		return o, fmt.Errorf("reading org unit %s: %w", code, err)
	}
	err = q.QueryRow(ctx, `SELECT name, county_code FROM parks WHERE code = ?`, code).Scan(&o.Name, &o.County)
	if err == sql.ErrNoRows {
		return o, apperr.New(apperr.NotFound, "单位 %s 不存在或无权查看", code)
	}
	if err != nil {
		return o, fmt.Errorf("reading park %s: %w", code, err)
	}
	o.Level = "park"
	return o, nil
}

// canView reports whether a scope may see aggregates of an org unit: the
// city needs All; a county scope sees its county and the parks in it; a park
// scope sees its park.
func canView(s access.Scope, o Org) bool {
	switch {
	case s.All:
		return true
	case o.Level == "county":
		return slices.Contains(s.Counties, o.Code)
	case o.Level == "park":
		return slices.Contains(s.Parks, o.Code) || slices.Contains(s.Counties, o.County)
	}
	return false
}

// resolveOrg returns the org unit asked for, or the caller's own widest one,
// after checking the caller may see it. Out-of-scope units are not found,
// so their existence does not leak.
func resolveOrg(ctx context.Context, q store.Querier, lv plan.Levels, city, code string) (Org, error) {
	s := access.From(ctx).View
	if code == "" {
		switch {
		case s.All:
			code = city
		case len(s.Counties) > 0:
			code = s.Counties[0]
		case len(s.Parks) > 0:
			code = s.Parks[0]
		default:
			return Org{}, apperr.New(apperr.NotFound, "当前用户无权查看汇总指标")
		}
	}
	o, err := lookupOrg(ctx, q, lv, code)
	if err != nil {
		return o, err
	}
	if !canView(s, o) {
		return Org{}, apperr.New(apperr.NotFound, "单位 %s 不存在或无权查看", code)
	}
	return o, nil
}

// children lists the org units below o of a level (county or park) that the
// caller may see.
func children(ctx context.Context, q store.Querier, lv plan.Levels, o Org, level string) ([]Org, error) {
	var query string
	var args []any
	switch {
	case level == "county" && o.Level == "city":
		query, args = `SELECT code, name, 'county', code FROM org_units WHERE level = 'county' AND parent_code = ? ORDER BY code`, []any{o.Code}
	case level == "county" && o.Level == "county":
		return []Org{o}, nil
	case level == "park" && o.Level == "city":
		query = `SELECT code, name, 'park', county_code FROM parks ORDER BY county_code, code`
	case level == "park" && o.Level == "county":
		query, args = `SELECT code, name, 'park', county_code FROM parks WHERE county_code = ? ORDER BY code`, []any{o.Code}
	case level == "park" && o.Level == "park":
		return []Org{o}, nil
	default:
		return nil, apperr.New(apperr.Invalid, "无法按%s细分%s", levelName(lv, level), o.Name)
	}
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("listing units under %s: %w", o.Code, err)
	}
	defer rows.Close()
	s := access.From(ctx).View
	var out []Org
	for rows.Next() {
		var c Org
		if err := rows.Scan(&c.Code, &c.Name, &c.Level, &c.County); err != nil {
			return nil, fmt.Errorf("listing units under %s: %w", o.Code, err)
		}
		if canView(s, c) {
			out = append(out, c)
		}
	}
	return out, rows.Err()
}

// levelName is the name of a breakdown level; the division level is named
// as the plan names it (设区市 in a province, 县（市、区） in a city).
func levelName(lv plan.Levels, level string) string {
	if level == "county" {
		return lv.Division
	}
	return map[string]string{"park": "园区", "cluster": "产业集群", "sub_sector": "细分领域", "chain": "产业链", "node": "产业链节点"}[level]
}

// orgFilter is the SQL condition on enterprises e for an org unit, joined
// with the caller's scope so that explanations never show another's firms.
func orgFilter(ctx context.Context, o Org, group string, ci chainIndex) unitFilter {
	var cond string
	var args []any
	switch o.Level {
	case "county":
		cond, args = "e.county_code = ?", []any{o.Code}
	case "park":
		cond, args = "e.park_code = ?", []any{o.Code}
	default:
		cond = "1=1"
	}
	gc, ga := groupFilter(group, ci)
	sc, sa := access.From(ctx).View.EnterpriseFilter("e")
	return unitFilter{cond: cond + " AND " + gc + " AND " + sc, args: append(append(args, ga...), sa...)}
}
