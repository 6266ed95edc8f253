package query

import (
	"context"
	"os"
	"strings"
	"testing"

	"mfgplan/internal/dirty"
	"mfgplan/internal/indicator"
	"mfgplan/internal/indicator/indicatortest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// primed seeds the fixture, builds analytics with a first read and stamps
// every row computed_at 'before', so a test can see which rows a change rewrote.
func primed(t *testing.T, db *store.DB) ([]int64, *Service) {
	t.Helper()
	ids := seedFixture(t, db)
	return ids, prime(t, db)
}

// prime builds analytics of the seeded store, reads them once and stamps
// every row computed_at 'before'.
func prime(t *testing.T, db *store.DB) *Service {
	t.Helper()
	svc := counted(t, newService(db, testEngine(t, nil)))
	if _, err := svc.Indicators(systemCtx(), Params{Year: 2024}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(context.Background(), `UPDATE analytics_indicator_values SET computed_at = 'before'`); err != nil {
		t.Fatal(err)
	}
	return svc
}

// recomputed lists the units (org/group/period) a refresh rewrote since prime.
func recomputed(t *testing.T, db *store.DB) map[string]bool {
	t.Helper()
	changed := map[string]bool{}
	rows, err := db.Query(context.Background(), `SELECT DISTINCT org_code || '/' || group_code || '/' || period FROM analytics_indicator_values WHERE computed_at <> 'before'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		changed[k] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return changed
}

// change runs a registry update and its analytics mark in one transaction,
// as the registry service does.
func change(t *testing.T, db *store.DB, mark dirty.Mark, update string, args ...any) {
	t.Helper()
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, update, args...); err != nil {
			return err
		}
		return dirty.Write(ctx, tx, mark)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestIncrementalRefreshTouchesOnlyAffectedUnits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids, svc := primed(t, db)
		ctx := context.Background()
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := stats.SaveValues(ctx, tx, []stats.Value{{EnterpriseID: ids[0], Element: "revenue", Period: "2024", Value: 22000}}, "import:test", "test")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		res, err := counted(t, svc).Indicators(systemCtx(), Params{Year: 2024, By: "county"})
		if err != nil {
			t.Fatal(err)
		}
		if v := find(t, res.Items, "profit_margin").Actual; !near(*v, 100*5000.0/130000) {
			t.Errorf("city profit margin after the change = %v", *v)
		}
		if v := find(t, res.Breakdown[0].Items, "profit_margin").Actual; !near(*v, 100*1100.0/46000) {
			t.Errorf("511702 profit margin after the change = %v", *v)
		}
		changed := recomputed(t, db)
		for _, want := range []string{"511700//2024", "511702//2024", "dazhou_hitech_zone//2024", "511700/cluster:new_materials/2024", "511702/sub:high_performance_fiber/2024"} {
			if !changed[want] {
				t.Errorf("unit %s was not recomputed", want)
			}
		}
		for k := range changed {
			if strings.HasPrefix(k, "511722") || strings.HasPrefix(k, "puguang_etdz") || strings.Contains(k, "energy_chemical") || strings.HasSuffix(k, "2023") || strings.HasSuffix(k, "2024-06") {
				t.Errorf("unit %s was recomputed although nothing in it changed", k)
			}
		}
	})
}

func TestRebuildMatchesIncremental(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedFixture(t, db)
		eng := testEngine(t, nil)
		svc := counted(t, newService(db, eng))
		before, err := svc.Indicators(systemCtx(), Params{Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		st, err := svc.Analytics.Rebuild(context.Background())
		if err != nil || st.Rows == 0 {
			t.Fatalf("rebuild: %+v, %v", st, err)
		}
		after, err := svc.Indicators(systemCtx(), Params{Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		for i := range before.Items {
			a, b := before.Items[i].Actual, after.Items[i].Actual
			if (a == nil) != (b == nil) || (a != nil && !near(*a, *b)) {
				t.Errorf("%s: incremental %v, rebuilt %v", before.Items[i].Code, a, b)
			}
		}
	})
}

func TestMovedEnterpriseRefreshesOldAndNewUnits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids := seedFixture(t, db)
		svc := counted(t, newService(db, testEngine(t, nil)))
		if _, err := svc.Indicators(systemCtx(), Params{Year: 2024}); err != nil {
			t.Fatal(err)
		}
		change(t, db, dirty.Enterprise(ids[0]), `UPDATE enterprises SET county_code = '511722', park_code = NULL WHERE id = ?`, ids[0])
		res, err := counted(t, svc).Indicators(systemCtx(), Params{Year: 2024, By: "park"})
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range res.Breakdown {
			r := find(t, tb.Items, "profit_margin")
			if tb.Org.Code == "dazhou_hitech_zone" && r.Actual != nil {
				t.Errorf("the park the enterprise left still has a profit margin %v", *r.Actual)
			}
		}
		county, err := svc.Indicators(systemCtx(), Params{Year: 2024, Org: "511702"})
		if err != nil {
			t.Fatal(err)
		}
		if v := find(t, county.Items, "profit_margin").Actual; v == nil || !near(*v, 100*800.0/24000) {
			t.Errorf("511702 after the move = %v, want %g", v, 100*800.0/24000)
		}
	})
}

func TestAboveScaleChangeRefreshesOnlyItsYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids, svc := primed(t, db)
		ctx := context.Background()
		change(t, db, dirty.Year(ids[3], 2024), `UPDATE enterprise_years SET above_scale = FALSE WHERE enterprise_id = ? AND year = 2024`, ids[3])
		res, err := counted(t, svc).Indicators(systemCtx(), Params{Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		if v := find(t, res.Items, "firms_revenue_over_100m").Actual; v == nil || *v != 3 {
			t.Errorf("firms over 1亿元 after one left 规上 = %v, want 3", v)
		}
		var stale int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM analytics_indicator_values WHERE computed_at <> 'before' AND period < '2024'`).Scan(&stale); err != nil {
			t.Fatal(err)
		}
		if stale != 0 {
			t.Errorf("%d rows before 2024 were recomputed for a 2024 规上 change (2025 is, as its 同比 base changed)", stale)
		}
	})
}

// TestChangedDefinitionsRebuild: analytics built with one indicators file
// read as pending under a changed one (here 五大支柱营业收入 in 万元 instead of
// 亿元) and are rebuilt by the next refresh; a read rewrites nothing.
func TestChangedDefinitionsRebuild(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := primed(t, db)
		if _, err := svc.Indicators(systemCtx(), Params{Year: 2024}); err != nil {
			t.Fatal(err)
		}
		if n := len(recomputed(t, db)); n != 0 {
			t.Fatalf("a read with unchanged definitions rewrote %d units", n)
		}
		raw, err := os.ReadFile(indicatortest.PlanFile("dazhou-2021-2025.indicators.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		edited := strings.Replace(string(raw), `"electronics", "intelligent_equipment")) / 10000`, `"electronics", "intelligent_equipment"))`, 1)
		if edited == string(raw) {
			t.Fatal("the pillar_revenue formula was not found")
		}
		eng, err := indicator.Load(svc.Engine.Plan, "edited.yaml", []byte(edited), indicatortest.Deps(t))
		if err != nil {
			t.Fatal(err)
		}
		if eng.DefsSHA == svc.Engine.DefsSHA {
			t.Fatal("a changed indicators file has the same fingerprint")
		}
		next := newService(db, eng)
		old, err := next.Indicators(systemCtx(), Params{Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		if !old.Pending || old.AsOf == "" {
			t.Errorf("analytics of the old definitions read as pending=%v as of %q, want pending with their time", old.Pending, old.AsOf)
		}
		res, err := counted(t, next).Indicators(systemCtx(), Params{Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		if res.Pending {
			t.Error("still pending after the refresh")
		}
		if r := find(t, res.Items, "pillar_revenue"); r.Actual == nil || !near(*r.Actual, 120000) {
			t.Errorf("pillar_revenue after the change = %v, want 120000 (万元, the new formula)", r.Actual)
		}
	})
}
