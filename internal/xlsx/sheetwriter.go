package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// SheetWriter streams the rows of one data sheet.
type SheetWriter struct {
	b    *Book
	spec SheetSpec
	sw   *excelize.StreamWriter
	row  int
	buf  []any
}

// StartSheet adds a data sheet and writes its header. Protection and data
// validation are set on the empty sheet first: the stream writer carries
// them into the sheet it writes.
func (b *Book) StartSheet(spec SheetSpec) (*SheetWriter, error) {
	if err := b.addSheet(spec.Name); err != nil {
		return nil, fmt.Errorf("adding sheet %s: %w", spec.Name, err)
	}
	first := 2
	if spec.Note != "" {
		first = 3
	}
	if spec.Validate {
		if err := b.addValidations(spec, first); err != nil {
			return nil, err
		}
	}
	if spec.Protect {
		opts := &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true}
		if err := b.f.ProtectSheet(spec.Name, opts); err != nil {
			return nil, fmt.Errorf("protecting sheet %s: %w", spec.Name, err)
		}
	}
	sw, err := b.f.NewStreamWriter(spec.Name)
	if err != nil {
		return nil, fmt.Errorf("writing sheet %s: %w", spec.Name, err)
	}
	w := &SheetWriter{b: b, spec: spec, sw: sw}
	if err := w.header(); err != nil {
		return nil, err
	}
	return w, nil
}

// header sets column widths and styles and writes the note and header rows.
// Columns are set in runs of equal width and style: excelize rebuilds its
// column list on every call, so one call per column would cost the square
// of the number of columns.
func (w *SheetWriter) header() error {
	for _, run := range w.columnRuns() {
		if err := w.sw.SetColWidth(run.from, run.to, run.width); err != nil {
			return err
		}
		if err := w.sw.SetColStyle(run.from, run.to, run.style); err != nil {
			return err
		}
	}
	headerRow := 1
	if w.spec.Note != "" {
		headerRow = 2
	}
	if err := w.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: headerRow, TopLeftCell: cellName(3, headerRow+1), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if w.spec.Note != "" {
		w.row++
		if err := w.sw.SetRow("A1", []any{excelize.Cell{Value: SafeText(w.spec.Note), StyleID: w.b.styles.note}}); err != nil {
			return err
		}
	}
	cells := make([]any, len(w.spec.Columns))
	for i, c := range w.spec.Columns {
		cells[i] = excelize.Cell{Value: SafeText(c.Header), StyleID: w.b.styles.header}
	}
	w.row++
	return w.sw.SetRow(cellName(1, w.row), cells, excelize.RowOpts{Height: 30})
}

// columnRun is a range of columns (1-based, inclusive) sharing a width and a style.
type columnRun struct {
	from, to int
	width    float64
	style    int
}

func (w *SheetWriter) columnRuns() []columnRun {
	var runs []columnRun
	for i, c := range w.spec.Columns {
		width, style := c.Width, w.b.styles.value
		if width == 0 {
			width = 16
		}
		if c.Key {
			style = w.b.styles.key
		}
		if n := len(runs); n > 0 && runs[n-1].width == width && runs[n-1].style == style {
			runs[n-1].to = i + 1
			continue
		}
		runs = append(runs, columnRun{from: i + 1, to: i + 1, width: width, style: style})
	}
	return runs
}

// WriteRow writes one data row: values are nil (blank), strings or numbers.
// A bad row is filled red (the annotated workbook).
func (w *SheetWriter) WriteRow(values []any, bad bool) error {
	w.buf = w.buf[:0]
	for i, v := range values {
		style := w.b.styles.value
		if i < len(w.spec.Columns) && w.spec.Columns[i].Key {
			style = w.b.styles.key
			if bad {
				style = w.b.styles.badKey
			}
		} else if bad {
			style = w.b.styles.bad
		}
		if text, ok := v.(string); ok {
			v = SafeText(text)
		}
		w.buf = append(w.buf, excelize.Cell{Value: v, StyleID: style})
	}
	w.row++
	return w.sw.SetRow(cellName(1, w.row), w.buf)
}

// Close finishes the sheet.
func (w *SheetWriter) Close() error { return w.sw.Flush() }

// addValidations gives bool columns a 是/否 dropdown and number columns a
// range check, from the first data row to Excel's last row.
func (b *Book) addValidations(spec SheetSpec, first int) error {
	for i, c := range spec.Columns {
		if c.Key || c.Kind == Text {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s:%s", cellName(i+1, first), cellName(i+1, excelize.TotalRows))
		var err error
		switch c.Kind {
		case Bool:
			err = dv.SetDropList([]string{"是", "否"})
			dv.SetError(excelize.DataValidationErrorStyleStop, "请选择", "请从下拉列表选择「是」或「否」")
		case Number, Integer:
			err = numberValidation(dv, c)
		}
		if err != nil {
			return fmt.Errorf("validation of column %s: %w", c.Header, err)
		}
		if err := b.f.AddDataValidation(spec.Name, dv); err != nil {
			return fmt.Errorf("validation of column %s: %w", c.Header, err)
		}
	}
	return nil
}

func numberValidation(dv *excelize.DataValidation, c Column) error {
	lo, hi := -1e15, 1e15
	if c.Min != nil {
		lo = *c.Min
	}
	if c.Max != nil {
		hi = *c.Max
	}
	typ, what := excelize.DataValidationTypeDecimal, "数值"
	if c.Kind == Integer {
		typ, what = excelize.DataValidationTypeWhole, "整数"
	}
	if err := dv.SetRange(lo, hi, typ, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "数值不合法", fmt.Sprintf("请填写 %g 到 %g 之间的%s", lo, hi, what))
	return nil
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// Columns are the sheet's columns.
func (w *SheetWriter) Columns() []Column { return w.spec.Columns }
