package collect_test

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

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
		if len(dvs) != 14 || dvs[0].Type != "decimal" || dvs[0].Formula1 != "0" {
			t.Errorf("data validations = %d, first %+v; want one per element, revenue ≥ 0", len(dvs), dvs[0])
		}
		if prot, err := f.GetSheetProtection("数据"); err != nil || !prot.SelectUnlockedCells {
			t.Errorf("data sheet protection = %+v, %v; want protected", prot, err)
		}
		if locked(t, f, "A2") != true || locked(t, f, "C2") != false {
			t.Error("want the USCC cell locked and the value cell open")
		}
		if note, _ := f.GetCellValue("上期数", "A1"); !strings.Contains(note, "上期数（2024年5月）") {
			t.Errorf("上期数 sheet note = %q", note)
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

// locked reports whether a cell's style keeps it locked under protection.
func locked(t *testing.T, f *excelize.File, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle("数据", cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Protection == nil || st.Protection.Locked
}

// TestYearlyTemplateDropdown: yes/no elements get a 是/否 list and import
// from it.
func TestYearlyTemplateDropdown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		seedRegistry(t, db, 1, false)
		svc := newService(t, db, xlsx.Limits{})
		f := template(t, ctx, svc, "yearly", "2024")
		dvs, _ := f.GetDataValidations("数据")
		var list string
		for _, dv := range dvs {
			if dv.Type == "list" && strings.HasPrefix(dv.Sqref, "K2:") {
				list = dv.Sqref + " " + dv.Formula1
			}
		}
		if !strings.HasPrefix(list, "K2:K") || !strings.Contains(list, "是,否") {
			t.Errorf("有研发活动 dropdown = %q, want a 是,否 list on column K", list)
		}
		f.SetCellValue("数据", "K2", "是")
		res, err := svc.Import(ctx, collect.ImportRequest{FileName: "y.xlsx", Data: fileBytes(t, f)})
		if err != nil || res.Inserted != 1 || !strings.Contains(dump(t, db), "has_rd 2024 1\n") {
			t.Errorf("yearly import = %+v, %v", res, err)
		}
	})
}
