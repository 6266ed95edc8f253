package indicator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync"

	"mfgplan/internal/plan"
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
	chains   chainIndex
	// refreshing lets one refresh run at a time: concurrent reads after a
	// change would otherwise each start a write transaction, and SQLite
	// refuses a second writer that began as a reader (SQLITE_BUSY) instead
	// of waiting for it.
	refreshing sync.Mutex
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
		chains: newChainIndex(p)}, nil
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

// levelResult is a formula's value for one unit in one period.
type levelResult struct {
	Value    *float64
	Num, Den *float64
	Firms    int
	Missing  string // why there is no value
	Trace    []Input
}

// evaluator prepares formulas over the firms of one unit in a frame; one
// evaluator serves every definition of the unit.
func (e *Engine) evaluator(fr *frame, firms []*firm) *evaluator {
	return &evaluator{frame: fr, firms: firms, defs: e.Defs, highTech: e.HighTech, groups: e.groups, places: e.places, levels: e.levels}
}

// evaluate runs a computed definition with ev. With explain set, every
// function call is traced.
func (e *Engine) evaluate(ev *evaluator, def *Definition, explain bool) levelResult {
	var res levelResult
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
