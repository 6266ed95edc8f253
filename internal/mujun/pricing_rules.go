package mujun

import (
	_ "embed"
	"fmt"
	"sort"
	"time"

	"mfgplan/internal/apperr"
	"mfgplan/internal/datafile"
)

//go:embed pricing.yaml
var defaultPricing []byte

// Resource is a priced factor (电, 水, 气, 排污) and the unit of its surcharge.
type Resource struct {
	Name string `yaml:"name" json:"name"`
	Unit string `yaml:"unit" json:"unit"`
}

// SurchargeRule is one tier of a differentiated price: firms of Class for at
// least ConsecutiveYearsMin years running pay Amount (nil: not set yet).
type SurchargeRule struct {
	Jurisdiction        string   `yaml:"jurisdiction" json:"jurisdiction"`
	Resource            string   `yaml:"resource" json:"resource"`
	Class               string   `yaml:"class" json:"class"`
	ConsecutiveYearsMin int      `yaml:"consecutive_years_min" json:"consecutive_years_min"`
	Amount              *float64 `yaml:"amount" json:"amount"`
	EffectiveFrom       string   `yaml:"effective_from" json:"effective_from"`
	Source              string   `yaml:"source" json:"source"`
}

// PricingRules are the surcharge rules in force, with their resources and
// jurisdictions.
type PricingRules struct {
	Resources     map[string]Resource `yaml:"resources" json:"resources"`
	Jurisdictions map[string]string   `yaml:"jurisdictions" json:"jurisdictions"`
	Rules         []SurchargeRule     `yaml:"rules" json:"rules"`
}

// DefaultPricing returns the built-in surcharge rules.
func DefaultPricing() (*PricingRules, error) {
	return ParsePricing("internal/mujun/pricing.yaml", defaultPricing)
}

// ParsePricing decodes and checks surcharge rules; every problem names the
// file and the rule.
func ParsePricing(file string, raw []byte) (*PricingRules, error) {
	var p PricingRules
	if err := datafile.Strict(raw, &p); err != nil {
		return nil, &ProblemsError{Problems: []Problem{{File: file, Path: "(yaml)", Message: err.Error()}}}
	}
	c := &checker{file: file}
	for i, r := range p.Rules {
		path := fmt.Sprintf("rules[%d]", i)
		if _, ok := p.Resources[r.Resource]; !ok {
			c.add(path+".resource", "未知资源 %q", r.Resource)
		}
		if _, ok := p.Jurisdictions[r.Jurisdiction]; !ok {
			c.add(path+".jurisdiction", "未知地区 %q", r.Jurisdiction)
		}
		if _, err := time.Parse("2006-01-02", r.EffectiveFrom); err != nil {
			c.add(path+".effective_from", "须为 YYYY-MM-DD，实为 %q", r.EffectiveFrom)
		}
		if r.Class == "" || r.Source == "" || r.ConsecutiveYearsMin < 1 || (r.Amount != nil && *r.Amount < 0) {
			c.add(path, "须有 class、source、consecutive_years_min ≥ 1，金额不得为负")
		}
	}
	if len(c.probs) > 0 {
		return nil, &ProblemsError{Problems: c.probs}
	}
	return &p, nil
}

// tier picks the rule for a firm: the jurisdiction's rule for the resource
// and class, in force by asOf, with the highest consecutive-years minimum
// the firm reaches (the latest effective date among equals).
func (p *PricingRules) tier(jurisdiction, resource, class string, years int, asOf string) (*SurchargeRule, bool) {
	var best *SurchargeRule
	for i := range p.Rules {
		r := &p.Rules[i]
		if r.Jurisdiction != jurisdiction || r.Resource != resource || r.Class != class || r.EffectiveFrom > asOf || r.ConsecutiveYearsMin > years {
			continue
		}
		if best == nil || r.ConsecutiveYearsMin > best.ConsecutiveYearsMin ||
			(r.ConsecutiveYearsMin == best.ConsecutiveYearsMin && r.EffectiveFrom > best.EffectiveFrom) {
			best = r
		}
	}
	return best, best != nil
}

// resourcesOf lists the resources a jurisdiction has rules for, sorted.
func (p *PricingRules) resourcesOf(jurisdiction string) ([]string, error) {
	if _, ok := p.Jurisdictions[jurisdiction]; !ok {
		var known []string
		for j := range p.Jurisdictions {
			known = append(known, j)
		}
		sort.Strings(known)
		return nil, apperr.New(apperr.Invalid, "未知地区 %q（可用：%v）", jurisdiction, known)
	}
	seen := map[string]bool{}
	var out []string
	for _, r := range p.Rules {
		if r.Jurisdiction == jurisdiction && !seen[r.Resource] {
			seen[r.Resource] = true
			out = append(out, r.Resource)
		}
	}
	sort.Strings(out)
	return out, nil
}
