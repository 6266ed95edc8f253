package mujun

import (
	"testing"

	"mfgplan/internal/approval"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestApprovedDataGate: with "approved data only" on and nothing approved,
// every firm is listed in class T with the reason; with it off, all grade.
func TestApprovedDataGate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedCity(t, db, 8, 2024)
		svc := newTestService(t, db)
		svc.Approvals = ApprovedData{DB: db}
		lm, _ := Preset("sichuan")
		out, err := svc.Run(systemCtx(), 2024, lm, "manual")
		if err != nil {
			t.Fatal(err)
		}
		if d, _ := svc.Distribution(systemCtx(), out.Run.ID); d.All.Graded != 8 {
			t.Fatalf("setting off: all 8 graded, got %+v", d.All)
		}
		if err := approval.SetApprovedOnly(systemCtx(), db, true); err != nil {
			t.Fatal(err)
		}
		out, err = svc.Run(systemCtx(), 2024, lm, "manual")
		if err != nil {
			t.Fatal(err)
		}
		page, err := svc.Entries(systemCtx(), out.Run.ID, EntryFilter{Class: ClassT})
		if err != nil || page.Total != 8 || page.Items[0].Reason != unapprovedReason {
			t.Fatalf("setting on, nothing approved: want 8 in T with the reason, got %d %v", page.Total, err)
		}
	})
}
