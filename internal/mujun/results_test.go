package mujun

import (
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

func TestResultsAreScopedAndCarryHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids := seedCity(t, db, 30, 2023, 2024)
		svc := newTestService(t, db)
		runAndPublish(t, svc, 2023)
		run := runAndPublish(t, svc, 2024)
		county := access.With(systemCtx(), access.Principal{User: "c", Role: access.RoleCounty,
			View: access.Scope{Counties: []string{"511702"}}, Enter: access.Scope{Counties: []string{"511702"}}})

		page, err := svc.Entries(county, run.ID, EntryFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 15 || len(page.Items) != 15 {
			t.Fatalf("a county user sees its 15 firms, got %d", page.Total)
		}
		for _, e := range page.Items {
			if e.County != "511702" {
				t.Fatalf("out-of-scope firm %d in county listing", e.EnterpriseID)
			}
		}
		dist, err := svc.Distribution(county, run.ID)
		if err != nil || len(dist.Counties) != 1 || dist.All.Graded != 15 {
			t.Fatalf("county distribution: %+v %v", dist, err)
		}
		if _, err := svc.ReportCard(county, run.ID, ids[1]); apperr.CodeOf(err) != apperr.NotFound { // ids[1] is in 511703
			t.Fatalf("another county's card must be invisible: %v", err)
		}
		if _, err := svc.Snapshot(county, run.ID); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("the whole snapshot needs a city-wide view: %v", err)
		}
		lm, _ := Preset("sichuan")
		if _, err := svc.Run(county, 2024, lm, "manual"); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("a county user may not run the city's evaluation: %v", err)
		}

		card, err := svc.ReportCard(county, run.ID, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(card.History) != 2 || card.History[0].Year != 2023 || card.History[1].Year != 2024 {
			t.Errorf("class history over the two published years: %+v", card.History)
		}
		if len(card.Items) != 5 || card.Items[0].CountyAverage == nil || card.Items[0].ParkAverage == nil || card.Items[0].Value == nil {
			t.Errorf("card items: %+v", card.Items)
		}
		parks, err := svc.Parks(systemCtx(), 2024, "sichuan")
		if err != nil || len(parks.Items) != 5 || parks.Items[0].Rank != 1 || parks.Items[0].TaxPerMu < parks.Items[4].TaxPerMu {
			t.Errorf("park ranking: %+v %v", parks.Items, err)
		}
	})
}
