package stats

import (
	"fmt"
	"slices"
)

// RegionElement is a figure entered for a city or county as a whole — a
// published statistic or a reference value defined outside the plan — and
// not summed from enterprises' reports.
type RegionElement struct {
	Code   string   `yaml:"code" json:"code"`
	Name   string   `yaml:"name" json:"name"`
	NameEn string   `yaml:"name_en" json:"name_en"`
	Unit   string   `yaml:"unit" json:"unit"`
	Kind   string   `yaml:"kind" json:"kind"`     // statistic or reference
	Levels []string `yaml:"levels" json:"levels"` // org levels it may be entered at
}

// RegionElement returns the region element with the code, or nil.
func (c *Catalog) RegionElement(code string) *RegionElement {
	for i := range c.RegionElements {
		if c.RegionElements[i].Code == code {
			return &c.RegionElements[i]
		}
	}
	return nil
}

func (c *Catalog) checkRegionElements() error {
	seen := map[string]bool{}
	for i, r := range c.RegionElements {
		if r.Code == "" || seen[r.Code] {
			return fmt.Errorf("data catalog: region element %d has an empty or duplicate code %q", i, r.Code)
		}
		seen[r.Code] = true
		if r.Kind != "statistic" && r.Kind != "reference" {
			return fmt.Errorf("data catalog: region element %s: kind must be statistic or reference, not %q", r.Code, r.Kind)
		}
		if len(r.Levels) == 0 {
			return fmt.Errorf("data catalog: region element %s names no org level", r.Code)
		}
		for _, l := range r.Levels {
			if !slices.Contains([]string{"city", "county", "town"}, l) {
				return fmt.Errorf("data catalog: region element %s: unknown org level %q", r.Code, l)
			}
		}
	}
	return nil
}
