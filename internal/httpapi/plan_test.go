package httpapi

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
	"mfgplan/internal/store/storetest"
)

// newTestServer serves the Dazhou plan from a fresh SQLite store.
func newTestServer(t *testing.T) *Server {
	t.Helper()
	db := storetest.SQLite(t)
	l, err := plan.LoadFile("../../plans/dazhou-2021-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	v, _, err := plan.Record(context.Background(), db, l)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return New(Deps{DB: db, Plan: l, PlanVersion: v, Catalog: cat, Web: fstest.MapFS{},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"})
}

func get(t *testing.T, s *Server, path string) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("GET %s: body is not JSON: %v\n%s", path, err, rec.Body)
	}
	return rec.Code, body
}

func TestPlanIndicatorsCarryBaselinesAndTargets(t *testing.T) {
	s := newTestServer(t)
	code, body := get(t, s, "/api/v1/plan/indicators")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	items := body["items"].([]any)
	if len(items) != 20 {
		t.Fatalf("%d indicators, want the 20 of 专栏1", len(items))
	}
	first := items[0].(map[string]any)
	for _, field := range []string{"code", "name", "unit", "category", "baseline", "target"} {
		if _, ok := first[field]; !ok {
			t.Errorf("indicator lacks %q: %v", field, first)
		}
	}
	base := first["baseline"].(map[string]any)
	if base["value"] != 479.9 || base["year"] != float64(2020) {
		t.Errorf("全部工业增加值 baseline = %v, want 479.9 in 2020", base)
	}
}

func TestPlanSectionsAndErrors(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		path       string
		wantStatus int
		wantKey    string
	}{
		{"/api/v1/plan", http.StatusOK, "plan"},
		{"/api/v1/plan/clusters", http.StatusOK, "items"},
		{"/api/v1/plan/chains", http.StatusOK, "items"},
		{"/api/v1/plan/parks", http.StatusOK, "counties"},
		{"/api/v1/plan/targets", http.StatusOK, "items"},
		{"/api/v1/plan/versions", http.StatusOK, "items"},
		{"/api/v1/health", http.StatusOK, "status"},
		{"/api/v1/no-such-thing", http.StatusNotFound, "error"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			code, body := get(t, s, tt.path)
			if code != tt.wantStatus {
				t.Errorf("status %d, want %d", code, tt.wantStatus)
			}
			if _, ok := body[tt.wantKey]; !ok {
				t.Errorf("body lacks %q: %v", tt.wantKey, body)
			}
		})
	}
}

func TestOpenAPIListsEveryRoute(t *testing.T) {
	s := newTestServer(t)
	_, doc := get(t, s, "/api/v1/openapi.json")
	paths := doc["paths"].(map[string]any)
	for _, rt := range s.Routes() {
		item, ok := paths[rt.Path].(map[string]any)
		if !ok {
			t.Errorf("OpenAPI lacks %s", rt.Path)
			continue
		}
		if _, ok := item[strings.ToLower(rt.Method)]; !ok {
			t.Errorf("OpenAPI lacks %s %s", rt.Method, rt.Path)
		}
	}
}
