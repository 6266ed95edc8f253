package httpapi_test

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"mfgplan/internal/access"
	"mfgplan/internal/auth"
	"mfgplan/internal/auth/authtest"
	"mfgplan/internal/cycle"
	"mfgplan/internal/httpapi"
	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/plans"
)

// env is a server on a fixture world, with helpers to call it as a role.
type env struct {
	*authtest.World
	db  *store.DB
	srv *httpapi.Server
	// victim is a user the admin routes act on; victimToken its API token.
	victim      string
	victimToken int64
	runID       string         // the 亩均 run of the matrix, once made
	projects    map[bool]int64 // the in- and out-of-scope projects, once made
	cycle       *cycle.Service
}

func newEnv(t *testing.T, db *store.DB, tune func(*httpapi.Deps)) *env {
	t.Helper()
	ctx := context.Background()
	w := authtest.New(t, db)
	raw, err := fs.ReadFile(plans.Files, plans.Default)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := plan.Parse(plans.Default, raw)
	if err != nil {
		t.Fatal(err)
	}
	ver, _, err := plan.Record(ctx, db, loaded)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	d := httpapi.Deps{DB: db, Plan: loaded, PlanVersion: ver, Catalog: cat, Web: fstest.MapFS{},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test", Auth: w.Auth}
	wireServices(t, db, &d)
	if tune != nil {
		tune(&d)
	}
	e := &env{World: w, db: db, srv: httpapi.New(d), victim: "victim", cycle: d.Cycle}
	sys := access.With(ctx, access.System)
	nu := auth.NewUser{Username: e.victim, Password: authtest.Password, Grant: auth.Grant{Role: access.RoleCounty, Scope: access.Scope{Counties: []string{authtest.Quxian}}}}
	if _, err := w.Auth.AddUser(sys, nu); err != nil {
		t.Fatal(err)
	}
	tok, _, err := w.Auth.CreateToken(sys, e.victim, "victim-etl", false, 0)
	if err != nil {
		t.Fatal(err)
	}
	e.victimToken = tok.ID
	return e
}

// session logs role in and returns its cookie and CSRF token.
func (e *env) session(t *testing.T, role access.Role) (*http.Cookie, string) {
	t.Helper()
	sess, err := e.Auth.Login(context.Background(), string(role), authtest.Password)
	if err != nil {
		t.Fatalf("login %s: %v", role, err)
	}
	return &http.Cookie{Name: httpapi.SessionCookie, Value: sess.Token}, sess.CSRF
}

// call sends a request with a JSON body (if any); with a cookie it also
// sends csrf (when not empty).
func (e *env) call(method, target, body string, cookie *http.Cookie, csrf string) *httptest.ResponseRecorder {
	return e.request(method, target, body, "", cookie, csrf)
}

// request is call with a content type ("" = application/json).
func (e *env) request(method, target, body, contentType string, cookie *http.Cookie, csrf string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, target, rd)
	if contentType == "" {
		contentType = "application/json"
	}
	if body != "" {
		r.Header.Set("Content-Type", contentType)
	}
	if cookie != nil {
		r.AddCookie(cookie)
	}
	if csrf != "" {
		r.Header.Set(httpapi.CSRFHeader, csrf)
	}
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, r)
	return rec
}

// withToken serves h with every request carrying the API token, for API
// tests that are not about access.
func withToken(h http.Handler, token string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+token)
		h.ServeHTTP(w, r)
	})
}
