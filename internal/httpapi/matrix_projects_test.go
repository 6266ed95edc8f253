package httpapi_test

import (
	"context"
	"strconv"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/auth/authtest"
	"mfgplan/internal/project"
)

// Rows of the access matrix for the 重大项目 routes. The in-scope project
// is in 宣汉县's 普光经开区 owned by the in-scope enterprise, the other in
// 渠县 owned by the other one, so every role's scope covers the first and
// not the second (admin and city see both). Projects are kept by the
// governments: enterprise filers and leaders read, never write.

// projectVars puts the in- or out-of-scope project's id into {id}, with
// {county} and {park} of its place and a fresh problem in {pid}.
func projectVars(e *env, _ access.Role, in bool) (map[string]string, error) {
	if e.projects == nil {
		e.projects = map[bool]int64{}
		sys := access.With(context.Background(), access.System)
		for _, side := range []bool{true, false} {
			vars := e.placeholders(side)
			ent, _ := strconv.ParseInt(vars["{enterprise}"], 10, 64)
			county, park := authtest.Xuanhan, authtest.Puguang
			if !side {
				county, park = authtest.Quxian, authtest.Apparel
			}
			name, tier := "矩阵项目", "county"
			p, err := e.srv.Deps.Projects.Create(sys, project.Input{Name: &name, County: &county, Park: &park, Tier: &tier, EnterpriseID: &ent})
			if err != nil {
				return nil, err
			}
			e.projects[side] = p.ID
		}
	}
	id := e.projects[in]
	kind, desc := "land", "用地指标"
	pr, err := e.srv.Deps.Projects.AddProblem(access.With(context.Background(), access.System), id, project.ProblemInput{Kind: &kind, Description: &desc})
	if err != nil {
		return nil, err
	}
	county, park := authtest.Xuanhan, authtest.Puguang
	if !in {
		county, park = authtest.Quxian, authtest.Apparel
	}
	return map[string]string{"{id}": strconv.FormatInt(id, 10), "{pid}": strconv.FormatInt(pr.ID, 10), "{county}": county, "{park}": park,
		"{item}": "filing", "{year}": "2025", "{today}": time.Now().Format("2006-01-02")}, nil
}

// freshProject is projectVars with {id} a new project on the side asked,
// for a move that can be made once only.
func freshProject(e *env, role access.Role, in bool) (map[string]string, error) {
	vars, err := projectVars(e, role, in)
	if err != nil {
		return nil, err
	}
	src, err := e.srv.Deps.Projects.Get(access.With(context.Background(), access.System), e.projects[in])
	if err != nil {
		return nil, err
	}
	name, tier := "矩阵新项目", "county"
	p, err := e.srv.Deps.Projects.Create(access.With(context.Background(), access.System), project.Input{Name: &name, County: &src.County, Park: &src.Park, Tier: &tier, EnterpriseID: src.EnterpriseID})
	if err != nil {
		return nil, err
	}
	vars["{id}"] = strconv.FormatInt(p.ID, 10)
	return vars, nil
}

// projectWrites: city-wide roles change both, the county and park of the
// in-scope project change it, enterprise filers and leaders are refused;
// the other project does not exist for them.
func projectWrites(ok int) map[access.Role]expect {
	m := writes(ok)
	m[access.RoleEnterprise] = expect{403, 404}
	return m
}

// cityOnly is a city-wide setting or job: city and admin only.
func cityOnly(ok int) map[access.Role]expect { return only(ok, access.RoleAdmin, access.RoleCity) }

// creates: registering a project in one's own county or park; an
// enterprise filer or leader may not register any.
func creates() map[access.Role]expect {
	m := every(403)
	m[access.RoleAdmin], m[access.RoleCity] = expect{201, 201}, expect{201, 201}
	m[access.RoleCounty], m[access.RolePark] = expect{201, 403}, expect{201, 403}
	return m
}

func projectRows(rows map[string]entry) {
	item := func(ok int, body string) entry {
		return entry{vars: projectVars, body: body, want: projectWrites(ok)}
	}
	read := entry{vars: projectVars, want: scoped(200)}
	// A 项目台账 naming the in- or out-of-scope project: a county or park
	// importing another's project has the row refused (400).
	ledgerBody, ledgerType := multipartCSV("项目编号,本年累计完成投资（万元）\nXM{id},0\n", "2025-05")
	imports := refused()
	imports[access.RoleEnterprise], imports[access.RoleLeader] = expect{403, 403}, expect{403, 403}
	for k, v := range map[string]entry{
		"GET /api/v1/projects":                           {want: every(200)},
		"POST /api/v1/projects":                          {vars: projectVars, body: `{"name":"新项目","county_code":"{county}","park_code":"{park}","tier":"county"}`, want: creates()},
		"GET /api/v1/projects/vocabulary":                {want: every(200)},
		"GET /api/v1/projects/summary":                   {want: every(200)},
		"GET /api/v1/projects/bulletin.xlsx":             {vars: projectVars, want: every(200)},
		"GET /api/v1/projects/light-rules":               {want: every(200)},
		"PUT /api/v1/projects/light-rules":               {body: `{"rule_set":"yinchuan"}`, want: cityOnly(200)},
		"POST /api/v1/projects/evaluations":              {body: `{"period":"2025-06"}`, want: cityOnly(200)},
		"GET /api/v1/projects/ledger/template":           {query: "?period=2025-06", vars: projectVars, want: every(200)},
		"POST /api/v1/projects/ledger/imports":           {vars: projectVars, body: ledgerBody, contentType: ledgerType, want: imports},
		"GET /api/v1/projects/problems":                  {vars: projectVars, want: every(200)},
		"GET /api/v1/projects/mfg-investment":            {want: with(with(every(404), access.RoleAdmin, expect{200, 200}), access.RoleCity, expect{200, 200})},
		"GET /api/v1/projects/signed":                    {want: every(200)},
		"GET /api/v1/projects/{id}":                      read,
		"GET /api/v1/projects/{id}/investments":          read,
		"GET /api/v1/projects/{id}/history":              read,
		"PATCH /api/v1/projects/{id}":                    item(200, `{"content":"建设内容"}`),
		"POST /api/v1/projects/{id}/moves":               {vars: freshProject, body: `{"to":"signed"}`, want: projectWrites(200)},
		"PUT /api/v1/projects/{id}/approvals/{item}":     item(200, `{"status":"in_progress"}`),
		"PUT /api/v1/projects/{id}/plans/{year}":         item(200, `{"planned":100}`),
		"PUT /api/v1/projects/{id}/investments/{period}": item(200, `{"ytd":0}`),
		"POST /api/v1/projects/{id}/problems":            item(200, `{"kind":"funding","description":"资金"}`),
		"PATCH /api/v1/projects/{id}/problems/{pid}":     item(200, `{"status":"in_progress"}`),
		"POST /api/v1/projects/{id}/visits":              item(200, `{"visited_on":"{today}","visitors":"市经信局","findings":"正常"}`),
	} {
		rows[k] = v
	}
}
