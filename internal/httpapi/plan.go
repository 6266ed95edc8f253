package httpapi

import (
	"net/http"

	"mfgplan/internal/plan"
)

func (s *Server) planRoutes() {
	s.handle(Route{Method: "GET", Path: "/api/v1/plan", Summary: "The loaded plan, whole", Tag: "plan"}, s.getPlan)
	s.handle(Route{Method: "GET", Path: "/api/v1/plan/versions", Summary: "Stored versions of the plan file", Tag: "plan"}, s.planVersions)
	s.handle(Route{Method: "GET", Path: "/api/v1/plan/indicators", Summary: "Headline indicators (专栏1) with baselines and targets", Tag: "plan"}, s.planPart(func(p *plan.Plan) any { return p.Indicators }))
	s.handle(Route{Method: "GET", Path: "/api/v1/plan/clusters", Summary: "Industry clusters with sub-sectors and output targets", Tag: "plan"}, s.planPart(func(p *plan.Plan) any { return p.Clusters }))
	s.handle(Route{Method: "GET", Path: "/api/v1/plan/chains", Summary: "Industrial chains as graphs", Tag: "plan"}, s.planPart(func(p *plan.Plan) any { return p.Chains }))
	s.handle(Route{Method: "GET", Path: "/api/v1/plan/parks", Summary: "Parks, counties and the spatial layout", Tag: "plan"}, s.planParks)
	s.handle(Route{Method: "GET", Path: "/api/v1/plan/targets", Summary: "Other quantitative targets (专栏7–12, 保障措施)", Tag: "plan"}, s.planPart(func(p *plan.Plan) any { return p.Targets }))
}

// planMeta accompanies every plan listing so a client knows which version it reads.
type planMeta struct {
	PlanID  string `json:"plan_id"`
	Version int    `json:"plan_version"`
}

func (s *Server) meta() planMeta {
	return planMeta{PlanID: s.Plan.Plan.ID, Version: s.PlanVersion.Version}
}

func (s *Server) getPlan(w http.ResponseWriter, _ *http.Request) error {
	return writeJSON(w, map[string]any{"meta": s.meta(), "plan": s.Plan.Plan})
}

func (s *Server) planVersions(w http.ResponseWriter, r *http.Request) error {
	vs, err := plan.Versions(r.Context(), s.DB, s.Plan.Plan.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": vs})
}

// planPart serves one section of the plan as {"meta":…, "items": […]}.
func (s *Server) planPart(part func(*plan.Plan) any) handlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) error {
		return writeJSON(w, map[string]any{"meta": s.meta(), "items": part(s.Plan.Plan)})
	}
}

func (s *Server) planParks(w http.ResponseWriter, _ *http.Request) error {
	p := s.Plan.Plan
	return writeJSON(w, map[string]any{"meta": s.meta(), "items": p.Parks, "counties": p.Counties, "layout": p.Layout})
}
