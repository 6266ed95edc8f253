package httpapi

import (
	"net/http"
	"strconv"

	"mfgplan/internal/apperr"
	"mfgplan/internal/demo"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
)

// RegistryDeps are the registry's services: enterprises, org units and
// parks, and region-level figures.
type RegistryDeps struct {
	Enterprises *registry.Service
	Regions     *stats.RegionValues
}

func (s *Server) enterpriseRoutes() {
	const tag = "registry"
	s.orgUnitRoutes()
	s.handle(Route{Method: "GET", Path: "/api/v1/parks", Summary: "Parks with their county and visible enterprise counts", Tag: tag,
		Query: []Param{{"county", "county code (GB/T 2260)"}}}, s.listParks)
	s.handle(Route{Method: "GET", Path: "/api/v1/enterprises", Summary: "Enterprises in the caller's scope, filtered and paginated", Tag: tag,
		Query: []Param{{"county", "county code"}, {"park", "park code"}, {"town", "town code (9-digit 统计用区划代码)"}, {"cluster", "cluster code"}, {"sub_sector", "sub-sector code"},
			{"tag", "designation code (zjtx, high_tech_enterprise …)"}, {"tag_min_level", "city, province or national"},
			{"tag_as_of", "YYYY-MM-DD (default today)"}, {"above_scale_year", "规上 in that year"}, {"q", "part of name or USCC"},
			{"limit", "page size (default 50, max 500)"}, {"offset", "rows to skip"}}}, s.listEnterprises)
	s.handle(Route{Method: "POST", Path: "/api/v1/enterprises", Summary: "Register an enterprise", Tag: tag}, s.createEnterprise)
	s.handle(Route{Method: "GET", Path: "/api/v1/enterprises/{id}", Summary: "An enterprise with its tags and 规上 years", Tag: tag}, s.getEnterprise)
	s.handle(Route{Method: "PUT", Path: "/api/v1/enterprises/{id}", Summary: "Change an enterprise's registry fields (partial)", Tag: tag}, s.updateEnterprise)
	s.handle(Route{Method: "GET", Path: "/api/v1/enterprises/{id}/history", Summary: "Changes of the registry record: who, when, old → new, source", Tag: tag}, s.enterpriseHistory)
	s.handle(Route{Method: "GET", Path: "/api/v1/enterprises/{id}/values", Summary: "The enterprise's reported values with units", Tag: tag,
		Query: []Param{{"element", "data element code"}, {"from", "first period (2024, 2024Q2, 2024-06)"}, {"to", "last period"}}}, s.enterpriseValues)
	s.handle(Route{Method: "POST", Path: "/api/v1/enterprises/{id}/tags", Summary: "Grant a dated designation, or end one (with id and valid_to)", Tag: tag}, s.tagEnterprise)
	s.handle(Route{Method: "PUT", Path: "/api/v1/enterprises/{id}/years/{year}", Summary: "Set the enterprise's 规上 status for a year", Tag: tag}, s.setAboveScale)
	s.handle(Route{Method: "GET", Path: "/api/v1/dataset", Summary: "Which dataset is loaded (演示数据 or real)", Tag: tag}, s.getDataset)
	s.regionRoutes()
}

func (s *Server) listParks(w http.ResponseWriter, r *http.Request) error {
	items, err := s.Registry.Enterprises.Parks(r.Context(), r.URL.Query().Get("county"))
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": items})
}

func (s *Server) listEnterprises(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := registry.Filter{County: q.Get("county"), Park: q.Get("park"), Town: q.Get("town"), Cluster: q.Get("cluster"), SubSector: q.Get("sub_sector"),
		Tag: q.Get("tag"), TagMinLevel: q.Get("tag_min_level"), TagAsOf: q.Get("tag_as_of"), Query: q.Get("q")}
	var err error
	for name, dst := range map[string]*int{"above_scale_year": &f.AboveScaleYear, "limit": &f.Limit, "offset": &f.Offset} {
		if *dst, err = intParam(r, name); err != nil {
			return err
		}
	}
	page, err := s.Registry.Enterprises.List(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, page)
}

func (s *Server) createEnterprise(w http.ResponseWriter, r *http.Request) error {
	var in registry.Input
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	e, err := s.Registry.Enterprises.Create(r.Context(), in, "api")
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusCreated)
	return writeJSON(w, e)
}

func (s *Server) getEnterprise(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.Registry.Enterprises.Get(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, e)
}

func (s *Server) updateEnterprise(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in registry.Input
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	e, err := s.Registry.Enterprises.Update(r.Context(), id, in, "api")
	if err != nil {
		return err
	}
	return writeJSON(w, e)
}

func (s *Server) enterpriseHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	items, err := s.Registry.Enterprises.History(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"enterprise_id": id, "items": items})
}

// seriesItem is a value with the unit and name of its element.
type seriesItem struct {
	stats.Value
	Name string `json:"name"`
	Unit string `json:"unit"`
}

func (s *Server) enterpriseValues(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	vals, err := s.Registry.Enterprises.Values(r.Context(), id, q.Get("element"), q.Get("from"), q.Get("to"))
	if err != nil {
		return err
	}
	items := make([]seriesItem, 0, len(vals))
	for _, v := range vals {
		it := seriesItem{Value: v}
		if el := s.Catalog.Element(v.Element); el != nil {
			it.Name, it.Unit = el.Name, el.Unit
		}
		items = append(items, it)
	}
	return writeJSON(w, map[string]any{"enterprise_id": id, "items": items})
}

func (s *Server) tagEnterprise(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	// A body with an id ends that designation on valid_to; without, it grants one.
	var req registry.Tag
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	if req.ID != 0 {
		if err := s.Registry.Enterprises.EndTag(r.Context(), id, req.ID, req.ValidTo, "api"); err != nil {
			return err
		}
		return writeJSON(w, map[string]any{"id": req.ID, "valid_to": req.ValidTo})
	}
	t, err := s.Registry.Enterprises.AddTag(r.Context(), id, req, "api")
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusCreated)
	return writeJSON(w, t)
}

func (s *Server) setAboveScale(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		return apperr.New(apperr.Invalid, "路径中的年份 %q 不是整数", r.PathValue("year"))
	}
	var body struct {
		AboveScale *bool `json:"above_scale"`
	}
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	if body.AboveScale == nil {
		return apperr.New(apperr.Invalid, "请求体需要 above_scale（true 或 false）")
	}
	if err := s.Registry.Enterprises.SetAboveScale(r.Context(), id, year, *body.AboveScale, "api"); err != nil {
		return err
	}
	return writeJSON(w, registry.YearStatus{Year: year, AboveScale: *body.AboveScale})
}

func (s *Server) getDataset(w http.ResponseWriter, r *http.Request) error {
	d, err := demo.Current(r.Context(), s.DB)
	if err != nil {
		return err
	}
	return writeJSON(w, d)
}

func pathID(r *http.Request) (int64, error) { return pathParamID(r, "id") }

func intParam(r *http.Request, name string) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, apperr.New(apperr.Invalid, "查询参数 %s=%q 不是整数", name, v)
	}
	return n, nil
}

// decodeBody reads a JSON body of up to 1 MiB into v (see decodeJSON).
func decodeBody(r *http.Request, v any) error { return decodeJSON(r, v, 1<<20) }
