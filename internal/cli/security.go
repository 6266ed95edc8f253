package cli

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/spf13/pflag"

	"mfgplan/internal/auth"
)

// SecurityConfig is the security part of the configuration.
type SecurityConfig struct {
	// AuthPolicy is a security policy file (--auth-policy,
	// MFGPLAN_AUTH_POLICY); empty = the built-in internal/auth/policy.yaml.
	AuthPolicy string
	TLSCert    string // serve --tls-cert, MFGPLAN_TLS_CERT
	TLSKey     string // serve --tls-key, MFGPLAN_TLS_KEY
}

func (c *SecurityConfig) bind(fs *pflag.FlagSet) {
	fs.StringVar(&c.AuthPolicy, "auth-policy", os.Getenv("MFGPLAN_AUTH_POLICY"), "security policy YAML (passwords, lockout, sessions, limits; default built in; env MFGPLAN_AUTH_POLICY)")
}

func (c *SecurityConfig) bindTLS(fs *pflag.FlagSet) {
	fs.StringVar(&c.TLSCert, "tls-cert", os.Getenv("MFGPLAN_TLS_CERT"), "TLS certificate (PEM); with --tls-key serves HTTPS and marks cookies Secure (env MFGPLAN_TLS_CERT)")
	fs.StringVar(&c.TLSKey, "tls-key", os.Getenv("MFGPLAN_TLS_KEY"), "TLS private key (PEM) (env MFGPLAN_TLS_KEY)")
}

func (c SecurityConfig) validate() error {
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return fmt.Errorf("--tls-cert and --tls-key must be given together")
	}
	return nil
}

// policy loads the security policy.
func (c SecurityConfig) policy() (auth.Policy, error) {
	if c.AuthPolicy == "" {
		return auth.DefaultPolicy(), nil
	}
	return auth.LoadPolicy(c.AuthPolicy)
}

// listen starts srv over TLS when a certificate is configured, plain HTTP
// otherwise, sending its end to errc; it returns the base URL.
func (c SecurityConfig) listen(srv *http.Server, errc chan<- error) string {
	if c.TLSCert != "" {
		go func() { errc <- srv.ListenAndServeTLS(c.TLSCert, c.TLSKey) }()
		return "https://" + srv.Addr
	}
	go func() { errc <- srv.ListenAndServe() }()
	return "http://" + srv.Addr
}

// openAuth builds the auth service with the configured policy; county and
// park codes in user scopes are checked against the loaded plan.
func (a *App) openAuth() error {
	pol, err := a.Config.Security.policy()
	if err != nil {
		return err
	}
	a.Auth = auth.New(a.DB, pol, planPlaces(a.Plan.Plan))
	return nil
}

// announceSetup prints, on a store without users, the one-time link for
// creating the first administrator. It goes to stdout, not the log, so that
// only whoever runs the server sees it; there is no default password.
func (e *cmdEnv) announceSetup(ctx context.Context, app *App, base string) error {
	token, err := app.Auth.StartSetup(ctx)
	if err != nil || token == "" {
		return err
	}
	e.log.Warn("no users yet: the one-time setup link for the first administrator is printed on standard output")
	fmt.Fprintf(e.out, `
尚未创建任何用户。请在 %d 小时内打开下面的一次性链接，创建第一个系统管理员：
No users yet. Within %d hours, open this one-time link to create the first administrator:

  %s/setup?token=%s

或者 / or:  curl -X POST %s/api/v1/auth/setup -H 'Content-Type: application/json' \
              -d '{"token":"%s","username":"admin","password":"…"}'
或离线 / or offline:  mfgplan user add --username admin --role admin --password-stdin

`, app.Auth.Policy.Setup.TokenHours, app.Auth.Policy.Setup.TokenHours, base, token, base, token)
	return nil
}
