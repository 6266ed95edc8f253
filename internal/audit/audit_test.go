package audit_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

var system = access.With(context.Background(), access.System)

// seed records n entries and returns their ids in order.
func seed(t *testing.T, db *store.DB, n int) []int64 {
	t.Helper()
	ctx := audit.WithClient(system, "10.0.0.7")
	for i := 0; i < n; i++ {
		ev := audit.Event{Action: audit.ActionLoginOK, Object: "user:u", EnterpriseID: int64(i % 2), Detail: map[string]int{"n": i}}
		if err := audit.Record(ctx, db, ev); err != nil {
			t.Fatal(err)
		}
	}
	page, err := audit.Search(system, db, audit.Filter{})
	if err != nil || page.Total != n {
		t.Fatalf("seeded %d entries, found %d (%v)", n, page.Total, err)
	}
	ids := make([]int64, n)
	for i, e := range page.Items {
		ids[n-1-i] = e.ID
	}
	return ids
}

func TestVerifyDetectsTampering(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, tc := range []struct {
			name   string
			tamper func(ids []int64) (string, []any)
			broken int // index of the entry Verify must name; -1 = intact
		}{
			{"intact", nil, -1},
			{"actor edited", func(ids []int64) (string, []any) {
				return `UPDATE audit_log SET actor = 'someone-else' WHERE id = ?`, []any{ids[2]}
			}, 2},
			{"hash overwritten", func(ids []int64) (string, []any) {
				return `UPDATE audit_log SET hash = 'f00' WHERE id = ?`, []any{ids[1]}
			}, 1},
			{"entry deleted", func(ids []int64) (string, []any) {
				return `DELETE FROM audit_log WHERE id = ?`, []any{ids[3]}
			}, 4},
			{"ip edited", func(ids []int64) (string, []any) {
				return `UPDATE audit_log SET ip = '1.2.3.4' WHERE id = ?`, []any{ids[0]}
			}, 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if _, err := db.Exec(context.Background(), `DELETE FROM audit_log`); err != nil {
					t.Fatal(err)
				}
				ids := seed(t, db, 6)
				if tc.tamper != nil {
					q, args := tc.tamper(ids)
					if _, err := db.Exec(context.Background(), q, args...); err != nil {
						t.Fatal(err)
					}
				}
				rep, err := audit.Verify(system, db)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case tc.broken < 0 && rep.Broken != nil:
					t.Errorf("intact chain reported broken at %+v", rep.Broken)
				case tc.broken >= 0 && (rep.Broken == nil || rep.Broken.ID != ids[tc.broken]):
					t.Errorf("Verify = %+v, want broken at id %d", rep.Broken, ids[tc.broken])
				}
			})
		}
	})
}

func TestEntryInCallersTransactionRollsBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		err := db.InTx(system, func(tx *store.Tx) error {
			if err := audit.Record(system, tx, audit.Event{Action: audit.ActionImport}); err != nil {
				return err
			}
			return apperr.New(apperr.Invalid, "import failed")
		})
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("InTx: %v", err)
		}
		page, err := audit.Search(system, db, audit.Filter{})
		if err != nil || page.Total != 0 {
			t.Errorf("rolled-back change left %d audit entries (%v)", page.Total, err)
		}
	})
}

func TestSearchAndExportAreForAdminsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seed(t, db, 4)
		county := access.With(context.Background(), access.Principal{User: "x", Role: access.RoleCounty, View: access.Scope{Counties: []string{"511722"}}})
		if _, err := audit.Search(county, db, audit.Filter{}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("county searched the audit log: %v", err)
		}
		if _, err := audit.Export(county, db, audit.Filter{}, &bytes.Buffer{}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("county exported the audit log: %v", err)
		}
		page, err := audit.Search(system, db, audit.Filter{EnterpriseID: 1, Limit: 1})
		if err != nil || page.Total != 2 || len(page.Items) != 1 || page.Items[0].IP != "10.0.0.7" {
			t.Errorf("search by enterprise: %+v %v", page, err)
		}
		var buf bytes.Buffer
		n, err := audit.Export(system, db, audit.Filter{}, &buf)
		if err != nil || n != 4 {
			t.Fatalf("export: %d rows, %v", n, err)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff")))).ReadAll()
		if err != nil || len(rows) != 5 || rows[0][1] != "时间" {
			t.Errorf("export CSV: %d rows, header %v, %v", len(rows), rows[0], err)
		}
		if page, _ := audit.Search(system, db, audit.Filter{Action: audit.ActionAuditExport}); page.Total != 1 {
			t.Errorf("the export itself was not audited (%d entries)", page.Total)
		}
	})
}

func TestPruneKeepsTheRetentionPeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
		for _, at := range []time.Time{now.AddDate(0, 0, -400), now.AddDate(0, 0, -200), now.AddDate(0, 0, -10)} {
			if err := audit.Record(system, db, audit.Event{Action: audit.ActionLoginOK, At: at}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := audit.Prune(system, db, now.AddDate(0, 0, -100), now, 180); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("pruning inside the retention period: %v", err)
		}
		n, err := audit.Prune(system, db, now.AddDate(0, 0, -300), now, 180)
		if err != nil || n != 1 {
			t.Fatalf("Prune: %d deleted, %v", n, err)
		}
		rep, err := audit.Verify(system, db)
		if err != nil || rep.Broken != nil || rep.Checked != 3 {
			t.Errorf("after pruning: %+v %v (want 2 kept + the prune entry, intact)", rep, err)
		}
	})
}

// TestExportNeutralisesFormulas: a failed login's username is whatever the
// caller typed; in the CSV a spreadsheet opens it must stay text (OWASP CSV
// injection: a leading apostrophe before = + - @ tab and CR).
func TestExportNeutralisesFormulas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, actor := range []string{"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"} {
			if err := audit.Record(system, db, audit.Event{Action: audit.ActionLoginFailed, Actor: actor, Detail: map[string]string{"note": "=HYPERLINK(\"x\")"}}); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if _, err := audit.Export(system, db, audit.Filter{Action: audit.ActionLoginFailed}, &buf); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 7 {
			t.Fatalf("exported %d rows, want a header and 6 entries", len(rows))
		}
		for _, row := range rows[1:] {
			for i, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("column %s holds %q: a spreadsheet would read it as a formula", rows[0][i], cell)
				}
			}
			if row[2] == "" || row[2][0] != '\'' {
				t.Errorf("actor cell %q lacks the apostrophe", row[2])
			}
		}
	})
}
