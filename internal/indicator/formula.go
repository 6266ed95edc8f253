package indicator

import (
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
)

// Filter selects enterprises; formulas combine them (sum("revenue", above_scale, high_tech)).
type Filter struct {
	fn    string
	args  []any // nil for a plain filter (above_scale); described only when explaining
	match func(*firm) bool
}

func (f Filter) String() string {
	if f.args == nil {
		return f.fn
	}
	return describe(f.fn, f.args...)
}

// elementArgs lists, per function, which of its arguments name a data
// element, so that definitions can be checked against the catalog.
var elementArgs = map[string]int{"sum": 0, "avg": 0, "at_least": 0, "yes": 0, "reported": 0, "parks_at_least": 0, "clusters_at_least": 0}

// tagArgs lists the functions whose first argument names a tag and second a level.
var tagArgs = map[string]bool{"tagged": true, "new_tagged": true}

// prototypeEnv is the environment formulas are type-checked against: the
// same names and types as evaluator.env, with no data behind them.
func prototypeEnv(consts []Constant) map[string]any {
	var ev evaluator
	env := ev.env()
	for _, c := range consts {
		env[c.Code] = c.Value
	}
	return env
}

// compiled is a definition's formula (or numerator and denominator) ready to run.
type compiled struct {
	formula, num, den *vm.Program
	// elements are the data elements the formula reads; frames load only these.
	elements []string
}

// vmProgram is a compiled expression.
type vmProgram = vm.Program

// references are what a formula names: data elements, tags and tag levels,
// and names that are not in the environment at all.
type references struct {
	elements []string
	tags     []string
	levels   []string
	unknown  []string
	places   []string
	env      map[string]any
}

// compileExpr compiles one expression over the formula environment and
// collects the elements and tags it names. A name the environment lacks is
// an error wherever it stands: expr accepts an unknown identifier as an
// argument of a function taking any (count(above_scal)) and it would only
// fail when run.
func compileExpr(src string, env map[string]any, refs *references) (*vm.Program, error) {
	refs.env = env
	before := len(refs.unknown)
	prog, err := expr.Compile(src, expr.Env(env), expr.DisableAllBuiltins(), expr.AsFloat64(), expr.Patch(refs))
	if err == nil && len(refs.unknown) > before {
		return nil, fmt.Errorf("unknown name %s", strings.Join(refs.unknown[before:], ", "))
	}
	return prog, err
}

// Visit collects string-literal arguments of element and tag functions and
// the identifiers the environment does not define.
func (r *references) Visit(node *ast.Node) {
	if id, ok := (*node).(*ast.IdentifierNode); ok {
		if _, known := r.env[id.Value]; !known {
			r.unknown = append(r.unknown, id.Value)
		}
		return
	}
	call, ok := (*node).(*ast.CallNode)
	if !ok {
		return
	}
	id, ok := call.Callee.(*ast.IdentifierNode)
	if !ok {
		return
	}
	lit := func(i int) (string, bool) {
		if i >= len(call.Arguments) {
			return "", false
		}
		s, ok := call.Arguments[i].(*ast.StringNode)
		if !ok {
			return "", false
		}
		return s.Value, true
	}
	if i, ok := elementArgs[id.Value]; ok {
		if s, ok := lit(i); ok {
			r.elements = append(r.elements, s)
		}
	}
	if id.Value == "in_region" {
		for i := range call.Arguments {
			if s, ok := lit(i); ok {
				r.places = append(r.places, s)
			}
		}
	}
	if tagArgs[id.Value] {
		if s, ok := lit(0); ok {
			r.tags = append(r.tags, s)
		}
		if s, ok := lit(1); ok {
			r.levels = append(r.levels, s)
		}
	}
}

// run evaluates a program in the evaluator's environment.
func (ev *evaluator) run(p *vm.Program) (float64, error) {
	if ev.vars == nil {
		ev.vars = ev.env()
	}
	out, err := expr.Run(p, ev.vars)
	if err != nil {
		return math.NaN(), err
	}
	return out.(float64), nil
}

// level evaluates a definition's formula, or numerator × factor / denominator.
// It reports the numerator and denominator when the definition has them.
func (ev *evaluator) level(c *compiled, factor float64) (val float64, num, den *float64, err error) {
	if c.formula != nil {
		v, err := ev.run(c.formula)
		return v, nil, nil, err
	}
	n, err := ev.run(c.num)
	if err != nil {
		return math.NaN(), nil, nil, err
	}
	d, err := ev.run(c.den)
	if err != nil {
		return math.NaN(), nil, nil, err
	}
	if factor == 0 {
		factor = 1
	}
	return ratio(n, d) * factor, &n, &d, nil
}

// ratio is a / b, NaN when b is zero: a share of nothing is not 0%.
func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// describe renders a call for explanations: sum("revenue", above_scale, high_tech).
func describe(fn string, args ...any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			parts[i] = fmt.Sprintf("%q", v)
		default:
			parts[i] = fmt.Sprint(v)
		}
	}
	return fn + "(" + strings.Join(parts, ", ") + ")"
}
