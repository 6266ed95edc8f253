package httpapi

import (
	"net/http"

	"mfgplan/internal/stats"
)

func (s *Server) regionRoutes() {
	s.handle(Route{Method: "GET", Path: "/api/v1/region-values", Summary: "City/county figures (published statistics, reference values) with unit and source", Tag: "registry",
		Query: []Param{{"org", "org unit code"}, {"element", "region element code"}, {"period", "period (2021, 2021-03 = 1–3月累计)"}}}, s.listRegionValues)
	s.handle(Route{Method: "PUT", Path: "/api/v1/region-values", Summary: "Set a city/county figure with its source", Tag: "registry"}, s.setRegionValue)
	s.handle(Route{Method: "GET", Path: "/api/v1/catalog", Summary: "Data elements, datasets and region elements", Tag: "registry"}, s.getCatalog)
}

func (s *Server) listRegionValues(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	items, err := s.Registry.Regions.List(r.Context(), stats.RegionFilter{Org: q.Get("org"), Element: q.Get("element"), Period: q.Get("period")})
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": items})
}

func (s *Server) setRegionValue(w http.ResponseWriter, r *http.Request) error {
	var v stats.RegionValue
	if err := decodeBody(r, &v); err != nil {
		return err
	}
	saved, err := s.Registry.Regions.Set(r.Context(), v)
	if err != nil {
		return err
	}
	return writeJSON(w, saved)
}

func (s *Server) getCatalog(w http.ResponseWriter, _ *http.Request) error {
	return writeJSON(w, s.Catalog)
}
