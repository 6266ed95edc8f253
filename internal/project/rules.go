package project

import (
	"embed"
	"fmt"
	"slices"

	"mfgplan/internal/datafile"
)

// ruleFiles are the data the package works from: its vocabulary, the
// 红黄绿灯 rule sets and the 前期手续 checklist, each value with its source.
//
//go:embed rules/*.yaml
var ruleFiles embed.FS

// Term is one word of a vocabulary: the code stored, the name shown.
type Term struct {
	Code string `yaml:"code" json:"code"`
	Name string `yaml:"name" json:"name"`
}

// StageInfo names a stage and the 三办一访 duty that serves it.
type StageInfo struct {
	Code   Stage  `yaml:"code" json:"code"`
	Name   string `yaml:"name" json:"name"`
	NameEn string `yaml:"name_en" json:"name_en"`
	// Duty and DutyNote are the plan's service duty for the stage (from its
	// projects file), empty for a plan without one.
	Duty     string `yaml:"-" json:"duty"`
	DutyNote string `yaml:"-" json:"duty_note"`
}

// Vocabulary is rules/vocabulary.yaml.
type Vocabulary struct {
	Stages              []StageInfo `yaml:"stages" json:"stages"`
	StagesSource        string      `yaml:"stages_source" json:"stages_source"`
	Kinds               []Term      `yaml:"kinds" json:"kinds"`
	KindsSource         string      `yaml:"kinds_source" json:"kinds_source"`
	Tiers               []Term      `yaml:"tiers" json:"tiers"`
	TiersSource         string      `yaml:"tiers_source" json:"tiers_source"`
	ApprovalModes       []Term      `yaml:"approval_modes" json:"approval_modes"`
	ApprovalModesSource string      `yaml:"approval_modes_source" json:"approval_modes_source"`
	ProblemKinds        []Term      `yaml:"problem_kinds" json:"problem_kinds"`
	ProblemKindsSource  string      `yaml:"problem_kinds_source" json:"problem_kinds_source"`
	Manufacturing       struct {
		From   int    `yaml:"from" json:"from"`
		To     int    `yaml:"to" json:"to"`
		Source string `yaml:"source" json:"source"`
	} `yaml:"manufacturing" json:"manufacturing"`
}

// name returns the name of code in terms, or "" when it is not one of them.
func name(terms []Term, code string) string {
	for _, t := range terms {
		if t.Code == code {
			return t.Name
		}
	}
	return ""
}

// stage returns a stage's description; every Stage constant has one (checked at load).
func (v *Vocabulary) stage(s Stage) StageInfo {
	for _, st := range v.Stages {
		if st.Code == s {
			return st
		}
	}
	return StageInfo{Code: s, Name: string(s)}
}

// Rules are the package's data files, loaded and checked.
type Rules struct {
	Vocabulary *Vocabulary
	Lights     *LightRules
	Checklist  *Checklist
}

// LoadRules reads the embedded data files and checks them.
func LoadRules() (*Rules, error) {
	var r Rules
	r.Vocabulary, r.Lights, r.Checklist = &Vocabulary{}, &LightRules{}, &Checklist{}
	for name, into := range map[string]any{"vocabulary.yaml": r.Vocabulary, "lights.yaml": r.Lights, "approvals.yaml": r.Checklist} {
		if err := decodeStrict("rules/"+name, into); err != nil {
			return nil, err
		}
	}
	if err := r.Vocabulary.check(); err != nil {
		return nil, fmt.Errorf("rules/vocabulary.yaml: %w", err)
	}
	if err := r.Lights.check(); err != nil {
		return nil, fmt.Errorf("rules/lights.yaml: %w", err)
	}
	if err := r.Checklist.check(); err != nil {
		return nil, fmt.Errorf("rules/approvals.yaml: %w", err)
	}
	return &r, nil
}

// ParseLightRules reads a city's own rule-set file (same format as the
// embedded rules/lights.yaml).
func ParseLightRules(name string, raw []byte) (*LightRules, error) {
	var l LightRules
	if err := decode(name, raw, &l); err != nil {
		return nil, err
	}
	if err := l.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &l, nil
}

func decodeStrict(name string, into any) error {
	raw, err := ruleFiles.ReadFile(name)
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	return decode(name, raw, into)
}

// decode rejects unknown keys, so a misspelt threshold is an error, not a default.
func decode(name string, raw []byte, into any) error {
	if err := datafile.Strict(raw, into); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func (v *Vocabulary) check() error {
	for _, s := range append(slices.Clone(forward), Paused, Terminated) {
		if v.stage(s).Name == string(s) {
			return fmt.Errorf("stage %s has no entry", s)
		}
	}
	for what, terms := range map[string][]Term{"kinds": v.Kinds, "tiers": v.Tiers, "approval_modes": v.ApprovalModes, "problem_kinds": v.ProblemKinds} {
		if len(terms) == 0 {
			return fmt.Errorf("%s is empty", what)
		}
	}
	if v.Manufacturing.From <= 0 || v.Manufacturing.To < v.Manufacturing.From || v.Manufacturing.Source == "" {
		return fmt.Errorf("manufacturing needs from ≤ to and a source")
	}
	return nil
}
