package store_test

import (
	"context"
	"testing"

	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// firstUntested is the first migration TestMigrationsKeepData applies to a
// store holding data; the seed below is written in the schema before it.
const firstUntested = 10

// TestMigrationsKeepData applies the migrations up to 0009, stores an
// enterprise with values, history, an approval and analytics, and applies
// the rest: a deployed store is upgraded, not created, so the later
// migrations must keep its data and constraints.
func TestMigrationsKeepData(t *testing.T) {
	storetest.EachEmpty(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		migrateBefore(t, db, firstUntested)
		seed := []string{
			`INSERT INTO org_units (code, name, level) VALUES ('511700', '达州市', 'city')`,
			`INSERT INTO org_units (code, name, level, parent_code) VALUES ('511702', '通川区', 'county', '511700')`,
			`INSERT INTO enterprises (id, uscc, name, county_code, industry_code, created_at, updated_at)
				VALUES (7, '91511702MA000000XX', '甲新材料', '511702', '2614', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`,
			`INSERT INTO data_values (enterprise_id, element_code, period, value, source, updated_at) VALUES
				(7, 'revenue', '2024', 12000, 'import:1', '2024-02-01T00:00:00Z'), (7, 'profit', '2024-06', 300, 'import:1', '2024-07-01T00:00:00Z')`,
			`INSERT INTO data_value_history (enterprise_id, element_code, period, new_value, source, changed_at)
				VALUES (7, 'revenue', '2024', 12000, 'import:1', '2024-02-01T00:00:00Z')`,
			`INSERT INTO approvals (enterprise_id, dataset, period, status, updated_by, updated_at)
				VALUES (7, 'yearly', '2024', 'approved', 'reviewer', '2024-03-01T00:00:00Z')`,
			`INSERT INTO analytics_indicator_values (indicator_code, org_code, group_code, period, level, value, firms, computed_at)
				VALUES ('revenue_total', '511700', '', '2024', 1.2, 1.2, 1, '2024-03-01T00:00:00Z')`,
			`INSERT INTO analytics_enterprises (enterprise_id, county_code, park_code, cluster_code, sub_sector_code) VALUES (7, '511702', '', '', '')`,
		}
		for _, q := range seed {
			if _, err := db.Exec(ctx, q); err != nil {
				t.Fatalf("seeding before %04d: %v\n%s", firstUntested, err, q)
			}
		}
		if _, err := db.MigrateUp(ctx); err != nil {
			t.Fatalf("migrating a store with data: %v", err)
		}
		checks := []struct {
			what, query string
			want        int
		}{
			{"data values kept", `SELECT COUNT(*) FROM data_values WHERE enterprise_id = 7 AND ((period = '2024' AND value = 12000) OR (period = '2024-06' AND value = 300))`, 2},
			{"history kept", `SELECT COUNT(*) FROM data_value_history WHERE enterprise_id = 7`, 1},
			{"approval kept", `SELECT COUNT(*) FROM approvals WHERE enterprise_id = 7 AND status = 'approved'`, 1},
			{"old analytics dropped (derived)", `SELECT COUNT(*) FROM analytics_indicator_values`, 0},
			{"enterprise marked for the rebuild", `SELECT COUNT(*) FROM analytics_dirty WHERE enterprise_id = 7 AND period = ''`, 1},
			{"existing org units are the plan's", `SELECT COUNT(*) FROM org_units WHERE source = 'plan'`, 2},
			{"enterprise has no town yet", `SELECT COUNT(*) FROM enterprises WHERE id = 7 AND town_code IS NULL`, 1},
		}
		for _, c := range checks {
			var n int
			if err := db.QueryRow(ctx, c.query).Scan(&n); err != nil || n != c.want {
				t.Errorf("%s: %d (%v), want %d", c.what, n, err, c.want)
			}
		}
		if db.Dialect() == store.SQLite {
			checkSQLiteDataValues(t, db)
		}
		if _, err := db.Exec(ctx, `INSERT INTO data_values (enterprise_id, element_code, period, value, source, updated_at)
			VALUES (7, 'revenue', '2024', 1, 'x', 'now')`); err == nil {
			t.Error("a second revenue of enterprise 7 for 2024 was stored: the migrated data_values lost its primary key")
		}
		if _, err := db.Exec(ctx, `DELETE FROM enterprises WHERE id = 7`); err != nil {
			t.Fatal(err)
		}
		var left int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM data_values`).Scan(&left); err != nil || left != 0 {
			t.Errorf("%d values (%v) outlived their enterprise: the migrated data_values lost ON DELETE CASCADE", left, err)
		}
	})
}

// migrateBefore applies the migrations before version v: the later ones are
// recorded as applied for the run and the records removed afterwards.
func migrateBefore(t *testing.T, db *store.DB, v int) {
	t.Helper()
	ctx := context.Background()
	all, err := db.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		if m.Version >= v {
			if _, err := db.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 'held back')`, m.Version, m.Name); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := db.MigrateUp(ctx); err != nil {
		t.Fatalf("migrating up to %04d: %v", v, err)
	}
	if _, err := db.Exec(ctx, `DELETE FROM schema_migrations WHERE version >= ?`, v); err != nil {
		t.Fatal(err)
	}
}

// checkSQLiteDataValues checks that 0014's rebuilt data_values is keyed
// without a rowid and carries the one secondary index the readers use
// (data_values_period; 0013 dropped data_values_element_period).
func checkSQLiteDataValues(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	var idx string
	if err := db.QueryRow(ctx, `SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master
		WHERE type = 'index' AND tbl_name = 'data_values' AND sql IS NOT NULL ORDER BY name)`).Scan(&idx); err != nil || idx != "data_values_period" {
		t.Errorf("data_values indexes after 0014: %q (%v), want data_values_period", idx, err)
	}
	if _, err := db.Exec(ctx, `SELECT rowid FROM data_values`); err == nil {
		t.Error("data_values still has a rowid after 0014")
	}
}
