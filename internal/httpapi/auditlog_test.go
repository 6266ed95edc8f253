package httpapi

import (
	"context"
	"net/http/httptest"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/audit"
)

func TestDownloadsAndImportsAreAudited(t *testing.T) {
	s := newTestServer(t)
	county := access.Principal{User: "xh", Role: access.RoleCounty, View: access.Scope{Counties: []string{"511722"}}}
	for _, tc := range []struct {
		name   string
		route  Route
		status int
		want   string // action recorded, "" = none
	}{
		{"export", Route{Method: "GET", Path: "/api/v1/exports"}, 200, audit.ActionExport},
		{"refused export", Route{Method: "GET", Path: "/api/v1/exports"}, 403, ""},
		{"import (recorded by the service with its data)", Route{Method: "POST", Path: "/api/v1/imports"}, 200, ""},
		{"plain read", Route{Method: "GET", Path: "/api/v1/plan"}, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sys := access.With(context.Background(), access.System)
			if _, err := s.DB.Exec(sys, `DELETE FROM audit_log`); err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest(tc.route.Method, tc.route.Path+"?dataset=monthly&period=2025-05", nil)
			r = r.WithContext(audit.WithClient(access.With(r.Context(), county), "10.1.2.3"))
			rec := &statusRecorder{ResponseWriter: httptest.NewRecorder(), status: tc.status}
			if err := s.auditRequest(rec, r, tc.route); err != nil {
				t.Fatal(err)
			}
			page, err := audit.Search(sys, s.DB, audit.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.want == "" && page.Total != 0:
				t.Errorf("recorded %+v", page.Items)
			case tc.want != "" && (page.Total != 1 || page.Items[0].Action != tc.want || page.Items[0].Actor != "xh" || page.Items[0].IP != "10.1.2.3"):
				t.Errorf("recorded %+v, want one %s by xh from 10.1.2.3", page.Items, tc.want)
			}
		})
	}
}
