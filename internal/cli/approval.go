package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"mfgplan/internal/approval"
)

func (e *cmdEnv) approvalCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "approval", Short: "Data approval and locking: submit → approve/return → accept; unlock with a reason"}
	var reason string
	for _, act := range []approval.Action{approval.Submit, approval.Approve, approval.Return, approval.Accept, approval.Unlock} {
		c := &cobra.Command{
			Use:   string(act) + " ENTERPRISE_ID DATASET PERIOD",
			Short: "Take the " + string(act) + " step for one enterprise's dataset and period",
			Args:  cobra.ExactArgs(3),
			RunE: func(cmd *cobra.Command, args []string) error {
				k, err := approvalKeyArgs(args)
				if err != nil {
					return err
				}
				return e.operate(cmd, func(ctx context.Context, app *App) error {
					st, err := approval.New(app.DB, app.Catalog).Do(ctx, act, k, reason)
					if err != nil {
						return err
					}
					return e.print(st, func(w io.Writer) { fmt.Fprintf(w, "%s %s: %s\n", st.EnterpriseName, st.Key, st.StatusName) })
				})
			},
		}
		if act == approval.Return || act == approval.Unlock {
			c.Flags().StringVar(&reason, "reason", "", "why (required)")
			c.MarkFlagRequired("reason")
		}
		cmd.AddCommand(c)
	}
	cmd.AddCommand(e.approvalListCmd(), e.approvedOnlyCmd())
	return cmd
}

func approvalKeyArgs(args []string) (approval.Key, error) {
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return approval.Key{}, fmt.Errorf("enterprise id %q is not a number", args[0])
	}
	return approval.Key{EnterpriseID: id, Dataset: args[1], Period: args[2]}, nil
}

func (e *cmdEnv) approvalListCmd() *cobra.Command {
	var f approval.Filter
	cmd := &cobra.Command{
		Use:   "list --dataset monthly --period 2024-06",
		Short: "Approval state of every enterprise for a dataset and period",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				page, err := approval.New(app.DB, app.Catalog).List(ctx, f)
				if err != nil {
					return err
				}
				return e.print(page, func(w io.Writer) {
					for _, st := range page.Items {
						fmt.Fprintf(w, "%6d %-30s %-14s %s %s %s\n", st.EnterpriseID, st.EnterpriseName, st.StatusName, st.UpdatedBy, st.UpdatedAt, st.Reason)
					}
				})
			})
		},
	}
	cmd.Flags().StringVar(&f.Dataset, "dataset", "", "dataset code (monthly, yearly)")
	cmd.Flags().StringVar(&f.Period, "period", "", "period (2024-06, 2024)")
	cmd.MarkFlagRequired("dataset")
	cmd.MarkFlagRequired("period")
	return cmd
}

func (e *cmdEnv) approvedOnlyCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "approved-only [on|off]",
		Short: "Show or set whether analytics use approved data only",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				if len(args) == 1 {
					on, err := strconv.ParseBool(map[string]string{"on": "true", "off": "false"}[args[0]])
					if err != nil {
						return fmt.Errorf("approved-only takes on or off, not %q", args[0])
					}
					if err := approval.SetApprovedOnly(ctx, app.DB, on); err != nil {
						return err
					}
				}
				on, err := approval.ApprovedOnly(ctx, app.DB)
				if err != nil {
					return err
				}
				return e.print(map[string]bool{"approved_only": on}, func(w io.Writer) { fmt.Fprintf(w, "approved_only: %v\n", on) })
			})
		},
	}
}
