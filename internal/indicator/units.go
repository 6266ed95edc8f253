package indicator

import "mfgplan/internal/plan"

// UnitKey names an aggregation unit: an org unit (the city, a county or a
// park) and a group within it ("" for all enterprises, "cluster:X",
// "sub:Y", "node:N" or "chain:C").
type UnitKey struct {
	Org   string
	Group string
}

// Group prefixes of UnitKey.Group.
const (
	GroupCluster = "cluster:"
	GroupSub     = "sub:"
	GroupNode    = "node:"
	GroupChain   = "chain:"
)

// Place is where an enterprise is counted.
type Place struct {
	County, Park, Cluster, SubSector string
	Nodes                            []string // industrial-chain nodes
}

// Place is where the enterprise is counted.
func (f *Firm) Place() Place { return Place{f.County, f.Park, f.Cluster, f.SubSector, f.Nodes} }

// ChainIndex is the plan's chains both ways: a node code can sit in
// several chains.
type ChainIndex struct {
	chainsOf map[string][]string // node → chains
	nodesOf  map[string][]string // chain → nodes
}

// NewChainIndex indexes the plan's chains.
func NewChainIndex(p *plan.Plan) ChainIndex {
	ci := ChainIndex{chainsOf: map[string][]string{}, nodesOf: map[string][]string{}}
	for _, c := range p.Chains {
		for _, n := range c.Nodes {
			ci.chainsOf[n.Code] = append(ci.chainsOf[n.Code], c.Code)
			ci.nodesOf[c.Code] = append(ci.nodesOf[c.Code], n.Code)
		}
	}
	return ci
}

// Units lists every unit an enterprise at pl counts in: its city, county and
// park, each for all enterprises and for its cluster; and its sub-sector,
// each of its chain nodes and each chain holding one of them (once however
// many of its nodes it is in) in the city and the county (a park's handful
// of firms per sub-sector or node is a list of enterprises, not an
// aggregate worth keeping).
func (pl Place) Units(city string, ci ChainIndex) []UnitKey {
	out := make([]UnitKey, 0, 8+4*len(pl.Nodes))
	for _, o := range []string{city, pl.County, pl.Park} {
		if o == "" {
			continue
		}
		out = append(out, UnitKey{o, ""})
		if pl.Cluster != "" {
			out = append(out, UnitKey{o, GroupCluster + pl.Cluster})
		}
		if o == pl.Park {
			continue
		}
		if pl.SubSector != "" {
			out = append(out, UnitKey{o, GroupSub + pl.SubSector})
		}
		out = append(out, pl.chainUnits(o, ci)...)
	}
	return out
}

// chainUnits are the node and chain units of the enterprise in org unit o.
func (pl Place) chainUnits(o string, ci ChainIndex) []UnitKey {
	var out []UnitKey
	seen := map[string]bool{}
	for _, n := range pl.Nodes {
		chains, inPlan := ci.chainsOf[n]
		if !inPlan {
			continue // a hand-set link to a node a later plan version dropped: no unit to count in
		}
		out = append(out, UnitKey{o, GroupNode + n})
		for _, c := range chains {
			if !seen[c] {
				seen[c] = true
				out = append(out, UnitKey{o, GroupChain + c})
			}
		}
	}
	return out
}

// Partition groups a frame's enterprises by unit; with want set, only the
// units in want are kept.
func Partition(city string, ci ChainIndex, firms []*Firm, want map[UnitKey]bool) map[UnitKey][]*Firm {
	out := map[UnitKey][]*Firm{}
	for k := range want {
		out[k] = nil // a unit that lost its last enterprise is recomputed too
	}
	for _, f := range firms {
		for _, k := range f.Place().Units(city, ci) {
			if want == nil || want[k] {
				out[k] = append(out[k], f)
			}
		}
	}
	return out
}

// NodesOf lists the nodes of a chain.
func (ci ChainIndex) NodesOf(chain string) []string { return ci.nodesOf[chain] }
