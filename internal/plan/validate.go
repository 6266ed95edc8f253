package plan

import (
	"fmt"
	"regexp"
)

// Issue is a validation finding at a dotted path inside the plan.
type Issue struct {
	Path    string
	Message string
}

type checker struct {
	issues []Issue
}

func (c *checker) add(path, format string, args ...any) {
	c.issues = append(c.issues, Issue{Path: path, Message: fmt.Sprintf(format, args...)})
}

// set builds a set of codes and reports duplicates and empty codes.
func (c *checker) set(section string, codes []string) map[string]bool {
	seen := make(map[string]bool, len(codes))
	for i, code := range codes {
		path := fmt.Sprintf("%s[%d].code", section, i)
		switch {
		case code == "":
			c.add(path, "code is empty")
		case seen[code]:
			c.add(path, "duplicate code %q", code)
		}
		seen[code] = true
	}
	return seen
}

func (c *checker) ref(path, kind, code string, known map[string]bool) {
	if !known[code] {
		c.add(path, "unknown %s %q", kind, code)
	}
}

// gb2260 matches a 6-digit administrative division code.
var gb2260 = regexp.MustCompile(`^\d{6}$`)

// Validate checks a decoded plan's references and the consistency of its
// targets. It never stops at the first problem: a user fixing a file wants
// the whole list.
func Validate(p *Plan) []Issue {
	c := &checker{}
	c.checkHeader(p)
	units := c.set("units", codes(p.Units, func(u Unit) string { return u.Code }))
	cats := c.set("categories", codes(p.Categories, func(x Category) string { return x.Code }))
	c.checkIndicators(p, units, cats)
	c.checkAchievements(p, units)
	clusters := c.set("clusters", codes(p.Clusters, func(x Cluster) string { return x.Code }))
	c.checkClusters(p, units)
	c.checkChains(p, clusters)
	counties := c.set("counties", codes(p.Counties, func(x County) string { return x.Code }))
	for i, co := range p.Counties {
		if !gb2260.MatchString(co.Code) {
			c.add(fmt.Sprintf("counties[%d].code", i), "%q is not a 6-digit GB/T 2260 code", co.Code)
		}
	}
	c.checkLevels(p)
	c.checkTowns(p)
	regions := c.checkRegions(p, counties)
	parks := c.set("parks", codes(p.Parks, func(x Park) string { return x.Code }))
	c.checkParks(p, counties, clusters)
	c.checkLayout(p, parks, counties, regions)
	c.checkTargets("targets", p.Targets, units, p.Period)
	c.checkDashboard(p)
	return c.issues
}

func codes[T any](items []T, code func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = code(it)
	}
	return out
}

func (c *checker) checkHeader(p *Plan) {
	if p.ID == "" {
		c.add("id", "plan id is empty")
	}
	if p.Name == "" {
		c.add("name", "plan name is empty")
	}
	if !gb2260.MatchString(p.Region.Code) {
		c.add("region.code", "%q is not a 6-digit GB/T 2260 code", p.Region.Code)
	}
	if p.Period.Start == 0 || p.Period.End < p.Period.Start {
		c.add("period", "period %d–%d is not a span of years", p.Period.Start, p.Period.End)
	}
	if p.Period.BaselineYear >= p.Period.Start {
		c.add("period.baseline_year", "baseline year %d must come before the start %d", p.Period.BaselineYear, p.Period.Start)
	}
}

func (c *checker) checkIndicators(p *Plan, units, cats map[string]bool) {
	kinds := unitKinds(p)
	c.set("indicators", codes(p.Indicators, func(x Indicator) string { return x.Code }))
	for i, ind := range p.Indicators {
		at := fmt.Sprintf("indicators[%d]", i)
		if ind.Name == "" {
			c.add(at+".name", "name is empty")
		}
		c.ref(at+".unit", "unit", ind.Unit, units)
		c.ref(at+".category", "category", ind.Category, cats)
		if b := ind.Baseline; b != nil && (b.Year < p.Period.BaselineYear-5 || b.Year >= p.Period.Start) {
			c.add(at+".baseline.year", "baseline year %d is outside %d–%d", b.Year, p.Period.BaselineYear-5, p.Period.BaselineYear)
		}
		if ind.Path != "" && ind.Path != "compound" && ind.Path != "linear" {
			c.add(at+".path", "path %q must be compound or linear", ind.Path)
		}
		c.checkIndicatorTarget(at+".target", ind.Target, p.Period)
		c.checkTargetForm(at+".target", ind.Target, kinds[ind.Unit])
	}
}

func (c *checker) checkIndicatorTarget(at string, t IndicatorTarget, per Period) {
	if t.Year < per.Start || t.Year > per.End {
		c.add(at+".year", "target year %d is outside the plan period %d–%d", t.Year, per.Start, per.End)
	}
	switch t.Kind {
	case KindLevel, KindCumulative, KindGrowth, KindIncrement:
		if t.Value == nil && t.FractionText == "" {
			c.add(at+".value", "a %s target needs a value", t.Kind)
		}
		if t.External != "" {
			c.add(at+".external", "only an external target names an outside reference")
		}
	case KindPending:
		if t.Value != nil || t.FractionText != "" || t.External != "" {
			c.add(at+".value", "a pending (待定) target has no value yet; remove it or give the target a kind")
		}
	case KindExternal:
		if t.Value != nil {
			c.add(at+".value", "an external target takes its value from outside the plan; remove the value")
		}
		if t.External == "" {
			c.add(at+".external", "an external target must say what it refers to (e.g. 全省平均)")
		}
	default:
		c.add(at+".kind", "kind %q must be level, cumulative, growth, increment, external or pending", t.Kind)
	}
	if t.Kind == KindCumulative && t.Value != nil && *t.Value <= 0 {
		c.add(at+".value", "a cumulative target must be positive")
	}
}

func (c *checker) checkAchievements(p *Plan, units map[string]bool) {
	c.set("achievements", codes(p.Achievements, func(x Achievement) string { return x.Code }))
	for i, a := range p.Achievements {
		at := fmt.Sprintf("achievements[%d]", i)
		c.ref(at+".unit", "unit", a.Unit, units)
		if a.From != nil && a.From.Year >= a.To.Year {
			c.add(at+".from.year", "from year %d is not before to year %d", a.From.Year, a.To.Year)
		}
	}
}

func (c *checker) checkClusters(p *Plan, units map[string]bool) {
	for i, cl := range p.Clusters {
		at := fmt.Sprintf("clusters[%d]", i)
		if cl.Target != nil {
			c.ref(at+".target.unit", "unit", cl.Target.Unit, units)
			if cl.Target.Value <= 0 {
				c.add(at+".target.value", "an output target must be positive")
			}
		}
		c.checkTargets(at+".goals", cl.Goals, units, p.Period)
	}
	// Sub-sector codes are one namespace across clusters so that an
	// enterprise's sub-sector names its cluster unambiguously.
	seen := map[string]bool{}
	for i, cl := range p.Clusters {
		for j, s := range cl.SubSectors {
			path := fmt.Sprintf("clusters[%d].sub_sectors[%d].code", i, j)
			if s.Code == "" {
				c.add(path, "code is empty")
			} else if seen[s.Code] {
				c.add(path, "duplicate sub-sector code %q", s.Code)
			}
			seen[s.Code] = true
		}
	}
}

func (c *checker) checkChains(p *Plan, clusters map[string]bool) {
	c.set("chains", codes(p.Chains, func(x Chain) string { return x.Code }))
	subOf := map[string]string{}
	for _, cl := range p.Clusters {
		for _, s := range cl.SubSectors {
			subOf[s.Code] = cl.Code
		}
	}
	for i, ch := range p.Chains {
		at := fmt.Sprintf("chains[%d]", i)
		c.ref(at+".cluster", "cluster", ch.Cluster, clusters)
		if ch.SubSector != "" && subOf[ch.SubSector] != ch.Cluster {
			c.add(at+".sub_sector", "sub-sector %q is not part of cluster %q", ch.SubSector, ch.Cluster)
		}
		nodes := c.set(at+".nodes", codes(ch.Nodes, func(x ChainNode) string { return x.Code }))
		if len(ch.Edges) == 0 {
			c.add(at+".edges", "a chain needs at least one edge")
		}
		for j, e := range ch.Edges {
			c.ref(fmt.Sprintf("%s.edges[%d].from", at, j), "node", e.From, nodes)
			c.ref(fmt.Sprintf("%s.edges[%d].to", at, j), "node", e.To, nodes)
		}
		if cyc := cycleAt(ch); cyc != "" {
			c.add(at+".edges", "the chain loops back through node %q", cyc)
		}
	}
}

// cycleAt returns a node on a cycle of the chain graph, or "".
func cycleAt(ch Chain) string {
	next := map[string][]string{}
	for _, e := range ch.Edges {
		next[e.From] = append(next[e.From], e.To)
	}
	const (
		unseen = iota
		open
		done
	)
	state := map[string]int{}
	var visit func(n string) string
	visit = func(n string) string {
		state[n] = open
		for _, m := range next[n] {
			switch state[m] {
			case open:
				return m
			case unseen:
				if c := visit(m); c != "" {
					return c
				}
			}
		}
		state[n] = done
		return ""
	}
	for _, nd := range ch.Nodes {
		if state[nd.Code] == unseen {
			if c := visit(nd.Code); c != "" {
				return c
			}
		}
	}
	return ""
}

func (c *checker) checkParks(p *Plan, counties, clusters map[string]bool) {
	for i, pk := range p.Parks {
		at := fmt.Sprintf("parks[%d]", i)
		c.ref(at+".county", "county", pk.County, counties)
		for j, cl := range pk.Clusters {
			c.ref(fmt.Sprintf("%s.clusters[%d]", at, j), "cluster", cl, clusters)
		}
	}
}

// checkLayout checks the spatial layout. A core may be a park, a division
// or a named region (大南昌都市圈 is Jiangxi's core, not a park).
func (c *checker) checkLayout(p *Plan, parks, counties, regions map[string]bool) {
	for i, code := range p.Layout.Cores {
		if !parks[code] && !counties[code] && !regions[code] {
			c.add(fmt.Sprintf("layout.cores[%d]", i), "unknown core %q: not a park, %s or named region of the plan", code, p.Levels.Division)
		}
	}
	c.set("layout.belts", codes(p.Layout.Belts, func(x Belt) string { return x.Code }))
	for i, b := range p.Layout.Belts {
		for j, pk := range b.Parks {
			c.ref(fmt.Sprintf("layout.belts[%d].parks[%d]", i, j), "park", pk, parks)
		}
		for j, co := range b.Counties {
			c.ref(fmt.Sprintf("layout.belts[%d].counties[%d]", i, j), "county", co, counties)
		}
	}
}

func (c *checker) checkTargets(section string, ts []Target, units map[string]bool, per Period) {
	c.set(section, codes(ts, func(x Target) string { return x.Code }))
	for i, t := range ts {
		at := fmt.Sprintf("%s[%d]", section, i)
		c.ref(at+".unit", "unit", t.Unit, units)
		switch t.Rule {
		case RuleByEnd:
			if t.Year < per.Start || t.Year > per.End {
				c.add(at+".year", "a by_end target needs a year within %d–%d", per.Start, per.End)
			}
		case RuleCumulative, RulePerYear, RuleMinShare:
		default:
			c.add(at+".rule", "rule %q must be by_end, cumulative, per_year or min_share", t.Rule)
		}
		if t.Value <= 0 {
			c.add(at+".value", "a target value must be positive")
		}
	}
}

var boundaryName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// checkDashboard checks that the dashboard names the plan's own indicators
// and a boundary file name the UI can load.
func (c *checker) checkDashboard(p *Plan) {
	inds := map[string]bool{}
	for _, ind := range p.Indicators {
		inds[ind.Code] = true
	}
	d := p.Dashboard
	for _, f := range []struct{ key, code string }{{"trend", d.Trend}, {"clusters", d.Clusters}, {"parks", d.Parks}, {"chains", d.Chains}, {"map", d.Map}} {
		if f.code != "" {
			c.ref("dashboard."+f.key, "indicator", f.code, inds)
		}
	}
	if d.Boundary != "" && !boundaryName.MatchString(d.Boundary) {
		c.add("dashboard.boundary", "boundary %q must name a file web/src/geo/<name>.json (lower-case letters, digits, -)", d.Boundary)
	}
	if d.Map != "" && d.Boundary == "" {
		c.add("dashboard.map", "a map indicator needs a boundary file to draw the map on")
	}
}
