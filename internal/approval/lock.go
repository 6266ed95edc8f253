package approval

import (
	"context"
	"fmt"
	"slices"

	"mfgplan/internal/apperr"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// CheckValues is CheckWritable for a batch about to be saved with
// stats.SaveValues: each value's dataset is the catalog dataset of the
// period's type that lists its element. It returns one Conflict error
// naming every locked submission (details: the keys), so an import either
// saves everything or nothing.
func CheckValues(ctx context.Context, q store.Querier, cat *stats.Catalog, vals []stats.Value) error {
	keys, err := submissions(cat, vals)
	if err != nil {
		return err
	}
	locked, err := lockedAmong(ctx, q, keys)
	if err != nil || len(locked) == 0 {
		return err
	}
	first := locked[0]
	var name string
	if err := q.QueryRow(ctx, `SELECT name FROM enterprises WHERE id = ?`, first.EnterpriseID).Scan(&name); err != nil {
		return fmt.Errorf("naming the locked enterprise %d: %w", first.EnterpriseID, err)
	}
	return apperr.New(apperr.Conflict, "%d 个企业报表已上报或审核锁定（首个：「%s」%s%s），不能修改；如需修改请由审核单位退回或由市级管理员解锁",
		len(locked), name, periodName(first.Period), cat.Dataset(first.Dataset).Name).WithDetails(locked)
}

// submissions lists the distinct submissions vals write to, in their order.
// A batch is a few periods and elements but thousands of values: each
// period is parsed once and each dataset's elements looked up in a set.
func submissions(cat *stats.Catalog, vals []stats.Value) ([]Key, error) {
	types := map[string]stats.PeriodType{}
	members := make([]map[string]bool, len(cat.Datasets))
	for i, ds := range cat.Datasets {
		members[i] = make(map[string]bool, len(ds.Elements))
		for _, code := range ds.Elements {
			members[i][code] = true
		}
	}
	seen := map[Key]bool{}
	var keys []Key
	for _, v := range vals {
		typ, ok := types[v.Period]
		if !ok {
			p, err := stats.ParsePeriod(v.Period)
			if err != nil {
				return nil, err
			}
			typ, types[v.Period] = p.Type, p.Type
		}
		for i, ds := range cat.Datasets {
			k := Key{EnterpriseID: v.EnterpriseID, Dataset: ds.Code, Period: v.Period}
			if ds.PeriodType == typ && members[i][v.Element] && !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return keys, nil
}

// idChunk keeps IN lists well below every driver's parameter limit.
const idChunk = 500

// lockedAmong returns the keys whose submission is locked, in keys' order,
// with one query per dataset, period and 500 enterprises.
func lockedAmong(ctx context.Context, q store.Querier, keys []Key) ([]Key, error) {
	type group struct{ dataset, period string }
	ids := map[group][]any{}
	var order []group
	for _, k := range keys {
		g := group{k.Dataset, k.Period}
		if _, ok := ids[g]; !ok {
			order = append(order, g)
		}
		ids[g] = append(ids[g], k.EnterpriseID)
	}
	status := map[Key]Status{}
	for _, g := range order {
		for chunk := range slices.Chunk(ids[g], idChunk) {
			if err := readStatuses(ctx, q, g.dataset, g.period, chunk, status); err != nil {
				return nil, err
			}
		}
	}
	var locked []Key
	for _, k := range keys {
		if status[k].Locked() {
			locked = append(locked, k)
		}
	}
	return locked, nil
}

// readStatuses adds the statuses of the enterprises' submissions of dataset
// and period to out.
func readStatuses(ctx context.Context, q store.Querier, dataset, period string, ids []any, out map[Key]Status) error {
	rows, err := q.Query(ctx, `SELECT enterprise_id, status FROM approvals WHERE dataset = ? AND period = ? AND enterprise_id IN (`+
		store.Placeholders(len(ids))+`)`, append([]any{dataset, period}, ids...)...)
	if err != nil {
		return fmt.Errorf("reading approval statuses of %s %s: %w", dataset, period, err)
	}
	defer rows.Close()
	for rows.Next() {
		k := Key{Dataset: dataset, Period: period}
		var st Status
		if err := rows.Scan(&k.EnterpriseID, &st); err != nil {
			return fmt.Errorf("reading approval statuses of %s %s: %w", dataset, period, err)
		}
		out[k] = st
	}
	return rows.Err()
}
