package collect

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"

	"mfgplan/internal/xlsx"
)

// annotate writes the annotated workbook of a rejected file: the data sheet
// as read, from its header down, with an 错误信息 column and every failing
// row filled red, the 填报说明 sheet (so the corrected workbook imports as
// it is) and an 错误清单 sheet listing the problems. It re-reads the file
// as a stream, so it costs no more memory than the import did.
func (s *Service) annotate(data []byte, format xlsx.Format, headerRow int, guide [][]string, ps *problems) ([]byte, error) {
	run, err := s.open(data, format)
	if err != nil {
		return nil, err
	}
	defer run.close()
	book, err := xlsx.NewBook(s.lim.TempDir)
	if err != nil {
		return nil, err
	}
	if guide != nil {
		if err := book.AddTextSheet(sheetGuide, guide, 18, 80); err != nil {
			return nil, err
		}
	}
	if err := s.annotatedData(book, run, headerRow, ps); err != nil {
		return nil, err
	}
	if err := book.AddTextSheet(sheetIssues, issueRows(ps), 8, 14, 10, 24, 90); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := book.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// annotatedData copies the data sheet from its header row down, dropping an
// earlier 错误信息 column and adding the new one.
func (s *Service) annotatedData(book *xlsx.Book, run *fileRun, headerRow int, ps *problems) error {
	var w *xlsx.SheetWriter
	skip := -1
	vals := []any{}
	for run.rows.Next() {
		r := run.rows.Row()
		if r.Num < headerRow || (r.Empty() && ps.byRow[r.Num] == nil) {
			continue
		}
		if w == nil {
			var cols []xlsx.Column
			if headerRow == 0 {
				r = xlsx.Row{}
			}
			for i, h := range r.Cells {
				if strings.TrimSpace(h) == headErrors {
					skip = i
					continue
				}
				cols = append(cols, xlsx.Column{Header: h, Width: 16})
			}
			cols = append(cols, xlsx.Column{Header: headErrors, Width: 60})
			var err error
			if w, err = book.StartSheet(xlsx.SheetSpec{Name: run.sheet, Columns: cols}); err != nil {
				return err
			}
			if headerRow > 0 {
				continue
			}
		}
		vals = vals[:0]
		for i, c := range r.Cells {
			if i != skip {
				vals = append(vals, cellAny(c))
			}
		}
		note := ps.byRow[r.Num]
		if note == nil {
			note = &rowNote{}
		}
		for len(vals) < len(w.Columns())-1 {
			vals = append(vals, nil)
		}
		vals = append(vals, strings.Join(note.msgs, "；"))
		if err := w.WriteRow(vals, note.bad); err != nil {
			return err
		}
	}
	if w == nil {
		return nil
	}
	return w.Close()
}

// cellAny keeps plain decimal numbers numeric in the copy; anything else
// (USCCs, text, "NaN", hex) stays text exactly as it was read.
func cellAny(text string) any {
	if text == "" {
		return nil
	}
	if strings.Trim(text, "0123456789.-+eE") == "" {
		if f, err := strconv.ParseFloat(text, 64); err == nil {
			return f
		}
	}
	return text
}

// issueRows lists the problems for the 错误清单 sheet.
func issueRows(ps *problems) [][]string {
	rows := [][]string{{"级别", "位置", "行", "字段", "原因"}}
	for _, p := range ps.list {
		row := ""
		if p.Row > 0 {
			row = strconv.Itoa(p.Row)
		}
		rows = append(rows, []string{p.Severity.Label(), p.Sheet + "!" + p.Cell, row, p.Field, p.Message})
	}
	if n := ps.errors + ps.warnings; n > len(ps.list) {
		rows = append(rows, []string{"", "", "", "", "另有 " + strconv.Itoa(n-len(ps.list)) + " 条未列出"})
	}
	return rows
}

// annotatedName is the download name of an annotated workbook.
func annotatedName(fileName string) string {
	return strings.TrimSuffix(fileName, filepath.Ext(fileName)) + ".xlsx"
}
