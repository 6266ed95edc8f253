package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/approval"
	"mfgplan/internal/auth"
	"mfgplan/internal/collect"
	"mfgplan/internal/cycle"
	"mfgplan/internal/indicator/query"
	"mfgplan/internal/mujun"
	"mfgplan/internal/plan"
	"mfgplan/internal/project"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/plans"
)

// App is an open store with the plan loaded: what commands and the server use.
type App struct {
	Config  *Config
	DB      *store.DB
	Plan    *plan.Loaded
	Version plan.Version
	Catalog *stats.Catalog
	Mujun   *mujun.Service
	Collect *collect.Service
	Log     *slog.Logger
	Auth    *auth.Service // users, sessions, tokens (security.go)
	// Indicators computes the plan's indicators; nil when their definitions
	// failed to load, with the reason in IndicatorsErr.
	Indicators    *query.Service
	IndicatorsErr error
	// Registry is the enterprise registry; Regions the region-level figures.
	Registry *registry.Service
	Regions  *stats.RegionValues
	// Cycle is the monthly loop: filing calendar, 报送进度, 催报.
	Cycle *cycle.Service
	// Projects is the 重大项目 library.
	Projects *project.Service
	// removeScratch deletes this process's temporary directory (scratchDir).
	removeScratch func()
}

// openApp opens the store, applies pending migrations, and loads and records
// the plan (a changed plan file becomes a new stored version).
func openApp(ctx context.Context, cfg *Config, log *slog.Logger) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	loaded, err := loadPlan(cfg.Plan)
	if err != nil {
		return nil, err
	}
	cat, err := stats.DefaultCatalog()
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg.DSN())
	if err != nil {
		return nil, err
	}
	applied, err := db.MigrateUp(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if len(applied) > 0 {
		log.Info("applied migrations", "versions", applied, "database", db.DSN)
	}
	ver, created, err := plan.Record(ctx, db, loaded)
	if err != nil {
		db.Close()
		return nil, err
	}
	if created {
		log.Info("recorded plan version", "plan", ver.PlanID, "version", ver.Version, "source", ver.Source)
	}
	rules, err := stats.DefaultRules(cat)
	if err != nil {
		db.Close()
		return nil, err
	}
	limits := cfg.ImportLimits()
	tmp, removeScratch, err := scratchDir(cfg.DataDir, log)
	if err != nil {
		db.Close()
		return nil, err
	}
	limits.TempDir = tmp
	coll := collect.New(collect.Config{DB: db, Catalog: cat, Rules: rules, Limits: limits, Log: log,
		FirstYear: loaded.Plan.Period.Start - 1, LastYear: loaded.Plan.Period.End})
	app := &App{Config: cfg, DB: db, Plan: loaded, Version: ver, Catalog: cat, Collect: coll, Log: log, removeScratch: removeScratch}
	if err := app.openAuth(); err != nil {
		app.Close()
		return nil, err
	}
	if err := app.openRegistry(ctx); err != nil {
		app.Close()
		return nil, err
	}
	mj, err := mujun.NewService(db, log)
	if err != nil {
		app.Close()
		return nil, err
	}
	mj.Approvals = mujun.ApprovedData{DB: db}
	app.Mujun = mj
	if err := app.openCycle(); err != nil {
		app.Close()
		return nil, err
	}
	app.Indicators, app.IndicatorsErr = loadIndicators(cfg.Plan, app)
	if err := app.openProjects(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return app, nil
}

// openCycle builds the monthly loop's service over the registry, the
// approval workflow and the imports.
func (a *App) openCycle() error {
	p := a.Plan.Plan
	c, err := cycle.New(cycle.Config{DB: a.DB, Catalog: a.Catalog, Registry: a.Registry, Approvals: approval.New(a.DB, a.Catalog), Collect: a.Collect,
		FirstYear: p.Period.Start - 1, LastYear: p.Period.End, CityName: p.Region.Name})
	a.Cycle = c
	return err
}

// Close releases the store and removes the process's temporary files.
func (a *App) Close() error {
	if a.removeScratch != nil {
		a.removeScratch()
	}
	return a.DB.Close()
}

// loadPlan reads the named plan file, or the embedded default, with the
// files beside it, which are part of its version.
func loadPlan(path string) (*plan.Loaded, error) {
	var l *plan.Loaded
	var err error
	if path != "" {
		l, err = plan.LoadFile(path)
	} else {
		var raw []byte
		if raw, err = fs.ReadFile(plans.Files, plans.Default); err != nil {
			return nil, fmt.Errorf("reading embedded plan %s: %w", plans.Default, err)
		}
		l, err = plan.Parse("plans/"+plans.Default, raw)
	}
	if err != nil {
		return nil, err
	}
	for _, suffix := range []string{".indicators.yaml", ".industry-map.yaml", ".published.yaml", ".projects.yaml"} {
		name, raw, err := companion(path, suffix)
		if err != nil {
			return nil, err
		}
		if raw != nil {
			l.Attach(plan.Companion{Name: name, Content: string(raw)})
		}
	}
	return l, nil
}

// openRegistry syncs the plan's places and industry map into the store and
// loads the plan's published figures where absent, then builds the services.
func (a *App) openRegistry(ctx context.Context) error {
	p := a.Plan.Plan
	if err := registry.SyncPlan(ctx, a.DB, p); err != nil {
		return fmt.Errorf("syncing org units and parks of %s: %w", p.ID, err)
	}
	classes, err := registry.LoadClassification(a.Config.HighTech3964)
	if err != nil {
		return err
	}
	tags, err := registry.LoadTagVocabulary()
	if err != nil {
		return err
	}
	imap, err := a.industryMap(ctx)
	if err != nil {
		return err
	}
	a.Registry = registry.NewService(a.DB, p, classes, imap, tags)
	if n, err := a.Registry.Rederive(access.With(ctx, access.System), "industry_map"); err != nil {
		return err
	} else if n > 0 {
		a.Log.Info("re-derived clusters from the industry map", "enterprises", n)
	}
	a.Regions = stats.NewRegionValues(a.DB, a.Catalog)
	return a.loadPublished(ctx)
}

// industryMap reads the plan's industry map and stores it in industry_map;
// a plan without one maps no class to a cluster.
func (a *App) industryMap(ctx context.Context) (*registry.IndustryMap, error) {
	name, raw, err := companion(a.Config.Plan, ".industry-map.yaml")
	if err != nil || raw == nil {
		if raw == nil && err == nil {
			a.Log.Warn("plan has no industry map: enterprises get no cluster", "expected", name)
			return &registry.IndustryMap{PlanID: a.Plan.Plan.ID}, nil
		}
		return nil, err
	}
	m, err := registry.ParseIndustryMap(name, raw, a.Plan.Plan)
	if err != nil {
		return nil, err
	}
	if err := a.DB.InTx(ctx, func(tx *store.Tx) error { return registry.SaveIndustryMap(ctx, tx, m) }); err != nil {
		return nil, err
	}
	return m, nil
}

// loadPublished adds the plan's published region figures that are absent.
func (a *App) loadPublished(ctx context.Context) error {
	name, raw, err := companion(a.Config.Plan, ".published.yaml")
	if err != nil || raw == nil {
		return err
	}
	vals, err := stats.ParsePublished(name, raw)
	if err != nil {
		return err
	}
	n, err := a.Regions.LoadDefaults(access.With(ctx, access.System), vals)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if n > 0 {
		a.Log.Info("loaded published region figures", "file", name, "added", n)
	}
	return nil
}

// companion reads the file that accompanies a plan file: for plan
// "x.yaml" it is "x<suffix>" beside it, or embedded for the default plan.
// A missing file yields nil content and no error.
func companion(planPath, suffix string) (string, []byte, error) {
	if planPath == "" {
		name := strings.TrimSuffix(plans.Default, ".yaml") + suffix
		raw, err := fs.ReadFile(plans.Files, name)
		if errors.Is(err, fs.ErrNotExist) {
			return "plans/" + name, nil, nil
		}
		return "plans/" + name, raw, err
	}
	name := strings.TrimSuffix(planPath, ".yaml") + suffix
	raw, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return name, nil, nil
	}
	if err != nil {
		return name, nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return name, raw, nil
}

// countChanges runs a command and, when the command itself left changes to
// count (none were waiting before it ran), refreshes the analytics before
// it returns, so the next command reads them. A command that wrote nothing
// writes nothing here either: read-only commands stay read-only, and
// changes another process left are the server's worker's to count.
func (a *App) countChanges(ctx context.Context, run func() error) error {
	if a.Indicators == nil {
		return run()
	}
	before, err := a.Indicators.Analytics.Pending(ctx)
	if err != nil {
		return err
	}
	if err := run(); err != nil || before {
		return err
	}
	after, err := a.Indicators.Analytics.Pending(ctx)
	if err != nil || !after {
		return err
	}
	_, err = a.Indicators.Analytics.Refresh(ctx)
	return err
}
