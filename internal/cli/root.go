// Package cli is mfgplan's command line: one cobra command per capability,
// each printing text or, with --json, JSON.
package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"mfgplan/internal/access"
)

// BuildInfo carries facts fixed at build time (the version from -ldflags).
type BuildInfo struct {
	Version string
}

// cmdEnv is shared by every command of one invocation.
type cmdEnv struct {
	cfg   Config
	build BuildInfo
	in    io.Reader
	out   io.Writer
	log   *slog.Logger
}

// Execute runs the command line and returns the process exit code.
func Execute(ctx context.Context, build BuildInfo, args []string, stdout, stderr io.Writer) int {
	return execute(ctx, build, args, os.Stdin, stdout, stderr)
}

// execute is Execute with standard input given (tests pipe passwords in).
func execute(ctx context.Context, build BuildInfo, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &cmdEnv{build: build, in: stdin, out: stdout, log: slog.New(slog.NewTextHandler(stderr, nil))}
	root := &cobra.Command{
		Use:           "mfgplan",
		Short:         "mfgplan: a city's five-year manufacturing plan as a live system / 制造业规划监测平台",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	env.cfg.bind(root.PersistentFlags())
	root.AddCommand(
		env.serveCmd(),
		env.planCmd(),
		env.migrateCmd(),
		env.versionCmd(),
		env.mujunCmd(),
		env.templateCmd(), env.importCmd(), env.exportCmd(),
		env.demoCmd(),
		env.enterpriseCmd(),
		env.chainCmd(),
		env.orgCmd(),
		env.industryMapCmd(),
		env.regionValueCmd(),
		env.indicatorsCmd(), env.indicatorCmd(), env.analyticsCmd(),
		env.projectCmd(),
	)
	root.AddCommand(env.securityCmds()...)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(stderr, "mfgplan:", err)
		return 1
	}
	return 0
}

// open opens the app for a command.
func (e *cmdEnv) open(cmd *cobra.Command) (*App, error) {
	return openApp(cmd.Context(), &e.cfg, e.log)
}

// operate opens the app and runs fn as the local operator (see asOperator).
func (e *cmdEnv) operate(cmd *cobra.Command, fn func(ctx context.Context, app *App) error) error {
	app, err := e.open(cmd)
	if err != nil {
		return err
	}
	defer app.Close()
	return app.countChanges(cmd.Context(), func() error { return fn(asOperator(cmd.Context()), app) })
}

// withApp runs fn with the opened app and a system-principal context: CLI
// commands act as the operator who owns the data directory.
func (e *cmdEnv) withApp(cmd *cobra.Command, fn func(ctx context.Context, app *App) error) error {
	app, err := e.open(cmd)
	if err != nil {
		return err
	}
	defer app.Close()
	return app.countChanges(cmd.Context(), func() error { return fn(access.With(cmd.Context(), access.System), app) })
}

// print writes v as indented JSON when --json is set, else calls text.
func (e *cmdEnv) print(v any, text func(w io.Writer)) error {
	if e.cfg.JSON {
		enc := json.NewEncoder(e.out)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	text(e.out)
	return nil
}

func (e *cmdEnv) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.print(map[string]string{"version": e.build.Version}, func(w io.Writer) {
				fmt.Fprintln(w, "mfgplan", e.build.Version)
			})
		},
	}
}
