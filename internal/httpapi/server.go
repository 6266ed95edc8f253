// Package httpapi is the JSON HTTP API (/api/v1) and the server of the
// embedded UI. Handlers are thin: decode, call a service with the caller's
// principal in the context, encode. Every route is declared once in a table
// that also produces the OpenAPI document.
package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"mfgplan/internal/apperr"
	"mfgplan/internal/approval"
	"mfgplan/internal/audit"
	"mfgplan/internal/auth"
	"mfgplan/internal/collect"
	"mfgplan/internal/cycle"
	"mfgplan/internal/indicator/query"
	"mfgplan/internal/mujun"
	"mfgplan/internal/plan"
	"mfgplan/internal/project"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Deps are the services the API serves.
type Deps struct {
	DB          *store.DB
	Plan        *plan.Loaded
	PlanVersion plan.Version
	Catalog     *stats.Catalog
	Mujun       *mujun.Service
	Collect     *collect.Service
	Cycle       *cycle.Service
	Projects    *project.Service // the 重大项目 library
	Indicators  *query.Service   // nil when the indicator definitions failed to load
	Web         fs.FS
	Log         *slog.Logger
	Version     string
	Auth        *auth.Service
	Registry    RegistryDeps
	Timeouts    Timeouts // zero fields take DefaultTimeouts
}

// Server routes requests to handlers.
type Server struct {
	Deps
	mux       *http.ServeMux
	routes    []Route
	approvals *approval.Service
	limits    rateLimits
}

// Route is one API endpoint as declared and documented.
type Route struct {
	Method  string
	Path    string
	Summary string
	Tag     string
	Query   []Param
	// Public routes need no login (health, OpenAPI, login itself).
	Public bool
}

// Param documents a query parameter.
type Param struct {
	Name, Description string
}

// handlerFunc is an API handler; a returned error is written by writeError.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// New builds the server and registers every route.
func New(d Deps) *Server {
	if d.Auth == nil {
		panic("httpapi.New: Deps.Auth is required; every non-public route authenticates its caller")
	}
	d.Timeouts = d.Timeouts.orDefault()
	s := &Server{Deps: d, mux: http.NewServeMux(), approvals: approval.New(d.DB, d.Catalog), limits: newRateLimits(d.Auth.Policy.Limits, time.Now)}
	s.systemRoutes()
	s.planRoutes()
	s.authRoutes()
	s.userRoutes()
	s.auditRoutes()
	s.approvalRoutes()
	s.cycleRoutes()
	s.mujunRoutes()
	s.collectRoutes()
	s.enterpriseRoutes()
	s.chainRoutes()
	s.indicatorRoutes()
	s.projectRoutes()
	s.mux.Handle("/", s.ui())
	return s
}

// Routes returns the declared API routes (for OpenAPI and the access matrix test).
func (s *Server) Routes() []Route { return s.routes }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	s.setDeadlines(w, r, start)
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	setSecurityHeaders(rec, r)
	r.Body = http.MaxBytesReader(rec, r.Body, s.bodyLimit(r))
	s.mux.ServeHTTP(rec, r)
	if strings.HasPrefix(r.URL.Path, "/api/") && r.Method != http.MethodGet && r.Method != http.MethodHead && rec.status < 400 {
		s.countChanges(r)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.Log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
	}
}

// countChanges brings the analytics up to date with what a write just
// committed before its answer leaves (the handler's answer is still in the
// server's buffer), so the caller's next read sees its own change while
// reads themselves never write. A failure is logged, not answered: the data
// is stored and the marks stay for the background worker.
func (s *Server) countChanges(r *http.Request) {
	if s.Indicators == nil {
		return
	}
	if _, err := s.Indicators.Analytics.Refresh(context.WithoutCancel(r.Context())); err != nil {
		s.Log.Error("refreshing analytics after a write", "method", r.Method, "path", r.URL.Path, "err", err)
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// handle registers a route. A non-public route runs only for an
// authenticated caller, with that caller's principal in the context (so the
// services filter by the caller's scope); public routes run with no
// principal, which sees nothing. The client address goes into the context
// for the audit log, and imports and downloads are recorded there.
func (s *Server) handle(rt Route, h handlerFunc) {
	s.routes = append(s.routes, rt)
	s.mux.HandleFunc(rt.Method+" "+rt.Path, func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(audit.WithClient(r.Context(), clientIP(r)))
		first, err := s.limits.check(r, rt)
		if first {
			s.auditRefusal(r, rt.Path, "", "client address")
		}
		if err == nil && !rt.Public {
			r, err = s.authenticate(r, rt)
		}
		if err == nil {
			err = s.limits.checkUser(r, rt)
		}
		if err == nil {
			err = h(w, r)
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := s.auditRequest(w, r, rt); err != nil {
			s.Log.Error("recording an audited request", "method", r.Method, "path", r.URL.Path, "err", err)
		}
	})
}

// writeJSON writes v with status 200.
func writeJSON(w http.ResponseWriter, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	return json.NewEncoder(w).Encode(v)
}

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error struct {
		Code    apperr.Code `json:"code"`
		Message string      `json:"message"`
		Details any         `json:"details,omitempty"`
	} `json:"error"`
}

var statusOf = map[apperr.Code]int{
	apperr.Invalid:         http.StatusBadRequest,
	apperr.NotFound:        http.StatusNotFound,
	apperr.Conflict:        http.StatusConflict,
	apperr.Forbidden:       http.StatusForbidden,
	apperr.Unauthenticated: http.StatusUnauthorized,
	apperr.TooMany:         http.StatusTooManyRequests,
	apperr.Internal:        http.StatusInternalServerError,
}

// writeError maps an error to its status and JSON body in one place.
// Internal errors are logged and shown to the user without their detail.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var body errorBody
	e, ok := apperr.As(err)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		e, ok = apperr.New(apperr.Invalid, "请求体超过 %d 字节的上限", tooLarge.Limit), true
	}
	slow := errors.Is(err, os.ErrDeadlineExceeded)
	if slow {
		e, ok = apperr.New(apperr.Invalid, "请求体在时限内没有传完，请检查网络后重试"), true
	}
	if !ok {
		s.Log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		e = &apperr.Error{Code: apperr.Internal, Message: "服务器内部错误，请稍后重试或联系管理员"}
	}
	body.Error.Code, body.Error.Message, body.Error.Details = e.Code, e.Message, e.Details
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	status := statusOf[e.Code]
	switch {
	case tooLarge != nil:
		status = http.StatusRequestEntityTooLarge
	case slow:
		status = http.StatusRequestTimeout
	}
	w.WriteHeader(status)
	if encErr := json.NewEncoder(w).Encode(body); encErr != nil && !errors.Is(encErr, http.ErrHandlerTimeout) {
		s.Log.Warn("writing error response", "err", encErr)
	}
}
