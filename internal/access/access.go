// Package access says who is asking and what they may see and change. A
// Principal travels in the context; every service filters its queries with
// the principal's scope, so that scoping is enforced in one layer and not per
// handler.
package access

import (
	"context"
	"strings"

	"mfgplan/internal/apperr"
)

// Role is a user's role.
type Role string

const (
	RoleAdmin      Role = "admin"      // 系统管理员
	RoleCity       Role = "city"       // 市级管理员
	RoleCounty     Role = "county"     // 县区管理员
	RolePark       Role = "park"       // 园区管理员
	RoleEnterprise Role = "enterprise" // 企业填报员
	RoleLeader     Role = "leader"     // 领导/只读
)

// RoleNames are the roles as users see them.
var RoleNames = map[Role]string{
	RoleAdmin:      "系统管理员",
	RoleCity:       "市级管理员",
	RoleCounty:     "县区管理员",
	RolePark:       "园区管理员",
	RoleEnterprise: "企业填报员",
	RoleLeader:     "领导/只读",
}

// Scope is a set of places and enterprises. All means everything.
type Scope struct {
	All         bool     `json:"all"`
	Counties    []string `json:"counties,omitempty"`
	Parks       []string `json:"parks,omitempty"`
	Enterprises []int64  `json:"enterprises,omitempty"`
}

// Principal is the caller: a user, an API token or the local system (CLI).
type Principal struct {
	User  string `json:"user"`
	Role  Role   `json:"role"`
	View  Scope  `json:"view"`  // what the caller may read
	Enter Scope  `json:"enter"` // what the caller may write
}

// System is the principal of local CLI commands run by the operator who owns
// the data directory: they may do everything.
var System = Principal{User: "system", Role: RoleAdmin, View: Scope{All: true}, Enter: Scope{All: true}}

type ctxKey struct{}

// With returns a context carrying p.
func With(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// From returns the principal in ctx. A context without one gets no access at
// all, so a forgotten middleware fails closed.
func From(ctx context.Context) Principal {
	if p, ok := ctx.Value(ctxKey{}).(Principal); ok {
		return p
	}
	return Principal{User: "anonymous"}
}

// Empty reports whether the scope grants nothing.
func (s Scope) Empty() bool {
	return !s.All && len(s.Counties) == 0 && len(s.Parks) == 0 && len(s.Enterprises) == 0
}

// EnterpriseFilter returns an SQL condition (with ? placeholders) restricting
// an enterprises table aliased as alias to the scope, and its arguments.
// A scope that grants nothing yields a condition that matches nothing.
func (s Scope) EnterpriseFilter(alias string) (string, []any) {
	if s.All {
		return "1=1", nil
	}
	var parts []string
	var args []any
	in := func(col string, n int) string {
		return alias + "." + col + " IN (" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
	}
	if len(s.Counties) > 0 {
		parts = append(parts, in("county_code", len(s.Counties)))
		for _, c := range s.Counties {
			args = append(args, c)
		}
	}
	if len(s.Parks) > 0 {
		parts = append(parts, in("park_code", len(s.Parks)))
		for _, p := range s.Parks {
			args = append(args, p)
		}
	}
	if len(s.Enterprises) > 0 {
		parts = append(parts, in("id", len(s.Enterprises)))
		for _, id := range s.Enterprises {
			args = append(args, id)
		}
	}
	if len(parts) == 0 {
		return "1=0", nil
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// Place is an enterprise's location, enough to decide access to it.
type Place struct {
	EnterpriseID int64
	County       string
	Park         string
}

// Covers reports whether the scope includes an enterprise at place.
func (s Scope) Covers(pl Place) bool {
	if s.All {
		return true
	}
	for _, c := range s.Counties {
		if c == pl.County {
			return true
		}
	}
	for _, p := range s.Parks {
		if p != "" && p == pl.Park {
			return true
		}
	}
	for _, id := range s.Enterprises {
		if id == pl.EnterpriseID {
			return true
		}
	}
	return false
}

// CoversOrg reports whether the scope may see an aggregate for an org unit
// (a county code or the city code); city-wide aggregates need All.
func (s Scope) CoversOrg(code string) bool {
	if s.All {
		return true
	}
	for _, c := range s.Counties {
		if c == code {
			return true
		}
	}
	return false
}

// CanView returns a not-found error when the principal may not read the
// enterprise at pl: out-of-scope objects are invisible, not forbidden, so
// their existence does not leak.
func CanView(ctx context.Context, pl Place) error {
	if !From(ctx).View.Covers(pl) {
		return apperr.New(apperr.NotFound, "企业不存在或无权查看")
	}
	return nil
}

// CanEnter returns a forbidden error when the principal may not write data
// for the enterprise at pl.
func CanEnter(ctx context.Context, pl Place) error {
	p := From(ctx)
	if p.Role == RoleLeader || !p.Enter.Covers(pl) {
		return apperr.New(apperr.Forbidden, "无权填报或修改该企业的数据")
	}
	return nil
}
