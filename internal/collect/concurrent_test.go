package collect_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"mfgplan/internal/apperr"
	"mfgplan/internal/collect"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/internal/xlsx"
)

// TestConcurrentImportsOfOnePeriod: two imports of the same enterprises
// into the same month at once either run one after the other or the later
// one is refused with a Conflict that says why — never an internal error,
// never a mix of the two files.
func TestConcurrentImportsOfOnePeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		ents := seedRegistry(t, db, 400, true)
		svc := newService(t, db, xlsx.Limits{})
		var files [2][]byte
		for f := range files {
			var b strings.Builder
			b.WriteString("统一社会信用代码,企业名称,营业收入（万元）,利润总额（万元）\n")
			for _, e := range ents {
				fmt.Fprintf(&b, "%s,%s,%d,%d\n", e.uscc, e.name, 1000*(f+1), 10*(f+1))
			}
			files[f] = []byte(b.String())
		}
		var results [2]*collect.ImportResult
		var errs [2]error
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range files {
			wg.Go(func() {
				<-start
				results[i], errs[i] = svc.Import(ctx, collect.ImportRequest{FileName: fmt.Sprintf("f%d.csv", i), Data: files[i], Period: "2024-06"})
			})
		}
		close(start)
		wg.Wait()
		inserted := 0
		for i, err := range errs {
			switch {
			case err == nil:
				inserted += results[i].Inserted
			case apperr.CodeOf(err) == apperr.Conflict && strings.Contains(err.Error(), "另一个导入正在写入同一期数据"):
			default:
				t.Errorf("import %d: %v, want success or the conflict message", i, err)
			}
		}
		if errs[0] != nil && errs[1] != nil {
			t.Fatalf("both imports refused: %v; %v", errs[0], errs[1])
		}
		if inserted != 2*len(ents) {
			t.Errorf("inserted %d values in all, want %d (each value once)", inserted, 2*len(ents))
		}
		got := dump(t, db)
		slices.SortFunc(ents, func(a, b testEnt) int { return strings.Compare(a.uscc, b.uscc) })
		var want [2]string
		for f := range want {
			var b strings.Builder
			for _, e := range ents {
				fmt.Fprintf(&b, "%s profit 2024-06 %d\n%s revenue 2024-06 %d\n", e.uscc, 10*(f+1), e.uscc, 1000*(f+1))
			}
			want[f] = b.String()
		}
		if got != want[0] && got != want[1] {
			t.Errorf("stored values are neither file's:\n%.400s", got)
		}
	})
}

// TestImportIntoLockedMonth: a submission locked by the approval workflow
// refuses the import with a Conflict, writes nothing, and the import history
// keeps the reason rather than an internal error.
func TestImportIntoLockedMonth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		ents := seedRegistry(t, db, 1, true)
		svc := newService(t, db, xlsx.Limits{})
		if _, err := db.Exec(ctx, `INSERT INTO approvals (enterprise_id, dataset, period, status, updated_by, updated_at)
			VALUES (?, 'monthly', '2024-06', 'submitted', 'test', '2024-07-01T00:00:00Z')`, ents[0].id); err != nil {
			t.Fatal(err)
		}
		csv := "统一社会信用代码,企业名称,营业收入（万元）\n" + ents[0].uscc + "," + ents[0].name + ",1200\n"
		_, err := svc.Import(ctx, collect.ImportRequest{FileName: "june.csv", Data: []byte(csv), Period: "2024-06"})
		if apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("import into a submitted month: %v, want a conflict", err)
		}
		if got := dump(t, db); got != "" {
			t.Errorf("a refused import stored:\n%s", got)
		}
		list, _, err := svc.ListImports(ctx, 1, 0)
		if err != nil || len(list) != 1 {
			t.Fatalf("import history: %v, %v", list, err)
		}
		if h := list[0]; h.Status != collect.StatusRejected || !strings.Contains(h.Message, "已上报或审核锁定") {
			t.Errorf("history says %s %q, want rejected with the lock's reason", h.Status, h.Message)
		}
	})
}
