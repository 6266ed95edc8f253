package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"mfgplan/internal/audit"
)

func (e *cmdEnv) auditCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "audit", Short: "The tamper-evident audit log: verify, list, export"}
	verify := &cobra.Command{
		Use:   "verify",
		Short: "Walk the hash chain; report the first edited or missing entry and exit non-zero",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				rep, err := audit.Verify(ctx, app.DB)
				if err != nil {
					return err
				}
				if err := e.print(rep, func(w io.Writer) {
					if rep.Broken == nil {
						fmt.Fprintf(w, "审计日志完整：%d 条记录的哈希链校验通过\n", rep.Checked)
					}
				}); err != nil {
					return err
				}
				if rep.Broken != nil {
					return fmt.Errorf("审计日志被篡改：第 %d 条记录（id=%d）%s", rep.Checked, rep.Broken.ID, rep.Broken.Reason)
				}
				return nil
			})
		},
	}
	var f audit.Filter
	list := &cobra.Command{
		Use:   "list",
		Short: "Search the audit log, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				page, err := audit.Search(ctx, app.DB, f)
				if err != nil {
					return err
				}
				return e.print(page, func(w io.Writer) {
					for _, en := range page.Items {
						fmt.Fprintf(w, "%6d %s %-16s %-15s %-22s %-30s %-7s %s\n", en.ID, en.At, en.Actor, en.IP, en.Action, en.Object, en.Outcome, en.Detail)
					}
					fmt.Fprintf(w, "%d of %d\n", len(page.Items), page.Total)
				})
			})
		},
	}
	var out string
	export := &cobra.Command{
		Use:   "export --out FILE.csv",
		Short: "Export matching entries as CSV (UTF-8 with BOM, opens in Excel)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				fh, err := os.Create(out)
				if err != nil {
					return fmt.Errorf("creating %s: %w", out, err)
				}
				n, err := audit.Export(ctx, app.DB, f, fh)
				if cerr := fh.Close(); err == nil && cerr != nil {
					err = fmt.Errorf("writing %s: %w", out, cerr)
				}
				if err != nil {
					os.Remove(out)
					return err
				}
				return e.print(map[string]any{"file": out, "rows": n}, func(w io.Writer) { fmt.Fprintf(w, "%d entries written to %s\n", n, out) })
			})
		},
	}
	for _, c := range []*cobra.Command{list, export} {
		c.Flags().StringVar(&f.Actor, "actor", "", "username")
		c.Flags().StringVar(&f.Action, "action", "", "action, or a prefix ending in '.' (approval.)")
		c.Flags().Int64Var(&f.EnterpriseID, "enterprise", 0, "enterprise id")
		c.Flags().StringVar(&f.From, "from", "", "from (RFC3339 or YYYY-MM-DD)")
		c.Flags().StringVar(&f.To, "to", "", "to (RFC3339 or YYYY-MM-DD, inclusive)")
	}
	list.Flags().IntVar(&f.Limit, "limit", 50, "entries to show")
	list.Flags().IntVar(&f.Offset, "offset", 0, "entries to skip")
	export.Flags().StringVar(&out, "out", "", "CSV file to write")
	export.MarkFlagRequired("out")
	cmd.AddCommand(verify, list, export, e.auditPruneCmd())
	return cmd
}

func (e *cmdEnv) auditPruneCmd() *cobra.Command {
	var before string
	cmd := &cobra.Command{
		Use:   "prune --before YYYY-MM-DD",
		Short: "Delete entries older than a date, never any inside the retention period (policy audit.retention_days)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			day, err := time.Parse("2006-01-02", before)
			if err != nil {
				return fmt.Errorf("--before %q is not a date YYYY-MM-DD", before)
			}
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				n, err := audit.Prune(ctx, app.DB, day, time.Now(), app.Auth.Policy.Audit.RetentionDays)
				if err != nil {
					return err
				}
				return e.print(map[string]any{"deleted": n}, func(w io.Writer) { fmt.Fprintf(w, "%d entries before %s deleted\n", n, before) })
			})
		},
	}
	cmd.Flags().StringVar(&before, "before", "", "delete entries before this day (UTC)")
	cmd.MarkFlagRequired("before")
	return cmd
}
