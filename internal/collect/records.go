package collect

import (
	"context"
	"slices"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/approval"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// record is one enterprise's values for one period, however they arrived
// (a sheet row, a group of JSON items).
type record struct {
	ent    *enterprise
	period stats.Period
	values map[string]float64
	// locate says where a finding about an element points: a cell or an
	// array index.
	locate func(element string) Problem
}

// checkRecords applies the validation rules to a batch, with the stored
// values of the two periods before each record (for 累计 and jump rules).
func (s *Service) checkRecords(ctx context.Context, q store.Querier, recs []record, elements []string, ps *problems) error {
	prev, err := loadPrevious(ctx, q, recs, elements)
	if err != nil {
		return err
	}
	ids := map[stats.Period][2]string{} // period → the two before, formatted once
	needed := map[string]bool{}         // periods some record compares with
	for _, r := range recs {
		if _, ok := ids[r.period]; !ok {
			before := [2]string{r.period.Prev().ID(), r.period.Prev().Prev().ID()}
			ids[r.period] = before
			needed[before[0]], needed[before[1]] = true, true
		}
	}
	// A batch that carries the previous month too (JSON) is checked against
	// what it will store, not only against what is stored. (A file is one
	// period: none of its values is needed, and each cost a map entry.)
	for _, r := range recs {
		if id := r.period.ID(); needed[id] {
			for code, v := range r.values {
				prev[stats.ValueKey{Enterprise: r.ent.id, Element: code, Period: id}] = v
			}
		}
	}
	prev1, prev2 := map[string]float64{}, map[string]float64{} // reused: the rules keep no reference
	for _, r := range recs {
		before := ids[r.period]
		p1, p2 := before[0], before[1]
		clear(prev1)
		clear(prev2)
		rec := stats.Record{Period: r.period, Values: r.values, Prev: prev1, Prev2: prev2}
		for code := range r.values {
			if v, ok := prev[stats.ValueKey{Enterprise: r.ent.id, Element: code, Period: p1}]; ok {
				rec.Prev[code] = v
			}
			if v, ok := prev[stats.ValueKey{Enterprise: r.ent.id, Element: code, Period: p2}]; ok {
				rec.Prev2[code] = v
			}
		}
		for _, f := range s.rules.Check(s.cat, elements, rec) {
			p := r.locate(f.Element)
			// The USCC lets a reviewer find the firm's warnings in the import.
			p.Severity, p.Rule, p.Message, p.USCC = f.Rule.Severity, f.Rule.Code, f.Message(), r.ent.uscc
			ps.add(p)
		}
	}
	return nil
}

// loadPrevious reads the stored values of the batch's enterprises and
// elements in the two periods before each record's period.
func loadPrevious(ctx context.Context, q store.Querier, recs []record, elements []string) (map[stats.ValueKey]float64, error) {
	var ids []int64
	var periods []string
	for _, r := range recs {
		ids = append(ids, r.ent.id)
		for _, p := range []string{r.period.Prev().ID(), r.period.Prev().Prev().ID()} {
			if !slices.Contains(periods, p) {
				periods = append(periods, p)
			}
		}
	}
	slices.Sort(ids)
	vals, err := stats.LoadValues(ctx, q, slices.Compact(ids), elements, periods)
	return vals, must(err, "reading previous periods")
}

// saveRecords writes a batch through stats.SaveValues (which skips equal
// values and records history), unless a submission it touches is locked by
// the approval workflow: then nothing is saved (Conflict, 409).
func saveRecords(ctx context.Context, tx *store.Tx, cat *stats.Catalog, recs []record, order []string, source string) (stats.SaveResult, error) {
	var vals []stats.Value
	for _, r := range recs {
		period := r.period.ID()
		for _, code := range order {
			if v, ok := r.values[code]; ok {
				vals = append(vals, stats.Value{EnterpriseID: r.ent.id, Element: code, Period: period, Value: v})
			}
		}
	}
	if err := approval.CheckValues(ctx, tx, cat, vals); err != nil {
		return stats.SaveResult{}, err
	}
	res, err := stats.SaveValues(ctx, tx, vals, source, access.From(ctx).User)
	return res, must(err, "saving values")
}

// lockPeriods makes imports into the same periods run one after the other
// (store.Tx.Lock): the later one waits and then sees what the earlier one
// stored. Periods are locked in order, so two imports never wait for each
// other; on SQLite a wait longer than the busy timeout is a conflict.
func lockPeriods(ctx context.Context, tx *store.Tx, periods []stats.Period) error {
	ids := make([]string, len(periods))
	for i, p := range periods {
		ids[i] = p.ID()
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		if err := tx.Lock(ctx, "import:"+id); err != nil {
			return err
		}
	}
	return nil
}

// conflictOf tells a user why a write that met another writer failed.
func conflictOf(err error) error {
	if err == nil || !store.IsConflict(err) {
		return err
	}
	return &apperr.Error{Code: apperr.Conflict, Message: "另一个导入正在写入同一期数据，请稍后重试", Err: err}
}

// addResult accumulates save counts.
func addResult(a *stats.SaveResult, b stats.SaveResult) {
	a.Inserted += b.Inserted
	a.Updated += b.Updated
	a.Unchanged += b.Unchanged
}
