package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"mfgplan/internal/registry"
)

func (e *cmdEnv) chainCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "chain", Short: "Industrial chains (产业链) with the enterprises linked to their nodes"}
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "Every chain of the plan with enterprise counts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withApp(cmd, func(ctx context.Context, app *App) error {
				chains, err := app.Registry.Chains(ctx)
				if err != nil {
					return err
				}
				return e.print(chains, func(w io.Writer) {
					for _, c := range chains {
						fmt.Fprintf(w, "%-28s %4d家  %s\n", c.Code, c.Enterprises, c.Name)
					}
				})
			})
		},
	}, &cobra.Command{
		Use:   "show CODE",
		Short: "A chain's nodes with enterprise counts and its edges",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withApp(cmd, func(ctx context.Context, app *App) error {
				c, err := app.Registry.Chain(ctx, args[0])
				if err != nil {
					return err
				}
				return e.print(c, func(w io.Writer) { printChain(w, c) })
			})
		},
	})
	return cmd
}

func printChain(w io.Writer, c registry.ChainView) {
	fmt.Fprintf(w, "%s（%s，%d家企业）\n", c.Name, c.Status, c.Enterprises)
	for _, n := range c.Nodes {
		fmt.Fprintf(w, "  %-28s %-20s %4d家\n", n.Code, n.Name, n.Enterprises)
	}
	for _, ed := range c.Edges {
		fmt.Fprintf(w, "  %s → %s\n", ed.From, ed.To)
	}
}

// enterpriseNodeCmd shows an enterprise's chain-node links or changes one by hand.
func (e *cmdEnv) enterpriseNodeCmd() *cobra.Command {
	actions := map[string]registry.NodeAction{"link": registry.LinkNode, "unlink": registry.UnlinkNode, "reset": registry.ResetNode}
	return &cobra.Command{
		Use:   "nodes ID [link|unlink|reset NODE]",
		Short: "An enterprise's chain-node links; link or unlink a node by hand (kept on re-derivation), or reset it to the rules",
		Args: cobra.MatchAll(cobra.RangeArgs(1, 3), func(_ *cobra.Command, args []string) error {
			if len(args) == 2 {
				return fmt.Errorf("name the node after %q", args[1])
			}
			return nil
		}),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withEnterprise(cmd, args[0], func(ctx context.Context, app *App, id int64) error {
				links, err := app.Registry.ChainNodes(ctx, id)
				if len(args) == 3 {
					act, ok := actions[args[1]]
					if !ok {
						return fmt.Errorf("action %q: use link, unlink or reset", args[1])
					}
					links, err = app.Registry.SetNode(ctx, id, args[2], act, "cli")
				}
				if err != nil {
					return err
				}
				return e.print(links, func(w io.Writer) { printLinks(w, links) })
			})
		},
	}
}

func printLinks(w io.Writer, links []registry.NodeLink) {
	for _, l := range links {
		state := map[string]string{registry.LinkRule: "按行业规则", registry.LinkManual: "手工关联"}[l.Source]
		if !l.Linked {
			state = "手工取消"
		}
		fmt.Fprintf(w, "  %-28s %-16s %s  (%s)\n", l.Node, l.Name, state, strings.Join(l.Chains, ", "))
	}
}
