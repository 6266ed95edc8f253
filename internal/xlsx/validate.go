package xlsx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// errStopped ends a validation the reader no longer waits for.
var errStopped = errors.New("validation stopped")

// xmlChecker walks a part with encoding/xml's tokenizer (the one excelize
// uses) and checks that the part is well formed: excelize's row iterator
// treats the first syntax error as the end of the sheet and its shared
// strings lookups drop bad indexes, so without this pass a sheet broken in
// row 700 would read as a sheet of 699 rows.
type xmlChecker struct {
	dec   *xml.Decoder
	stack []string
	stop  <-chan struct{}
	n     int
}

func newXMLChecker(r io.Reader, stop <-chan struct{}) *xmlChecker {
	return &xmlChecker{dec: xml.NewDecoder(r), stop: stop}
}

// next returns the next token, checking that end tags match their start
// tags (RawToken does not) and that the part does not end inside an
// element; io.EOF means the part ended well formed.
func (c *xmlChecker) next() (xml.Token, error) {
	if c.n++; c.n%4096 == 0 {
		select {
		case <-c.stop:
			return nil, errStopped
		default:
		}
	}
	tok, err := c.dec.RawToken()
	if errors.Is(err, io.EOF) && len(c.stack) > 0 {
		return nil, fmt.Errorf("XML ends inside <%s>", c.stack[len(c.stack)-1])
	}
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case xml.StartElement:
		c.stack = append(c.stack, qname(t.Name))
	case xml.EndElement:
		if len(c.stack) == 0 || c.stack[len(c.stack)-1] != qname(t.Name) {
			return nil, fmt.Errorf("unexpected </%s>", qname(t.Name))
		}
		c.stack = c.stack[:len(c.stack)-1]
	}
	return tok, nil
}

func (c *xmlChecker) depth() int { return len(c.stack) }

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// checkSharedStrings checks the shared strings part and counts its items,
// so that the sheet check can refuse a cell that points past the end.
func (w *Workbook) checkSharedStrings() error {
	rc, name, err := w.openPartFold("xl/sharedStrings.xml")
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	c := newXMLChecker(rc, nil)
	for {
		tok, err := c.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return &FileError{Message: fmt.Sprintf("共享字符串表（%s）内容损坏，第 %d 个字符串附近无法读取；请用 Excel 或 WPS 打开后重新保存", name, w.sharedStrings+1), Err: err}
		}
		if s, ok := tok.(xml.StartElement); ok && s.Name.Local == "si" && c.depth() == 2 {
			w.sharedStrings++
		}
	}
}

// sheetCheck is the state of one worksheet's check.
type sheetCheck struct {
	*xmlChecker
	sharedStrings int
	row           int  // the current or last row's number
	inRow         bool // inside <row>
	sharedCell    bool // inside a cell of type s
	inValue       bool // inside that cell's <v>
	value         strings.Builder
}

// checkSheet validates a worksheet part in its own goroutine and sends the
// outcome: nil, or a *FileError naming the row where the part breaks.
func (w *Workbook) checkSheet(name, part string, stop <-chan struct{}) <-chan error {
	out := make(chan error, 1)
	go func() {
		rc, err := w.openPart(part)
		if err != nil {
			out <- &FileError{Sheet: name, Message: "工作表内容损坏或被截断，无法读取", Err: err}
			return
		}
		defer rc.Close()
		out <- (&sheetCheck{xmlChecker: newXMLChecker(rc, stop), sharedStrings: w.sharedStrings}).run(name)
	}()
	return out
}

func (s *sheetCheck) run(sheet string) error {
	for {
		tok, err := s.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err == nil {
			err = s.visit(tok)
		}
		if errors.Is(err, errStopped) {
			return err
		}
		if err != nil {
			return s.fail(sheet, err)
		}
	}
}

// visit follows rows and shared-string cells.
func (s *sheetCheck) visit(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		switch t.Name.Local {
		case "row":
			s.inRow, s.row = true, rowNumber(t, s.row+1)
		case "c":
			s.sharedCell = attrValue(t, "t") == "s"
		case "v":
			s.inValue = s.sharedCell
			s.value.Reset()
		}
	case xml.CharData:
		if s.inValue {
			s.value.Write(t)
		}
	case xml.EndElement:
		switch t.Name.Local {
		case "row":
			s.inRow = false
		case "v":
			s.inValue = false
			if s.sharedCell {
				return s.checkIndex(strings.TrimSpace(s.value.String()))
			}
		}
	}
	return nil
}

// checkIndex refuses a shared-string reference that is not an index into
// the shared strings table.
func (s *sheetCheck) checkIndex(text string) error {
	i, err := strconv.Atoi(text)
	if err != nil || i < 0 || i >= s.sharedStrings {
		return fmt.Errorf("shared string index %q out of range (%d strings)", text, s.sharedStrings)
	}
	return nil
}

func (s *sheetCheck) fail(sheet string, err error) error {
	switch {
	case s.inRow:
		return &FileError{Sheet: sheet, Row: s.row, Message: "工作表内容损坏（XML 格式错误或引用了不存在的字符串），该行无法读取；整个文件未导入，请用 Excel 或 WPS 打开后重新保存", Err: err}
	case s.row > 0:
		return &FileError{Sheet: sheet, Message: fmt.Sprintf("工作表内容损坏（第%d行之后 XML 格式错误），无法读取；整个文件未导入，请用 Excel 或 WPS 打开后重新保存", s.row), Err: err}
	}
	return &FileError{Sheet: sheet, Message: "工作表内容损坏（XML 格式错误），无法读取；整个文件未导入，请用 Excel 或 WPS 打开后重新保存", Err: err}
}

func rowNumber(t xml.StartElement, def int) int {
	if n, err := strconv.Atoi(attrValue(t, "r")); err == nil && n > 0 {
		return n
	}
	return def
}

func attrValue(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}
