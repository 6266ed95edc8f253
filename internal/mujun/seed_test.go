package mujun

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/mujun/mujuntest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

var testCounties = mujuntest.Counties

// seedCity stores generated firms with their yearly figures for each year
// (the later year's figures grown by 5%), all 规上 and in parks, and returns
// their ids in generation order.
func seedCity(t *testing.T, db *store.DB, n int, years ...int) []int64 {
	t.Helper()
	ctx := context.Background()
	firms := generateFirms(n, testCounties, 11)
	ids := make([]int64, n)
	err := db.InTx(ctx, func(tx *store.Tx) error {
		if err := mujuntest.SeedPlaces(ctx, tx); err != nil {
			return err
		}
		var vals []stats.Value
		for i, f := range firms {
			if err := tx.QueryRow(ctx, `INSERT INTO enterprises (uscc, name, county_code, park_code, industry_code, cluster_code, established_on, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'now', 'now') RETURNING id`, fmt.Sprintf("91511700TEST%06d", i), f.Name, f.County, fmt.Sprintf("P%d", i%5), f.Industry, f.Cluster, f.EstablishedOn).Scan(&ids[i]); err != nil {
				return err
			}
			for yi, y := range years {
				if _, err := tx.Exec(ctx, `INSERT INTO enterprise_years (enterprise_id, year, above_scale) VALUES (?, ?, TRUE)`, ids[i], y); err != nil {
					return err
				}
				vals = append(vals, figuresOf(ids[i], y, &f.Values, 1+0.05*float64(yi))...)
			}
		}
		_, err := stats.SaveValues(ctx, tx, vals, "test", "tester")
		return err
	})
	if err != nil {
		t.Fatalf("seeding: %v", err)
	}
	return ids
}

// figuresOf turns engine inputs into stored data values (land as land_area).
func figuresOf(id int64, year int, v *Values, growth float64) []stats.Value {
	var out []stats.Value
	for code, in := range yearElements {
		if !v.Has(in) {
			continue
		}
		x := v[in]
		if in != InLand {
			x *= growth
		}
		out = append(out, stats.Value{EnterpriseID: id, Element: code, Period: strconv.Itoa(year), Value: x})
	}
	return out
}

// setFigure changes one stored figure, as a corrected report would.
func setFigure(t *testing.T, db *store.DB, id int64, element string, year int, v float64) {
	t.Helper()
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *store.Tx) error {
		_, err := stats.SaveValues(ctx, tx, []stats.Value{{EnterpriseID: id, Element: element, Period: strconv.Itoa(year), Value: v}}, "test", "tester")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func systemCtx() context.Context { return access.With(context.Background(), access.System) }
