package registry_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/plan"
	"mfgplan/internal/registry"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// linked lists an enterprise's nodes as node → state ("rule", "manual", "removed").
func linked(t *testing.T, svc *registry.Service, id int64) map[string]string {
	t.Helper()
	links, err := svc.ChainNodes(sys, id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, l := range links {
		out[l.Node] = map[bool]string{true: l.Source, false: "removed"}[l.Linked]
	}
	return out
}

func sameLinks(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestChainNodesFollowRulesAndKeepHandSetLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := registrytest.Setup(t, db)
		in := input(1)
		in.Industry = str("3841") // 锂离子电池制造
		e, err := svc.Create(sys, in, "test")
		if err != nil {
			t.Fatal(err)
		}
		set := func(node string, act registry.NodeAction) {
			t.Helper()
			if _, err := svc.SetNode(sys, e.ID, node, act, "test"); err != nil {
				t.Fatalf("SetNode %s %v: %v", node, act, err)
			}
		}
		steps := []struct {
			name string
			run  func()
			want map[string]string
		}{
			{"create derives from the class", func() {}, map[string]string{"lithium_battery": "rule", "power_battery": "rule"}},
			{"removal by hand", func() { set("power_battery", registry.UnlinkNode) }, map[string]string{"lithium_battery": "rule", "power_battery": "removed"}},
			{"link by hand", func() { set("brine", registry.LinkNode) }, map[string]string{"lithium_battery": "rule", "power_battery": "removed", "brine": "manual"}},
			{"re-derivation keeps hand-set links", func() {
				if _, err := svc.Rederive(sys, "industry_map"); err != nil {
					t.Fatal(err)
				}
			}, map[string]string{"lithium_battery": "rule", "power_battery": "removed", "brine": "manual"}},
			{"class change replaces rule links only", func() {
				if _, err := svc.Update(sys, e.ID, registry.Input{Industry: str("2613")}, "test"); err != nil {
					t.Fatal(err)
				}
			}, map[string]string{"lithium_carbonate": "rule", "power_battery": "removed", "brine": "manual"}},
			{"reset drops a node the rules do not give", func() { set("power_battery", registry.ResetNode) }, map[string]string{"lithium_carbonate": "rule", "brine": "manual"}},
			{"removing a rule's node by hand", func() { set("lithium_carbonate", registry.UnlinkNode) }, map[string]string{"lithium_carbonate": "removed", "brine": "manual"}},
			{"reset brings a rule's node back", func() { set("lithium_carbonate", registry.ResetNode) }, map[string]string{"lithium_carbonate": "rule", "brine": "manual"}},
		}
		for _, st := range steps {
			st.run()
			if got := linked(t, svc, e.ID); !sameLinks(got, st.want) {
				t.Errorf("%s: links %v, want %v", st.name, got, st.want)
			}
		}
		hist, err := svc.History(sys, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if h := hist[0]; h.Field != "chain_node:lithium_carbonate" || h.Old == nil || *h.Old != "removed" || h.New == nil || *h.New != "rule" {
			t.Errorf("latest history entry %+v, want chain_node:lithium_carbonate removed → rule", h)
		}
		if h := hist[1]; h.Field != "chain_node:lithium_carbonate" || *h.New != "removed" {
			t.Errorf("the reset was recorded more than once: %+v before it", h)
		}
	})
}

func TestChainFiltersAndCountsAreScoped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := registrytest.Setup(t, db)
		for n, class := range []string{"3841", "2613", "3974"} {
			in := input(n + 1)
			in.Industry = str(class)
			if _, err := svc.Create(sys, in, "test"); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			name        string
			f           registry.Filter
			want        int
			wantErrCode apperr.Code
		}{
			{"by chain: lithium battery and lithium carbonate firms", registry.Filter{Chain: "brine_lithium_battery"}, 2, ""},
			{"by node", registry.Filter{Node: "lithium_carbonate"}, 1, ""},
			{"chain and node", registry.Filter{Chain: "phosphate_lithium_battery", Node: "lithium_battery"}, 1, ""},
			{"node outside the chain", registry.Filter{Chain: "casting", Node: "brine"}, 0, apperr.Invalid},
			{"unknown node", registry.Filter{Node: "unobtainium"}, 0, apperr.Invalid},
			{"unknown chain", registry.Filter{Chain: "nope"}, 0, apperr.NotFound},
		}
		for _, tt := range tests {
			page, err := svc.List(sys, tt.f)
			if tt.wantErrCode != "" {
				if apperr.CodeOf(err) != tt.wantErrCode {
					t.Errorf("%s: error %v, want code %s", tt.name, err, tt.wantErrCode)
				}
				continue
			}
			if err != nil || page.Total != tt.want {
				t.Errorf("%s: %d enterprises (%v), want %d", tt.name, page.Total, err, tt.want)
			}
		}
		other := access.With(context.Background(), access.Principal{User: "c", Role: access.RoleCounty,
			View: access.Scope{Counties: []string{"511702"}}, Enter: access.Scope{Counties: []string{"511702"}}})
		for ctx, want := range map[context.Context]int{sys: 2, other: 0} {
			ch, err := svc.Chain(ctx, "brine_lithium_battery")
			if err != nil {
				t.Fatal(err)
			}
			if ch.Enterprises != want || len(ch.Nodes) != 4 || ch.Nodes[1].Code != "lithium_carbonate" || ch.Nodes[1].Enterprises != want/2 {
				t.Errorf("chain view %+v, want %d enterprises, %d at lithium_carbonate", ch, want, want/2)
			}
		}
		page, _ := svc.List(sys, registry.Filter{Node: "lithium_carbonate"})
		if _, err := svc.SetNode(other, page.Items[0].ID, "brine", registry.LinkNode, "test"); err == nil {
			t.Error("a county user linked another county's enterprise")
		}
	})
}

func TestChainRulesReportUnknownNodesByLine(t *testing.T) {
	p, _ := registrytest.Setup(t, storetest.SQLite(t))
	raw := "plan: dazhou-2021-2025\nrules: []\nchain_rules:\n  - {prefix: \"3841\", nodes: [power_battery]}\n  - {prefix: \"2613\",\n     nodes: [lithium_carbonate, unobtainium]}\n"
	_, err := registry.ParseIndustryMap("map.yaml", []byte(raw), p)
	var pe *plan.ProblemsError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "map.yaml:6:") || !strings.Contains(err.Error(), "unobtainium") {
		t.Errorf("error %v, want map.yaml:6 naming unobtainium", err)
	}
}
