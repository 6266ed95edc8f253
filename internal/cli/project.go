package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mfgplan/internal/project"
)

func (e *cmdEnv) projectCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "project", Short: "重大项目: the project library, stages, 前期手续, investment, 红黄绿灯, problems, visits, 通报"}
	cmd.AddCommand(e.projectListCmd(), e.projectShowCmd(), e.projectWriteCmd("add"), e.projectWriteCmd("update"), e.projectMoveCmd(),
		e.projectApprovalCmd(), e.projectPlanCmd(), e.projectInvestCmd(), e.projectProblemCmd(), e.projectVisitCmd(),
		e.projectEvaluateCmd(), e.projectSummaryCmd(), e.projectBulletinCmd(), e.projectLedgerCmd(), e.projectRulesCmd(),
		e.projectCompareCmd(), e.projectSignedCmd())
	return cmd
}

// withProject runs fn as the local operator for a command whose first
// argument is a project number (XM12 or 12).
func (e *cmdEnv) withProject(cmd *cobra.Command, arg string, fn func(ctx context.Context, app *App, id int64) error) error {
	id, err := projectID(arg)
	if err != nil {
		return err
	}
	return e.operate(cmd, func(ctx context.Context, app *App) error { return fn(ctx, app, id) })
}

func projectID(arg string) (int64, error) {
	s := arg
	if len(s) > 2 && (s[:2] == "XM" || s[:2] == "xm") {
		s = s[2:]
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("project %q is not a project number (XM12 or 12)", arg)
	}
	return id, nil
}

func (e *cmdEnv) projectListCmd() *cobra.Command {
	var f project.Filter
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List projects with their light in a month (filters: --stage --tier --county --park --cluster --chain --node --light --origin -q)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				page, err := app.Projects.List(ctx, f)
				if err != nil {
					return err
				}
				return e.print(page, func(w io.Writer) {
					fmt.Fprintf(w, "%s，%s\n", page.PeriodLabel, page.RuleSetName)
					for _, it := range page.Items {
						fmt.Fprintf(w, "%-7s %-4s %-4s %-8s %s\n        %s\n", it.Number, it.StageName, it.Light.Name, it.CountyName, it.Project.Name, it.Reason)
					}
					fmt.Fprintf(w, "%d of %d (offset %d)\n", len(page.Items), page.Total, page.Offset)
				})
			})
		},
	}
	fl := cmd.Flags()
	for _, s := range []struct {
		dst         *string
		name, usage string
	}{{&f.Stage, "stage", "reserve, signed, preparing, started, building, completed, producing, paused, terminated"}, {&f.Tier, "tier", "province, city or county"},
		{&f.County, "county", "county code"}, {&f.Park, "park", "park code"}, {&f.Cluster, "cluster", "cluster code"}, {&f.SubSector, "sub-sector", "sub-sector code"},
		{&f.Chain, "chain", "chain code"}, {&f.Node, "node", "chain node code"}, {&f.Light, "light", "red, yellow, green or none"},
		{&f.Origin, "origin", "plan, manual, lead or demo"}, {&f.Period, "period", "month of the lights, YYYY-MM (default: latest with figures)"},
		{&f.Sort, "sort", "id, name, county, stage, total_investment, planned_start, registered_on, light, completion, ytd, overdue"}} {
		fl.StringVar(s.dst, s.name, "", s.usage)
	}
	fl.StringVarP(&f.Query, "query", "q", "", "part of the name, 项目代码 or owner")
	fl.BoolVar(&f.Desc, "desc", false, "descending order")
	fl.BoolVar(&f.Overdue, "overdue", false, "only projects with an overdue 前期手续 item")
	fl.IntVar(&f.Limit, "limit", 50, "page size (max 500)")
	fl.IntVar(&f.Offset, "offset", 0, "rows to skip")
	return cmd
}

func (e *cmdEnv) projectShowCmd() *cobra.Command {
	var period string
	cmd := &cobra.Command{
		Use:   "show PROJECT",
		Short: "一项目一档: the project with its stages, 前期手续, investment, lights, problems, visits and history",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withProject(cmd, args[0], func(ctx context.Context, app *App, id int64) error {
				d, err := app.Projects.Dossier(ctx, id, period)
				if err != nil {
					return err
				}
				return e.print(d, func(w io.Writer) { printDossier(w, d) })
			})
		},
	}
	cmd.Flags().StringVar(&period, "period", "", "month, YYYY-MM (default: latest with figures)")
	return cmd
}

func printDossier(w io.Writer, d *project.Dossier) {
	p := d.Project
	fmt.Fprintf(w, "%s %s\n  %s %s  阶段 %s（%s起）  %s  总投资 %v 万元  项目代码 %s\n  %s：%s\n", p.Number, p.Name, p.CountyName, p.ParkName, p.StageName, p.StageOn, p.TierName, ptr(p.TotalInvestment), p.Code, d.Light.Label, d.Light.Reason)
	for _, t := range d.Stages {
		fmt.Fprintf(w, "  %s %s → %s %s\n", t.On, t.FromName, t.ToName, t.Reason)
	}
	for _, a := range d.Approvals {
		mark := ""
		if a.Overdue {
			mark = fmt.Sprintf("  逾期%d天", a.OverdueDays)
		}
		fmt.Fprintf(w, "  手续 %-24s %-6s 须办 %-5v 时限 %s%s\n", a.Name, a.StatusName, a.Required, a.DueOn, mark)
	}
	for _, m := range d.Investment.Months {
		if m.YTD != nil {
			fmt.Fprintf(w, "  %s 累计 %v 万元 %s\n", m.Label, *m.YTD, m.Progress)
		}
	}
	for _, pr := range d.Problems {
		fmt.Fprintf(w, "  问题 #%d %s %s：%s\n", pr.ID, pr.KindName, pr.StatusName, pr.Description)
	}
	for _, v := range d.Visits {
		fmt.Fprintf(w, "  走访 %s %s：%s\n", v.VisitedOn, v.Visitors, v.Findings)
	}
}

func ptr(v *float64) any {
	if v == nil {
		return "—"
	}
	return *v
}

// projectWriteCmd is `add` or `update PROJECT`: the same flags, and only
// flags that were set are applied.
func (e *cmdEnv) projectWriteCmd(verb string) *cobra.Command {
	var in project.Input
	cmd := &cobra.Command{Use: verb, Args: cobra.NoArgs, Short: "Register a project (--name --county --tier required; at 谋划储备)"}
	if verb == "update" {
		cmd.Use, cmd.Args, cmd.Short = "update PROJECT", cobra.ExactArgs(1), "Change a project's fields (the stage: see move)"
	}
	fl := cmd.Flags()
	strs := map[string]**string{}
	for _, f := range []struct {
		flag, usage string
		dst         **string
	}{
		{"name", "project name", &in.Name}, {"code", "项目代码 (GB/T 40058, e.g. 2104-511722-04-01-123456)", &in.Code},
		{"owner", "investor / owner name when not a registered enterprise", &in.OwnerName}, {"owner-uscc", "investor's 统一社会信用代码", &in.OwnerUSCC},
		{"county", "county code", &in.County}, {"park", "park code (in the county)", &in.Park}, {"cluster", "cluster code", &in.Cluster},
		{"sub-sector", "sub-sector code", &in.SubSector}, {"industry", "GB/T 4754 code of the main product (2–4 digits)", &in.Industry},
		{"kind", "new, expand, upgrade, relocate or purchase", &in.Kind}, {"tier", "province, city or county", &in.Tier},
		{"approval-mode", "approve (核准) or record (备案)", &in.ApprovalMode}, {"planned-start", "YYYY-MM-DD", &in.PlannedStart},
		{"planned-completion", "YYYY-MM-DD", &in.PlannedCompletion}, {"planned-production", "YYYY-MM-DD", &in.PlannedProduction},
		{"content", "construction content", &in.Content}, {"contact-name", "contact", &in.ContactName}, {"contact-phone", "phone", &in.ContactPhone},
		{"service-unit", "包办/帮办 unit", &in.ServiceUnit}, {"service-person", "包办/帮办 person", &in.ServicePerson},
		{"registered-on", "入库日期 YYYY-MM-DD (default today)", &in.RegisteredOn}, {"note", "remarks", &in.Note},
	} {
		fl.String(f.flag, "", f.usage)
		strs[f.flag] = f.dst
	}
	floats := map[string]**float64{"total": &in.TotalInvestment, "energy-tce": &in.EnergyTCE, "electricity-mkwh": &in.ElectricityMkWh}
	fl.Float64("total", 0, "total investment, 万元")
	fl.Float64("energy-tce", 0, "年综合能源消费量, tce")
	fl.Float64("electricity-mkwh", 0, "年电力消费量, 万kWh")
	bools := map[string]**bool{"hazardous": &in.Hazardous, "new-land": &in.NewLand, "eia-exempt": &in.EIAExempt}
	fl.Bool("hazardous", false, "handles hazardous chemicals (安评)")
	fl.Bool("new-land", true, "needs new land (用地)")
	fl.Bool("eia-exempt", false, "outside the 环评 名录")
	fl.Int64("enterprise", 0, "owner enterprise id in the registry")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		fl.Visit(func(f *pflag.Flag) {
			if dst, ok := strs[f.Name]; ok {
				v := f.Value.String()
				*dst = &v
			}
			if dst, ok := floats[f.Name]; ok {
				v, _ := fl.GetFloat64(f.Name)
				*dst = &v
			}
			if dst, ok := bools[f.Name]; ok {
				v, _ := fl.GetBool(f.Name)
				*dst = &v
			}
			if f.Name == "enterprise" {
				v, _ := fl.GetInt64(f.Name)
				in.EnterpriseID = &v
			}
		})
		return e.operate(cmd, func(ctx context.Context, app *App) error {
			var p *project.Project
			var err error
			if verb == "add" {
				p, err = app.Projects.Create(ctx, in)
			} else {
				var id int64
				if id, err = projectID(args[0]); err != nil {
					return err
				}
				p, err = app.Projects.Update(ctx, id, in)
			}
			if err != nil {
				return err
			}
			return e.print(p, func(w io.Writer) { fmt.Fprintf(w, "%s %s（%s，%s）\n", p.Number, p.Name, p.CountyName, p.StageName) })
		})
	}
	return cmd
}

func (e *cmdEnv) projectMoveCmd() *cobra.Command {
	var m project.Move
	cmd := &cobra.Command{
		Use:   "move PROJECT",
		Short: "Move a project to its next stage (--to), or pause / terminate it with --reason",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withProject(cmd, args[0], func(ctx context.Context, app *App, id int64) error {
				p, err := app.Projects.Move(ctx, id, m)
				if err != nil {
					return err
				}
				return e.print(p, func(w io.Writer) { fmt.Fprintf(w, "%s %s：%s（%s）\n", p.Number, p.Name, p.StageName, p.StageOn) })
			})
		},
	}
	cmd.Flags().StringVar((*string)(&m.To), "to", "", "signed, preparing, started, building, completed, producing, paused, terminated")
	cmd.Flags().StringVar(&m.On, "on", "", "date of the change, YYYY-MM-DD (default today)")
	cmd.Flags().StringVar(&m.Reason, "reason", "", "why (required to pause or terminate)")
	cmd.MarkFlagRequired("to")
	return cmd
}

func (e *cmdEnv) projectApprovalCmd() *cobra.Command {
	var in project.ApprovalInput
	cmd := &cobra.Command{
		Use:   "approvals PROJECT [ITEM]",
		Short: "List a project's 前期手续, or change one item (--status --done-on --doc-no --deadline --expires-on --department --note)",
		Args:  cobra.RangeArgs(1, 2),
	}
	fl := cmd.Flags()
	strs := map[string]**string{"status": &in.Status, "done-on": &in.DoneOn, "doc-no": &in.DocNo, "deadline": &in.Deadline, "expires-on": &in.ExpiresOn, "department": &in.Department, "note": &in.Note}
	for name := range strs {
		fl.String(name, "", name+" (status: pending, in_progress, done, not_needed; dates YYYY-MM-DD)")
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		fl.Visit(func(f *pflag.Flag) {
			v := f.Value.String()
			*strs[f.Name] = &v
		})
		return e.withProject(cmd, args[0], func(ctx context.Context, app *App, id int64) error {
			if len(args) == 2 {
				a, err := app.Projects.SetApproval(ctx, id, args[1], in)
				if err != nil {
					return err
				}
				return e.print(a, func(w io.Writer) { fmt.Fprintf(w, "%s：%s %s\n", a.Name, a.StatusName, a.DocNo) })
			}
			list, err := app.Projects.Approvals(ctx, id)
			if err != nil {
				return err
			}
			return e.print(list, func(w io.Writer) {
				for _, a := range list {
					fmt.Fprintf(w, "%-20s %-26s %-6s 须办 %-5v %s 时限 %s 逾期 %d 天\n", a.Item, a.Name, a.StatusName, a.Required, a.Rule, a.DueOn, a.OverdueDays)
				}
			})
		})
	}
	return cmd
}

func (e *cmdEnv) projectPlanCmd() *cobra.Command {
	var year int
	var planned float64
	cmd := &cobra.Command{
		Use:   "plan PROJECT",
		Short: "Set a project's 年度计划投资 (--year --planned, 万元)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withProject(cmd, args[0], func(ctx context.Context, app *App, id int64) error {
				return app.Projects.SetYearPlan(ctx, id, year, planned)
			})
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "year")
	cmd.Flags().Float64Var(&planned, "planned", 0, "年度计划投资, 万元")
	cmd.MarkFlagRequired("year")
	cmd.MarkFlagRequired("planned")
	return cmd
}

func (e *cmdEnv) projectInvestCmd() *cobra.Command {
	var in project.MonthInput
	cmd := &cobra.Command{
		Use:   "invest PROJECT",
		Short: "Enter a month's 本年累计完成投资 (--period YYYY-MM --ytd 万元 [--progress 形象进度])",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withProject(cmd, args[0], func(ctx context.Context, app *App, id int64) error {
				return app.Projects.SetInvestment(ctx, id, in)
			})
		},
	}
	cmd.Flags().StringVar(&in.Period, "period", "", "month, YYYY-MM")
	cmd.Flags().Float64Var(&in.YTD, "ytd", 0, "1–N月累计完成投资, 万元")
	cmd.Flags().StringVar(&in.Progress, "progress", "", "形象进度")
	cmd.MarkFlagRequired("period")
	return cmd
}

func (e *cmdEnv) projectEvaluateCmd() *cobra.Command {
	var period string
	cmd := &cobra.Command{
		Use:   "evaluate",
		Short: "Judge every project's 红黄绿灯 for a month under the city's rule set and store the snapshot",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				run, err := app.Projects.Evaluate(ctx, period)
				if err != nil {
					return err
				}
				return e.print(run, func(w io.Writer) {
					fmt.Fprintf(w, "%s（%s，截至 %s）：%d 个项目，%.2fs\n", run.PeriodLabel, run.RuleSetName, run.AsOf, run.Projects, run.Seconds)
				})
			})
		},
	}
	cmd.Flags().StringVar(&period, "period", "", "month, YYYY-MM")
	cmd.MarkFlagRequired("period")
	return cmd
}

func (e *cmdEnv) projectSummaryCmd() *cobra.Command {
	var q project.SummaryQuery
	cmd := &cobra.Command{
		Use:   "summary",
		Short: "Counts by stage, light and county with investment against plan for a month",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				sum, err := app.Projects.Summary(ctx, q)
				if err != nil {
					return err
				}
				return e.print(sum, func(w io.Writer) {
					fmt.Fprintf(w, "%s（%s）：%d 个项目，累计完成 %.0f / 计划 %.0f 万元\n", sum.PeriodLabel, sum.RuleSetName, sum.Total.Projects, sum.Total.YTD, sum.Total.Planned)
					for _, c := range sum.Counties {
						fmt.Fprintf(w, "  %-10s %4d 个  红 %d 黄 %d 绿 %d  逾期 %d  问题 %d\n", c.Name, c.Projects, c.ByLight["red"], c.ByLight["yellow"], c.ByLight["green"], c.Overdue, c.OpenProblems)
					}
				})
			})
		},
	}
	cmd.Flags().StringVar(&q.Period, "period", "", "month, YYYY-MM (default: latest with figures)")
	cmd.Flags().StringVar(&q.County, "county", "", "county code")
	return cmd
}

func (e *cmdEnv) projectBulletinCmd() *cobra.Command {
	var period, out string
	cmd := &cobra.Command{
		Use:   "bulletin",
		Short: "Write the monthly 通报 xlsx (by county, projects, overdue 前期手续, open problems)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var buf bytes.Buffer
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				if _, err := app.Projects.Bulletin(ctx, &buf, period); err != nil {
					return err
				}
				return e.writeFile(out, buf.Bytes())
			})
		},
	}
	cmd.Flags().StringVar(&period, "period", "", "month, YYYY-MM (default: latest with figures)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "xlsx file to write")
	cmd.MarkFlagRequired("output")
	return cmd
}

// writeFile writes a generated file and says so.
func (e *cmdEnv) writeFile(out string, data []byte) error {
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	return e.print(map[string]any{"file": out, "bytes": len(data)}, func(w io.Writer) { fmt.Fprintf(w, "wrote %s (%d bytes)\n", out, len(data)) })
}
