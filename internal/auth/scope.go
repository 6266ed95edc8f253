package auth

import (
	"context"
	"fmt"
	"slices"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
)

// Grant is what an administrator gives a user: a role, the role's own scope
// (a county, a park, enterprises; nothing for admin and city) and optionally
// extra places the user may view but not enter, as DHIS2 separates data
// capture from data output scopes.
type Grant struct {
	Role      access.Role  `json:"role"`
	Scope     access.Scope `json:"scope"`
	ExtraView access.Scope `json:"extra_view"`
}

// scopes turns a grant into view and entry scopes after checking that the
// scope fits the role and names places and enterprises that exist.
func (s *Service) scopes(ctx context.Context, q store.Querier, g Grant) (view, enter access.Scope, err error) {
	sc := g.Scope
	n := func(xs int) bool { return xs > 0 }
	var bad string
	switch g.Role {
	case access.RoleAdmin, access.RoleCity:
		if !sc.Empty() && !sc.All {
			bad = "系统管理员和市级管理员的范围是全市，不能指定县区、园区或企业"
		}
		sc = access.Scope{All: true}
	case access.RoleCounty:
		if len(sc.Counties) != 1 || n(len(sc.Parks)) || n(len(sc.Enterprises)) || sc.All {
			bad = "县区管理员必须且只能指定一个县（市、区）"
		}
	case access.RolePark:
		if len(sc.Parks) != 1 || n(len(sc.Counties)) || n(len(sc.Enterprises)) || sc.All {
			bad = "园区管理员必须且只能指定一个园区"
		}
	case access.RoleEnterprise:
		if len(sc.Enterprises) == 0 || n(len(sc.Counties)) || n(len(sc.Parks)) || sc.All {
			bad = "企业填报员必须指定一个或多个企业，且不能指定县区或园区"
		}
	case access.RoleLeader:
		if sc.Empty() {
			bad = "领导/只读用户必须指定查看范围（全市，或县区、园区、企业）"
		}
	default:
		bad = fmt.Sprintf("未知角色 %q，可选：admin, city, county, park, enterprise, leader", g.Role)
	}
	if bad != "" {
		return view, enter, apperr.New(apperr.Invalid, "%s", bad)
	}
	view = union(sc, g.ExtraView)
	if err := s.checkPlaces(ctx, q, view); err != nil {
		return view, enter, err
	}
	if g.Role != access.RoleLeader {
		enter = sc
	}
	return view, enter, nil
}

func union(a, b access.Scope) access.Scope {
	if a.All || b.All {
		return access.Scope{All: true}
	}
	merge := func(x, y []string) []string {
		out := slices.Concat(x, y)
		slices.Sort(out)
		return slices.Compact(out)
	}
	ents := slices.Concat(a.Enterprises, b.Enterprises)
	slices.Sort(ents)
	return access.Scope{Counties: merge(a.Counties, b.Counties), Parks: merge(a.Parks, b.Parks), Enterprises: slices.Compact(ents)}
}

func (s *Service) checkPlaces(ctx context.Context, q store.Querier, sc access.Scope) error {
	for _, c := range sc.Counties {
		if !s.Places.HasCounty(c) {
			return apperr.New(apperr.Invalid, "县（市、区）代码 %s 不在规划的区县列表中", c)
		}
	}
	for _, p := range sc.Parks {
		if !s.Places.HasPark(p) {
			return apperr.New(apperr.Invalid, "园区代码 %s 不在规划的园区列表中", p)
		}
	}
	if len(sc.Enterprises) == 0 {
		return nil
	}
	args := make([]any, len(sc.Enterprises))
	for i, id := range sc.Enterprises {
		args[i] = id
	}
	var found int
	marks := store.Placeholders(len(args))
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM enterprises WHERE id IN (`+marks+`)`, args...).Scan(&found); err != nil {
		return fmt.Errorf("checking enterprises of a user scope: %w", err)
	}
	if found != len(args) {
		return apperr.New(apperr.Invalid, "企业 ID %v 中有 %d 个不存在", sc.Enterprises, len(args)-found)
	}
	return nil
}
