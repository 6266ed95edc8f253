package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestWriteIsCountedBeforeItsAnswer: reads never refresh the analytics, so
// a write's own request counts it before answering; the next read shows the
// change, with no refresh pending.
func TestWriteIsCountedBeforeItsAnswer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, nil)
		cookie, csrf := e.session(t, access.RoleCity)
		rows := func() int {
			t.Helper()
			var n int
			if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM analytics_indicator_values WHERE period = '2025-05'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := rows(); n != 0 {
			t.Fatalf("%d analytics rows for 2025-05 before anything was reported", n)
		}
		values := `[{"enterprise_id":` + strconv.FormatInt(e.In, 10) + `,"element":"revenue","period":"2025-05","value":1300}]`
		if rec := e.call("POST", "/api/v1/data-values", values, cookie, csrf); rec.Code != http.StatusOK {
			t.Fatalf("import: %d %s", rec.Code, rec.Body.String())
		}
		if n := rows(); n == 0 {
			t.Error("the import answered before its values were counted in the analytics")
		}
		rec := e.call("GET", "/api/v1/indicators?period=2025-05", "", cookie, csrf)
		var body struct {
			Result struct {
				AsOf    string `json:"as_of"`
				Pending bool   `json:"refresh_pending"`
				Period  string `json:"period"`
			} `json:"result"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != http.StatusOK {
			t.Fatalf("indicators: %d %s", rec.Code, rec.Body.String())
		}
		if r := body.Result; r.Pending || r.AsOf == "" || r.Period != "2025-05" {
			t.Errorf("the read after the write: pending=%v as of %q period %s; want counted, with its time", r.Pending, r.AsOf, r.Period)
		}
	})
}
