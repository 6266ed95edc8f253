package indicator

import (
	"errors"
	"math"

	"mfgplan/internal/plan"
)

// Engine holds a plan with its compiled indicator definitions.
type Engine struct {
	Plan     *plan.Plan
	Defs     *Definitions
	HighTech HighTech
	progs    map[string]*compiled
	groups   map[string]string
}

// NewEngine validates defs against the plan and the catalog (known reports
// whether a data element exists) and compiles every formula. raw and name
// locate problems as file:line. highTech may be nil until the registry's
// list is wired; formulas using high_tech then report no value.
func NewEngine(p *plan.Plan, defs *Definitions, name string, raw []byte, known func(string) bool, highTech HighTech) (*Engine, error) {
	progs, c := validate(defs, p, known)
	if len(c.problems) > 0 {
		probs := make([]plan.Problem, len(c.problems))
		for i, pr := range c.problems {
			probs[i] = plan.Problem{File: name, Line: plan.LineOf(raw, pr.path), Path: pr.path, Message: pr.msg}
		}
		return nil, &plan.ProblemsError{Problems: probs}
	}
	groups := map[string]string{}
	for _, cl := range p.Clusters {
		groups[cl.Code] = cl.Group
	}
	return &Engine{Plan: p, Defs: defs, HighTech: highTech, progs: progs, groups: groups}, nil
}

// Load parses and validates an indicators file for a plan.
func Load(p *plan.Plan, name string, raw []byte, known func(string) bool, highTech HighTech) (*Engine, error) {
	defs, err := Parse(name, raw)
	if err != nil {
		return nil, err
	}
	return NewEngine(p, defs, name, raw, known, highTech)
}

// levelResult is a formula's value for one unit in one period.
type levelResult struct {
	Value    *float64
	Num, Den *float64
	Firms    int
	Missing  string // why there is no value
	Trace    []Input
}

// evaluate runs a computed definition over firms of a frame. With explain
// set, every function call is traced.
func (e *Engine) evaluate(def *Definition, fr *frame, firms []*firm, explain bool) levelResult {
	ev := &evaluator{frame: fr, firms: firms, defs: e.Defs, highTech: e.HighTech, groups: e.groups}
	var res levelResult
	if explain {
		ev.trace = &res.Trace
	}
	v, num, den, err := ev.level(e.progs[def.Code], def.Factor)
	res.Num, res.Den, res.Firms = finite(num), finite(den), len(firms)
	switch {
	case err != nil:
		res.Missing = "公式计算出错：" + err.Error()
	case ev.err != nil:
		res.Missing = ev.err.Error()
	case math.IsNaN(v) || math.IsInf(v, 0):
		res.Missing = "无可用数据"
	default:
		res.Value = &v
	}
	return res
}

func finite(p *float64) *float64 {
	if p == nil || math.IsNaN(*p) || math.IsInf(*p, 0) {
		return nil
	}
	return p
}

// applyCompare turns this period's and last year's levels into the reported
// value for growth and decline indicators.
func applyCompare(c Compare, cur, prev *float64) (*float64, error) {
	if c == CompareLevel {
		return cur, nil
	}
	if cur == nil || prev == nil || *prev == 0 {
		return nil, errNoPrev
	}
	var v float64
	if c == CompareGrowth {
		v = 100 * (*cur / *prev - 1)
	} else {
		v = 100 * (1 - *cur / *prev)
	}
	return &v, nil
}

var errNoPrev = errors.New("缺少上年同期数据，无法计算同比")
