package httpapi

import (
	"net/http"

	"mfgplan/internal/registry"
)

// orgUnitRoutes serve the org tree: city and counties from the plan, towns
// (乡镇/街道) from the plan or added by administrators.
func (s *Server) orgUnitRoutes() {
	const tag = "registry"
	s.handle(Route{Method: "GET", Path: "/api/v1/org-units", Summary: "City, counties (GB/T 2260) and visible towns with visible enterprise counts", Tag: tag,
		Query: []Param{{"parent", "list the units under this code (a county's towns)"}}}, s.listOrgUnits)
	s.handle(Route{Method: "POST", Path: "/api/v1/org-units", Summary: "Add a town (乡镇/街道) under a county: parent_code, code (9-digit 统计用区划代码), name", Tag: tag}, s.addTown)
	s.handle(Route{Method: "DELETE", Path: "/api/v1/org-units/{code}", Summary: "Delete a user-added town that nothing refers to", Tag: tag}, s.deleteTown)
}

func (s *Server) listOrgUnits(w http.ResponseWriter, r *http.Request) error {
	items, err := s.Registry.Enterprises.OrgUnits(r.Context(), r.URL.Query().Get("parent"))
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": items})
}

func (s *Server) addTown(w http.ResponseWriter, r *http.Request) error {
	var in registry.TownInput
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	u, err := s.Registry.Enterprises.AddTown(r.Context(), in)
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusCreated)
	return writeJSON(w, u)
}

func (s *Server) deleteTown(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	if err := s.Registry.Enterprises.DeleteTown(r.Context(), code); err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"code": code, "deleted": true})
}
