package httpapi

import (
	"net/http"

	"mfgplan/internal/approval"
)

func (s *Server) approvalRoutes() {
	s.handle(Route{Method: "GET", Path: "/api/v1/approvals", Summary: "Approval state of every enterprise in scope for a dataset and period", Tag: "approval",
		Query: []Param{{"dataset", "monthly or yearly"}, {"period", "2024-06 or 2024"}, {"status", "comma-separated: none, submitted, approved, accepted, returned, unlocked"},
			{"county", "county code"}, {"park", "park code"},
			{"limit", "page size (≤ 500)"}, {"offset", "rows to skip"}}}, s.listApprovals)
	s.handle(Route{Method: "GET", Path: "/api/v1/approvals/{enterprise}/{dataset}/{period}", Summary: "Approval state of one enterprise's dataset and period", Tag: "approval"}, s.getApproval)
	s.handle(Route{Method: "POST", Path: "/api/v1/approvals/{enterprise}/{dataset}/{period}/{action}",
		Summary: "Workflow step: submit, approve, return (reason), accept, unlock (reason)", Tag: "approval"}, s.approvalStep)
	s.handle(Route{Method: "POST", Path: "/api/v1/approvals/batch",
		Summary: "One workflow step on several submissions, all or none: {action, reason, items: [{enterprise_id, dataset, period}]}", Tag: "approval"}, s.approvalBatch)
	s.handle(Route{Method: "GET", Path: "/api/v1/settings/approved-only", Summary: "Whether analytics use approved data only", Tag: "approval"}, s.getApprovedOnly)
	s.handle(Route{Method: "PUT", Path: "/api/v1/settings/approved-only", Summary: "Use approved data only in analytics, or all data (市级管理员)", Tag: "approval"}, s.setApprovedOnly)
}

func approvalKey(r *http.Request) (approval.Key, error) {
	id, err := pathInt64(r, "enterprise")
	return approval.Key{EnterpriseID: id, Dataset: r.PathValue("dataset"), Period: r.PathValue("period")}, err
}

func (s *Server) listApprovals(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	f := approval.Filter{Dataset: v.Get("dataset"), Period: v.Get("period"), County: v.Get("county"), Park: v.Get("park")}
	var err error
	if f.Statuses, err = approval.ParseStatuses(v.Get("status")); err != nil {
		return err
	}
	if f.Limit, f.Offset, err = pageParams(r); err != nil {
		return err
	}
	page, err := s.approvals.List(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, page)
}

func (s *Server) getApproval(w http.ResponseWriter, r *http.Request) error {
	k, err := approvalKey(r)
	if err != nil {
		return err
	}
	st, err := s.approvals.Get(r.Context(), k)
	if err != nil {
		return err
	}
	return writeJSON(w, st)
}

func (s *Server) approvalStep(w http.ResponseWriter, r *http.Request) error {
	k, err := approvalKey(r)
	if err != nil {
		return err
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if r.ContentLength != 0 {
		if err := readJSON(r, &in); err != nil {
			return err
		}
	}
	st, err := s.approvals.Do(r.Context(), approval.Action(r.PathValue("action")), k, in.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, st)
}

func (s *Server) approvalBatch(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Action string         `json:"action"`
		Reason string         `json:"reason"`
		Items  []approval.Key `json:"items"`
	}
	if err := readJSON(r, &in); err != nil {
		return err
	}
	items, err := s.approvals.DoBatch(r.Context(), approval.Action(in.Action), in.Items, in.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": items, "total": len(items)})
}

func (s *Server) getApprovedOnly(w http.ResponseWriter, r *http.Request) error {
	on, err := approval.ApprovedOnly(r.Context(), s.DB)
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]bool{"approved_only": on})
}

func (s *Server) setApprovedOnly(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		ApprovedOnly bool `json:"approved_only"`
	}
	if err := readJSON(r, &in); err != nil {
		return err
	}
	if err := approval.SetApprovedOnly(r.Context(), s.DB, in.ApprovedOnly); err != nil {
		return err
	}
	return writeJSON(w, map[string]bool{"approved_only": in.ApprovedOnly})
}
