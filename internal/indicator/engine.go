package indicator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
)

// Deps are what the engine reads from the rest of the system: the data
// catalog, the registry's high-tech list and its designation vocabulary.
type Deps struct {
	// Element reports whether a data element (enterprise or region level) exists.
	Element func(code string) bool
	// HighTech may be nil; formulas using high_tech then report no value.
	HighTech HighTech
	// TagLevels are the designation levels, lowest first; Tag reports
	// whether a designation code exists.
	TagLevels []string
	Tag       func(code string) bool
	// places are the plan's places in_region may name; validate fills it.
	places map[string]map[string]bool
}

// Engine holds a plan with its compiled indicator definitions.
type Engine struct {
	Plan *plan.Plan
	Defs *Definitions
	// DefsSHA fingerprints the definitions and plan the analytics are
	// computed from; stored analytics of another fingerprint are rebuilt.
	DefsSHA  string
	HighTech HighTech
	progs    map[string]*compiled
	groups   map[string]string
	places   map[string]map[string]bool
	levels   []string
	// Chains indexes the plan's chains and nodes for the chain units.
	Chains ChainIndex
}

// NewEngine validates defs against the plan, the catalog and the tag
// vocabulary and compiles every formula. raw and name locate problems as
// file:line.
func NewEngine(p *plan.Plan, defs *Definitions, name string, raw []byte, deps Deps) (*Engine, error) {
	progs, c := validate(defs, p, deps)
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
	sum, err := definitionsSHA(p, raw)
	if err != nil {
		return nil, err
	}
	return &Engine{Plan: p, Defs: defs, DefsSHA: sum, HighTech: deps.HighTech, progs: progs, groups: groups, places: planPlaces(p), levels: deps.TagLevels,
		Chains: NewChainIndex(p)}, nil
}

// definitionsSHA fingerprints what analytics rows are computed from: the
// indicators file as written and the plan as loaded (its clusters, groups
// and places enter the formulas).
func definitionsSHA(p *plan.Plan, raw []byte) (string, error) {
	pj, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("fingerprinting plan %s: %w", p.ID, err)
	}
	h := sha256.New()
	h.Write(raw)
	h.Write([]byte{0})
	h.Write(pj)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// planPlaces maps every place a formula may name to the divisions it
// covers: the region (nil, all of them), each division, each named region.
func planPlaces(p *plan.Plan) map[string]map[string]bool {
	out := map[string]map[string]bool{p.Region.Code: nil}
	for _, c := range p.Counties {
		out[c.Code] = map[string]bool{c.Code: true}
	}
	for _, r := range p.Regions {
		set := map[string]bool{}
		for _, m := range r.Members {
			set[m] = true
		}
		out[r.Code] = set
	}
	return out
}

// Load parses and validates an indicators file for a plan.
func Load(p *plan.Plan, name string, raw []byte, deps Deps) (*Engine, error) {
	defs, err := Parse(name, raw)
	if err != nil {
		return nil, err
	}
	return NewEngine(p, defs, name, raw, deps)
}

// LevelResult is a formula's value for one unit in one period.
type LevelResult struct {
	Value    *float64
	Num, Den *float64
	Firms    int
	Missing  string // why there is no value
	Trace    []Input
}

// evaluator prepares formulas over the firms of one unit in a frame; one
// evaluator serves every definition of the unit.
func (e *Engine) evaluator(fr *Frame, firms []*Firm) *evaluator {
	return &evaluator{frame: fr, firms: firms, defs: e.Defs, highTech: e.HighTech, groups: e.groups, places: e.places, levels: e.levels}
}

// evaluate runs a computed definition with ev. With explain set, every
// function call is traced.
func (e *Engine) evaluate(ev *evaluator, def *Definition, explain bool) LevelResult {
	var res LevelResult
	ev.err, ev.trace = nil, nil
	if explain {
		ev.trace = &res.Trace
	}
	v, num, den, err := ev.level(e.progs[def.Code], def.Factor)
	res.Num, res.Den, res.Firms = finite(num), finite(den), len(ev.firms)
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

// ApplyCompare turns this period's and last year's levels into the reported
// value for growth and decline indicators.
func ApplyCompare(c Compare, cur, prev *float64) (*float64, error) {
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

// UnitLevels are one unit's formula results, in the order of the definitions.
type UnitLevels struct {
	Firms int
	Res   []LevelResult
}

// EvaluateUnit evaluates the definitions over one unit's enterprises.
func (e *Engine) EvaluateUnit(fr *Frame, firms []*Firm, defs []*Definition) UnitLevels {
	ev := e.evaluator(fr, firms)
	lv := UnitLevels{Firms: len(firms), Res: make([]LevelResult, len(defs))}
	for i, d := range defs {
		lv.Res[i] = e.evaluate(ev, d, false)
	}
	return lv
}

// Explain evaluates one definition over the frame's enterprises with every
// function call traced.
func (e *Engine) Explain(fr *Frame, d *Definition) LevelResult {
	return e.evaluate(e.evaluator(fr, fr.Firms), d, true)
}

// DefsFor lists the computed definitions evaluated in a period: monthly
// ones every month, all of them for a year.
func (e *Engine) DefsFor(p stats.Period) []*Definition {
	var out []*Definition
	for i := range e.Defs.Indicators {
		d := &e.Defs.Indicators[i]
		if d.Kind == Computed && (p.Type == stats.Yearly || d.Frequency == "monthly") {
			out = append(out, d)
		}
	}
	return out
}

// ElementsOf lists the data elements the definitions read, once each.
func (e *Engine) ElementsOf(defs ...*Definition) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range defs {
		if c := e.progs[d.Code]; c != nil {
			for _, el := range c.elements {
				if !seen[el] {
					seen[el] = true
					out = append(out, el)
				}
			}
		}
	}
	return out
}
