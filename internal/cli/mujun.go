package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"mfgplan/internal/mujun"
)

// mujunFlags hold the 亩均 subcommands' flags; each command binds its own
// fields, so that one command's default never leaks into another.
type mujunFlags struct {
	year                int
	method, methodFile  string
	from, to, version   string
	publishVersion      string
	verifyVersion       string
	jurisdiction        string
	outFile, outDir     string
	county, park, class string
	limit               int
}

func (e *cmdEnv) mujunCmd() *cobra.Command {
	f := &mujunFlags{}
	cmd := &cobra.Command{Use: "mujun", Short: "亩均效益评价: run, publish, diff, rankings, 差别化 lists"}
	cmd.PersistentFlags().IntVar(&f.year, "year", 0, "evaluated year, e.g. 2024")
	cmd.PersistentFlags().StringVar(&f.method, "method", "", "method id (sichuan, zhejiang_huangyan, huaian, guixia; default: the plan's evaluation.mujun_method)")
	cmd.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return f.planDefaults(e.cfg.Plan) }
	cmd.AddCommand(
		e.mujunMethodsCmd(),
		e.mujunRunCmd(f),
		e.mujunRunsCmd(f),
		e.mujunDiffCmd(f),
		e.mujunPublishCmd(f),
		e.mujunVerifyCmd(f),
		e.mujunEntriesCmd(f),
		e.mujunPricingCmd(f),
	)
	return cmd
}

// withMujun opens the app and runs fn as the local system principal.
func (e *cmdEnv) withMujun(cmd *cobra.Command, fn func(ctx context.Context, svc *mujun.Service) error) error {
	return e.withApp(cmd, func(ctx context.Context, app *App) error { return fn(ctx, app.Mujun) })
}

func (e *cmdEnv) mujunMethodsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "methods",
		Short: "List the built-in evaluation methods with their versions, hashes and sources",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			all, err := mujun.Presets()
			if err != nil {
				return err
			}
			return e.print(all, func(w io.Writer) {
				for _, lm := range all {
					m := lm.Method
					fmt.Fprintf(w, "%-18s v%d  %s  %s\n  自 %s  依据：%s\n", m.ID, m.Version, lm.Hash[:12], m.Name, m.EffectiveFrom, m.Source)
				}
			})
		},
	}
}

func (e *cmdEnv) mujunRunCmd(f *mujunFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Evaluate every eligible firm of a year and store the snapshot (an identical one is returned, not duplicated)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lm, err := resolveMethod(f)
			if err != nil {
				return err
			}
			return e.withMujun(cmd, func(ctx context.Context, svc *mujun.Service) error {
				out, err := svc.Run(ctx, f.year, lm, "manual")
				if err != nil {
					return err
				}
				return e.print(out, func(w io.Writer) {
					verb := "已生成"
					if !out.Created {
						verb = "输入未变，沿用已有"
					}
					r := out.Run
					fmt.Fprintf(w, "%s %d 年 %s 第 %d 版（批次 %d）：%d 家企业，内容哈希 %s，状态 %s\n", verb, r.Year, r.MethodID, r.Version, r.ID, r.EntryCount, r.ContentHash[:16], r.Status)
				})
			})
		},
	}
	cmd.Flags().StringVar(&f.methodFile, "method-file", "", "a method file instead of a preset (e.g. Sichuan with Dazhou's local indicators set)")
	markRequired(cmd)
	return cmd
}

// markRequired makes flags of cmd mandatory; the 亩均 commands that act on
// one year also need --year, which is shared by all of them.
func markRequired(cmd *cobra.Command, names ...string) {
	for _, n := range names {
		_ = cmd.MarkFlagRequired(n) // the flags are defined just above
	}
	cmd.PreRunE = func(cmd *cobra.Command, _ []string) error {
		if y, _ := cmd.Flags().GetInt("year"); y == 0 {
			return fmt.Errorf("--year is required (e.g. --year 2024)")
		}
		return nil
	}
}

// planDefaults fills --method and --jurisdiction from the plan's evaluation
// block when they are not given, so that no region's method is the code's.
func (f *mujunFlags) planDefaults(planPath string) error {
	if f.method != "" && f.jurisdiction != "" {
		return nil
	}
	l, err := loadPlan(planPath)
	if err != nil {
		return err
	}
	ev := l.Plan.Evaluation
	f.method = orEmpty(f.method, ev.MujunMethod)
	f.jurisdiction = orEmpty(f.jurisdiction, ev.PricingJurisdiction)
	return nil
}

func orEmpty(v, def string) string {
	if v != "" {
		return v
	}
	return def
}

// resolveMethod loads --method-file when given, else the preset --method.
func resolveMethod(f *mujunFlags) (*mujun.LoadedMethod, error) {
	if f.methodFile != "" {
		return mujun.LoadMethodFile(f.methodFile)
	}
	if f.method == "" {
		return nil, fmt.Errorf("the plan names no 亩均 method (evaluation.mujun_method): give --method or --method-file")
	}
	return mujun.Preset(f.method)
}

func (e *cmdEnv) mujunRunsCmd(f *mujunFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "runs",
		Short: "List stored runs (filter with --year and --method)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withMujun(cmd, func(ctx context.Context, svc *mujun.Service) error {
				runs, err := svc.ListRuns(ctx, f.year, f.method)
				if err != nil {
					return err
				}
				return e.print(runs, func(w io.Writer) {
					for _, r := range runs {
						fmt.Fprintf(w, "批次 %-4d %d %-18s v%-3d %-10s %5d 家  %s  %s %s\n", r.ID, r.Year, r.MethodID, r.Version, r.Status, r.EntryCount, r.ContentHash[:12], r.CreatedAt, r.Trigger)
					}
				})
			})
		},
	}
}

func (e *cmdEnv) mujunDiffCmd(f *mujunFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "diff",
		Short: "Show the firms whose inputs, scores, ranks or class differ between two versions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withMujun(cmd, func(ctx context.Context, svc *mujun.Service) error {
				from, err := svc.RunByVersion(ctx, f.year, f.method, f.from)
				if err != nil {
					return err
				}
				to, err := svc.RunByVersion(ctx, f.year, f.method, f.to)
				if err != nil {
					return err
				}
				d, err := svc.DiffRuns(ctx, from.ID, to.ID)
				if err != nil {
					return err
				}
				return e.print(d, func(w io.Writer) { printDiff(w, d) })
			})
		},
	}
	cmd.Flags().StringVar(&f.from, "from", "", "earlier version, e.g. v1")
	cmd.Flags().StringVar(&f.to, "to", "", "later version, e.g. v2")
	markRequired(cmd, "from", "to")
	return cmd
}

func printDiff(w io.Writer, d mujun.Diff) {
	fmt.Fprintf(w, "%d 年 %s v%d → v%d：%s\n", d.From.Year, d.From.MethodID, d.From.Version, d.To.Version, d.Summary)
	for _, f := range d.Firms {
		fmt.Fprintf(w, "• %d %s（%s）\n", f.EnterpriseID, f.Name, f.Kind)
		for _, group := range [][]mujun.Change{f.Inputs, f.Scores, f.Ranks} {
			for _, c := range group {
				fmt.Fprintf(w, "    %-22s %v → %v\n", c.Field, c.From, c.To)
			}
		}
		if f.Class != nil {
			fmt.Fprintf(w, "    %-22s %v → %v\n", "class", f.Class.From, f.Class.To)
		}
	}
}

func (e *cmdEnv) mujunPublishCmd(f *mujunFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "publish",
		Short: "Publish a version as the official result of its year and method (locks it)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withMujun(cmd, func(ctx context.Context, svc *mujun.Service) error {
				run, err := svc.RunByVersion(ctx, f.year, f.method, f.publishVersion)
				if err != nil {
					return err
				}
				pub, err := svc.Publish(ctx, run.ID)
				if err != nil {
					return err
				}
				return e.print(pub, func(w io.Writer) {
					fmt.Fprintf(w, "已发布 %d 年 %s 第 %d 版（批次 %d）\n", pub.Year, pub.MethodID, pub.Version, pub.ID)
				})
			})
		},
	}
	cmd.Flags().StringVar(&f.publishVersion, "version", "", "version to publish, e.g. v2")
	markRequired(cmd, "version")
	return cmd
}

func (e *cmdEnv) mujunVerifyCmd(f *mujunFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Recompute a version with its archived method over current data and compare the snapshot hash",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withMujun(cmd, func(ctx context.Context, svc *mujun.Service) error {
				run, err := svc.RunByVersion(ctx, f.year, f.method, f.verifyVersion)
				if err != nil {
					return err
				}
				v, err := svc.Verify(ctx, run.ID)
				if err != nil {
					return err
				}
				return e.print(v, func(w io.Writer) {
					fmt.Fprintf(w, "%d 年 %s 第 %d 版：%s\n  快照 %s\n  重算 %s\n", run.Year, run.MethodID, run.Version, v.Explanation, run.ContentHash, v.Recomputed)
				})
			})
		},
	}
	cmd.Flags().StringVar(&f.verifyVersion, "version", "", "version to verify, e.g. v1")
	markRequired(cmd, "version")
	return cmd
}

func (e *cmdEnv) mujunEntriesCmd(f *mujunFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "entries",
		Short: "Print a version's ranking (filter by --county, --park, --class); --out FILE.xlsx exports it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withMujun(cmd, func(ctx context.Context, svc *mujun.Service) error {
				run, err := svc.RunByVersion(ctx, f.year, f.method, f.version)
				if err != nil {
					return err
				}
				filter := mujun.EntryFilter{County: f.county, Park: f.park, Class: f.class, Limit: f.limit}
				if f.outFile != "" {
					data, err := svc.ExportEntries(ctx, run.ID, filter)
					if err != nil {
						return err
					}
					return saveFile(e.out, f.outFile, data)
				}
				page, err := svc.Entries(ctx, run.ID, filter)
				if err != nil {
					return err
				}
				return e.print(page, func(w io.Writer) {
					fmt.Fprintf(w, "%d 年 %s 第 %d 版：共 %d 家（%s）\n", run.Year, run.MethodID, run.Version, page.Total, page.Unit)
					for _, en := range page.Items {
						fmt.Fprintf(w, "%4d %4d  %-8s %-8s %9.3f  %s  %s %s\n", en.RankCity, en.RankCounty, en.County, en.Park, en.Total, en.Class, en.Name, en.Reason)
					}
				})
			})
		},
	}
	cmd.Flags().StringVar(&f.version, "version", "v1", "version, e.g. v2")
	cmd.Flags().StringVar(&f.county, "county", "", "county code")
	cmd.Flags().StringVar(&f.park, "park", "", "park code")
	cmd.Flags().StringVar(&f.class, "class", "", "class (A, B, C, D, T)")
	cmd.Flags().IntVar(&f.limit, "limit", 50, "rows to print (0: all)")
	cmd.Flags().StringVar(&f.outFile, "out", "", "write the ranking to this xlsx file instead")
	markRequired(cmd)
	return cmd
}

func (e *cmdEnv) mujunPricingCmd(f *mujunFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pricing",
		Short: "Write the 差别化 price lists (one xlsx per resource) from the published run of --year",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withMujun(cmd, func(ctx context.Context, svc *mujun.Service) error {
				files, err := svc.ExportPricing(ctx, f.year, f.method, f.jurisdiction)
				if err != nil {
					return err
				}
				for _, pf := range files {
					if err := saveFile(e.out, filepath.Join(f.outDir, pf.Name), pf.Data); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&f.jurisdiction, "jurisdiction", "", "rules of which jurisdiction (shandong, qingdao, sichuan, dazhou; default: the plan's evaluation.pricing_jurisdiction)")
	cmd.Flags().StringVar(&f.outDir, "out", ".", "directory for the xlsx files")
	markRequired(cmd)
	return cmd
}

// saveFile writes data to path and says so.
func saveFile(w io.Writer, path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	fmt.Fprintf(w, "已写入 %s（%d 字节）\n", path, len(data))
	return nil
}
