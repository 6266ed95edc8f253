package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/spf13/pflag"

	"mfgplan/internal/access"
	"mfgplan/internal/auth"
	"mfgplan/internal/httpapi"
	"mfgplan/internal/indicator"
	"mfgplan/internal/indicator/query"
	"mfgplan/internal/registry"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// dazhouNames are words that only the Dazhou plan brings: the city, its
// counties and its plan id. None may appear in what another plan's store
// serves.
var dazhouNames = []string{"达州", "通川", "达川", "万源", "宣汉", "开江", "大竹", "渠县", "dazhou", "511700", "5117"}

// TestSecondPlan opens a store with the Jiangxi plan, fills it with
// generated enterprises and figures, computes the plan's indicators, and
// reads every GET route of the API as the administrator: the indicators
// have values and statuses, and no response names anything of Dazhou's.
func TestSecondPlan(t *testing.T) {
	ctx := access.With(context.Background(), access.System)
	cfg := &Config{}
	cfg.bind(pflag.NewFlagSet("test", pflag.ContinueOnError)) // every default, as a command line without flags
	cfg.DataDir, cfg.Plan = t.TempDir(), "../../plans/jiangxi-2021-2025.yaml"
	app, err := openApp(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	if app.IndicatorsErr != nil {
		t.Fatal(app.IndicatorsErr)
	}
	firms := generateFirms(t, ctx, app)
	if _, err := app.Indicators.Analytics.Refresh(ctx); err != nil { // as a command does after it writes
		t.Fatal(err)
	}

	res, err := app.Indicators.Indicators(ctx, query.Params{Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"above_scale_va_growth": true, "strategic_emerging_va_share": true, "clusters_over_100bn": true,
		"nanchang_metro_revenue_share": true, "nanchang_revenue_share": true}
	for _, r := range res.Items {
		if want[r.Code] && (r.Actual == nil || r.Status == indicator.NoData) {
			t.Errorf("%s has no value on generated data: %s %s", r.Code, r.Status, r.Reason)
		}
	}
	checkGenerated(t, res.Table)
	checkLevelNames(t, ctx, app)

	srv := httpapi.New(app.serverDeps(fstest.MapFS{}, slog.New(slog.NewTextHandler(io.Discard, nil)), "test"))
	cookie := adminSession(t, ctx, app)
	read := 0
	for _, rt := range srv.Routes() {
		path, ok := concretePath(rt, firms[0])
		if rt.Method != http.MethodGet || !ok {
			continue
		}
		for _, q := range []string{"", "?year=2024", "?year=2024&by=county"} {
			r := httptest.NewRequest(http.MethodGet, path+q, nil)
			r.AddCookie(cookie)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, r)
			body := rec.Body.String()
			read++
			for _, name := range dazhouNames {
				if strings.Contains(body, name) {
					t.Errorf("GET %s%s (%d) names %q: …%s…", path, q, rec.Code, name, around(body, name))
				}
			}
		}
	}
	if read < 60 {
		t.Errorf("only %d responses read", read)
	}
}

// concretePath fills a route's path parameters with things that exist in
// the generated store; routes whose parameters have no such value are
// skipped.
func concretePath(rt httpapi.Route, firm int64) (string, bool) {
	fill := map[string]string{"{code}": "nanchang_revenue_share", "{id}": fmt.Sprint(firm)}
	p := rt.Path
	for k, v := range fill {
		p = strings.ReplaceAll(p, k, v)
	}
	if strings.Contains(p, "{") || strings.HasPrefix(p, "/api/v1/chains/") {
		return "", false
	}
	return p, true
}

func around(s, sub string) string {
	i := strings.Index(s, sub)
	return s[max(0, i-80):min(len(s), i+len(sub)+80)]
}

// genClasses are industry classes spread over the Jiangxi clusters: one
// traditional and one emerging class per 设区市, so that every share has a
// numerator and a denominator.
var genClasses = []string{"3211", "3974", "1331", "3841", "3011", "3741", "1711", "3511", "3120", "2740", "2614"}

// generateFirms registers three 规上 enterprises in each 设区市 with yearly
// 营业收入 and 工业增加值 for 2023 and 2024, and returns their ids.
func generateFirms(t *testing.T, ctx context.Context, app *App) []int64 {
	t.Helper()
	var ids []int64
	var vals []stats.Value
	for i, d := range app.Plan.Plan.Counties {
		for j := 0; j < 3; j++ {
			n := i*3 + j + 1
			uscc, name, county := registrytest.USCC(d.Code, n), fmt.Sprintf("测试%s%d号企业", d.Name, j+1), d.Code
			class := genClasses[(i+j)%len(genClasses)]
			e, err := app.Registry.Create(ctx, registry.Input{USCC: &uscc, Name: &name, County: &county, Industry: &class}, "test")
			if err != nil {
				t.Fatalf("registering %s (%s): %v", name, class, err)
			}
			for _, y := range []int{2020, 2023, 2024} {
				if err := app.Registry.SetAboveScale(ctx, e.ID, y, true, "test"); err != nil {
					t.Fatal(err)
				}
			}
			ids = append(ids, e.ID)
			rev := float64(200000 * (n%7 + 1)) // 20–140 亿元
			for _, y := range []struct {
				period string
				grow   float64
			}{{"2020", 1}, {"2023", 1.2}, {"2024", 1.32}} {
				vals = append(vals,
					stats.Value{EnterpriseID: e.ID, Element: "revenue", Period: y.period, Value: rev * y.grow},
					stats.Value{EnterpriseID: e.ID, Element: "value_added", Period: y.period, Value: rev * y.grow * 0.25})
			}
		}
	}
	err := app.DB.InTx(ctx, func(tx *store.Tx) error {
		_, err := stats.SaveValues(ctx, tx, vals, "test", "test")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// checkGenerated recomputes two shares from the generated figures: 南昌's
// share of revenue, and the 大南昌都市圈's (南昌 and 九江 in this file).
func checkGenerated(t *testing.T, res query.Table) {
	t.Helper()
	revenue := func(division, firm int) float64 { return float64(200000*((division*3+firm+1)%7+1)) * 1.32 }
	var all, nanchang, metro float64
	for d := 0; d < 11; d++ {
		for j := 0; j < 3; j++ {
			v := revenue(d, j)
			all += v
			if d == 0 {
				nanchang += v
			}
			if d == 0 || d == 3 {
				metro += v
			}
		}
	}
	for code, want := range map[string]float64{"nanchang_revenue_share": 100 * nanchang / all, "nanchang_metro_revenue_share": 100 * metro / all} {
		for _, r := range res.Items {
			if r.Code == code && (r.Actual == nil || fmt.Sprintf("%.6f", *r.Actual) != fmt.Sprintf("%.6f", want)) {
				t.Errorf("%s = %v, want %.6f", code, r.Actual, want)
			}
		}
	}
}

// adminSession creates an administrator and a city user's session cookie.
func adminSession(t *testing.T, ctx context.Context, app *App) *http.Cookie {
	t.Helper()
	const pw = "Test-pass-2026"
	if _, err := app.Auth.AddUser(ctx, auth.NewUser{Username: "city", Password: pw, Grant: auth.Grant{Role: access.RoleCity}}); err != nil {
		t.Fatal(err)
	}
	sess, err := app.Auth.Login(context.Background(), "city", pw)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Cookie{Name: httpapi.SessionCookie, Value: sess.Token}
}

// checkLevelNames checks that messages name the plan's levels: a 设区市,
// not a 县（市、区）, and the province's totals as 全省.
func checkLevelNames(t *testing.T, ctx context.Context, app *App) {
	t.Helper()
	uscc, name, county, class := registrytest.USCC("369900", 1), "测试企业", "369900", "3974"
	_, err := app.Registry.Create(ctx, registry.Input{USCC: &uscc, Name: &name, County: &county, Industry: &class}, "test")
	if err == nil || !strings.Contains(err.Error(), "设区市代码") {
		t.Errorf("unknown division: %v, want it named 设区市", err)
	}
	res, err := app.Indicators.Indicators(ctx, query.Params{Year: 2024, Org: "360700"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Items {
		if r.Code == "clusters_over_100bn" && !strings.Contains(r.Reason, "全省总量") {
			t.Errorf("a 设区市's share of a province total: %q, want 全省总量", r.Reason)
		}
		if strings.Contains(r.Reason, "全市") || strings.Contains(r.Reason, "县（市、区）") {
			t.Errorf("%s reason names a city's levels: %q", r.Code, r.Reason)
		}
	}
}
