package project

import (
	"fmt"
	"slices"
)

// Checklist is rules/approvals.yaml: the 前期手续 a project may need.
type Checklist struct {
	DeadlineRule   string                `yaml:"deadline_rule" json:"deadline_rule"`
	DeadlineSource string                `yaml:"deadline_source" json:"deadline_source"`
	Items          []ChecklistItem       `yaml:"items" json:"items"`
	Counties       map[string]CountyList `yaml:"counties" json:"counties"`
}

// ChecklistItem is one approval with the rule deciding whether a project
// needs it.
type ChecklistItem struct {
	Code          string      `yaml:"code" json:"code"`
	Name          string      `yaml:"name" json:"name"`
	Department    string      `yaml:"department" json:"department"`
	Required      Requirement `yaml:"required" json:"required"`
	ValidityYears int         `yaml:"validity_years" json:"validity_years,omitempty"`
	Source        string      `yaml:"source" json:"source"`
}

// Requirement is the rule of an item (see the file's header).
type Requirement struct {
	Rule           string  `yaml:"rule" json:"rule"`
	MinTCE         float64 `yaml:"min_tce" json:"min_tce,omitempty"`
	MinElectricity float64 `yaml:"min_electricity_mkwh" json:"min_electricity_mkwh,omitempty"`
	Mode           string  `yaml:"mode" json:"mode,omitempty"`
}

// CountyList is a county's own changes to the list.
type CountyList struct {
	Drop []string        `yaml:"drop" json:"drop"`
	Add  []ChecklistItem `yaml:"add" json:"add"`
}

var requirementRules = []string{"always", "new_land", "construction", "energy", "hazardous", "approval_mode", "eia"}

func (c *Checklist) check() error {
	if c.DeadlineRule != "planned_start" || c.DeadlineSource == "" {
		return fmt.Errorf("deadline_rule must be planned_start, with a source")
	}
	all := slices.Clone(c.Items)
	for county, l := range c.Counties {
		for _, d := range l.Drop {
			if !slices.ContainsFunc(c.Items, func(it ChecklistItem) bool { return it.Code == d }) {
				return fmt.Errorf("counties.%s drops unknown item %q", county, d)
			}
		}
		all = append(all, l.Add...)
	}
	seen := map[string]bool{}
	for _, it := range c.Items {
		if seen[it.Code] {
			return fmt.Errorf("item %q appears twice", it.Code)
		}
		seen[it.Code] = true
	}
	for _, it := range all {
		if it.Code == "" || it.Name == "" || it.Department == "" || it.Source == "" {
			return fmt.Errorf("item %q needs a code, name, department and source", it.Code)
		}
		if !slices.Contains(requirementRules, it.Required.Rule) {
			return fmt.Errorf("item %s: rule %q is not one of %v", it.Code, it.Required.Rule, requirementRules)
		}
		if it.Required.Rule == "energy" && (it.Required.MinTCE <= 0 || it.Required.MinElectricity <= 0) {
			return fmt.Errorf("item %s: the energy rule needs min_tce and min_electricity_mkwh", it.Code)
		}
	}
	return nil
}

// For returns the items that apply in a county, in order.
func (c *Checklist) For(county string) []ChecklistItem {
	l := c.Counties[county]
	var out []ChecklistItem
	for _, it := range c.Items {
		if !slices.Contains(l.Drop, it.Code) {
			out = append(out, it)
		}
	}
	return append(out, l.Add...)
}

// decide says whether the project needs the item and, in one sentence, why.
func (it ChecklistItem) decide(p *Project, v *Vocabulary) (bool, string) {
	r := it.Required
	switch r.Rule {
	case "always":
		return true, "所有项目均须办理"
	case "new_land":
		if p.NewLand {
			return true, "项目需新增用地"
		}
		return false, "项目不新增用地（使用现有土地或厂房）"
	case "construction":
		if p.Kind == "purchase" {
			return false, "单纯购置项目没有土建工程"
		}
		return true, "项目有土建工程"
	case "energy":
		return decideEnergy(r, p)
	case "hazardous":
		if p.Hazardous {
			return true, "项目涉及危险化学品"
		}
		return false, "项目不涉及危险化学品"
	case "approval_mode":
		mode := name(v.ApprovalModes, r.Mode)
		if p.ApprovalMode == r.Mode {
			return true, "项目实行" + mode + "管理"
		}
		if p.ApprovalMode == "" {
			return true, "尚未确定核准或备案，暂按" + mode + "项目要求"
		}
		return false, "项目实行" + name(v.ApprovalModes, p.ApprovalMode) + "管理，非" + mode + "项目"
	}
	if p.EIAExempt {
		return false, "项目属于环评分类管理名录未作规定的类别"
	}
	return true, "项目属于环评分类管理名录所列类别"
}

// decideEnergy applies the 节能审查 threshold: needed from min_tce or
// min_electricity a year; unknown consumption counts as needed.
func decideEnergy(r Requirement, p *Project) (bool, string) {
	if p.EnergyTCE == nil || p.ElectricityMkWh == nil {
		return true, "未填报年综合能源消费量或年电力消费量，暂按需要节能审查"
	}
	tce, kwh := *p.EnergyTCE, *p.ElectricityMkWh
	facts := fmt.Sprintf("年综合能源消费量%s吨标准煤、年电力消费量%s万千瓦时", money(tce), money(kwh))
	if tce < r.MinTCE && kwh < r.MinElectricity {
		return false, facts + fmt.Sprintf("，均不满%s吨标准煤和%s万千瓦时，不单独进行节能审查", money(r.MinTCE), money(r.MinElectricity))
	}
	return true, facts + fmt.Sprintf("，达到%s吨标准煤或%s万千瓦时", money(r.MinTCE), money(r.MinElectricity))
}
