package collect

import (
	"fmt"
	"strings"

	"mfgplan/internal/stats"
)

// maxListed is how many problems a result lists; the counts go on.
const maxListed = 1000

// Problem is one finding about the input, located as precisely as it can
// be: sheet, row, column letter and cell for files; array index for JSON.
type Problem struct {
	Severity stats.Severity `json:"severity"`
	Sheet    string         `json:"sheet,omitempty"`
	Row      int            `json:"row,omitempty"`
	Column   string         `json:"column,omitempty"`
	Cell     string         `json:"cell,omitempty"`
	Index    *int           `json:"index,omitempty"`
	Field    string         `json:"field,omitempty"`
	USCC     string         `json:"uscc,omitempty"`
	Rule     string         `json:"rule,omitempty"`
	Message  string         `json:"message"`
}

// String reads like 错误 数据!C7（营业收入）：不是数字.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Severity.Label() + " ")
	switch {
	case p.Index != nil:
		fmt.Fprintf(&b, "[%d]", *p.Index)
	case p.Cell != "":
		b.WriteString(p.Sheet + "!" + p.Cell)
	case p.Row > 0:
		fmt.Fprintf(&b, "%s 第%d行", p.Sheet, p.Row)
	case p.Sheet != "":
		b.WriteString(p.Sheet)
	}
	if p.Field != "" {
		b.WriteString("（" + p.Field + "）")
	}
	b.WriteString("：" + p.Message)
	return b.String()
}

// problems collects findings: the first maxListed in full, all counted,
// and the messages per row for the annotated workbook.
type problems struct {
	list     []Problem
	errors   int
	warnings int
	byRow    map[int]*rowNote
	// fatal: the file itself could not be read through (too big, broken);
	// an annotated copy would be incomplete, so none is made.
	fatal bool
}

// rowNote is what the annotated workbook shows on a row: the messages, and
// whether one of them is an error (then the row is red).
type rowNote struct {
	msgs []string
	bad  bool
}

func newProblems() *problems { return &problems{byRow: map[int]*rowNote{}} }

func (ps *problems) add(p Problem) {
	if p.Severity == stats.SeverityError {
		ps.errors++
	} else {
		ps.warnings++
	}
	// Problems with the whole file are few and decisive: always listed.
	if len(ps.list) < maxListed || p.Cell == "" {
		ps.list = append(ps.list, p)
	}
	if p.Row > 0 && len(ps.byRow) < 200_000 {
		msg := p.Message
		if p.Field != "" {
			msg = p.Field + "：" + msg
		}
		if p.Cell != "" {
			msg = p.Cell + " " + msg
		}
		if p.Severity == stats.SeverityWarning {
			msg = "【警告】" + msg
		}
		n := ps.byRow[p.Row]
		if n == nil {
			n = &rowNote{}
			ps.byRow[p.Row] = n
		}
		n.msgs = append(n.msgs, msg)
		n.bad = n.bad || p.Severity == stats.SeverityError
	}
}

// blocking reports whether anything stops the data from landing.
func (ps *problems) blocking() bool { return ps.errors > 0 }
