package httpapi

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"testing/fstest"

	"mfgplan/internal/access"
	"mfgplan/internal/demo"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// newRegistryServer serves a store holding a small demo dataset.
func newRegistryServer(t *testing.T, db *store.DB) *Server {
	t.Helper()
	p, svc := registrytest.Setup(t, db)
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	ctx := access.With(t.Context(), access.System)
	if _, err := demo.Generate(ctx, db, demo.Deps{Plan: p, Catalog: cat, Classes: svc.Classification(), Map: svc.IndustryMap()},
		demo.Options{Seed: 3, Scale: 0.02}); err != nil {
		t.Fatal(err)
	}
	return New(Deps{DB: db, Catalog: cat, Web: fstest.MapFS{}, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Registry: RegistryDeps{Enterprises: svc, Regions: stats.NewRegionValues(db, cat)}})
}

func call(t *testing.T, s *Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(method, path, bytes.NewBufferString(body)))
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s: body is not a JSON object: %v\n%s", method, path, err, rec.Body)
	}
	return rec.Code, out
}

func TestRegistryAPI(t *testing.T) {
	uscc := registrytest.USCC("511724", 9)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newRegistryServer(t, db)
		tests := []struct {
			name, method, path, body string
			status                   int
			check                    func(t *testing.T, b map[string]any)
		}{
			{"org units", "GET", "/api/v1/org-units", "", 200, itemsLen(8)},
			{"parks of a county", "GET", "/api/v1/parks?county=511722", "", 200, itemsLen(4)},
			{"enterprises page", "GET", "/api/v1/enterprises?limit=3", "", 200, func(t *testing.T, b map[string]any) {
				if b["total"].(float64) < 20 || len(b["items"].([]any)) != 3 || b["limit"].(float64) != 3 {
					t.Errorf("page %v", b)
				}
			}},
			{"bad limit", "GET", "/api/v1/enterprises?limit=x", "", 400, nil},
			{"bad tag level", "GET", "/api/v1/enterprises?tag=zjtx&tag_min_level=county", "", 400, nil},
			{"one enterprise", "GET", "/api/v1/enterprises/1", "", 200, hasKeys("uscc", "county_name", "division_name", "tags", "years", "land_unit")},
			{"missing enterprise", "GET", "/api/v1/enterprises/999999", "", 404, nil},
			{"bad id", "GET", "/api/v1/enterprises/abc", "", 400, nil},
			{"register", "POST", "/api/v1/enterprises", `{"uscc":"` + uscc + `","name":"测试电子有限公司","county_code":"511724","industry_code":"3982"}`, 201,
				func(t *testing.T, b map[string]any) {
					if b["cluster_code"] != "electronics" || b["high_tech"] != true {
						t.Errorf("registered %v", b)
					}
				}},
			{"register again", "POST", "/api/v1/enterprises", `{"uscc":"` + uscc + `","name":"x","county_code":"511724","industry_code":"3982"}`, 409, nil},
			{"unknown field", "POST", "/api/v1/enterprises", `{"usc":"x"}`, 400, nil},
			{"rename", "PUT", "/api/v1/enterprises/1", `{"name":"「演示」改名有限公司"}`, 200, func(t *testing.T, b map[string]any) {
				if b["name"] != "「演示」改名有限公司" {
					t.Errorf("renamed %v", b["name"])
				}
			}},
			{"history", "GET", "/api/v1/enterprises/1/history", "", 200, func(t *testing.T, b map[string]any) {
				last := b["items"].([]any)[0].(map[string]any)
				if last["field"] != "name" || last["new_value"] != "「演示」改名有限公司" || last["source"] != "api" {
					t.Errorf("latest change %v", last)
				}
			}},
			{"values with units", "GET", "/api/v1/enterprises/1/values?element=revenue&from=2020-01&to=2020-12", "", 200, func(t *testing.T, b map[string]any) {
				items := b["items"].([]any)
				first := items[0].(map[string]any)
				if len(items) != 13 || first["unit"] != "万元" || first["name"] != "营业收入" {
					t.Errorf("%d values, first %v; want 12 months and the year, in 万元", len(items), first)
				}
			}},
			{"bad period", "GET", "/api/v1/enterprises/1/values?from=2020-13", "", 400, nil},
			{"tag", "POST", "/api/v1/enterprises/1/tags", `{"tag":"smart_factory","level":"province","valid_from":"2024-05-01"}`, 201, hasKeys("id", "name")},
			{"bad tag", "POST", "/api/v1/enterprises/1/tags", `{"tag":"smart_factory","level":"county","valid_from":"2024-05-01"}`, 400, nil},
			{"规上 status", "PUT", "/api/v1/enterprises/1/years/2026", `{"above_scale":true}`, 200, hasKeys("year", "above_scale")},
			{"规上 status without a value", "PUT", "/api/v1/enterprises/1/years/2026", `{}`, 400, nil},
			{"region values", "GET", "/api/v1/region-values?org=511700", "", 200, itemsLen(0)},
			{"set region value", "PUT", "/api/v1/region-values", `{"org_code":"511700","element":"province_mfg_va_share","period":"2023","value":26.1,"source":"四川省统计局"}`, 200,
				func(t *testing.T, b map[string]any) {
					if b["unit"] != "%" || b["element_name"] != "全省制造业增加值占GDP比重" {
						t.Errorf("saved %v", b)
					}
				}},
			{"region value without source", "PUT", "/api/v1/region-values", `{"org_code":"511700","element":"gdp","period":"2023","value":1}`, 400, nil},
			{"dataset", "GET", "/api/v1/dataset", "", 200, func(t *testing.T, b map[string]any) {
				if b["demo"] != true || b["label"] != "演示数据" {
					t.Errorf("dataset %v", b)
				}
			}},
			{"catalog", "GET", "/api/v1/catalog", "", 200, hasKeys("elements", "datasets", "region_elements")},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, body := call(t, s, tt.method, tt.path, tt.body)
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

func itemsLen(n int) func(*testing.T, map[string]any) {
	return func(t *testing.T, b map[string]any) {
		if got := len(b["items"].([]any)); got != n {
			t.Errorf("%d items, want %d", got, n)
		}
	}
}

func hasKeys(keys ...string) func(*testing.T, map[string]any) {
	return func(t *testing.T, b map[string]any) {
		for _, k := range keys {
			if _, ok := b[k]; !ok {
				t.Errorf("body lacks %q: %v", k, b)
			}
		}
	}
}
