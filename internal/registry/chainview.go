package registry

import (
	"context"
	"fmt"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/plan"
)

// NodeCount is a chain node with the enterprises linked to it that the
// caller may see.
type NodeCount struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Enterprises int    `json:"enterprises"`
}

// ChainView is a plan chain as a graph with enterprise counts: per node,
// and for the chain (each enterprise once, however many nodes it is in).
type ChainView struct {
	Code        string           `json:"code"`
	Name        string           `json:"name"`
	Cluster     string           `json:"cluster"`
	SubSector   string           `json:"sub_sector,omitempty"`
	Status      string           `json:"status,omitempty"`
	Ref         string           `json:"ref"`
	Nodes       []NodeCount      `json:"nodes"`
	Edges       []plan.ChainEdge `json:"edges"`
	Enterprises int              `json:"enterprises"`
	Unit        string           `json:"unit"`
}

// Chains returns every chain of the plan with the caller's enterprise counts.
func (s *Service) Chains(ctx context.Context) ([]ChainView, error) {
	perNode, err := s.nodeCounts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ChainView, 0, len(s.plan.Chains))
	for _, c := range s.plan.Chains {
		v, err := s.chainView(ctx, c, perNode)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Chain returns one chain with the caller's enterprise counts.
func (s *Service) Chain(ctx context.Context, code string) (ChainView, error) {
	for _, c := range s.plan.Chains {
		if c.Code != code {
			continue
		}
		perNode, err := s.nodeCounts(ctx)
		if err != nil {
			return ChainView{}, err
		}
		return s.chainView(ctx, c, perNode)
	}
	return ChainView{}, apperr.New(apperr.NotFound, "产业链 %q 不存在", code)
}

func (s *Service) chainView(ctx context.Context, c plan.Chain, perNode map[string]int) (ChainView, error) {
	v := ChainView{Code: c.Code, Name: c.Name, Cluster: c.Cluster, SubSector: c.SubSector, Status: c.Status, Ref: c.Ref,
		Edges: c.Edges, Unit: "家"}
	for _, n := range c.Nodes {
		v.Nodes = append(v.Nodes, NodeCount{Code: n.Code, Name: n.Name, Enterprises: perNode[n.Code]})
	}
	cond, args, err := s.chainCondition(c.Code, "")
	if err != nil {
		return v, err
	}
	scope, sargs := access.From(ctx).View.EnterpriseFilter("e")
	err = s.db.QueryRow(ctx, `SELECT COUNT(*) FROM enterprises e WHERE `+scope+` AND `+cond, append(sargs, args...)...).Scan(&v.Enterprises)
	if err != nil {
		return v, fmt.Errorf("counting enterprises of chain %s: %w", c.Code, err)
	}
	return v, nil
}

// nodeCounts counts the enterprises the caller may see per linked node.
func (s *Service) nodeCounts(ctx context.Context) (map[string]int, error) {
	scope, args := access.From(ctx).View.EnterpriseFilter("e")
	rows, err := s.db.Query(ctx, `SELECT n.node_code, COUNT(*) FROM enterprise_chain_nodes n JOIN enterprises e ON e.id = n.enterprise_id
		WHERE n.linked = TRUE AND `+scope+` GROUP BY n.node_code`, args...)
	if err != nil {
		return nil, fmt.Errorf("counting enterprises per chain node: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			return nil, fmt.Errorf("counting enterprises per chain node: %w", err)
		}
		out[code] = n
	}
	return out, rows.Err()
}
