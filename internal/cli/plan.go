package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"mfgplan/internal/plan"
)

func (e *cmdEnv) planCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "plan", Short: "Show, validate and version plan files"}
	cmd.AddCommand(&cobra.Command{
		Use:   "show",
		Short: "Print the loaded plan (the embedded Dazhou plan unless --plan names a file)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			l, err := loadPlan(e.cfg.Plan)
			if err != nil {
				return err
			}
			return e.print(l.Plan, func(w io.Writer) { printPlanSummary(w, l) })
		},
	}, &cobra.Command{
		Use:   "validate FILE…",
		Short: "Check plan files and the files beside them (indicators, industry map, published figures); print every problem as file:line and exit non-zero if any",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.validatePlans(args)
		},
	}, &cobra.Command{
		Use:   "versions",
		Short: "List the stored versions of the plan",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			app, err := e.open(cmd)
			if err != nil {
				return err
			}
			defer app.Close()
			vs, err := plan.Versions(cmd.Context(), app.DB, app.Plan.Plan.ID)
			if err != nil {
				return err
			}
			return e.print(vs, func(w io.Writer) {
				for _, v := range vs {
					fmt.Fprintf(w, "%s v%d  %s  %s  %s\n", v.PlanID, v.Version, v.LoadedAt, v.SHA256[:12], v.Source)
				}
			})
		},
	})
	return cmd
}

func printPlanSummary(w io.Writer, l *plan.Loaded) {
	p := l.Plan
	fmt.Fprintf(w, "%s (%s)\n%s %s, %d–%d, baseline %d\n", p.Name, p.ID, p.Region.Province, p.Region.Name, p.Period.Start, p.Period.End, p.Period.BaselineYear)
	fmt.Fprintf(w, "indicators %d, achievements %d, clusters %d, chains %d, counties %d, parks %d, targets %d\n",
		len(p.Indicators), len(p.Achievements), len(p.Clusters), len(p.Chains), len(p.Counties), len(p.Parks), len(p.Targets))
	fmt.Fprintln(w, "\n专栏1 主要指标:")
	for _, ind := range p.Indicators {
		base := "-"
		if ind.Baseline != nil {
			base = fmt.Sprintf("%g (%d)", ind.Baseline.Value, ind.Baseline.Year)
		}
		fmt.Fprintf(w, "  %-30s %-40s %-8s %-14s → %s\n", ind.Code, ind.Name, ind.Unit, base, targetText(ind.Target))
	}
}

func targetText(t plan.IndicatorTarget) string {
	switch {
	case t.Kind == plan.KindExternal:
		return t.External
	case t.Value == nil:
		return "-"
	case t.Kind == plan.KindCumulative:
		return fmt.Sprintf("【%g】", *t.Value)
	case t.Kind == plan.KindGrowth:
		return fmt.Sprintf("[%g]", *t.Value)
	}
	return fmt.Sprintf("%g", *t.Value)
}
