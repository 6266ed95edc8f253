package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"mfgplan/internal/access"
	"mfgplan/internal/demo"
	"mfgplan/internal/project"
)

func (e *cmdEnv) demoCmd() *cobra.Command {
	var seed uint64
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Fill an empty store with the synthetic Dazhou demo dataset (演示数据), 2020–2025",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withApp(cmd, func(ctx context.Context, app *App) error {
				res, err := generateDemo(ctx, app, seed)
				if err != nil {
					return err
				}
				return e.print(res, func(w io.Writer) {
					fmt.Fprintf(w, "演示项目: %d projects, %d months of investment, %d problems\n", res.Projects.Projects, res.Projects.Months, res.Projects.Problems)
					fmt.Fprintf(w, "演示数据 (seed %d): %d enterprises, 规上 per year 2020–2025 %v, %d tags, %d values, %d reports with a review state in %.1fs\n",
						res.Seed, res.Enterprises, res.AboveScale, res.Tags, res.Values, res.Reviewed, res.Seconds)
					if len(res.Skipped) > 0 {
						fmt.Fprintf(w, "elements without generated values: %v\n", res.Skipped)
					}
				})
			})
		},
	}
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed; the same seed gives the same data")
	return cmd
}

// demoResult is what the demo wrote: enterprises and their figures, then
// the projects.
type demoResult struct {
	demo.Result
	Projects project.DemoResult `json:"projects"`
}

// generateDemo writes the demo dataset for the app's plan as the system:
// the enterprises and their figures, then the 演示 projects.
func generateDemo(ctx context.Context, app *App, seed uint64) (demoResult, error) {
	reg := app.Registry
	sys := access.With(ctx, access.System)
	res, err := demo.Generate(sys, app.DB, demo.Deps{
		Plan: app.Plan.Plan, Catalog: app.Catalog, Classes: reg.Classification(), Map: reg.IndustryMap(),
	}, demo.Options{Seed: seed})
	if err != nil {
		return demoResult{Result: res}, err
	}
	pres, err := app.Projects.GenerateDemo(sys, seed)
	if err != nil || app.Indicators == nil {
		return demoResult{Result: res, Projects: pres}, err
	}
	// The demo is one bulk load: its analytics are built with it, so the
	// first 驾驶舱 answers from complete figures instead of a pending refresh.
	_, err = app.Indicators.Analytics.Rebuild(ctx)
	return demoResult{Result: res, Projects: pres}, err
}

// demoIfEmpty generates the demo dataset when the store has no enterprises,
// so `serve --demo` can be run again on the same data directory.
func (e *cmdEnv) demoIfEmpty(ctx context.Context, app *App) error {
	d, err := demo.Current(ctx, app.DB)
	if err != nil || d.Enterprises > 0 {
		return err
	}
	res, err := generateDemo(ctx, app, 1)
	if err != nil {
		return err
	}
	e.log.Info("generated demo dataset (演示数据)", "enterprises", res.Enterprises, "values", res.Values, "seconds", res.Seconds)
	return nil
}
