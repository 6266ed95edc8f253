package stats

import (
	"context"
	"fmt"

	"mfgplan/internal/store"
)

// months returns the first and last month the period covers, counted from
// year 0, so periods of different types can be compared.
func (p Period) months() (first, last int) {
	base := p.Year * 12
	switch p.Type {
	case Monthly:
		return base + p.Index - 1, base + p.Index - 1
	case Quarterly:
		return base + 3*p.Index - 3, base + 3*p.Index - 1
	}
	return base, base + 11
}

// Within reports whether p lies inside [from, to]; a zero bound is open.
func (p Period) Within(from, to *Period) bool {
	first, last := p.months()
	if from != nil {
		if f, _ := from.months(); first < f {
			return false
		}
	}
	if to != nil {
		if _, l := to.months(); last > l {
			return false
		}
	}
	return true
}

// Series returns an enterprise's stored values of one element (all when
// empty) whose periods lie within from and to (open when empty), ordered by
// element and period. Callers check that the enterprise may be seen.
func Series(ctx context.Context, q store.Querier, enterpriseID int64, element, from, to string) ([]Value, error) {
	var bounds [2]*Period
	for i, s := range []string{from, to} {
		if s == "" {
			continue
		}
		p, err := ParsePeriod(s)
		if err != nil {
			return nil, err
		}
		bounds[i] = &p
	}
	rows, err := q.Query(ctx, `SELECT element_code, period, value FROM data_values
		WHERE enterprise_id = ? AND (? = '' OR element_code = ?) ORDER BY element_code, period`, enterpriseID, element, element)
	if err != nil {
		return nil, fmt.Errorf("reading values of enterprise %d: %w", enterpriseID, err)
	}
	defer rows.Close()
	out := []Value{}
	for rows.Next() {
		v := Value{EnterpriseID: enterpriseID}
		if err := rows.Scan(&v.Element, &v.Period, &v.Value); err != nil {
			return nil, fmt.Errorf("reading values of enterprise %d: %w", enterpriseID, err)
		}
		if p, err := ParsePeriod(v.Period); err == nil && p.Within(bounds[0], bounds[1]) {
			out = append(out, v)
		}
	}
	return out, rows.Err()
}
