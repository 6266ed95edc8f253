package query

import (
	"context"
	"testing"

	"mfgplan/internal/analytics"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestReadsNeverWrite answers every indicator question on a handle the
// database refuses writes on, before and after a change: the reads succeed,
// say that the change is pending until the writer's refresh counts it, and
// then show the value written just before.
func TestReadsNeverWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids, writer := primed(t, db)
		ro, err := db.ReadOnly(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		reader := New(ro, writer.Engine, analytics.New(ro, writer.Engine))
		if _, err := ro.Exec(context.Background(), `DELETE FROM analytics_dirty`); err == nil {
			t.Fatal("the read-only handle accepted a write; the test would prove nothing")
		}
		readAll(t, reader)

		err = db.InTx(context.Background(), func(tx *store.Tx) error {
			_, err := stats.SaveValues(context.Background(), tx, []stats.Value{{EnterpriseID: ids[0], Element: "revenue", Period: "2024", Value: 22000}}, "import:test", "test")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		before := readAll(t, reader)
		if !before.Pending || !near(*find(t, before.Items, "profit_margin").Actual, 100*5000.0/120000) {
			t.Errorf("before the refresh: pending=%v, margin %v; want pending and the old 4.17", before.Pending, *find(t, before.Items, "profit_margin").Actual)
		}
		counted(t, writer) // the writer's refresh, as the app runs it after the commit
		after := readAll(t, reader)
		if after.Pending || after.AsOf == "" || !near(*find(t, after.Items, "profit_margin").Actual, 100*5000.0/130000) {
			t.Errorf("after the refresh: pending=%v as of %q, margin %v; want the new %g", after.Pending, after.AsOf, *find(t, after.Items, "profit_margin").Actual, 100*5000.0/130000)
		}
	})
}

// readAll asks every question the indicator API answers and returns the
// city's table.
func readAll(t *testing.T, svc *Service) *Result {
	t.Helper()
	ctx := systemCtx()
	res, err := svc.Indicators(ctx, Params{Year: 2024, By: "county"})
	if err != nil {
		t.Fatalf("indicators: %v", err)
	}
	for _, by := range []string{"park", "cluster", "chain", "node"} {
		if _, err := svc.Indicators(ctx, Params{Period: "2024-06", By: by}); err != nil {
			t.Fatalf("indicators by %s: %v", by, err)
		}
	}
	if _, err := svc.Explain(ctx, "profit_margin", Params{Year: 2024}, "cluster:new_materials"); err != nil {
		t.Fatalf("explain: %v", err)
	}
	if _, err := svc.Series(ctx, "profit_margin", Params{Org: "511702"}); err != nil {
		t.Fatalf("series: %v", err)
	}
	if _, err := svc.Breakdown(ctx, "profit_margin", Params{Year: 2024, By: "county"}); err != nil {
		t.Fatalf("breakdown: %v", err)
	}
	return res
}
