package httpapi_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"maps"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/auth/authtest"
	"mfgplan/internal/httpapi"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// expect is the status a role gets for an object inside its scope (in) and
// for one outside it (out). For routes without an enterprise object in and
// out are the same request.
type expect struct{ in, out int }

// entry is one route of the access matrix. Path, query and body may hold
// placeholders ({enterprise}, {county}, {id} …) that target fills for the
// in- or out-of-scope object.
type entry struct {
	query   string             // appended to the path
	body    string             // request body (JSON unless contentType says otherwise)
	prepare func(e *env) error // puts the store into the state the request needs
	// vars adds or overrides placeholders for one role and object, e.g. the
	// id of an object created for the request.
	vars        func(e *env, role access.Role, in bool) (map[string]string, error)
	contentType string
	want        map[access.Role]expect
}

// Shorthands for the common shapes of a row.
func every(code int) map[access.Role]expect {
	m := map[access.Role]expect{}
	for _, r := range authtest.Roles {
		m[r] = expect{code, code}
	}
	return m
}

func only(ok int, roles ...access.Role) map[access.Role]expect {
	m := every(403)
	for _, r := range roles {
		m[r] = expect{ok, ok}
	}
	return m
}

// scoped is a read of one enterprise: city-wide roles see both, the others
// only the enterprise in their scope; the other one does not exist for them.
func scoped(ok int) map[access.Role]expect {
	m := every(0)
	for _, r := range authtest.Roles {
		m[r] = expect{ok, 404}
	}
	m[access.RoleAdmin], m[access.RoleCity] = expect{ok, ok}, expect{ok, ok}
	return m
}

func with(m map[access.Role]expect, r access.Role, x expect) map[access.Role]expect {
	m[r] = x
	return m
}

// setApproval puts both fixture enterprises' monthly 2025-05 submission in
// status st ("" = none).
func setApproval(st string) func(e *env) error {
	return func(e *env) error {
		ctx := context.Background()
		if _, err := e.db.Exec(ctx, `DELETE FROM approvals`); err != nil || st == "" {
			return err
		}
		for _, id := range []int64{e.In, e.Out} {
			if _, err := e.db.Exec(ctx, `INSERT INTO approvals (enterprise_id, dataset, period, status, updated_by, updated_at) VALUES (?, 'monthly', '2025-05', ?, 'test', '2025-06-01T00:00:00Z')`, id, st); err != nil {
				return err
			}
		}
		return nil
	}
}

func dropUser(name string) func(e *env) error {
	return func(e *env) error {
		_, err := e.db.Exec(context.Background(), `DELETE FROM users WHERE username = ?`, name)
		return err
	}
}

// matrix has one row per API route. TestAccessMatrix fails for a route
// without a row, so a new endpoint cannot ship without deciding who may
// call it.
func matrix() map[string]entry {
	const newUser = `{"username":"newbie","password":"Test-Passw0rd!","role":"city"}`
	rows := map[string]entry{
		"GET /api/v1/health":                                    {want: every(200)},
		"GET /api/v1/openapi.json":                              {want: every(200)},
		"GET /api/v1/plan":                                      {want: every(200)},
		"GET /api/v1/plan/versions":                             {want: every(200)},
		"GET /api/v1/plan/indicators":                           {want: every(200)},
		"GET /api/v1/plan/clusters":                             {want: every(200)},
		"GET /api/v1/plan/chains":                               {want: every(200)},
		"GET /api/v1/plan/parks":                                {want: every(200)},
		"GET /api/v1/plan/targets":                              {want: every(200)},
		"POST /api/v1/auth/login":                               {body: `{"username":"victim","password":"Test-Passw0rd!"}`, want: every(200)},
		"POST /api/v1/auth/logout":                              {want: every(200)},
		"GET /api/v1/auth/me":                                   {want: every(200)},
		"POST /api/v1/auth/password":                            {body: `{"current":"not-it","new":"Other-Passw0rd!"}`, want: every(400)},
		"GET /api/v1/auth/setup":                                {want: every(200)},
		"POST /api/v1/auth/setup":                               {body: `{"token":"setup_guess","username":"evil","password":"Test-Passw0rd!"}`, want: every(403)},
		"GET /api/v1/auth/tokens":                               {want: every(200)},
		"POST /api/v1/auth/tokens":                              {body: `{"name":"matrix"}`, want: every(200)},
		"DELETE /api/v1/auth/tokens/{id}":                       {want: with(every(404), access.RoleAdmin, expect{200, 200})}, // another user's token does not exist for the caller,
		"GET /api/v1/users":                                     {want: only(200, access.RoleAdmin)},
		"POST /api/v1/users":                                    {body: newUser, prepare: dropUser("newbie"), want: only(201, access.RoleAdmin)},
		"GET /api/v1/users/{username}":                          {want: only(200, access.RoleAdmin)},
		"PUT /api/v1/users/{username}/grant":                    {body: `{"role":"county","scope":{"counties":["511725"]}}`, want: only(200, access.RoleAdmin)},
		"POST /api/v1/users/{username}/disable":                 {body: `{"disabled":false}`, want: only(200, access.RoleAdmin)},
		"POST /api/v1/users/{username}/password":                {body: `{"password":"Reset-Passw0rd!"}`, want: only(200, access.RoleAdmin)},
		"GET /api/v1/audit":                                     {want: only(200, access.RoleAdmin)},
		"GET /api/v1/audit/export":                              {want: only(200, access.RoleAdmin)},
		"GET /api/v1/audit/verify":                              {want: only(200, access.RoleAdmin)},
		"GET /api/v1/approvals":                                 {query: "?dataset=monthly&period=2025-05", want: every(200)},
		"GET /api/v1/approvals/{enterprise}/{dataset}/{period}": {want: scoped(200)},
		// {action} = approve: the county or park of the enterprise, or the admin.
		"POST /api/v1/approvals/{enterprise}/{dataset}/{period}/{action}": {prepare: setApproval("submitted"),
			want: with(with(with(scoped(403), access.RoleAdmin, expect{200, 200}), access.RoleCounty, expect{200, 404}), access.RolePark, expect{200, 404})},
		"GET /api/v1/settings/approved-only": {want: every(200)},
		"PUT /api/v1/settings/approved-only": {body: `{"approved_only":true}`, want: only(200, access.RoleAdmin, access.RoleCity)},
	}
	domainRows(rows)
	cycleRows(rows)
	chainRows(rows)
	mujunRows(rows)
	projectRows(rows)
	return rows
}

// placeholders are the default values for the in- or out-of-scope object:
// the enterprise in 宣汉县 or in 渠县 and their counties; {id} is the
// victim's API token.
func (e *env) placeholders(in bool) map[string]string {
	ent, county := e.Out, authtest.Quxian
	if in {
		ent, county = e.In, authtest.Xuanhan
	}
	return map[string]string{
		"{enterprise}": strconv.FormatInt(ent, 10), "{county}": county, "{dataset}": "monthly", "{period}": "2025-05",
		"{action}": "approve", "{username}": e.victim, "{id}": strconv.FormatInt(e.victimToken, 10),
	}
}

// target fills a route's path parameters for the in- or out-of-scope object.
func (e *env) target(path string, in bool) string {
	return fill(path, e.placeholders(in))
}

func fill(s string, vars map[string]string) string {
	var pairs []string
	for k, v := range vars {
		pairs = append(pairs, k, v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

func TestAccessMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, loginLimitsOff)
		rows := matrix()
		for _, rt := range e.srv.Routes() {
			key := rt.Method + " " + rt.Path
			row, ok := rows[key]
			if !ok {
				t.Errorf("route %s has no row in the access matrix (access_test.go): decide, per role, who may call it", key)
				continue
			}
			for _, role := range authtest.Roles {
				want, ok := row.want[role]
				if !ok || want.in == 0 {
					t.Errorf("%s: no expectation for role %s", key, role)
					continue
				}
				for _, in := range []bool{true, false} {
					e.check(t, rt, row, role, in, map[bool]int{true: want.in, false: want.out}[in])
				}
			}
		}
	})
}

func (e *env) check(t *testing.T, rt httpapi.Route, row entry, role access.Role, in bool, want int) {
	t.Helper()
	if row.prepare != nil {
		if err := row.prepare(e); err != nil {
			t.Fatalf("%s %s: preparing: %v", rt.Method, rt.Path, err)
		}
	}
	vars := e.placeholders(in)
	if row.vars != nil {
		extra, err := row.vars(e, role, in)
		if err != nil {
			t.Fatalf("%s %s: preparing for %s: %v", rt.Method, rt.Path, role, err)
		}
		maps.Copy(vars, extra)
	}
	cookie, csrf := e.session(t, role)
	target := fill(rt.Path+row.query, vars)
	rec := e.request(rt.Method, target, fill(row.body, vars), row.contentType, cookie, csrf)
	if rec.Code != want {
		t.Errorf("%s %s as %s (in scope: %v): status %d, want %d; body %.200s", rt.Method, target, role, in, rec.Code, want, rec.Body.String())
	}
	if !in && role != access.RoleAdmin && role != access.RoleCity {
		if leak := leaks(t, rec, target+fill(row.body, vars)); leak != "" {
			t.Errorf("%s %s as %s: the response names the out-of-scope enterprise (%s)", rt.Method, target, role, leak)
		}
	}
}

// leaks returns what of the out-of-scope enterprise (its name or USCC) a
// response shows that the request did not itself send, looking inside xlsx
// downloads too. Errors count: a refusal must not describe the enterprise.
func leaks(t *testing.T, rec *httptest.ResponseRecorder, sent string) string {
	t.Helper()
	text := rec.Body.String()
	if strings.Contains(rec.Header().Get("Content-Type"), "spreadsheetml") {
		zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
		if err != nil {
			t.Fatalf("xlsx response: %v", err)
		}
		var b strings.Builder
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatalf("xlsx part %s: %v", f.Name, err)
			}
			io.Copy(&b, rc)
			rc.Close()
		}
		text = b.String()
	}
	for _, s := range []string{authtest.OutName, authtest.OutUSCC} {
		if strings.Contains(text, s) && !strings.Contains(sent, s) {
			return s
		}
	}
	return ""
}

// loginLimitsOff lifts the per-address limits of the public login and setup
// routes, which the matrix calls many times from one address.
func loginLimitsOff(d *httpapi.Deps) {
	d.Auth.Policy.Limits.LoginPerIPPerMinute = 1 << 20
	d.Auth.Policy.Limits.LoginPerUserPerMinute = 1 << 20
	d.Auth.Policy.Limits.SetupPerIPPerMinute = 1 << 20
}
