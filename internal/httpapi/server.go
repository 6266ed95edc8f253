// Package httpapi is the JSON HTTP API (/api/v1) and the server of the
// embedded UI. Handlers are thin: decode, call a service with the caller's
// principal in the context, encode. Every route is declared once in a table
// that also produces the OpenAPI document.
package httpapi

import (
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/collect"
	"mfgplan/internal/indicator"
	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Deps are the services the API serves.
type Deps struct {
	DB          *store.DB
	Plan        *plan.Loaded
	PlanVersion plan.Version
	Catalog     *stats.Catalog
	Collect     *collect.Service
	Indicators  *indicator.Service // nil when the indicator definitions failed to load
	Web         fs.FS
	Log         *slog.Logger
	Version     string
	Registry    RegistryDeps
}

// Server routes requests to handlers.
type Server struct {
	Deps
	mux    *http.ServeMux
	routes []Route
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
	s := &Server{Deps: d, mux: http.NewServeMux()}
	s.systemRoutes()
	s.planRoutes()
	s.collectRoutes()
	s.enterpriseRoutes()
	s.indicatorRoutes()
	s.mux.Handle("/", s.ui())
	return s
}

// Routes returns the declared API routes (for OpenAPI and the access matrix test).
func (s *Server) Routes() []Route { return s.routes }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	s.mux.ServeHTTP(rec, r)
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.Log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
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

// handle registers a route. Until users and sessions exist every caller acts
// with the principal returned by principalFor.
func (s *Server) handle(rt Route, h handlerFunc) {
	s.routes = append(s.routes, rt)
	s.mux.HandleFunc(rt.Method+" "+rt.Path, func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(access.With(r.Context(), s.principalFor(r)))
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// principalFor decides who the caller is. Without the user store every
// caller is the system principal: the server binds to loopback by default.
func (s *Server) principalFor(*http.Request) access.Principal {
	return access.System
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
	if !ok {
		s.Log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		e = &apperr.Error{Code: apperr.Internal, Message: "服务器内部错误，请稍后重试或联系管理员"}
	}
	body.Error.Code, body.Error.Message, body.Error.Details = e.Code, e.Message, e.Details
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(statusOf[e.Code])
	if encErr := json.NewEncoder(w).Encode(body); encErr != nil && !errors.Is(encErr, http.ErrHandlerTimeout) {
		s.Log.Warn("writing error response", "err", encErr)
	}
}
