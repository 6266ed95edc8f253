package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os"
	"strconv"

	"mfgplan/internal/apperr"
	"mfgplan/internal/mujun"
)

func (s *Server) mujunRoutes() {
	const tag = "mujun"
	runQ := []Param{{"year", "evaluated year"}, {"method", "method id (default sichuan)"}}
	entryQ := []Param{{"county", "county code"}, {"park", "park code"}, {"cluster", "cluster code"}, {"class", "A, B, C, D or T"}, {"limit", "page size (default 50, max 1000)"}, {"offset", "rows to skip"}}
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/methods", Summary: "Built-in 亩均 evaluation methods with sources and hashes", Tag: tag}, s.mujunMethods)
	s.handle(Route{Method: "POST", Path: "/api/v1/mujun/runs", Summary: "Run a year's evaluation ({year, method} or {year, method_yaml}); an identical snapshot is returned, not duplicated", Tag: tag}, s.mujunRun)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/runs", Summary: "Stored runs, newest first", Tag: tag, Query: runQ}, s.mujunRuns)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/runs/{id}", Summary: "One run's header", Tag: tag}, s.mujunGetRun)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/runs/{id}/snapshot", Summary: "The run's canonical snapshot (city-wide view only)", Tag: tag}, s.mujunSnapshot)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/runs/{id}/verify", Summary: "Recompute the run with its archived method over current data and compare hashes", Tag: tag}, s.mujunVerify)
	s.handle(Route{Method: "POST", Path: "/api/v1/mujun/runs/{id}/publish", Summary: "Publish (lock) a run as its year's official result", Tag: tag}, s.mujunPublish)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/runs/{id}/diff", Summary: "Firms changed from run ?against= to this run", Tag: tag, Query: []Param{{"against", "id of the earlier run"}}}, s.mujunDiff)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/runs/{id}/entries", Summary: "Ranking (by county, park, cluster, class), paginated", Tag: tag, Query: entryQ}, s.mujunEntries)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/runs/{id}/entries.xlsx", Summary: "Ranking as xlsx", Tag: tag, Query: entryQ[:4]}, s.mujunEntriesXLSX)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/runs/{id}/enterprises/{eid}", Summary: "A firm's report card: indicators vs benchmark, county and park averages, class history", Tag: tag}, s.mujunCard)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/runs/{id}/distribution", Summary: "Class distribution by county", Tag: tag}, s.mujunDistribution)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/runs/{id}/distribution.xlsx", Summary: "Class distribution as xlsx", Tag: tag}, s.mujunDistributionXLSX)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/parks", Summary: "Parks ranked by 亩均税收 (published run of the year)", Tag: tag, Query: runQ}, s.mujunParks)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/parks.xlsx", Summary: "Park ranking as xlsx", Tag: tag, Query: runQ}, s.mujunParksXLSX)
	pricingQ := append(runQ, Param{"jurisdiction", "a jurisdiction of the 差别化 rules (GET /api/v1/mujun/pricing without one uses the plan's evaluation.pricing_jurisdiction)"})
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/pricing", Summary: "差别化 price lists per resource from the published run", Tag: tag, Query: pricingQ}, s.mujunPricing)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/pricing/{resource}", Summary: "One resource's 差别化 list as xlsx (the file a utility loads)", Tag: tag, Query: pricingQ}, s.mujunPricingXLSX)
	s.appealRoutes(tag)
}

func (s *Server) mujunMethods(w http.ResponseWriter, _ *http.Request) error {
	all, err := mujun.Presets()
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": all})
}

type runRequest struct {
	Year       int    `json:"year"`
	Method     string `json:"method"`
	MethodYAML string `json:"method_yaml"`
}

func (s *Server) mujunRun(w http.ResponseWriter, r *http.Request) error {
	var req runRequest
	if err := decodeJSON(r, &req, 1<<20); err != nil {
		return err
	}
	var lm *mujun.LoadedMethod
	var err error
	if req.MethodYAML != "" {
		lm, err = mujun.ParseMethod("method_yaml", []byte(req.MethodYAML))
		if err != nil {
			return apperr.New(apperr.Invalid, "评价方法有误").WithDetails(err.Error())
		}
	} else {
		method, err := s.mujunMethod(req.Method)
		if err != nil {
			return err
		}
		lm, err = mujun.Preset(method)
		if err != nil {
			return err
		}
	}
	out, err := s.Mujun.Run(r.Context(), req.Year, lm, "api")
	if err != nil {
		return err
	}
	if out.Created {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusCreated)
	}
	return writeJSON(w, out)
}

func (s *Server) mujunRuns(w http.ResponseWriter, r *http.Request) error {
	year, err := intParam(r, "year")
	if err != nil {
		return err
	}
	runs, err := s.Mujun.ListRuns(r.Context(), year, r.URL.Query().Get("method"))
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": runs, "total": len(runs)})
}

func (s *Server) mujunGetRun(w http.ResponseWriter, r *http.Request) error {
	return withID(w, r, "id", func(id int64) (any, error) { return s.Mujun.GetRun(r.Context(), id) })
}

func (s *Server) mujunSnapshot(w http.ResponseWriter, r *http.Request) error {
	id, err := pathParamID(r, "id")
	if err != nil {
		return err
	}
	raw, err := s.Mujun.Snapshot(r.Context(), id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, err = w.Write(raw)
	return err
}

func (s *Server) mujunVerify(w http.ResponseWriter, r *http.Request) error {
	return withID(w, r, "id", func(id int64) (any, error) { return s.Mujun.Verify(r.Context(), id) })
}

func (s *Server) mujunPublish(w http.ResponseWriter, r *http.Request) error {
	return withID(w, r, "id", func(id int64) (any, error) { return s.Mujun.Publish(r.Context(), id) })
}

func (s *Server) mujunDiff(w http.ResponseWriter, r *http.Request) error {
	against, err := intParam(r, "against")
	if err != nil || against == 0 {
		return apperr.New(apperr.Invalid, "须用 ?against= 指明对比的批次号")
	}
	return withID(w, r, "id", func(id int64) (any, error) { return s.Mujun.DiffRuns(r.Context(), int64(against), id) })
}

// entryFilter reads the ranking filters and the page.
func entryFilter(r *http.Request) (mujun.EntryFilter, error) {
	q := r.URL.Query()
	f := mujun.EntryFilter{County: q.Get("county"), Park: q.Get("park"), Cluster: q.Get("cluster"), Class: q.Get("class")}
	var err error
	if f.Limit, err = intParam(r, "limit"); err != nil {
		return f, err
	}
	if f.Limit == 0 {
		f.Limit = 50
	}
	if f.Offset, err = intParam(r, "offset"); err != nil {
		return f, err
	}
	if f.Limit < 1 || f.Limit > 1000 || f.Offset < 0 {
		return f, apperr.New(apperr.Invalid, "limit 须在 1–1000 之间，offset 不得为负")
	}
	return f, nil
}

func (s *Server) mujunEntries(w http.ResponseWriter, r *http.Request) error {
	f, err := entryFilter(r)
	if err != nil {
		return err
	}
	return withID(w, r, "id", func(id int64) (any, error) { return s.Mujun.Entries(r.Context(), id, f) })
}

func (s *Server) mujunEntriesXLSX(w http.ResponseWriter, r *http.Request) error {
	f, err := entryFilter(r)
	if err != nil {
		return err
	}
	id, err := pathParamID(r, "id")
	if err != nil {
		return err
	}
	data, err := s.Mujun.ExportEntries(r.Context(), id, f)
	return writeXLSX(w, "亩均评价结果_"+strconv.FormatInt(id, 10)+".xlsx", data, err)
}

func (s *Server) mujunCard(w http.ResponseWriter, r *http.Request) error {
	eid, err := pathParamID(r, "eid")
	if err != nil {
		return err
	}
	return withID(w, r, "id", func(id int64) (any, error) { return s.Mujun.ReportCard(r.Context(), id, eid) })
}

func (s *Server) mujunDistribution(w http.ResponseWriter, r *http.Request) error {
	return withID(w, r, "id", func(id int64) (any, error) { return s.Mujun.Distribution(r.Context(), id) })
}

func (s *Server) mujunDistributionXLSX(w http.ResponseWriter, r *http.Request) error {
	id, err := pathParamID(r, "id")
	if err != nil {
		return err
	}
	data, err := s.Mujun.ExportDistribution(r.Context(), id)
	return writeXLSX(w, "亩均类别分布_"+strconv.FormatInt(id, 10)+".xlsx", data, err)
}

// yearMethod reads the required ?year= and the optional ?method=.
func (s *Server) yearMethod(r *http.Request) (int, string, error) {
	year, err := intParam(r, "year")
	if err != nil || year == 0 {
		return 0, "", apperr.New(apperr.Invalid, "须用 ?year= 指明评价年度")
	}
	method, err := s.mujunMethod(r.URL.Query().Get("method"))
	return year, method, err
}

// mujunMethod is the asked-for method, else the plan's evaluation method.
func (s *Server) mujunMethod(asked string) (string, error) {
	if m := orDefault(asked, s.Plan.Plan.Evaluation.MujunMethod); m != "" {
		return m, nil
	}
	return "", apperr.New(apperr.Invalid, "本规划未指定亩均效益评价方法，请用 method 指明（GET /api/v1/mujun/methods 列出可选方法）")
}

// pricingJurisdiction is the asked-for jurisdiction of the 差别化 rules, else
// the plan's.
func (s *Server) pricingJurisdiction(r *http.Request) (string, error) {
	if j := orDefault(r.URL.Query().Get("jurisdiction"), s.Plan.Plan.Evaluation.PricingJurisdiction); j != "" {
		return j, nil
	}
	return "", apperr.New(apperr.Invalid, "本规划未指定差别化价格规则的适用地区，请用 jurisdiction 指明")
}

func (s *Server) mujunParks(w http.ResponseWriter, r *http.Request) error {
	year, method, err := s.yearMethod(r)
	if err != nil {
		return err
	}
	p, err := s.Mujun.Parks(r.Context(), year, method)
	if err != nil {
		return err
	}
	return writeJSON(w, p)
}

func (s *Server) mujunParksXLSX(w http.ResponseWriter, r *http.Request) error {
	year, method, err := s.yearMethod(r)
	if err != nil {
		return err
	}
	data, err := s.Mujun.ExportParks(r.Context(), year, method)
	return writeXLSX(w, "园区亩均排名_"+strconv.Itoa(year)+".xlsx", data, err)
}

func (s *Server) mujunPricing(w http.ResponseWriter, r *http.Request) error {
	year, method, err := s.yearMethod(r)
	if err != nil {
		return err
	}
	jur, err := s.pricingJurisdiction(r)
	if err != nil {
		return err
	}
	pl, err := s.Mujun.Pricing(r.Context(), year, method, jur)
	if err != nil {
		return err
	}
	return writeJSON(w, pl)
}

func (s *Server) mujunPricingXLSX(w http.ResponseWriter, r *http.Request) error {
	year, method, err := s.yearMethod(r)
	if err != nil {
		return err
	}
	jur, err := s.pricingJurisdiction(r)
	if err != nil {
		return err
	}
	files, err := s.Mujun.ExportPricing(r.Context(), year, method, jur)
	if err != nil {
		return err
	}
	res := r.PathValue("resource")
	for _, f := range files {
		if f.Resource == res {
			return writeXLSX(w, f.Name, f.Data, nil)
		}
	}
	return apperr.New(apperr.NotFound, "该地区没有 %q 的差别化价格规则", res)
}

// writeXLSX sends a workbook as a download.
func writeXLSX(w http.ResponseWriter, name string, data []byte, err error) error {
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	_, err = w.Write(data)
	return err
}

// withID parses a path id, calls fn and writes its result as JSON.
func withID(w http.ResponseWriter, r *http.Request, name string, fn func(int64) (any, error)) error {
	id, err := pathParamID(r, name)
	if err != nil {
		return err
	}
	v, err := fn(id)
	if err != nil {
		return err
	}
	return writeJSON(w, v)
}

// pathParamID reads a positive integer path parameter ({id}, {eid}, {aid}).
func pathParamID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.Invalid, "路径中的编号 %s=%q 不是正整数", name, r.PathValue(name))
	}
	return id, nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// decodeJSON reads a JSON body of at most limit bytes into v, rejecting
// unknown fields so a typo in a field name is an error, not a silent no-op.
func decodeJSON(r *http.Request, v any, limit int64) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badBody(err, "请求体不是有效的 JSON")
	}
	return nil
}

// badBody says why a body could not be decoded: too large stays the
// MaxBytesError that writeError answers with 413, too slow the deadline
// error it answers with 408; anything else is an Invalid error led by what.
func badBody(err error, what string) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) || errors.Is(err, os.ErrDeadlineExceeded) {
		return err
	}
	return apperr.New(apperr.Invalid, "%s：%v", what, err)
}
