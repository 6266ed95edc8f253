package query

import (
	"context"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/analytics"
	"mfgplan/internal/indicator"
	"mfgplan/internal/indicator/indicatortest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// testEngine loads the Dazhou plan and its indicator definitions, with
// annual targets appended when given.
func testEngine(t testing.TB, extra []indicator.AnnualTarget) *indicator.Engine {
	return indicatortest.Engine(t, extra)
}

// newService reads eng's indicators from db.
func newService(db *store.DB, eng *indicator.Engine) *Service {
	return New(db, eng, analytics.New(db, eng))
}

// fixtureFirm is an enterprise of the test fixture.
type fixtureFirm struct {
	uscc, name, county, park, cluster, sub, industry string
}

// Four enterprises in two counties: two in 通川区 (one in 达州高新区), two in
// 宣汉县 (one in 普光经开区); two of them high-tech (3976, 2720).
var fixtureFirms = []fixtureFirm{
	{"91511700000000001A", "甲新材料", "511702", "dazhou_hitech_zone", "new_materials", "high_performance_fiber", "2823"},
	{"91511700000000002B", "乙化工", "511702", "", "energy_chemical", "natural_gas_chemical", "2614"},
	{"91511700000000003C", "丙光电", "511722", "puguang_etdz", "electronics", "optoelectronic_display", "3976"},
	{"91511700000000004D", "丁药业", "511722", "", "food_medicine", "medicine_health", "2720"},
}

// seedFixture writes org units, parks, the four enterprises (规上 in 2023 and
// 2024) and their revenue and profit: yearly for 2023 and 2024, 1–6月累计 for 2024-06.
func seedFixture(t *testing.T, db *store.DB) []int64 {
	t.Helper()
	ctx := context.Background()
	var ids []int64
	err := db.InTx(ctx, func(tx *store.Tx) error {
		stmts := []string{
			`INSERT INTO org_units (code, name, level) VALUES ('511700', '达州市', 'city')`,
			`INSERT INTO org_units (code, name, level, parent_code) VALUES ('511702', '通川区', 'county', '511700'), ('511722', '宣汉县', 'county', '511700')`,
			`INSERT INTO parks (code, name, county_code, kind) VALUES ('dazhou_hitech_zone', '达州高新区', '511702', '高新区'), ('puguang_etdz', '普光经开区', '511722', '经开区')`,
		}
		for _, s := range stmts {
			if _, err := tx.Exec(ctx, s); err != nil {
				return err
			}
		}
		for _, f := range fixtureFirms {
			var park any
			if f.park != "" {
				park = f.park
			}
			var id int64
			err := tx.QueryRow(ctx, `INSERT INTO enterprises (uscc, name, county_code, park_code, industry_code, cluster_code, sub_sector_code, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z') RETURNING id`,
				f.uscc, f.name, f.county, park, f.industry, f.cluster, f.sub).Scan(&id)
			if err != nil {
				return err
			}
			ids = append(ids, id)
			for _, y := range []int{2023, 2024} {
				if _, err := tx.Exec(ctx, `INSERT INTO enterprise_years (enterprise_id, year, above_scale) VALUES (?, ?, ?)`, id, y, true); err != nil {
					return err
				}
			}
		}
		var vals []stats.Value
		for i, id := range ids {
			base := float64(10000 * (i + 1)) // 1, 2, 3, 4 亿元 in 2023
			vals = append(vals,
				stats.Value{EnterpriseID: id, Element: "revenue", Period: "2023", Value: base},
				stats.Value{EnterpriseID: id, Element: "profit", Period: "2023", Value: base * 0.05},
				stats.Value{EnterpriseID: id, Element: "revenue", Period: "2024", Value: base * 1.2},
				stats.Value{EnterpriseID: id, Element: "profit", Period: "2024", Value: base * 0.01 * float64(i+3)}, // 300, 800, 1500, 2400
				stats.Value{EnterpriseID: id, Element: "revenue", Period: "2024-06", Value: base * 0.5},
				stats.Value{EnterpriseID: id, Element: "profit", Period: "2024-06", Value: base * 0.025},
			)
		}
		_, err := stats.SaveValues(ctx, tx, vals, "test", "test")
		return err
	})
	if err != nil {
		t.Fatalf("seeding fixture: %v", err)
	}
	return ids
}

func systemCtx() context.Context { return access.With(context.Background(), access.System) }

func countyCtx(code string) context.Context {
	return access.With(context.Background(), access.Principal{User: "county", Role: access.RoleCounty, View: access.Scope{Counties: []string{code}}})
}

// find returns the row of an indicator code.
func find(t *testing.T, rows []indicator.Row, code string) indicator.Row {
	t.Helper()
	for _, r := range rows {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("indicator %s missing", code)
	return indicator.Row{}
}

// counted brings svc's analytics up to date with what a test just wrote, as
// the app's writers do after they commit: reads never refresh.
func counted(t testing.TB, svc *Service) *Service {
	t.Helper()
	if _, err := svc.Analytics.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return svc
}
