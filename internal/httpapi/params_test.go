package httpapi_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/store/storetest"
)

// hostileValues are parameter values out of every range: far years, bad
// months, negative and huge numbers, numbers that overflow int64.
var hostileValues = []string{"4880", "-1", "0", "99999999999999999999", "2024-13", "4880-01", "2024Q9", "abc"}

// TestOutOfRangeParametersAreRefused: every GET route, given each declared
// query parameter (and every path parameter) out of range, answers with a
// client error or a result — never 500.
func TestOutOfRangeParametersAreRefused(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	cookie, _ := e.session(t, access.RoleAdmin)
	pathParam := regexp.MustCompile(`\{[a-z_]+\}`)
	for _, rt := range e.srv.Routes() {
		if rt.Method != http.MethodGet {
			continue
		}
		for _, v := range hostileValues {
			path := pathParam.ReplaceAllString(rt.Path, "1")
			targets := []string{pathParam.ReplaceAllString(rt.Path, v)}
			for _, q := range rt.Query {
				targets = append(targets, path+"?"+q.Name+"="+v)
			}
			for _, target := range targets {
				if rec := e.call("GET", target, "", cookie, ""); rec.Code >= 500 {
					t.Errorf("GET %s: %d %s", target, rec.Code, strings.TrimSpace(rec.Body.String()))
				}
			}
		}
	}
}
