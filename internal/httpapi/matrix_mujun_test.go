package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"mfgplan/internal/access"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Rows of the access matrix for the 亩均 (mujun) routes: a 2024 run over
// both fixture enterprises, created by the city, and appeals filed by it.

// asAdmin calls the server as the fixture administrator.
func (e *env) asAdmin(method, target, body string) (map[string]any, error) {
	sess, err := e.Auth.Login(context.Background(), string(access.RoleAdmin), "Test-Passw0rd!")
	if err != nil {
		return nil, err
	}
	rec := e.call(method, target, body, &http.Cookie{Name: "mfgplan_session", Value: sess.Token}, sess.CSRF)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code >= 300 {
		return nil, fmt.Errorf("%s %s as admin: %d %s", method, target, rec.Code, rec.Body.String())
	}
	return out, nil
}

// seedYear gives both fixture enterprises a 规上 2024 with the figures a
// 亩均 evaluation reads.
func (e *env) seedYear() error {
	ctx := context.Background()
	return e.db.InTx(ctx, func(tx *store.Tx) error {
		var vals []stats.Value
		for i, id := range []int64{e.In, e.Out} {
			if _, err := tx.Exec(ctx, `INSERT INTO enterprise_years (enterprise_id, year, above_scale) VALUES (?, 2024, TRUE) ON CONFLICT DO NOTHING`, id); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE enterprises SET established_on = '2010-01-01' WHERE id = ?`, id); err != nil {
				return err
			}
			f := float64(i + 1)
			for el, v := range map[string]float64{"land_area": 10, "revenue": 1000 * f, "tax_paid": 30 * f, "employees": 10 + f, "energy_total": 100, "rd_expense": 10 * f} {
				vals = append(vals, stats.Value{EnterpriseID: id, Element: el, Period: "2024", Value: v})
			}
		}
		_, err := stats.SaveValues(ctx, tx, vals, "matrix", "matrix")
		return err
	})
}

// mujunRun returns {id}: the 2024 run (the same inputs give the same run)
// and {eid}: the in- or out-of-scope enterprise.
func mujunRun(e *env, _ access.Role, in bool) (map[string]string, error) {
	if e.runID == "" {
		if err := e.seedYear(); err != nil {
			return nil, err
		}
		out, err := e.asAdmin("POST", "/api/v1/mujun/runs", `{"year":2024,"method":"sichuan"}`)
		if err != nil {
			return nil, err
		}
		run, _ := out["run"].(map[string]any)
		id, _ := run["id"].(float64)
		e.runID = strconv.Itoa(int(id))
	}
	return map[string]string{"{id}": e.runID, "{eid}": e.placeholders(in)["{enterprise}"], "{resource}": "electricity"}, nil
}

// mujunAppeal files a fresh appeal (as the city) on the in- or
// out-of-scope enterprise's entry and returns its {aid}.
func mujunAppeal(e *env, role access.Role, in bool) (map[string]string, error) {
	vars, err := mujunRun(e, role, in)
	if err != nil {
		return nil, err
	}
	if err := dropAppeals(e); err != nil {
		return nil, err
	}
	out, err := e.asAdmin("POST", "/api/v1/mujun/runs/"+vars["{id}"]+"/appeals",
		`{"enterprise_id":`+vars["{eid}"]+`,"reason":"访问矩阵","attachment_name":"a.txt","attachment":"aGVsbG8="}`)
	if err != nil {
		return nil, err
	}
	appeal, _ := out["appeal"].(map[string]any)
	id, ok := appeal["id"].(float64)
	if !ok {
		id, _ = out["id"].(float64)
	}
	vars["{aid}"] = strconv.Itoa(int(id))
	return vars, nil
}

// dropAppeals removes filed appeals: an enterprise may have one pending.
func dropAppeals(e *env) error {
	for _, q := range []string{`DELETE FROM mujun_appeal_events`, `DELETE FROM mujun_appeals`} {
		if _, err := e.db.Exec(context.Background(), q); err != nil {
			return err
		}
	}
	return nil
}

// draftRun puts the run back to draft so that it can be published again.
func draftRun(e *env) error {
	_, err := e.db.Exec(context.Background(), `UPDATE mujun_runs SET status = 'draft'`)
	return err
}

// publishedRun is mujunRun, published by the city (the price lists read
// the published run of the year).
func publishedRun(e *env, role access.Role, in bool) (map[string]string, error) {
	vars, err := mujunRun(e, role, in)
	if err != nil {
		return nil, err
	}
	if err := draftRun(e); err != nil {
		return nil, err
	}
	_, err = e.asAdmin("POST", "/api/v1/mujun/runs/"+vars["{id}"]+"/publish", "")
	return vars, err
}

// reviews: the county of the enterprise (or the city) reviews an appeal
// or enters a bonus/penalty item.
func reviews() map[access.Role]expect {
	m := writes(200)
	m[access.RolePark], m[access.RoleEnterprise] = expect{403, 404}, expect{403, 404}
	return m
}

func mujunRows(rows map[string]entry) {
	cityOnly := only(200, access.RoleAdmin, access.RoleCity)
	for k, v := range map[string]entry{
		"GET /api/v1/mujun/methods":                     {want: every(200)},
		"POST /api/v1/mujun/runs":                       {vars: mujunRun, body: `{"year":2024,"method":"sichuan"}`, want: cityOnly},
		"GET /api/v1/mujun/runs":                        {vars: mujunRun, want: every(200)},
		"GET /api/v1/mujun/runs/{id}":                   {vars: mujunRun, want: every(200)},
		"GET /api/v1/mujun/runs/{id}/snapshot":          {vars: mujunRun, want: cityOnly},
		"POST /api/v1/mujun/runs/{id}/publish":          {vars: mujunRun, prepare: draftRun, want: cityOnly},
		"GET /api/v1/mujun/runs/{id}/diff":              {vars: mujunRun, query: "?against={id}", want: every(200)},
		"GET /api/v1/mujun/runs/{id}/entries":           {vars: mujunRun, query: "?county={county}", want: every(200)},
		"GET /api/v1/mujun/runs/{id}/entries.xlsx":      {vars: mujunRun, query: "?county={county}", want: every(200)},
		"GET /api/v1/mujun/runs/{id}/enterprises/{eid}": {vars: mujunRun, want: scoped(200)},
		"GET /api/v1/mujun/runs/{id}/distribution":      {vars: mujunRun, want: every(200)},
		"GET /api/v1/mujun/runs/{id}/distribution.xlsx": {vars: mujunRun, want: every(200)},
		"GET /api/v1/mujun/parks":                       {vars: publishedRun, query: "?year=2024", want: every(200)},
		"GET /api/v1/mujun/parks.xlsx":                  {vars: publishedRun, query: "?year=2024", want: every(200)},
		"GET /api/v1/mujun/pricing":                     {vars: publishedRun, query: "?year=2024&jurisdiction=shandong", want: every(200)},
		"GET /api/v1/mujun/pricing/{resource}":          {vars: publishedRun, query: "?year=2024&jurisdiction=shandong", want: every(200)},
		"POST /api/v1/mujun/runs/{id}/appeals": {vars: mujunRun, prepare: dropAppeals, want: writes(200),
			body: `{"enterprise_id":{eid},"reason":"访问矩阵","attachment_name":"a.txt","attachment":"aGVsbG8="}`},
		"GET /api/v1/mujun/runs/{id}/verify": {vars: mujunRun, want: cityOnly},
		"PUT /api/v1/mujun/adjustments": {vars: mujunRun, want: reviews(),
			body: `{"enterprise_id":{eid},"year":2024,"item":"innovation","points":3,"reason":"访问矩阵","source":"认定文件"}`},
		"GET /api/v1/mujun/adjustments":              {query: "?year=2024", want: every(200)},
		"GET /api/v1/mujun/runs/{id}/appeals":        {vars: mujunRun, want: every(200)},
		"GET /api/v1/mujun/appeals/{aid}":            {vars: mujunAppeal, want: scoped(200)},
		"GET /api/v1/mujun/appeals/{aid}/attachment": {vars: mujunAppeal, want: scoped(200)},
		"POST /api/v1/mujun/appeals/{aid}/review":    {vars: mujunAppeal, body: `{"accept":false,"note":"访问矩阵"}`, want: reviews()},
	} {
		rows[k] = v
	}
}
