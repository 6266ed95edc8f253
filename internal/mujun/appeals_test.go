package mujun

import (
	"bytes"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

func TestAppealAcceptedWithCorrectionMakesNewVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids := seedCity(t, db, 20, 2023, 2024)
		svc := newTestService(t, db)
		run := runAndPublish(t, svc, 2024)
		firmID := ids[2] // generated in county 511702
		filer := access.With(systemCtx(), access.Principal{User: "filer", Role: access.RoleEnterprise,
			View: access.Scope{Enterprises: []int64{firmID}}, Enter: access.Scope{Enterprises: []int64{firmID}}})
		county := access.With(systemCtx(), access.Principal{User: "county", Role: access.RoleCounty,
			View: access.Scope{Counties: []string{"511702"}}, Enter: access.Scope{Counties: []string{"511702"}}})

		if _, err := svc.FileAppeal(filer, run.ID, ids[4], Filing{Reason: "不是我的企业"}); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("a filer cannot appeal for another firm: %v", err)
		}
		big := Filing{Reason: "r", AttachmentName: "big.pdf", Attachment: make([]byte, MaxAttachmentBytes+1)}
		if _, err := svc.FileAppeal(filer, run.ID, firmID, big); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("an oversized attachment is refused: %v", err)
		}
		a, err := svc.FileAppeal(filer, run.ID, firmID, Filing{Reason: "实缴税金漏报一笔", AttachmentName: "完税证明.pdf", Attachment: []byte("%PDF-1.4 test")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ReviewAppeal(filer, a.ID, Review{Accept: true, Note: "自己批准"}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("a filer cannot review: %v", err)
		}
		got, err := svc.ReviewAppeal(county, a.ID, Review{Accept: true, Note: "核实完税证明，更正实缴税金", Corrections: map[string]float64{"tax_paid": 9999}})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != "accepted" || got.NewRunID == nil || len(got.Events) != 3 {
			t.Fatalf("accepted appeal: %+v", got)
		}
		if got.Events[0].Status != "filed" || got.Events[1].Status != "accepted" || got.Events[2].Status != "rerun" {
			t.Errorf("history: %+v", got.Events)
		}
		d, err := svc.DiffRuns(systemCtx(), run.ID, *got.NewRunID)
		if err != nil {
			t.Fatal(err)
		}
		assertOnlyTargetChangedTo(t, d, firmID, "tax_paid", 9999)
		var audited int
		if err := db.QueryRow(systemCtx(), `SELECT COUNT(*) FROM audit_log WHERE action LIKE 'mujun.appeal.%'`).Scan(&audited); err != nil || audited != 3 {
			t.Errorf("the three appeal steps must be in the audit log, found %d (%v)", audited, err)
		}
		name, data, err := svc.AppealAttachment(filer, a.ID)
		if err != nil || name != "完税证明.pdf" || !bytes.Equal(data, []byte("%PDF-1.4 test")) {
			t.Errorf("attachment: %q %q %v", name, data, err)
		}
		if _, err := svc.ReviewAppeal(county, a.ID, Review{Accept: false, Note: "再审"}); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("a reviewed appeal cannot be reviewed again: %v", err)
		}
	})
}

func TestAppealRejected(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids := seedCity(t, db, 6, 2024)
		svc := newTestService(t, db)
		run := runAndPublish(t, svc, 2024)
		a, err := svc.FileAppeal(systemCtx(), run.ID, ids[0], Filing{Reason: "用地面积有误"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ReviewAppeal(systemCtx(), a.ID, Review{Accept: false}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a review needs a note: %v", err)
		}
		got, err := svc.ReviewAppeal(systemCtx(), a.ID, Review{Accept: false, Note: "用地以不动产权证为准"})
		if err != nil || got.Status != "rejected" || got.NewRunID != nil {
			t.Fatalf("rejected appeal: %+v %v", got, err)
		}
		runs, err := svc.ListRuns(systemCtx(), 2024, "sichuan")
		if err != nil || len(runs) != 1 {
			t.Fatalf("a rejected appeal makes no new run: %d runs, %v", len(runs), err)
		}
	})
}
