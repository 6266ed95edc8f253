package indicator

import (
	"context"
	"fmt"
	"slices"
	"time"

	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// firm is one enterprise as a formula sees it in a period: where it is,
// whether it is 规上 that year, its dated tags and its values.
type firm struct {
	ID         int64
	Name       string
	County     string
	Park       string
	Cluster    string
	SubSector  string
	Industry   string
	Nodes      []string // industrial-chain nodes it is linked to
	AboveScale bool
	Tags       []tagRec
	// vals and has hold the frame's values by slot (frame.slot): slices,
	// not a map, as formulas read them hundreds of millions of times.
	vals []float64
	has  []bool
}

// reset empties the enterprise's values for a frame of n slots.
func (f *firm) reset(n int) {
	if cap(f.vals) < n {
		f.vals, f.has = make([]float64, n), make([]bool, n)
		return
	}
	f.vals, f.has = f.vals[:n], f.has[:n]
	clear(f.vals)
	clear(f.has)
}

// value is the enterprise's value in a slot, and whether it was reported.
func (f *firm) value(slot int) (float64, bool) {
	if slot < 0 || !f.has[slot] {
		return 0, false
	}
	return f.vals[slot], true
}

type tagRec struct {
	Tag, Level, From, To string
}

// frame is every enterprise with its values for one period. Monthly periods
// carry the 1–N月累计 values as reported; a year carries the yearly report,
// or December's 累计 where no yearly figure was reported.
type frame struct {
	Period stats.Period
	AsOf   string // the period's last day, YYYY-MM-DD
	Firms  []*firm
	slots  map[string]int // element code → slot in firm.vals
	// same, in the approved basis, lists the enterprises whose approved
	// values are all their values (approvedFrame.same).
	same map[int64]bool
}

// slot is an element's slot in the frame, -1 when it was not loaded.
func (fr *frame) slot(element string) int {
	if i, ok := fr.slots[element]; ok {
		return i
	}
	return -1
}

// periodEnd is the last day of a period (as-of date for tags).
func periodEnd(p stats.Period) string {
	month := 12
	switch p.Type {
	case stats.Monthly:
		month = p.Index
	case stats.Quarterly:
		month = p.Index * 3
	}
	end := time.Date(p.Year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
	return end.Format("2006-01-02")
}

// unitFilter narrows a frame to some enterprises: an SQL condition on
// enterprises aliased e, with its arguments. The zero value keeps all.
type unitFilter struct {
	cond string
	args []any
}

func (u unitFilter) where() (string, []any) {
	if u.cond == "" {
		return "1=1", nil
	}
	return u.cond, u.args
}

// roster is the enterprises (narrowed by a unit filter) with their places,
// 规上 years and tags: read once for a rebuild or refresh, reused by the
// frame of every period.
type roster struct {
	uf    unitFilter
	firms []*firm
	byID  map[int64]*firm
	above map[int]map[int64]bool // year → enterprises 规上 that year
}

func loadRoster(ctx context.Context, q store.Querier, uf unitFilter) (*roster, error) {
	r := &roster{uf: uf, byID: map[int64]*firm{}, above: map[int]map[int64]bool{}}
	cond, args := uf.where()
	if err := r.loadFirms(ctx, q, cond, args); err != nil {
		return nil, fmt.Errorf("loading enterprises: %w", err)
	}
	if err := r.loadYears(ctx, q, cond, args); err != nil {
		return nil, fmt.Errorf("loading 规上 years: %w", err)
	}
	if err := r.loadTags(ctx, q, cond, args); err != nil {
		return nil, fmt.Errorf("loading tags: %w", err)
	}
	if err := r.loadNodes(ctx, q, cond, args); err != nil {
		return nil, fmt.Errorf("loading chain-node links: %w", err)
	}
	return r, nil
}

// frames fills the roster's enterprises with period p's values of the named
// elements, read once, and returns a frame for each basis in want. The
// all-basis frame shares the roster's enterprises; the approved one holds
// copies of those with approved values (approvedFrame). Both are valid
// until the next call.
func (r *roster) frames(ctx context.Context, q store.Querier, p stats.Period, want []Basis, elements []string) (map[Basis]*frame, error) {
	slots := make(map[string]int, len(elements))
	for i, el := range elements {
		slots[el] = i
	}
	for _, f := range r.firms {
		f.reset(len(elements))
		f.AboveScale = r.above[p.Year][f.ID]
	}
	var ap *approvedFrame
	if slices.Contains(want, BasisApproved) {
		ap = newApprovedFrame(len(elements))
	}
	cond, args := r.uf.where()
	if err := loadValues(ctx, q, p, elements, slots, cond, args, r.byID, ap); err != nil {
		return nil, fmt.Errorf("loading values of %s: %w", p, err)
	}
	out := make(map[Basis]*frame, len(want))
	for _, b := range want {
		fr := &frame{Period: p, AsOf: periodEnd(p), Firms: r.firms, slots: slots}
		if b == BasisApproved {
			fr.Firms, fr.same = ap.firms(r.firms), ap.same()
		}
		out[b] = fr
	}
	return out, nil
}

// loadFrame reads one period's frame in basis b for the enterprises uf selects.
func loadFrame(ctx context.Context, q store.Querier, p stats.Period, b Basis, uf unitFilter, elements []string) (*frame, error) {
	r, err := loadRoster(ctx, q, uf)
	if err != nil {
		return nil, err
	}
	frs, err := r.frames(ctx, q, p, []Basis{b}, elements)
	if err != nil {
		return nil, err
	}
	return frs[b], nil
}

func (r *roster) loadFirms(ctx context.Context, q store.Querier, cond string, args []any) error {
	rows, err := q.Query(ctx, `SELECT e.id, e.name, e.county_code, COALESCE(e.park_code, ''), COALESCE(e.cluster_code, ''),
		COALESCE(e.sub_sector_code, ''), e.industry_code FROM enterprises e WHERE `+cond+` ORDER BY e.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		f := &firm{}
		if err := rows.Scan(&f.ID, &f.Name, &f.County, &f.Park, &f.Cluster, &f.SubSector, &f.Industry); err != nil {
			return err
		}
		r.firms = append(r.firms, f)
		r.byID[f.ID] = f
	}
	return rows.Err()
}

func (r *roster) loadYears(ctx context.Context, q store.Querier, cond string, args []any) error {
	rows, err := q.Query(ctx, `SELECT y.enterprise_id, y.year FROM enterprise_years y JOIN enterprises e ON e.id = y.enterprise_id
		WHERE y.above_scale = TRUE AND `+cond, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var year int
		if err := rows.Scan(&id, &year); err != nil {
			return err
		}
		if r.above[year] == nil {
			r.above[year] = map[int64]bool{}
		}
		r.above[year][id] = true
	}
	return rows.Err()
}

// loadTags reads every tag; formulas apply the as-of date themselves.
func (r *roster) loadTags(ctx context.Context, q store.Querier, cond string, args []any) error {
	rows, err := q.Query(ctx, `SELECT t.enterprise_id, t.tag, t.level, t.valid_from, COALESCE(t.valid_to, '')
		FROM enterprise_tags t JOIN enterprises e ON e.id = t.enterprise_id WHERE `+cond, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t tagRec
		if err := rows.Scan(&id, &t.Tag, &t.Level, &t.From, &t.To); err != nil {
			return err
		}
		if f := r.byID[id]; f != nil {
			f.Tags = append(f.Tags, t)
		}
	}
	return rows.Err()
}

// loadNodes reads the chain nodes each enterprise is linked to.
func (r *roster) loadNodes(ctx context.Context, q store.Querier, cond string, args []any) error {
	rows, err := q.Query(ctx, `SELECT n.enterprise_id, n.node_code FROM enterprise_chain_nodes n
		JOIN enterprises e ON e.id = n.enterprise_id WHERE n.linked = TRUE AND `+cond+` ORDER BY n.enterprise_id, n.node_code`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var node string
		if err := rows.Scan(&id, &node); err != nil {
			return err
		}
		if f := r.byID[id]; f != nil {
			f.Nodes = append(f.Nodes, node)
		}
	}
	return rows.Err()
}

// loadValues reads the period's values into the roster's enterprises and,
// for those approved for the value's own source period, into ap. For a
// year, December's 累计 is read first and the yearly report, where there is
// one, overrides it.
func loadValues(ctx context.Context, q store.Querier, p stats.Period, elements []string, slots map[string]int, cond string, args []any, byID map[int64]*firm, ap *approvedFrame) error {
	if len(elements) == 0 {
		return nil
	}
	marks := store.Placeholders(len(elements))
	for _, per := range sourcePeriods(p) {
		if err := ap.source(ctx, q, per); err != nil {
			return err
		}
		// The (element_code, period) index drives the scan; a join on
		// enterprises would let the planner walk every enterprise's values.
		query := `SELECT v.enterprise_id, v.element_code, v.value FROM data_values v WHERE v.period = ? AND v.element_code IN (` + marks + `)`
		if cond != "1=1" {
			query += ` AND v.enterprise_id IN (SELECT e.id FROM enterprises e WHERE ` + cond + `)`
		}
		rows, err := q.Query(ctx, query, append(append([]any{per}, toAny(elements)...), args...)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var el string
			var v float64
			if err := rows.Scan(&id, &el, &v); err != nil {
				rows.Close()
				return err
			}
			f := byID[id]
			if i, ok := slots[el]; f != nil && ok {
				f.vals[i], f.has[i] = v, true
				ap.set(f, i, v)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
