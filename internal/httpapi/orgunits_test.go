package httpapi

import (
	"strconv"
	"strings"
	"testing"

	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestTownAPI adds a town, registers an enterprise in it, filters by it and
// deletes it once nothing refers to it, checking the Chinese refusals on
// the way.
func TestTownAPI(t *testing.T) {
	uscc := registrytest.USCC("511724", 91)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newRegistryServer(t, db)
		var id string
		tests := []struct {
			name, method, path, body string
			status                   int
			check                    func(t *testing.T, b map[string]any)
		}{
			{"add", "POST", "/api/v1/org-units", `{"parent_code":"511724","code":"511724100","name":"测试镇"}`, 201, func(t *testing.T, b map[string]any) {
				if b["level"] != "town" || b["parent_code"] != "511724" || b["source"] != "user" {
					t.Errorf("added %v", b)
				}
			}},
			{"add again", "POST", "/api/v1/org-units", `{"parent_code":"511724","code":"511724100","name":"别的镇"}`, 409, message("已存在")},
			{"wrong prefix", "POST", "/api/v1/org-units", `{"parent_code":"511724","code":"511725100","name":"别的镇"}`, 400, message("前6位")},
			{"unknown county", "POST", "/api/v1/org-units", `{"parent_code":"511799","code":"511799100","name":"别的镇"}`, 400, message("不存在")},
			{"the county's towns", "GET", "/api/v1/org-units?parent=511724", "", 200, itemsLen(1)},
			{"register in the town", "POST", "/api/v1/enterprises", `{"uscc":"` + uscc + `","name":"测试镇电子有限公司","county_code":"511724","town_code":"511724100","industry_code":"3982"}`, 201,
				func(t *testing.T, b map[string]any) {
					if b["town_name"] != "测试镇" {
						t.Errorf("registered %v", b)
					}
					id = jsonID(b)
				}},
			{"enterprises of the town", "GET", "/api/v1/enterprises?town=511724100", "", 200, itemsLen(1)},
			{"delete while referenced", "DELETE", "/api/v1/org-units/511724100", "", 409, message("1 家企业登记在此")},
			{"move out of the town", "PUT", "/api/v1/enterprises/{id}", `{"town_code":""}`, 200, nil},
			{"delete", "DELETE", "/api/v1/org-units/511724100", "", 200, hasKeys("deleted")},
			{"deleted", "GET", "/api/v1/org-units?parent=511724", "", 200, itemsLen(0)},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, body := call(t, s, tt.method, strings.ReplaceAll(tt.path, "{id}", id), tt.body)
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

func message(part string) func(*testing.T, map[string]any) {
	return func(t *testing.T, b map[string]any) {
		msg, _ := b["error"].(map[string]any)["message"].(string)
		if !strings.Contains(msg, part) {
			t.Errorf("message %q lacks %q", msg, part)
		}
	}
}

func jsonID(b map[string]any) string {
	n, _ := b["id"].(float64)
	return strconv.FormatInt(int64(n), 10)
}
