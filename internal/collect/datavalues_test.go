package collect_test

import (
	"strings"
	"testing"

	"mfgplan/internal/apperr"
	"mfgplan/internal/collect"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/internal/xlsx"
)

// TestSaveJSONRejects checks that every bad item is named by index and
// field and that nothing is written.
func TestSaveJSONRejects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		ents := seedRegistry(t, db, 2, false)
		svc := newService(t, db, xlsx.Limits{})
		u := ents[0].uscc
		good := `{"uscc":"` + u + `","element":"revenue","period":"2024-06","value":100}`
		for _, tc := range []struct {
			name, item, field, msg string
		}{
			{"bad USCC", `{"uscc":"91511722MA0000015X","element":"revenue","period":"2024-06","value":1}`, "uscc", "统一社会信用代码"},
			{"unknown enterprise id", `{"enterprise_id":999999,"element":"revenue","period":"2024-06","value":1}`, "enterprise_id", "未在企业名录中登记"},
			{"no enterprise", `{"element":"revenue","period":"2024-06","value":1}`, "enterprise_id", "缺少 uscc 或 enterprise_id"},
			{"unknown element", `{"uscc":"` + u + `","element":"turnover","period":"2024-06","value":1}`, "element", "不在指标目录中"},
			{"yearly element with a month", `{"uscc":"` + u + `","element":"rd_expense","period":"2024-06","value":1}`, "period", "报告周期"},
			{"period outside the plan", `{"uscc":"` + u + `","element":"revenue","period":"2019-06","value":1}`, "period", "不在规划期内"},
			{"text value", `{"uscc":"` + u + `","element":"revenue","period":"2024-07","value":"很多"}`, "value", "应为数字"},
			{"missing value", `{"uscc":"` + u + `","element":"revenue","period":"2024-07","value":null}`, "value", "缺少数值"},
			{"bool not yes or no", `{"uscc":"` + u + `","element":"has_rd","period":"2024","value":"也许"}`, "value", "「是」或「否」"},
			{"percent above 100", `{"uscc":"` + u + `","element":"nc_key_process_rate","period":"2024","value":120}`, "value", "超过允许的最大值"},
			{"duplicate item", good, "element", "与第 0 项重复"},
			{"cumulative below the month before in the batch", `{"uscc":"` + u + `","element":"revenue","period":"2024-07","value":50}`, "value", "累计值小于上月累计值"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := dump(t, db)
				res, err := svc.SaveJSON(ctx, mustItems(t, "["+good+","+tc.item+"]"), false)
				if apperr.CodeOf(err) != apperr.Invalid || res == nil {
					t.Fatalf("SaveJSON = %+v, %v; want rejected", res, err)
				}
				found := false
				for _, p := range res.Problems {
					found = found || (p.Index != nil && *p.Index == 1 && p.Field == tc.field && strings.Contains(p.Message, tc.msg))
				}
				if !found {
					t.Errorf("no problem at [1].%s mentioning %q; got:\n%s", tc.field, tc.msg, listProblems(res.Problems))
				}
				if dump(t, db) != before {
					t.Error("a rejected batch changed the store")
				}
			})
		}
	})
}

// TestSaveJSONAndList writes values through the bulk API (bool as 是), a
// dry run writes nothing, and the list returns units and periods.
func TestSaveJSONAndList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		ents := seedRegistry(t, db, 1, false)
		svc := newService(t, db, xlsx.Limits{})
		batch := `[{"uscc":"` + ents[0].uscc + `","element":"has_rd","period":"2024","value":"是"},{"enterprise_id":` + itoa(int(ents[0].id)) + `,"element":"rd_expense","period":"2024","value":35.5}]`
		dry, err := svc.SaveJSON(ctx, mustItems(t, batch), true)
		if err != nil || dry.Status != collect.StatusChecked || dry.Inserted != 2 || dump(t, db) != "" {
			t.Fatalf("dry run = %+v, %v; want checked, 2 to insert, nothing written", dry, err)
		}
		if res, err := svc.SaveJSON(ctx, mustItems(t, batch), false); err != nil || res.Inserted != 2 {
			t.Fatalf("save = %+v, %v", res, err)
		}
		items, total, err := svc.Values(ctx, collect.ValueQuery{Dataset: "yearly", Period: "2024", Enterprise: ents[0].uscc, Limit: 10})
		if err != nil || total != 2 || items[0].Element != "has_rd" || items[0].Value != 1 || items[0].Unit != "是/否" || items[1].Unit != "万元" {
			t.Errorf("values = %+v (total %d), %v", items, total, err)
		}
	})
}

// TestImportWarnings: warnings are reported with both values and the data
// still lands; a 规上 firm missing from the file is named.
func TestImportWarnings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		ents := seedRegistry(t, db, 2, true)
		svc := newService(t, db, xlsx.Limits{})
		u := ents[0].uscc
		prior := `[{"uscc":"` + u + `","element":"revenue","period":"2024-04","value":100},{"uscc":"` + u + `","element":"revenue","period":"2024-05","value":200}]`
		if _, err := svc.SaveJSON(ctx, mustItems(t, prior), false); err != nil {
			t.Fatal(err)
		}
		// 当月 May = 100; 当月 June = 1200 − 200 = 1000: a ×10 jump.
		csv := "统一社会信用代码,企业名称,营业收入（万元）\n" + u + "," + ents[0].name + ",1200\n"
		res, err := svc.Import(ctx, collect.ImportRequest{FileName: "june.csv", Data: []byte(csv), Period: "2024-06"})
		if err != nil || res.Inserted != 1 {
			t.Fatalf("import = %+v, %v; want 1 inserted despite warnings", res, err)
		}
		var jump, missing bool
		for _, p := range res.Problems {
			jump = jump || (p.Severity == stats.SeverityWarning && p.Cell == "C2" && strings.Contains(p.Message, "当月 1000万元，上期 100万元"))
			missing = missing || (p.Rule == "above_scale_missing" && p.USCC == ents[1].uscc)
		}
		if !jump || !missing {
			t.Errorf("want a jump warning at C2 with both values and a missing-规上 warning for %s; got:\n%s", ents[1].uscc, listProblems(res.Problems))
		}
	})
}

// TestImportCSVEncodings: GB18030 and UTF-8 with BOM read the same; a file
// without a header row is read by position.
func TestImportCSVEncodings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		ents := seedRegistry(t, db, 1, false)
		svc := newService(t, db, xlsx.Limits{})
		text := "统一社会信用代码,企业名称,营业收入(万元)\n" + ents[0].uscc + "," + ents[0].name + ",321\n"
		gb := gb18030(t, text)
		for _, tc := range []struct {
			name string
			data []byte
			want string
		}{
			{"GB18030", gb, "321"},
			{"UTF-8 with BOM", append([]byte("\xEF\xBB\xBF"), []byte(strings.ReplaceAll(text, "321", "322"))...), "322"},
			{"no header row", []byte(ents[0].uscc + "," + ents[0].name + ",323\n"), "323"},
		} {
			res, err := svc.Import(ctx, collect.ImportRequest{FileName: "f.csv", Data: tc.data, Period: "2024-06"})
			if err != nil || res.Inserted+res.Updated != 1 || !strings.Contains(dump(t, db), "revenue 2024-06 "+tc.want+"\n") {
				t.Errorf("%s: import = %+v, %v; store:\n%s", tc.name, res, err, dump(t, db))
			}
		}
	})
}
