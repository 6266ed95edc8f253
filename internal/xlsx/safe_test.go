package xlsx

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWrittenTextCannotBeAFormula: text leaving the platform in a
// workbook that Excel would take for a formula carries the apostrophe in
// the cell, in data rows, headers, notes and text sheets alike; the
// platform's own reader takes it off, so an export re-imports unchanged.
func TestWrittenTextCannotBeAFormula(t *testing.T) {
	hostile := []string{"=cmd|' /C calc'!A0", "+1", "-1+2", "@SUM(A1)", "\t=1"}
	b, err := NewBook("")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.AddTextSheet("说明", [][]string{{hostile[0], hostile[1]}}); err != nil {
		t.Fatal(err)
	}
	cols := make([]Column, len(hostile))
	vals := make([]any, len(hostile))
	for i, h := range hostile {
		cols[i], vals[i] = Column{Header: h}, h
	}
	w, err := b.StartSheet(SheetSpec{Name: "数据", Columns: cols, Note: hostile[2]})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRow(append(vals, -5.0), false); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, cell := range []struct{ sheet, ref, want string }{
		{"说明", "A1", "'" + hostile[0]}, {"说明", "B1", "'" + hostile[1]},
		{"数据", "A1", "'" + hostile[2]}, {"数据", "A2", "'" + hostile[0]}, {"数据", "D3", "'" + hostile[3]}, {"数据", "F3", "-5"},
	} {
		if got, _ := f.GetCellValue(cell.sheet, cell.ref, excelize.Options{RawCellValue: true}); got != cell.want {
			t.Errorf("%s!%s = %q, want %q", cell.sheet, cell.ref, got, cell.want)
		}
	}
	wb, err := OpenWorkbook(buf.Bytes(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	sr, err := wb.ReadSheet("数据")
	if err != nil {
		t.Fatal(err)
	}
	defer sr.Close()
	for sr.Next() {
		if r := sr.Row(); r.Num == 3 && (r.Cells[0] != hostile[0] || r.Cells[3] != hostile[3]) {
			t.Errorf("row 3 read back as %q", r.Cells)
		}
	}
	if sr.Err() != nil {
		t.Fatal(sr.Err())
	}
}

// TestWideSheetCostIsLinear: writing a sheet of n columns costs in
// proportion to n. (Column widths and styles set one column at a time made
// excelize rebuild its column list per call: 4,000 columns took 40 s.) The
// allocation count stands in for time, which a test must not measure.
func TestWideSheetCostIsLinear(t *testing.T) {
	allocs := func(n int) float64 {
		return testing.AllocsPerRun(2, func() {
			b, err := NewBook("")
			if err != nil {
				t.Fatal(err)
			}
			cols := make([]Column, n)
			for i := range cols {
				cols[i] = Column{Header: "列"}
			}
			cols[0].Key = true
			w, err := b.StartSheet(SheetSpec{Name: "数据", Columns: cols})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(400), allocs(1600)
	if ratio := large / small; ratio > 6 {
		t.Errorf("4× the columns cost %.1f× the allocations (%.0f → %.0f): not linear", ratio, small, large)
	}
}

// TestLargeSheetsUnpackIntoTempDir: a worksheet over excelize's 16 MiB
// in-memory bound is unpacked into Limits.TempDir (the process's own
// directory, which the server empties of dead processes' files) and the
// file is gone after Close.
func TestLargeSheetsUnpackIntoTempDir(t *testing.T) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("长", 30000) // 90 KB of UTF-8, under Excel's 32,767 characters per cell
	for r := 1; r <= 200; r++ {
		if err := sw.SetRow(cellName(1, r), []any{long}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	wb, err := OpenWorkbook(buf.Bytes(), Limits{TempDir: tmp})
	if err != nil {
		t.Fatal(err)
	}
	if files, _ := os.ReadDir(tmp); len(files) == 0 {
		t.Error("the large sheet was not unpacked into Limits.TempDir")
	}
	wb.Close()
	if files, _ := os.ReadDir(tmp); len(files) != 0 {
		t.Errorf("%d temporary files left after Close", len(files))
	}
}
