package xlsx

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// CSVSheet is the sheet name used in messages about CSV files.
const CSVSheet = "CSV"

// sniffSize is how much of a CSV file decides its encoding.
const sniffSize = 64 << 10

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// csvReader streams a CSV file as rows.
type csvReader struct {
	r    *csv.Reader
	lim  Limits
	row  Row
	err  error
	line int
	// decoded is set for GB18030 input, whose decoder turns bytes it
	// cannot decode into U+FFFD without an error.
	decoded bool
}

// OpenCSV reads CSV from r. The encoding is detected from the first 64 KiB:
// a UTF-8 byte-order mark or valid UTF-8 means UTF-8, anything else is
// decoded as GB18030 (which covers GBK and GB2312, what Chinese Excel saves
// by default). A file that holds NUL bytes is binary and refused.
func OpenCSV(r io.Reader, lim Limits) (RowReader, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, &FileError{Sheet: CSVSheet, Message: "读取文件失败", Err: err}
	}
	if len(head) == 0 {
		return nil, &FileError{Sheet: CSVSheet, Message: "文件为空"}
	}
	var src io.Reader = br
	decoded := false
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		br.Discard(len(utf8BOM))
	case validUTF8Prefix(head, len(head) == sniffSize):
	default:
		src, decoded = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), true
	}
	cr := csv.NewReader(src)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvReader{r: cr, lim: lim.orDefault(), decoded: decoded}, nil
}

// validUTF8Prefix reports whether b is UTF-8, allowing a rune cut at the end
// when b is only the beginning of the file.
func validUTF8Prefix(b []byte, truncated bool) bool {
	if truncated {
		for i := 0; i < utf8.UTFMax && len(b) > 0 && !utf8.Valid(b); i++ {
			b = b[:len(b)-1]
		}
	}
	return utf8.Valid(b)
}

func (c *csvReader) Next() bool {
	if c.err != nil {
		return false
	}
	rec, err := c.r.Read()
	if errors.Is(err, io.EOF) {
		return false
	}
	c.line++
	if err != nil {
		c.err = csvError(err, c.line)
		return false
	}
	if c.line > c.lim.MaxRows {
		c.err = &FileError{Sheet: CSVSheet, Row: c.line, Message: fmt.Sprintf("行数超过上限 %d 行，已停止读取；请拆分文件后分批导入", c.lim.MaxRows)}
		return false
	}
	line, _ := c.r.FieldPos(0)
	if len(rec) > c.lim.MaxColumns {
		c.err = c.lim.tooManyColumns(CSVSheet, line, len(rec))
		return false
	}
	c.row = Row{Num: line, Cells: c.row.Cells[:0]}
	for i, f := range rec {
		if !utf8.ValidString(f) || strings.IndexByte(f, 0) >= 0 {
			c.err = &FileError{Sheet: CSVSheet, Row: line, Message: fmt.Sprintf("第%d列含有无效字符或二进制内容（CSV 文件应为 UTF-8 或 GB18030 编码的文本）", i+1)}
			return false
		}
		if c.decoded && strings.ContainsRune(f, utf8.RuneError) {
			c.err = &FileError{Sheet: CSVSheet, Row: line, Message: fmt.Sprintf("第%d列含有无法按 GB18030 解码的字节（文件已损坏，或既不是 UTF-8 也不是 GB18030 编码）；整个文件未导入", i+1)}
			return false
		}
		c.row.Cells = append(c.row.Cells, unsafeText(f))
	}
	return true
}

// csvError turns a parse error into a message naming the line.
func csvError(err error, line int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		reason := "格式错误"
		switch {
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			reason = "引号不配对（文件可能被截断或引号未转义）"
		}
		return &FileError{Sheet: CSVSheet, Row: pe.Line, Message: fmt.Sprintf("第%d列 CSV %s", pe.Column, reason), Err: err}
	}
	return &FileError{Sheet: CSVSheet, Row: line, Message: "读取 CSV 失败", Err: err}
}

// Row returns the current row; its Cells are reused by the next call to Next.
func (c *csvReader) Row() Row     { return c.row }
func (c *csvReader) Err() error   { return c.err }
func (c *csvReader) Close() error { return nil }
