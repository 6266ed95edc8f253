// Package indicator holds what the plan's headline indicators (专栏1) are:
// definitions read from a YAML file beside the plan, formulas over
// enterprise data compiled and evaluated by expr over a Frame of firms,
// target paths (序时进度), status rules and the row that judges a figure
// against its target, with its reason. It is pure: it reads and writes no
// store. Package analytics evaluates it over the stored data and keeps the
// results; package indicator/query answers a caller's questions from them.
package indicator

import (
	"mfgplan/internal/datafile"
	"mfgplan/internal/plan"
)

// Kind says where an indicator's actual value comes from.
type Kind string

const (
	// Computed indicators are evaluated from enterprise data by a formula.
	Computed Kind = "computed"
	// Direct indicators are entered for a city or county (region_values) with a source.
	Direct Kind = "direct"
)

// Compare turns a formula's level into what the indicator reports.
type Compare string

const (
	// CompareLevel reports the formula's value itself.
	CompareLevel Compare = ""
	// CompareGrowth reports the growth on the same period last year (同比), in %.
	CompareGrowth Compare = "yoy_growth"
	// CompareDecline reports the decline on the same period last year, in %
	// (for intensities, where a fall is the goal).
	CompareDecline Compare = "yoy_decline"
)

// Definition says how one plan indicator is computed or entered.
type Definition struct {
	Code        string  `yaml:"code" json:"code"`
	Kind        Kind    `yaml:"kind" json:"kind"`
	Frequency   string  `yaml:"frequency" json:"frequency"` // monthly or yearly: the data it is computed from
	Formula     string  `yaml:"formula,omitempty" json:"formula,omitempty"`
	Numerator   string  `yaml:"numerator,omitempty" json:"numerator,omitempty"`
	Denominator string  `yaml:"denominator,omitempty" json:"denominator,omitempty"`
	Factor      float64 `yaml:"factor,omitempty" json:"factor,omitempty"`
	Compare     Compare `yaml:"compare,omitempty" json:"compare,omitempty"`
	// Accumulates marks flows reported 1–N月累计: within a year their target
	// is pro-rated by the elapsed share (序时进度).
	Accumulates bool `yaml:"accumulates,omitempty" json:"accumulates,omitempty"`
	// Element and Source name the region element of a direct indicator.
	Element string `yaml:"element,omitempty" json:"element,omitempty"`
	Source  string `yaml:"source,omitempty" json:"source,omitempty"`
	// Reference is the region element holding an external target (全省平均 …).
	Reference string `yaml:"reference,omitempty" json:"reference,omitempty"`
	// Note says how the definition reads the plan where the plan is not explicit.
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// Constant is a coefficient from a standard or policy, with its source.
type Constant struct {
	Code      string  `yaml:"code" json:"code"`
	Value     float64 `yaml:"value" json:"value"`
	Unit      string  `yaml:"unit" json:"unit"`
	Source    string  `yaml:"source" json:"source"`
	Effective string  `yaml:"effective,omitempty" json:"effective,omitempty"`
}

// StatusRules are the thresholds that grade progress against 序时进度.
type StatusRules struct {
	// Method is "points" (银川: points behind 序时进度) or "ratio" (武汉: share of it).
	Method        string  `yaml:"method" json:"method"`
	LaggingPoints float64 `yaml:"lagging_points" json:"lagging_points"`
	SeverePoints  float64 `yaml:"severe_points" json:"severe_points"`
	LaggingRatio  float64 `yaml:"lagging_ratio" json:"lagging_ratio"`
	SevereRatio   float64 `yaml:"severe_ratio" json:"severe_ratio"`
	Source        string  `yaml:"source" json:"source"`
}

// AnnualTarget is an explicit yearly target (分解年度目标) for an org unit,
// which overrides the path from baseline to target.
type AnnualTarget struct {
	Indicator string  `yaml:"indicator" json:"indicator"`
	Org       string  `yaml:"org" json:"org"`
	Year      int     `yaml:"year" json:"year"`
	Value     float64 `yaml:"value" json:"value"`
	Source    string  `yaml:"source" json:"source"`
}

// Definitions is the whole indicators file.
type Definitions struct {
	Plan          string         `yaml:"plan" json:"plan"`
	Manufacturing DivisionRange  `yaml:"manufacturing" json:"manufacturing"`
	Constants     []Constant     `yaml:"constants" json:"constants"`
	Status        StatusRules    `yaml:"status" json:"status"`
	Indicators    []Definition   `yaml:"indicators" json:"indicators"`
	AnnualTargets []AnnualTarget `yaml:"annual_targets" json:"annual_targets"`
}

// DivisionRange is the span of GB/T 4754 大类 codes that make up 制造业.
type DivisionRange struct {
	From   int    `yaml:"from" json:"from"`
	To     int    `yaml:"to" json:"to"`
	Source string `yaml:"source" json:"source"`
}

// Def returns the definition of an indicator code, or nil.
func (d *Definitions) Def(code string) *Definition {
	for i := range d.Indicators {
		if d.Indicators[i].Code == code {
			return &d.Indicators[i]
		}
	}
	return nil
}

// Parse decodes an indicators file; unknown fields are errors, reported
// with their line like the plan loader's.
func Parse(name string, raw []byte) (*Definitions, error) {
	var d Definitions
	if err := datafile.Strict(raw, &d); err != nil {
		return nil, &plan.ProblemsError{Problems: plan.YAMLProblems(name, err)}
	}
	return &d, nil
}

// Problem is one thing wrong with the definitions, located by indicator.
type Problem = plan.Problem
