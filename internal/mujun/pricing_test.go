package mujun

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// runAndPublish runs and publishes a year with the Sichuan preset.
func runAndPublish(t *testing.T, svc *Service, year int) Run {
	t.Helper()
	lm, err := Preset("sichuan")
	if err != nil {
		t.Fatal(err)
	}
	out, err := svc.Run(systemCtx(), year, lm, "manual")
	if err != nil {
		t.Fatal(err)
	}
	run, err := svc.Publish(systemCtx(), out.Run.ID)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

// TestPricingTiers: firm "twice" is in D in 2023 and 2024 and gets
// Shandong's second-year tier (+0.10 元/kWh); firm "once" falls to D in 2024
// only and gets the first-year tier (+0.05). Dazhou has no amounts: its list
// names the D firms with their class and says the amount is not set.
func TestPricingTiers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids := seedCity(t, db, 40, 2023, 2024)
		twice, once := ids[3], ids[4]
		for _, y := range []int{2023, 2024} {
			weaken(t, db, twice, y)
		}
		weaken(t, db, once, 2024)
		svc := newTestService(t, db)
		runAndPublish(t, svc, 2023)
		runAndPublish(t, svc, 2024)

		pl, err := svc.Pricing(systemCtx(), 2024, "sichuan", "shandong")
		if err != nil {
			t.Fatal(err)
		}
		if len(pl.Lists) != 1 || pl.Lists[0].Resource != "electricity" {
			t.Fatalf("Shandong has rules for electricity only, got %+v", pl.Lists)
		}
		rows := map[int64]PricingRow{}
		for _, r := range pl.Lists[0].Rows {
			if r.Class != "D" {
				t.Errorf("only D firms carry a Shandong surcharge, got %+v", r)
			}
			rows[r.EnterpriseID] = r
		}
		if r := rows[twice]; r.ConsecutiveYears != 2 || r.Amount == nil || *r.Amount != 0.10 || r.Unit != "元/千瓦时" {
			t.Errorf("two years in D: want +0.10 元/千瓦时, got %+v", r)
		}
		if r := rows[once]; r.ConsecutiveYears != 1 || r.Amount == nil || *r.Amount != 0.05 {
			t.Errorf("first year in D: want +0.05, got %+v", r)
		}

		assertPricingFile(t, svc, rows[twice].USCC)

		dz, err := svc.Pricing(systemCtx(), 2024, "sichuan", "dazhou")
		if err != nil {
			t.Fatal(err)
		}
		if len(dz.Lists) != 4 {
			t.Fatalf("Dazhou lists four resources, got %d", len(dz.Lists))
		}
		for _, l := range dz.Lists {
			if len(l.Rows) == 0 {
				t.Fatalf("%s list is empty", l.Resource)
			}
			for _, r := range l.Rows {
				if r.Amount != nil || r.Note == "" || r.Class != "D" {
					t.Errorf("Dazhou rows carry the class and no amount, saying so: %+v", r)
				}
			}
		}
	})
}

// weaken makes a firm's year very poor, so that it lands in class D.
func weaken(t *testing.T, db *store.DB, id int64, year int) {
	t.Helper()
	setFigure(t, db, id, "revenue", year, 1)
	setFigure(t, db, id, "tax_paid", year, 0)
	setFigure(t, db, id, "rd_expense", year, 0)
}

// assertPricingFile reads the Shandong electricity xlsx back: the firm two
// years in D is on it with 2 years and 0.1 元/千瓦时.
func assertPricingFile(t *testing.T, svc *Service, uscc string) {
	t.Helper()
	files, err := svc.ExportPricing(systemCtx(), 2024, "sichuan", "shandong")
	if err != nil || len(files) != 1 {
		t.Fatalf("want one file for Shandong, got %d, %v", len(files), err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(files[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[2:] {
		if r[1] == uscc {
			if r[3] != "D" || r[4] != "2" || r[5] != "0.1" || r[6] != "元/千瓦时" {
				t.Errorf("row of %s: %v", uscc, r)
			}
			return
		}
	}
	t.Errorf("%s not in %s", uscc, files[0].Name)
}
