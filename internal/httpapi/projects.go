package httpapi

import (
	"bytes"
	"net/http"
	"strconv"

	"mfgplan/internal/apperr"
	"mfgplan/internal/collect"
	"mfgplan/internal/project"
)

func (s *Server) projectRoutes() {
	if s.Projects == nil {
		return
	}
	const tag = "projects"
	filters := []Param{{"stage", "reserve, signed, preparing, started, building, completed, producing, paused, terminated"}, {"tier", "province, city or county"},
		{"county", "county code"}, {"park", "park code"}, {"cluster", "cluster code"}, {"sub_sector", "sub-sector code"}, {"chain", "chain code"}, {"node", "chain node code"},
		{"light", "red, yellow, green or none"}, {"origin", "plan, manual, lead or demo"}, {"overdue", "true: only projects with an overdue 前期手续 item"},
		{"q", "part of the name, 项目代码 or owner"}, {"period", "month of the lights, YYYY-MM (default: latest with figures)"},
		{"sort", "id, name, county, stage, total_investment, planned_start, registered_on, light, completion, ytd, overdue"}, {"desc", "true: descending"},
		{"limit", "page size (default 20, max 500)"}, {"offset", "rows to skip"}}
	period := []Param{{"period", "month, YYYY-MM (default: latest with figures)"}}
	s.handle(Route{Method: "GET", Path: "/api/v1/projects", Summary: "The project library with each project's light in a month, filtered, sorted, paginated (amounts in 万元)", Tag: tag, Query: filters}, s.listProjects)
	s.handle(Route{Method: "POST", Path: "/api/v1/projects", Summary: "Register a project at 谋划储备 (county or park of the caller)", Tag: tag}, s.createProject)
	s.handle(Route{Method: "GET", Path: "/api/v1/projects/vocabulary", Summary: "Stages with their 三办一访 duty, kinds, tiers, problem kinds and the 前期手续 checklist, with sources", Tag: tag}, s.projectVocabulary)
	s.handle(Route{Method: "GET", Path: "/api/v1/projects/summary", Summary: "Counts by stage, light, county and park; investment against plan by month", Tag: tag,
		Query: append(period, Param{"county", "county code"})}, s.projectSummary)
	s.handle(Route{Method: "GET", Path: "/api/v1/projects/bulletin.xlsx", Summary: "The monthly 通报 workbook (by county, projects, overdue 前期手续, open problems)", Tag: tag, Query: period}, s.projectBulletin)
	s.handle(Route{Method: "GET", Path: "/api/v1/projects/light-rules", Summary: "The 红黄绿灯 rule sets with their sources and the one in force", Tag: tag}, s.lightRules)
	s.handle(Route{Method: "PUT", Path: "/api/v1/projects/light-rules", Summary: "Choose the city's rule set ({rule_set}); city and admin", Tag: tag}, s.chooseLightRules)
	s.handle(Route{Method: "POST", Path: "/api/v1/projects/evaluations", Summary: "Judge every project's light for a month ({period}) and store the snapshot; city and admin", Tag: tag}, s.evaluateProjects)
	s.handle(Route{Method: "GET", Path: "/api/v1/projects/ledger/template", Summary: "The 项目台账 xlsx of a month for the caller's projects, pre-filled", Tag: tag, Query: period[:1]}, s.ledgerTemplate)
	s.handle(Route{Method: "POST", Path: "/api/v1/projects/ledger/imports", Summary: "Import a 项目台账 (multipart: file, period, dry_run); all or nothing, history under /api/v1/imports", Tag: tag}, s.ledgerImport)
	s.handle(Route{Method: "GET", Path: "/api/v1/projects/problems", Summary: "要素保障 problems of the caller's projects", Tag: tag,
		Query: []Param{{"project", "project id"}, {"county", "county code"}, {"kind", "problem kind"}, {"open", "true: only open ones"}}}, s.listProblems)
	s.handle(Route{Method: "GET", Path: "/api/v1/projects/mfg-investment", Summary: "制造业投资额 from both sources per year: the statistics figure and the bottom-up sum of manufacturing projects (亿元)", Tag: tag,
		Query: []Param{{"org", "county code (default the city)"}}}, s.mfgInvestment)
	s.handle(Route{Method: "GET", Path: "/api/v1/projects/signed", Summary: "每年引进亿元以上产业项目: 签约 projects of at least 1亿元 per year against the plan's target", Tag: tag}, s.signedProjects)
	s.projectItemRoutes(tag, period)
}

func (s *Server) projectItemRoutes(tag string, period []Param) {
	s.handle(Route{Method: "GET", Path: "/api/v1/projects/{id}", Summary: "一项目一档: the project with stages, 前期手续, the year's investment and lights, problems, visits and history", Tag: tag, Query: period}, s.projectDossier)
	s.handle(Route{Method: "PATCH", Path: "/api/v1/projects/{id}", Summary: "Change a project's fields (only those sent)", Tag: tag}, s.updateProject)
	s.handle(Route{Method: "POST", Path: "/api/v1/projects/{id}/moves", Summary: "Move a project to a stage ({to, on, reason}); only the next stage, 暂停 or 终止", Tag: tag}, s.moveProject)
	s.handle(Route{Method: "PUT", Path: "/api/v1/projects/{id}/approvals/{item}", Summary: "Change one 前期手续 item (status, dates, document number)", Tag: tag}, s.setApproval)
	s.handle(Route{Method: "PUT", Path: "/api/v1/projects/{id}/plans/{year}", Summary: "Set the 年度计划投资 of a year ({planned}, 万元)", Tag: tag}, s.setYearPlan)
	s.handle(Route{Method: "GET", Path: "/api/v1/projects/{id}/investments", Summary: "A year's monthly 累计 against the plan", Tag: tag, Query: []Param{{"year", "year (default this year)"}}}, s.projectInvestment)
	s.handle(Route{Method: "PUT", Path: "/api/v1/projects/{id}/investments/{period}", Summary: "Enter a month's 本年累计完成投资 ({ytd, progress}, 万元)", Tag: tag}, s.setInvestment)
	s.handle(Route{Method: "POST", Path: "/api/v1/projects/{id}/problems", Summary: "File a 要素保障 problem", Tag: tag}, s.addProblem)
	s.handle(Route{Method: "PATCH", Path: "/api/v1/projects/{id}/problems/{pid}", Summary: "Change a problem (status, owner, resolution)", Tag: tag}, s.updateProblem)
	s.handle(Route{Method: "POST", Path: "/api/v1/projects/{id}/visits", Summary: "Log a 定期访 visit", Tag: tag}, s.addVisit)
	s.handle(Route{Method: "GET", Path: "/api/v1/projects/{id}/history", Summary: "The project's changes, newest first", Tag: tag}, s.projectHistory)
}

func boolParam(r *http.Request, name string) (bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, apperr.New(apperr.Invalid, "查询参数 %s=%q 应为 true 或 false", name, v)
	}
	return b, nil
}

func (s *Server) listProjects(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := project.Filter{Stage: q.Get("stage"), Tier: q.Get("tier"), County: q.Get("county"), Park: q.Get("park"), Cluster: q.Get("cluster"),
		SubSector: q.Get("sub_sector"), Chain: q.Get("chain"), Node: q.Get("node"), Light: q.Get("light"), Origin: q.Get("origin"),
		Query: q.Get("q"), Period: q.Get("period"), Sort: q.Get("sort")}
	var err error
	for _, p := range []struct {
		dst  *int
		name string
	}{{&f.Limit, "limit"}, {&f.Offset, "offset"}} {
		if *p.dst, err = intParam(r, p.name); err != nil {
			return err
		}
	}
	if f.Desc, err = boolParam(r, "desc"); err != nil {
		return err
	}
	if f.Overdue, err = boolParam(r, "overdue"); err != nil {
		return err
	}
	page, err := s.Projects.List(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, page)
}

func (s *Server) createProject(w http.ResponseWriter, r *http.Request) error {
	var in project.Input
	if err := decodeJSON(r, &in, 1<<20); err != nil {
		return err
	}
	p, err := s.Projects.Create(r.Context(), in)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusCreated)
	return writeJSON(w, p)
}

func (s *Server) projectVocabulary(w http.ResponseWriter, _ *http.Request) error {
	return writeJSON(w, map[string]any{"vocabulary": s.Projects.Vocabulary(), "stages": s.Projects.StageInfos(), "checklist": s.Projects.Checklist(), "light_names": project.LightNames})
}

func (s *Server) projectSummary(w http.ResponseWriter, r *http.Request) error {
	sum, err := s.Projects.Summary(r.Context(), project.SummaryQuery{Period: r.URL.Query().Get("period"), County: r.URL.Query().Get("county")})
	if err != nil {
		return err
	}
	return writeJSON(w, sum)
}

func (s *Server) projectBulletin(w http.ResponseWriter, r *http.Request) error {
	var buf bytes.Buffer
	name, err := s.Projects.Bulletin(r.Context(), &buf, r.URL.Query().Get("period"))
	if err != nil {
		return err
	}
	return sendFile(w, name, buf.Bytes())
}

func (s *Server) lightRules(w http.ResponseWriter, r *http.Request) error {
	c, err := s.Projects.RuleSets(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, c)
}

func (s *Server) chooseLightRules(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		RuleSet string `json:"rule_set"`
	}
	if err := decodeJSON(r, &req, 1<<10); err != nil {
		return err
	}
	c, err := s.Projects.ChooseRuleSet(r.Context(), req.RuleSet)
	if err != nil {
		return err
	}
	return writeJSON(w, c)
}

func (s *Server) evaluateProjects(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Period string `json:"period"`
	}
	if err := decodeJSON(r, &req, 1<<10); err != nil {
		return err
	}
	run, err := s.Projects.Evaluate(r.Context(), req.Period)
	if err != nil {
		return err
	}
	return writeJSON(w, run)
}

func (s *Server) ledgerTemplate(w http.ResponseWriter, r *http.Request) error {
	var buf bytes.Buffer
	period := r.URL.Query().Get("period")
	if err := s.Projects.LedgerTemplate(r.Context(), &buf, period); err != nil {
		return err
	}
	return sendFile(w, "项目台账-"+period+".xlsx", buf.Bytes())
}

func (s *Server) ledgerImport(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBytes)
	form, err := readUpload(r)
	if err != nil {
		return err
	}
	dry, _ := strconv.ParseBool(form.fields["dry_run"])
	res, err := s.Projects.ImportLedger(r.Context(), collect.ImportRequest{FileName: form.name, Data: form.data, Period: form.fields["period"], DryRun: dry})
	if err != nil {
		return err
	}
	return writeJSON(w, res)
}

func (s *Server) listProblems(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := project.ProblemFilter{County: q.Get("county"), Kind: q.Get("kind")}
	id, err := intParam(r, "project")
	if err != nil {
		return err
	}
	f.Project = int64(id)
	if f.Open, err = boolParam(r, "open"); err != nil {
		return err
	}
	ps, err := s.Projects.Problems(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": ps, "total": len(ps)})
}

func (s *Server) mfgInvestment(w http.ResponseWriter, r *http.Request) error {
	c, err := s.Projects.CompareMfgInvestment(r.Context(), r.URL.Query().Get("org"))
	if err != nil {
		return err
	}
	return writeJSON(w, c)
}

func (s *Server) signedProjects(w http.ResponseWriter, r *http.Request) error {
	years, err := s.Projects.SignedOverYears(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": years, "unit": "个", "threshold": s.Projects.SignedOver()})
}
