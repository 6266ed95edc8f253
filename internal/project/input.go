package project

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"mfgplan/internal/apperr"
	"mfgplan/internal/registry"
)

// Input carries the fields to set; nil fields are left as they are (on
// create, name and county are required unless the project comes from the plan).
type Input struct {
	Name              *string   `json:"name,omitempty"`
	Code              *string   `json:"code,omitempty"`
	EnterpriseID      *int64    `json:"enterprise_id,omitempty"`
	OwnerName         *string   `json:"owner_name,omitempty"`
	OwnerUSCC         *string   `json:"owner_uscc,omitempty"`
	County            *string   `json:"county_code,omitempty"`
	Park              *string   `json:"park_code,omitempty"`
	Cluster           *string   `json:"cluster_code,omitempty"`
	SubSector         *string   `json:"sub_sector_code,omitempty"`
	Industry          *string   `json:"industry_code,omitempty"`
	Nodes             *[]string `json:"chain_nodes,omitempty"`
	Kind              *string   `json:"kind,omitempty"`
	Tier              *string   `json:"tier,omitempty"`
	ApprovalMode      *string   `json:"approval_mode,omitempty"`
	TotalInvestment   *float64  `json:"total_investment,omitempty"`
	PlannedStart      *string   `json:"planned_start,omitempty"`
	PlannedCompletion *string   `json:"planned_completion,omitempty"`
	PlannedProduction *string   `json:"planned_production,omitempty"`
	Content           *string   `json:"content,omitempty"`
	ContactName       *string   `json:"contact_name,omitempty"`
	ContactPhone      *string   `json:"contact_phone,omitempty"`
	ServiceUnit       *string   `json:"service_unit,omitempty"`
	ServicePerson     *string   `json:"service_person,omitempty"`
	EnergyTCE         *float64  `json:"energy_tce,omitempty"`
	ElectricityMkWh   *float64  `json:"electricity_mkwh,omitempty"`
	Hazardous         *bool     `json:"hazardous,omitempty"`
	NewLand           *bool     `json:"new_land,omitempty"`
	EIAExempt         *bool     `json:"eia_exempt,omitempty"`
	RegisteredOn      *string   `json:"registered_on,omitempty"`
	Note              *string   `json:"note,omitempty"`
}

// apply copies the set fields onto p, trimming text.
func (in Input) apply(p *Project) {
	text := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	for _, f := range []struct{ dst, src *string }{
		{&p.Name, in.Name}, {&p.Code, in.Code}, {&p.OwnerName, in.OwnerName}, {&p.OwnerUSCC, in.OwnerUSCC},
		{&p.County, in.County}, {&p.Park, in.Park}, {&p.Cluster, in.Cluster}, {&p.SubSector, in.SubSector}, {&p.Industry, in.Industry},
		{&p.Kind, in.Kind}, {&p.Tier, in.Tier}, {&p.ApprovalMode, in.ApprovalMode},
		{&p.PlannedStart, in.PlannedStart}, {&p.PlannedCompletion, in.PlannedCompletion}, {&p.PlannedProduction, in.PlannedProduction},
		{&p.Content, in.Content}, {&p.ContactName, in.ContactName}, {&p.ContactPhone, in.ContactPhone},
		{&p.ServiceUnit, in.ServiceUnit}, {&p.ServicePerson, in.ServicePerson}, {&p.RegisteredOn, in.RegisteredOn}, {&p.Note, in.Note},
	} {
		text(f.dst, f.src)
	}
	if in.EnterpriseID != nil {
		p.EnterpriseID = in.EnterpriseID
		if *in.EnterpriseID == 0 {
			p.EnterpriseID = nil
		}
	}
	if in.Nodes != nil {
		p.Nodes = slices.Clone(*in.Nodes)
		slices.Sort(p.Nodes)
		p.Nodes = slices.Compact(p.Nodes)
	}
	for _, f := range []struct {
		dst **float64
		src *float64
	}{{&p.TotalInvestment, in.TotalInvestment}, {&p.EnergyTCE, in.EnergyTCE}, {&p.ElectricityMkWh, in.ElectricityMkWh}} {
		if f.src != nil {
			v := *f.src
			*f.dst = &v
		}
	}
	for _, f := range []struct {
		dst *bool
		src *bool
	}{{&p.Hazardous, in.Hazardous}, {&p.NewLand, in.NewLand}, {&p.EIAExempt, in.EIAExempt}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
}

var industryShape = regexp.MustCompile(`^\d{2,4}$`)

// validate checks every field of p and reports all problems at once.
func (s *Service) validate(p *Project) error {
	var ps fieldProblems
	if p.Name == "" {
		ps.add("name", "项目名称", "不能为空")
	} else if len([]rune(p.Name)) > 200 {
		ps.add("name", "项目名称", "不能超过200个字")
	}
	if p.Code != "" {
		if c, err := NormalizeCode(p.Code); err != nil {
			ps = append(ps, detailsOf(err)...)
		} else {
			p.Code = c
		}
	}
	s.checkPlace(p, &ps)
	s.checkIndustry(p, &ps)
	s.checkTerms(p, &ps)
	checkNumbers(p, &ps)
	s.checkDates(p, &ps)
	if p.OwnerUSCC != "" {
		p.OwnerUSCC = strings.ToUpper(p.OwnerUSCC)
		if err := registry.CheckUSCC(p.OwnerUSCC); err != nil {
			ps.add("owner_uscc", "投资方统一社会信用代码", err.Error())
		}
	}
	return ps.err()
}

// checkPlace: county, park (in that county) must be the plan's.
func (s *Service) checkPlace(p *Project, ps *fieldProblems) {
	switch {
	case p.County == "" && p.Origin != OriginPlan:
		ps.add("county_code", "县（市、区）", "不能为空")
	case p.County != "" && s.places.counties[p.County] == "":
		ps.add("county_code", "县（市、区）", "代码「"+clip(p.County)+"」不是规划所列的区县（"+s.countyList()+"）")
	}
	if p.Park == "" {
		return
	}
	park, ok := s.places.parks[p.Park]
	switch {
	case !ok:
		ps.add("park_code", "园区", "「"+clip(p.Park)+"」不是规划所列的园区")
	case p.County != "" && park.County != p.County:
		ps.add("park_code", "园区", park.Name+"在"+s.places.counties[park.County]+"，不在"+s.places.counties[p.County])
	}
}

func (s *Service) countyList() string {
	var out []string
	for _, c := range s.plan.Counties {
		out = append(out, c.Code+" "+c.Name)
	}
	return strings.Join(out, "、")
}

// checkIndustry: cluster, sub-sector (of that cluster), chain nodes and the
// GB/T 4754 code's shape.
func (s *Service) checkIndustry(p *Project, ps *fieldProblems) {
	if p.Cluster != "" && s.places.clusters[p.Cluster] == "" {
		ps.add("cluster_code", "产业集群", "「"+clip(p.Cluster)+"」不是规划所列的产业集群")
	}
	if p.SubSector != "" {
		sub, ok := s.places.subSectors[p.SubSector]
		switch {
		case !ok:
			ps.add("sub_sector_code", "细分领域", "「"+clip(p.SubSector)+"」不是规划所列的细分领域")
		case p.Cluster == "":
			p.Cluster = sub[0]
		case sub[0] != p.Cluster:
			ps.add("sub_sector_code", "细分领域", sub[1]+"属于"+s.places.clusters[sub[0]]+"，不属于"+s.places.clusters[p.Cluster])
		}
	}
	for _, n := range p.Nodes {
		if s.places.nodes[n] == "" {
			ps.add("chain_nodes", "产业链节点", "「"+clip(n)+"」不是规划产业链上的节点")
		}
	}
	if p.Industry != "" && !industryShape.MatchString(p.Industry) {
		ps.add("industry_code", "国民经济行业代码", "「"+clip(p.Industry)+"」应为 GB/T 4754 的2–4位数字代码（按建成后主要产品）")
	}
}

// checkTerms: kind, tier and approval mode must be the vocabulary's.
func (s *Service) checkTerms(p *Project, ps *fieldProblems) {
	for _, t := range []struct {
		field, label, val string
		terms             []Term
	}{{"kind", "建设性质", p.Kind, s.vocab.Kinds}, {"tier", "储备层级", p.Tier, s.vocab.Tiers}, {"approval_mode", "核准或备案", p.ApprovalMode, s.vocab.ApprovalModes}} {
		if t.val != "" && name(t.terms, t.val) == "" {
			var opts []string
			for _, x := range t.terms {
				opts = append(opts, x.Code+"（"+x.Name+"）")
			}
			ps.add(t.field, t.label, "「"+clip(t.val)+"」不可用，可选："+strings.Join(opts, "、"))
		}
	}
	if p.Tier == "" {
		ps.add("tier", "储备层级", "不能为空")
	}
}

func checkNumbers(p *Project, ps *fieldProblems) {
	for _, n := range []struct {
		field, label string
		v            *float64
	}{{"total_investment", "总投资（万元）", p.TotalInvestment}, {"energy_tce", "年综合能源消费量（吨标准煤）", p.EnergyTCE}, {"electricity_mkwh", "年电力消费量（万千瓦时）", p.ElectricityMkWh}} {
		if n.v != nil && *n.v < 0 {
			ps.add(n.field, n.label, "不得为负，实际为 "+money(*n.v))
		}
	}
}

// checkDates: well-formed, registration not in the future, and the
// planned dates in order 开工 ≤ 竣工 ≤ 投产.
func (s *Service) checkDates(p *Project, ps *fieldProblems) {
	dates := []struct{ field, label, v string }{
		{"registered_on", "入库日期", p.RegisteredOn}, {"planned_start", "计划开工日期", p.PlannedStart},
		{"planned_completion", "计划竣工日期", p.PlannedCompletion}, {"planned_production", "计划投产日期", p.PlannedProduction}}
	for _, d := range dates {
		if _, ok := parseDate(d.v); d.v != "" && !ok {
			ps.add(d.field, d.label, "「"+clip(d.v)+"」不是日期，应写作 2025-06-30")
		}
	}
	if t, ok := parseDate(p.RegisteredOn); ok && t.After(s.today()) {
		ps.add("registered_on", "入库日期", dayName(p.RegisteredOn)+"晚于今天")
	}
	for i := 2; i < len(dates); i++ {
		for j := i - 1; j >= 1; j-- {
			if dates[i].v != "" && dates[j].v != "" && dates[i].v < dates[j].v {
				ps.add(dates[i].field, dates[i].label, dayName(dates[i].v)+"早于"+dates[j].label+dayName(dates[j].v))
				break
			}
		}
	}
}

// detailsOf returns the field problems an error carries.
func detailsOf(err error) []FieldProblem {
	if e, ok := apperr.As(err); ok {
		if d, ok := e.Details.([]FieldProblem); ok {
			return d
		}
	}
	return []FieldProblem{{Message: err.Error()}}
}

// owner settles the owner fields from the registry when an enterprise is
// named: its name and USCC, as the caller may see them.
func (s *Service) owner(ctx context.Context, p *Project) error {
	if p.EnterpriseID == nil {
		return nil
	}
	e, err := s.ents.Get(ctx, *p.EnterpriseID)
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			return fieldError("enterprise_id", "业主企业", "企业名录中没有编号为 "+itoa(*p.EnterpriseID)+" 的企业，或无权查看")
		}
		return err
	}
	p.OwnerName, p.OwnerUSCC = e.Name, e.USCC
	return nil
}
