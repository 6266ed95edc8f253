package xlsx

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestDetect(t *testing.T) {
	valid, _ := os.ReadFile("testdata/valid.xlsx")
	for _, tc := range []struct {
		name string
		data []byte
		want Format
		err  string
	}{
		{"a.xlsx", valid, XLSX, ""},
		{"a.csv", []byte("a,b\n"), CSV, ""},
		{"a.xlsx", []byte("a,b\n"), "", "内容不是 xlsx 工作簿"},
		{"a.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, "", "旧版 .xls"},
		{"a.csv", nil, "", "文件为空"},
		{"a.pdf", []byte("%PDF"), "", "不支持的文件类型 .pdf"},
	} {
		got, err := Detect(tc.name, tc.data)
		if got != tc.want || (tc.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("Detect(%s) = %q, %v; want %q, error containing %q", tc.name, got, err, tc.want, tc.err)
		}
	}
}

// TestSheetScan checks what the raw pre-scan reports that excelize's row
// iterator does not: formula cells and merged ranges.
func TestSheetScan(t *testing.T) {
	for _, tc := range []struct {
		file     string
		formulas []int // columns of row 2
		merged   string
	}{
		{"valid.xlsx", nil, ""},
		{"formula.xlsx", []int{2}, ""},
		{"merged.xlsx", nil, "A1:B1"},
	} {
		data, _ := os.ReadFile("testdata/" + tc.file)
		wb, err := OpenWorkbook(data, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		sr, err := wb.ReadSheet("数据")
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		var rows []Row
		for sr.Next() {
			rows = append(rows, sr.Row())
		}
		if len(rows) != 2 || rows[1].Cells[0] != "91511722MA00000159" {
			t.Errorf("%s: rows = %+v", tc.file, rows)
		}
		if got := rows[1].Formulas; len(got) != len(tc.formulas) || (len(got) > 0 && got[0] != tc.formulas[0]) {
			t.Errorf("%s: formula columns = %v, want %v", tc.file, got, tc.formulas)
		}
		if got := strings.Join(sr.MergedInRow(1), ","); got != tc.merged {
			t.Errorf("%s: merged in row 1 = %q, want %q", tc.file, got, tc.merged)
		}
		sr.Close()
		wb.Close()
	}
}

func TestTruncatedWorkbook(t *testing.T) {
	data, _ := os.ReadFile("testdata/truncated.xlsx")
	if _, err := OpenWorkbook(data, Limits{}); err == nil || !strings.Contains(err.Error(), "损坏或被截断") {
		t.Errorf("truncated workbook: %v", err)
	}
}

// TestCSVUndecodableBytes: GB18030 decoding replaces bytes it cannot
// decode with U+FFFD and reports nothing; the reader refuses the row.
func TestCSVUndecodableBytes(t *testing.T) {
	head, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("统一社会信用代码,营业收入\n91511722MA00000159,1"))
	data := append(head, 0xFF, '\n')
	r, err := OpenCSV(bytes.NewReader(data), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r.Next() {
		n++
	}
	var fe *FileError
	if !errors.As(r.Err(), &fe) || fe.Row != 2 || !strings.Contains(fe.Message, "无法按 GB18030 解码") {
		t.Errorf("read %d rows, error %v; want row 2 refused as undecodable", n, r.Err())
	}
}
