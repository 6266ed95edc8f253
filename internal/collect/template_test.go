package collect_test

import (
	"strings"
	"testing"

	"mfgplan/internal/collect"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/internal/xlsx"
)

// TestTemplateFillImport is the end-to-end path: a generated template,
// filled in and imported, lands in the store; the same file again changes
// nothing.
func TestTemplateFillImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		ents := seedRegistry(t, db, 3, false)
		svc := newService(t, db, xlsx.Limits{})
		f := template(t, ctx, svc, "monthly", "2024-06")
		if got, _ := f.GetCellValue("数据", "C1"); got != "营业收入（万元）" {
			t.Errorf("C1 header = %q, want 营业收入（万元）", got)
		}
		if got, _ := f.GetCellValue("数据", "A2"); got != ents[0].uscc {
			t.Errorf("A2 = %q, want the lowest USCC %s", got, ents[0].uscc)
		}
		dvs, _ := f.GetDataValidations("数据")
		if len(dvs) == 0 {
			t.Error("template has no data validation")
		}
		for i := range ents {
			row := i + 2
			f.SetCellValue("数据", "C"+itoa(row), 1000.5*float64(i+1)) // revenue
			f.SetCellValue("数据", "D"+itoa(row), 80)                  // profit
		}
		data := fileBytes(t, f)
		res, err := svc.Import(ctx, collect.ImportRequest{FileName: "june.xlsx", Data: data})
		if err != nil {
			t.Fatalf("import: %v (%+v)", err, res)
		}
		if res.Inserted != 6 || res.Status != collect.StatusCommitted || res.Period != "2024-06" || res.Dataset != "monthly" {
			t.Errorf("first import = %+v, want 6 inserted, committed, monthly 2024-06", res)
		}
		second, _ := f.GetCellValue("数据", "A3")
		if !strings.Contains(dump(t, db), second+" revenue 2024-06 2001\n") {
			t.Errorf("stored values lack the second enterprise's revenue:\n%s", dump(t, db))
		}
		again, err := svc.Import(ctx, collect.ImportRequest{FileName: "june.xlsx", Data: data})
		if err != nil || again.Unchanged != 6 || again.Inserted+again.Updated != 0 {
			t.Errorf("same file again = %+v, %v; want 6 unchanged", again, err)
		}
	})
}
