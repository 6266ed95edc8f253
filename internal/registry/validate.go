package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
)

// apply copies the set fields of in onto e and derives the cluster from the
// industry class unless it was assigned by hand.
func (s *Service) apply(e *Enterprise, in Input) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = strings.TrimSpace(*v)
		}
	}
	set(&e.USCC, in.USCC)
	set(&e.Name, in.Name)
	set(&e.County, in.County)
	set(&e.Park, in.Park)
	set(&e.Town, in.Town)
	set(&e.Industry, in.Industry)
	set(&e.EstablishedOn, in.EstablishedOn)
	set(&e.Note, in.Note)
	set(&e.ContactName, in.ContactName)
	set(&e.ContactPhone, in.ContactPhone)
	e.USCC = strings.ToUpper(e.USCC)
	if in.LandMu != nil {
		e.LandMu = in.LandMu
	}
	switch {
	case in.Cluster != nil:
		e.ClusterOverride = true
		e.Cluster, e.SubSector = strings.TrimSpace(*in.Cluster), ""
		set(&e.SubSector, in.SubSector)
	case in.ClearOverride:
		e.ClusterOverride = false
	}
}

// validate checks a record before it is written and normalises its industry
// code; the error names the field and says why in Chinese.
func (s *Service) validate(ctx context.Context, q store.Querier, e *Enterprise) error {
	if err := CheckUSCC(e.USCC); err != nil {
		return err
	}
	if err := s.checkUnique(ctx, q, e); err != nil {
		return err
	}
	if e.Name == "" || len([]rune(e.Name)) > 100 {
		return apperr.New(apperr.Invalid, "企业名称不能为空，且不超过100个字")
	}
	code, err := s.classes.CheckIndustryCode(e.Industry)
	if err != nil {
		return err
	}
	e.Industry = code
	if err := checkPlace(ctx, q, s.plan.Levels.Division, e.County, e.Park); err != nil {
		return err
	}
	if err := checkTown(ctx, q, e.County, e.Town); err != nil {
		return err
	}
	if err := s.settleCluster(e); err != nil {
		return err
	}
	if e.LandMu != nil && *e.LandMu < 0 {
		return apperr.New(apperr.Invalid, "用地面积（亩）不能为负数：%g", *e.LandMu)
	}
	if e.EstablishedOn != "" {
		if _, err := time.Parse(time.DateOnly, e.EstablishedOn); err != nil {
			return apperr.New(apperr.Invalid, "成立日期 %q 应为 YYYY-MM-DD", e.EstablishedOn)
		}
	}
	return checkContact(e.ContactName, e.ContactPhone)
}

// phonePattern is a mainland landline (with area code, 0818-2123456) or
// mobile number (13812345678), with optional hyphens or spaces and an
// extension: what a filer writes as 联系电话.
var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 -]{5,18}[0-9](转[0-9]{1,6})?$`)

func checkContact(name, phone string) error {
	if len([]rune(name)) > 50 {
		return apperr.New(apperr.Invalid, "填报联系人不超过50个字")
	}
	if phone != "" && !phonePattern.MatchString(phone) {
		return apperr.New(apperr.Invalid, "联系电话 %q 不是有效的电话号码（如 0818-2123456 或 13812345678）", phone)
	}
	return nil
}

func (s *Service) checkUnique(ctx context.Context, q store.Querier, e *Enterprise) error {
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM enterprises WHERE uscc = ? AND id <> ?`, e.USCC, e.ID).Scan(&n); err != nil {
		return fmt.Errorf("checking USCC %s: %w", e.USCC, err)
	}
	if n > 0 {
		return apperr.New(apperr.Conflict, "统一社会信用代码 %s 已登记", e.USCC)
	}
	return nil
}

// checkPlace requires a known county (the plan's division, named division)
// and, when a park is given, a park in that county.
func checkPlace(ctx context.Context, q store.Querier, division, county, park string) error {
	var level string
	err := q.QueryRow(ctx, `SELECT level FROM org_units WHERE code = ?`, county).Scan(&level)
	if errors.Is(err, sql.ErrNoRows) || err == nil && level != "county" {
		return apperr.New(apperr.Invalid, "%s代码 %q 不存在", division, county)
	}
	if err != nil {
		return fmt.Errorf("reading county %s: %w", county, err)
	}
	if park == "" {
		return nil
	}
	var parkCounty string
	err = q.QueryRow(ctx, `SELECT county_code FROM parks WHERE code = ?`, park).Scan(&parkCounty)
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.New(apperr.Invalid, "园区代码 %q 不存在", park)
	}
	if err != nil {
		return fmt.Errorf("reading park %s: %w", park, err)
	}
	if parkCounty != county {
		return apperr.New(apperr.Invalid, "园区 %s 属于 %s，不属于企业所在%s%s", park, parkCounty, division, county)
	}
	return nil
}

// settleCluster derives cluster and sub-sector from the industry map, or
// checks a hand-assigned pair against the plan.
func (s *Service) settleCluster(e *Enterprise) error {
	if !e.ClusterOverride {
		e.Cluster, e.SubSector, _ = s.imap.Lookup(e.Industry)
		return nil
	}
	if e.Cluster == "" {
		if e.SubSector != "" {
			return apperr.New(apperr.Invalid, "指定子行业 %s 时必须同时指定产业集群", e.SubSector)
		}
		return nil
	}
	if err := checkRule(&IndustryRule{Prefix: "00", Cluster: e.Cluster, SubSector: e.SubSector}, s.plan); err != nil {
		return apperr.New(apperr.Invalid, "产业集群/子行业不正确：%v", err)
	}
	return nil
}

// diff lists the fields that differ between old and new as changes.
func (s *Service) diff(ctx context.Context, old, new Enterprise, source string) []Change {
	fields := []struct {
		name     string
		from, to string
	}{
		{"uscc", old.USCC, new.USCC}, {"name", old.Name, new.Name}, {"county_code", old.County, new.County},
		{"park_code", old.Park, new.Park}, {"town_code", old.Town, new.Town}, {"industry_code", old.Industry, new.Industry},
		{"cluster_code", old.Cluster, new.Cluster}, {"sub_sector_code", old.SubSector, new.SubSector},
		{"cluster_override", boolText(old.ClusterOverride), boolText(new.ClusterOverride)},
		{"land_mu", floatText(old.LandMu), floatText(new.LandMu)},
		{"established_on", old.EstablishedOn, new.EstablishedOn}, {"note", old.Note, new.Note},
		{"contact_name", old.ContactName, new.ContactName}, {"contact_phone", old.ContactPhone, new.ContactPhone},
	}
	actor, now := access.From(ctx).User, s.stamp()
	var out []Change
	for _, f := range fields {
		if f.from == f.to {
			continue
		}
		out = append(out, Change{EnterpriseID: new.ID, Field: f.name, Old: textPtr(f.from), New: textPtr(f.to),
			Source: source, Actor: actor, ChangedAt: now})
	}
	return out
}

func textPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func floatText(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// boolText renders a flag for history: set is "true", unset has no value.
func boolText(b bool) string {
	if !b {
		return ""
	}
	return "true"
}
