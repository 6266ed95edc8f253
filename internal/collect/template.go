package collect

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/stats"
	"mfgplan/internal/xlsx"
)

// Template writes the fill-in workbook of a dataset and period for the
// enterprises the caller may fill: 填报说明, the protected 数据 sheet
// (keys locked, values open, 是/否 dropdowns, number checks) pre-filled with
// what is already stored for the period, and 上期数 with the previous
// period's values for reference.
func (s *Service) Template(ctx context.Context, w io.Writer, dataset, period string) error {
	return s.writeBook(ctx, w, dataset, period, false)
}

// Export writes the stored values of the enterprises the caller may view in
// the template's layout, so that export → edit → import round-trips; for a
// monthly dataset a 当月数 sheet adds the 当月 values derived from 累计.
func (s *Service) Export(ctx context.Context, w io.Writer, dataset, period string) error {
	return s.writeBook(ctx, w, dataset, period, true)
}

func (s *Service) writeBook(ctx context.Context, w io.Writer, dataset, period string, export bool) error {
	ds, err := s.dataset(dataset)
	if err != nil {
		return err
	}
	p, err := s.period(ds, period)
	if err != nil {
		return err
	}
	l := s.layout(ds)
	scope := access.From(ctx).Enter
	if export {
		scope = access.From(ctx).View
	}
	n, err := countScope(ctx, s.db, scope)
	if err != nil {
		return err
	}
	book, err := xlsx.NewBook(s.lim.TempDir)
	if err != nil {
		return err
	}
	if err := book.AddTextSheet(sheetGuide, s.guideRows(l, p, n), 18, 80); err != nil {
		return err
	}
	sheets := []sheetSpec{{name: sheetData, period: p, main: true}}
	if !export {
		sheets = append(sheets, sheetSpec{name: sheetPrev, period: p.Prev(), note: fmt.Sprintf("上期数（%s），仅供参考；导入时不读取本表", p.Prev().Label())})
	} else if p.Type == stats.Monthly {
		sheets = append(sheets, sheetSpec{name: sheetMonth, period: p, month: true, note: fmt.Sprintf("当月数（%s），由 1–%d月累计 与上月累计相减得出，仅供查看；导入时不读取本表", p.Label(), p.Index)})
	}
	for _, sh := range sheets {
		if err := s.writeSheet(ctx, book, l, scope, sh, export); err != nil {
			return err
		}
	}
	_, err = book.WriteTo(w)
	return must(err, "writing workbook")
}

// sheetSpec is one sheet of a template or export.
type sheetSpec struct {
	name   string
	period stats.Period
	main   bool // the data sheet that imports read
	month  bool // 当月 values derived from 累计
	note   string
}

// writeSheet streams one sheet: one row per enterprise in scope (in an
// export only those with values), in USCC order.
func (s *Service) writeSheet(ctx context.Context, book *xlsx.Book, l layout, scope access.Scope, sh sheetSpec, export bool) error {
	cols := l.columns()
	if !sh.main {
		for i := range cols {
			cols[i].Key = true // reference sheets are read-only
		}
	}
	w, err := book.StartSheet(xlsx.SheetSpec{Name: sh.name, Columns: cols, Protect: true, Validate: sh.main, Note: sh.note})
	if err != nil {
		return err
	}
	periods := []string{sh.period.ID()}
	if sh.month {
		periods = append(periods, sh.period.Prev().ID())
	}
	row := make([]any, len(cols))
	err = eachEnterprise(ctx, s.db, scope, l.ds.Elements, periods, func(e entValues) error {
		if export && len(e.vals[0]) == 0 {
			return nil
		}
		row[0], row[1] = e.uscc, e.name
		for i, el := range l.elems {
			row[i+2] = s.cell(el, sh, e.vals)
		}
		return w.WriteRow(row, false)
	})
	if err != nil {
		return err
	}
	return w.Close()
}

// cell is the value written for el: stored, or 当月 derived from 累计.
func (s *Service) cell(el *stats.Element, sh sheetSpec, vals []map[string]float64) any {
	v, ok := vals[0][el.Code]
	if !ok {
		return nil
	}
	if !sh.month {
		return cellValue(el, v)
	}
	prev, okPrev := vals[1][el.Code]
	if !okPrev {
		prev = math.NaN()
	}
	if m, ok := el.CurrentMonth(sh.period.Index, v, prev); ok {
		return m
	}
	return nil
}

// guideRows is the 填报说明 sheet: what the workbook is, the codes the
// import reads back, the columns with units and the rules applied.
func (s *Service) guideRows(l layout, p stats.Period, n int) [][]string {
	rows := [][]string{
		{"报表", l.ds.Name},
		{labelDS, l.ds.Code},
		{labelPeriod, p.ID()},
		{"报告期名称", p.Label()},
		{"生成时间", time.Now().UTC().Format(time.RFC3339)},
	}
	if n > 0 {
		rows = append(rows, []string{"企业数", strconv.Itoa(n)})
	}
	rows = append(rows, [][]string{
		{"填写方法", "在「" + sheetData + "」表中逐户填写数值；统一社会信用代码和企业名称已预填并锁定，请勿修改、增删列或合并单元格。"},
		{"", "数值请直接输入，不要使用公式，不要带单位或文字；金额单位见下表。累计指标填 1–" + monthWord(p) + "累计数。"},
		{"", "「是/否」指标请从下拉列表选择。「" + sheetPrev + "」表为上期已报数，仅供参考。"},
		{"", "可另存为 CSV（UTF-8 或 GB18030）导入，导入时须指定数据集和报告期。"},
		{},
		{"指标", "单位 · 说明"},
	}...)
	for _, el := range l.elems {
		rows = append(rows, []string{el.Name, elementNote(el)})
	}
	rows = append(rows, []string{}, []string{"校验规则", "级别 · 说明（错误：整个文件不导入；警告：导入并提示核实）"})
	for _, r := range s.rules.Rules {
		rows = append(rows, []string{r.Code, r.Severity.Label() + " · " + r.Message})
	}
	return rows
}

func monthWord(p stats.Period) string {
	if p.Type == stats.Monthly {
		return strconv.Itoa(p.Index) + "月"
	}
	return "本期"
}

// elementNote describes an element's unit and constraints for the guide.
func elementNote(el *stats.Element) string {
	parts := []string{el.Unit}
	if el.Cumulative && el.PeriodType == stats.Monthly {
		parts = append(parts, "1–N月累计")
	}
	switch {
	case el.ValueType == stats.Bool:
		parts = append(parts, "选择 是 或 否")
	case el.ValueType == stats.Integer:
		parts = append(parts, "整数")
	}
	if !el.AllowNegative && el.ValueType != stats.Bool {
		parts = append(parts, "不得为负")
	}
	if el.Max != nil {
		parts = append(parts, "不超过 "+strconv.FormatFloat(*el.Max, 'f', -1, 64))
	}
	return strings.Join(parts, " · ")
}
