package collect_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mfgplan/internal/apperr"
	"mfgplan/internal/collect"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/internal/xlsx"
)

// TestExportRoundTrip: export → import changes nothing; one edited cell
// updates exactly one value; values with many digits survive.
func TestExportRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		ents := seedRegistry(t, db, 4, false)
		svc := newService(t, db, xlsx.Limits{})
		items := `[`
		for i, e := range ents {
			items += `{"uscc":"` + e.uscc + `","element":"revenue","period":"2024-06","value":` + []string{"1234.5625", "0.1", "98765432.25", "7"}[i] + `},`
			items += `{"enterprise_id":` + itoa(int(e.id)) + `,"element":"employees","period":"2024-06","value":` + itoa(100+i) + `},`
			items += `{"uscc":"` + e.uscc + `","element":"revenue","period":"2024-05","value":0.0625},`
		}
		items = strings.TrimSuffix(items, ",") + `]`
		if _, err := svc.SaveJSON(ctx, mustItems(t, items), false); err != nil {
			t.Fatalf("seeding values: %v", err)
		}
		before := dump(t, db)
		var buf bytes.Buffer
		if err := svc.Export(ctx, &buf, "monthly", "2024-06"); err != nil {
			t.Fatal(err)
		}
		res, err := svc.Import(ctx, collect.ImportRequest{FileName: "export.xlsx", Data: buf.Bytes()})
		if err != nil || res.Unchanged != 8 || res.Inserted+res.Updated != 0 {
			t.Fatalf("re-import of the export = %+v, %v; want 8 unchanged\n%s", res, err, listProblems(res.Problems))
		}
		if after := dump(t, db); after != before {
			t.Errorf("round trip changed the store:\n%s\n%s", before, after)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := f.GetCellValue("当月数", "C3"); m != "1234.5" {
			t.Errorf("当月 revenue of the first enterprise = %q, want 1234.5 (累计 1234.5625 − May 0.0625)", m)
		}
		f.SetCellValue("数据", "C2", 1300)
		res, err = svc.Import(ctx, collect.ImportRequest{FileName: "edited.xlsx", Data: fileBytes(t, f)})
		if err != nil || res.Updated != 1 || res.Unchanged != 7 || res.Inserted != 0 {
			t.Errorf("edited export = %+v, %v; want exactly 1 updated", res, err)
		}
	})
}

// TestAnnotatedWorkbook: a rejected file comes back with 错误信息 filled on
// the failing row, which is red, and can be downloaded from the history.
func TestAnnotatedWorkbook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		seedRegistry(t, db, 2, false)
		svc := newService(t, db, xlsx.Limits{})
		f := template(t, ctx, svc, "monthly", "2024-06")
		f.SetCellValue("数据", "C2", 100)
		f.SetCellValue("数据", "C3", "abc")
		res, err := svc.Import(ctx, collect.ImportRequest{FileName: "bad.xlsx", Data: fileBytes(t, f)})
		if apperr.CodeOf(err) != apperr.Invalid || !res.Annotated {
			t.Fatalf("import = %+v, %v; want rejected with an annotated workbook", res, err)
		}
		name, data, err := svc.ImportFile(ctx, res.ID, true)
		if err != nil || !strings.HasSuffix(name, ".xlsx") {
			t.Fatalf("annotated download = %q, %v", name, err)
		}
		a, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := a.GetCols("数据")
		last := cols[len(cols)-1]
		if last[0] != "错误信息" || last[1] != "" || !strings.Contains(last[2], "C3 营业收入：应为数字") {
			t.Errorf("错误信息 column = %q, want empty for row 2 and the C3 message for row 3", last)
		}
		style, _ := a.GetCellStyle("数据", "C3")
		if s, _ := a.GetStyle(style); s == nil || len(s.Fill.Color) == 0 || s.Fill.Color[0] != "FFC7CE" {
			t.Errorf("failing row is not filled red: %+v", s)
		}
		// The annotated workbook, corrected, imports as it is.
		a.SetCellValue("数据", "C3", 50)
		fixed, err := svc.Import(ctx, collect.ImportRequest{FileName: "fixed.xlsx", Data: fileBytes(t, a)})
		if err != nil || fixed.Inserted != 2 {
			t.Errorf("corrected annotated workbook = %+v, %v; want 2 inserted", fixed, err)
		}
		orig, data, err := svc.ImportFile(ctx, res.ID, false)
		if err != nil || orig != "bad.xlsx" || len(data) == 0 {
			t.Errorf("original download = %q (%d bytes), %v", orig, len(data), err)
		}
		list, total, err := svc.ListImports(ctx, 10, 0)
		if err != nil || total != 2 || list[0].Status != collect.StatusCommitted || list[1].Status != collect.StatusRejected {
			t.Errorf("history = %+v (total %d), %v; want committed then rejected", list, total, err)
		}
	})
}
