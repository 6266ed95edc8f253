package httpapi

import (
	"encoding/json"
	"mime"
	"net/http"
	"strconv"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/auth"
)

func (s *Server) authRoutes() {
	s.handle(Route{Method: "POST", Path: loginPath, Summary: "Log in with username and password; sets the session cookie and returns the CSRF token", Tag: "auth", Public: true}, s.login)
	s.handle(Route{Method: "POST", Path: "/api/v1/auth/logout", Summary: "End the session", Tag: "auth"}, s.logout)
	s.handle(Route{Method: "GET", Path: "/api/v1/auth/me", Summary: "The caller, role, scopes, CSRF token and session state", Tag: "auth"}, s.me)
	s.handle(Route{Method: "POST", Path: "/api/v1/auth/password", Summary: "Change one's own password (ends all sessions)", Tag: "auth"}, s.changePassword)
	s.handle(Route{Method: "GET", Path: "/api/v1/auth/setup", Summary: "Whether the first administrator still has to be created", Tag: "auth", Public: true}, s.setupNeeded)
	s.handle(Route{Method: "POST", Path: "/api/v1/auth/setup", Summary: "Create the first administrator with the one-time setup token printed by serve", Tag: "auth", Public: true}, s.setup)
	s.handle(Route{Method: "GET", Path: "/api/v1/auth/tokens", Summary: "The caller's API tokens (administrators: any user's, ?username=)", Tag: "auth",
		Query: []Param{{"username", "whose tokens (administrators only)"}}}, s.listTokens)
	s.handle(Route{Method: "POST", Path: "/api/v1/auth/tokens", Summary: "Create an API token acting as the caller; the secret is shown once", Tag: "auth"}, s.createToken)
	s.handle(Route{Method: "DELETE", Path: "/api/v1/auth/tokens/{id}", Summary: "Revoke an API token", Tag: "auth"}, s.revokeToken)
}

// readJSON reads a JSON body into v. It insists on application/json so
// that a cross-site form cannot post it (a browser sends that type only
// after a CORS preflight, which this server does not answer).
func readJSON(r *http.Request, v any) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/json" {
		return apperr.New(apperr.Invalid, "请求体必须是 JSON（Content-Type: application/json）")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badBody(err, "请求体 JSON 无效")
	}
	return nil
}

// meBody is what login and /auth/me return.
type meBody struct {
	User      auth.User        `json:"user"`
	CSRFToken string           `json:"csrf_token,omitempty"`
	Session   auth.SessionInfo `json:"session"`
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := readJSON(r, &in); err != nil {
		return err
	}
	if first, err := s.limits.loginUser.take(in.Username); err != nil {
		if first {
			s.auditRefusal(r, loginPath, in.Username, "username")
		}
		return err
	}
	sess, err := s.Auth.Login(r.Context(), in.Username, in.Password)
	if err != nil {
		return err
	}
	setSessionCookie(w, r, sess.Token)
	return writeJSON(w, meBody{User: sess.User, CSRFToken: sess.CSRF, Session: sess.State})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := s.Auth.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	setSessionCookie(w, r, "")
	return writeJSON(w, map[string]bool{"ok": true})
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) error {
	cur, _ := current(r.Context())
	return writeJSON(w, meBody{User: cur.User, CSRFToken: cur.CSRF, Session: cur.Info})
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Current string `json:"current"`
		New     string `json:"new"`
	}
	if err := readJSON(r, &in); err != nil {
		return err
	}
	if err := s.Auth.ChangePassword(r.Context(), in.Current, in.New); err != nil {
		return err
	}
	setSessionCookie(w, r, "")
	return writeJSON(w, map[string]any{"ok": true, "message": "密码已修改，请重新登录"})
}

func (s *Server) setupNeeded(w http.ResponseWriter, r *http.Request) error {
	n, err := s.Auth.CountUsers(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]bool{"needed": n == 0})
}

func (s *Server) setup(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Token       string `json:"token"`
		Username    string `json:"username"`
		DisplayName string `json:"display_name"`
		Password    string `json:"password"`
	}
	if err := readJSON(r, &in); err != nil {
		return err
	}
	u, err := s.Auth.CompleteSetup(r.Context(), in.Token, auth.NewUser{Username: in.Username, DisplayName: in.DisplayName, Password: in.Password})
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"user": u})
}

func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) error {
	username := r.URL.Query().Get("username")
	if username == "" {
		username = access.From(r.Context()).User
	}
	ts, err := s.Auth.ListTokens(r.Context(), username)
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": ts, "total": len(ts)})
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name     string `json:"name"`
		ReadOnly bool   `json:"read_only"`
		Days     int    `json:"days"`
	}
	if err := readJSON(r, &in); err != nil {
		return err
	}
	t, secret, err := s.Auth.CreateToken(r.Context(), access.From(r.Context()).User, in.Name, in.ReadOnly, in.Days)
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"token": t, "secret": secret, "note": "令牌只显示这一次，请妥善保存；请求时使用 Authorization: Bearer <secret>"})
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathInt64(r, "id")
	if err != nil {
		return err
	}
	if err := s.Auth.RevokeToken(r.Context(), id); err != nil {
		return err
	}
	return writeJSON(w, map[string]bool{"ok": true})
}

// pathInt64 reads a positive integer path parameter.
func pathInt64(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.Invalid, "路径参数 %s=%q 应为正整数", name, r.PathValue(name))
	}
	return id, nil
}
