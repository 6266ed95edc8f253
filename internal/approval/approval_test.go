package approval_test

import (
	"context"
	"strings"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/approval"
	"mfgplan/internal/audit"
	"mfgplan/internal/auth/authtest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

var system = access.With(context.Background(), access.System)

func newService(t *testing.T, db *store.DB) *approval.Service {
	t.Helper()
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return approval.New(db, cat)
}

// TestWorkflow walks one submission through every step; each step names
// who acts and what must happen.
func TestWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		svc := newService(t, db)
		k := approval.Key{EnterpriseID: w.In, Dataset: "monthly", Period: "2025-05"}
		steps := []struct {
			name   string
			role   access.Role
			act    approval.Action
			reason string
			want   apperr.Code // "" = succeeds
			status approval.Status
		}{
			{"leader cannot submit", access.RoleLeader, approval.Submit, "", apperr.Forbidden, ""},
			{"enterprise submits", access.RoleEnterprise, approval.Submit, "", "", approval.Submitted},
			{"enterprise cannot approve", access.RoleEnterprise, approval.Approve, "", apperr.Forbidden, approval.Submitted},
			{"city cannot accept before the county approves", access.RoleCity, approval.Accept, "", apperr.Conflict, approval.Submitted},
			{"return needs a reason", access.RoleCounty, approval.Return, " ", apperr.Invalid, approval.Submitted},
			{"county returns", access.RoleCounty, approval.Return, "营业收入与上月差异过大，请核实", "", approval.Returned},
			{"enterprise resubmits", access.RoleEnterprise, approval.Submit, "", "", approval.Submitted},
			{"park approves", access.RolePark, approval.Approve, "", "", approval.Approved},
			{"city accepts", access.RoleCity, approval.Accept, "", "", approval.Accepted},
			{"county cannot unlock", access.RoleCounty, approval.Unlock, "更正", apperr.Forbidden, approval.Accepted},
			{"unlock needs a reason", access.RoleCity, approval.Unlock, "", apperr.Invalid, approval.Accepted},
			{"city unlocks", access.RoleCity, approval.Unlock, "统计局反馈能耗口径有误，需更正", "", approval.Unlocked},
		}
		for _, st := range steps {
			_, err := svc.Do(w.As(t, st.role), st.act, k, st.reason)
			if apperr.CodeOf(err) != st.want && !(st.want == "" && err == nil) {
				t.Fatalf("%s: %v, want %q", st.name, err, st.want)
			}
			got, err := svc.Get(system, k)
			if err != nil || got.Status != st.status {
				t.Fatalf("%s: status %q (%v), want %q", st.name, got.Status, err, st.status)
			}
		}
	})
}

func TestOutOfScopeEnterpriseIsInvisible(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		svc := newService(t, db)
		county := w.As(t, access.RoleCounty)
		out := approval.Key{EnterpriseID: w.Out, Dataset: "yearly", Period: "2024"}
		if _, err := svc.Get(county, out); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("宣汉县 reads a 渠县 approval: %v", err)
		}
		if _, err := svc.Do(county, approval.Submit, out, ""); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("宣汉县 submits for 渠县: %v", err)
		}
		page, err := svc.List(county, approval.Filter{Dataset: "yearly", Period: "2024"})
		if err != nil || page.Total != 1 || page.Items[0].EnterpriseID != w.In {
			t.Errorf("宣汉县 list: %+v %v", page, err)
		}
		if _, err := svc.List(county, approval.Filter{Dataset: "yearly", Period: "2024-06"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("a monthly period for the yearly dataset was accepted: %v", err)
		}
	})
}

// TestApprovedPeriodRejectsWritesUntilUnlocked is the lock: after approval,
// CheckWritable (which imports call) refuses, and after an audited unlock it
// allows again.
func TestApprovedPeriodRejectsWritesUntilUnlocked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		svc := newService(t, db)
		k := approval.Key{EnterpriseID: w.In, Dataset: "monthly", Period: "2025-05"}
		writable := func() error { return approval.CheckWritable(system, db, k.EnterpriseID, k.Dataset, k.Period) }
		if err := writable(); err != nil {
			t.Fatalf("never submitted: %v", err)
		}
		submitAndApprove(t, w, svc, k)
		if err := writable(); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("approved period writable: %v", err)
		}
		if err := approval.CheckWritable(system, db, k.EnterpriseID, k.Dataset, "2025-04"); err != nil {
			t.Errorf("another period is locked too: %v", err)
		}
		if _, err := svc.Do(w.As(t, access.RoleCity), approval.Unlock, k, "企业申请更正用电量"); err != nil {
			t.Fatal(err)
		}
		if err := writable(); err != nil {
			t.Errorf("unlocked period still locked: %v", err)
		}
		page, err := audit.Search(system, db, audit.Filter{Action: "approval.unlock", EnterpriseID: w.In})
		if err != nil || page.Total != 1 || page.Items[0].Actor != "city" {
			t.Fatalf("unlock in the audit log: %+v %v", page, err)
		}
	})
}

func TestApprovedOnlySetting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		if on, err := approval.ApprovedOnly(system, db); on || err != nil {
			t.Fatalf("default: %v %v", on, err)
		}
		if err := approval.SetApprovedOnly(w.As(t, access.RoleCounty), db, true); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("county changed a city-wide setting: %v", err)
		}
		if err := approval.SetApprovedOnly(w.As(t, access.RoleCity), db, true); err != nil {
			t.Fatal(err)
		}
		if on, err := approval.ApprovedOnly(system, db); !on || err != nil {
			t.Errorf("after setting: %v %v", on, err)
		}
	})
}

func TestCheckValuesFindsLockedSubmissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		svc := newService(t, db)
		cat, _ := stats.DefaultCatalog()
		k := approval.Key{EnterpriseID: w.In, Dataset: "monthly", Period: "2025-05"}
		if _, err := svc.Do(w.As(t, access.RoleEnterprise), approval.Submit, k, ""); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			vals []stats.Value
			want apperr.Code
		}{
			{"monthly element of the submitted month", []stats.Value{{EnterpriseID: w.Out, Element: "revenue", Period: "2025-05"}, {EnterpriseID: w.In, Element: "revenue", Period: "2025-05"}}, apperr.Conflict},
			{"another month", []stats.Value{{EnterpriseID: w.In, Element: "revenue", Period: "2025-04"}}, ""},
			{"another enterprise", []stats.Value{{EnterpriseID: w.Out, Element: "profit", Period: "2025-05"}}, ""},
			{"bad period", []stats.Value{{EnterpriseID: w.In, Element: "revenue", Period: "2025-13"}}, apperr.Invalid},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := approval.CheckValues(system, db, cat, tc.vals)
				if apperr.CodeOf(err) != tc.want && !(tc.want == "" && err == nil) {
					t.Errorf("CheckValues: %v, want %q", err, tc.want)
				}
			})
		}
	})
}

func TestApprovedConditionSelectsApprovedValues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		svc := newService(t, db)
		ctx := context.Background()
		for _, id := range []int64{w.In, w.Out} {
			if _, err := db.Exec(ctx, `INSERT INTO data_values (enterprise_id, element_code, period, value, source, updated_at) VALUES (?, 'revenue', '2025-05', 100, 'test', '2025-06-01T00:00:00Z')`, id); err != nil {
				t.Fatal(err)
			}
		}
		k := approval.Key{EnterpriseID: w.In, Dataset: "monthly", Period: "2025-05"}
		submitAndApprove(t, w, svc, k)
		var n int
		var id int64
		if err := db.QueryRow(ctx, `SELECT COUNT(*), MIN(dv.enterprise_id) FROM data_values dv WHERE `+approval.ApprovedCondition("dv")).Scan(&n, &id); err != nil || n != 1 || id != w.In {
			t.Errorf("approved values: %d rows, enterprise %d (%v), want only %d", n, id, err, w.In)
		}
	})
}

// submitAndApprove has the enterprise submit k and its county approve it.
func submitAndApprove(t *testing.T, w *authtest.World, svc *approval.Service, k approval.Key) {
	t.Helper()
	for _, s := range []struct {
		role access.Role
		act  approval.Action
	}{{access.RoleEnterprise, approval.Submit}, {access.RoleCounty, approval.Approve}} {
		if _, err := svc.Do(w.As(t, s.role), s.act, k, ""); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBatchIsAllOrNothing: a county approves two submissions at once (two
// audit entries); a batch with one submission that may not take the step
// changes none and names it.
func TestBatchIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		svc := newService(t, db)
		key := func(p string) approval.Key { return approval.Key{EnterpriseID: w.In, Dataset: "monthly", Period: p} }
		for _, p := range []string{"2025-05", "2025-06", "2025-07"} {
			if _, err := svc.Do(w.As(t, access.RoleEnterprise), approval.Submit, key(p), ""); err != nil {
				t.Fatal(err)
			}
		}
		county := w.As(t, access.RoleCounty)
		got, err := svc.DoBatch(county, approval.Approve, []approval.Key{key("2025-05"), key("2025-06")}, "")
		if err != nil || len(got) != 2 || got[0].Status != approval.Approved || got[1].Status != approval.Approved {
			t.Fatalf("batch approve: %+v %v", got, err)
		}
		page, err := audit.Search(system, db, audit.Filter{Action: "approval.approve", EnterpriseID: w.In})
		if err != nil || page.Total != 2 {
			t.Errorf("audit entries of the batch: %d (%v), want 2", page.Total, err)
		}
		_, err = svc.DoBatch(county, approval.Approve, []approval.Key{key("2025-07"), key("2025-05")}, "")
		if e, ok := apperr.As(err); !ok || e.Code != apperr.Conflict || !strings.Contains(e.Message, "第 2 份") {
			t.Fatalf("batch with an approved submission: %v, want a conflict naming the second", err)
		}
		if st, _ := svc.Get(system, key("2025-07")); st.Status != approval.Submitted {
			t.Errorf("the refused batch changed 2025-07 to %q", st.Status)
		}
		if _, err := svc.DoBatch(county, approval.Return, []approval.Key{key("2025-07")}, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("a batch return without a reason: %v", err)
		}
	})
}
