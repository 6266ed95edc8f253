package collect

import (
	"context"
	"fmt"

	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/xlsx"
)

// Table is a file import of rows that are not enterprise figures, such as
// a project ledger (项目台账). collect does what every import needs: it
// reads xlsx or CSV within the import limits (the 数据 sheet, else the
// first sheet that is not an auxiliary one), looks for the header in the
// first rows, refuses formulas, keeps every problem with its sheet, row,
// column and cell, runs all of it in one transaction that commits only
// when nothing blocks and it is not a dry run, returns a rejected workbook
// annotated and records the import in the history. The Table maps the
// columns, checks each cell and writes.
type Table interface {
	// Begin settles the dataset code and period recorded in the history
	// (from the request and the file's 填报说明 label/value pairs, meta)
	// and prepares in tx, first in it (locks, then lookups). An
	// apperr.Invalid error is a problem with the whole file.
	Begin(ctx context.Context, tx *store.Tx, req ImportRequest, meta map[string]string, c *Cells) (dataset, period string, err error)
	// Header reports whether r is the header row, mapping its columns and
	// reporting bad titles; false while the header is still to come.
	Header(r xlsx.Row, c *Cells) bool
	// Row checks one data row (cells holding formulas are already reported).
	Row(ctx context.Context, r xlsx.Row, c *Cells) error
	// Finish checks across rows and, unless c.Blocking() or dry, writes.
	Finish(ctx context.Context, tx *store.Tx, c *Cells, dry bool) (stats.SaveResult, error)
	// Guide is the 填报说明 sheet of the annotated copy (nil for none).
	Guide() [][]string
}

// Cells reports problems at cells of the data sheet being imported.
type Cells struct {
	sheet string
	ps    *problems
	res   *ImportResult
}

// Source is what values written by this import are stored with as their
// source: import:ID, the id of its history entry (known once Begin is done).
func (c *Cells) Source() string { return "import:" + itoa64(c.res.ID) }

// Sheet is the data sheet's name.
func (c *Cells) Sheet() string { return c.sheet }

// Error reports a blocking problem at a cell (col −1: the whole row).
func (c *Cells) Error(row, col int, field, msg string) {
	c.add(stats.SeverityError, row, col, field, msg)
}

// Warn reports a problem that does not block.
func (c *Cells) Warn(row, col int, field, msg string) {
	c.add(stats.SeverityWarning, row, col, field, msg)
}

func (c *Cells) add(sev stats.Severity, row, col int, field, msg string) {
	p := Problem{Severity: sev, Sheet: c.sheet, Row: row, Field: field, Message: msg}
	if col >= 0 && row > 0 {
		p.Column, p.Cell = xlsx.ColumnLetter(col), cellRef(col, row)
	}
	c.ps.add(p)
}

// Blocking reports whether an error has been reported.
func (c *Cells) Blocking() bool { return c.ps.blocking() }

// ImportTable imports a file through a Table, with the same history,
// limits, checks, annotation and all-or-nothing write as Import.
func (s *Service) ImportTable(ctx context.Context, req ImportRequest, t Table) (*ImportResult, error) {
	return s.importFile(ctx, req, tableImport{s: s, req: req, t: t})
}

type tableImport struct {
	s   *Service
	req ImportRequest
	t   Table
}

func (ti tableImport) guide(*ImportResult) [][]string { return ti.t.Guide() }

func (ti tableImport) run(ctx context.Context, run *fileRun, res *ImportResult, ps *problems) error {
	c := &Cells{sheet: run.sheet, ps: ps, res: res}
	first := func(tx *store.Tx) error {
		ds, period, err := ti.t.Begin(ctx, tx, ti.req, run.meta, c)
		res.Dataset, res.Period = ds, period
		return err
	}
	return ti.s.importTx(ctx, ti.req, res, ps, first, func(tx *store.Tx) error {
		if err := ti.rows(ctx, run, c, res); err != nil {
			return err
		}
		if res.RowsRead == 0 && !c.Blocking() {
			ps.add(Problem{Severity: stats.SeverityError, Sheet: run.sheet, Message: "文件中没有数据行"})
		}
		var err error
		res.SaveResult, err = ti.t.Finish(ctx, tx, c, ti.req.DryRun)
		return err
	})
}

// rows finds the header and passes every non-empty row after it to the table.
func (ti tableImport) rows(ctx context.Context, run *fileRun, c *Cells, res *ImportResult) error {
	found := false
	for run.rows.Next() {
		r := run.rows.Row()
		if r.Empty() {
			continue
		}
		if !found {
			if found = ti.t.Header(r, c); found {
				run.headerRow = r.Num
			} else if r.Num >= headerSearchRows {
				c.Error(r.Num, -1, "", fmt.Sprintf("前 %d 行中找不到表头；请使用下载的模板", headerSearchRows))
				return nil
			}
			continue
		}
		res.RowsRead++
		for _, col := range r.Formulas {
			c.Error(r.Num, col, "", formulaMessage)
		}
		if err := ti.t.Row(ctx, r, c); err != nil {
			return err
		}
	}
	if err := run.rows.Err(); err != nil && !fileProblem(err, c.ps) {
		return err
	}
	return nil
}

// ParseNumber reads a numeric cell as the statistics import does: empty is
// not reported (ok false, no message); otherwise the message says in
// Chinese why the text is not a number of unit (or an integer).
func ParseNumber(text, unit string, integer bool) (v float64, ok bool, msg string) {
	vt := stats.Number
	if integer {
		vt = stats.Integer
	}
	return parseValue(&stats.Element{Unit: unit, ValueType: vt}, text)
}

// GuideLabels are the 填报说明 labels an import reads back: the dataset
// code and the period.
const (
	GuideDataset = labelDS
	GuidePeriod  = labelPeriod
	GuideSheet   = sheetGuide
	DataSheet    = sheetData
	ErrorsColumn = headErrors
)

// SplitHeader separates a column title like 营业收入（万元） into its name
// and unit, as imports match titles (half-width brackets and spaces too).
func SplitHeader(h string) (name, unit string, hasUnit bool) { return splitHeader(h) }
