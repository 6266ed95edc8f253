package registry

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/dirty"
	"mfgplan/internal/plan"
	"mfgplan/internal/store"
)

// NodeLink is an enterprise's link to an industrial-chain node.
type NodeLink struct {
	Node   string   `json:"node_code"`
	Name   string   `json:"node_name"`
	Chains []string `json:"chain_codes"` // the chains the node sits in
	Source string   `json:"source"`      // rule, manual
	// Linked is false for a node removed by hand that a rule would give.
	Linked    bool   `json:"linked"`
	UpdatedAt string `json:"updated_at"`
}

// ChainNodes lists an enterprise's chain-node links, the removed ones too.
func (s *Service) ChainNodes(ctx context.Context, id int64) ([]NodeLink, error) {
	pl, err := place(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if err := access.CanView(ctx, pl); err != nil {
		return nil, err
	}
	return s.links(ctx, s.db, id)
}

func (s *Service) links(ctx context.Context, q store.Querier, id int64) ([]NodeLink, error) {
	rows, err := q.Query(ctx, `SELECT node_code, source, linked, updated_at FROM enterprise_chain_nodes
		WHERE enterprise_id = ? ORDER BY node_code`, id)
	if err != nil {
		return nil, fmt.Errorf("reading chain nodes of enterprise %d: %w", id, err)
	}
	defer rows.Close()
	out := []NodeLink{}
	for rows.Next() {
		var l NodeLink
		if err := rows.Scan(&l.Node, &l.Source, &l.Linked, &l.UpdatedAt); err != nil {
			return nil, fmt.Errorf("reading chain nodes of enterprise %d: %w", id, err)
		}
		l.Name, l.Chains = s.nodeInfo(l.Node)
		out = append(out, l)
	}
	return out, rows.Err()
}

// nodeInfo names a node and lists the chains it sits in.
func (s *Service) nodeInfo(code string) (string, []string) {
	var name string
	chains := []string{}
	for _, c := range s.plan.Chains {
		for _, n := range c.Nodes {
			if n.Code == code {
				name = cmp.Or(name, n.Name)
				chains = append(chains, c.Code)
			}
		}
	}
	return name, chains
}

// NodeAction is what a user does to one chain-node link of an enterprise.
type NodeAction int

const (
	// LinkNode links the enterprise to the node by hand.
	LinkNode NodeAction = iota
	// UnlinkNode removes the link; a rule's node stays removed by hand.
	UnlinkNode
	// ResetNode drops the hand-set state, so the rules decide again.
	ResetNode
)

// SetNode links, unlinks or resets one chain node of an enterprise by hand;
// hand-set links survive re-derivation from the industry map. The change is
// recorded in the history and marked for the analytics refresh.
func (s *Service) SetNode(ctx context.Context, id int64, node string, act NodeAction, source string) ([]NodeLink, error) {
	if name, _ := s.nodeInfo(node); name == "" {
		return nil, apperr.New(apperr.Invalid, "产业链节点 %q 不存在（见规划的产业链）", node)
	}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := canWrite(ctx, tx, id); err != nil {
			return err
		}
		if err := forbidFiler(ctx, "产业链节点归属"); err != nil {
			return err
		}
		old, err := linkText(ctx, tx, id, node)
		if err != nil {
			return err
		}
		if err := s.applyNode(ctx, tx, id, node, act); err != nil {
			return err
		}
		now, err := linkText(ctx, tx, id, node)
		if err != nil || now == old {
			return err
		}
		if err := dirty.Write(ctx, tx, dirty.Enterprise(id)); err != nil {
			return err
		}
		return record(ctx, tx, []Change{s.change(ctx, id, "chain_node:"+node, old, now, source)})
	})
	if err != nil {
		return nil, err
	}
	return s.links(ctx, s.db, id)
}

func (s *Service) applyNode(ctx context.Context, tx *store.Tx, id int64, node string, act NodeAction) error {
	if act != ResetNode {
		_, err := tx.Exec(ctx, `INSERT INTO enterprise_chain_nodes (enterprise_id, node_code, source, linked, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (enterprise_id, node_code) DO UPDATE
			SET source = excluded.source, linked = excluded.linked, updated_at = excluded.updated_at`,
			id, node, LinkManual, act == LinkNode, s.stamp())
		if err != nil {
			return fmt.Errorf("setting chain node %s of enterprise %d: %w", node, id, err)
		}
		return nil
	}
	if _, err := tx.Exec(ctx, `DELETE FROM enterprise_chain_nodes WHERE enterprise_id = ? AND node_code = ? AND source = ?`, id, node, LinkManual); err != nil {
		return fmt.Errorf("resetting chain node %s of enterprise %d: %w", node, id, err)
	}
	// the rules decide again: the node comes back when the class gives it
	var industry string
	if err := tx.QueryRow(ctx, `SELECT industry_code FROM enterprises WHERE id = ?`, id).Scan(&industry); err != nil {
		return fmt.Errorf("reading industry class of enterprise %d: %w", id, err)
	}
	var have bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM enterprise_chain_nodes WHERE enterprise_id = ? AND node_code = ?)`, id, node).Scan(&have); err != nil {
		return fmt.Errorf("reading chain node %s of enterprise %d: %w", node, id, err)
	}
	if have || !slices.Contains(s.imap.ChainNodes(industry), node) {
		return nil
	}
	return insertRuleLink(ctx, tx, id, node, s.stamp())
}

// linkText is a link's state for the history: "rule", "manual", "removed"
// (by hand) or "" (no link).
func linkText(ctx context.Context, q store.Querier, id int64, node string) (string, error) {
	var src string
	var linked bool
	err := q.QueryRow(ctx, `SELECT source, linked FROM enterprise_chain_nodes WHERE enterprise_id = ? AND node_code = ?`, id, node).Scan(&src, &linked)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("reading chain node %s of enterprise %d: %w", node, id, err)
	case !linked:
		return "removed", nil
	}
	return src, nil
}

// chainNodesOf lists the node codes of a plan chain, or says it is unknown.
func chainNodesOf(p *plan.Plan, chain string) ([]string, error) {
	for _, c := range p.Chains {
		if c.Code == chain {
			out := make([]string, len(c.Nodes))
			for i, n := range c.Nodes {
				out[i] = n.Code
			}
			return out, nil
		}
	}
	return nil, apperr.New(apperr.NotFound, "产业链 %q 不存在", chain)
}

// chainCondition is the condition on enterprises e for a chain and a node
// filter: linked to the node, or to any node of the chain.
func (s *Service) chainCondition(chain, node string) (string, []any, error) {
	var nodes []string
	if chain != "" {
		var err error
		if nodes, err = chainNodesOf(s.plan, chain); err != nil {
			return "", nil, err
		}
	}
	if node != "" {
		if name, _ := s.nodeInfo(node); name == "" {
			return "", nil, apperr.New(apperr.Invalid, "产业链节点 %q 不存在", node)
		}
		if chain != "" && !slices.Contains(nodes, node) {
			return "", nil, apperr.New(apperr.Invalid, "节点 %s 不在产业链 %s 中", node, chain)
		}
		nodes = []string{node}
	}
	args := make([]any, len(nodes))
	for i, n := range nodes {
		args[i] = n
	}
	return `EXISTS (SELECT 1 FROM enterprise_chain_nodes n WHERE n.enterprise_id = e.id AND n.linked = TRUE AND n.node_code IN (` +
		placeholders(len(nodes)) + `))`, args, nil
}
