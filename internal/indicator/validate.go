package indicator

import (
	"fmt"
	"slices"

	"mfgplan/internal/plan"
)

// check collects problems with their YAML path.
type check struct {
	problems []struct{ path, msg string }
}

func (c *check) add(path, format string, args ...any) {
	c.problems = append(c.problems, struct{ path, msg string }{path, fmt.Sprintf(format, args...)})
}

// validate checks the definitions against the plan and the data catalog
// (known reports whether an element code exists) and compiles every formula.
func validate(d *Definitions, p *plan.Plan, deps Deps) (map[string]*compiled, *check) {
	c := &check{}
	if d.Plan != p.ID {
		c.add("plan", "definitions are for plan %q, the loaded plan is %q", d.Plan, p.ID)
	}
	validateRules(c, d)
	env := prototypeEnv(d.Constants)
	deps.places = planPlaces(p)
	progs := map[string]*compiled{}
	seen := map[string]int{}
	for i := range d.Indicators {
		def := &d.Indicators[i]
		path := fmt.Sprintf("indicators[%d]", i)
		if _, dup := seen[def.Code]; dup {
			c.add(path+".code", "indicator %s is defined twice", def.Code)
		}
		seen[def.Code] = i
		ind := planIndicator(p, def.Code)
		if ind == nil {
			c.add(path+".code", "indicator %s is not in the plan", def.Code)
			continue
		}
		if prog := validateDef(c, path, def, ind, env, deps); prog != nil {
			progs[def.Code] = prog
		}
	}
	for _, ind := range p.Indicators {
		if _, ok := seen[ind.Code]; !ok {
			c.add("indicators", "plan indicator %s (%s) has no definition", ind.Code, ind.Name)
		}
	}
	for i, t := range d.AnnualTargets {
		path := fmt.Sprintf("annual_targets[%d]", i)
		if _, ok := seen[t.Indicator]; !ok {
			c.add(path+".indicator", "unknown indicator %q", t.Indicator)
		}
		if t.Year < p.Period.Start || t.Year > p.Period.End {
			c.add(path+".year", "year %d is outside the plan period %d–%d", t.Year, p.Period.Start, p.Period.End)
		}
		if t.Org == "" || t.Source == "" {
			c.add(path, "an annual target needs org and source")
		}
	}
	return progs, c
}

func validateRules(c *check, d *Definitions) {
	s := d.Status
	if s.Method != "points" && s.Method != "ratio" {
		c.add("status.method", "method must be points or ratio, not %q", s.Method)
	}
	if s.LaggingPoints <= 0 || s.SeverePoints <= s.LaggingPoints || s.SevereRatio <= 0 || s.LaggingRatio <= s.SevereRatio || s.Source == "" {
		c.add("status", "thresholds must satisfy 0 < lagging_points < severe_points, 0 < severe_ratio < lagging_ratio, with a source")
	}
	if d.Manufacturing.From <= 0 || d.Manufacturing.To < d.Manufacturing.From || d.Manufacturing.Source == "" {
		c.add("manufacturing", "manufacturing needs from ≤ to (GB/T 4754 大类) and a source")
	}
	for i, k := range d.Constants {
		if k.Code == "" || k.Source == "" || k.Unit == "" {
			c.add(fmt.Sprintf("constants[%d]", i), "a constant needs code, unit and source")
		}
	}
}

func validateDef(c *check, path string, def *Definition, ind *plan.Indicator, env map[string]any, deps Deps) *compiled {
	known := deps.Element
	if def.Frequency != "monthly" && def.Frequency != "yearly" {
		c.add(path+".frequency", "frequency must be monthly or yearly, not %q", def.Frequency)
	}
	if ind.Target.Kind == plan.KindExternal && def.Reference == "" {
		c.add(path+".reference", "the plan's target is external (%s): name the region element holding the reference", ind.Target.External)
	}
	if def.Reference != "" && !known(def.Reference) {
		c.add(path+".reference", "reference element %q is not in the data catalog", def.Reference)
	}
	switch def.Kind {
	case Direct:
		if def.Element == "" || !known(def.Element) || def.Source == "" {
			c.add(path+".element", "a direct indicator needs an element of the data catalog (got %q) and a source", def.Element)
		}
		return nil
	case Computed:
		return compileDef(c, path, def, env, deps)
	}
	c.add(path+".kind", "kind must be computed or direct, not %q", def.Kind)
	return nil
}

func compileDef(c *check, path string, def *Definition, env map[string]any, deps Deps) *compiled {
	hasRatio := def.Numerator != "" || def.Denominator != ""
	if (def.Formula == "") == !hasRatio || (hasRatio && (def.Numerator == "" || def.Denominator == "")) {
		c.add(path, "a computed indicator needs either formula, or numerator and denominator")
		return nil
	}
	var prog compiled
	var all references
	ok := true
	for _, part := range []struct {
		field string
		src   string
		dst   **vmProgram
	}{{"formula", def.Formula, &prog.formula}, {"numerator", def.Numerator, &prog.num}, {"denominator", def.Denominator, &prog.den}} {
		if part.src == "" {
			continue
		}
		var refs references
		p, err := compileExpr(part.src, env, &refs)
		if err != nil {
			c.add(path+"."+part.field, "formula does not compile: %v", err)
			ok = false
			continue
		}
		*part.dst = p
		ok = checkRefs(c, path+"."+part.field, refs, deps) && ok
		all.elements = append(all.elements, refs.elements...)
	}
	if !ok {
		return nil
	}
	prog.elements = all.elements
	return &prog
}

// checkRefs checks the elements, tags and tag levels a formula names, and
// reports each at the formula's own line.
func checkRefs(c *check, at string, refs references, deps Deps) bool {
	ok := true
	for _, el := range refs.elements {
		if !deps.Element(el) {
			c.add(at, "element %q is not in the data catalog", el)
			ok = false
		}
	}
	for _, lv := range refs.levels {
		if lv != "" && !slices.Contains(deps.TagLevels, lv) {
			c.add(at, "tag level %q is not one of %v", lv, deps.TagLevels)
			ok = false
		}
	}
	for _, tag := range refs.tags {
		if deps.Tag != nil && !deps.Tag(tag) {
			c.add(at, "tag %q is not in the registry's tag vocabulary", tag)
			ok = false
		}
	}
	for _, pl := range refs.places {
		if _, known := deps.places[pl]; !known {
			c.add(at, "place %q is not the plan's region, one of its divisions or a region it names", pl)
			ok = false
		}
	}
	return ok
}

func planIndicator(p *plan.Plan, code string) *plan.Indicator {
	for i := range p.Indicators {
		if p.Indicators[i].Code == code {
			return &p.Indicators[i]
		}
	}
	return nil
}
