package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"mfgplan/internal/httpapi"
	"mfgplan/web"
)

func (e *cmdEnv) serveCmd() *cobra.Command {
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
			return e.serve(cmd.Context(), app)
		},
	}
	cmd.Flags().StringVar(&e.cfg.Addr, "addr", envOr("MFGPLAN_ADDR", "127.0.0.1:8080"), "listen address host:port (env MFGPLAN_ADDR)")
	cmd.Flags().StringVar(&e.cfg.TLSCert, "tls-cert", os.Getenv("MFGPLAN_TLS_CERT"), "TLS certificate (PEM); with --tls-key serves HTTPS and marks cookies Secure (env MFGPLAN_TLS_CERT)")
	cmd.Flags().StringVar(&e.cfg.TLSKey, "tls-key", os.Getenv("MFGPLAN_TLS_KEY"), "TLS private key (PEM) (env MFGPLAN_TLS_KEY)")
	return cmd
}

// serve runs the server until ctx ends (SIGINT/SIGTERM), then drains
// in-flight requests for up to 10 seconds.
func (e *cmdEnv) serve(ctx context.Context, app *App) error {
	if err := e.cfg.Validate(); err != nil {
		return err
	}
	api := httpapi.New(httpapi.Deps{
		DB: app.DB, Plan: app.Plan, PlanVersion: app.Version, Catalog: app.Catalog,
		Web: web.Dist(), Log: e.log, Version: e.build.Version, Auth: app.Auth,
	})
	srv := &http.Server{Addr: e.cfg.Addr, Handler: api, ReadHeaderTimeout: 10 * time.Second}
	scheme := "http"
	if e.cfg.TLSCert != "" {
		scheme = "https"
	}
	errc := make(chan error, 1)
	go func() {
		if scheme == "https" {
			errc <- srv.ListenAndServeTLS(e.cfg.TLSCert, e.cfg.TLSKey)
			return
		}
		errc <- srv.ListenAndServe()
	}()
	base := scheme + "://" + e.cfg.Addr
	e.log.Info("mfgplan listening", "url", base, "database", app.DB.DSN, "plan", app.Plan.Plan.ID, "plan_version", app.Version.Version)
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

// announceSetup prints, on a store without users, the one-time link for
// creating the first administrator. It goes to stdout, not the log, so that
// only whoever runs the server sees it; there is no default password.
func (e *cmdEnv) announceSetup(ctx context.Context, app *App, base string) error {
	token, err := app.Auth.StartSetup(ctx)
	if err != nil || token == "" {
		return err
	}
	e.log.Warn("no users yet: the one-time setup link for the first administrator is printed on standard output")
	fmt.Fprintf(e.out, `
尚未创建任何用户。请在 %d 小时内打开下面的一次性链接，创建第一个系统管理员：
No users yet. Within %d hours, open this one-time link to create the first administrator:

  %s/setup?token=%s

或者 / or:  curl -X POST %s/api/v1/auth/setup -H 'Content-Type: application/json' \
              -d '{"token":"%s","username":"admin","password":"…"}'
或离线 / or offline:  mfgplan user add --username admin --role admin --password-stdin

`, app.Auth.Policy.Setup.TokenHours, app.Auth.Policy.Setup.TokenHours, base, token, base, token)
	return nil
}
