package project

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mfgplan/internal/apperr"
	"mfgplan/internal/collect"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// fillLedger writes a template for period and sets cells of the 数据 sheet.
func fillLedger(t *testing.T, s *Service, ctx context.Context, period string, cells map[string]any) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.LedgerTemplate(ctx, &buf, period); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for ref, v := range cells {
		if err := f.SetCellValue(collect.DataSheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestLedgerImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		ctx := as(xuanhanOne)
		var ids []int64
		for _, n := range []string{"「演示」宣汉县台账项目甲", "「演示」宣汉县台账项目乙"} {
			p := mustCreate(t, s, ctx, basic(n))
			mustMove(t, s, ctx, p.ID, Signed, "2026-01-10")
			mustMove(t, s, ctx, p.ID, Preparing, "2026-02-01")
			mustMove(t, s, ctx, p.ID, Started, "2026-03-15")
			approveAll(t, s, ctx, p.ID, "2026-03-01")
			ids = append(ids, p.ID)
		}
		if _, err := s.Evaluate(as(cityUser), "2026-06"); err != nil {
			t.Fatal(err)
		}
		// Rows 2 and 3 hold the two projects (header in row 1); E = 年度计划投资, F = 本年累计完成投资.
		bad := fillLedger(t, s, ctx, "2026-06", map[string]any{"E2": 1200, "F2": 600, "G2": "主体封顶", "E3": 2400, "F3": "六百万"})
		res, err := s.ImportLedger(ctx, collect.ImportRequest{FileName: "台账.xlsx", Data: bad})
		if apperr.CodeOf(err) != apperr.Invalid || res == nil || res.Status != collect.StatusRejected {
			t.Fatalf("a bad cell: %+v, %v", res, err)
		}
		if len(res.Problems) != 1 || res.Problems[0].Cell != "F3" || !strings.Contains(res.Problems[0].Message, "应为数字") || !res.Annotated {
			t.Fatalf("problems %+v (annotated %v), want one at F3", res.Problems, res.Annotated)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM project_investments`) + count(t, db, `SELECT COUNT(*) FROM project_year_plans`); n != 0 {
			t.Fatalf("a rejected file stored %d figures", n)
		}
		good := fillLedger(t, s, ctx, "2026-06", map[string]any{"E2": 1200, "F2": 600, "G2": "主体封顶", "E3": 2400, "F3": 470})
		dry, err := s.ImportLedger(ctx, collect.ImportRequest{FileName: "台账.xlsx", Data: good, DryRun: true})
		if err != nil || dry.Status != collect.StatusChecked || dry.Inserted != 4 || count(t, db, `SELECT COUNT(*) FROM project_investments`) != 0 {
			t.Fatalf("dry run: %+v, %v", dry, err)
		}
		res, err = s.ImportLedger(ctx, collect.ImportRequest{FileName: "台账.xlsx", Data: good})
		if err != nil || res.Status != collect.StatusCommitted || res.Inserted != 4 || res.Dataset != LedgerDataset || res.Period != "2026-06" {
			t.Fatalf("the fixed file: %+v, %v", res, err)
		}
		page, _ := s.List(ctx, Filter{Period: "2026-06", Sort: "id"})
		if page.Items[0].Light.Light != LightGreen || page.Items[1].Light.Light != LightRed {
			t.Errorf("lights after import: %s (%s), %s (%s)", page.Items[0].Light.Light, page.Items[0].Reason, page.Items[1].Light.Light, page.Items[1].Reason)
		}
		again, err := s.ImportLedger(ctx, collect.ImportRequest{FileName: "台账.xlsx", Data: good})
		if err != nil || again.Unchanged != 4 {
			t.Errorf("re-importing changes nothing: %+v, %v", again, err)
		}
		lower := fillLedger(t, s, ctx, "2026-07", map[string]any{"F2": 500})
		res, err = s.ImportLedger(ctx, collect.ImportRequest{FileName: "七月.xlsx", Data: lower})
		if err == nil || res.Problems[0].Cell != "F2" || !strings.Contains(res.Problems[0].Message, "累计数不能减少") {
			t.Errorf("a decreasing 累计: %+v, %v", res, err)
		}
		other := basic("「演示」渠县项目")
		other.County = str(quxian)
		q := mustCreate(t, s, as(quxianOne), other)
		mustMove(t, s, as(quxianOne), q.ID, Signed, "2026-01-10")
		foreign := fillLedger(t, s, ctx, "2026-06", map[string]any{"A3": number(q.ID)})
		if res, err = s.ImportLedger(ctx, collect.ImportRequest{FileName: "x.xlsx", Data: foreign}); err == nil || res.Problems[0].Cell != "A3" {
			t.Errorf("another county's project in the file: %+v, %v", res, err)
		}
	})
}
