// Package indicatortest loads the Dazhou plan's indicator definitions with
// the real data catalog and tag vocabulary, for tests of the packages that
// compute and read indicators.
package indicatortest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"mfgplan/internal/indicator"
	"mfgplan/internal/plan"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
)

// HighTech is a two-code stand-in for the registry's NBS list (3976, 2720).
type HighTech struct{}

// IsHighTech reports whether code is one of the two stand-in codes.
func (HighTech) IsHighTech(code string) bool { return code == "3976" || code == "2720" }

// PlanFile is the path of a file of the repository's plans folder.
func PlanFile(name string) string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "..", "plans", name)
}

// Engine loads the Dazhou plan and its indicator definitions, with annual
// targets appended when given.
func Engine(t testing.TB, extra []indicator.AnnualTarget) *indicator.Engine {
	t.Helper()
	l, err := plan.LoadFile(PlanFile("dazhou-2021-2025.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(PlanFile("dazhou-2021-2025.indicators.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defs, err := indicator.Parse("dazhou-2021-2025.indicators.yaml", raw)
	if err != nil {
		t.Fatal(err)
	}
	defs.AnnualTargets = append(defs.AnnualTargets, extra...)
	e, err := indicator.NewEngine(l.Plan, defs, "dazhou-2021-2025.indicators.yaml", raw, Deps(t))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Deps are the real catalog and tag vocabulary with the two-code high-tech list.
func Deps(t testing.TB) indicator.Deps {
	t.Helper()
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	tags, err := registry.LoadTagVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	var levels []string
	for _, l := range tags.LevelList {
		levels = append(levels, l.Code)
	}
	return indicator.Deps{
		Element:   func(code string) bool { return cat.Element(code) != nil || cat.RegionElement(code) != nil },
		HighTech:  HighTech{},
		TagLevels: levels,
		Tag:       func(code string) bool { return tags.Tag(code) != nil },
	}
}
