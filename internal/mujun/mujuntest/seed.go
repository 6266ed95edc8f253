// Package mujuntest seeds a small city for tests of the 亩均 evaluation
// that run outside package mujun (HTTP API, binary).
package mujuntest

import (
	"context"
	"fmt"
	"testing"

	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Counties are the test city's two counties; park Pn lies in Counties[n%2].
var Counties = []string{"511702", "511703"}

// SeedPlaces stores the city 511700, its counties and parks P0 … P4.
func SeedPlaces(ctx context.Context, tx *store.Tx) error {
	for _, q := range []string{
		`INSERT INTO org_units (code, name, level) VALUES ('511700', '达州市', 'city')`,
		`INSERT INTO org_units (code, name, level, parent_code) VALUES ('511702', '通川区', 'county', '511700')`,
		`INSERT INTO org_units (code, name, level, parent_code) VALUES ('511703', '达川区', 'county', '511700')`,
	} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("seeding org units: %w", err)
		}
	}
	for p := 0; p < 5; p++ {
		if _, err := tx.Exec(ctx, `INSERT INTO parks (code, name, county_code, kind) VALUES (?, ?, ?, 'industrial')`,
			fmt.Sprintf("P%d", p), fmt.Sprintf("园区%d", p), Counties[p%2]); err != nil {
			return fmt.Errorf("seeding parks: %w", err)
		}
	}
	return nil
}

// SeedCounty stores six 规上 firms (企业1 … 企业6, ids in that order) in
// county 511702 and park P0 with 2024 figures growing with the firm's number.
func SeedCounty(t testing.TB, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *store.Tx) error {
		if err := SeedPlaces(ctx, tx); err != nil {
			return err
		}
		var vals []stats.Value
		for i := 1; i <= 6; i++ {
			var id int64
			if err := tx.QueryRow(ctx, `INSERT INTO enterprises (uscc, name, county_code, park_code, industry_code, established_on, created_at, updated_at)
				VALUES (?, ?, '511702', 'P0', '3311', '2010-01-01', 'now', 'now') RETURNING id`, fmt.Sprintf("91511700HTTP%06d", i), fmt.Sprintf("企业%d", i)).Scan(&id); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO enterprise_years (enterprise_id, year, above_scale) VALUES (?, 2024, TRUE)`, id); err != nil {
				return err
			}
			f := float64(i)
			for el, v := range map[string]float64{"land_area": 10, "revenue": 1000 * f, "tax_paid": 30 * f, "employees": 10 + f, "energy_total": 100, "rd_expense": 10 * f} {
				vals = append(vals, stats.Value{EnterpriseID: id, Element: el, Period: "2024", Value: v})
			}
		}
		_, err := stats.SaveValues(ctx, tx, vals, "test", "tester")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
