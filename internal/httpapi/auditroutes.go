package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
)

// auditRoutes serve the audit log to the 系统管理员 only (the audit
// package checks the role).
func (s *Server) auditRoutes() {
	q := []Param{
		{"actor", "username"}, {"action", "exact action, or a prefix ending in '.' (approval.)"},
		{"enterprise_id", "enterprise id"}, {"from", "RFC3339 time or YYYY-MM-DD"}, {"to", "RFC3339 time or YYYY-MM-DD (inclusive)"},
	}
	s.handle(Route{Method: "GET", Path: "/api/v1/audit", Summary: "Search the audit log, newest first (系统管理员)", Tag: "audit",
		Query: append(q, Param{"limit", "page size (≤ 500)"}, Param{"offset", "rows to skip"})}, s.searchAudit)
	s.handle(Route{Method: "GET", Path: "/api/v1/audit/export", Summary: "Export matching audit entries as CSV (系统管理员)", Tag: "audit", Query: q}, s.exportAudit)
	s.handle(Route{Method: "GET", Path: "/api/v1/audit/verify", Summary: "Verify the audit hash chain; names the first broken entry (系统管理员)", Tag: "audit"}, s.verifyAudit)
}

func auditFilter(r *http.Request) (audit.Filter, error) {
	v := r.URL.Query()
	f := audit.Filter{Actor: v.Get("actor"), Action: v.Get("action"), From: v.Get("from"), To: v.Get("to")}
	var err error
	if f.Limit, f.Offset, err = pageParams(r); err != nil {
		return f, err
	}
	if raw := v.Get("enterprise_id"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return f, apperr.New(apperr.Invalid, "参数 enterprise_id=%q 应为整数", raw)
		}
		f.EnterpriseID = id
	}
	return f, nil
}

func (s *Server) searchAudit(w http.ResponseWriter, r *http.Request) error {
	f, err := auditFilter(r)
	if err != nil {
		return err
	}
	page, err := audit.Search(r.Context(), s.DB, f)
	if err != nil {
		return err
	}
	return writeJSON(w, page)
}

// exportAudit streams CSV. The role check runs before any byte is written,
// so a refused export is a JSON error like any other.
func (s *Server) exportAudit(w http.ResponseWriter, r *http.Request) error {
	f, err := auditFilter(r)
	if err != nil {
		return err
	}
	if err := audit.CanRead(r.Context()); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="audit-`+time.Now().UTC().Format("20060102-150405")+`.csv"`)
	_, err = audit.Export(r.Context(), s.DB, f, w)
	return err
}

func (s *Server) verifyAudit(w http.ResponseWriter, r *http.Request) error {
	rep, err := audit.Verify(r.Context(), s.DB)
	if err != nil {
		return err
	}
	return writeJSON(w, rep)
}

// pageParams reads the limit and offset query parameters (0 when absent).
func pageParams(r *http.Request) (limit, offset int, err error) {
	v := r.URL.Query()
	for name, dst := range map[string]*int{"limit": &limit, "offset": &offset} {
		if raw := v.Get(name); raw != "" {
			n, convErr := strconv.Atoi(raw)
			if convErr != nil || n < 0 {
				return 0, 0, apperr.New(apperr.Invalid, "参数 %s=%q 应为非负整数", name, raw)
			}
			*dst = n
		}
	}
	return limit, offset, nil
}
