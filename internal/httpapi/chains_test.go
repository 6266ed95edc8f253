package httpapi

import (
	"fmt"
	"testing"

	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestChainAPI drives the chain routes on demo data: counts per node, the
// enterprise filter by chain and node, and a hand-set link.
func TestChainAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newRegistryServer(t, db)
		_, page := call(t, s, "GET", "/api/v1/enterprises?node=lithium_battery&limit=1", "")
		firms := int(page["total"].(float64))
		if firms == 0 {
			t.Fatal("no demo enterprise at the 锂电池 node")
		}
		id := int(page["items"].([]any)[0].(map[string]any)["id"].(float64))
		tests := []struct {
			name, method, path string
			status             int
			check              func(t *testing.T, b map[string]any)
		}{
			{"chain with counts", "GET", "/api/v1/chains/phosphate_lithium_battery", 200, func(t *testing.T, b map[string]any) {
				last := b["nodes"].([]any)[3].(map[string]any)
				if last["code"] != "lithium_battery" || int(last["enterprises"].(float64)) != firms || b["unit"] != "家" {
					t.Errorf("chain %v, want %d enterprises at lithium_battery", b, firms)
				}
			}},
			{"every chain", "GET", "/api/v1/chains", 200, itemsLen(12)},
			{"unknown chain", "GET", "/api/v1/chains/nope", 404, nil},
			{"filter by chain and node", "GET", "/api/v1/enterprises?chain=phosphate_lithium_battery&node=lithium_battery", 200, func(t *testing.T, b map[string]any) {
				if int(b["total"].(float64)) != firms {
					t.Errorf("%v enterprises, want %d", b["total"], firms)
				}
			}},
			{"node outside the chain", "GET", "/api/v1/enterprises?chain=casting&node=brine", 400, nil},
			{"link by hand", "PUT", fmt.Sprintf("/api/v1/enterprises/%d/chain-nodes/brine", id), 200, itemsLen(3)},
			{"unknown node", "PUT", fmt.Sprintf("/api/v1/enterprises/%d/chain-nodes/unobtainium", id), 400, nil},
			{"links", "GET", fmt.Sprintf("/api/v1/enterprises/%d/chain-nodes", id), 200, func(t *testing.T, b map[string]any) {
				first := b["items"].([]any)[0].(map[string]any)
				if first["node_code"] != "brine" || first["source"] != "manual" || first["node_name"] != "卤水" {
					t.Errorf("first link %v", first)
				}
			}},
			{"unlink by hand", "DELETE", fmt.Sprintf("/api/v1/enterprises/%d/chain-nodes/power_battery", id), 200, nil},
			{"counts follow", "GET", "/api/v1/chains/brine_lithium_battery", 200, func(t *testing.T, b map[string]any) {
				battery := b["nodes"].([]any)[3].(map[string]any)
				if int(battery["enterprises"].(float64)) != firms-1 {
					t.Errorf("power battery %v, want %d after one was unlinked", battery, firms-1)
				}
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, body := call(t, s, tt.method, tt.path, "")
				if status != tt.status {
					t.Fatalf("status %d, want %d: %v", status, tt.status, body)
				}
				if tt.check != nil {
					tt.check(t, body)
				}
			})
		}
	})
}
