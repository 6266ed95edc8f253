package indicator

import (
	"slices"
	"testing"

	"mfgplan/internal/plan"
)

func TestPlaceUnits(t *testing.T) {
	ci := NewChainIndex(&plan.Plan{Chains: []plan.Chain{
		{Code: "lithium", Nodes: []plan.ChainNode{{Code: "brine"}, {Code: "lithium_carbonate"}}},
		{Code: "potash", Nodes: []plan.ChainNode{{Code: "brine"}, {Code: "potash_fertilizer"}}},
	}})
	tests := []struct {
		name string
		pl   Place
		want []UnitKey
	}{
		{"county only", Place{County: "511722"}, []UnitKey{{"511700", ""}, {"511722", ""}}},
		{"park keeps all and cluster, not sub-sector", Place{County: "511722", Park: "p1", Cluster: "c", SubSector: "s"}, []UnitKey{
			{"511700", ""}, {"511700", "cluster:c"}, {"511700", "sub:s"},
			{"511722", ""}, {"511722", "cluster:c"}, {"511722", "sub:s"},
			{"p1", ""}, {"p1", "cluster:c"}}},
		{"a node in two chains counts in both, each chain once", Place{County: "511722", Nodes: []string{"brine", "lithium_carbonate"}}, []UnitKey{
			{"511700", ""}, {"511700", "node:brine"}, {"511700", "chain:lithium"}, {"511700", "chain:potash"}, {"511700", "node:lithium_carbonate"},
			{"511722", ""}, {"511722", "node:brine"}, {"511722", "chain:lithium"}, {"511722", "chain:potash"}, {"511722", "node:lithium_carbonate"}}},
		{"a node no longer in the plan is no unit", Place{County: "511722", Nodes: []string{"dropped_node"}}, []UnitKey{{"511700", ""}, {"511722", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.pl.Units("511700", ci); !slices.Equal(got, tt.want) {
				t.Errorf("units = %v, want %v", got, tt.want)
			}
		})
	}
}
