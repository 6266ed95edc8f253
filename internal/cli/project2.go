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

	"mfgplan/internal/collect"
	"mfgplan/internal/project"
)

func (e *cmdEnv) projectLedgerCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "ledger", Short: "项目台账: the monthly investment workbook (template, import)"}
	var period, out string
	tmpl := &cobra.Command{
		Use:   "template",
		Short: "Write the 项目台账 template of a month for the projects in scope, pre-filled",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var buf bytes.Buffer
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				if err := app.Projects.LedgerTemplate(ctx, &buf, period); err != nil {
					return err
				}
				return e.writeFile(out, buf.Bytes())
			})
		},
	}
	tmpl.Flags().StringVar(&period, "period", "", "month, YYYY-MM")
	tmpl.Flags().StringVarP(&out, "output", "o", "", "xlsx file to write")
	tmpl.MarkFlagRequired("period")
	tmpl.MarkFlagRequired("output")
	var req collect.ImportRequest
	imp := &cobra.Command{
		Use:   "import FILE",
		Short: "Import a 项目台账 workbook (all or nothing; the history is `mfgplan import list`)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("reading %s: %w", args[0], err)
			}
			req.FileName, req.Data = args[0], data
			var res *collect.ImportResult
			err = e.operate(cmd, func(ctx context.Context, app *App) error {
				res, err = app.Projects.ImportLedger(ctx, req)
				return err
			})
			if res != nil {
				if perr := e.print(res, func(w io.Writer) { printImport(w, res) }); perr != nil {
					return perr
				}
			}
			if err != nil && res != nil && res.Annotated {
				return fmt.Errorf("import %d rejected (%d errors); annotated workbook: mfgplan import download %d --annotated", res.ID, res.Errors, res.ID)
			}
			return err
		},
	}
	imp.Flags().StringVar(&req.Period, "period", "", "month, YYYY-MM (the template's 填报说明 names it)")
	imp.Flags().BoolVar(&req.DryRun, "dry-run", false, "check only, write nothing")
	cmd.AddCommand(tmpl, imp)
	return cmd
}

func (e *cmdEnv) projectProblemCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "problem", Short: "要素保障 problems: list, add, update"}
	var f project.ProblemFilter
	list := &cobra.Command{
		Use: "list", Short: "Problems of the projects in scope (--project --county --kind --open)", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				ps, err := app.Projects.Problems(ctx, f)
				if err != nil {
					return err
				}
				return e.print(ps, func(w io.Writer) {
					for _, p := range ps {
						fmt.Fprintf(w, "#%d XM%d %s %s %s：%s（%s，时限 %s）\n", p.ID, p.ProjectID, p.ProjectName, p.KindName, p.StatusName, p.Description, p.OwnerUnit, p.Deadline)
					}
				})
			})
		},
	}
	list.Flags().Int64Var(&f.Project, "project", 0, "project id")
	list.Flags().StringVar(&f.County, "county", "", "county code")
	list.Flags().StringVar(&f.Kind, "kind", "", "problem kind (land, energy, funding …)")
	list.Flags().BoolVar(&f.Open, "open", false, "only open ones")
	cmd.AddCommand(list, e.problemWriteCmd("add"), e.problemWriteCmd("update"))
	return cmd
}

func (e *cmdEnv) problemWriteCmd(verb string) *cobra.Command {
	var in project.ProblemInput
	cmd := &cobra.Command{Use: "add PROJECT", Args: cobra.ExactArgs(1), Short: "File a problem (--kind --description [--owner-unit --owner-person --deadline --raised-on])"}
	if verb == "update" {
		cmd.Use, cmd.Args, cmd.Short = "update PROJECT PROBLEM", cobra.ExactArgs(2), "Change a problem (--status --resolution --resolved-on …)"
	}
	strs := map[string]**string{"kind": &in.Kind, "description": &in.Description, "owner-unit": &in.OwnerUnit, "owner-person": &in.OwnerPerson,
		"deadline": &in.Deadline, "status": &in.Status, "resolution": &in.Resolution, "raised-on": &in.RaisedOn, "resolved-on": &in.ResolvedOn}
	for name := range strs {
		cmd.Flags().String(name, "", name)
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		setVisited(cmd, strs)
		return e.withProject(cmd, args[0], func(ctx context.Context, app *App, id int64) error {
			var p *project.Problem
			var err error
			if verb == "add" {
				p, err = app.Projects.AddProblem(ctx, id, in)
			} else {
				pid, perr := strconv.ParseInt(args[1], 10, 64)
				if perr != nil {
					return fmt.Errorf("problem %q is not a number", args[1])
				}
				p, err = app.Projects.UpdateProblem(ctx, id, pid, in)
			}
			if err != nil {
				return err
			}
			return e.print(p, func(w io.Writer) { fmt.Fprintf(w, "#%d %s %s：%s\n", p.ID, p.KindName, p.StatusName, p.Description) })
		})
	}
	return cmd
}

// setVisited sets the string fields of the flags given.
func setVisited(cmd *cobra.Command, strs map[string]**string) {
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if dst, ok := strs[f.Name]; ok {
			v := f.Value.String()
			*dst = &v
		}
	})
}

func (e *cmdEnv) projectVisitCmd() *cobra.Command {
	var v project.Visit
	cmd := &cobra.Command{
		Use:   "visit PROJECT",
		Short: "Log a 定期访 visit (--on --visitors --findings [--follow-up]); without --on, list the visits",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withProject(cmd, args[0], func(ctx context.Context, app *App, id int64) error {
				if v.VisitedOn == "" {
					list, err := app.Projects.Visits(ctx, id)
					if err != nil {
						return err
					}
					return e.print(list, func(w io.Writer) {
						for _, x := range list {
							fmt.Fprintf(w, "%s %s：%s %s\n", x.VisitedOn, x.Visitors, x.Findings, x.FollowUp)
						}
					})
				}
				added, err := app.Projects.AddVisit(ctx, id, v)
				if err != nil {
					return err
				}
				return e.print(added, func(w io.Writer) { fmt.Fprintf(w, "走访 #%d %s\n", added.ID, added.VisitedOn) })
			})
		},
	}
	cmd.Flags().StringVar(&v.VisitedOn, "on", "", "visit date, YYYY-MM-DD")
	cmd.Flags().StringVar(&v.Visitors, "visitors", "", "who visited")
	cmd.Flags().StringVar(&v.Findings, "findings", "", "what they found")
	cmd.Flags().StringVar(&v.FollowUp, "follow-up", "", "what follows")
	return cmd
}

func (e *cmdEnv) projectRulesCmd() *cobra.Command {
	var set string
	cmd := &cobra.Command{
		Use:   "light-rules",
		Short: "Show the 红黄绿灯 rule sets with their sources, or choose the city's (--set yinchuan|wuhan)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				choice, err := app.Projects.RuleSets(ctx)
				if set != "" {
					choice, err = app.Projects.ChooseRuleSet(ctx, set)
				}
				if err != nil {
					return err
				}
				return e.print(choice, func(w io.Writer) {
					for _, rs := range choice.RuleSets {
						mark := " "
						if rs.ID == choice.Current {
							mark = "*"
						}
						fmt.Fprintf(w, "%s %s %s\n  %s\n", mark, rs.ID, rs.Name, rs.Source)
						for _, r := range rs.Rules {
							fmt.Fprintf(w, "    %s (%s): 黄 %s %g, 红 %s %g — %s\n", r.Name, r.Measure, r.Yellow.Op, r.Yellow.Value, r.Red.Op, r.Red.Value, r.Source)
						}
					}
				})
			})
		},
	}
	cmd.Flags().StringVar(&set, "set", "", "rule set to use from now on")
	return cmd
}

func (e *cmdEnv) projectCompareCmd() *cobra.Command {
	var org string
	cmd := &cobra.Command{
		Use:   "compare",
		Short: "制造业投资额 from its two sources: the statistics figure and the bottom-up sum of manufacturing projects",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				c, err := app.Projects.CompareMfgInvestment(ctx, org)
				if err != nil {
					return err
				}
				return e.print(c, func(w io.Writer) {
					for _, y := range c.Years {
						fmt.Fprintln(w, y.Sentence)
					}
				})
			})
		},
	}
	cmd.Flags().StringVar(&org, "org", "", "county code (default the city)")
	return cmd
}

func (e *cmdEnv) projectSignedCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "signed",
		Short: "每年引进亿元以上产业项目: 签约 projects of at least 1亿元 per year against the plan's target",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				years, err := app.Projects.SignedOverYears(ctx)
				if err != nil {
					return err
				}
				return e.print(years, func(w io.Writer) {
					for _, y := range years {
						fmt.Fprintf(w, "%d年：%d 个（目标 %g 个以上）\n", y.Year, y.Count, y.Target)
					}
				})
			})
		},
	}
}
