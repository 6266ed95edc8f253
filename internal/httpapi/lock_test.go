package httpapi_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestApprovedPeriodRefusesImportsUntilUnlocked goes through the API: an
// approved month refuses an import of the enterprise's values with 409
// until the city unlocks it, and the unlock is in the audit log.
func TestApprovedPeriodRefusesImportsUntilUnlocked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, nil)
		if !e.serves("POST", "/api/v1/data-values") {
			t.Skip("this build has no data import route (collect) yet")
		}
		ent := strconv.FormatInt(e.In, 10)
		step := "/api/v1/approvals/" + ent + "/monthly/2025-05/"
		values := `[{"enterprise_id":` + ent + `,"element":"revenue","period":"2025-05","value":1300}]`
		for _, s := range []struct {
			name         string
			role         access.Role
			method, path string
			body         string
			want         int
		}{
			{"enterprise submits", access.RoleEnterprise, "POST", step + "submit", "", 200},
			{"county approves", access.RoleCounty, "POST", step + "approve", "", 200},
			{"import into the approved month", access.RoleCity, "POST", "/api/v1/data-values", values, http.StatusConflict},
			{"city unlocks", access.RoleCity, "POST", step + "unlock", `{"reason":"企业申请更正营业收入"}`, 200},
			{"import after the unlock", access.RoleCity, "POST", "/api/v1/data-values", values, 200},
		} {
			cookie, csrf := e.session(t, s.role)
			if rec := e.call(s.method, s.path, s.body, cookie, csrf); rec.Code != s.want {
				t.Fatalf("%s: %d, want %d: %s", s.name, rec.Code, s.want, rec.Body.String())
			}
		}
		page, err := audit.Search(access.With(context.Background(), access.System), db, audit.Filter{Action: "approval.unlock"})
		if err != nil || page.Total != 1 || page.Items[0].Actor != "city" {
			t.Errorf("unlock in the audit log: %+v %v", page.Items, err)
		}
	})
}

// serves reports whether the server has the route.
func (e *env) serves(method, path string) bool {
	for _, rt := range e.srv.Routes() {
		if rt.Method == method && rt.Path == path {
			return true
		}
	}
	return false
}
