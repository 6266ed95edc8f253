package stats_test

import (
	"context"
	"slices"
	"testing"

	"mfgplan/internal/dirty"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// seedEnterprise inserts the minimum rows an enterprise needs.
func seedEnterprise(t *testing.T, db *store.DB) int64 {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO org_units (code, name, level) VALUES ('511700', '达州市', 'city')`,
		`INSERT INTO org_units (code, name, level, parent_code) VALUES ('511722', '宣汉县', 'county', '511700')`,
		`INSERT INTO enterprises (uscc, name, county_code, industry_code, created_at, updated_at) VALUES ('91511722MA00000000', '演示企业', '511722', '2614', 'now', 'now')`,
	} {
		if _, err := db.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	var id int64
	if err := db.QueryRow(ctx, `SELECT id FROM enterprises`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestSaveValues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id := seedEnterprise(t, db)
		save := func(vals ...stats.Value) stats.SaveResult {
			t.Helper()
			var res stats.SaveResult
			err := db.InTx(ctx, func(tx *store.Tx) error {
				var err error
				res, err = stats.SaveValues(ctx, tx, vals, "test", "tester")
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		// marked checks the analytics marks the last save left: those of
		// inserted and updated values, one per enterprise and period.
		marked := func(step string, want ...dirty.Mark) {
			t.Helper()
			got, err := dirty.Claim(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: analytics marks %v, want %v", step, got, want)
			}
		}
		first := []stats.Value{{id, "revenue", "2024-06", 100}, {id, "profit", "2024-06", 7}, {id, "profit", "2024", 25}}
		if got := save(first...); got.Inserted != 3 {
			t.Errorf("first save = %+v, want 3 inserted", got)
		}
		marked("first save", dirty.Value(id, "2024"), dirty.Value(id, "2024-06"))
		if got := save(first...); got.Unchanged != 3 || got.Inserted+got.Updated != 0 {
			t.Errorf("same values again = %+v, want 3 unchanged", got)
		}
		marked("same values again")
		if got := save(stats.Value{id, "revenue", "2024-06", 120}); got.Updated != 1 {
			t.Errorf("changed value = %+v, want 1 updated", got)
		}
		marked("changed value", dirty.Value(id, "2024-06"))
		hist, err := stats.History(ctx, db, id, "revenue", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 2 || hist[0].Old == nil || *hist[0].Old != 100 || *hist[0].New != 120 {
			t.Fatalf("history = %+v, want newest 100→120 then the insert", hist)
		}
	})
}

// TestSaveValuesBatches crosses the multi-row INSERT boundary and repeats a
// key within one call: the second occurrence must update the row the first
// one inserted.
func TestSaveValuesBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id := seedEnterprise(t, db)
		var vals []stats.Value
		for m := 1; m <= 12; m++ {
			for y := 2020; y <= 2025; y++ {
				for _, el := range []string{"revenue", "profit", "gross_output"} {
					vals = append(vals, stats.Value{id, el, stats.Period{Type: stats.Monthly, Year: y, Index: m}.ID(), float64(m * y)})
				}
			}
		}
		vals = append(vals, stats.Value{id, "revenue", "2024-06", 1})
		var res stats.SaveResult
		err := db.InTx(ctx, func(tx *store.Tx) error {
			var err error
			res, err = stats.SaveValues(ctx, tx, vals, "test", "tester")
			return err
		})
		if err != nil || res.Inserted != 216 || res.Updated != 1 {
			t.Fatalf("save = %+v, %v; want 216 inserted and 1 updated", res, err)
		}
		var n int
		var v float64
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM data_value_history`).Scan(&n); err != nil || n != 217 {
			t.Errorf("history rows = %d, %v; want 217", n, err)
		}
		if err := db.QueryRow(ctx, `SELECT value FROM data_values WHERE element_code = 'revenue' AND period = '2024-06'`).Scan(&v); err != nil || v != 1 {
			t.Errorf("2024-06 revenue = %v, %v; want the later value 1", v, err)
		}
	})
}
