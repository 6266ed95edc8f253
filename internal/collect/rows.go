package collect

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"mfgplan/internal/access"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/xlsx"
)

// batchRows is how many rows are checked against the stored previous
// periods and saved together: large enough to amortise the queries, small
// enough that memory does not grow with the file.
const batchRows = 1000

// headerSearchRows is how far down a title may push the header row.
const headerSearchRows = 10

// fileImport is the state of one file's rows being read.
type fileImport struct {
	s        *Service
	run      *fileRun
	lay      layout
	period   stats.Period
	ps       *problems
	dir      *directory
	m        *mapping
	seen     map[string]int // USCC → row where it first appeared
	noHeader map[int]bool   // columns without a title already reported
	batch    []record
	saved    stats.SaveResult
	rowsRead int
	source   string
	abort    bool // no header found: the rows cannot be read meaningfully
}

// readAll streams every row: header first, then data in batches.
func (fi *fileImport) readAll(ctx context.Context, tx *store.Tx) error {
	rows := fi.run.rows
	for rows.Next() && !fi.abort {
		r := rows.Row()
		if r.Empty() {
			continue
		}
		if fi.m == nil {
			if !fi.header(r) {
				continue
			}
			fi.run.headerRow = fi.m.headerRow
			if fi.m.headerRow == r.Num {
				continue
			}
		}
		fi.row(r)
		if len(fi.batch) >= batchRows {
			if err := fi.flush(ctx, tx); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil && !fileProblem(err, fi.ps) {
		return err
	}
	if err := fi.flush(ctx, tx); err != nil {
		return err
	}
	return fi.finish(ctx, tx)
}

// header decides the column mapping from the first non-empty rows: a row
// with the USCC title is the header; a first row that starts with an
// 18-character code means the file has no header and columns follow the
// template's order. It returns false while still looking.
func (fi *fileImport) header(r xlsx.Row) bool {
	merged := fi.run.merged(r.Num)
	switch {
	case looksLikeHeader(r) && len(merged) > 0:
		for _, rg := range merged {
			fi.ps.add(Problem{Severity: stats.SeverityError, Sheet: fi.run.sheet, Row: r.Num, Cell: rg, Message: "表头单元格 " + rg + " 为合并单元格；请取消合并，每列一个标题"})
		}
		fi.m = fi.s.mapHeader(fi.lay, r, fi.run.sheet, fi.ps)
	case looksLikeHeader(r):
		fi.m = fi.s.mapHeader(fi.lay, r, fi.run.sheet, fi.ps)
	case len(r.Cells) > 0 && len(normUSCC(r.Cells[0])) == 18:
		fi.m = positional(fi.lay)
	case r.Num >= headerSearchRows:
		fi.ps.add(Problem{Severity: stats.SeverityError, Sheet: fi.run.sheet, Row: r.Num, Message: fmt.Sprintf("前 %d 行中找不到表头（应有「%s」列）；请使用模板", headerSearchRows, headUSCC)})
		fi.m, fi.abort = positional(fi.lay), true
	default:
		return false
	}
	return true
}

// at locates a problem at a cell of row r.
func (fi *fileImport) at(r xlsx.Row, col int, field string) Problem {
	return Problem{Severity: stats.SeverityError, Sheet: fi.run.sheet, Row: r.Num, Column: xlsx.ColumnLetter(col), Cell: cellRef(col, r.Num), Field: field}
}

func (fi *fileImport) fail(r xlsx.Row, col int, field, msg string) {
	p := fi.at(r, col, field)
	p.Message = msg
	fi.ps.add(p)
}

// row checks one data row: formulas, the enterprise, then every value.
func (fi *fileImport) row(r xlsx.Row) {
	fi.rowsRead++
	for _, c := range r.Formulas {
		fi.fail(r, c, fi.fieldOf(c), formulaMessage)
	}
	ent := fi.enterprise(r)
	if ent == nil {
		return
	}
	rec := record{ent: ent, period: fi.period, values: make(map[string]float64, len(fi.lay.elems))}
	for i, text := range r.Cells {
		c := fi.m.col(i)
		switch {
		case c.kind == colUnknown && text != "":
			fi.untitled(r, i)
		case c.kind == colPeriod && text != "" && text != fi.period.ID():
			fi.fail(r, i, headPeriod, "报告期「"+clip(text)+"」与文件的报告期 "+fi.period.ID()+" 不一致")
		case c.kind != colElement || r.IsFormula(i):
		default:
			v, ok, msg := parseValue(c.el, text)
			if msg != "" {
				fi.fail(r, i, c.el.Name, msg)
			} else if ok {
				rec.values[c.el.Code] = v
			}
		}
	}
	num := r.Num
	rec.locate = func(code string) Problem {
		col := fi.m.byCode[code]
		return fi.at(xlsx.Row{Num: num}, col, fi.s.cat.Element(code).Name)
	}
	fi.batch = append(fi.batch, rec)
}

// enterprise resolves the row's USCC and checks the name; nil means the row
// cannot be used and the reason was reported.
func (fi *fileImport) enterprise(r xlsx.Row) *enterprise {
	col := fi.m.uscc
	if col < 0 {
		return nil
	}
	uscc := ""
	if col < len(r.Cells) {
		uscc = normUSCC(r.Cells[col])
	}
	if uscc == "" {
		fi.fail(r, col, headUSCC, "统一社会信用代码为空")
		return nil
	}
	if err := registry.CheckUSCC(uscc); err != nil {
		fi.fail(r, col, headUSCC, err.Error())
		return nil
	}
	ent, why := fi.dir.lookup(fi.dir.byUSCC[uscc], "统一社会信用代码 "+uscc)
	if ent == nil {
		fi.fail(r, col, headUSCC, why)
		return nil
	}
	if first, dup := fi.seen[uscc]; dup {
		fi.fail(r, col, headUSCC, "与第"+strconv.Itoa(first)+"行重复：同一企业在文件中出现两次")
		return nil
	}
	fi.seen[uscc] = r.Num
	if n := fi.m.name; n >= 0 && n < len(r.Cells) && r.Cells[n] != "" && !sameName(r.Cells[n], ent.name) {
		fi.fail(r, n, headName, "企业名称与企业名录不一致：文件中为「"+clip(r.Cells[n])+"」，名录中为「"+ent.name+"」")
	}
	return ent
}

// touched lists the enterprises the file's rows named, in row order.
func (fi *fileImport) touched() []int64 {
	rows := make([]string, 0, len(fi.seen))
	for uscc := range fi.seen {
		rows = append(rows, uscc)
	}
	slices.SortFunc(rows, func(a, b string) int { return fi.seen[a] - fi.seen[b] })
	ids := make([]int64, len(rows))
	for i, uscc := range rows {
		ids[i] = fi.dir.byUSCC[uscc].id
	}
	return ids
}

// untitled reports data in a column without a title, once per column.
func (fi *fileImport) untitled(r xlsx.Row, col int) {
	if fi.noHeader == nil {
		fi.noHeader = map[int]bool{}
	}
	if fi.noHeader[col] {
		return
	}
	fi.noHeader[col] = true
	fi.fail(r, col, "", "该列没有列标题却填有数据；请删除该列或使用模板的列标题")
}

func (fi *fileImport) fieldOf(col int) string {
	switch c := fi.m.col(col); {
	case c.kind == colElement:
		return c.el.Name
	case col == fi.m.uscc:
		return headUSCC
	}
	return ""
}

// flush applies the rules to the batch and saves it unless something
// already blocks the file (then the transaction will roll back anyway).
func (fi *fileImport) flush(ctx context.Context, tx *store.Tx) error {
	if len(fi.batch) == 0 {
		return nil
	}
	if err := fi.s.checkRecords(ctx, tx, fi.batch, fi.lay.ds.Elements, fi.ps); err != nil {
		return err
	}
	if !fi.ps.blocking() {
		res, err := saveRecords(ctx, tx, fi.s.cat, fi.batch, fi.lay.ds.Elements, fi.source)
		if err != nil {
			return err
		}
		addResult(&fi.saved, res)
	}
	fi.batch = fi.batch[:0]
	return nil
}

// finish reports an empty file and the 规上 enterprises in scope that the
// file leaves out.
func (fi *fileImport) finish(ctx context.Context, tx *store.Tx) error {
	if fi.rowsRead == 0 && !fi.abort {
		fi.ps.add(Problem{Severity: stats.SeverityError, Sheet: fi.run.sheet, Message: "文件中没有数据行"})
		return nil
	}
	return fi.s.missingAboveScale(ctx, tx, fi.period, fi.seen, func(p Problem) {
		p.Sheet = fi.run.sheet
		fi.ps.add(p)
	})
}

// missingAboveScale warns about each enterprise in the caller's enter scope
// that is 规上 in the period's year and absent from seen (by USCC).
func (s *Service) missingAboveScale(ctx context.Context, q store.Querier, p stats.Period, seen map[string]int, report func(Problem)) error {
	rules := s.rules.Of(stats.RuleAboveScaleMissing)
	if len(rules) == 0 {
		return nil
	}
	filter, args := access.From(ctx).Enter.EnterpriseFilter("e")
	rows, err := q.Query(ctx, `SELECT e.uscc, e.name FROM enterprise_years y JOIN enterprises e ON e.id = y.enterprise_id
		WHERE y.year = ? AND y.above_scale = ? AND `+filter+` ORDER BY e.uscc`, append([]any{p.Year, true}, args...)...)
	if err != nil {
		return must(err, "reading 规上 enterprises")
	}
	defer rows.Close()
	for rows.Next() {
		var uscc, name string
		if err := rows.Scan(&uscc, &name); err != nil {
			return must(err, "reading 规上 enterprises")
		}
		if _, ok := seen[uscc]; !ok {
			for _, r := range rules {
				report(Problem{Severity: r.Severity, Rule: r.Code, USCC: uscc, Field: name, Message: r.Message + "（" + uscc + " " + name + "，" + p.Label() + "）"})
			}
		}
	}
	return must(rows.Err(), "reading 规上 enterprises")
}

func itoa(n int) string     { return strconv.Itoa(n) }
func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
