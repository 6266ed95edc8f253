// Package authtest gives tests of scoped services a small world: the city
// of Dazhou with 宣汉县 (511722, holding 普光经开区) and 渠县 (511725, holding
// 中国西部国际服饰产业城), one enterprise in each, a fast password policy and one
// logged-in user per role.
package authtest

import (
	"context"
	"testing"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/auth"
	"mfgplan/internal/store"
)

// Codes of the fixture's places.
const (
	City     = "511700"
	Xuanhan  = "511722"               // 宣汉县
	Quxian   = "511725"               // 渠县
	Puguang  = "puguang_etdz"         // 普光经开区, in 宣汉县
	Apparel  = "western_apparel_city" // 中国西部国际服饰产业城, in 渠县
	Password = "Test-Passw0rd!"
	// The fixture enterprises: valid USCCs (GB 32100) and names.
	InUSCC  = "91511722T0000001XP"
	InName  = "宣汉普光化工有限公司"
	OutUSCC = "91511725T000000283"
	OutName = "渠县服饰有限公司"
)

// World is the fixture: In is an enterprise in 宣汉县 (in 普光经开区), Out
// one in 渠县 (in 中国西部国际服饰产业城); every role's user is scoped so that In is inside and Out
// outside its scope (except admin and city, who see both).
type World struct {
	In, Out int64
	Auth    *auth.Service
	// Now is the service clock; tests move it forward.
	Now time.Time
}

// Places accepts the fixture's county and park codes.
type Places struct{}

func (Places) HasCounty(c string) bool { return c == Xuanhan || c == Quxian || c == City }
func (Places) HasPark(p string) bool   { return p == Puguang || p == Apparel }

// FastPolicy is the default policy with the cheapest argon2id parameters
// the validation allows, so tests that log in many times stay quick.
func FastPolicy() auth.Policy {
	p := auth.DefaultPolicy()
	p.Argon2.Time, p.Argon2.MemoryKiB, p.Argon2.Threads = 1, 64, 1
	return p
}

// New builds the world on db: places, two enterprises, and one user per
// role named after it (admin, city, county, park, enterprise, leader), each
// with Password. Places already present (e.g. synced from the plan) are kept.
func New(t testing.TB, db *store.DB) *World {
	t.Helper()
	ctx := context.Background()
	w := &World{Now: time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)}
	w.Auth = &auth.Service{DB: db, Policy: FastPolicy(), Places: Places{}, Now: func() time.Time { return w.Now }}
	stmts := []struct {
		q    string
		args []any
	}{
		{`INSERT INTO org_units (code, name, level) VALUES (?, '达州市', 'city') ON CONFLICT DO NOTHING`, []any{City}},
		{`INSERT INTO org_units (code, name, level, parent_code) VALUES (?, '宣汉县', 'county', ?) ON CONFLICT DO NOTHING`, []any{Xuanhan, City}},
		{`INSERT INTO org_units (code, name, level, parent_code) VALUES (?, '渠县', 'county', ?) ON CONFLICT DO NOTHING`, []any{Quxian, City}},
		{`INSERT INTO parks (code, name, county_code, kind) VALUES (?, '普光经开区', ?, '经开区') ON CONFLICT DO NOTHING`, []any{Puguang, Xuanhan}},
		{`INSERT INTO parks (code, name, county_code, kind) VALUES (?, '中国西部国际服饰产业城', ?, '产业城') ON CONFLICT DO NOTHING`, []any{Apparel, Quxian}},
	}
	for _, s := range stmts {
		if _, err := db.Exec(ctx, s.q, s.args...); err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	w.In = enterprise(t, db, InUSCC, InName, Xuanhan, Puguang)
	w.Out = enterprise(t, db, OutUSCC, OutName, Quxian, Apparel)
	for role, scope := range w.scopes() {
		nu := auth.NewUser{Username: string(role), Password: Password, Grant: auth.Grant{Role: role, Scope: scope}}
		if _, err := w.Auth.AddUser(access.With(ctx, access.System), nu); err != nil {
			t.Fatalf("fixture user %s: %v", role, err)
		}
	}
	return w
}

func (w *World) scopes() map[access.Role]access.Scope {
	return map[access.Role]access.Scope{
		access.RoleAdmin:      {},
		access.RoleCity:       {},
		access.RoleCounty:     {Counties: []string{Xuanhan}},
		access.RolePark:       {Parks: []string{Puguang}},
		access.RoleEnterprise: {Enterprises: []int64{w.In}},
		access.RoleLeader:     {Counties: []string{Xuanhan}},
	}
}

func enterprise(t testing.TB, db *store.DB, uscc, name, county string, park any) int64 {
	t.Helper()
	var id int64
	err := db.QueryRow(context.Background(), `INSERT INTO enterprises (uscc, name, county_code, park_code, industry_code, created_at, updated_at)
		VALUES (?, ?, ?, ?, '2614', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z') RETURNING id`, uscc, name, county, park).Scan(&id)
	if err != nil {
		t.Fatalf("fixture enterprise %s: %v", name, err)
	}
	return id
}

// As returns a context acting as the fixture user of role.
func (w *World) As(t testing.TB, role access.Role) context.Context {
	t.Helper()
	u, err := w.Auth.GetUser(access.With(context.Background(), access.System), string(role))
	if err != nil {
		t.Fatalf("fixture user %s: %v", role, err)
	}
	return access.With(context.Background(), u.Principal())
}

// Roles lists every role in a fixed order.
var Roles = []access.Role{access.RoleAdmin, access.RoleCity, access.RoleCounty, access.RolePark, access.RoleEnterprise, access.RoleLeader}

// Tester is the city administrator CityToken creates.
const Tester = "tester"

// CityToken returns an auth service on db with one user, Tester, a city
// administrator (no places needed), and an API token acting as it: enough
// for API tests that are not about access to send
// "Authorization: Bearer <token>".
func CityToken(t testing.TB, db *store.DB) (*auth.Service, string) {
	t.Helper()
	svc := &auth.Service{DB: db, Policy: FastPolicy(), Places: Places{}, Now: time.Now}
	sys := access.With(context.Background(), access.System)
	nu := auth.NewUser{Username: Tester, Password: Password, Grant: auth.Grant{Role: access.RoleCity}}
	if _, err := svc.AddUser(sys, nu); err != nil {
		t.Fatalf("test user: %v", err)
	}
	_, secret, err := svc.CreateToken(sys, Tester, "tests", false, 1)
	if err != nil {
		t.Fatalf("test token: %v", err)
	}
	return svc, secret
}
