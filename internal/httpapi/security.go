package httpapi

import (
	"net/http"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/audit"
	"mfgplan/internal/auth"
)

// contentSecurityPolicy suits the embedded Vite/Vue build: scripts, styles,
// fonts and API calls only from this origin; inline styles allowed because
// Element Plus and ECharts set style attributes at run time; data: and blob:
// images for ECharts' canvas export; no plugins, no framing by other sites,
// forms post only here.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// setSecurityHeaders sets the headers every response carries.
func setSecurityHeaders(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		h.Set("Cache-Control", "no-store")
	}
}

// bodyLimit is the largest request body accepted: imports (files or bulk
// JSON) and other uploads get the upload limit, everything else the JSON
// limit.
func (s *Server) bodyLimit(r *http.Request) int64 {
	l := s.Auth.Policy.Limits
	ct := r.Header.Get("Content-Type")
	if importRoutes[r.Method+" "+r.URL.Path] || strings.HasPrefix(ct, "multipart/form-data") || strings.Contains(ct, "spreadsheetml") || strings.HasPrefix(ct, "text/csv") ||
		strings.HasPrefix(ct, "application/octet-stream") {
		return l.UploadBytes
	}
	return l.JSONBodyBytes
}

// rateLimits are the in-memory buckets on login (per client IP and per
// username), on the public setup route (per client IP) and on imports (per
// user).
type rateLimits struct {
	loginIP, loginUser, setupIP, imports *limiter
}

func newRateLimits(l auth.Limits, now func() time.Time) rateLimits {
	return rateLimits{
		loginIP:   newLimiter(l.LoginPerIPPerMinute, time.Minute, l.TrackedClients, "登录尝试", now),
		loginUser: newLimiter(l.LoginPerUserPerMinute, time.Minute, l.TrackedClients, "该账号的登录尝试", now),
		setupIP:   newLimiter(l.SetupPerIPPerMinute, time.Minute, l.TrackedClients, "初始化尝试", now),
		imports:   newLimiter(l.ImportPerUserPerHour, time.Hour, l.TrackedClients, "数据导入", now),
	}
}

// loginPath and setupPath are rate limited per client address before
// anything else runs.
const (
	loginPath = "/api/v1/auth/login"
	setupPath = "/api/v1/auth/setup"
)

// check applies the per-IP limits before authentication and says whether
// a refusal is the first of its run (to be audited).
func (rl rateLimits) check(r *http.Request, rt Route) (first bool, err error) {
	switch {
	case rt.Path == loginPath:
		return rl.loginIP.take(clientIP(r))
	case rt.Path == setupPath && rt.Method == http.MethodPost:
		return rl.setupIP.take(clientIP(r))
	}
	return false, nil
}

// auditRefusal records a run of rate-limited attempts on the login or
// setup route (actor: the username when known).
func (s *Server) auditRefusal(r *http.Request, path, actor, limit string) {
	action := audit.ActionLoginFailed
	if path == setupPath {
		action = audit.ActionSetupFailed
	}
	ev := audit.Event{Action: action, Actor: actor, Outcome: "rate_limited",
		Detail: map[string]string{"reason": "rate limited per " + limit + "; later refusals until it admits again are not recorded one by one"}}
	if actor != "" {
		ev.Object = "user:" + actor
	}
	if err := audit.Record(r.Context(), s.DB, ev); err != nil {
		s.Log.Error("recording a rate-limited attempt", "path", path, "err", err)
	}
}

// checkUser applies the per-user import limit after authentication.
func (rl rateLimits) checkUser(r *http.Request, rt Route) error {
	if importRoutes[rt.Method+" "+rt.Path] {
		return rl.imports.allow(access.From(r.Context()).User)
	}
	return nil
}
