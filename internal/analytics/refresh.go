package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"mfgplan/internal/dirty"
	"mfgplan/internal/indicator"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Refresh brings analytics up to date with the changes recorded since the
// last refresh: it recomputes only the periods and units those changes
// touch, in one transaction with the claim, so a failure loses nothing.
func (s *Service) Refresh(ctx context.Context) (RefreshStats, error) {
	s.refreshing.Lock()
	defer s.refreshing.Unlock()
	start := time.Now()
	var st RefreshStats
	if stale, err := s.staleDefinitions(ctx); err != nil || stale {
		if err != nil {
			return st, err
		}
		return s.rebuild(ctx)
	}
	var pending bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM analytics_dirty)`).Scan(&pending); err != nil {
		return st, fmt.Errorf("checking for analytics changes: %w", err)
	}
	if !pending {
		return st, nil
	}
	var built bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM analytics_indicator_values)`).Scan(&built); err != nil {
		return st, fmt.Errorf("checking for analytics: %w", err)
	}
	if !built { // the first load (an import of years, the demo data): build in one pass
		return s.rebuild(ctx)
	}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		marks, err := dirty.Claim(ctx, tx)
		if err != nil {
			return err
		}
		st.Changes = len(marks)
		work, err := s.affected(ctx, tx, marks)
		if err != nil {
			return err
		}
		r, err := loadRoster(ctx, tx, unitFilter{})
		if err != nil {
			return err
		}
		for _, p := range sortedPeriods(work.periodSet()) {
			n, units, err := s.computePeriod(ctx, tx, r, p, work[p])
			if err != nil {
				return err
			}
			st.Rows += n
			st.Units += units
		}
		st.Periods = len(work)
		if err := s.markBuilt(ctx, tx, start); err != nil {
			return err
		}
		return snapshotPlaces(ctx, tx, marks)
	})
	st.Duration = time.Since(start)
	if err != nil {
		return st, fmt.Errorf("refreshing analytics: %w", err)
	}
	return st, nil
}

// staleDefinitions reports whether the stored analytics were computed with
// other definitions than the engine's: a changed indicators file or plan, or
// analytics built before their definitions were recorded. An empty store
// with no record is not stale; its first build records them.
func (s *Service) staleDefinitions(ctx context.Context) (bool, error) {
	var stored string
	err := s.db.QueryRow(ctx, `SELECT sha256 FROM analytics_definitions WHERE id = 1`).Scan(&stored)
	if err == nil {
		return stored != s.eng.DefsSHA, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("reading the analytics' definitions: %w", err)
	}
	var built bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM analytics_indicator_values)`).Scan(&built); err != nil {
		return false, fmt.Errorf("checking for analytics: %w", err)
	}
	return built, nil
}

// workSet is, per period, the units to recompute.
type workSet map[stats.Period]map[indicator.UnitKey]bool

func (w workSet) add(p stats.Period, units []indicator.UnitKey) {
	if w[p] == nil {
		w[p] = map[indicator.UnitKey]bool{}
	}
	for _, u := range units {
		w[p][u] = true
	}
}

func (w workSet) periodSet() map[stats.Period]bool {
	out := make(map[stats.Period]bool, len(w))
	for p := range w {
		out[p] = true
	}
	return out
}

// affected turns claimed changes into periods × units: the units the
// enterprise counts in now and counted in before; the changed period, its
// year, and the same periods a year later (their 同比 base changed).
func (s *Service) affected(ctx context.Context, tx *store.Tx, marks []dirty.Mark) (workSet, error) {
	known, err := s.analyticsPeriods(ctx, tx)
	if err != nil {
		return nil, err
	}
	work := workSet{}
	places := map[int64][]indicator.UnitKey{} // an enterprise's marks share its units
	for _, d := range marks {
		units, ok := places[d.Enterprise]
		if !ok {
			if units, err = s.placesOf(ctx, tx, d.Enterprise); err != nil {
				return nil, err
			}
			places[d.Enterprise] = units
		}
		periods, err := periodsOf(d, known)
		if err != nil {
			return nil, err
		}
		for _, p := range periods {
			work.add(p, units)
			if next := (stats.Period{Type: p.Type, Year: p.Year + 1, Index: p.Index}); known[next] {
				work.add(next, units)
			}
		}
	}
	return work, nil
}

// periodsOf lists the periods a change touches.
func periodsOf(d dirty.Mark, known map[stats.Period]bool) ([]stats.Period, error) {
	if d.Period == dirty.AllPeriods {
		out := make([]stats.Period, 0, len(known))
		for p := range known {
			out = append(out, p)
		}
		return out, nil
	}
	if year, ok := dirty.YearOf(d.Period); ok {
		var out []stats.Period
		for p := range known {
			if strconv.Itoa(p.Year) == year {
				out = append(out, p)
			}
		}
		return out, nil
	}
	p, err := stats.ParsePeriod(d.Period)
	if err != nil {
		return nil, fmt.Errorf("changed period %q: %w", d.Period, err)
	}
	switch {
	case p.Type == stats.Quarterly:
		return nil, nil // indicators read months and years; quarters are read from their last month
	case p.Type == stats.Monthly && p.Index == 12:
		return []stats.Period{p, {Type: stats.Yearly, Year: p.Year}}, nil // a year falls back to December's 累计
	}
	return []stats.Period{p}, nil
}

// analyticsPeriods are the periods analytics hold and the plan's years;
// reading them from the small analytics table keeps a refresh off the
// full data_values scan that a rebuild does.
func (s *Service) analyticsPeriods(ctx context.Context, q store.Querier) (map[stats.Period]bool, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT period FROM analytics_indicator_values`)
	if err != nil {
		return nil, fmt.Errorf("listing analytics periods: %w", err)
	}
	defer rows.Close()
	out := s.planYears()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("listing analytics periods: %w", err)
		}
		p, err := stats.ParsePeriod(id)
		if err != nil {
			return nil, fmt.Errorf("analytics period %q: %w", id, err)
		}
		out[p] = true
	}
	return out, rows.Err()
}

// placesOf returns the units of an enterprise's current and last-counted places.
func (s *Service) placesOf(ctx context.Context, q store.Querier, id int64) ([]indicator.UnitKey, error) {
	var units []indicator.UnitKey
	for _, src := range []struct{ place, nodes string }{
		{`SELECT county_code, COALESCE(park_code, ''), COALESCE(cluster_code, ''), COALESCE(sub_sector_code, '') FROM enterprises WHERE id = ?`,
			`SELECT node_code FROM enterprise_chain_nodes WHERE enterprise_id = ? AND linked = TRUE`},
		{`SELECT county_code, park_code, cluster_code, sub_sector_code FROM analytics_enterprises WHERE enterprise_id = ?`,
			`SELECT node_code FROM analytics_enterprise_nodes WHERE enterprise_id = ?`},
	} {
		var pl indicator.Place
		err := q.QueryRow(ctx, src.place, id).Scan(&pl.County, &pl.Park, &pl.Cluster, &pl.SubSector)
		switch {
		case err == sql.ErrNoRows:
			continue
		case err != nil:
			return nil, fmt.Errorf("reading place of enterprise %d: %w", id, err)
		}
		if pl.Nodes, err = nodeCodes(ctx, q, src.nodes, id); err != nil {
			return nil, fmt.Errorf("reading chain nodes of enterprise %d: %w", id, err)
		}
		units = append(units, pl.Units(s.eng.Plan.Region.Code, s.eng.Chains)...)
	}
	return units, nil
}

func nodeCodes(ctx context.Context, q store.Querier, query string, id int64) ([]string, error) {
	rows, err := q.Query(ctx, query, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// snapshotPlaces records where the refreshed enterprises are now counted.
func snapshotPlaces(ctx context.Context, tx *store.Tx, marks []dirty.Mark) error {
	done := map[int64]bool{}
	for _, d := range marks {
		if done[d.Enterprise] {
			continue
		}
		done[d.Enterprise] = true
		if err := recordPlaces(ctx, tx, d.Enterprise); err != nil {
			return err
		}
	}
	return nil
}

// placeTables are the tables that keep where enterprises were last
// counted, each with the query that fills it from the registry and the
// enterprise id column of that query.
var placeTables = []struct{ table, fill, key string }{
	{"analytics_enterprises", `INSERT INTO analytics_enterprises (enterprise_id, county_code, park_code, cluster_code, sub_sector_code)
		SELECT id, county_code, COALESCE(park_code, ''), COALESCE(cluster_code, ''), COALESCE(sub_sector_code, '') FROM enterprises WHERE `, "id"},
	{"analytics_enterprise_nodes", `INSERT INTO analytics_enterprise_nodes (enterprise_id, node_code)
		SELECT enterprise_id, node_code FROM enterprise_chain_nodes WHERE linked = TRUE AND `, "enterprise_id"},
}

// recordPlaces records where an enterprise (every one when id is 0) is
// counted now: its place and its chain nodes.
func recordPlaces(ctx context.Context, tx *store.Tx, id int64) error {
	for _, pt := range placeTables {
		clear, fill, args := "1=1", "1=1", []any(nil)
		if id != 0 {
			clear, fill, args = "enterprise_id = ?", pt.key+" = ?", []any{id}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM `+pt.table+` WHERE `+clear, args...); err != nil {
			return fmt.Errorf("updating %s of enterprise %d: %w", pt.table, id, err)
		}
		if _, err := tx.Exec(ctx, pt.fill+fill, args...); err != nil {
			return fmt.Errorf("updating %s of enterprise %d: %w", pt.table, id, err)
		}
	}
	return nil
}
