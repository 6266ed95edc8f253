package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"mfgplan/internal/collect"
)

// workbookCmd is the shape of template and export: dataset, period, output.
func (e *cmdEnv) workbookCmd(use, short string, write func(*collect.Service, context.Context, io.Writer, string, string) error) *cobra.Command {
	var dataset, period, out string
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var buf bytes.Buffer
			err := e.withApp(cmd, func(ctx context.Context, app *App) error {
				return write(app.Collect, ctx, &buf, dataset, period)
			})
			if err != nil {
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return fmt.Errorf("writing %s: %w", out, err)
			}
			return e.print(map[string]any{"file": out, "bytes": buf.Len(), "dataset": dataset, "period": period}, func(w io.Writer) {
				fmt.Fprintf(w, "wrote %s (%d bytes)\n", out, buf.Len())
			})
		},
	}
	cmd.Flags().StringVar(&dataset, "dataset", "monthly", "dataset code (monthly, yearly)")
	cmd.Flags().StringVar(&period, "period", "", "period: 2024-06 for monthly, 2024 for yearly")
	cmd.Flags().StringVarP(&out, "output", "o", "", "xlsx file to write")
	cmd.MarkFlagRequired("period")
	cmd.MarkFlagRequired("output")
	return cmd
}

func (e *cmdEnv) templateCmd() *cobra.Command {
	return e.workbookCmd("template", "Write an xlsx fill-in template (填报模板) for a dataset and period", (*collect.Service).Template)
}

func (e *cmdEnv) exportCmd() *cobra.Command {
	return e.workbookCmd("export", "Export stored values to xlsx in the template's layout (re-importable)", (*collect.Service).Export)
}

func (e *cmdEnv) importCmd() *cobra.Command {
	var req collect.ImportRequest
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import an xlsx or CSV file of data values (all or nothing); list shows the history",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("reading %s: %w", args[0], err)
			}
			req.FileName, req.Data = args[0], data
			var res *collect.ImportResult
			err = e.withApp(cmd, func(ctx context.Context, app *App) error {
				res, err = app.Collect.Import(ctx, req)
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
			if err != nil && res != nil {
				return fmt.Errorf("import %d rejected (%d errors)", res.ID, res.Errors)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&req.Dataset, "dataset", "", "dataset code (default: from the workbook, or the one dataset of the period's type)")
	cmd.Flags().StringVar(&req.Period, "period", "", "period (default: from the workbook's 填报说明 sheet)")
	cmd.Flags().BoolVar(&req.DryRun, "dry-run", false, "check only; write nothing")
	cmd.AddCommand(e.importListCmd(), e.importShowCmd(), e.importDownloadCmd())
	return cmd
}

func (e *cmdEnv) importShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Show one import with its problems",
		Args:  cobra.ExactArgs(1),
		RunE: e.withImport(func(ctx context.Context, svc *collect.Service, id int64) error {
			res, err := svc.GetImport(ctx, id)
			if err != nil {
				return err
			}
			return e.print(res, func(w io.Writer) { printImport(w, res) })
		}),
	}
}

func (e *cmdEnv) importDownloadCmd() *cobra.Command {
	var out string
	var annotated bool
	cmd := &cobra.Command{
		Use:   "download ID",
		Short: "Save an import's original file, or with --annotated its annotated workbook",
		Args:  cobra.ExactArgs(1),
		RunE: e.withImport(func(ctx context.Context, svc *collect.Service, id int64) error {
			name, data, err := svc.ImportFile(ctx, id, annotated)
			if err != nil {
				return err
			}
			if out == "" {
				out = name
			}
			if err := os.WriteFile(out, data, 0o644); err != nil {
				return fmt.Errorf("writing %s: %w", out, err)
			}
			return e.print(map[string]any{"file": out, "bytes": len(data)}, func(w io.Writer) { fmt.Fprintf(w, "wrote %s (%d bytes)\n", out, len(data)) })
		}),
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default: the stored name)")
	cmd.Flags().BoolVar(&annotated, "annotated", false, "the annotated workbook (错误信息 column, failing rows red) instead of the original")
	return cmd
}

func (e *cmdEnv) importListCmd() *cobra.Command {
	var limit, offset int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List past imports, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var items []collect.ImportResult
			var total int
			err := e.withApp(cmd, func(ctx context.Context, app *App) (err error) {
				items, total, err = app.Collect.ListImports(ctx, limit, offset)
				return err
			})
			if err != nil {
				return err
			}
			return e.print(map[string]any{"items": items, "total": total}, func(w io.Writer) {
				for _, r := range items {
					fmt.Fprintf(w, "%5d  %s  %-9s  %-8s %-8s %-30s +%d ~%d =%d  errors %d  %s\n", r.ID, r.CreatedAt, r.Status, r.Dataset, r.Period, r.FileName, r.Inserted, r.Updated, r.Unchanged, r.Errors, r.Actor)
				}
				fmt.Fprintf(w, "%d of %d\n", len(items), total)
			})
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 50, "how many")
	cmd.Flags().IntVar(&offset, "offset", 0, "skip this many")
	return cmd
}

// withImport is the RunE of a command on one stored import: it parses the
// id, opens the app and runs fn as the local system principal.
func (e *cmdEnv) withImport(fn func(ctx context.Context, svc *collect.Service, id int64) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		id, err := strconv.ParseInt(args[0], 10, 64)
		if err != nil {
			return fmt.Errorf("import id %q is not a number", args[0])
		}
		return e.withApp(cmd, func(ctx context.Context, app *App) error { return fn(ctx, app.Collect, id) })
	}
}

// printImport shows an import's outcome and its problems.
func printImport(w io.Writer, r *collect.ImportResult) {
	fmt.Fprintf(w, "import %d  %s  %s %s  rows %d\n%s\n", r.ID, r.Status, r.Dataset, r.Period, r.RowsRead, r.Message)
	for _, p := range r.Problems {
		fmt.Fprintln(w, "  "+p.String())
	}
	if n := r.Errors + r.Warnings; n > len(r.Problems) {
		fmt.Fprintf(w, "  … %d more not listed\n", n-len(r.Problems))
	}
}
