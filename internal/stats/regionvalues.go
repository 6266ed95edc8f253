package stats

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
)

// RegionValue is a figure for a city or county as a whole, with its source.
type RegionValue struct {
	Org         string  `json:"org_code"`
	OrgName     string  `json:"org_name,omitempty"`
	Element     string  `json:"element"`
	ElementName string  `json:"element_name,omitempty"`
	Unit        string  `json:"unit,omitempty"`
	Period      string  `json:"period"`
	Value       float64 `json:"value"`
	Source      string  `json:"source"`
	Note        string  `json:"note,omitempty"`
	UpdatedBy   string  `json:"updated_by,omitempty"`
	UpdatedAt   string  `json:"updated_at,omitempty"`
}

// RegionValues keeps region-level figures. Reading a figure needs the org in
// the caller's view (the city needs View.All); writing needs it in the Enter
// scope.
type RegionValues struct {
	db  *store.DB
	cat *Catalog
}

// NewRegionValues returns the service over db for the catalog's region elements.
func NewRegionValues(db *store.DB, cat *Catalog) *RegionValues {
	return &RegionValues{db: db, cat: cat}
}

// Set stores a figure, replacing the one for the same org, element and period.
func (r *RegionValues) Set(ctx context.Context, v RegionValue) (RegionValue, error) {
	p := access.From(ctx)
	if p.Role == access.RoleLeader || !p.Enter.CoversOrg(v.Org) {
		return v, apperr.New(apperr.Forbidden, "无权填报 %s 的区域数据", v.Org)
	}
	if err := r.check(ctx, r.db, &v); err != nil {
		return v, err
	}
	v.UpdatedBy, v.UpdatedAt = p.User, time.Now().UTC().Format(time.RFC3339)
	if _, err := upsertRegionValue(ctx, r.db, v, true); err != nil {
		return v, err
	}
	return v, nil
}

// check validates a figure and fills in its element's name and unit.
func (r *RegionValues) check(ctx context.Context, q store.Querier, v *RegionValue) error {
	el := r.cat.RegionElement(v.Element)
	if el == nil {
		return apperr.New(apperr.Invalid, "未知的区域指标 %q", v.Element)
	}
	var level string
	if err := q.QueryRow(ctx, `SELECT name, level FROM org_units WHERE code = ?`, v.Org).Scan(&v.OrgName, &level); err != nil {
		return apperr.New(apperr.Invalid, "行政区划代码 %q 不存在", v.Org)
	}
	if !slices.Contains(el.Levels, level) {
		return apperr.New(apperr.Invalid, "区域指标 %s（%s）不能在%s级填报", el.Code, el.Name, level)
	}
	if _, err := ParsePeriod(v.Period); err != nil {
		return err
	}
	if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
		return apperr.New(apperr.Invalid, "区域指标 %s 的数值不是有效数字", el.Code)
	}
	if strings.TrimSpace(v.Source) == "" {
		return apperr.New(apperr.Invalid, "区域指标 %s %s 必须注明来源", el.Code, v.Period)
	}
	v.ElementName, v.Unit = el.Name, el.Unit
	return nil
}

// upsertRegionValue writes v, replacing a stored figure only when replace is
// set; it reports how many rows it wrote.
func upsertRegionValue(ctx context.Context, q store.Querier, v RegionValue, replace bool) (int64, error) {
	conflict := ` ON CONFLICT (org_code, element_code, period) DO NOTHING`
	if replace {
		conflict = ` ON CONFLICT (org_code, element_code, period) DO UPDATE SET value = excluded.value, source = excluded.source,
			note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`
	}
	res, err := q.Exec(ctx, `INSERT INTO region_values (org_code, element_code, period, value, source, note, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`+conflict, v.Org, v.Element, v.Period, v.Value, v.Source, v.Note, v.UpdatedBy, v.UpdatedAt)
	if err != nil {
		return 0, fmt.Errorf("storing %s %s of %s: %w", v.Element, v.Period, v.Org, err)
	}
	return res.RowsAffected()
}

// RegionFilter narrows a listing; empty fields do not filter.
type RegionFilter struct {
	Org     string `json:"org,omitempty"`
	Element string `json:"element,omitempty"`
	Period  string `json:"period,omitempty"`
}

// List returns the stored figures of the orgs the caller may see.
func (r *RegionValues) List(ctx context.Context, f RegionFilter) ([]RegionValue, error) {
	rows, err := r.db.Query(ctx, `SELECT v.org_code, o.name, v.element_code, v.period, v.value, v.source, v.note, v.updated_by, v.updated_at
		FROM region_values v JOIN org_units o ON o.code = v.org_code
		WHERE (? = '' OR v.org_code = ?) AND (? = '' OR v.element_code = ?) AND (? = '' OR v.period = ?)
		ORDER BY v.org_code, v.element_code, v.period`, f.Org, f.Org, f.Element, f.Element, f.Period, f.Period)
	if err != nil {
		return nil, fmt.Errorf("listing region values: %w", err)
	}
	defer rows.Close()
	view := access.From(ctx).View
	out := []RegionValue{}
	for rows.Next() {
		var v RegionValue
		if err := rows.Scan(&v.Org, &v.OrgName, &v.Element, &v.Period, &v.Value, &v.Source, &v.Note, &v.UpdatedBy, &v.UpdatedAt); err != nil {
			return nil, fmt.Errorf("listing region values: %w", err)
		}
		if !view.CoversOrg(v.Org) {
			continue
		}
		if el := r.cat.RegionElement(v.Element); el != nil {
			v.ElementName, v.Unit = el.Name, el.Unit
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
