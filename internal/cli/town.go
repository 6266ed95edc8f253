package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"mfgplan/internal/registry"
)

func (e *cmdEnv) orgListCmd() *cobra.Command {
	var county string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the city, its counties and their towns with enterprise counts (--county: that county's towns)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withApp(cmd, func(ctx context.Context, app *App) error {
				units, err := app.Registry.OrgUnits(ctx, county)
				if err != nil {
					return err
				}
				return e.print(units, func(w io.Writer) {
					for _, u := range units {
						fmt.Fprintf(w, "%-9s  %-10s %-6s %5d 家企业  %s\n", u.Code, u.Name, u.Level, u.Enterprises, u.Source)
					}
				})
			})
		},
	}
	cmd.Flags().StringVar(&county, "county", "", "county code (GB/T 2260): list its towns")
	return cmd
}

func (e *cmdEnv) townCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "town", Short: "Add or delete towns (乡镇/街道) under a county"}
	var in registry.TownInput
	add := &cobra.Command{
		Use:   "add",
		Short: "Add a town: --county 511722 --code 511722100 --name 名称 (9-digit 统计用区划代码)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withApp(cmd, func(ctx context.Context, app *App) error {
				u, err := app.Registry.AddTown(ctx, in)
				if err != nil {
					return err
				}
				return e.print(u, func(w io.Writer) { fmt.Fprintf(w, "已添加 %s %s（属 %s）\n", u.Code, u.Name, u.Parent) })
			})
		},
	}
	fl := add.Flags()
	fl.StringVar(&in.County, "county", "", "county code (GB/T 2260, 6 digits)")
	fl.StringVar(&in.Code, "code", "", "town code: the county code + 3 digits")
	fl.StringVar(&in.Name, "name", "", "town name (…镇, …乡, …街道)")
	del := &cobra.Command{
		Use:   "delete CODE",
		Short: "Delete a town added by a user when no enterprise or figure refers to it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withApp(cmd, func(ctx context.Context, app *App) error {
				if err := app.Registry.DeleteTown(ctx, args[0]); err != nil {
					return err
				}
				return e.print(map[string]any{"code": args[0], "deleted": true}, func(w io.Writer) { fmt.Fprintf(w, "已删除 %s\n", args[0]) })
			})
		},
	}
	cmd.AddCommand(add, del)
	return cmd
}
