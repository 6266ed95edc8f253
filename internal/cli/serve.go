package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"mfgplan/internal/httpapi"
	"mfgplan/web"
)

func (e *cmdEnv) serveCmd() *cobra.Command {
	var withDemo bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Start the HTTP server (API under /api/v1, UI at /)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			app, err := e.open(cmd)
			if err != nil {
				return err
			}
			defer app.Close()
			if withDemo {
				if err := e.demoIfEmpty(cmd.Context(), app); err != nil {
					return err
				}
			}
			return e.serve(cmd.Context(), app)
		},
	}
	cmd.Flags().BoolVar(&withDemo, "demo", false, "generate the demo dataset (演示数据, seed 1) when the store has no enterprises")
	cmd.Flags().StringVar(&e.cfg.Addr, "addr", envOr("MFGPLAN_ADDR", "127.0.0.1:8080"), "listen address host:port (env MFGPLAN_ADDR)")
	e.cfg.Security.bindTLS(cmd.Flags())
	return cmd
}

// analyticsWorkerInterval is how often the background worker looks for
// changes made by other processes: a CLI import shows on the 驾驶舱 within it.
const analyticsWorkerInterval = 5 * time.Second

// serve runs the server until ctx ends (SIGINT/SIGTERM), then drains
// in-flight requests for up to 10 seconds.
func (e *cmdEnv) serve(ctx context.Context, app *App) error {
	if err := e.cfg.Validate(); err != nil {
		return err
	}
	api := httpapi.New(app.serverDeps(web.Dist(), e.log, e.build.Version))
	if app.IndicatorsErr != nil {
		e.log.Warn("indicator definitions not loaded; /api/v1/indicators will answer with the reason", "err", app.IndicatorsErr)
	}
	// Headers must arrive within 10 s and stay under 64 KiB; an idle
	// keep-alive connection is closed after 2 minutes. Bodies and answers
	// have per-request deadlines (httpapi.Timeouts).
	srv := &http.Server{Addr: e.cfg.Addr, Handler: api, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	errc := make(chan error, 1)
	base := e.cfg.Security.listen(srv, errc)
	e.log.Info("mfgplan listening", "url", base, "database", app.DB.DSN, "plan", app.Plan.Plan.ID, "plan_version", app.Version.Version)
	if app.Indicators != nil {
		// Changes the server did not make (CLI imports, the marks a start-up
		// or the demo left) are counted in the background, so no request
		// waits for them; the server's own writes refresh before answering.
		go app.Indicators.Analytics.Run(ctx, analyticsWorkerInterval, e.log)
	}
	if err := e.announceSetup(ctx, app, base); err != nil {
		return err
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serving on %s: %w", e.cfg.Addr, err)
	case <-ctx.Done():
	}
	e.log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

// serverDeps are the HTTP server's dependencies: every service of the app.
func (a *App) serverDeps(ui fs.FS, log *slog.Logger, version string) httpapi.Deps {
	return httpapi.Deps{
		DB: a.DB, Plan: a.Plan, PlanVersion: a.Version, Catalog: a.Catalog,
		Web: ui, Log: log, Version: version, Auth: a.Auth,
		Mujun: a.Mujun, Collect: a.Collect, Indicators: a.Indicators, Cycle: a.Cycle, Projects: a.Projects,
		Registry: httpapi.RegistryDeps{Enterprises: a.Registry, Regions: a.Regions},
	}
}
