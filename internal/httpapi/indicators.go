package httpapi

import (
	"net/http"
	"strconv"

	"mfgplan/internal/apperr"
	"mfgplan/internal/indicator"
	"mfgplan/internal/indicator/query"
)

func (s *Server) indicatorRoutes() {
	q := []Param{
		{"year", "year; its last period with data (e.g. 2024)"},
		{"period", "period: 2024, 2024Q2 or 2024-06"},
		{"org", "org unit code: the city, a county or a park (default: the caller's widest)"},
		{"basis", "data basis: all (全部数据) or approved (仅已审核数据: approved or accepted submissions only); default: the analytics.approved_only setting. The response's basis and basis_name say which was used"},
	}
	by := Param{"by", "break down by county, park, cluster, sub_sector, chain (产业链) or node (产业链节点)"}
	s.handle(Route{Method: "GET", Path: "/api/v1/indicators", Summary: "Headline indicators with actual, target to date, completion, required CAGR, status and reason", Tag: "indicators", Query: append(q, by)}, s.withIndicators(s.indicators))
	s.handle(Route{Method: "GET", Path: "/api/v1/indicators/{code}/explain", Summary: "Formula, inputs and top contributing enterprises of one indicator", Tag: "indicators", Query: append(q, Param{"group", "cluster:CODE; for the city or a county also sub:CODE, chain:CODE or node:CODE"})}, s.withIndicators(s.explainIndicator))
	s.handle(Route{Method: "GET", Path: "/api/v1/indicators/{code}/series", Summary: "Actual against the target path by year, for charts", Tag: "indicators", Query: q[2:]}, s.withIndicators(s.indicatorSeries))
	s.handle(Route{Method: "GET", Path: "/api/v1/indicators/{code}/breakdown", Summary: "One indicator drilled down by county, park or cluster", Tag: "indicators", Query: append(q, by)}, s.withIndicators(s.indicatorBreakdown))
}

// indicatorService returns the service, or why it is unavailable.
func (s *Server) indicatorService() (*query.Service, error) {
	if s.Indicators == nil {
		return nil, apperr.New(apperr.Internal, "指标定义未加载，请管理员检查指标定义文件")
	}
	return s.Indicators, nil
}

func indicatorQuery(r *http.Request) (query.Params, error) {
	v := r.URL.Query()
	b, err := indicator.ParseBasis(v.Get("basis"))
	if err != nil {
		return query.Params{}, err
	}
	q := query.Params{Period: v.Get("period"), Org: v.Get("org"), By: v.Get("by"), Basis: b}
	if y := v.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			return q, apperr.New(apperr.Invalid, "参数 year 应为年份，如 2024，而不是 %q", y)
		}
		q.Year = n
	}
	return q, nil
}

// withIndicators decodes the query and runs fn with the service.
func (s *Server) withIndicators(fn func(*http.Request, *query.Service, query.Params) (any, error)) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		svc, err := s.indicatorService()
		if err != nil {
			return err
		}
		q, err := indicatorQuery(r)
		if err != nil {
			return err
		}
		out, err := fn(r, svc, q)
		if err != nil {
			return err
		}
		return writeJSON(w, out)
	}
}

func (s *Server) indicators(r *http.Request, svc *query.Service, q query.Params) (any, error) {
	res, err := svc.Indicators(r.Context(), q)
	if err != nil {
		return nil, err
	}
	return map[string]any{"meta": s.meta(), "total": len(res.Items), "result": res}, nil
}

func (s *Server) explainIndicator(r *http.Request, svc *query.Service, q query.Params) (any, error) {
	return svc.Explain(r.Context(), r.PathValue("code"), q, r.URL.Query().Get("group"))
}

func (s *Server) indicatorSeries(r *http.Request, svc *query.Service, q query.Params) (any, error) {
	return svc.Series(r.Context(), r.PathValue("code"), q)
}

func (s *Server) indicatorBreakdown(r *http.Request, svc *query.Service, q query.Params) (any, error) {
	if q.By == "" {
		return nil, apperr.New(apperr.Invalid, "请用参数 by 指定细分方式：county、park、cluster、sub_sector、chain 或 node")
	}
	return svc.Breakdown(r.Context(), r.PathValue("code"), q)
}
