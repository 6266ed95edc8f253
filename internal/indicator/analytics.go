package indicator

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// RefreshStats says what a rebuild or refresh did.
type RefreshStats struct {
	Changes  int           `json:"changes"` // dirty (enterprise, period) entries consumed
	Periods  int           `json:"periods"`
	Units    int           `json:"units"`
	Rows     int           `json:"rows"`
	Duration time.Duration `json:"duration_ns"`
}

// Rebuild recomputes every analytics row from the data in one transaction:
// readers see the old rows until it commits.
func (e *Engine) Rebuild(ctx context.Context, db *store.DB) (RefreshStats, error) {
	e.refreshing.Lock()
	defer e.refreshing.Unlock()
	return e.rebuild(ctx, db)
}

// rebuild is Rebuild for a caller that holds the refresh lock; it records
// the definitions the rows are computed with in the same transaction.
func (e *Engine) rebuild(ctx context.Context, db *store.DB) (RefreshStats, error) {
	start := time.Now()
	var st RefreshStats
	err := db.InTx(ctx, func(tx *store.Tx) error {
		for _, q := range []string{`DELETE FROM analytics_indicator_values`, `DELETE FROM analytics_dirty`} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("clearing analytics: %w", err)
			}
		}
		periods, err := e.knownPeriods(ctx, tx)
		if err != nil {
			return err
		}
		r, err := loadRoster(ctx, tx, unitFilter{})
		if err != nil {
			return err
		}
		for _, p := range periods {
			n, units, err := e.computePeriod(ctx, tx, r, p, nil)
			if err != nil {
				return err
			}
			st.Rows += n
			st.Units += units
		}
		st.Periods = len(periods)
		if _, err := tx.Exec(ctx, `INSERT INTO analytics_definitions (id, sha256, built_at) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET sha256 = excluded.sha256, built_at = excluded.built_at`, e.DefsSHA, start.UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("recording the analytics' definitions: %w", err)
		}
		return recordPlaces(ctx, tx, 0)
	})
	st.Duration = time.Since(start)
	if err != nil {
		return st, fmt.Errorf("rebuilding analytics: %w", err)
	}
	return st, nil
}

// knownPeriods lists the periods analytics are kept for, oldest first: every
// reported period, the year of each, and every year from the earliest
// baseline to the plan's end that has begun (tags count with no values).
func (e *Engine) knownPeriods(ctx context.Context, q store.Querier) ([]stats.Period, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT period FROM data_values`)
	if err != nil {
		return nil, fmt.Errorf("listing reported periods: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("listing reported periods: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	set := e.planYears()
	for _, id := range ids {
		p, err := stats.ParsePeriod(id)
		if err != nil {
			return nil, fmt.Errorf("stored period %q: %w", id, err)
		}
		set[p] = true
		set[stats.Period{Type: stats.Yearly, Year: p.Year}] = true
	}
	return sortedPeriods(set), nil
}

// planYears are the years from the earliest baseline to the plan's end
// that have begun.
func (e *Engine) planYears() map[stats.Period]bool {
	first := e.Plan.Period.BaselineYear
	for _, ind := range e.Plan.Indicators {
		if ind.Baseline != nil && ind.Baseline.Year < first {
			first = ind.Baseline.Year
		}
	}
	out := map[stats.Period]bool{}
	for y := first; y <= min(e.Plan.Period.End, time.Now().Year()); y++ {
		out[stats.Period{Type: stats.Yearly, Year: y}] = true
	}
	return out
}

// sortedPeriods orders periods in time; a year comes after its months, so
// that a year's values are computed from settled months.
func sortedPeriods(set map[stats.Period]bool) []stats.Period {
	out := make([]stats.Period, 0, len(set))
	for p := range set {
		if p.Type != stats.Quarterly {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if (a.Type == stats.Yearly) != (b.Type == stats.Yearly) {
			return b.Type == stats.Yearly
		}
		return a.Index < b.Index
	})
	return out
}

// defsFor lists the computed definitions evaluated in a period: monthly
// ones every month, all of them for a year.
func (e *Engine) defsFor(p stats.Period) []*Definition {
	var out []*Definition
	for i := range e.Defs.Indicators {
		d := &e.Defs.Indicators[i]
		if d.Kind == Computed && (p.Type == stats.Yearly || d.Frequency == "monthly") {
			out = append(out, d)
		}
	}
	return out
}

// computePeriod evaluates the period's indicators in every basis kept for
// it, for the wanted units (all when want is nil), and replaces their rows.
// It returns rows and units written.
func (e *Engine) computePeriod(ctx context.Context, tx *store.Tx, r *roster, p stats.Period, want map[unitKey]bool) (int, int, error) {
	var kept []Basis
	for _, b := range bases {
		ok, err := keptIn(ctx, tx, p, b)
		if err != nil {
			return 0, 0, err
		}
		if ok {
			kept = append(kept, b)
		} else if _, err := tx.Exec(ctx, `DELETE FROM analytics_indicator_values WHERE period = ? AND basis = ?`, p.ID(), string(b)); err != nil {
			return 0, 0, fmt.Errorf("clearing %s analytics of %s: %w", b.Name(), p, err)
		}
	}
	defs := e.defsFor(p)
	frs, err := r.frames(ctx, tx, p, kept, e.elementsOf(defs...))
	if err != nil {
		return 0, 0, err
	}
	rows, units := 0, 0
	var done map[unitKey]unitLevels
	for _, b := range kept {
		ps := &pass{basis: b, fr: frs[b], reuse: done, same: frs[b].same}
		n, u, out, err := e.computeBasis(ctx, tx, defs, ps, want)
		rows, units, done = rows+n, units+u, out
		if err != nil {
			return rows, units, err
		}
	}
	return rows, units, nil
}

// computeBasis evaluates the definitions over the pass's frame for the
// wanted units (all when want is nil) and replaces their rows. It returns
// rows and units written and the units' results.
func (e *Engine) computeBasis(ctx context.Context, tx *store.Tx, defs []*Definition, ps *pass, want map[unitKey]bool) (int, int, map[unitKey]unitLevels, error) {
	fr, b, p := ps.fr, ps.basis, ps.fr.Period
	parts := partition(e.Plan.Region.Code, e.chains, fr.Firms, want)
	done := make(map[unitKey]unitLevels, len(parts))
	prev, err := e.prevLevels(ctx, tx, p, b)
	if err != nil {
		return 0, 0, nil, err
	}
	w, err := newRowWriter(ctx, tx, b)
	if err != nil {
		return 0, 0, nil, err
	}
	defer w.close()
	if want == nil {
		if _, err := tx.Exec(ctx, `DELETE FROM analytics_indicator_values WHERE period = ? AND basis = ?`, p.ID(), string(b)); err != nil {
			return 0, 0, nil, fmt.Errorf("clearing %s analytics of %s: %w", b.Name(), p, err)
		}
	}
	n := 0
	for k, firms := range parts {
		if want != nil {
			if err := w.deleteUnit(ctx, k, p); err != nil {
				return n, len(parts), nil, err
			}
		}
		if b != BasisAll && len(firms) == 0 {
			continue // no approved data in the unit: no rows, not zeros
		}
		lv, ok := ps.reused(k, firms)
		if !ok {
			lv = e.evaluateUnit(fr, firms, defs)
		}
		done[k] = lv
		for i, d := range defs {
			res := lv.res[i]
			val, err := applyCompare(d.Compare, res.Value, prev[prevKey{d.Code, k}])
			if err != nil && res.Missing == "" {
				res.Missing = err.Error()
			}
			if err := w.insert(ctx, d.Code, k, p, res, val); err != nil {
				return n, len(parts), nil, err
			}
			n++
		}
	}
	return n, len(parts), done, w.flush(ctx)
}

// evaluateUnit evaluates the definitions over one unit's enterprises.
func (e *Engine) evaluateUnit(fr *frame, firms []*firm, defs []*Definition) unitLevels {
	ev := e.evaluator(fr, firms)
	lv := unitLevels{firms: len(firms), res: make([]levelResult, len(defs))}
	for i, d := range defs {
		lv.res[i] = e.evaluate(ev, d, false)
	}
	return lv
}

// elementsOf lists the data elements the definitions read, once each.
func (e *Engine) elementsOf(defs ...*Definition) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range defs {
		if c := e.progs[d.Code]; c != nil {
			for _, el := range c.elements {
				if !seen[el] {
					seen[el] = true
					out = append(out, el)
				}
			}
		}
	}
	return out
}

type prevKey struct {
	code string
	unit unitKey
}

// prevLevels reads last year's levels of the compare indicators in the same
// basis (同比 base): approved figures grow from approved ones.
func (e *Engine) prevLevels(ctx context.Context, q store.Querier, p stats.Period, b Basis) (map[prevKey]*float64, error) {
	rows, err := q.Query(ctx, `SELECT indicator_code, org_code, group_code, level FROM analytics_indicator_values WHERE period = ? AND basis = ?`,
		p.SamePeriodLastYear().ID(), string(b))
	if err != nil {
		return nil, fmt.Errorf("reading %s levels: %w", p.SamePeriodLastYear(), err)
	}
	defer rows.Close()
	out := map[prevKey]*float64{}
	for rows.Next() {
		var k prevKey
		var lv sql.NullFloat64
		if err := rows.Scan(&k.code, &k.unit.Org, &k.unit.Group, &lv); err != nil {
			return nil, err
		}
		if d := e.Defs.Def(k.code); d != nil && d.Compare != CompareLevel && lv.Valid {
			v := lv.Float64
			out[k] = &v
		}
	}
	return out, rows.Err()
}
