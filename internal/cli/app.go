package cli

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"

	"mfgplan/internal/mujun"
	"mfgplan/internal/plan"
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
	Log     *slog.Logger
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
	mj, err := mujun.NewService(db, log)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &App{Config: cfg, DB: db, Plan: loaded, Version: ver, Catalog: cat, Mujun: mj, Log: log}, nil
}

// Close releases the store.
func (a *App) Close() error { return a.DB.Close() }

// loadPlan reads the named plan file, or the embedded default.
func loadPlan(path string) (*plan.Loaded, error) {
	if path != "" {
		return plan.LoadFile(path)
	}
	raw, err := fs.ReadFile(plans.Files, plans.Default)
	if err != nil {
		return nil, fmt.Errorf("reading embedded plan %s: %w", plans.Default, err)
	}
	return plan.Parse("plans/"+plans.Default, raw)
}
