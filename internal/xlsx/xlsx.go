// Package xlsx reads and writes the spreadsheets people exchange with the
// bureau: streaming readers for xlsx (excelize's row iterator) and CSV
// (UTF-8 or GB18030), and streaming writers for templates, exports and
// annotated workbooks. It knows cells and sheets, not data elements; the
// collect package gives the cells their meaning.
package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Limits bound what a reader accepts, so that a zip bomb or a sheet with
// millions of rows is refused with a clear error instead of exhausting
// memory or time.
type Limits struct {
	// MaxRows is the most rows a sheet or CSV file may have, header included.
	MaxRows int
	// MaxUnzipBytes caps the total uncompressed size of an xlsx package.
	MaxUnzipBytes int64
	// MaxColumns is the most columns a row may have: a dataset has a few
	// dozen elements, and every column costs work in each row and in the
	// annotated workbook, so thousands of columns are refused, not read.
	MaxColumns int
	// TempDir is where excelize unpacks worksheets larger than 16 MiB and
	// spills large written sheets; empty means the system's. The server
	// gives each process its own directory under the data directory and
	// empties what dead processes left there (cli.scratchDir).
	TempDir string
}

// DefaultLimits are Excel's own row limit (1,048,576 rows per sheet), 256
// MiB uncompressed (a 20,000-enterprise × 30-element month is 24 MB
// unzipped; the bound is also what one import may write to TempDir) and
// 512 columns (the catalog's largest dataset has well under 100 elements).
var DefaultLimits = Limits{MaxRows: 1 << 20, MaxUnzipBytes: 256 << 20, MaxColumns: 512}

// orDefault fills unset limits with the defaults.
func (l Limits) orDefault() Limits {
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultLimits.MaxRows
	}
	if l.MaxUnzipBytes <= 0 {
		l.MaxUnzipBytes = DefaultLimits.MaxUnzipBytes
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = DefaultLimits.MaxColumns
	}
	return l
}

// FileError is a problem with a whole file or sheet (not one cell): it is
// unreadable, too big, truncated, of the wrong kind. Message is Chinese.
type FileError struct {
	Sheet   string
	Row     int // 0 when the problem is not at a row
	Message string
	Err     error
}

func (e *FileError) Error() string {
	where := ""
	if e.Sheet != "" {
		where = "工作表「" + e.Sheet + "」"
	}
	if e.Row > 0 {
		where += fmt.Sprintf("第%d行", e.Row)
	}
	if where != "" {
		where += "："
	}
	return where + e.Message
}

func (e *FileError) Unwrap() error { return e.Err }

// Row is one row as read: its 1-based number in the sheet, the text of its
// cells (raw values, without number formatting) and which cells held a
// formula (0-based column indexes).
type Row struct {
	Num      int
	Cells    []string
	Formulas []int
}

// Empty reports whether every cell of the row is blank.
func (r Row) Empty() bool {
	for _, c := range r.Cells {
		if c != "" {
			return false
		}
	}
	return true
}

// RowReader streams the rows of one sheet or CSV file. Next returns false at
// the end or on an error, which Err then returns (a *FileError for problems
// with the file).
type RowReader interface {
	Next() bool
	Row() Row
	Err() error
	Close() error
}

// tooManyColumns is the error for a row wider than the limit.
func (l Limits) tooManyColumns(sheet string, row, n int) error {
	return &FileError{Sheet: sheet, Row: row, Message: fmt.Sprintf("该行有 %d 列，超过 %d 列的上限，已停止读取；请删除多余的列（模板每个指标一列）", n, l.MaxColumns)}
}

// ColumnLetter is the letter name of a 0-based column index (0 → A).
func ColumnLetter(col int) string {
	name, err := excelize.ColumnNumberToName(col + 1)
	if err != nil {
		return fmt.Sprintf("第%d列", col+1)
	}
	return name
}
