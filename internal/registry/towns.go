package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/plan"
	"mfgplan/internal/store"
)

// Audit actions of town maintenance.
const (
	ActionTownCreate = "org.town.create"
	ActionTownDelete = "org.town.delete"
)

// TownInput is a town (乡镇/街道) to add under a county.
type TownInput struct {
	County string `json:"parent_code"`
	Code   string `json:"code"`
	Name   string `json:"name"`
}

// AddTown adds a town under a county. City-wide administrators may add towns
// anywhere, a county administrator in its own county; the code must be the
// county's 统计用区划代码 town code (plan.TownCodeProblem).
func (s *Service) AddTown(ctx context.Context, in TownInput) (OrgUnit, error) {
	in = TownInput{County: strings.TrimSpace(in.County), Code: strings.TrimSpace(in.Code), Name: strings.TrimSpace(in.Name)}
	u := OrgUnit{Code: in.Code, Name: in.Name, Level: "town", Parent: in.County, Source: "user"}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := checkNewTown(ctx, tx, in); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO org_units (code, name, level, parent_code, source) VALUES (?, ?, 'town', ?, 'user')`,
			in.Code, in.Name, in.County); err != nil {
			return fmt.Errorf("adding town %s: %w", in.Code, err)
		}
		return audit.Record(ctx, tx, audit.Event{Action: ActionTownCreate, Object: "org_unit:" + in.Code,
			Detail: map[string]string{"parent_code": in.County, "name": in.Name}})
	})
	return u, err
}

// checkNewTown checks, in this order, that the county exists, that the
// caller may maintain its towns, the code, the name and that neither the
// code nor the name is taken in the county.
func checkNewTown(ctx context.Context, q store.Querier, in TownInput) error {
	county, ok, err := findOrg(ctx, q, in.County)
	if err != nil {
		return err
	}
	if !ok || county.Level != "county" {
		return apperr.New(apperr.Invalid, "县（市、区）代码 %q 不存在", in.County)
	}
	if err := canManageTowns(ctx, in.County); err != nil {
		return err
	}
	if msg := plan.TownCodeProblem(in.County, in.Code); msg != "" {
		return apperr.New(apperr.Invalid, "%s", msg)
	}
	if in.Name == "" || len([]rune(in.Name)) > 50 {
		return apperr.New(apperr.Invalid, "乡镇（街道）名称不能为空，且不超过50个字")
	}
	var code, name string
	err = q.QueryRow(ctx, `SELECT code, name FROM org_units WHERE code = ? OR (parent_code = ? AND name = ?)`,
		in.Code, in.County, in.Name).Scan(&code, &name)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("checking town %s: %w", in.Code, err)
	case code == in.Code:
		return apperr.New(apperr.Conflict, "乡镇（街道）代码 %s 已存在（%s）", code, name)
	}
	return apperr.New(apperr.Conflict, "%s 已有名为 %s 的乡镇（街道），代码 %s", county.Name, name, code)
}

// canManageTowns allows city-wide administrators and the administrator of
// the county to add and delete its towns; a leader, a park or an
// enterprise user may not.
func canManageTowns(ctx context.Context, county string) error {
	p := access.From(ctx)
	if p.Role == access.RoleLeader || !p.Enter.CoversOrg(county) {
		return apperr.New(apperr.Forbidden, "只有系统管理员、市级管理员或本县（市、区）管理员可以维护乡镇（街道）")
	}
	return nil
}

// DeleteTown removes a town that users added and that nothing refers to.
// A town outside the caller's view does not exist for it.
func (s *Service) DeleteTown(ctx context.Context, code string) error {
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		u, ok, err := findOrg(ctx, tx, code)
		if err != nil {
			return err
		}
		if !ok || u.Level == "town" && !access.From(ctx).View.CoversOrg(u.Parent) {
			return apperr.New(apperr.NotFound, "乡镇（街道）%s 不存在或无权查看", code)
		}
		if u.Level != "town" {
			return apperr.New(apperr.Invalid, "%s %s 不是乡镇（街道）：市、县（市、区）由规划文件同步，不能在此删除", u.Code, u.Name)
		}
		if err := canManageTowns(ctx, u.Parent); err != nil {
			return err
		}
		if u.Source == "plan" {
			return apperr.New(apperr.Invalid, "乡镇（街道）%s %s 来自规划文件，请在规划文件中删除", u.Code, u.Name)
		}
		if err := checkUnreferenced(ctx, tx, u); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM org_units WHERE code = ?`, code); err != nil {
			return fmt.Errorf("deleting town %s: %w", code, err)
		}
		return audit.Record(ctx, tx, audit.Event{Action: ActionTownDelete, Object: "org_unit:" + code,
			Detail: map[string]string{"parent_code": u.Parent, "name": u.Name}})
	})
}

// checkUnreferenced refuses to delete a unit that enterprises, published
// figures or lower units still refer to, and says how many.
func checkUnreferenced(ctx context.Context, q store.Querier, u OrgUnit) error {
	var ents, figures, children int
	err := q.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM enterprises WHERE town_code = ?),
		(SELECT COUNT(*) FROM region_values WHERE org_code = ?), (SELECT COUNT(*) FROM org_units WHERE parent_code = ?)`,
		u.Code, u.Code, u.Code).Scan(&ents, &figures, &children)
	if err != nil {
		return fmt.Errorf("checking references to %s: %w", u.Code, err)
	}
	var refs []string
	for _, r := range []struct {
		n    int
		what string
	}{{ents, "家企业登记在此"}, {figures, "条区域统计数据"}, {children, "个下级区划"}} {
		if r.n > 0 {
			refs = append(refs, fmt.Sprintf("%d %s", r.n, r.what))
		}
	}
	if len(refs) > 0 {
		return apperr.New(apperr.Conflict, "乡镇（街道）%s %s 仍被引用（%s），不能删除；请先改动这些记录", u.Code, u.Name, strings.Join(refs, "，"))
	}
	return nil
}

// findOrg reads an org unit; ok is false when there is none with code.
func findOrg(ctx context.Context, q store.Querier, code string) (u OrgUnit, ok bool, err error) {
	err = q.QueryRow(ctx, `SELECT code, name, level, COALESCE(parent_code, ''), source FROM org_units WHERE code = ?`, code).
		Scan(&u.Code, &u.Name, &u.Level, &u.Parent, &u.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return u, false, nil
	}
	if err != nil {
		return u, false, fmt.Errorf("reading org unit %s: %w", code, err)
	}
	return u, true, nil
}

// checkTown requires an enterprise's town, when given, to be a town of its
// county.
func checkTown(ctx context.Context, q store.Querier, county, town string) error {
	if town == "" {
		return nil
	}
	u, ok, err := findOrg(ctx, q, town)
	if err != nil {
		return err
	}
	if !ok || u.Level != "town" {
		return apperr.New(apperr.Invalid, "乡镇（街道）代码 %q 不存在", town)
	}
	if u.Parent != county {
		return apperr.New(apperr.Invalid, "乡镇（街道）%s %s 属于 %s，不属于企业所在县（市、区）%s", u.Code, u.Name, u.Parent, county)
	}
	return nil
}
