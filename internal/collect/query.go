package collect

import (
	"context"

	"mfgplan/internal/access"
	"mfgplan/internal/store"
)

// entValues is one enterprise with its values in the requested periods
// (vals[i] holds periods[i]).
type entValues struct {
	id   int64
	uscc string
	name string
	vals []map[string]float64
}

// eachEnterprise streams the enterprises in scope in USCC order, each with
// its values of the given elements in the given periods: one query, rows
// grouped as they arrive, so an export of any size keeps one enterprise in
// memory.
func eachEnterprise(ctx context.Context, q store.Querier, scope access.Scope, elements, periods []string, fn func(entValues) error) error {
	filter, args := scope.EnterpriseFilter("e")
	elIn := store.Placeholders(len(elements))
	pIn := store.Placeholders(len(periods))
	qargs := []any{}
	for _, e := range elements {
		qargs = append(qargs, e)
	}
	for _, p := range periods {
		qargs = append(qargs, p)
	}
	rows, err := q.Query(ctx, `SELECT e.id, e.uscc, e.name, v.element_code, v.period, v.value FROM enterprises e
		LEFT JOIN data_values v ON v.enterprise_id = e.id AND v.element_code IN (`+elIn+`) AND v.period IN (`+pIn+`)
		WHERE `+filter+` ORDER BY e.uscc, e.id`, append(qargs, args...)...)
	if err != nil {
		return must(err, "reading values for the workbook")
	}
	defer rows.Close()
	var cur *entValues
	for rows.Next() {
		var id int64
		var uscc, name string
		var code, period *string
		var val *float64
		if err := rows.Scan(&id, &uscc, &name, &code, &period, &val); err != nil {
			return must(err, "reading values for the workbook")
		}
		if cur == nil || cur.id != id {
			if cur != nil {
				if err := fn(*cur); err != nil {
					return err
				}
			}
			cur = &entValues{id: id, uscc: uscc, name: name, vals: make([]map[string]float64, len(periods))}
			for i := range cur.vals {
				cur.vals[i] = map[string]float64{}
			}
		}
		if code != nil && val != nil {
			for i, p := range periods {
				if p == *period {
					cur.vals[i][*code] = *val
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return must(err, "reading values for the workbook")
	}
	if cur != nil {
		return fn(*cur)
	}
	return nil
}

// countScope counts the enterprises in scope.
func countScope(ctx context.Context, q store.Querier, scope access.Scope) (int, error) {
	filter, args := scope.EnterpriseFilter("e")
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM enterprises e WHERE `+filter, args...).Scan(&n)
	return n, must(err, "counting enterprises")
}
