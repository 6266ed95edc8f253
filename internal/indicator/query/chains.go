package query

import "mfgplan/internal/indicator"

// chainUnits lists the chain units of o in plan order: every chain ("chain"),
// or every node once, however many chains share it ("node").
func (s *Service) chainUnits(o indicator.Org, by string) []unit {
	var out []unit
	seen := map[string]bool{}
	for _, c := range s.Engine.Plan.Chains {
		if by == "chain" {
			out = append(out, unit{org: o, group: indicator.GroupChain + c.Code, groupName: c.Name})
			continue
		}
		for _, n := range c.Nodes {
			if !seen[n.Code] {
				seen[n.Code] = true
				out = append(out, unit{org: o, group: indicator.GroupNode + n.Code, groupName: n.Name})
			}
		}
	}
	return out
}
