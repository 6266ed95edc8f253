package xlsx

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// maxFormulaCells is how many formula cells a scan records before it gives
// up on the sheet: values must be typed, and one message for the whole sheet
// is clearer than a million.
const maxFormulaCells = 1000

// sheetScan is what a raw pass over a worksheet's XML finds that excelize's
// row iterator does not report: formula cells, merged ranges, the last row.
type sheetScan struct {
	formulas        map[int][]int // row → 0-based columns
	formulaCount    int
	merges          []string
	lastRow         int
	complete        bool // the closing </worksheet> was seen: the part is not truncated
	tooManyFormulas bool
}

// scanSheet streams the worksheet part once, tag by tag, without building a
// DOM; it costs a decompression and a byte scan, far less than the XML
// decode excelize does afterwards.
func (w *Workbook) scanSheet(part string) (*sheetScan, error) {
	rc, err := w.openPart(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	s := &sheetScan{formulas: map[int][]int{}}
	br := bufio.NewReaderSize(rc, 64<<10)
	row, col := 0, -1
	for {
		if _, err := br.ReadSlice('<'); err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			if errors.Is(err, io.EOF) && !s.complete {
				return nil, errors.New("worksheet XML ends before </worksheet>")
			}
			if errors.Is(err, io.EOF) {
				return s, nil
			}
			return nil, err
		} else if err != nil {
			continue
		}
		tag, err := readTag(br)
		if err != nil {
			return nil, err
		}
		if bytes.HasPrefix(tag, []byte("/")) && tagName(tag[1:]) == "worksheet" {
			s.complete = true
		}
		switch name := tagName(tag); name {
		case "row":
			row = attrInt(tag, "r", row+1)
			col = -1
			s.lastRow = max(s.lastRow, row)
			if s.lastRow > w.lim.MaxRows {
				return s, nil
			}
		case "c":
			col++
			if ref := attr(tag, "r"); ref != nil {
				if c, _, err := excelize.CellNameToCoordinates(string(ref)); err == nil {
					col = c - 1
				}
			}
		case "f":
			s.addFormula(row, col)
		case "mergeCell":
			s.merges = append(s.merges, string(attr(tag, "ref")))
		}
	}
}

func (s *sheetScan) addFormula(row, col int) {
	s.formulaCount++
	if s.formulaCount > maxFormulaCells {
		s.tooManyFormulas = true
		return
	}
	s.formulas[row] = append(s.formulas[row], col)
}

// readTag reads up to the closing '>' of a tag (at most 64 KiB kept). The
// common short tag is returned without copying: it is valid until the next
// read, and the scanner is done with it by then.
func readTag(br *bufio.Reader) ([]byte, error) {
	chunk, err := br.ReadSlice('>')
	if err == nil || errors.Is(err, io.EOF) {
		return chunk, nil
	}
	if !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	buf := append([]byte(nil), chunk...)
	for {
		chunk, err := br.ReadSlice('>')
		if len(buf)+len(chunk) <= 64<<10 {
			buf = append(buf, chunk...)
		}
		if err == nil || errors.Is(err, io.EOF) {
			return buf, nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
	}
}

// tagName returns the local name of a start tag ("" for end tags,
// declarations and comments).
func tagName(tag []byte) string {
	if len(tag) == 0 || tag[0] == '/' || tag[0] == '?' || tag[0] == '!' {
		return ""
	}
	end := bytes.IndexAny(tag, " \t\r\n/>")
	if end < 0 {
		end = len(tag)
	}
	name := tag[:end]
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return string(name)
}

// attr returns the value of attribute key in tag, or nil.
func attr(tag []byte, key string) []byte {
	for i := 0; ; {
		j := bytes.Index(tag[i:], []byte(key+`="`))
		if j < 0 {
			return nil
		}
		j += i
		if j > 0 && (tag[j-1] == ' ' || tag[j-1] == '\t' || tag[j-1] == '\n' || tag[j-1] == '\r') {
			v := tag[j+len(key)+2:]
			if k := bytes.IndexByte(v, '"'); k >= 0 {
				return v[:k]
			}
			return nil
		}
		i = j + 1
	}
}

func attrInt(tag []byte, key string, def int) int {
	if v := attr(tag, key); v != nil {
		if n, err := strconv.Atoi(string(v)); err == nil && n > 0 {
			return n
		}
	}
	return def
}

// mergedInRow lists the merged ranges that touch row.
func (s *sheetScan) mergedInRow(row int) []string {
	var out []string
	for _, m := range s.merges {
		from, to, ok := bytes.Cut([]byte(m), []byte(":"))
		if !ok {
			continue
		}
		_, r1, err1 := excelize.CellNameToCoordinates(string(from))
		_, r2, err2 := excelize.CellNameToCoordinates(string(to))
		if err1 == nil && err2 == nil && r1 <= row && row <= r2 {
			out = append(out, m)
		}
	}
	return out
}
