package query

import (
	"context"
	"strings"
	"testing"

	"mfgplan/internal/apperr"
	"mfgplan/internal/dirty"
	"mfgplan/internal/indicator"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// linkFixture links the fixture's enterprises to chain nodes: 甲 (通川区,
// 达州高新区) to 碳酸锂 and 卤水, 乙 (通川区) to 卤水, 丙 (宣汉县) to 动力电池.
func linkFixture(t *testing.T, db *store.DB, ids []int64) {
	t.Helper()
	for _, l := range []struct {
		id   int64
		node string
	}{{ids[0], "lithium_carbonate"}, {ids[0], "brine"}, {ids[1], "brine"}, {ids[2], "power_battery"}} {
		change(t, db, dirty.Enterprise(l.id), `INSERT INTO enterprise_chain_nodes (enterprise_id, node_code, source, linked, updated_at)
			VALUES (?, ?, 'manual', TRUE, '2024-01-01T00:00:00Z')`, l.id, l.node)
	}
}

// brineWithOneApproved seeds the fixture with 甲 and 乙 both in the 卤水
// node, builds analytics and approves 乙化工's 2024 report only.
func brineWithOneApproved(t *testing.T, db *store.DB) ([]int64, *Service) {
	t.Helper()
	ids := seedFixture(t, db)
	linkFixture(t, db, ids)
	svc := prime(t, db)
	approve(t, svc, ids[1], "2024")
	return ids, counted(t, svc)
}

// breakdownOf returns the profit margin and firm count of each unit of a breakdown.
func breakdownOf(t *testing.T, svc *Service, q Params) map[string]indicator.Row {
	t.Helper()
	res, err := svc.Indicators(systemCtx(), q)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]indicator.Row{}
	for _, tb := range res.Breakdown {
		out[tb.Group] = find(t, tb.Items, "profit_margin")
	}
	return out
}

func TestChainUnitsCountEachLinkedFirmOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids := seedFixture(t, db)
		linkFixture(t, db, ids)
		svc := prime(t, db)
		// 2024: revenue 12000, 24000, 36000; profit 300, 800, 1500 (万元)
		tests := []struct {
			by, group string
			firms     int
			margin    float64
		}{
			{"node", "node:brine", 2, 100 * 1100.0 / 36000},
			{"node", "node:lithium_carbonate", 1, 100 * 300.0 / 12000},
			{"chain", "chain:brine_lithium_battery", 3, 100 * 2600.0 / 72000}, // 甲 in two of its nodes counts once
			{"chain", "chain:brine_potash", 2, 100 * 1100.0 / 36000},
		}
		for _, tt := range tests {
			r := breakdownOf(t, svc, Params{Year: 2024, By: tt.by})[tt.group]
			if r.Firms != tt.firms || r.Actual == nil || !near(*r.Actual, tt.margin) {
				t.Errorf("%s: %d firms, margin %v; want %d, %g", tt.group, r.Firms, r.Actual, tt.firms, tt.margin)
			}
		}
		county := breakdownOf(t, svc, Params{Year: 2024, Org: "511722", By: "node"})
		if r := county["node:power_battery"]; r.Firms != 1 || county["node:brine"].Actual != nil {
			t.Errorf("宣汉县 by node: power battery %d firms, brine %v; want 1 and no value", r.Firms, county["node:brine"].Actual)
		}
		if _, err := svc.Indicators(systemCtx(), Params{Year: 2024, Org: "dazhou_hitech_zone", By: "node"}); err == nil {
			t.Error("a park was broken down by chain node; nodes are kept for the city and counties only")
		}
	})
}

func TestChainLinkOrValueChangeRefreshesOnlyItsUnits(t *testing.T) {
	tests := []struct {
		name      string
		change    func(t *testing.T, db *store.DB, ids []int64)
		want, not []string // units (org/group/period) recomputed, and not
	}{
		{"丙 moves from 动力电池 to 玻璃", func(t *testing.T, db *store.DB, ids []int64) {
			change(t, db, dirty.Enterprise(ids[2]), `UPDATE enterprise_chain_nodes SET node_code = 'glass' WHERE enterprise_id = ?`, ids[2])
		}, []string{"511700/node:power_battery/2024", "511722/node:power_battery/2024", "511700/node:glass/2024",
			"511722/chain:nacl_microglass_fiber/2024", "511700/chain:brine_lithium_battery/2024"},
			[]string{"node:brine", "node:lithium_carbonate", "chain:brine_potash", "511702/", "chain:phosphate_lithium_battery"}},
		{"甲's revenue", func(t *testing.T, db *store.DB, ids []int64) {
			err := db.InTx(context.Background(), func(tx *store.Tx) error {
				_, err := stats.SaveValues(context.Background(), tx, []stats.Value{{EnterpriseID: ids[0], Element: "revenue", Period: "2024", Value: 22000}}, "import:test", "test")
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}, []string{"511700/node:brine/2024", "511702/node:lithium_carbonate/2024", "511700/chain:brine_lithium_battery/2024",
			"511702/chain:brine_comprehensive/2024"},
			[]string{"node:power_battery", "511722/", "dazhou_hitech_zone/node:", "dazhou_hitech_zone/chain:", "2024-06"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				ids := seedFixture(t, db)
				linkFixture(t, db, ids)
				svc := prime(t, db)
				tt.change(t, db, ids)
				if _, err := counted(t, svc).Indicators(systemCtx(), Params{Year: 2024}); err != nil {
					t.Fatal(err)
				}
				changed := recomputed(t, db)
				for _, w := range tt.want {
					if !changed[w] {
						t.Errorf("unit %s was not recomputed", w)
					}
				}
				for k := range changed {
					for _, n := range tt.not {
						if strings.Contains(k, n) {
							t.Errorf("unit %s was recomputed although nothing in it changed", k)
						}
					}
				}
			})
		})
	}
}

func TestChainLinkChangeMovesTheValue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids := seedFixture(t, db)
		linkFixture(t, db, ids)
		svc := prime(t, db)
		change(t, db, dirty.Enterprise(ids[2]), `UPDATE enterprise_chain_nodes SET linked = FALSE WHERE enterprise_id = ?`, ids[2])
		nodes := breakdownOf(t, counted(t, svc), Params{Year: 2024, By: "node"})
		if r := nodes["node:power_battery"]; r.Firms != 0 || r.Actual != nil {
			t.Errorf("动力电池 after its only firm was unlinked: %d firms, %v", r.Firms, r.Actual)
		}
		chains := breakdownOf(t, svc, Params{Year: 2024, By: "chain"})
		if r := chains["chain:brine_lithium_battery"]; r.Firms != 2 || !near(*r.Actual, 100*1100.0/36000) {
			t.Errorf("卤水－碳酸锂－磷酸铁锂－动力电池 after the unlink: %d firms, %v", r.Firms, r.Actual)
		}
		st, err := svc.Analytics.Rebuild(context.Background())
		if err != nil || st.Rows == 0 {
			t.Fatalf("rebuild: %+v, %v", st, err)
		}
		if again := breakdownOf(t, svc, Params{Year: 2024, By: "chain"}); again["chain:brine_lithium_battery"].Firms != 2 {
			t.Errorf("rebuild disagrees with the refresh: %+v", again["chain:brine_lithium_battery"])
		}
	})
}

// Explaining an indicator for a chain node traces only the node's firms, in
// the basis asked for; a group analytics do not keep for the unit is refused
// rather than traced over every enterprise under a name that has no figures.
func TestExplainByNodeGroup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids, svc := brineWithOneApproved(t, db)
		for _, tt := range []struct {
			basis indicator.Basis
			firms []int64
		}{{indicator.BasisAll, ids[:2]}, {indicator.BasisApproved, ids[1:2]}} {
			ex, err := svc.Explain(systemCtx(), "profit_margin", Params{Year: 2024, Basis: tt.basis}, "node:brine")
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, c := range ex.Contributors {
				got = append(got, c.EnterpriseID)
			}
			if len(got) != len(tt.firms) || ex.Row.Firms != len(tt.firms) {
				t.Errorf("%s explanation of 卤水: contributors %v, row over %d firms; want %v", tt.basis, got, ex.Row.Firms, tt.firms)
			}
		}
		for _, tt := range []struct{ org, group string }{
			{"", "node:unobtainium"}, {"", "garbage"}, {"", "chain:nope"}, {"dazhou_hitech_zone", "node:brine"},
		} {
			_, err := svc.Explain(systemCtx(), "profit_margin", Params{Year: 2024, Org: tt.org}, tt.group)
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("explain %q in %q: %v, want an Invalid error", tt.group, tt.org, err)
			}
		}
	})
}
