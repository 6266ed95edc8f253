package project

import (
	"fmt"
	"math"
	"slices"
)

// LightRules is rules/lights.yaml: the rule sets a city may choose from.
type LightRules struct {
	Default  string    `yaml:"default" json:"default"`
	Schedule Schedule  `yaml:"schedule" json:"schedule"`
	RuleSets []RuleSet `yaml:"rule_sets" json:"rule_sets"`
}

// Schedule says how 序时进度 is computed.
type Schedule struct {
	Source            string `yaml:"source" json:"source"`
	SkipJanuary       bool   `yaml:"skip_january" json:"skip_january"`
	SkipJanuarySource string `yaml:"skip_january_source" json:"skip_january_source"`
}

// RuleSet is one city's 红黄绿灯 rules; a project's light is the worst of them.
type RuleSet struct {
	ID     string      `yaml:"id" json:"id"`
	Name   string      `yaml:"name" json:"name"`
	Source string      `yaml:"source" json:"source"`
	Rules  []LightRule `yaml:"rules" json:"rules"`
}

// LightRule grades one measure: red when Red holds, else yellow when Yellow
// holds, else green.
type LightRule struct {
	Measure string    `yaml:"measure" json:"measure"`
	Name    string    `yaml:"name" json:"name"`
	Yellow  Threshold `yaml:"yellow" json:"yellow"`
	Red     Threshold `yaml:"red" json:"red"`
	Source  string    `yaml:"source" json:"source"`
}

// Threshold is a comparison of the measure with a value.
type Threshold struct {
	Op    string  `yaml:"op" json:"op"`
	Value float64 `yaml:"value" json:"value"`
}

// The measures a rule can grade.
const (
	MeasureStartDelay      = "start_delay_months"
	MeasurePointsBehind    = "points_behind"
	MeasureRatioOfSchedule = "ratio_of_schedule"
	MeasureApprovalOverdue = "approval_overdue_days"
)

var measures = []string{MeasureStartDelay, MeasurePointsBehind, MeasureRatioOfSchedule, MeasureApprovalOverdue}

// holds compares x with the threshold. Both sides are rounded to 6
// decimals first, so 40 % of 1,200 computed in floating point is exactly
// 10 points behind 50 %, as a person computing by hand finds.
func (t Threshold) holds(x float64) bool {
	x, v := round6(x), round6(t.Value)
	switch t.Op {
	case ">=":
		return x >= v
	case ">":
		return x > v
	case "<=":
		return x <= v
	case "<":
		return x < v
	}
	return false
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// words says a threshold in Chinese: 10个百分点及以上, 低于80%.
func (t Threshold) words(unit string) string {
	v := trimFloat(t.Value) + unit
	switch t.Op {
	case ">=":
		return v + "及以上"
	case ">":
		return "超过" + v
	case "<=":
		return v + "及以下"
	}
	return "低于" + v
}

func trimFloat(v float64) string { return fmt.Sprintf("%g", v) }

func (l *LightRules) check() error {
	if l.Schedule.Source == "" || (l.Schedule.SkipJanuary && l.Schedule.SkipJanuarySource == "") {
		return fmt.Errorf("schedule needs a source (and skip_january_source when skip_january is set)")
	}
	ids := map[string]bool{}
	for i, rs := range l.RuleSets {
		if rs.ID == "" || rs.Name == "" || rs.Source == "" || len(rs.Rules) == 0 || ids[rs.ID] {
			return fmt.Errorf("rule_sets[%d]: needs a unique id, a name, a source and rules", i)
		}
		ids[rs.ID] = true
		for j, r := range rs.Rules {
			if err := r.check(); err != nil {
				return fmt.Errorf("rule_sets[%d] (%s) rules[%d]: %w", i, rs.ID, j, err)
			}
		}
	}
	if !ids[l.Default] {
		return fmt.Errorf("default %q is not one of the rule sets", l.Default)
	}
	return nil
}

func (r LightRule) check() error {
	if !slices.Contains(measures, r.Measure) {
		return fmt.Errorf("measure %q is not one of %v", r.Measure, measures)
	}
	for _, t := range []Threshold{r.Yellow, r.Red} {
		if !slices.Contains([]string{">=", ">", "<=", "<"}, t.Op) {
			return fmt.Errorf("op %q is not one of >=, >, <=, <", t.Op)
		}
	}
	if r.Name == "" || r.Source == "" {
		return fmt.Errorf("needs a name and a source")
	}
	return nil
}

// Set returns the rule set with id.
func (l *LightRules) Set(id string) (*RuleSet, bool) {
	for i := range l.RuleSets {
		if l.RuleSets[i].ID == id {
			return &l.RuleSets[i], true
		}
	}
	return nil, false
}
