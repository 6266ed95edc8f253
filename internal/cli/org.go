package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"mfgplan/internal/registry"
)

func (e *cmdEnv) orgCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "org", Short: "Org units, parks and the designation vocabulary"}
	cmd.AddCommand(e.orgListCmd(), e.townCmd(), &cobra.Command{
		Use:   "parks",
		Short: "List the parks with their county and enterprise counts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withApp(cmd, func(ctx context.Context, app *App) error {
				parks, err := app.Registry.Parks(ctx, "")
				if err != nil {
					return err
				}
				return e.print(parks, func(w io.Writer) {
					for _, p := range parks {
						fmt.Fprintf(w, "%-32s %-28s %s %5d 家企业\n", p.Code, p.Name, p.CountyName, p.Enterprises)
					}
				})
			})
		},
	}, &cobra.Command{
		Use:   "tags",
		Short: "List the designations (称号) and their levels",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withApp(cmd, func(_ context.Context, app *App) error {
				v := app.Registry.Tags()
				return e.print(v, func(w io.Writer) {
					for _, t := range v.Tags {
						fmt.Fprintf(w, "%-22s %s %v\n", t.Code, t.Name, t.Levels)
					}
				})
			})
		},
	})
	return cmd
}

func (e *cmdEnv) industryMapCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "industry-map", Short: "The plan's industry-code → cluster/sub-sector table"}
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List the stored rules (longest prefix wins)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withApp(cmd, func(ctx context.Context, app *App) error {
				rules, err := registry.StoredIndustryMap(ctx, app.DB, app.Plan.Plan.ID)
				if err != nil {
					return err
				}
				classes := app.Registry.Classification()
				return e.print(rules, func(w io.Writer) {
					for _, r := range rules {
						fmt.Fprintf(w, "%-5s %-24s %-24s %s\n", r.Prefix, r.Cluster, r.SubSector, classes.DivisionName(r.Prefix))
					}
				})
			})
		},
	})
	return cmd
}
