package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mfgplan/internal/registry"
)

func (e *cmdEnv) enterpriseCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "enterprise", Short: "List, show, register, change and tag enterprises"}
	cmd.AddCommand(e.enterpriseListCmd(), e.enterpriseShowCmd(), e.enterpriseWriteCmd("add"), e.enterpriseWriteCmd("update"), e.enterpriseTagCmd(), e.enterpriseScaleCmd(), e.enterpriseNodeCmd())
	return cmd
}

func (e *cmdEnv) enterpriseListCmd() *cobra.Command {
	var f registry.Filter
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List enterprises (filters: --county --park --town --cluster --sub-sector --chain --node --tag --above-scale-year -q)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withApp(cmd, func(ctx context.Context, app *App) error {
				page, err := app.Registry.List(ctx, f)
				if err != nil {
					return err
				}
				return e.print(page, func(w io.Writer) {
					for _, it := range page.Items {
						fmt.Fprintf(w, "%6d  %s  %-40s %s %s %s/%s\n", it.ID, it.USCC, it.Name, it.CountyName, it.Industry, it.Cluster, it.SubSector)
					}
					fmt.Fprintf(w, "%d of %d (offset %d)\n", len(page.Items), page.Total, page.Offset)
				})
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.County, "county", "", "county code")
	fl.StringVar(&f.Park, "park", "", "park code")
	fl.StringVar(&f.Town, "town", "", "town code (9-digit 统计用区划代码)")
	fl.StringVar(&f.Cluster, "cluster", "", "cluster code")
	fl.StringVar(&f.SubSector, "sub-sector", "", "sub-sector code")
	fl.StringVar(&f.Chain, "chain", "", "industrial chain code: linked to any of its nodes")
	fl.StringVar(&f.Node, "node", "", "chain node code")
	fl.StringVar(&f.Tag, "tag", "", "designation code held on --tag-as-of")
	fl.StringVar(&f.TagMinLevel, "tag-min-level", "", "city, province or national")
	fl.StringVar(&f.TagAsOf, "tag-as-of", "", "YYYY-MM-DD (default today)")
	fl.IntVar(&f.AboveScaleYear, "above-scale-year", 0, "规上 in that year")
	fl.StringVarP(&f.Query, "query", "q", "", "part of the name or USCC")
	fl.IntVar(&f.Limit, "limit", 50, "page size (max 500)")
	fl.IntVar(&f.Offset, "offset", 0, "rows to skip")
	return cmd
}

func (e *cmdEnv) enterpriseShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Show an enterprise with its tags, 规上 years and registry history",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withEnterprise(cmd, args[0], func(ctx context.Context, app *App, id int64) error {
				ent, err := app.Registry.Get(ctx, id)
				if err != nil {
					return err
				}
				hist, err := app.Registry.History(ctx, id)
				if err != nil {
					return err
				}
				return e.print(map[string]any{"enterprise": ent, "history": hist}, func(w io.Writer) { printEnterprise(w, ent, hist) })
			})
		},
	}
}

func printEnterprise(w io.Writer, e registry.Enterprise, hist []registry.Change) {
	fmt.Fprintf(w, "%s  %s\n%s %s %s  行业 %s %s  高技术 %v  集群 %s/%s\n", e.USCC, e.Name, e.CountyName, e.TownName, e.ParkName, e.Industry, e.DivisionName, e.HighTech, e.Cluster, e.SubSector)
	for _, t := range e.Tags {
		fmt.Fprintf(w, "  称号 #%d %s %s %s…%s\n", t.ID, t.Name, t.Level, t.ValidFrom, t.ValidTo)
	}
	for _, y := range e.Years {
		fmt.Fprintf(w, "  %d 规上 %v\n", y.Year, y.AboveScale)
	}
	if len(e.ChainNodes) > 0 {
		fmt.Fprintln(w, "  产业链节点：")
		printLinks(w, e.ChainNodes)
	}
	for _, h := range hist {
		fmt.Fprintf(w, "  %s %s %s: %s → %s (%s)\n", h.ChangedAt, h.Actor, h.Field, deref(h.Old), deref(h.New), h.Source)
	}
}

func deref(s *string) string {
	if s == nil {
		return "∅"
	}
	return *s
}

// enterpriseWriteCmd is `add` (all required fields) or `update ID` (the
// fields given): both take the same flags, and only flags that were set
// are applied.
func (e *cmdEnv) enterpriseWriteCmd(verb string) *cobra.Command {
	var in registry.Input
	cmd := &cobra.Command{Use: verb, Args: cobra.NoArgs, Short: "Register an enterprise (--uscc --name --county --industry required)"}
	if verb == "update" {
		cmd.Use, cmd.Args, cmd.Short = "update ID", cobra.ExactArgs(1), "Change an enterprise's registry fields"
	}
	fl := cmd.Flags()
	fields := []struct {
		flag, usage string
		dst         **string
	}{
		{"uscc", "统一社会信用代码 (18 characters)", &in.USCC}, {"name", "enterprise name", &in.Name},
		{"county", "county code (GB/T 2260)", &in.County}, {"park", "park code (must be in the county)", &in.Park},
		{"town", "town code (9 digits, must be in the county; empty to clear)", &in.Town},
		{"industry", "GB/T 4754-2017 class, 4 digits", &in.Industry},
		{"cluster", "assign the cluster by hand (overrides the industry map)", &in.Cluster},
		{"sub-sector", "sub-sector with --cluster", &in.SubSector}, {"established-on", "YYYY-MM-DD", &in.EstablishedOn},
		{"note", "remarks", &in.Note},
		{"contact-name", "填报联系人", &in.ContactName}, {"contact-phone", "联系电话 (0818-2123456, 13812345678)", &in.ContactPhone},
	}
	strs := map[string]**string{}
	for _, f := range fields {
		fl.String(f.flag, "", f.usage)
		strs[f.flag] = f.dst
	}
	fl.Float64("land-mu", 0, "land area in 亩")
	fl.BoolVar(&in.ClearOverride, "clear-override", false, "derive the cluster from the industry map again")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		fl.Visit(func(f *pflag.Flag) {
			if dst, ok := strs[f.Name]; ok {
				v := f.Value.String()
				*dst = &v
			}
			if f.Name == "land-mu" {
				v, _ := fl.GetFloat64("land-mu")
				in.LandMu = &v
			}
		})
		return e.withApp(cmd, func(ctx context.Context, app *App) error {
			var ent registry.Enterprise
			var err error
			if verb == "add" {
				ent, err = app.Registry.Create(ctx, in, "cli")
			} else {
				var id int64
				if id, err = parseID(args[0]); err != nil {
					return err
				}
				ent, err = app.Registry.Update(ctx, id, in, "cli")
			}
			if err != nil {
				return err
			}
			return e.print(ent, func(w io.Writer) { printEnterprise(w, ent, nil) })
		})
	}
	return cmd
}

func (e *cmdEnv) enterpriseTagCmd() *cobra.Command {
	var t registry.Tag
	var end int64
	cmd := &cobra.Command{
		Use:   "tag ID",
		Short: "Grant a designation (--tag --level --from [--to]) or end one (--end TAG_ID --to DATE)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withEnterprise(cmd, args[0], func(ctx context.Context, app *App, id int64) error {
				if end != 0 {
					return app.Registry.EndTag(ctx, id, end, t.ValidTo, "cli")
				}
				added, err := app.Registry.AddTag(ctx, id, t, "cli")
				if err != nil {
					return err
				}
				return e.print(added, func(w io.Writer) {
					fmt.Fprintf(w, "称号 #%d %s %s %s…%s\n", added.ID, added.Name, added.Level, added.ValidFrom, added.ValidTo)
				})
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&t.Tag, "tag", "", "designation code (see `mfgplan org tags`)")
	fl.StringVar(&t.Level, "level", "", "city, province or national")
	fl.StringVar(&t.ValidFrom, "from", "", "first day held, YYYY-MM-DD")
	fl.StringVar(&t.ValidTo, "to", "", "last day held, YYYY-MM-DD (empty = open)")
	fl.StringVar(&t.Source, "source", "", "where the designation is published")
	fl.Int64Var(&end, "end", 0, "id of a designation to end on --to")
	return cmd
}

// withEnterprise is withApp for a command whose argument is an enterprise id.
func (e *cmdEnv) withEnterprise(cmd *cobra.Command, arg string, fn func(ctx context.Context, app *App, id int64) error) error {
	id, err := parseID(arg)
	if err != nil {
		return err
	}
	return e.withApp(cmd, func(ctx context.Context, app *App) error { return fn(ctx, app, id) })
}

func parseID(arg string) (int64, error) {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("enterprise id %q is not a positive number", arg)
	}
	return id, nil
}

func (e *cmdEnv) enterpriseScaleCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "scale ID YEAR true|false",
		Short: "Set whether the enterprise is 规上 in a year",
		Args:  cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			year, err := strconv.Atoi(args[1])
			if err != nil {
				return fmt.Errorf("year %q is not a number", args[1])
			}
			above, err := strconv.ParseBool(args[2])
			if err != nil {
				return fmt.Errorf("规上 status %q is not true or false", args[2])
			}
			return e.withEnterprise(cmd, args[0], func(ctx context.Context, app *App, id int64) error {
				return app.Registry.SetAboveScale(ctx, id, year, above, "cli")
			})
		},
	}
}
