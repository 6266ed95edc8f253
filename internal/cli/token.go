package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"
)

// securityCmds are the user, token, audit and approval commands.
func (e *cmdEnv) securityCmds() []*cobra.Command {
	return []*cobra.Command{e.userCmd(), e.tokenCmd(), e.auditCmd(), e.approvalCmd()}
}

func (e *cmdEnv) tokenCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "API tokens for machine clients (Authorization: Bearer …)"}
	var user, name string
	var readOnly bool
	var days int
	create := &cobra.Command{
		Use:   "create --user NAME --name LABEL",
		Short: "Issue a token acting as the user (with the user's role and scopes); the secret is printed once",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				t, secret, err := app.Auth.CreateToken(ctx, user, name, readOnly, days)
				if err != nil {
					return err
				}
				return e.print(map[string]any{"token": t, "secret": secret}, func(w io.Writer) {
					fmt.Fprintf(w, "token %d for %s (%s), expires %s\n%s\n", t.ID, t.Username, t.Name, t.ExpiresAt, secret)
				})
			})
		},
	}
	create.Flags().StringVar(&user, "user", "", "the user the token acts as")
	create.Flags().StringVar(&name, "name", "", "what the token is for")
	create.Flags().BoolVar(&readOnly, "read-only", false, "the token may only read")
	create.Flags().IntVar(&days, "days", 0, "lifetime in days (default from the security policy)")
	create.MarkFlagRequired("user")
	create.MarkFlagRequired("name")
	list := &cobra.Command{
		Use:   "list --user NAME",
		Short: "List a user's tokens",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				ts, err := app.Auth.ListTokens(ctx, user)
				if err != nil {
					return err
				}
				return e.print(ts, func(w io.Writer) {
					for _, t := range ts {
						fmt.Fprintf(w, "%4d %-20s read_only=%-5v created %s expires %s revoked %s\n", t.ID, t.Name, t.ReadOnly, t.CreatedAt, t.ExpiresAt, t.RevokedAt)
					}
				})
			})
		},
	}
	list.Flags().StringVar(&user, "user", "", "whose tokens")
	list.MarkFlagRequired("user")
	revoke := &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke a token at once",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return fmt.Errorf("token id %q is not a number", args[0])
			}
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				if err := app.Auth.RevokeToken(ctx, id); err != nil {
					return err
				}
				return e.print(map[string]any{"revoked": id}, func(w io.Writer) { fmt.Fprintf(w, "token %d revoked\n", id) })
			})
		},
	}
	cmd.AddCommand(create, list, revoke)
	return cmd
}
