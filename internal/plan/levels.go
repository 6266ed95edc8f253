package plan

import (
	"fmt"
	"strings"
)

// Levels names the plan's levels the way its text does, so that messages,
// reasons and labels say 全省 and 设区市 for a province, 全市 and 县（市、区）
// for a city. Region is the level of the plan's own region (省, 市, 县);
// Division the level just below it, whose units the plan lists under
// counties (or divisions); Town the township level below that.
type Levels struct {
	Region   string `yaml:"region" json:"region"`
	Whole    string `yaml:"whole" json:"whole"`
	Division string `yaml:"division" json:"division"`
	Town     string `yaml:"town" json:"town"`
}

// levelDefaults are the names GB/T 2260 administrative practice uses at
// each level of region: a province's 设区市, a city's 县（市、区）, a county's
// 乡镇（街道）.
var levelDefaults = map[string]Levels{
	"省": {Region: "省", Whole: "全省", Division: "设区市", Town: "乡镇（街道）"},
	"市": {Region: "市", Whole: "全市", Division: "县（市、区）", Town: "乡镇（街道）"},
	"县": {Region: "县", Whole: "全县", Division: "乡镇（街道）", Town: "村（社区）"},
}

// NamedRegion is a part of the plan's region that the plan names and sets
// targets for (南昌都市圈): a set of its divisions.
type NamedRegion struct {
	Code    string   `yaml:"code" json:"code"`
	Name    string   `yaml:"name" json:"name"`
	Members []string `yaml:"members" json:"members"`
	Note    string   `yaml:"note,omitempty" json:"note,omitempty"`
	Ref     string   `yaml:"ref" json:"ref"`
}

// resolveLevels fills the level names the file leaves out from its region's
// level, and takes divisions as the county list when the file uses that key.
func resolveLevels(p *Plan) {
	if p.Region.Level == "" {
		p.Region.Level = "市"
	}
	def := levelDefaults[p.Region.Level]
	for _, f := range []struct {
		dst *string
		v   string
	}{{&p.Levels.Region, def.Region}, {&p.Levels.Whole, def.Whole}, {&p.Levels.Division, def.Division}, {&p.Levels.Town, def.Town}} {
		if *f.dst == "" {
			*f.dst = f.v
		}
	}
	if len(p.Counties) == 0 {
		p.Counties = p.Divisions
	}
}

// checkLevels checks the region's level and that each division's GB/T 2260
// code lies inside the region: a province's 设区市 share its first 2 digits
// and end in 00, a city's 县（市、区） share its first 4.
func (c *checker) checkLevels(p *Plan) {
	if _, ok := levelDefaults[p.Region.Level]; !ok {
		c.add("region.level", "level %q must be 省, 市 or 县", p.Region.Level)
		return
	}
	if len(p.Divisions) > 0 && len(p.Divisions) != len(p.Counties) {
		c.add("divisions", "write the divisions under counties or under divisions, not both")
	}
	key := "counties"
	if len(p.Divisions) > 0 {
		key = "divisions"
	}
	prefix := map[string]int{"省": 2, "市": 4, "县": 6}[p.Region.Level]
	for i, co := range p.Counties {
		if len(co.Code) != 6 || len(p.Region.Code) != 6 {
			continue // the 6-digit check reports it
		}
		at := fmt.Sprintf("%s[%d].code", key, i)
		if co.Code[:prefix] != p.Region.Code[:prefix] {
			c.add(at, "%s %s is not inside %s %s (GB/T 2260 codes share the first %d digits)", p.Levels.Division, co.Code, p.Region.Name, p.Region.Code, prefix)
		} else if p.Region.Level == "省" && !strings.HasSuffix(co.Code, "00") {
			c.add(at, "a province's %s has a code ending in 00 (GB/T 2260), not %s", p.Levels.Division, co.Code)
		}
	}
}

// checkRegions checks the named regions: unique codes that clash with no
// division, and members that are divisions of the plan.
func (c *checker) checkRegions(p *Plan, divisions map[string]bool) map[string]bool {
	known := c.set("regions", codes(p.Regions, func(r NamedRegion) string { return r.Code }))
	for i, r := range p.Regions {
		at := fmt.Sprintf("regions[%d]", i)
		if divisions[r.Code] || r.Code == p.Region.Code {
			c.add(at+".code", "region code %q is already the code of an org unit", r.Code)
		}
		if len(r.Members) == 0 {
			c.add(at+".members", "a named region needs members")
		}
		for j, m := range r.Members {
			c.ref(fmt.Sprintf("%s.members[%d]", at, j), p.Levels.Division, m, divisions)
		}
		if r.Ref == "" {
			c.add(at+".ref", "ref is empty: say where the plan text names this region")
		}
	}
	return known
}

// Whole is the name of the plan's region as a whole (全省, 全市).
func (p *Plan) Whole() string { return p.Levels.Whole }
