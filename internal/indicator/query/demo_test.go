package query

import (
	"context"
	"math"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/demo"
	"mfgplan/internal/indicator"
	"mfgplan/internal/plan"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// On the demo data (full size on SQLite, a tenth on PostgreSQL or with
// -short) the 2020
// indicators reproduce every 专栏1 baseline the data can compute: counts and
// amounts scaled with the data, shares as they are, within rounding.
func TestDemoReproducesBaselines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		scale := 1.0
		if db.Dialect() == store.Postgres || testing.Short() {
			scale = 0.1
		}
		p, reg := registrytest.Setup(t, db)
		cat, err := stats.DefaultCatalog()
		if err != nil {
			t.Fatal(err)
		}
		sys := access.With(context.Background(), access.System)
		if _, err := demo.Generate(sys, db, demo.Deps{Plan: p, Catalog: cat, Classes: reg.Classification(), Map: reg.IndustryMap()},
			demo.Options{Seed: 1, Scale: scale}); err != nil {
			t.Fatal(err)
		}
		eng := testEngine(t, nil)
		eng.HighTech = reg.Classification()
		svc := counted(t, newService(db, eng))
		res, err := svc.Indicators(sys, Params{Year: 2020})
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, ind := range p.Indicators {
			d := eng.Defs.Def(ind.Code)
			if ind.Baseline == nil || d.Kind != indicator.Computed || d.Compare != indicator.CompareLevel {
				continue
			}
			want := scaled(p, &ind, scale)
			r := find(t, res.Items, ind.Code)
			if r.Actual == nil || math.Abs(*r.Actual-want) > 0.03*want {
				t.Errorf("%s (%s) 2020 = %v, want %g ± 3%%", ind.Code, ind.Name, r.Actual, want)
			}
			checked++
		}
		if checked < 10 {
			t.Errorf("only %d baselines checked; 专栏1 has at least 10 computable ones", checked)
		}
	})
}

// scaled is a baseline as the demo at scale reproduces it: counts rounded,
// amounts multiplied, shares unchanged.
func scaled(p *plan.Plan, ind *plan.Indicator, scale float64) float64 {
	for _, u := range p.Units {
		if u.Code != ind.Unit {
			continue
		}
		switch u.Kind {
		case "count":
			return math.Round(ind.Baseline.Value * scale)
		case "amount":
			return ind.Baseline.Value * scale
		}
	}
	return ind.Baseline.Value
}
