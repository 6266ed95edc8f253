package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"mfgplan/internal/stats"
)

func (e *cmdEnv) regionValueCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "region-value", Short: "City/county figures: published statistics and reference values"}
	var f stats.RegionFilter
	list := &cobra.Command{
		Use:   "list",
		Short: "List stored figures with unit and source",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withApp(cmd, func(ctx context.Context, app *App) error {
				vals, err := app.Regions.List(ctx, f)
				if err != nil {
					return err
				}
				return e.print(vals, func(w io.Writer) {
					for _, v := range vals {
						fmt.Fprintf(w, "%s %-6s %-30s %-8s %10g %-4s %s %s\n", v.Org, v.OrgName, v.ElementName, v.Period, v.Value, v.Unit, v.Source, v.Note)
					}
				})
			})
		},
	}
	list.Flags().StringVar(&f.Org, "org", "", "org unit code")
	list.Flags().StringVar(&f.Element, "element", "", "region element code")
	list.Flags().StringVar(&f.Period, "period", "", "period")
	var v stats.RegionValue
	set := &cobra.Command{
		Use:   "set ORG ELEMENT PERIOD VALUE --source S [--note N]",
		Short: "Store a figure for a city or county with its source",
		Args:  cobra.ExactArgs(4),
		RunE: func(cmd *cobra.Command, args []string) error {
			v.Org, v.Element, v.Period = args[0], args[1], args[2]
			if _, err := fmt.Sscanf(args[3], "%g", &v.Value); err != nil {
				return fmt.Errorf("value %q is not a number", args[3])
			}
			return e.withApp(cmd, func(ctx context.Context, app *App) error {
				saved, err := app.Regions.Set(ctx, v)
				if err != nil {
					return err
				}
				return e.print(saved, func(w io.Writer) {
					fmt.Fprintf(w, "%s %s %s %s = %g %s\n", saved.OrgName, saved.ElementName, saved.Period, saved.Element, saved.Value, saved.Unit)
				})
			})
		},
	}
	set.Flags().StringVar(&v.Source, "source", "", "where the figure is published (required)")
	set.Flags().StringVar(&v.Note, "note", "", "remarks (caliber, reliability)")
	cmd.AddCommand(list, set)
	return cmd
}
