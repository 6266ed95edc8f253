package approval

import (
	"context"
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
	seen := map[Key]bool{}
	var locked []Key
	for _, v := range vals {
		p, err := stats.ParsePeriod(v.Period)
		if err != nil {
			return err
		}
		for _, ds := range cat.Datasets {
			k := Key{EnterpriseID: v.EnterpriseID, Dataset: ds.Code, Period: v.Period}
			if ds.PeriodType != p.Type || !slices.Contains(ds.Elements, v.Element) || seen[k] {
				continue
			}
			seen[k] = true
			st, err := status(ctx, q, k)
			if err != nil {
				return err
			}
			if st.Locked() {
				locked = append(locked, k)
			}
		}
	}
	if len(locked) == 0 {
		return nil
	}
	return apperr.New(apperr.Conflict, "%d 个企业报表已上报或审核锁定（首个：%s），不能修改；如需修改请由审核单位退回或由市级管理员解锁",
		len(locked), locked[0]).WithDetails(locked)
}
