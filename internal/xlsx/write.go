package xlsx

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Kind is what a column holds; it decides the cell style and the data
// validation Excel applies while the user types.
type Kind int

const (
	Text Kind = iota
	Number
	Integer
	Bool // 是 / 否
)

// Column describes one column of a written sheet.
type Column struct {
	Header string
	Width  float64
	Kind   Kind
	// Key columns (USCC, name) stay locked when the sheet is protected; the
	// others are unlocked for typing.
	Key bool
	// Min and Max bound numbers in Excel's own validation; nil means open.
	Min, Max *float64
}

// SheetSpec describes a data sheet: its columns, whether it is protected
// (key columns locked, value columns open) and whether typing is validated.
type SheetSpec struct {
	Name     string
	Columns  []Column
	Protect  bool
	Validate bool
	// Note is a one-line caption in the row above the header; empty means
	// the header is row 1.
	Note string
}

// Book is a workbook being written sheet by sheet with excelize's stream
// writer, so that an export of any size is written in bounded memory.
type Book struct {
	f      *excelize.File
	first  bool
	styles styles
}

type styles struct{ header, key, value, bad, badKey, note int }

// NewBook starts an empty workbook; sheets larger than 16 MiB spill to
// temporary files in tmpDir ("" = the system's).
func NewBook(tmpDir string) (*Book, error) {
	f := excelize.NewFile(excelize.Options{TmpDir: tmpDir})
	b := &Book{f: f, first: true}
	var err error
	mk := func(s *excelize.Style) int {
		id, e := f.NewStyle(s)
		if e != nil {
			err = e
		}
		return id
	}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	red := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}
	unlocked := &excelize.Protection{Locked: false}
	b.styles = styles{
		header: mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: grey, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}),
		key:    mk(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, NumFmt: 49}),
		value:  mk(&excelize.Style{Protection: unlocked}),
		bad:    mk(&excelize.Style{Fill: red, Protection: unlocked}),
		badKey: mk(&excelize.Style{Fill: red, NumFmt: 49}),
		note:   mk(&excelize.Style{Font: &excelize.Font{Color: "595959", Italic: true}}),
	}
	if err != nil {
		return nil, fmt.Errorf("creating workbook styles: %w", err)
	}
	return b, nil
}

// addSheet creates a sheet; the first one replaces excelize's "Sheet1".
func (b *Book) addSheet(name string) error {
	if b.first {
		b.first = false
		return b.f.SetSheetName("Sheet1", name)
	}
	_, err := b.f.NewSheet(name)
	return err
}

// AddTextSheet writes a small sheet of text rows (instructions, metadata);
// the first column is bold.
func (b *Book) AddTextSheet(name string, rows [][]string, widths ...float64) error {
	if err := b.addSheet(name); err != nil {
		return fmt.Errorf("adding sheet %s: %w", name, err)
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(name, col, col, w); err != nil {
			return err
		}
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := b.f.SetCellStr(name, cell, SafeText(v)); err != nil {
				return fmt.Errorf("writing %s!%s: %w", name, cell, err)
			}
		}
	}
	return nil
}

// WriteTo writes the finished workbook.
func (b *Book) WriteTo(w io.Writer) (int64, error) {
	defer b.f.Close()
	return b.f.WriteTo(w)
}
