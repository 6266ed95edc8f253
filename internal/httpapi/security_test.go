package httpapi_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/audit"
	"mfgplan/internal/auth/authtest"
	"mfgplan/internal/httpapi"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

func errorMessage(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var body struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("error body %q: %v", rec.Body.String(), err)
	}
	return body.Error.Message
}

func TestEveryPrivateRouteNeedsLogin(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	for _, rt := range e.srv.Routes() {
		if rt.Public {
			continue
		}
		rec := e.call(rt.Method, e.target(rt.Path, true), "", nil, "")
		if rec.Code != http.StatusUnauthorized || !strings.Contains(errorMessage(t, rec), "登录") {
			t.Errorf("%s %s without login: %d %s", rt.Method, rt.Path, rec.Code, rec.Body.String())
		}
	}
}

func TestCSRF(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, nil)
		cookie, csrf := e.session(t, access.RoleCity)
		_, otherCSRF := e.session(t, access.RoleCity) // a second login of the same user
		const body = `{"approved_only":true}`
		for _, tc := range []struct {
			name, csrf string
			want       int
		}{
			{"no token", "", http.StatusForbidden},
			{"another session's token", otherCSRF, http.StatusForbidden},
			{"the session's token", csrf, http.StatusOK},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rec := e.call("PUT", "/api/v1/settings/approved-only", body, cookie, tc.csrf)
				if rec.Code != tc.want {
					t.Errorf("status %d, want %d: %s", rec.Code, tc.want, rec.Body.String())
				}
			})
		}
		if rec := e.call("GET", "/api/v1/auth/me", "", cookie, ""); rec.Code != http.StatusOK {
			t.Errorf("a safe request needs no CSRF token, got %d", rec.Code)
		}
	})
}

func bearer(e *env, method, target, body, secret string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer "+secret)
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, r)
	return rec
}

func TestBearerTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, nil)
		ctx := e.As(t, access.RoleCounty)
		tok, secret, err := e.Auth.CreateToken(ctx, "county", "etl", false, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, roSecret, err := e.Auth.CreateToken(ctx, "county", "dashboard", true, 0)
		if err != nil {
			t.Fatal(err)
		}
		out := "/api/v1/approvals/" + e.target("{enterprise}", false) + "/monthly/2025-05"
		for _, tc := range []struct {
			name, method, target, body, secret string
			want                               int
		}{
			{"reads in scope", "GET", "/api/v1/approvals?dataset=monthly&period=2025-05", "", secret, 200},
			{"out of scope is not found", "GET", out, "", secret, 404},
			{"writes without CSRF", "POST", "/api/v1/auth/tokens", `{"name":"more"}`, secret, 200},
			{"read-only token cannot write", "POST", "/api/v1/auth/tokens", `{"name":"more"}`, roSecret, 403},
			{"unknown token", "GET", "/api/v1/auth/me", "", "mfg_nope", 401},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if rec := bearer(e, tc.method, tc.target, tc.body, tc.secret); rec.Code != tc.want {
					t.Errorf("status %d, want %d: %s", rec.Code, tc.want, rec.Body.String())
				}
			})
		}
		if rec := bearer(e, "DELETE", "/api/v1/auth/tokens/"+strconv.FormatInt(tok.ID, 10), "", secret); rec.Code != 200 {
			t.Fatalf("revoking: %d %s", rec.Code, rec.Body.String())
		}
		if rec := bearer(e, "GET", "/api/v1/auth/me", "", secret); rec.Code != 401 {
			t.Errorf("revoked token: %d", rec.Code)
		}
	})
}

func TestLoginRateLimitAndCookie(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	perUser := e.Auth.Policy.Limits.LoginPerUserPerMinute
	var last *httptest.ResponseRecorder
	for i := 0; i <= perUser; i++ {
		last = e.call("POST", "/api/v1/auth/login", `{"username":"leader","password":"`+authtest.Password+`"}`, nil, "")
		if i == 0 {
			c := last.Result().Cookies()
			if last.Code != 200 || len(c) != 1 || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode || c[0].Secure {
				t.Fatalf("login over plain HTTP: %d, cookies %+v", last.Code, c)
			}
		}
	}
	if last.Code != http.StatusTooManyRequests {
		t.Errorf("login %d times a minute for one user: %d, want 429", perUser+1, last.Code)
	}
}

func TestHeadersAndBodyLimit(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), func(d *httpapi.Deps) { d.Auth.Policy.Limits.JSONBodyBytes = 64 })
	rec := e.call("GET", "/", "", nil, "")
	h := rec.Header()
	for name, want := range map[string]string{
		"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
	} {
		if h.Get(name) != want {
			t.Errorf("%s = %q, want %q", name, h.Get(name), want)
		}
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "http") {
		t.Errorf("CSP %q", csp)
	}
	big := `{"username":"` + strings.Repeat("a", 100) + `","password":"x"}`
	if rec := e.call("POST", "/api/v1/auth/login", big, nil, ""); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d %s", rec.Code, rec.Body.String())
	}
}

func TestMustChangePasswordBlocksData(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	sys := access.With(context.Background(), access.System)
	if _, err := e.Auth.ResetPassword(sys, "city", authtest.Password+"x", true); err != nil {
		t.Fatal(err)
	}
	sess, err := e.Auth.Login(context.Background(), "city", authtest.Password+"x")
	if err != nil || !sess.State.MustChangePassword {
		t.Fatalf("login after reset: %v %+v", err, sess.State)
	}
	cookie := &http.Cookie{Name: httpapi.SessionCookie, Value: sess.Token}
	if rec := e.call("GET", "/api/v1/plan", "", cookie, ""); rec.Code != http.StatusForbidden {
		t.Errorf("data route before the change: %d", rec.Code)
	}
	if rec := e.call("GET", "/api/v1/auth/me", "", cookie, ""); rec.Code != http.StatusOK {
		t.Errorf("/auth/me before the change: %d", rec.Code)
	}
}

func TestCookieIsSecureOverTLS(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	r := httptest.NewRequest("POST", "https://mfgplan.example/api/v1/auth/login", strings.NewReader(`{"username":"park","password":"`+authtest.Password+`"}`))
	r.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, r)
	c := rec.Result().Cookies()
	if rec.Code != 200 || len(c) != 1 || !c[0].Secure || !c[0].HttpOnly {
		t.Fatalf("login over TLS: %d, cookies %+v", rec.Code, c)
	}
	if rec.Header().Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS header over TLS")
	}
}

// TestOversizedJSONIs413: every kind of JSON body reader answers a body
// over the limit with 413 (not 400, which says the content was wrong).
func TestOversizedJSONIs413(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), func(d *httpapi.Deps) {
		d.Auth.Policy.Limits.JSONBodyBytes, d.Auth.Policy.Limits.UploadBytes = 64, 64
	})
	cookie, csrf := e.session(t, access.RoleAdmin)
	pad := strings.Repeat(" ", 200)
	for _, tc := range []struct{ method, path, body string }{
		{"PUT", "/api/v1/enterprises/" + strconv.FormatInt(e.In, 10), `{"note":"x"` + pad + `}`},
		{"POST", "/api/v1/data-values", `[` + pad + `]`},
		{"POST", "/api/v1/mujun/runs", `{"year":2024` + pad + `}`},
		{"PUT", "/api/v1/settings/approved-only", `{"approved_only":true` + pad + `}`},
		{"POST", "/api/v1/auth/tokens", `{"name":"x"` + pad + `}`},
	} {
		if rec := e.call(tc.method, tc.path, tc.body, cookie, csrf); rec.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("%s %s with %d bytes: %d %s, want 413", tc.method, tc.path, len(tc.body), rec.Code, rec.Body.String())
		}
	}
}

// TestRateLimitedLoginsAndSetupAreAudited: the public setup route is rate
// limited per client address like login, and a refusal by either limiter
// is in the audit log — once per client (or username) and window, so that
// a flood cannot flood the log.
func TestRateLimitedLoginsAndSetupAreAudited(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), func(d *httpapi.Deps) {
		d.Auth.Policy.Limits.LoginPerUserPerMinute, d.Auth.Policy.Limits.SetupPerIPPerMinute = 2, 3
	})
	for i := 0; i < 5; i++ {
		e.call("POST", "/api/v1/auth/login", `{"username":"leader","password":"wrong-one"}`, nil, "")
	}
	var last *httptest.ResponseRecorder
	for i := 0; i < 6; i++ {
		last = e.call("POST", "/api/v1/auth/setup", `{"token":"guess-`+strconv.Itoa(i)+`","username":"root","password":"x"}`, nil, "")
	}
	if last.Code != http.StatusTooManyRequests {
		t.Errorf("setup attempt 6 from one address in a minute: %d, want 429", last.Code)
	}
	sys := access.With(context.Background(), access.System)
	page, err := audit.Search(sys, e.db, audit.Filter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, en := range page.Items {
		if en.Outcome == "rate_limited" {
			got[en.Action+" "+en.Actor]++
		}
	}
	if want := map[string]int{"login.failed leader": 1, "setup.failed anonymous": 1}; !maps.Equal(got, want) {
		t.Errorf("rate-limited refusals audited as %v, want %v", got, want)
	}
}

// TestSlowBodyIsCutOff: a client that sends its headers and then trickles
// (or withholds) the body is cut off after the body timeout instead of
// holding a connection and a goroutine for as long as it likes (3,000 such
// connections to the public setup route were all held).
func TestSlowBodyIsCutOff(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), func(d *httpapi.Deps) { d.Timeouts.Body = 200 * time.Millisecond })
	srv := httptest.NewServer(e.srv)
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "POST /api/v1/auth/setup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"tok")
	conn.SetReadDeadline(time.Now().Add(10 * time.Second)) // the test's own bound, far above the server's
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	switch {
	case err == nil && resp.StatusCode != http.StatusRequestTimeout:
		t.Errorf("a withheld body got %d, want 408", resp.StatusCode)
	case err != nil && errors.Is(err, os.ErrDeadlineExceeded):
		t.Error("the server still holds a connection whose body never came")
	}
}
