package collect

import (
	"strconv"
	"strings"

	"mfgplan/internal/stats"
	"mfgplan/internal/xlsx"
)

// colKind is what a file column holds.
type colKind int

const (
	colUnknown colKind = iota // no header: must stay empty
	colIgnored                // 错误信息 of an annotated workbook
	colUSCC
	colName
	colPeriod
	colElement
)

type column struct {
	kind colKind
	el   *stats.Element
}

// mapping says what each column of the data sheet holds.
type mapping struct {
	headerRow int // 0 when the file has no header row (positional)
	cols      []column
	uscc      int
	name      int
	period    int
	byCode    map[string]int // element code → column index
}

func (m *mapping) col(i int) column {
	if i < len(m.cols) {
		return m.cols[i]
	}
	return column{}
}

// looksLikeHeader reports whether a row holds the USCC column title.
func looksLikeHeader(r xlsx.Row) bool {
	for _, c := range r.Cells {
		if name, _, _ := splitHeader(c); name == headUSCC {
			return true
		}
	}
	return false
}

// positional maps columns by the template's order: USCC, name, elements.
func positional(l layout) *mapping {
	m := &mapping{uscc: 0, name: 1, period: -1, byCode: map[string]int{}}
	m.cols = []column{{kind: colUSCC}, {kind: colName}}
	for i, el := range l.elems {
		m.cols = append(m.cols, column{kind: colElement, el: el})
		m.byCode[el.Code] = i + 2
	}
	return m
}

// mapHeader matches the header row's titles to the layout by name (with or
// without the unit suffix) or element code; a unit other than the catalog's,
// a duplicate, an element of another dataset or an unknown title is an error
// at the header cell. Elements without a column are reported as warnings.
func (s *Service) mapHeader(l layout, r xlsx.Row, sheet string, ps *problems) *mapping {
	m := &mapping{headerRow: r.Num, uscc: -1, name: -1, period: -1, byCode: map[string]int{}}
	at := func(i int, field, msg string) {
		ps.add(Problem{Severity: stats.SeverityError, Sheet: sheet, Row: r.Num, Column: xlsx.ColumnLetter(i), Cell: cellRef(i, r.Num), Field: field, Message: msg})
	}
	for i, text := range r.Cells {
		c := s.headerColumn(l, text, func(field, msg string) { at(i, field, msg) })
		switch {
		case c.kind == colUSCC && m.uscc < 0:
			m.uscc = i
		case c.kind == colName && m.name < 0:
			m.name = i
		case c.kind == colPeriod && m.period < 0:
			m.period = i
		case c.kind == colElement && m.byCode[c.el.Code] == 0:
			m.byCode[c.el.Code] = i
		case c.kind == colUSCC || c.kind == colName || c.kind == colPeriod || c.kind == colElement:
			at(i, strings.TrimSpace(text), "列标题重复：同一指标只能有一列")
			c = column{kind: colIgnored}
		}
		m.cols = append(m.cols, c)
	}
	if m.uscc < 0 {
		at(0, headUSCC, "表头中没有「统一社会信用代码」列")
	}
	var missing []string
	for _, el := range l.elems {
		if _, ok := m.byCode[el.Code]; !ok {
			missing = append(missing, header(el))
		}
	}
	if len(missing) > 0 {
		ps.add(Problem{Severity: stats.SeverityWarning, Sheet: sheet, Row: r.Num, Message: "文件中没有以下列，这些指标本次不导入：" + strings.Join(missing, "、")})
	}
	return m
}

// headerColumn interprets one header title; bad reports a problem with it.
func (s *Service) headerColumn(l layout, text string, bad func(field, msg string)) column {
	name, unit, hasUnit := splitHeader(text)
	switch name {
	case "":
		return column{kind: colUnknown}
	case headUSCC:
		return column{kind: colUSCC}
	case headName:
		return column{kind: colName}
	case headPeriod:
		return column{kind: colPeriod}
	case headErrors:
		return column{kind: colIgnored}
	}
	for _, el := range l.elems {
		if name != el.Name && !strings.EqualFold(name, el.Code) {
			continue
		}
		if hasUnit && unit != el.Unit {
			bad(el.Name, "列标题的单位「"+unit+"」与指标目录的单位「"+el.Unit+"」不一致；请按「"+el.Unit+"」换算后填写，并使用模板的列标题")
			return column{kind: colIgnored}
		}
		return column{kind: colElement, el: el}
	}
	for _, el := range s.cat.Elements {
		if name == el.Name || strings.EqualFold(name, el.Code) {
			bad(el.Name, "「"+el.Name+"」不属于数据集「"+l.ds.Name+"」，请使用该数据集的模板")
			return column{kind: colIgnored}
		}
	}
	bad(strings.TrimSpace(text), "无法识别的列标题「"+clip(strings.TrimSpace(text))+"」；请使用模板的列标题")
	return column{kind: colIgnored}
}

func cellRef(col, row int) string {
	return xlsx.ColumnLetter(col) + strconv.Itoa(row)
}
