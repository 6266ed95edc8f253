package demo_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/demo"
	"mfgplan/internal/dirty"
	"mfgplan/internal/plan"
	"mfgplan/internal/registry"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

var sys = access.With(context.Background(), access.System)

func generate(t testing.TB, db *store.DB, seed uint64, scale float64) (*plan.Plan, *registry.Service, demo.Result) {
	t.Helper()
	p, svc := registrytest.Setup(t, db)
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	res, err := demo.Generate(sys, db, demo.Deps{Plan: p, Catalog: cat, Classes: svc.Classification(), Map: svc.IndustryMap()},
		demo.Options{Seed: seed, Scale: scale})
	if err != nil {
		t.Fatal(err)
	}
	return p, svc, res
}

// city2020 computes the 2020 city aggregates over the year's 规上 firms from
// what the store holds, the way the indicators will.
func city2020(t *testing.T, db *store.DB, p *plan.Plan, svc *registry.Service) map[string]float64 {
	t.Helper()
	pillar := map[string]bool{}
	for _, c := range p.Clusters {
		pillar[c.Code] = c.Target != nil
	}
	rows, err := db.Query(sys, `SELECT e.industry_code, COALESCE(e.cluster_code, ''), v.element_code, v.value
		FROM data_values v JOIN enterprises e ON e.id = v.enterprise_id
		JOIN enterprise_years y ON y.enterprise_id = e.id AND y.year = 2020 AND y.above_scale = TRUE
		WHERE v.period = '2020'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	sum, count := map[string]float64{}, map[string]float64{}
	for rows.Next() {
		var industry, cluster, el string
		var v float64
		if err := rows.Scan(&industry, &cluster, &el, &v); err != nil {
			t.Fatal(err)
		}
		sum[el] += v
		count[el]++
		if el == "revenue" {
			if v >= 10000 {
				sum["big"]++
			}
			if pillar[cluster] {
				sum["pillar"] += v
			}
			if svc.Classification().IsHighTech(industry) {
				sum["hightech"] += v
			}
		}
	}
	tagged := func(tag, min string) float64 {
		n, err := svc.CountTagged(sys, tag, min, "2020-12-31", registry.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return float64(n)
	}
	return map[string]float64{
		"firms": count["revenue"], "revenue": sum["revenue"] / 1e4, "profit": sum["profit"] / 1e4,
		"margin": sum["profit"] / sum["revenue"] * 100, "big": sum["big"], "pillar": sum["pillar"] / 1e4,
		"hightech_share": sum["hightech"] / sum["revenue"] * 100, "rd_coverage": sum["has_rd"] / count["has_rd"] * 100,
		"rd_intensity": sum["rd_expense"] / sum["revenue"] * 100, "digital": sum["digital_rd_tools"] / count["digital_rd_tools"] * 100,
		"nc": sum["nc_key_process_rate"] / count["nc_key_process_rate"], "service": sum["service_mfg"] / count["service_mfg"] * 100,
		"zjtx": tagged("zjtx", "province"), "hte": tagged("high_tech_enterprise", ""),
		"green_national": tagged("green_factory", "national"), "green_provincial": tagged("green_factory", "province") - tagged("green_factory", "national"),
	}
}

// TestDemoMatchesPlanBaselines runs at full size on SQLite (the calibration
// the bureau sees) and at a tenth on PostgreSQL (the same code path, faster).
func TestDemoMatchesPlanBaselines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		scale := 1.0
		if db.Dialect() == store.Postgres {
			scale = 0.1
		}
		p, svc, res := generate(t, db, 1, scale)
		got := city2020(t, db, p, svc)
		count := func(v float64) float64 { return math.Round(v * scale) }
		tests := []struct {
			name      string
			want, tol float64 // tol is relative
		}{
			{"firms", count(807), 0}, {"revenue", 1477.5 * scale, 0.01}, {"profit", 104.9 * scale, 0.01},
			{"margin", 7.1, 0.02}, {"big", count(304), 0.02}, {"pillar", 1170.5 * scale, 0.01},
			{"hightech_share", 26, 0.02}, {"rd_coverage", 23.6, 0.03}, {"rd_intensity", 0.49, 0.03},
			{"digital", 75.6, 0.02}, {"nc", 50.1, 0.01}, {"service", 37, 0.03},
			{"zjtx", count(116), 0.02}, {"hte", count(71), 0.02},
			{"green_national", count(2), 0}, {"green_provincial", count(12), 0},
		}
		for _, tt := range tests {
			if g := got[tt.name]; math.Abs(g-tt.want) > tt.tol*tt.want+1e-9 {
				t.Errorf("2020 %s = %.3f, want %.3f ± %.0f%%", tt.name, g, tt.want, tt.tol*100)
			}
		}
		if res.AboveScale[1] <= res.AboveScale[0] || res.AboveScale[5] <= res.AboveScale[1] {
			t.Errorf("规上 firms per year %v should grow", res.AboveScale)
		}
		checkGrowthAndMonths(t, db)
	})
}

// checkGrowthAndMonths checks that revenue and profit grow from 2020 to
// 2025 and that each December's 1–12月累计 equals the yearly figure.
func checkGrowthAndMonths(t *testing.T, db *store.DB) {
	t.Helper()
	total := func(el, period string) float64 {
		var v float64
		if err := db.QueryRow(sys, `SELECT COALESCE(SUM(value), 0) FROM data_values WHERE element_code = ? AND period = ?`, el, period).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, el := range []string{"revenue", "profit"} {
		if a, b := total(el, "2020"), total(el, "2025"); b <= a {
			t.Errorf("%s 2025 %.0f is not above 2020 %.0f", el, b, a)
		}
		for y := 2020; y <= 2025; y++ {
			if a, b := total(el, fmt.Sprint(y)), total(el, fmt.Sprintf("%d-12", y)); math.Abs(a-b) > 0.01*float64(b)/100 {
				t.Errorf("%s %d: yearly %.1f, December cumulative %.1f", el, y, a, b)
			}
		}
	}
	var months int
	db.QueryRow(sys, `SELECT COUNT(DISTINCT period) FROM data_values WHERE element_code = 'revenue' AND period LIKE '____-__'`).Scan(&months)
	if months != 72 {
		t.Errorf("%d months of revenue, want 2020-01..2025-12", months)
	}
}

// fingerprint summarises a store's demo data so two runs can be compared.
func fingerprint(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	rows, err := db.Query(sys, `SELECT uscc, name, county_code, COALESCE(park_code, ''), industry_code, land_mu FROM enterprises ORDER BY uscc`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a, n, c, p, i string
		var l float64
		rows.Scan(&a, &n, &c, &p, &i, &l)
		fmt.Fprintln(&b, a, n, c, p, i, l)
	}
	rows.Close()
	var sum float64
	var cnt, tags int
	db.QueryRow(sys, `SELECT COUNT(*), SUM(value) FROM data_values`).Scan(&cnt, &sum)
	db.QueryRow(sys, `SELECT COUNT(*) FROM enterprise_tags`).Scan(&tags)
	fmt.Fprintf(&b, "%d %.1f %d", cnt, sum, tags)
	return b.String()
}

func TestDemoSameSeedSameData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		other := storetest.SQLite(t)
		if db.Dialect() == store.Postgres {
			other = storetest.Postgres(t)
		}
		third := storetest.SQLite(t)
		generate(t, db, 42, 0.05)
		generate(t, other, 42, 0.05)
		generate(t, third, 43, 0.05)
		a, b, c := fingerprint(t, db), fingerprint(t, other), fingerprint(t, third)
		if a != b {
			t.Error("seed 42 gave different data on two runs")
		}
		if a == c {
			t.Error("seeds 42 and 43 gave the same data")
		}
		d, err := demo.Current(sys, db)
		if err != nil || !d.Demo || d.Label != "演示数据" || d.Seed != "42" {
			t.Errorf("dataset %+v (%v), want demo data with seed 42", d, err)
		}
		rows, _ := db.Query(sys, `SELECT uscc, name FROM enterprises`)
		defer rows.Close()
		for rows.Next() {
			var uscc, name string
			rows.Scan(&uscc, &name)
			if err := registry.CheckUSCC(uscc); err != nil || !strings.HasPrefix(uscc, "99") || !strings.HasPrefix(name, "「演示」") {
				t.Fatalf("enterprise %s %s: synthetic names and USCCs must be marked and valid (%v)", uscc, name, err)
			}
		}
	})
}

// TestDemoMarksEveryEnterprise: the first read after a demo load must find
// the marks that make it build analytics, one per enterprise for all periods.
func TestDemoMarksEveryEnterprise(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, _, res := generate(t, db, 1, 0.02)
		marks, err := dirty.Claim(sys, db)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, m := range marks {
			if m.Period != dirty.AllPeriods {
				t.Errorf("mark %+v: want the enterprise's all-periods mark only", m)
			}
			ids = append(ids, m.Enterprise)
		}
		var stored []int64
		rows, err := db.Query(sys, `SELECT id FROM enterprises ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			stored = append(stored, id)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if len(stored) != res.Enterprises || !slices.Equal(ids, stored) {
			t.Errorf("marked %d enterprises, stored %d, generated %d", len(ids), len(stored), res.Enterprises)
		}
	})
}

func TestDemoRefusesWhatItMustNotDo(t *testing.T) {
	db := storetest.SQLite(t)
	p, svc, _ := generate(t, db, 1, 0.02)
	cat, _ := stats.DefaultCatalog()
	deps := demo.Deps{Plan: p, Catalog: cat, Classes: svc.Classification(), Map: svc.IndustryMap()}
	if _, err := demo.Generate(sys, db, deps, demo.Options{Seed: 2, Scale: 0.02}); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("second generation into a filled store: %v, want conflict", err)
	}
	county := access.With(context.Background(), access.Principal{User: "c", Role: access.RoleCounty, Enter: access.Scope{Counties: []string{"511722"}}})
	if _, err := demo.Generate(county, storetest.SQLite(t), deps, demo.Options{Seed: 1}); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("generation by a county user: %v, want forbidden", err)
	}
}

// BenchmarkGenerate measures `mfgplan demo` at full size on SQLite: about
// 1.16 million values, written in one transaction.
func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		db := storetest.SQLite(b)
		b.StartTimer()
		_, _, res := generate(b, db, 1, 1)
		b.ReportMetric(float64(res.Values)/res.Seconds, "values/s")
	}
}

// TestDemoFirmsGetRuleLinks checks that the demo's firms are linked to chain
// nodes by the industry map's rules, as registered enterprises are: every
// linked firm's nodes are exactly its class's rule nodes, and the lithium
// battery chain has firms to show.
func TestDemoFirmsGetRuleLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc, _ := generate(t, db, 1, 0.05)
		page, err := svc.List(sys, registry.Filter{Chain: "brine_lithium_battery", Limit: registry.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total == 0 {
			t.Fatal("no demo firm in the 卤水－碳酸锂－磷酸铁锂－动力电池 chain")
		}
		for _, e := range page.Items {
			links, err := svc.ChainNodes(sys, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range links {
				if l.Source != registry.LinkRule || !l.Linked {
					t.Errorf("%s: link %+v, want a rule link", e.Name, l)
				}
				got = append(got, l.Node)
			}
			if want := svc.IndustryMap().ChainNodes(e.Industry); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
				t.Errorf("%s (%s): nodes %v, want %v", e.Name, e.Industry, got, want)
			}
		}
	})
}

// TestDemoReviewStates: the demo's reports stand where a bureau mid-cycle
// would have them — everything up to October of the last year accepted,
// November part-way through review, December and the annual report open —
// and only reports that exist have a state.
func TestDemoReviewStates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, _, res := generate(t, db, 1, 0.02)
		count := func(q string) int {
			t.Helper()
			var n int
			if err := db.QueryRow(sys, q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if got := count(`SELECT COUNT(*) FROM approvals`); got != res.Reviewed || got == 0 {
			t.Fatalf("%d approvals stored, result says %d", got, res.Reviewed)
		}
		reported := `SELECT COUNT(DISTINCT enterprise_id) FROM data_values WHERE period = `
		for _, tc := range []struct{ period, status string }{{"2024", "accepted"}, {"2025-10", "accepted"}, {"2021-03", "accepted"}} {
			want := count(reported + `'` + tc.period + `'`)
			got := count(`SELECT COUNT(*) FROM approvals WHERE status = '` + tc.status + `' AND period = '` + tc.period + `'`)
			if want == 0 || got != want {
				t.Errorf("%s: %d reports %s, want all %d reporting firms", tc.period, got, tc.status, want)
			}
		}
		for _, open := range []string{"2025-12", "2025"} {
			if n := count(`SELECT COUNT(*) FROM approvals WHERE period = '` + open + `'`); n != 0 {
				t.Errorf("%s should be open for filing, %d reports have a review state", open, n)
			}
		}
		nov := map[string]int{}
		rows, err := db.Query(sys, `SELECT status, COUNT(*) FROM approvals WHERE period = '2025-11' GROUP BY status`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var st string
			var n int
			if err := rows.Scan(&st, &n); err != nil {
				t.Fatal(err)
			}
			nov[st] = n
		}
		reporting := count(reported + `'2025-11'`)
		if nov["approved"] == 0 || nov["submitted"] == 0 || nov["approved"]+nov["submitted"] >= reporting {
			t.Errorf("2025-11 should be part-way through review: %v of %d reporting firms", nov, reporting)
		}
		if orphan := count(`SELECT COUNT(*) FROM approvals a WHERE NOT EXISTS (SELECT 1 FROM data_values v
			WHERE v.enterprise_id = a.enterprise_id AND v.period = a.period)`); orphan != 0 {
			t.Errorf("%d review states for reports the demo did not write", orphan)
		}
	})
}
