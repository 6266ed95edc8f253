package stats

import (
	"context"
	"fmt"

	"mfgplan/internal/store"
)

// Reporting returns, for each period, the enterprises that have at least
// one stored value among elements (the firms that have filed, 已填报, in
// the sense of the filing calendar and 报送进度). It reads the covering
// index data_values_period (period, element_code, enterprise_id) only.
func Reporting(ctx context.Context, q store.Querier, periods, elements []string) (map[string]map[int64]bool, error) {
	out := make(map[string]map[int64]bool, len(periods))
	for _, p := range periods {
		out[p] = map[int64]bool{}
	}
	if len(periods) == 0 || len(elements) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(periods)+len(elements))
	for _, p := range periods {
		args = append(args, p)
	}
	for _, e := range elements {
		args = append(args, e)
	}
	rows, err := q.Query(ctx, `SELECT DISTINCT period, enterprise_id FROM data_values
		WHERE period IN (`+store.Placeholders(len(periods))+`) AND element_code IN (`+store.Placeholders(len(elements))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("reading which enterprises have filed: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p string
		var id int64
		if err := rows.Scan(&p, &id); err != nil {
			return nil, fmt.Errorf("reading which enterprises have filed: %w", err)
		}
		out[p][id] = true
	}
	return out, rows.Err()
}
