// Package analytics keeps the indicator analytics: every indicator's value
// per org unit, group, period and data basis (analytics_indicator_values),
// and where each enterprise was last counted (analytics_enterprises,
// analytics_enterprise_nodes). It is the only writer of those tables: a
// rebuild recomputes everything, a refresh only what the marks in
// analytics_dirty name (package dirty; the writers of the source tables
// write the marks in their own transactions). The formulas, targets and
// status rules are package indicator's; this package reads the data,
// evaluates and stores.
package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"sync"
	"time"

	"mfgplan/internal/indicator"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Service keeps the analytics of one plan's indicators in one store.
type Service struct {
	db  *store.DB
	eng *indicator.Engine
	// refreshing lets one refresh run at a time: concurrent refreshes after
	// a change would otherwise each start a write transaction, and SQLite
	// refuses a second writer that began as a reader (SQLITE_BUSY) instead
	// of waiting for it.
	refreshing sync.Mutex
	kick       chan struct{} // wakes Run; buffered by one, so Kick never blocks
}

// New keeps the analytics of eng's indicators in db.
func New(db *store.DB, eng *indicator.Engine) *Service {
	return &Service{db: db, eng: eng, kick: make(chan struct{}, 1)}
}

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
func (s *Service) Rebuild(ctx context.Context) (RefreshStats, error) {
	s.refreshing.Lock()
	defer s.refreshing.Unlock()
	return s.rebuild(ctx)
}

// rebuild is Rebuild for a caller that holds the refresh lock; it records
// the definitions the rows are computed with in the same transaction.
func (s *Service) rebuild(ctx context.Context) (RefreshStats, error) {
	start := time.Now()
	var st RefreshStats
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		for _, q := range []string{`DELETE FROM analytics_indicator_values`, `DELETE FROM analytics_dirty`} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("clearing analytics: %w", err)
			}
		}
		periods, err := s.knownPeriods(ctx, tx)
		if err != nil {
			return err
		}
		r, err := loadRoster(ctx, tx, unitFilter{})
		if err != nil {
			return err
		}
		for _, p := range periods {
			n, units, err := s.computePeriod(ctx, tx, r, p, nil)
			if err != nil {
				return err
			}
			st.Rows += n
			st.Units += units
		}
		st.Periods = len(periods)
		if err := s.markBuilt(ctx, tx, start); err != nil {
			return err
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
func (s *Service) knownPeriods(ctx context.Context, q store.Querier) ([]stats.Period, error) {
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
	set := s.planYears()
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
func (s *Service) planYears() map[stats.Period]bool {
	first := s.eng.Plan.Period.BaselineYear
	for _, ind := range s.eng.Plan.Indicators {
		if ind.Baseline != nil && ind.Baseline.Year < first {
			first = ind.Baseline.Year
		}
	}
	out := map[stats.Period]bool{}
	for y := first; y <= min(s.eng.Plan.Period.End, time.Now().Year()); y++ {
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

// computePeriod evaluates the period's indicators in every basis kept for
// it, for the wanted units (all when want is nil), and replaces their rows.
// It returns rows and units written.
func (s *Service) computePeriod(ctx context.Context, tx *store.Tx, r *roster, p stats.Period, want map[indicator.UnitKey]bool) (int, int, error) {
	var kept []indicator.Basis
	for _, b := range indicator.Bases {
		ok, err := KeptIn(ctx, tx, p, b)
		if err != nil {
			return 0, 0, err
		}
		if ok {
			kept = append(kept, b)
		} else if _, err := tx.Exec(ctx, `DELETE FROM analytics_indicator_values WHERE period = ? AND basis = ?`, p.ID(), string(b)); err != nil {
			return 0, 0, fmt.Errorf("clearing %s analytics of %s: %w", b.Name(), p, err)
		}
	}
	defs := s.eng.DefsFor(p)
	frs, err := r.frames(ctx, tx, p, kept, s.eng.ElementsOf(defs...))
	if err != nil {
		return 0, 0, err
	}
	rows, units := 0, 0
	var done map[indicator.UnitKey]indicator.UnitLevels
	for _, b := range kept {
		ps := &pass{basis: b, fr: frs[b].Frame, reuse: done, same: frs[b].same}
		n, u, out, err := s.computeBasis(ctx, tx, defs, ps, want)
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
func (s *Service) computeBasis(ctx context.Context, tx *store.Tx, defs []*indicator.Definition, ps *pass, want map[indicator.UnitKey]bool) (int, int, map[indicator.UnitKey]indicator.UnitLevels, error) {
	fr, b, p := ps.fr, ps.basis, ps.fr.Period
	parts := indicator.Partition(s.eng.Plan.Region.Code, s.eng.Chains, fr.Firms, want)
	done := make(map[indicator.UnitKey]indicator.UnitLevels, len(parts))
	prev, err := s.prevLevels(ctx, tx, p, b)
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
		if b != indicator.BasisAll && len(firms) == 0 {
			continue // no approved data in the unit: no rows, not zeros
		}
		lv, ok := ps.reused(k, firms)
		if !ok {
			lv = s.eng.EvaluateUnit(fr, firms, defs)
		}
		done[k] = lv
		for i, d := range defs {
			res := lv.Res[i]
			val, err := indicator.ApplyCompare(d.Compare, res.Value, prev[prevKey{d.Code, k}])
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

type prevKey struct {
	code string
	unit indicator.UnitKey
}

// prevLevels reads last year's levels of the compare indicators in the same
// basis (同比 base): approved figures grow from approved ones.
func (s *Service) prevLevels(ctx context.Context, q store.Querier, p stats.Period, b indicator.Basis) (map[prevKey]*float64, error) {
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
		if d := s.eng.Defs.Def(k.code); d != nil && d.Compare != indicator.CompareLevel && lv.Valid {
			v := lv.Float64
			out[k] = &v
		}
	}
	return out, rows.Err()
}
