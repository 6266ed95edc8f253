package cli

import (
	"bufio"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mfgplan/internal/access"
	"mfgplan/internal/auth"
)

func (e *cmdEnv) userCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage users: add, list, grant, disable, reset-password (offline, as the operator)"}
	cmd.AddCommand(e.userAddCmd(), e.userListCmd(), e.userGrantCmd(), e.userDisableCmd(), e.userResetCmd())
	return cmd
}

// grantFlags are the role and scope flags shared by add and grant.
type grantFlags struct {
	role                    string
	counties, parks         []string
	enterprises             []int64
	viewAll                 bool
	viewCounties, viewParks []string
	viewEnterprises         []int64
}

func (g *grantFlags) bind(fs *pflag.FlagSet) {
	fs.StringVar(&g.role, "role", "", "admin (系统管理员), city (市级管理员), county (县区管理员), park (园区管理员), enterprise (企业填报员), leader (领导/只读)")
	fs.StringSliceVar(&g.counties, "county", nil, "county code of a county role, or view scope of a leader (e.g. 511722)")
	fs.StringSliceVar(&g.parks, "park", nil, "park code of a park role, or view scope of a leader")
	fs.Int64SliceVar(&g.enterprises, "enterprise", nil, "enterprise id(s) of an enterprise role, or view scope of a leader")
	fs.BoolVar(&g.viewAll, "view-all", false, "may view the whole city (leader; or extra view for other roles)")
	fs.StringSliceVar(&g.viewCounties, "view-county", nil, "extra counties the user may view but not enter")
	fs.StringSliceVar(&g.viewParks, "view-park", nil, "extra parks the user may view but not enter")
	fs.Int64SliceVar(&g.viewEnterprises, "view-enterprise", nil, "extra enterprises the user may view but not enter")
}

func (g *grantFlags) grant() auth.Grant {
	gr := auth.Grant{
		Role:      access.Role(g.role),
		Scope:     access.Scope{Counties: g.counties, Parks: g.parks, Enterprises: g.enterprises},
		ExtraView: access.Scope{Counties: g.viewCounties, Parks: g.viewParks, Enterprises: g.viewEnterprises},
	}
	if g.role == string(access.RoleLeader) && g.viewAll {
		gr.Scope.All = true
	} else {
		gr.ExtraView.All = g.viewAll
	}
	return gr
}

// readPassword reads one line from stdin (--password-stdin), or, without
// it, generates a strong one-time password that must be changed at first
// login. It never takes a password as an argument: arguments show in ps.
func (e *cmdEnv) readPassword(fromStdin bool, username string) (pw string, generated bool, err error) {
	if fromStdin {
		line, err := bufio.NewReader(e.in).ReadString('\n')
		if err != nil && err != io.EOF {
			return "", false, fmt.Errorf("reading the password from stdin: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), false, nil
	}
	return generatePassword(username), true, nil
}

// generatePassword returns a random password (upper- and lower-case
// letters, digits and a hyphen, 130 random bits) that does not contain the
// username: the policy refuses one that does, and a short name such as "xh"
// sits in about one random text in forty. Only the hyphen is fixed, so no
// valid username (two characters or more, starting with a letter or digit)
// can be in every draw.
func generatePassword(username string) string {
	for {
		pw := rand.Text()[:13] + "-" + strings.ToLower(rand.Text()[:13])
		if !strings.Contains(strings.ToLower(pw), strings.ToLower(username)) &&
			strings.ContainsFunc(pw, unicode.IsUpper) && strings.ContainsFunc(pw, unicode.IsLower) {
			return pw
		}
	}
}

func (e *cmdEnv) userAddCmd() *cobra.Command {
	var g grantFlags
	var nu auth.NewUser
	var stdin bool
	cmd := &cobra.Command{
		Use:   "add --username NAME --role ROLE [scope flags] [--password-stdin]",
		Short: "Create a user; without --password-stdin a one-time password is generated and printed",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pw, generated, err := e.readPassword(stdin, nu.Username)
			if err != nil {
				return err
			}
			nu.Password, nu.Grant = pw, g.grant()
			nu.MustChange = nu.MustChange || generated
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				u, err := app.Auth.AddUser(ctx, nu)
				if err != nil {
					return err
				}
				return e.printUser(u, pw, generated)
			})
		},
	}
	g.bind(cmd.Flags())
	cmd.Flags().StringVar(&nu.Username, "username", "", "login name")
	cmd.Flags().StringVar(&nu.DisplayName, "display-name", "", "name shown in the UI")
	cmd.Flags().BoolVar(&stdin, "password-stdin", false, "read the password from the first line of standard input")
	cmd.Flags().BoolVar(&nu.MustChange, "must-change", false, "require a password change at first login")
	cmd.MarkFlagRequired("username")
	cmd.MarkFlagRequired("role")
	return cmd
}

func (e *cmdEnv) printUser(u auth.User, pw string, generated bool) error {
	out := map[string]any{"user": u}
	if generated {
		out["one_time_password"] = pw
	}
	return e.print(out, func(w io.Writer) {
		fmt.Fprintf(w, "%s (%s) %s  view=%s enter=%s  disabled=%v\n", u.Username, u.RoleName, u.DisplayName, scopeText(u.View), scopeText(u.Enter), u.Disabled)
		if generated {
			fmt.Fprintf(w, "一次性密码 / one-time password: %s  (首次登录须修改 / must be changed at first login)\n", pw)
		}
	})
}

func scopeText(s access.Scope) string {
	switch {
	case s.All:
		return "全市"
	case s.Empty():
		return "无"
	}
	var parts []string
	for _, c := range s.Counties {
		parts = append(parts, "county:"+c)
	}
	for _, p := range s.Parks {
		parts = append(parts, "park:"+p)
	}
	for _, id := range s.Enterprises {
		parts = append(parts, fmt.Sprintf("enterprise:%d", id))
	}
	return strings.Join(parts, ",")
}

func (e *cmdEnv) userListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List users with role, scopes and state",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				us, err := app.Auth.ListUsers(ctx)
				if err != nil {
					return err
				}
				return e.print(us, func(w io.Writer) {
					for _, u := range us {
						state := "active"
						if u.Disabled {
							state = "disabled"
						}
						fmt.Fprintf(w, "%-20s %-8s %-10s view=%-24s enter=%-24s %s\n", u.Username, u.Role, u.RoleName, scopeText(u.View), scopeText(u.Enter), state)
					}
				})
			})
		},
	}
}

func (e *cmdEnv) userGrantCmd() *cobra.Command {
	var g grantFlags
	cmd := &cobra.Command{
		Use:   "grant USERNAME --role ROLE [scope flags]",
		Short: "Change a user's role and scopes (ends the user's sessions)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.changeUser(cmd, func(ctx context.Context, svc *auth.Service) (auth.User, error) {
				return svc.SetGrant(ctx, args[0], g.grant())
			})
		},
	}
	g.bind(cmd.Flags())
	cmd.MarkFlagRequired("role")
	return cmd
}

func (e *cmdEnv) userDisableCmd() *cobra.Command {
	var enable bool
	cmd := &cobra.Command{
		Use:   "disable USERNAME",
		Short: "Disable a user (ends the sessions; API tokens stop working); --enable re-enables",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.changeUser(cmd, func(ctx context.Context, svc *auth.Service) (auth.User, error) {
				return svc.SetDisabled(ctx, args[0], !enable)
			})
		},
	}
	cmd.Flags().BoolVar(&enable, "enable", false, "re-enable instead")
	return cmd
}

func (e *cmdEnv) userResetCmd() *cobra.Command {
	var stdin, noChange bool
	cmd := &cobra.Command{
		Use:   "reset-password USERNAME [--password-stdin]",
		Short: "Set a new password (generated unless --password-stdin); lifts a lockout",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pw, generated, err := e.readPassword(stdin, args[0])
			if err != nil {
				return err
			}
			return e.operate(cmd, func(ctx context.Context, app *App) error {
				u, err := app.Auth.ResetPassword(ctx, args[0], pw, generated || !noChange)
				if err != nil {
					return err
				}
				return e.printUser(u, pw, generated)
			})
		},
	}
	cmd.Flags().BoolVar(&stdin, "password-stdin", false, "read the password from the first line of standard input")
	cmd.Flags().BoolVar(&noChange, "no-must-change", false, "do not require a change at next login (ignored for generated passwords)")
	return cmd
}

// changeUser runs one account change as the operator and prints the result.
func (e *cmdEnv) changeUser(cmd *cobra.Command, fn func(context.Context, *auth.Service) (auth.User, error)) error {
	return e.operate(cmd, func(ctx context.Context, app *App) error {
		u, err := fn(ctx, app.Auth)
		if err != nil {
			return err
		}
		return e.printUser(u, "", false)
	})
}
