package registry

import (
	"context"
	"fmt"
	"slices"

	"mfgplan/internal/dirty"
	"mfgplan/internal/store"
)

// Link sources of enterprise_chain_nodes.
const (
	LinkRule   = "rule"
	LinkManual = "manual"
)

// linkState is an enterprise's stored chain-node links and its class.
type linkState struct {
	industry string
	rule     []string        // nodes linked by a rule
	manual   map[string]bool // nodes set by hand: linked or removed
}

// DeriveChainNodes makes the rule links of the enterprises ids (every
// enterprise when ids is nil) equal to what the map's chain rules give
// their industry class, leaving nodes set by hand alone; every change is
// recorded in the registry history and marked for the analytics refresh
// in tx. It returns the enterprises whose links changed. Callers check
// access: the registry before writing an enterprise, the demo for all.
func DeriveChainNodes(ctx context.Context, tx *store.Tx, m *IndustryMap, ids []int64, source, actor, now string) ([]int64, error) {
	states, err := readLinks(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	var changed []int64
	var marks []dirty.Mark
	var changes []Change
	for _, id := range sortedIDs(states) {
		st := states[id]
		want := slices.DeleteFunc(slices.Clone(m.ChainNodes(st.industry)), func(n string) bool { return st.manual[n] })
		ch, err := syncRuleLinks(ctx, tx, id, st.rule, want, now)
		if err != nil {
			return nil, err
		}
		for _, c := range ch {
			c.Source, c.Actor, c.ChangedAt = source, actor, now
			changes = append(changes, c)
		}
		if len(ch) > 0 {
			changed = append(changed, id)
			marks = append(marks, dirty.Enterprise(id))
		}
	}
	if err := dirty.Write(ctx, tx, marks...); err != nil {
		return nil, err
	}
	return changed, record(ctx, tx, changes)
}

// syncRuleLinks makes an enterprise's rule links (have) equal to want and
// returns the changes, without source, actor and time.
func syncRuleLinks(ctx context.Context, tx *store.Tx, id int64, have, want []string, now string) ([]Change, error) {
	var out []Change
	for _, n := range want {
		if slices.Contains(have, n) {
			continue
		}
		if err := insertRuleLink(ctx, tx, id, n, now); err != nil {
			return nil, err
		}
		out = append(out, Change{EnterpriseID: id, Field: "chain_node:" + n, New: textPtr(LinkRule)})
	}
	for _, n := range have {
		if slices.Contains(want, n) {
			continue
		}
		if _, err := tx.Exec(ctx, `DELETE FROM enterprise_chain_nodes WHERE enterprise_id = ? AND node_code = ?`, id, n); err != nil {
			return nil, fmt.Errorf("unlinking enterprise %d from chain node %s: %w", id, n, err)
		}
		out = append(out, Change{EnterpriseID: id, Field: "chain_node:" + n, Old: textPtr(LinkRule)})
	}
	return out, nil
}

func insertRuleLink(ctx context.Context, tx *store.Tx, id int64, node, now string) error {
	if _, err := tx.Exec(ctx, `INSERT INTO enterprise_chain_nodes (enterprise_id, node_code, source, linked, updated_at)
		VALUES (?, ?, ?, TRUE, ?)`, id, node, LinkRule, now); err != nil {
		return fmt.Errorf("linking enterprise %d to chain node %s: %w", id, node, err)
	}
	return nil
}

// readLinks reads the class and the stored links of the enterprises ids
// (all when nil).
func readLinks(ctx context.Context, q store.Querier, ids []int64) (map[int64]*linkState, error) {
	query := `SELECT e.id, e.industry_code, COALESCE(n.node_code, ''), COALESCE(n.source, '') FROM enterprises e
		LEFT JOIN enterprise_chain_nodes n ON n.enterprise_id = e.id`
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	if ids != nil {
		query += ` WHERE e.id IN (` + placeholders(len(ids)) + `)`
	}
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("reading chain-node links: %w", err)
	}
	defer rows.Close()
	out := map[int64]*linkState{}
	for rows.Next() {
		var id int64
		var industry, node, src string
		if err := rows.Scan(&id, &industry, &node, &src); err != nil {
			return nil, fmt.Errorf("reading chain-node links: %w", err)
		}
		st := out[id]
		if st == nil {
			st = &linkState{industry: industry, manual: map[string]bool{}}
			out[id] = st
		}
		switch src {
		case LinkRule:
			st.rule = append(st.rule, node)
		case LinkManual:
			st.manual[node] = true
		}
	}
	return out, rows.Err()
}

func sortedIDs[V any](m map[int64]V) []int64 {
	out := make([]int64, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
