package httpapi

import (
	"net/http"
	"regexp"
	"strings"

	"mfgplan/internal/apperr"
)

func errNoRoute(r *http.Request) error {
	return apperr.New(apperr.NotFound, "接口不存在：%s %s", r.Method, r.URL.Path)
}

func (s *Server) systemRoutes() {
	s.handle(Route{Method: "GET", Path: "/api/v1/health", Summary: "Liveness and database check", Tag: "system", Public: true}, s.health)
	s.handle(Route{Method: "GET", Path: "/api/v1/openapi.json", Summary: "This API's OpenAPI 3.1 document", Tag: "system", Public: true}, s.openAPI)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	status := "ok"
	if err := s.DB.SQL().PingContext(r.Context()); err != nil {
		status = "database unavailable"
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	return writeJSON(w, map[string]any{
		"status":       status,
		"version":      s.Version,
		"database":     s.DB.Dialect(),
		"plan":         s.Plan.Plan.ID,
		"plan_version": s.PlanVersion.Version,
	})
}

var pathParam = regexp.MustCompile(`\{([a-zA-Z_]+)\.*\}`)

// openAPI describes every declared route. It is built from the same table
// that registers the handlers, so the document cannot miss an endpoint.
func (s *Server) openAPI(w http.ResponseWriter, _ *http.Request) error {
	paths := map[string]map[string]any{}
	for _, rt := range s.routes {
		item := paths[rt.Path]
		if item == nil {
			item = map[string]any{}
			paths[rt.Path] = item
		}
		var params []map[string]any
		for _, m := range pathParam.FindAllStringSubmatch(rt.Path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]string{"type": "string"}})
		}
		for _, q := range rt.Query {
			params = append(params, map[string]any{"name": q.Name, "in": "query", "description": q.Description, "schema": map[string]string{"type": "string"}})
		}
		op := map[string]any{
			"summary":     rt.Summary,
			"tags":        []string{rt.Tag},
			"operationId": operationID(rt),
			"responses": map[string]any{
				"200":     map[string]any{"description": "OK"},
				"default": map[string]any{"description": "Error", "content": map[string]any{"application/json": map[string]any{"schema": map[string]string{"$ref": "#/components/schemas/Error"}}}},
			},
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if rt.Public {
			op["security"] = []any{}
		}
		item[strings.ToLower(rt.Method)] = op
	}
	return writeJSON(w, map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "mfgplan API",
			"version":     s.Version,
			"description": "制造业规划监测平台 API. Every number carries its unit and period.",
		},
		"servers":  []map[string]string{{"url": "/"}},
		"paths":    paths,
		"security": []map[string][]string{{"session": {}}, {"bearer": {}}},
		"components": map[string]any{"securitySchemes": securitySchemes, "schemas": map[string]any{"Error": map[string]any{
			"type": "object",
			"properties": map[string]any{"error": map[string]any{"type": "object", "properties": map[string]any{
				"code": map[string]string{"type": "string"}, "message": map[string]string{"type": "string"}, "details": map[string]any{},
			}}},
		}}},
	})
}

// securitySchemes document the two ways to authenticate: the session cookie
// from POST /api/v1/auth/login (state-changing requests also need the
// X-CSRF-Token header), or an API token as a bearer token.
var securitySchemes = map[string]any{
	"session": map[string]string{"type": "apiKey", "in": "cookie", "name": SessionCookie,
		"description": "Session from POST /api/v1/auth/login; POST/PUT/PATCH/DELETE also need header " + CSRFHeader + " = csrf_token"},
	"bearer": map[string]string{"type": "http", "scheme": "bearer", "description": "API token from POST /api/v1/auth/tokens or `mfgplan token create`"},
}

func operationID(rt Route) string {
	p := strings.NewReplacer("/api/v1/", "", "/", "_", "{", "", "}", "", ".", "", "-", "_").Replace(rt.Path)
	return strings.ToLower(rt.Method) + "_" + p
}
