package httpapi_test

import (
	"io"
	"io/fs"
	"log/slog"
	"mfgplan/internal/approval"
	"mfgplan/internal/cycle"
	"strings"
	"testing"

	"mfgplan/internal/analytics"
	"mfgplan/internal/collect"
	"mfgplan/internal/httpapi"
	"mfgplan/internal/indicator"
	"mfgplan/internal/indicator/query"
	"mfgplan/internal/mujun"
	"mfgplan/internal/project"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/xlsx"
	"mfgplan/plans"
)

// wireServices gives the access-matrix server every domain service the
// platform serves, so that every route in Server.Routes() can be called.
// Each service that adds routes adds its construction here.
func wireServices(t *testing.T, db *store.DB, d *httpapi.Deps) {
	t.Helper()
	_, reg := registrytest.Setup(t, db)
	d.Registry = httpapi.RegistryDeps{Enterprises: reg, Regions: stats.NewRegionValues(db, d.Catalog)}
	rules, err := stats.DefaultRules(d.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	d.Collect = collect.New(collect.Config{DB: db, Catalog: d.Catalog, Rules: rules, Limits: xlsx.DefaultLimits, Log: log,
		FirstYear: d.Plan.Plan.Period.Start - 1, LastYear: d.Plan.Plan.Period.End})
	name := strings.TrimSuffix(plans.Default, ".yaml") + ".indicators.yaml"
	raw, err := fs.ReadFile(plans.Files, name)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := indicator.Load(d.Plan.Plan, name, raw, indicator.Deps{Element: func(string) bool { return true }, TagLevels: []string{"city", "province", "national"}})
	if err != nil {
		t.Fatal(err)
	}
	d.Indicators = query.New(db, eng, analytics.New(db, eng))
	if d.Mujun, err = mujun.NewService(db, log); err != nil {
		t.Fatal(err)
	}
	p := d.Plan.Plan
	d.Cycle, err = cycle.New(cycle.Config{DB: db, Catalog: d.Catalog, Registry: reg, Approvals: approval.New(db, d.Catalog), Collect: d.Collect,
		FirstYear: p.Period.Start - 1, LastYear: p.Period.End, CityName: p.Region.Name})
	if err != nil {
		t.Fatal(err)
	}
	projectRules, err := project.LoadRules()
	if err != nil {
		t.Fatal(err)
	}
	if d.Projects, err = project.NewService(project.Config{DB: db, Plan: p, Rules: projectRules, Enterprises: reg, Collect: d.Collect, Log: log}); err != nil {
		t.Fatal(err)
	}
}
