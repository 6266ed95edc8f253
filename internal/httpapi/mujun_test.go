package httpapi_test

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"mfgplan/internal/auth/authtest"
	"mfgplan/internal/httpapi"
	"mfgplan/internal/mujun"
	"mfgplan/internal/mujun/mujuntest"
	"mfgplan/internal/plan"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/plans"
)

func TestMujunAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		mujuntest.SeedCounty(t, db)
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		svc, err := mujun.NewService(db, log)
		if err != nil {
			t.Fatal(err)
		}
		a, token := authtest.CityToken(t, db)
		srv := httptest.NewServer(httpapi.New(httpapi.Deps{DB: db, Plan: defaultPlan(t), Mujun: svc, Log: log, Web: fstest.MapFS{}, Auth: a}))
		defer srv.Close()
		call := func(method, path, body string, want int) map[string]any {
			t.Helper()
			req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != want {
				t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, raw)
			}
			out := map[string]any{}
			if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				if err := json.Unmarshal(raw, &out); err != nil {
					t.Fatalf("%s %s: %v", method, path, err)
				}
			}
			return out
		}
		call("PUT", "/api/v1/mujun/adjustments", `{"enterprise_id":1,"year":2024,"item":"innovation","points":3,"reason":"省级技术中心","source":"认定文件"}`, http.StatusOK)
		if adj := call("GET", "/api/v1/mujun/adjustments?year=2024", "", http.StatusOK); adj["total"] != 1.0 {
			t.Errorf("adjustments: %v", adj)
		}
		created := call("POST", "/api/v1/mujun/runs", `{"year":2024,"method":"sichuan"}`, http.StatusCreated)
		runID := int(created["run"].(map[string]any)["id"].(float64))
		again := call("POST", "/api/v1/mujun/runs", `{"year":2024,"method":"sichuan"}`, http.StatusOK)
		if again["created"] != false {
			t.Errorf("the identical rerun must not create a version: %v", again)
		}
		page := call("GET", fmt.Sprintf("/api/v1/mujun/runs/%d/entries?limit=2", runID), "", http.StatusOK)
		if page["total"] != 6.0 || len(page["items"].([]any)) != 2 || page["period"] != "2024" || page["unit"] == "" {
			t.Errorf("entries page: %v", page)
		}
		first := page["items"].([]any)[0].(map[string]any)
		card := call("GET", fmt.Sprintf("/api/v1/mujun/runs/%d/enterprises/%d", runID, int(first["enterprise_id"].(float64))), "", http.StatusOK)
		if items := card["items"].([]any); len(items) != 5 || items[0].(map[string]any)["county_average"] == nil {
			t.Errorf("report card: %v", card)
		}
		dist := call("GET", fmt.Sprintf("/api/v1/mujun/runs/%d/distribution", runID), "", http.StatusOK)
		if dist["all"].(map[string]any)["graded"] != 6.0 {
			t.Errorf("distribution: %v", dist)
		}
		call("GET", fmt.Sprintf("/api/v1/mujun/runs/%d/entries.xlsx", runID), "", http.StatusOK)
		if v := call("GET", fmt.Sprintf("/api/v1/mujun/runs/%d/verify", runID), "", http.StatusOK); v["reproduced"] != true {
			t.Errorf("verify: %v", v)
		}
		call("GET", fmt.Sprintf("/api/v1/mujun/runs/%d/diff?against=%d", runID, runID), "", http.StatusOK)
		call("GET", "/api/v1/mujun/pricing?year=2024&jurisdiction=shandong", "", http.StatusNotFound) // not published yet
		call("POST", fmt.Sprintf("/api/v1/mujun/runs/%d/publish", runID), "", http.StatusOK)
		call("POST", fmt.Sprintf("/api/v1/mujun/runs/%d/publish", runID), "", http.StatusConflict)
		parks := call("GET", "/api/v1/mujun/parks?year=2024", "", http.StatusOK)
		if len(parks["items"].([]any)) != 1 {
			t.Errorf("parks: %v", parks)
		}
		call("GET", "/api/v1/mujun/pricing/electricity?year=2024&jurisdiction=shandong", "", http.StatusOK)
		call("GET", "/api/v1/mujun/runs/abc/entries", "", http.StatusBadRequest)
		call("POST", "/api/v1/mujun/runs", `{"year":2024,"method":"nope"}`, http.StatusNotFound)
		appeal := call("POST", fmt.Sprintf("/api/v1/mujun/runs/%d/appeals", runID), fmt.Sprintf(`{"enterprise_id":%d,"reason":"税金漏报","attachment_name":"a.txt","attachment":"aGVsbG8="}`, int(first["enterprise_id"].(float64))), http.StatusOK)
		aid := int(appeal["id"].(float64))
		reviewed := call("POST", fmt.Sprintf("/api/v1/mujun/appeals/%d/review", aid), `{"accept":true,"note":"核实","corrections":{"tax_paid":1}}`, http.StatusOK)
		if reviewed["status"] != "accepted" || reviewed["new_run_id"] == nil {
			t.Errorf("review: %v", reviewed)
		}
	})
}

// defaultPlan is the embedded Dazhou plan, whose evaluation block names the
// 亩均 method and pricing rules requests fall back to.
func defaultPlan(t *testing.T) *plan.Loaded {
	t.Helper()
	raw, err := fs.ReadFile(plans.Files, plans.Default)
	if err != nil {
		t.Fatal(err)
	}
	l, err := plan.Parse(plans.Default, raw)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
