package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"mfgplan/internal/access"
	"mfgplan/internal/analytics"
	"mfgplan/internal/indicator"
	"mfgplan/internal/indicator/query"
)

// loadIndicators loads the indicator definitions beside the plan (the
// embedded ones for the embedded plan) and builds the indicator service over
// the catalog and the registry's high-tech list and tag vocabulary.
func loadIndicators(planPath string, app *App) (*query.Service, error) {
	name, raw, err := companion(planPath, ".indicators.yaml")
	if err != nil {
		return nil, err
	}
	if raw == nil {
		return nil, fmt.Errorf("indicator definitions %s not found", name)
	}
	eng, err := indicator.Load(app.Plan.Plan, name, raw, indicatorDeps(app))
	if err != nil {
		return nil, err
	}
	return query.New(app.DB, eng, analytics.New(app.DB, eng)), nil
}

func indicatorDeps(app *App) indicator.Deps {
	tags := app.Registry.Tags()
	levels := make([]string, len(tags.LevelList))
	for i, l := range tags.LevelList {
		levels[i] = l.Code
	}
	return indicator.Deps{
		Element:   func(c string) bool { return app.Catalog.Element(c) != nil || app.Catalog.RegionElement(c) != nil },
		HighTech:  app.Registry.Classification(),
		TagLevels: levels,
		Tag:       func(c string) bool { return tags.Tag(c) != nil },
	}
}

// openIndicators opens the app for an indicator command.
func (e *cmdEnv) openIndicators(cmd *cobra.Command) (*App, error) {
	app, err := e.open(cmd)
	if err != nil {
		return nil, err
	}
	if app.IndicatorsErr != nil {
		app.Close()
		return nil, app.IndicatorsErr
	}
	cmd.SetContext(access.With(cmd.Context(), access.System))
	return app, nil
}

func bindIndicatorQuery(cmd *cobra.Command, q *query.Params) {
	cmd.Flags().IntVar(&q.Year, "year", 0, "year (its last period with data)")
	cmd.Flags().StringVar(&q.Period, "period", "", "period: 2024, 2024Q2 or 2024-06")
	cmd.Flags().StringVar(&q.Org, "org", "", "org unit: city, county or park code (default the city)")
	cmd.Flags().Var(basisFlag{&q.Basis}, "basis", "data basis: all (全部数据) or approved (仅已审核数据); default the analytics.approved_only setting")
}

// basisFlag reads --basis, refusing anything but all or approved.
type basisFlag struct{ b *indicator.Basis }

func (f basisFlag) String() string {
	if f.b == nil {
		return ""
	}
	return string(*f.b)
}

func (f basisFlag) Set(s string) error {
	b, err := indicator.ParseBasis(s)
	if err == nil {
		*f.b = b
	}
	return err
}

func (basisFlag) Type() string { return "all|approved" }

func (e *cmdEnv) indicatorsCmd() *cobra.Command {
	var q query.Params
	cmd := &cobra.Command{
		Use:   "indicators",
		Short: "The plan's headline indicators (专栏1): actual, target to date, status and reason",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			app, err := e.openIndicators(cmd)
			if err != nil {
				return err
			}
			defer app.Close()
			res, err := app.Indicators.Indicators(cmd.Context(), q)
			if err != nil {
				return err
			}
			return e.print(res, func(w io.Writer) {
				printFreshness(w, res.Freshness)
				printIndicatorTable(w, res.Table, res.BasisInfo)
				for _, t := range res.Breakdown {
					printIndicatorTable(w, t, res.BasisInfo)
				}
			})
		},
	}
	bindIndicatorQuery(cmd, &q)
	cmd.Flags().StringVar(&q.By, "by", "", "also break down by county, park, cluster, sub_sector, chain or node")
	return cmd
}

// printFreshness says as of when the figures are and, when changes wait to
// be counted (written by a process that did not count them), how to count them.
func printFreshness(w io.Writer, f analytics.Freshness) {
	if f.AsOf != "" {
		fmt.Fprintf(w, "数据截至 %s\n", f.AsOf)
	}
	if f.Pending {
		fmt.Fprintln(w, "有变更尚未计入（运行中的服务会自动计入，或运行 mfgplan analytics refresh）")
	}
}

func printIndicatorTable(w io.Writer, t query.Table, b indicator.BasisInfo) {
	fmt.Fprintf(w, "\n%s %s %s（%s）数据口径：%s\n", t.Org.Name, t.GroupName, t.PeriodLabel, t.Org.Code, b.BasisName)
	for _, r := range t.Items {
		fmt.Fprintf(w, "  %-28s %-10s %-10s %-9s %-10s %s  %s\n", r.Code, indNum(r.Actual), indNum(r.TargetToDate), indPct(r.Completion), r.Status, r.Unit, r.Reason)
	}
}

func indNum(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f", *v)
}

func indPct(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", *v)
}

func (e *cmdEnv) indicatorCmd() *cobra.Command {
	var q query.Params
	var group string
	explain := &cobra.Command{
		Use:   "explain CODE",
		Short: "How an indicator's value came about: formula, inputs, top contributing enterprises",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			app, err := e.openIndicators(cmd)
			if err != nil {
				return err
			}
			defer app.Close()
			ex, err := app.Indicators.Explain(cmd.Context(), args[0], q, group)
			if err != nil {
				return err
			}
			return e.print(ex, func(w io.Writer) { printIndicatorExplanation(w, ex) })
		},
	}
	bindIndicatorQuery(explain, &q)
	explain.Flags().StringVar(&group, "group", "", "narrow to cluster:CODE; for the city or a county also sub:CODE, chain:CODE or node:CODE")
	cmd := &cobra.Command{Use: "indicator", Short: "One indicator in detail"}
	cmd.AddCommand(explain)
	return cmd
}

func printIndicatorExplanation(w io.Writer, ex *query.Explanation) {
	r, d := ex.Row, ex.Definition
	fmt.Fprintf(w, "%s %s — %s %s（数据口径：%s）\n", r.Code, r.Name, ex.Org.Name, r.PeriodLabel, ex.BasisName)
	fmt.Fprintf(w, "实际 %s %s；序时目标 %s；%s：%s\n", indNum(r.Actual), r.Unit, indNum(r.TargetToDate), r.Status, r.Reason)
	if d.Kind == indicator.Direct {
		fmt.Fprintf(w, "直接录入：%s（%s）\n", d.Element, d.Source)
		return
	}
	if d.Formula != "" {
		fmt.Fprintf(w, "公式：%s\n", d.Formula)
	} else {
		fmt.Fprintf(w, "公式：(%s) / (%s) × %g\n", d.Numerator, d.Denominator, d.Factor)
	}
	if d.Compare != indicator.CompareLevel {
		fmt.Fprintf(w, "比较：%s（与上年同期相比）\n", d.Compare)
	}
	for _, in := range ex.Inputs {
		fmt.Fprintf(w, "  %s = %s（%d 户）\n", in.Call, indNum(in.Value), in.Firms)
	}
	for _, in := range ex.PrevInputs {
		fmt.Fprintf(w, "  上年同期 %s = %s（%d 户）\n", in.Call, indNum(in.Value), in.Firms)
	}
	for i, c := range ex.Contributors {
		fmt.Fprintf(w, "  %2d. %s  %.2f（%s）\n", i+1, c.Name, c.Value, indPct(c.Share))
	}
}

func (e *cmdEnv) analyticsCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "analytics", Short: "Pre-computed indicator analytics"}
	run := func(use, short string, full bool) *cobra.Command {
		return &cobra.Command{
			Use: use, Short: short, Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				app, err := e.openIndicators(cmd)
				if err != nil {
					return err
				}
				defer app.Close()
				do := app.Indicators.Analytics.Refresh
				if full {
					do = app.Indicators.Analytics.Rebuild
				}
				st, err := do(cmd.Context())
				if err != nil {
					return err
				}
				return e.print(st, func(w io.Writer) {
					fmt.Fprintf(w, "%d changes, %d periods, %d units, %d rows in %s\n", st.Changes, st.Periods, st.Units, st.Rows, st.Duration)
				})
			},
		}
	}
	cmd.AddCommand(run("rebuild", "Recompute every analytics row from the data", true),
		run("refresh", "Recompute only what changed since the last refresh", false))
	return cmd
}
