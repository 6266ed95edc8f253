package xlsx

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// SheetReader streams one worksheet with excelize's row iterator, with the
// formula cells and merged ranges found by a raw pre-scan.
type SheetReader struct {
	name string
	rows *excelize.Rows
	scan *sheetScan
	lim  Limits
	num  int
	row  Row
	err  error
	// check is the outcome of the well-formedness check running beside
	// the read; stop ends it early when the reader is closed.
	check <-chan error
	stop  chan struct{}
}

// ReadSheet opens a worksheet for streaming. A sheet with more rows than
// the limit or with more formula cells than can be listed is refused here,
// before its cells are decoded.
func (w *Workbook) ReadSheet(name string) (*SheetReader, error) {
	part, ok := w.parts[name]
	if !ok {
		return nil, &FileError{Sheet: name, Message: "工作簿中没有该工作表"}
	}
	scan, err := w.scanSheet(part)
	if err != nil {
		return nil, &FileError{Sheet: name, Message: "工作表内容损坏或被截断，无法读取", Err: err}
	}
	if scan.lastRow > w.lim.MaxRows {
		return nil, &FileError{Sheet: name, Message: fmt.Sprintf("行数超过上限 %d 行，已停止读取；请拆分文件后分批导入", w.lim.MaxRows)}
	}
	if scan.tooManyFormulas {
		return nil, &FileError{Sheet: name, Message: fmt.Sprintf("工作表含有 %d 个以上公式单元格；数据必须直接填写数值，请复制后「选择性粘贴 → 数值」再导入", maxFormulaCells)}
	}
	rows, err := w.f.Rows(name)
	if err != nil {
		return nil, &FileError{Sheet: name, Message: "无法读取工作表", Err: err}
	}
	stop := make(chan struct{})
	return &SheetReader{name: name, rows: rows, scan: scan, lim: w.lim, check: w.checkSheet(name, part, stop), stop: stop}, nil
}

// Name is the sheet's name.
func (s *SheetReader) Name() string { return s.name }

// MergedInRow lists the merged ranges (e.g. "C1:D1") that touch row.
func (s *SheetReader) MergedInRow(row int) []string { return s.scan.mergedInRow(row) }

// Next reads the next row. The last call (false) waits for the sheet's
// well-formedness check, so a sheet never ends early without an error.
func (s *SheetReader) Next() bool {
	if s.err != nil {
		return false
	}
	if !s.rows.Next() {
		s.end(s.rowsErr(s.rows.Error()))
		return false
	}
	s.num++
	if s.num > s.lim.MaxRows {
		s.err = &FileError{Sheet: s.name, Row: s.num, Message: fmt.Sprintf("行数超过上限 %d 行，已停止读取；请拆分文件后分批导入", s.lim.MaxRows)}
		return false
	}
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		s.end(s.rowsErr(err))
		return false
	}
	if len(cells) > s.lim.MaxColumns {
		s.err = s.lim.tooManyColumns(s.name, s.num, len(cells))
		return false
	}
	for i := range cells {
		cells[i] = strings.TrimSpace(unsafeText(cells[i]))
	}
	s.row = Row{Num: s.num, Cells: cells, Formulas: s.scan.formulas[s.num]}
	return true
}

// end finishes the read: the check's finding (which names the row where
// the XML breaks) wins over the iterator's own error.
func (s *SheetReader) end(readErr error) {
	if s.check != nil {
		checkErr := <-s.check
		s.check = nil
		if checkErr != nil {
			s.err = checkErr
			return
		}
	}
	s.err = readErr
}

// rowsErr turns an iterator error into a message for the user.
func (s *SheetReader) rowsErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, excelize.ErrMaxRows):
		return &FileError{Sheet: s.name, Row: s.num + 1, Message: "行号超过 Excel 的上限 1048576 行，文件不是有效的工作簿", Err: err}
	}
	return &FileError{Sheet: s.name, Row: s.num + 1, Message: "工作表内容损坏或被截断，无法继续读取", Err: err}
}

// IsFormula reports whether the current row's cell at col held a formula.
func (r Row) IsFormula(col int) bool { return slices.Contains(r.Formulas, col) }

func (s *SheetReader) Row() Row   { return s.row }
func (s *SheetReader) Err() error { return s.err }

// Close stops the check if it still runs and closes the iterator.
func (s *SheetReader) Close() error {
	if s.check != nil {
		close(s.stop)
		<-s.check
		s.check = nil
	}
	return s.rows.Close()
}
