package collect_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/collect"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/internal/xlsx"
)

// badFixture is what each bad-input case starts from: three registered
// enterprises (A2–A4 of the template, in USCC order) and a stored May.
type badFixture struct {
	svc   *collect.Service
	usccs []string // rows 2, 3, 4
	tmpl  func(mutate func(f *excelize.File)) []byte
}

func newBadFixture(t *testing.T, db *store.DB) badFixture {
	ctx := sysCtx()
	seedRegistry(t, db, 3, true)
	svc := newService(t, db, xlsx.Limits{MaxRows: 1000, MaxUnzipBytes: 8 << 20, MaxColumns: 64})
	may := ""
	f := template(t, ctx, svc, "monthly", "2024-06")
	var usccs []string
	for r := 2; r <= 4; r++ {
		u, _ := f.GetCellValue("数据", fmt.Sprintf("A%d", r))
		usccs = append(usccs, u)
		may += fmt.Sprintf(`{"uscc":%q,"element":"revenue","period":"2024-05","value":500},`, u)
	}
	if _, err := svc.SaveJSON(ctx, mustItems(t, "["+strings.TrimSuffix(may, ",")+"]"), false); err != nil {
		t.Fatalf("storing May: %v", err)
	}
	fx := badFixture{svc: svc, usccs: usccs}
	fx.tmpl = func(mutate func(f *excelize.File)) []byte {
		f := template(t, ctx, svc, "monthly", "2024-06")
		for r := 2; r <= 4; r++ {
			f.SetCellValue("数据", fmt.Sprintf("C%d", r), 600) // revenue
			f.SetCellValue("数据", fmt.Sprintf("D%d", r), 30)  // profit
		}
		mutate(f)
		return fileBytes(t, f)
	}
	return fx
}

type badCase struct {
	name     string
	file     string
	data     func(fx badFixture) []byte
	ctx      context.Context
	dataset  string
	period   string
	wantCell string // "" when the problem is not at a cell
	wantRow  int    // 0: any row
	wantMsg  string
}

func badCases() []badCase {
	set := func(cell string, v any) func(fx badFixture) []byte {
		return func(fx badFixture) []byte {
			return fx.tmpl(func(f *excelize.File) { f.SetCellValue("数据", cell, v) })
		}
	}
	county := access.With(context.Background(), access.Principal{User: "kaijiang", Role: access.RoleCounty,
		View: access.Scope{All: true}, Enter: access.Scope{Counties: []string{"511723"}}})
	return []badCase{
		{name: "wrong USCC check character", data: func(fx badFixture) []byte {
			u := fx.usccs[0]
			wrong := u[:17] + map[bool]string{true: "1", false: "0"}[u[17] == '0']
			return set("A2", wrong)(fx)
		}, wantCell: "A2", wantMsg: "校验位"},
		{name: "unknown enterprise", data: set("A2", registrytest.USCC("511722", 999)), wantCell: "A2", wantMsg: "未在企业名录中登记"},
		{name: "enterprise outside the enter scope", ctx: county, data: set("C2", 600), wantCell: "A2", wantMsg: "无权填报该企业"},
		{name: "name differs from the registry", data: set("B2", "另一家公司"), wantCell: "B2", wantMsg: "企业名称与企业名录不一致"},
		{name: "text in a number cell", data: set("C3", "一百万"), wantCell: "C3", wantMsg: "应为数字"},
		{name: "negative revenue", data: set("C2", -5), wantCell: "C2", wantMsg: "不能为负数"},
		{name: "profit above revenue", data: set("D2", 900), wantCell: "D2", wantMsg: "利润总额不应大于营业收入"},
		{name: "cumulative below last month", data: set("C4", 400), wantCell: "C4", wantMsg: "累计值小于上月累计值"},
		{name: "fractional headcount", data: set("M2", 10.5), wantCell: "M2", wantMsg: "应为整数"},
		{name: "unit mismatch in the header", data: set("C1", "营业收入（元）"), wantCell: "C1", wantMsg: "单位「元」与指标目录的单位「万元」不一致"},
		{name: "unknown header", data: set("E1", "营收"), wantCell: "E1", wantMsg: "无法识别的列标题"},
		{name: "element of another dataset", data: set("E1", "研发经费内部支出（万元）"), wantCell: "E1", wantMsg: "不属于数据集"},
		{name: "data in an untitled column", data: set("Z3", 5), wantCell: "Z3", wantMsg: "没有列标题"},
		{name: "duplicate row", data: func(fx badFixture) []byte {
			return fx.tmpl(func(f *excelize.File) {
				f.SetCellValue("数据", "A3", fx.usccs[0])
				f.SetCellValue("数据", "B3", "")
			})
		}, wantCell: "A3", wantMsg: "与第2行重复"},
		{name: "formula cell", data: func(fx badFixture) []byte {
			return fx.tmpl(func(f *excelize.File) { f.SetCellFormula("数据", "C2", "=300*2") })
		}, wantCell: "C2", wantMsg: "公式"},
		{name: "merged header cells", data: func(fx badFixture) []byte {
			return fx.tmpl(func(f *excelize.File) { f.UnprotectSheet("数据"); f.MergeCell("数据", "C1", "D1") })
		}, wantCell: "C1:D1", wantMsg: "合并单元格"},
		{name: "period outside the plan", file: "x.csv", period: "2030-01", data: csvOf("统一社会信用代码,营业收入（万元）\n"), wantMsg: "不在规划期内"},
		{name: "period of the wrong type", file: "x.csv", dataset: "monthly", period: "2024", data: csvOf("a"), wantMsg: "与数据集「规上工业企业月度报表」的报告周期（月报，如 2024-06）不符"},
		{name: "period disagrees with the workbook", period: "2024-07", data: set("C2", 600), wantMsg: "文件中的报告期为 2024-06，与指定的 2024-07 不一致"},
		{name: "empty file", file: "x.xlsx", data: func(badFixture) []byte { return nil }, wantMsg: "文件为空"},
		{name: "header only", file: "x.csv", period: "2024-06", data: csvOf("统一社会信用代码,营业收入（万元）\n"), wantMsg: "没有数据行"},
		{name: "truncated xlsx", data: func(fx badFixture) []byte { b := fx.tmpl(func(*excelize.File) {}); return b[:len(b)*2/3] }, wantMsg: "损坏或被截断"},
		{name: "other file renamed to xlsx", file: "report.xlsx", data: func(badFixture) []byte { return []byte("统一社会信用代码,营业收入\n") }, wantMsg: "内容不是 xlsx 工作簿"},
		{name: "legacy xls", file: "report.xls", data: func(badFixture) []byte { return []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0} }, wantMsg: "不支持旧版 .xls"},
		{name: "zip bomb", data: func(fx badFixture) []byte {
			return withPart(fx.tmpl(func(*excelize.File) {}), "xl/media/pad.bin", 64<<20)
		}, wantMsg: "压缩炸弹"},
		{name: "sheet beyond the row limit", data: func(fx badFixture) []byte {
			return withSheetXML(fx.tmpl(func(*excelize.File) {}), `<row r="10000000"><c r="A10000000"><v>1</v></c></row>`)
		}, wantMsg: "行数超过上限 1000 行"},
		{name: "CSV beyond the row limit", file: "big.csv", period: "2024-06", data: func(fx badFixture) []byte {
			return []byte("统一社会信用代码,营业收入（万元）\n" + strings.Repeat(fx.usccs[0]+",1\n", 1500))
		}, wantMsg: "行数超过上限 1000 行"},
		{name: "broken XML in a row", data: func(fx badFixture) []byte {
			return editPart(fx.tmpl(func(*excelize.File) {}), dataSheetPart, `(<c r="B3"[^>]*>)<is><t>[^<]*</t></is>`, `${1}<is><t>A&B </t></is>`)
		}, wantRow: 3, wantMsg: "工作表内容损坏"},
		{name: "broken XML in a number", data: func(fx badFixture) []byte {
			return editPart(fx.tmpl(func(*excelize.File) {}), dataSheetPart, `<c r="C4"([^>]*)><v>600</v>`, `<c r="C4"$1><v>6<00</v>`)
		}, wantRow: 4, wantMsg: "工作表内容损坏"},
		{name: "mismatched tags after the last row", data: func(fx badFixture) []byte {
			return editPart(fx.tmpl(func(*excelize.File) {}), dataSheetPart, `</sheetData>`, `</row></sheetData>`)
		}, wantMsg: "工作表内容损坏"},
		{name: "truncated zip entry", data: func(fx badFixture) []byte {
			return truncatePart(fx.tmpl(func(*excelize.File) {}), dataSheetPart)
		}, wantMsg: "损坏或被截断"},
		{name: "broken shared strings", data: func(fx badFixture) []byte {
			return editPart(fx.tmpl(func(*excelize.File) {}), "xl/sharedStrings.xml", `<t>monthly</t>`, `<t>month&ly</t>`)
		}, wantMsg: "共享字符串"},
		{name: "shared string out of range", data: func(fx badFixture) []byte {
			return editPart(fx.tmpl(func(*excelize.File) {}), dataSheetPart, `(<c r="B3"[^>]*) t="inlineStr"><is><t>[^<]*</t></is>`, `$1 t="s"><v>9999</v>`)
		}, wantRow: 3, wantMsg: "引用了不存在的字符串"},
		{name: "too many columns", data: func(fx badFixture) []byte {
			return fx.tmpl(func(f *excelize.File) { f.UnprotectSheet("数据"); f.SetCellValue("数据", "CZ3", 1) })
		}, wantRow: 3, wantMsg: "超过 64 列的上限"},
		{name: "CSV with too many columns", file: "wide.csv", period: "2024-06", data: func(fx badFixture) []byte {
			return []byte("统一社会信用代码,营业收入（万元）" + strings.Repeat(",", 100) + "\n")
		}, wantRow: 1, wantMsg: "超过 64 列的上限"},
		{name: "CSV with an open quote", file: "q.csv", period: "2024-06", data: func(fx badFixture) []byte {
			return []byte("统一社会信用代码,营业收入（万元）\n" + fx.usccs[0] + ",\"12\n")
		}, wantMsg: "引号不配对"},
	}
}

func csvOf(s string) func(badFixture) []byte { return func(badFixture) []byte { return []byte(s) } }

// TestImportRejectsBadInput checks every kind of bad input: the import and
// its dry run are refused, the problem names the right cell or row, and the
// store is unchanged.
func TestImportRejectsBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fx := newBadFixture(t, db)
		for _, tc := range badCases() {
			t.Run(tc.name, func(t *testing.T) {
				before := dump(t, db)
				ctx := tc.ctx
				if ctx == nil {
					ctx = sysCtx()
				}
				name := tc.file
				if name == "" {
					name = "june.xlsx"
				}
				data := tc.data(fx)
				for _, dry := range []bool{false, true} {
					res, err := fx.svc.Import(ctx, collect.ImportRequest{FileName: name, Data: data, Dataset: tc.dataset, Period: tc.period, DryRun: dry})
					if apperr.CodeOf(err) != apperr.Invalid || res == nil || res.Status != collect.StatusRejected {
						t.Fatalf("import (dry run %v) = %+v, %v; want rejected with an invalid error", dry, res, err)
					}
					if !hasProblem(res.Problems, tc.wantCell, tc.wantMsg) || !hasRow(res.Problems, tc.wantRow) {
						t.Errorf("dry run %v: no error at %q (row %d) mentioning %q; got:\n%s", dry, tc.wantCell, tc.wantRow, tc.wantMsg, listProblems(res.Problems))
					}
				}
				if after := dump(t, db); after != before {
					t.Errorf("store changed by a rejected import:\nbefore\n%s\nafter\n%s", before, after)
				}
			})
		}
	})
}

func hasProblem(ps []collect.Problem, cell, msg string) bool {
	for _, p := range ps {
		if p.Severity == stats.SeverityError && p.Cell == cell && strings.Contains(p.Message, msg) {
			return true
		}
	}
	return false
}

// hasRow reports whether an error names row (any row when row is 0).
func hasRow(ps []collect.Problem, row int) bool {
	for _, p := range ps {
		if row == 0 || (p.Severity == stats.SeverityError && p.Row == row) {
			return true
		}
	}
	return false
}

func listProblems(ps []collect.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String() + " [" + p.Cell + "]\n")
	}
	return b.String()
}

// withPart adds a part of size zero bytes to an xlsx package: it deflates
// to almost nothing, the shape of a zip bomb.
func withPart(pkg []byte, name string, size int) []byte {
	return rezip(pkg, func(zw *zip.Writer) {
		w, _ := zw.Create(name)
		chunk := make([]byte, 1<<20)
		for n := 0; n < size; n += len(chunk) {
			w.Write(chunk)
		}
	}, "")
}

// withSheetXML replaces the data sheet's rows with the given XML.
func withSheetXML(pkg []byte, rows string) []byte {
	return rezip(pkg, func(zw *zip.Writer) {
		w, _ := zw.Create("xl/worksheets/sheet2.xml")
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+rows+`</sheetData></worksheet>`)
	}, "xl/worksheets/sheet2.xml")
}

// dataSheetPart is the 数据 sheet's part in a template.
const dataSheetPart = "xl/worksheets/sheet2.xml"

// editPart rewrites one part of a package by a regular expression, which
// must match.
func editPart(pkg []byte, name, pattern, repl string) []byte {
	old := readPart(pkg, name)
	edited := regexp.MustCompile(pattern).ReplaceAllString(old, repl)
	if edited == old {
		panic("editPart: " + pattern + " matches nothing in " + name)
	}
	return rezip(pkg, func(zw *zip.Writer) {
		w, _ := zw.Create(name)
		io.WriteString(w, edited)
	}, name)
}

// truncatePart keeps a part's headers (name, sizes, CRC) but cuts its
// compressed bytes in half, as an interrupted upload or copy leaves it.
func truncatePart(pkg []byte, name string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		panic(err)
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		raw, err := f.OpenRaw()
		if err != nil {
			panic(err)
		}
		body, _ := io.ReadAll(raw)
		hdr := f.FileHeader
		return rezip(pkg, func(zw *zip.Writer) {
			w, _ := zw.CreateRaw(&hdr)
			w.Write(body[:len(body)/2])
		}, name)
	}
	panic("truncatePart: no part " + name)
}

func readPart(pkg []byte, name string) string {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		panic(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		panic(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// rezip copies a package, dropping the part named skip, then lets add write more.
func rezip(pkg []byte, add func(*zip.Writer), skip string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name == skip {
			continue
		}
		if err := zw.Copy(f); err != nil {
			panic(err)
		}
	}
	add(zw)
	if err := zw.Close(); err != nil {
		panic(errors.Join(err))
	}
	return buf.Bytes()
}
