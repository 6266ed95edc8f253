package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"mfgplan/internal/httpapi"
	"mfgplan/internal/mujun"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// seedMujun stores six 规上 firms in one county and park with 2024 figures.
func seedMujun(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *store.Tx) error {
		for _, q := range []string{
			`INSERT INTO org_units (code, name, level) VALUES ('511700', '达州市', 'city')`,
			`INSERT INTO org_units (code, name, level, parent_code) VALUES ('511702', '通川区', 'county', '511700')`,
			`INSERT INTO parks (code, name, county_code, kind) VALUES ('P1', '园区1', '511702', 'industrial')`,
		} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		var vals []stats.Value
		for i := 1; i <= 6; i++ {
			var id int64
			if err := tx.QueryRow(ctx, `INSERT INTO enterprises (uscc, name, county_code, park_code, industry_code, established_on, created_at, updated_at)
				VALUES (?, ?, '511702', 'P1', '3311', '2010-01-01', 'now', 'now') RETURNING id`, fmt.Sprintf("91511700HTTP%06d", i), fmt.Sprintf("企业%d", i)).Scan(&id); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO enterprise_years (enterprise_id, year, above_scale) VALUES (?, 2024, TRUE)`, id); err != nil {
				return err
			}
			f := float64(i)
			for el, v := range map[string]float64{"land_area": 10, "revenue": 1000 * f, "tax_paid": 30 * f, "employees": 10 + f, "energy_total": 100, "rd_expense": 10 * f} {
				vals = append(vals, stats.Value{EnterpriseID: id, Element: el, Period: "2024", Value: v})
			}
		}
		_, err := stats.SaveValues(ctx, tx, vals, "test", "tester")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMujunAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedMujun(t, db)
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		svc, err := mujun.NewService(db, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(httpapi.New(httpapi.Deps{DB: db, Mujun: svc, Log: log, Web: fstest.MapFS{}}))
		defer srv.Close()
		call := func(method, path, body string, want int) map[string]any {
			t.Helper()
			req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
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
