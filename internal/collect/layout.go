package collect

import (
	"strings"

	"mfgplan/internal/stats"
	"mfgplan/internal/xlsx"
)

// Fixed column headers and sheet names shared by the template, the export,
// the annotated workbook and the import.
const (
	headUSCC    = "统一社会信用代码"
	headName    = "企业名称"
	headPeriod  = "报告期"
	headErrors  = "错误信息"
	sheetGuide  = "填报说明"
	sheetData   = "数据"
	sheetPrev   = "上期数"
	sheetMonth  = "当月数"
	sheetIssues = "错误清单"
	labelDS     = "数据集代码"
	labelPeriod = "报告期"
)

// auxiliarySheets are never read as data.
var auxiliarySheets = map[string]bool{sheetGuide: true, sheetPrev: true, sheetMonth: true, sheetIssues: true}

// layout is a dataset's columns: USCC, name, then one per element in the
// dataset's order.
type layout struct {
	ds    *stats.Dataset
	elems []*stats.Element
}

func (s *Service) layout(ds *stats.Dataset) layout {
	l := layout{ds: ds}
	for _, code := range ds.Elements {
		l.elems = append(l.elems, s.cat.Element(code))
	}
	return l
}

// header is an element's column title: its name with the unit, e.g.
// 营业收入（万元）.
func header(el *stats.Element) string {
	return el.Name + "（" + el.Unit + "）"
}

// columns describes the data sheet for the writer.
func (l layout) columns() []xlsx.Column {
	cols := []xlsx.Column{
		{Header: headUSCC, Width: 22, Key: true},
		{Header: headName, Width: 30, Key: true},
	}
	zero := 0.0
	for _, el := range l.elems {
		c := xlsx.Column{Header: header(el), Width: 14, Kind: xlsx.Number, Max: el.Max}
		switch el.ValueType {
		case stats.Bool:
			c.Kind = xlsx.Bool
		case stats.Integer:
			c.Kind = xlsx.Integer
		}
		if !el.AllowNegative {
			c.Min = &zero
		}
		cols = append(cols, c)
	}
	return cols
}

// cellValue is how a stored value is written to a cell: 是/否 for yes/no
// elements, the number otherwise (excelize writes floats in their shortest
// exact form, so an export re-imports to the same value).
func cellValue(el *stats.Element, v float64) any {
	if el.ValueType == stats.Bool {
		if v != 0 {
			return "是"
		}
		return "否"
	}
	return v
}

// splitHeader separates "营业收入（万元）" into name and unit; half-width
// brackets are accepted too.
func splitHeader(h string) (name, unit string, hasUnit bool) {
	h = strings.NewReplacer("(", "（", ")", "）", " ", "", "\u3000", "", "\n", "").Replace(strings.TrimSpace(h))
	if i := strings.LastIndex(h, "（"); i > 0 && strings.HasSuffix(h, "）") {
		return h[:i], strings.TrimSuffix(h[i+len("（"):], "）"), true
	}
	return h, "", false
}
