package httpapi

import (
	"net/http"

	"mfgplan/internal/audit"
)

// auditedRoutes are recorded in the audit log whenever they succeed, in one
// place rather than in each handler: downloads of enterprise-level data.
// (Imports are recorded by the collect service in the transaction that
// stores them, for the CLI as for the API.) Routes a build does not serve
// are ignored.
var auditedRoutes = map[string]string{
	"GET /api/v1/exports":                           audit.ActionExport,
	"GET /api/v1/templates":                         audit.ActionExport,
	"GET /api/v1/imports/{id}/file":                 audit.ActionExport,
	"GET /api/v1/imports/{id}/annotated":            audit.ActionExport,
	"GET /api/v1/mujun/runs/{id}/snapshot":          audit.ActionExport,
	"GET /api/v1/mujun/runs/{id}/entries.xlsx":      audit.ActionExport,
	"GET /api/v1/mujun/runs/{id}/distribution.xlsx": audit.ActionExport,
	"GET /api/v1/mujun/parks.xlsx":                  audit.ActionExport,
	"GET /api/v1/mujun/pricing/{resource}":          audit.ActionExport,
	"GET /api/v1/projects/bulletin.xlsx":            audit.ActionExport,
	"GET /api/v1/projects/ledger/template":          audit.ActionExport,
}

// importRoutes are rate limited per user (policy limits.import_per_user_per_hour).
var importRoutes = map[string]bool{"POST /api/v1/imports": true, "POST /api/v1/data-values": true}

// auditRequest records a successful audited request: who (from the
// context), from where, the route and the query that selected the data.
func (s *Server) auditRequest(w http.ResponseWriter, r *http.Request, rt Route) error {
	action, ok := auditedRoutes[rt.Method+" "+rt.Path]
	if !ok {
		return nil
	}
	if rec, isRec := w.(*statusRecorder); isRec && rec.status >= 400 {
		return nil
	}
	return audit.Record(r.Context(), s.DB, audit.Event{Action: action, Object: r.Method + " " + r.URL.Path,
		Detail: map[string]string{"query": r.URL.RawQuery}})
}
