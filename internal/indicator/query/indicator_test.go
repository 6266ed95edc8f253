package query

import (
	"context"
	"math"
	"strings"
	"testing"

	"mfgplan/internal/apperr"
	"mfgplan/internal/indicator"
	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestIndicatorsComputeFromFixture(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedFixture(t, db)
		svc := counted(t, newService(db, testEngine(t, nil)))
		res, err := svc.Indicators(systemCtx(), Params{Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		if res.Org.Code != "511700" || res.Period != "2024" {
			t.Fatalf("resolved %s %s, want the city in 2024", res.Org.Code, res.Period)
		}
		tests := []struct {
			code string
			want float64
		}{
			{"profit_margin", 100 * 5000.0 / 120000},
			{"firms_revenue_over_100m", 4},
			{"hightech_revenue_share", 100 * 84000.0 / 120000},
			{"pillar_revenue", 12},
		}
		for _, tt := range tests {
			r := find(t, res.Items, tt.code)
			if r.Actual == nil || !near(*r.Actual, tt.want) {
				t.Errorf("%s = %v, want %g (%s)", tt.code, r.Actual, tt.want, r.Reason)
			}
			if r.Status == "" || r.Reason == "" {
				t.Errorf("%s has no status or reason", tt.code)
			}
		}
		pm := find(t, res.Items, "profit_margin")
		wantTarget := indicator.PathValue("linear", plan.Baseline{Value: 7.1, Year: 2020}, 8, 2025, 2024)
		if pm.TargetToDate == nil || !near(*pm.TargetToDate, wantTarget) || pm.Status != indicator.Severe {
			t.Errorf("profit_margin target %v status %s, want %g and %s", pm.TargetToDate, pm.Status, wantTarget, indicator.Severe)
		}
		if r := find(t, res.Items, "industrial_value_added"); r.Status != indicator.NoData || !strings.Contains(r.Reason, "尚未录入") {
			t.Errorf("direct indicator without region value: %s %q", r.Status, r.Reason)
		}
		if r := find(t, res.Items, "mfg_va_share_gdp"); r.Status != indicator.NoData {
			t.Errorf("mfg_va_share_gdp without data: %s", r.Status)
		}
	})
}

func TestProRataTargetWithinYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedFixture(t, db)
		svc := counted(t, newService(db, testEngine(t, nil)))
		res, err := svc.Indicators(systemCtx(), Params{Period: "2024-06"})
		if err != nil {
			t.Fatal(err)
		}
		r := find(t, res.Items, "pillar_revenue")
		annual := indicator.PathValue("compound", plan.Baseline{Value: 1170.5, Year: 2020}, 4000, 2025, 2024)
		if r.Actual == nil || !near(*r.Actual, 5) || !near(*r.AnnualTarget, annual) || !near(*r.TargetToDate, annual*0.5) {
			t.Fatalf("pillar_revenue 2024-06: actual %v annual %v to date %v; want 5, %g, %g", r.Actual, r.AnnualTarget, r.TargetToDate, annual, annual/2)
		}
		if r.Status != indicator.Severe {
			t.Errorf("5 of %g 亿元 by June is %s, want %s", annual/2, r.Status, indicator.Severe)
		}
		// A yearly indicator asked for in June reads the last complete year.
		if f := find(t, res.Items, "firms_revenue_over_100m"); f.Period != "2023" {
			t.Errorf("yearly indicator in 2024-06 read %s, want 2023", f.Period)
		}
	})
}

func TestExplicitAnnualTargetOverridesPath(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedFixture(t, db)
		eng := testEngine(t, []indicator.AnnualTarget{{Indicator: "pillar_revenue", Org: "511702", Year: 2024, Value: 2, Source: "测试分解目标"}})
		svc := counted(t, newService(db, eng))
		res, err := svc.Indicators(systemCtx(), Params{Period: "2024-06", Org: "511702"})
		if err != nil {
			t.Fatal(err)
		}
		r := find(t, res.Items, "pillar_revenue")
		if r.AnnualTarget == nil || *r.AnnualTarget != 2 || !near(*r.TargetToDate, 1) || r.TargetSource != "分解年度目标" {
			t.Fatalf("explicit target: annual %v to date %v source %q", r.AnnualTarget, r.TargetToDate, r.TargetSource)
		}
		if !near(*r.Actual, 1.5) || r.Status != indicator.Achieved {
			t.Errorf("511702 pillar revenue %v status %s, want 1.5 and %s", *r.Actual, r.Status, indicator.Achieved)
		}
		other, err := svc.Indicators(systemCtx(), Params{Period: "2024-06", Org: "511722"})
		if err != nil {
			t.Fatal(err)
		}
		if r := find(t, other.Items, "pillar_revenue"); r.Status != indicator.NoTarget {
			t.Errorf("a county without a broken-down total target: %s, want %s", r.Status, indicator.NoTarget)
		}
	})
}

func TestScopeLimitsBreakdownAndExplain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedFixture(t, db)
		svc := counted(t, newService(db, testEngine(t, nil)))
		ctx := countyCtx("511702")
		if _, err := svc.Indicators(ctx, Params{Year: 2024, Org: "511700"}); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("county user reading the city: %v, want not found", err)
		}
		if _, err := svc.Explain(ctx, "profit_margin", Params{Year: 2024, Org: "511722"}, ""); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("county user explaining another county: %v, want not found", err)
		}
		if _, err := svc.Breakdown(ctx, "profit_margin", Params{Year: 2024, Org: "511722", By: "park"}); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("county user drilling into another county: %v, want not found", err)
		}
		dd, err := svc.Breakdown(ctx, "profit_margin", Params{Year: 2024, By: "county"})
		if err != nil || len(dd.Items) != 1 || dd.Items[0].Org.Code != "511702" {
			t.Fatalf("own breakdown = %+v, %v; want only 511702", dd, err)
		}
		items := dd.Items
		if v := items[0].Row.Actual; v == nil || !near(*v, 100*1100.0/36000) {
			t.Errorf("511702 profit margin = %v", v)
		}
		ex, err := svc.Explain(ctx, "profit_margin", Params{Year: 2024}, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(ex.Contributors) != 2 || len(ex.Inputs) != 2 {
			t.Fatalf("explain: %d contributors, %d inputs; want 2 and 2", len(ex.Contributors), len(ex.Inputs))
		}
		for _, c := range ex.Contributors {
			if c.County != "511702" {
				t.Errorf("contributor %s from county %s leaked", c.Name, c.County)
			}
		}
		if ex.Contributors[0].Name != "乙化工" {
			t.Errorf("top contributor %s, want 乙化工 (largest profit)", ex.Contributors[0].Name)
		}
	})
}

func TestCumulativeAndGrowthTargets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids := seedFixture(t, db)
		ctx := context.Background()
		var vals []stats.Value
		for _, id := range ids {
			for _, y := range []string{"2021", "2022", "2023"} {
				vals = append(vals, stats.Value{EnterpriseID: id, Element: "fixed_investment", Period: y, Value: 50000})
			}
			vals = append(vals,
				stats.Value{EnterpriseID: id, Element: "fixed_investment", Period: "2024-06", Value: 10000},
				stats.Value{EnterpriseID: id, Element: "land_area", Period: "2023", Value: 100},
				stats.Value{EnterpriseID: id, Element: "land_area", Period: "2024", Value: 100})
		}
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := stats.SaveValues(ctx, tx, vals, "test", "test")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		svc := counted(t, newService(db, testEngine(t, nil)))
		res, err := svc.Indicators(systemCtx(), Params{Period: "2024-06"})
		if err != nil {
			t.Fatal(err)
		}
		inv := find(t, res.Items, "mfg_investment")
		// 【1500】 over 2021–2025: 300 a year; by June 2024 three years and a half are due.
		if inv.Actual == nil || !near(*inv.Actual, 64) || !near(*inv.YearActual, 4) || !near(*inv.TargetToDate, 1050) {
			t.Fatalf("mfg_investment: actual %v (year %v), to date %v; want 64 (4), 1050", inv.Actual, inv.YearActual, inv.TargetToDate)
		}
		if inv.Status != indicator.Severe || inv.RequiredYear == nil || !near(*inv.RequiredYear, 1436) {
			t.Errorf("mfg_investment status %s, required per year %v; want %s and 1436", inv.Status, inv.RequiredYear, indicator.Severe)
		}
		// 序时进度 of a 【】 target is counted against the five-year sum:
		// (1050 − 64) / 1500 = 65.7 points behind.
		if !strings.Contains(inv.Reason, "落后序时进度65.7个百分点") {
			t.Errorf("mfg_investment reason %q, want 65.7 points behind", inv.Reason)
		}
		res, err = svc.Indicators(systemCtx(), Params{Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		g := find(t, res.Items, "revenue_per_mu_growth")
		// 亩均营业收入 250 → 300 万元/亩 is +20% against the [7] target.
		if g.Actual == nil || !near(*g.Actual, 20) || !near(*g.TargetToDate, 7) || g.Status != indicator.Achieved {
			t.Errorf("revenue_per_mu_growth: %v against %v, %s; want 20 against 7, %s", g.Actual, g.TargetToDate, g.Status, indicator.Achieved)
		}
		mv := find(t, res.Items, "mfg_va_share_gdp")
		if mv.Status != indicator.NoData {
			t.Errorf("external target without data: %s", mv.Status)
		}
	})
}

func TestExternalReference(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedFixture(t, db)
		ctx := context.Background()
		ins := `INSERT INTO region_values (org_code, element_code, period, value, source, updated_at) VALUES ('511700', ?, '2024', ?, '测试', '2025-01-01T00:00:00Z')`
		if _, err := db.Exec(ctx, ins, "mfg_va_share_gdp", 17.5); err != nil {
			t.Fatal(err)
		}
		svc := counted(t, newService(db, testEngine(t, nil)))
		res, err := svc.Indicators(systemCtx(), Params{Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		if r := find(t, res.Items, "mfg_va_share_gdp"); r.Status != indicator.NoReference || !strings.Contains(r.Reason, "尚未录入参照值") {
			t.Errorf("without the province's share: %s %q, want %s", r.Status, r.Reason, indicator.NoReference)
		}
		if _, err := db.Exec(ctx, ins, "province_mfg_va_share", 25); err != nil {
			t.Fatal(err)
		}
		res, err = svc.Indicators(systemCtx(), Params{Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		r := find(t, res.Items, "mfg_va_share_gdp")
		if r.TargetToDate == nil || *r.TargetToDate != 25 || r.Status != indicator.Lagging {
			t.Errorf("17.5%% against a province average of 25%%: target %v status %s (%s), want 25 and %s", r.TargetToDate, r.Status, r.Reason, indicator.Lagging)
		}
	})
}

func TestDefaultPeriodIsTheLatestReported(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedFixture(t, db)
		svc := counted(t, newService(db, testEngine(t, nil)))
		res, err := svc.Indicators(systemCtx(), Params{})
		if err != nil {
			t.Fatal(err)
		}
		// 2024 has its yearly report, so the latest period is the year itself.
		if res.Period != "2024" {
			t.Errorf("default period %s, want 2024", res.Period)
		}
	})
}

// TestEmptyNumeratorIsZero: 通川区's firms report revenue but none is
// high-tech, so its high-tech share is 0%, not no data; R&D spending, which
// no firm reported, stays no data.
func TestEmptyNumeratorIsZero(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedFixture(t, db)
		svc := counted(t, newService(db, testEngine(t, nil)))
		res, err := svc.Indicators(systemCtx(), Params{Year: 2024, Org: "511702"})
		if err != nil {
			t.Fatal(err)
		}
		if r := find(t, res.Items, "hightech_revenue_share"); r.Actual == nil || *r.Actual != 0 {
			t.Errorf("high-tech share of a county without high-tech firms = %v (%s %s), want 0", r.Actual, r.Status, r.Reason)
		}
		if r := find(t, res.Items, "rd_intensity"); r.Actual != nil || r.Status != indicator.NoData {
			t.Errorf("R&D intensity with no R&D reported = %v %s, want no data", r.Actual, r.Status)
		}
	})
}
