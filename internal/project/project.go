// Package project is the 重大项目 library: projects with their stage
// machine and dated history, the 前期手续 checklist, yearly plans and
// monthly completed investment (entered or imported from the bureau's
// 项目台账), 要素保障 problems and 定期访 visits (三办一访), the monthly
// 红黄绿灯 per project under a city's chosen rules, the 通报 workbook, the
// plan's named projects as seeds, and the two-source 制造业投资额. Every
// method acts for the principal in its context: a county sees and works its
// own projects, the city all of them.
package project

import (
	"database/sql"
	"strconv"
)

// Origins say where a project came from.
const (
	OriginPlan   = "plan"   // named in the plan (专栏2–6)
	OriginManual = "manual" // registered by a user
	OriginLead   = "lead"   // handed over from a signed 招商 lead
	OriginDemo   = "demo"   // synthetic 演示 data
)

// Project is one project of the library, with the names of its codes.
type Project struct {
	ID                int64    `json:"id"`
	Number            string   `json:"number"`
	Name              string   `json:"name"`
	Code              string   `json:"code"`
	Origin            string   `json:"origin"`
	PlanKey           string   `json:"plan_key,omitempty"`
	PlanRef           string   `json:"plan_ref,omitempty"`
	LeadRef           string   `json:"lead_ref,omitempty"`
	EnterpriseID      *int64   `json:"enterprise_id"`
	OwnerName         string   `json:"owner_name"`
	OwnerUSCC         string   `json:"owner_uscc"`
	County            string   `json:"county_code"`
	CountyName        string   `json:"county_name"`
	Park              string   `json:"park_code"`
	ParkName          string   `json:"park_name"`
	Cluster           string   `json:"cluster_code"`
	ClusterName       string   `json:"cluster_name"`
	SubSector         string   `json:"sub_sector_code"`
	SubSectorName     string   `json:"sub_sector_name"`
	Industry          string   `json:"industry_code"`
	Manufacturing     bool     `json:"manufacturing"`
	Nodes             []string `json:"chain_nodes"`
	Kind              string   `json:"kind"`
	KindName          string   `json:"kind_name"`
	Tier              string   `json:"tier"`
	TierName          string   `json:"tier_name"`
	ApprovalMode      string   `json:"approval_mode"`
	TotalInvestment   *float64 `json:"total_investment"`
	InvestmentUnit    string   `json:"investment_unit"`
	PlannedStart      string   `json:"planned_start"`
	PlannedCompletion string   `json:"planned_completion"`
	PlannedProduction string   `json:"planned_production"`
	Content           string   `json:"content"`
	ContactName       string   `json:"contact_name"`
	ContactPhone      string   `json:"contact_phone"`
	ServiceUnit       string   `json:"service_unit"`
	ServicePerson     string   `json:"service_person"`
	EnergyTCE         *float64 `json:"energy_tce"`
	ElectricityMkWh   *float64 `json:"electricity_mkwh"`
	Hazardous         bool     `json:"hazardous"`
	NewLand           bool     `json:"new_land"`
	EIAExempt         bool     `json:"eia_exempt"`
	Stage             Stage    `json:"stage"`
	StageName         string   `json:"stage_name"`
	StageOn           string   `json:"stage_on"`
	PausedFrom        Stage    `json:"paused_from,omitempty"`
	Duty              string   `json:"duty"`
	DutyNote          string   `json:"duty_note"`
	RegisteredOn      string   `json:"registered_on"`
	SignedOn          string   `json:"signed_on"`
	StartedOn         string   `json:"started_on"`
	Note              string   `json:"note"`
	CreatedBy         string   `json:"created_by"`
	CreatedAt         string   `json:"created_at"`
	UpdatedAt         string   `json:"updated_at"`
}

// projectColumns are read by scanProject, in this order.
const projectColumns = `p.id, p.name, COALESCE(p.code, ''), p.origin, COALESCE(p.plan_key, ''), p.plan_ref, COALESCE(p.lead_ref, ''),
	p.enterprise_id, p.owner_name, p.owner_uscc, p.county_code, p.park_code, p.cluster_code, p.sub_sector_code, p.industry_code,
	p.kind, p.tier, p.approval_mode, p.total_investment, p.planned_start, p.planned_completion, p.planned_production,
	p.content, p.contact_name, p.contact_phone, p.service_unit, p.service_person, p.energy_tce, p.electricity_mkwh,
	p.hazardous, p.new_land, p.eia_exempt, p.stage, p.stage_on, p.paused_from, p.registered_on, p.signed_on, p.started_on,
	p.note, p.created_by, p.created_at, p.updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanProject(r scanner, extra ...any) (Project, error) {
	var p Project
	var ent sql.NullInt64
	dest := []any{&p.ID, &p.Name, &p.Code, &p.Origin, &p.PlanKey, &p.PlanRef, &p.LeadRef,
		&ent, &p.OwnerName, &p.OwnerUSCC, &p.County, &p.Park, &p.Cluster, &p.SubSector, &p.Industry,
		&p.Kind, &p.Tier, &p.ApprovalMode, &p.TotalInvestment, &p.PlannedStart, &p.PlannedCompletion, &p.PlannedProduction,
		&p.Content, &p.ContactName, &p.ContactPhone, &p.ServiceUnit, &p.ServicePerson, &p.EnergyTCE, &p.ElectricityMkWh,
		&p.Hazardous, &p.NewLand, &p.EIAExempt, &p.Stage, &p.StageOn, &p.PausedFrom, &p.RegisteredOn, &p.SignedOn, &p.StartedOn,
		&p.Note, &p.CreatedBy, &p.CreatedAt, &p.UpdatedAt}
	if err := r.Scan(append(dest, extra...)...); err != nil {
		return p, err
	}
	if ent.Valid {
		p.EnterpriseID = &ent.Int64
	}
	return p, nil
}

// number is a project's number in the library: XM followed by its id,
// the key of the 项目台账 rows.
func number(id int64) string { return "XM" + strconv.FormatInt(id, 10) }

// parseNumber reads XM123 (or 123) back.
func parseNumber(s string) (int64, bool) {
	if len(s) > 2 && (s[:2] == "XM" || s[:2] == "xm") {
		s = s[2:]
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}
