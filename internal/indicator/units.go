package indicator

import (
	"strings"

	"mfgplan/internal/plan"
	"mfgplan/internal/store"
)

// unitKey names an aggregation unit: an org unit (the city, a county or a
// park) and a group within it ("" for all enterprises, "cluster:X",
// "sub:Y", "node:N" or "chain:C").
type unitKey struct {
	Org   string
	Group string
}

// Group prefixes of unitKey.Group.
const (
	groupCluster = "cluster:"
	groupSub     = "sub:"
	groupNode    = "node:"
	groupChain   = "chain:"
)

// place is where an enterprise is counted.
type place struct {
	County, Park, Cluster, SubSector string
	Nodes                            []string // industrial-chain nodes
}

func (f *firm) place() place { return place{f.County, f.Park, f.Cluster, f.SubSector, f.Nodes} }

// chainIndex is the plan's chains both ways: a node code can sit in
// several chains.
type chainIndex struct {
	chainsOf map[string][]string // node → chains
	nodesOf  map[string][]string // chain → nodes
}

func newChainIndex(p *plan.Plan) chainIndex {
	ci := chainIndex{chainsOf: map[string][]string{}, nodesOf: map[string][]string{}}
	for _, c := range p.Chains {
		for _, n := range c.Nodes {
			ci.chainsOf[n.Code] = append(ci.chainsOf[n.Code], c.Code)
			ci.nodesOf[c.Code] = append(ci.nodesOf[c.Code], n.Code)
		}
	}
	return ci
}

// units lists every unit an enterprise at pl counts in: its city, county and
// park, each for all enterprises and for its cluster; and its sub-sector,
// each of its chain nodes and each chain holding one of them (once however
// many of its nodes it is in) in the city and the county (a park's handful
// of firms per sub-sector or node is a list of enterprises, not an
// aggregate worth keeping).
func (pl place) units(city string, ci chainIndex) []unitKey {
	out := make([]unitKey, 0, 8+4*len(pl.Nodes))
	for _, o := range []string{city, pl.County, pl.Park} {
		if o == "" {
			continue
		}
		out = append(out, unitKey{o, ""})
		if pl.Cluster != "" {
			out = append(out, unitKey{o, groupCluster + pl.Cluster})
		}
		if o == pl.Park {
			continue
		}
		if pl.SubSector != "" {
			out = append(out, unitKey{o, groupSub + pl.SubSector})
		}
		out = append(out, pl.chainUnits(o, ci)...)
	}
	return out
}

// chainUnits are the node and chain units of the enterprise in org unit o.
func (pl place) chainUnits(o string, ci chainIndex) []unitKey {
	var out []unitKey
	seen := map[string]bool{}
	for _, n := range pl.Nodes {
		chains, inPlan := ci.chainsOf[n]
		if !inPlan {
			continue // a hand-set link to a node a later plan version dropped: no unit to count in
		}
		out = append(out, unitKey{o, groupNode + n})
		for _, c := range chains {
			if !seen[c] {
				seen[c] = true
				out = append(out, unitKey{o, groupChain + c})
			}
		}
	}
	return out
}

// partition groups a frame's enterprises by unit; with want set, only the
// units in want are kept.
func partition(city string, ci chainIndex, firms []*firm, want map[unitKey]bool) map[unitKey][]*firm {
	out := map[unitKey][]*firm{}
	for k := range want {
		out[k] = nil // a unit that lost its last enterprise is recomputed too
	}
	for _, f := range firms {
		for _, k := range f.place().units(city, ci) {
			if want == nil || want[k] {
				out[k] = append(out[k], f)
			}
		}
	}
	return out
}

// groupFilter is the SQL condition on enterprises e for a unit's group.
func groupFilter(group string, ci chainIndex) (string, []any) {
	var nodes []string
	switch {
	case strings.HasPrefix(group, groupCluster):
		return "e.cluster_code = ?", []any{strings.TrimPrefix(group, groupCluster)}
	case strings.HasPrefix(group, groupSub):
		return "e.sub_sector_code = ?", []any{strings.TrimPrefix(group, groupSub)}
	case strings.HasPrefix(group, groupNode):
		nodes = []string{strings.TrimPrefix(group, groupNode)}
	case strings.HasPrefix(group, groupChain):
		nodes = ci.nodesOf[strings.TrimPrefix(group, groupChain)]
	default:
		return "1=1", nil
	}
	if len(nodes) == 0 {
		return "1=0", nil
	}
	return `EXISTS (SELECT 1 FROM enterprise_chain_nodes n WHERE n.enterprise_id = e.id AND n.linked = TRUE AND n.node_code IN (` +
		store.Placeholders(len(nodes)) + `))`, toAny(nodes)
}
