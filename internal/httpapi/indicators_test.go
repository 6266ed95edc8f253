package httpapi

import (
	"context"
	"net/http"
	"os"
	"testing"

	"mfgplan/internal/analytics"
	"mfgplan/internal/indicator"
	"mfgplan/internal/indicator/query"
)

// withIndicators wires the Dazhou indicator definitions into a test server,
// accepting every element code (the catalog's coverage is tested in indicator).
func withIndicators(t *testing.T, s *Server) *Server {
	t.Helper()
	raw, err := os.ReadFile("../../plans/dazhou-2021-2025.indicators.yaml")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := indicator.Load(s.Plan.Plan, "dazhou-2021-2025.indicators.yaml", raw, indicator.Deps{Element: func(string) bool { return true }, TagLevels: []string{"city", "province", "national"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.Exec(context.Background(), `INSERT INTO org_units (code, name, level) VALUES ('511700', '达州市', 'city')`); err != nil {
		t.Fatal(err)
	}
	d := s.Deps
	d.Indicators = query.New(s.DB, eng, analytics.New(s.DB, eng))
	return New(d)
}

func TestIndicatorEndpoints(t *testing.T) {
	s := withIndicators(t, newTestServer(t))
	tests := []struct {
		name, path string
		want       int
	}{
		{"table for a year", "/api/v1/indicators?year=2024", http.StatusOK},
		{"bad year", "/api/v1/indicators?year=abc", http.StatusBadRequest},
		{"bad period", "/api/v1/indicators?period=2024-13", http.StatusBadRequest},
		{"unknown org", "/api/v1/indicators?org=999999", http.StatusNotFound},
		{"explain", "/api/v1/indicators/profit_margin/explain?year=2024", http.StatusOK},
		{"explain unknown indicator", "/api/v1/indicators/nope/explain", http.StatusNotFound},
		{"series", "/api/v1/indicators/pillar_revenue/series", http.StatusOK},
		{"breakdown needs by", "/api/v1/indicators/profit_margin/breakdown", http.StatusBadRequest},
		{"breakdown by cluster", "/api/v1/indicators/profit_margin/breakdown?by=cluster&year=2024", http.StatusOK},
		{"unknown basis", "/api/v1/indicators?basis=draft", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, body := get(t, s, tt.path); code != tt.want {
				t.Errorf("GET %s = %d %v, want %d", tt.path, code, body, tt.want)
			}
		})
	}
	_, body := get(t, s, "/api/v1/indicators?year=2024")
	res := body["result"].(map[string]any)
	items := res["items"].([]any)
	if len(items) != 20 || res["period"] != "2024" {
		t.Fatalf("%d items for %v, want the 20 of 专栏1 for 2024", len(items), res["period"])
	}
	first := items[0].(map[string]any)
	if first["unit"] != "亿元" || first["status"] != string(indicator.NoData) || first["reason"] == "" {
		t.Errorf("first row %v: want unit, status 无数据 and a reason", first)
	}
}

// TestIndicatorResponsesSayTheirBasis: every indicator read names the data
// basis it used, the one asked for or else the approved-only setting's.
func TestIndicatorResponsesSayTheirBasis(t *testing.T) {
	s := withIndicators(t, newTestServer(t))
	basisOf := func(path string) (any, any) {
		t.Helper()
		code, body := get(t, s, path)
		if code != http.StatusOK {
			t.Fatalf("GET %s = %d %v", path, code, body)
		}
		if r, ok := body["result"].(map[string]any); ok {
			body = r
		}
		return body["basis"], body["basis_name"]
	}
	for _, path := range []string{
		"/api/v1/indicators?year=2024&basis=approved",
		"/api/v1/indicators/profit_margin/explain?year=2024&basis=approved",
		"/api/v1/indicators/pillar_revenue/series?basis=approved",
		"/api/v1/indicators/profit_margin/breakdown?by=cluster&year=2024&basis=approved",
	} {
		if b, name := basisOf(path); b != "approved" || name != "仅已审核数据" {
			t.Errorf("GET %s says basis %v %v, want approved 仅已审核数据", path, b, name)
		}
	}
	if b, name := basisOf("/api/v1/indicators?year=2024"); b != "all" || name != "全部数据" {
		t.Errorf("default basis with the setting off = %v %v, want all 全部数据", b, name)
	}
	if _, err := s.DB.Exec(context.Background(), `INSERT INTO settings (key, value) VALUES ('analytics.approved_only', 'true')`); err != nil {
		t.Fatal(err)
	}
	if b, _ := basisOf("/api/v1/indicators?year=2024"); b != "approved" {
		t.Errorf("default basis with the setting on = %v, want approved", b)
	}
}

func TestIndicatorsWithoutDefinitionsSayWhy(t *testing.T) {
	s := newTestServer(t)
	code, body := get(t, s, "/api/v1/indicators")
	if code != http.StatusInternalServerError || body["error"] == nil {
		t.Errorf("without definitions: %d %v", code, body)
	}
}
