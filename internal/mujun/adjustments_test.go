package mujun

import (
	"testing"

	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestAdjustmentsCountInTheRun: a 安全生产 penalty of 15 entered for a firm
// is capped at the Sichuan preset's 10 points and lowers its total by 10.
func TestAdjustmentsCountInTheRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids := seedCity(t, db, 12, 2023, 2024)
		svc := newTestService(t, db)
		lm, _ := Preset("sichuan")
		before, err := svc.Run(systemCtx(), 2024, lm, "manual")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SetAdjustment(systemCtx(), AdjustmentRecord{EnterpriseID: ids[5], Year: 2024, Item: "unknown", Points: 1, Reason: "r", Source: "s"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("unknown item: %v", err)
		}
		if _, err := svc.SetAdjustment(systemCtx(), AdjustmentRecord{EnterpriseID: 99999, Year: 2024, Item: "safety", Points: 1, Reason: "r", Source: "s"}); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("unknown enterprise: %v", err)
		}
		if _, err := svc.SetAdjustment(systemCtx(), AdjustmentRecord{EnterpriseID: ids[5], Year: 2024, Item: "safety", Points: 15, Reason: "较大生产安全事故", Source: "应急局通报"}); err != nil {
			t.Fatal(err)
		}
		after, err := svc.Run(systemCtx(), 2024, lm, "manual")
		if err != nil || !after.Created {
			t.Fatalf("an entered penalty is a changed input: %+v %v", after, err)
		}
		e0, _ := svc.entry(systemCtx(), before.Run.ID, ids[5])
		e1, _ := svc.entry(systemCtx(), after.Run.ID, ids[5])
		if !near(e0.Total-e1.Total, 10) || len(e1.Adjustments) != 1 || e1.Adjustments[0].Points != -10 {
			t.Errorf("want the penalty capped at 10: before %v after %v %+v", e0.Total, e1.Total, e1.Adjustments)
		}
		list, err := svc.Adjustments(systemCtx(), 2024)
		if err != nil || len(list) != 1 {
			t.Errorf("adjustments: %+v %v", list, err)
		}
	})
}
