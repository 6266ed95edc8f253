package analytics

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/indicator"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

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

// basisFrame is a frame of one basis. In the approved basis, same lists
// the enterprises whose approved values are all their values
// (approvedFrame.same).
type basisFrame struct {
	*indicator.Frame
	same map[int64]bool
}

// roster is the enterprises (narrowed by a unit filter) with their places,
// 规上 years and tags: read once for a rebuild or refresh, reused by the
// frame of every period.
type roster struct {
	uf    unitFilter
	firms []*indicator.Firm
	byID  map[int64]*indicator.Firm
	above map[int]map[int64]bool // year → enterprises 规上 that year
}

func loadRoster(ctx context.Context, q store.Querier, uf unitFilter) (*roster, error) {
	r := &roster{uf: uf, byID: map[int64]*indicator.Firm{}, above: map[int]map[int64]bool{}}
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
func (r *roster) frames(ctx context.Context, q store.Querier, p stats.Period, want []indicator.Basis, elements []string) (map[indicator.Basis]basisFrame, error) {
	slots := make(map[string]int, len(elements))
	for i, el := range elements {
		slots[el] = i
	}
	for _, f := range r.firms {
		f.Reset(len(elements))
		f.AboveScale = r.above[p.Year][f.ID]
	}
	var ap *approvedFrame
	if slices.Contains(want, indicator.BasisApproved) {
		ap = newApprovedFrame(len(elements))
	}
	cond, args := r.uf.where()
	if err := loadValues(ctx, q, p, elements, slots, cond, args, r.byID, ap); err != nil {
		return nil, fmt.Errorf("loading values of %s: %w", p, err)
	}
	out := make(map[indicator.Basis]basisFrame, len(want))
	for _, b := range want {
		bf := basisFrame{Frame: indicator.NewFrame(p, r.firms, slots)}
		if b == indicator.BasisApproved {
			bf.Firms, bf.same = ap.firms(r.firms), ap.same()
		}
		out[b] = bf
	}
	return out, nil
}

// Selection names the enterprises of a live frame: those of an org unit
// and group (indicator.UnitKey's Group) within a view scope, so that
// explanations never show another's firms.
type Selection struct {
	Org   indicator.Org
	Group string
	Scope access.Scope
}

// LoadFrame reads one period's frame in basis b for the enterprises sel
// selects, with the values of the named elements.
func (s *Service) LoadFrame(ctx context.Context, p stats.Period, b indicator.Basis, sel Selection, elements []string) (*indicator.Frame, error) {
	r, err := loadRoster(ctx, s.db, s.filter(sel))
	if err != nil {
		return nil, err
	}
	frs, err := r.frames(ctx, s.db, p, []indicator.Basis{b}, elements)
	if err != nil {
		return nil, err
	}
	return frs[b].Frame, nil
}

// filter is the SQL condition on enterprises e for a selection.
func (s *Service) filter(sel Selection) unitFilter {
	var cond string
	var args []any
	switch sel.Org.Level {
	case "county":
		cond, args = "e.county_code = ?", []any{sel.Org.Code}
	case "park":
		cond, args = "e.park_code = ?", []any{sel.Org.Code}
	default:
		cond = "1=1"
	}
	gc, ga := groupFilter(sel.Group, s.eng.Chains)
	sc, sa := sel.Scope.EnterpriseFilter("e")
	return unitFilter{cond: cond + " AND " + gc + " AND " + sc, args: append(append(args, ga...), sa...)}
}

// groupFilter is the SQL condition on enterprises e for a unit's group.
func groupFilter(group string, ci indicator.ChainIndex) (string, []any) {
	var nodes []string
	switch {
	case strings.HasPrefix(group, indicator.GroupCluster):
		return "e.cluster_code = ?", []any{strings.TrimPrefix(group, indicator.GroupCluster)}
	case strings.HasPrefix(group, indicator.GroupSub):
		return "e.sub_sector_code = ?", []any{strings.TrimPrefix(group, indicator.GroupSub)}
	case strings.HasPrefix(group, indicator.GroupNode):
		nodes = []string{strings.TrimPrefix(group, indicator.GroupNode)}
	case strings.HasPrefix(group, indicator.GroupChain):
		nodes = ci.NodesOf(strings.TrimPrefix(group, indicator.GroupChain))
	default:
		return "1=1", nil
	}
	if len(nodes) == 0 {
		return "1=0", nil
	}
	return `EXISTS (SELECT 1 FROM enterprise_chain_nodes n WHERE n.enterprise_id = e.id AND n.linked = TRUE AND n.node_code IN (` +
		store.Placeholders(len(nodes)) + `))`, store.Args(nodes)
}

func (r *roster) loadFirms(ctx context.Context, q store.Querier, cond string, args []any) error {
	rows, err := q.Query(ctx, `SELECT e.id, e.name, e.county_code, COALESCE(e.park_code, ''), COALESCE(e.cluster_code, ''),
		COALESCE(e.sub_sector_code, ''), e.industry_code FROM enterprises e WHERE `+cond+` ORDER BY e.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		f := &indicator.Firm{}
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
		var t indicator.Tag
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
func loadValues(ctx context.Context, q store.Querier, p stats.Period, elements []string, slots map[string]int, cond string, args []any, byID map[int64]*indicator.Firm, ap *approvedFrame) error {
	if len(elements) == 0 {
		return nil
	}
	marks := store.Placeholders(len(elements))
	for _, per := range indicator.SourcePeriods(p) {
		if err := ap.source(ctx, q, per); err != nil {
			return err
		}
		// The (element_code, period) index drives the scan; a join on
		// enterprises would let the planner walk every enterprise's values.
		query := `SELECT v.enterprise_id, v.element_code, v.value FROM data_values v WHERE v.period = ? AND v.element_code IN (` + marks + `)`
		if cond != "1=1" {
			query += ` AND v.enterprise_id IN (SELECT e.id FROM enterprises e WHERE ` + cond + `)`
		}
		rows, err := q.Query(ctx, query, append(append([]any{per}, store.Args(elements)...), args...)...)
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
				f.Set(i, v)
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
