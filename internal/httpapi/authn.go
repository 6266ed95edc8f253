package httpapi

import (
	"context"
	"crypto/subtle"
	"net"
	"net/http"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/auth"
)

// SessionCookie holds the session token. HttpOnly, SameSite=Strict, and
// Secure when the server runs TLS.
const SessionCookie = "mfgplan_session"

// CSRFHeader carries the session's CSRF token on every state-changing
// request made with the session cookie.
const CSRFHeader = "X-CSRF-Token"

type currentKey struct{}

// current returns the authenticated caller of a non-public route.
func current(ctx context.Context) (auth.Current, bool) {
	c, ok := ctx.Value(currentKey{}).(auth.Current)
	return c, ok
}

// authenticate resolves the caller of a non-public route from a bearer token
// or the session cookie and returns the request carrying its principal.
// Unauthenticated callers get 401; a cookie request that changes state
// without the session's CSRF token gets 403.
func (s *Server) authenticate(r *http.Request, rt Route) (*http.Request, error) {
	cur, err := s.caller(r)
	if err != nil {
		return r, err
	}
	if cur.Info.MustChangePassword && !strings.HasPrefix(rt.Path, "/api/v1/auth/") {
		return r, apperr.New(apperr.Forbidden, "密码需要修改（管理员重置或已过期），请先修改密码")
	}
	ctx := context.WithValue(r.Context(), currentKey{}, cur)
	return r.WithContext(access.With(ctx, cur.Principal())), nil
}

func (s *Server) caller(r *http.Request) (auth.Current, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return auth.Current{}, apperr.New(apperr.Unauthenticated, "Authorization 头格式应为 Bearer <令牌>")
		}
		cur, err := s.Auth.AuthenticateToken(r.Context(), strings.TrimSpace(secret))
		if err == nil && cur.ReadOnly && !safeMethod(r.Method) {
			err = apperr.New(apperr.Forbidden, "只读 API 令牌不能修改数据")
		}
		return cur, err
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return auth.Current{}, apperr.New(apperr.Unauthenticated, "未登录，请先登录")
	}
	cur, err := s.Auth.Authenticate(r.Context(), c.Value)
	if err != nil {
		return cur, err
	}
	if !safeMethod(r.Method) && subtle.ConstantTimeCompare([]byte(r.Header.Get(CSRFHeader)), []byte(cur.CSRF)) != 1 {
		return cur, apperr.New(apperr.Forbidden, "CSRF 校验失败：请求缺少有效的 %s 头，请刷新页面后重试", CSRFHeader)
	}
	return cur, nil
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// setSessionCookie writes (or, with an empty token, clears) the session cookie.
func setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	c := &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode}
	if token == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// clientIP is the peer address. X-Forwarded-For is not trusted: a reverse
// proxy in front of mfgplan should be configured to log the real address.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
