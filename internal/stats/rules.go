package stats

import (
	_ "embed"
	"fmt"
	"math"

	"mfgplan/internal/datafile"
)

//go:embed rules.yaml
var defaultRules []byte

// Severity says whether a finding blocks an import.
type Severity string

const (
	SeverityError   Severity = "error"   // 错误: nothing is written
	SeverityWarning Severity = "warning" // 警告: reported, data lands
)

// Label is the Chinese name of the severity.
func (s Severity) Label() string {
	if s == SeverityError {
		return "错误"
	}
	return "警告"
}

// RuleKind names how a rule is evaluated (see rules.yaml).
type RuleKind string

const (
	RuleCompare           RuleKind = "compare"
	RuleNonNegative       RuleKind = "non_negative"
	RuleMax               RuleKind = "max"
	RuleCumulative        RuleKind = "cumulative"
	RuleJump              RuleKind = "jump"
	RuleAboveScaleMissing RuleKind = "above_scale_missing"
)

// Rule is one validation rule, declared in rules.yaml.
type Rule struct {
	Code      string   `yaml:"code" json:"code"`
	Kind      RuleKind `yaml:"kind" json:"kind"`
	Left      string   `yaml:"left" json:"left,omitempty"`
	Op        string   `yaml:"op" json:"op,omitempty"`
	Right     string   `yaml:"right" json:"right,omitempty"`
	Threshold float64  `yaml:"threshold" json:"threshold,omitempty"`
	Severity  Severity `yaml:"severity" json:"severity"`
	Message   string   `yaml:"message" json:"message"`
	Source    string   `yaml:"source" json:"source"`
}

// Rules is the rule set in force.
type Rules struct {
	Rules []Rule `yaml:"rules" json:"rules"`
}

// DefaultRules returns the built-in rules checked against cat.
func DefaultRules(cat *Catalog) (*Rules, error) { return ParseRules(defaultRules, cat) }

// ParseRules decodes rules and checks that they name known elements.
func ParseRules(raw []byte, cat *Catalog) (*Rules, error) {
	var rs Rules
	if err := datafile.Decode("rules.yaml", raw, &rs); err != nil {
		return nil, fmt.Errorf("decoding validation rules: %w", err)
	}
	for _, r := range rs.Rules {
		if err := r.check(cat); err != nil {
			return nil, fmt.Errorf("validation rule %s: %w", r.Code, err)
		}
	}
	return &rs, nil
}

func (r Rule) check(cat *Catalog) error {
	if r.Severity != SeverityError && r.Severity != SeverityWarning {
		return fmt.Errorf("severity must be error or warning, not %q", r.Severity)
	}
	switch r.Kind {
	case RuleCompare:
		if cat.Element(r.Left) == nil || cat.Element(r.Right) == nil {
			return fmt.Errorf("compares unknown elements %q and %q", r.Left, r.Right)
		}
		if _, ok := compareOps[r.Op]; !ok {
			return fmt.Errorf("unknown operator %q", r.Op)
		}
	case RuleJump:
		if r.Threshold <= 1 {
			return fmt.Errorf("threshold must be above 1, not %g", r.Threshold)
		}
	case RuleNonNegative, RuleMax, RuleCumulative, RuleAboveScaleMissing:
	default:
		return fmt.Errorf("unknown kind %q", r.Kind)
	}
	return nil
}

var compareOps = map[string]func(a, b float64) bool{
	"<=": func(a, b float64) bool { return a <= b+1e-9 },
	">=": func(a, b float64) bool { return a+1e-9 >= b },
	"<":  func(a, b float64) bool { return a < b },
	">":  func(a, b float64) bool { return a > b },
}

// Of returns the rules of one kind.
func (rs *Rules) Of(kind RuleKind) []Rule {
	var out []Rule
	for _, r := range rs.Rules {
		if r.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

// jumpRatio is how many times larger the bigger of two positive values is.
func jumpRatio(a, b float64) float64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	return math.Max(a, b) / math.Min(a, b)
}
