package registry

import (
	"fmt"
	"slices"

	"mfgplan/internal/plan"
)

// ChainRule links every industry class starting with Prefix to chain nodes
// of the plan (codes of chains[].nodes[]). A class identifies a node only
// now and then, so the rules are few and each says why in its note.
type ChainRule struct {
	Prefix string   `yaml:"prefix" json:"prefix"`
	Nodes  []string `yaml:"nodes" json:"nodes"`
	Note   string   `yaml:"note,omitempty" json:"note,omitempty"`
}

// checkChainRules checks the map's chain_rules against the plan's chain
// nodes and indexes them; every problem is reported as file:line.
func (m *IndustryMap) checkChainRules(name string, raw []byte, p *plan.Plan) error {
	nodes := planNodes(p)
	m.byChainPref = make(map[string]*ChainRule, len(m.ChainRules))
	var probs []plan.Problem
	add := func(path, format string, args ...any) {
		probs = append(probs, plan.Problem{File: name, Line: plan.LineOf(raw, path), Path: path, Message: fmt.Sprintf(format, args...)})
	}
	for i := range m.ChainRules {
		r := &m.ChainRules[i]
		at := fmt.Sprintf("chain_rules[%d]", i)
		switch {
		case !prefixRE.MatchString(r.Prefix):
			add(at+".prefix", "prefix %q must be 2–4 digits of a GB/T 4754-2017 code", r.Prefix)
		case m.byChainPref[r.Prefix] != nil:
			add(at+".prefix", "prefix %s appears twice", r.Prefix)
		default:
			m.byChainPref[r.Prefix] = r
		}
		if len(r.Nodes) == 0 {
			add(at, "rule for prefix %s names no chain node", r.Prefix)
		}
		for j, n := range r.Nodes {
			if !nodes[n] {
				add(fmt.Sprintf("%s.nodes[%d]", at, j), "the plan has no chain node %q", n)
			} else if slices.Index(r.Nodes, n) != j {
				add(fmt.Sprintf("%s.nodes[%d]", at, j), "node %s is listed twice", n)
			}
		}
	}
	if len(probs) > 0 {
		return &plan.ProblemsError{Problems: probs}
	}
	return nil
}

// planNodes is the set of node codes of all the plan's chains.
func planNodes(p *plan.Plan) map[string]bool {
	out := map[string]bool{}
	for _, c := range p.Chains {
		for _, n := range c.Nodes {
			out[n.Code] = true
		}
	}
	return out
}

// ChainNodes returns the chain nodes an industry class belongs to by the
// longest matching prefix of the chain rules, nil when none matches.
func (m *IndustryMap) ChainNodes(code string) []string {
	if m == nil {
		return nil
	}
	for n := min(len(code), 4); n >= 2; n-- {
		if r := m.byChainPref[code[:n]]; r != nil {
			return r.Nodes
		}
	}
	return nil
}
