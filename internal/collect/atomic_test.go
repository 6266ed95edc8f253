package collect_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"mfgplan/internal/audit"
	"mfgplan/internal/collect"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/internal/xlsx"
)

// TestImportStoresDataRecordAndAuditTogether: an import's values, its
// history record with the outcome and its audit entry commit in one
// transaction. When the last of them cannot be written, the import fails
// and none of it is stored — no values, no record left running.
func TestImportStoresDataRecordAndAuditTogether(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		ents := seedRegistry(t, db, 3, true)
		svc := newService(t, db, xlsx.Limits{})
		file := "统一社会信用代码,营业收入（万元）\n"
		for _, e := range ents {
			file += e.uscc + ",700\n"
		}
		req := collect.ImportRequest{FileName: "june.csv", Data: []byte(file), Period: "2024-06"}
		items := mustItems(t, `[{"uscc":"`+ents[0].uscc+`","element":"revenue","period":"2024-06","value":800}]`)
		submit := map[string]func() (*collect.ImportResult, error){
			"file": func() (*collect.ImportResult, error) { return svc.Import(ctx, req) },
			"json": func() (*collect.ImportResult, error) { return svc.SaveJSON(ctx, items, false) },
		}
		for _, fault := range []struct{ kind, table, event string }{
			{"file", "audit_log", "INSERT"}, {"file", "imports", "UPDATE"}, {"json", "audit_log", "INSERT"}, {"json", "imports", "UPDATE"},
		} {
			t.Run(fault.kind+" with a failing "+fault.event+" on "+fault.table, func(t *testing.T) {
				undo := failWrites(t, db, fault.table, fault.event)
				res, err := submit[fault.kind]()
				undo()
				if err == nil {
					t.Fatalf("import = %+v, want an error: its %s could not be stored", res, fault.table)
				}
				if got := dump(t, db); got != "" {
					t.Errorf("values stored by a failed import:\n%s", got)
				}
				if n := count(t, db, `SELECT COUNT(*) FROM imports WHERE status IN ('running', 'committed')`); n != 0 {
					t.Errorf("%d import records running or committed after a failed import", n)
				}
			})
		}
		res, err := svc.Import(ctx, req)
		if err != nil || res.Status != collect.StatusCommitted || res.Inserted != 3 {
			t.Fatalf("import = %+v, %v; want 3 values committed", res, err)
		}
		stored, err := svc.GetImport(ctx, res.ID)
		if err != nil || stored.Status != collect.StatusCommitted || stored.Inserted != 3 {
			t.Errorf("stored record = %+v, %v", stored, err)
		}
		page, err := audit.Search(ctx, db, audit.Filter{Action: audit.ActionImport})
		if err != nil {
			t.Fatal(err)
		}
		object := fmt.Sprintf("import:%d", res.ID)
		found := false
		for _, e := range page.Items {
			found = found || (e.Object == object && e.Outcome == "ok" && strings.Contains(e.Detail, `"inserted":3`))
		}
		if !found {
			t.Errorf("no audit entry for %s with 3 inserted values in %+v", object, page.Items)
		}
	})
}

// failWrites makes every INSERT or UPDATE on table fail (a test-only
// trigger: the schema itself has none) and returns what removes it.
func failWrites(t *testing.T, db *store.DB, table, event string) func() {
	t.Helper()
	ctx := context.Background()
	var create, drop []string
	if db.Dialect() == store.Postgres {
		create = []string{
			`CREATE FUNCTION test_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER test_fail BEFORE ` + event + ` ON ` + table + ` FOR EACH ROW EXECUTE FUNCTION test_fail()`,
		}
		drop = []string{`DROP TRIGGER test_fail ON ` + table, `DROP FUNCTION test_fail()`}
	} else {
		create = []string{`CREATE TRIGGER test_fail BEFORE ` + event + ` ON ` + table + ` BEGIN SELECT RAISE(ABORT, 'injected failure'); END`}
		drop = []string{`DROP TRIGGER test_fail`}
	}
	for _, q := range create {
		if _, err := db.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	return func() {
		for _, q := range drop {
			if _, err := db.Exec(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func count(t *testing.T, db *store.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
