package cycle

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"mfgplan/internal/xlsx"
)

// firmColumns are the columns of the firm list as exported.
var firmColumns = []xlsx.Column{
	{Header: "统一社会信用代码", Width: 22, Key: true}, {Header: "企业名称", Width: 36, Key: true},
	{Header: "县（市、区）", Width: 12}, {Header: "园区", Width: 20}, {Header: "报送状态", Width: 10}, {Header: "退回原因", Width: 28},
	{Header: "填报联系人", Width: 12}, {Header: "联系电话", Width: 16}, {Header: "催报次数", Width: 10, Kind: xlsx.Integer}, {Header: "最近催报时间", Width: 18},
}

// FirmsWorkbook writes the firms Firms lists (all of them, unpaged) as an
// xlsx workbook and returns its file name.
func (s *Service) FirmsWorkbook(ctx context.Context, f FirmFilter, w io.Writer) (string, error) {
	all, err := s.firms(ctx, f)
	if err != nil {
		return "", err
	}
	ds, p, _ := s.report(f.Dataset, f.Period) // checked by firms
	due, err := s.due(ctx, s.db, ds.Code)
	if err != nil {
		return "", err
	}
	book, err := xlsx.NewBook("") // the platform's own list, one row per firm in scope
	if err != nil {
		return "", err
	}
	dueDate, _ := s.dueText(due, p)
	note := fmt.Sprintf("%s《%s》报送名单（%s），截止日期 %s，导出于 %s（北京时间）", p.Label(), ds.Name, stateFilterName(f.States), dueDate, s.now().In(China).Format("2006-01-02 15:04"))
	sh, err := book.StartSheet(xlsx.SheetSpec{Name: "报送名单", Columns: firmColumns, Note: note})
	if err != nil {
		return "", err
	}
	for _, fm := range all {
		row := []any{fm.USCC, fm.Name, fm.CountyName, fm.ParkName, fm.StateName, fm.Reason, fm.ContactName, fm.ContactPhone, fm.Reminders, Beijing(fm.LastReminded)}
		if err := sh.WriteRow(row, false); err != nil {
			return "", fmt.Errorf("writing the firm list: %w", err)
		}
	}
	if err := sh.Close(); err != nil {
		return "", fmt.Errorf("writing the firm list: %w", err)
	}
	if _, err := book.WriteTo(w); err != nil {
		return "", fmt.Errorf("writing the firm list: %w", err)
	}
	return fmt.Sprintf("报送名单-%s-%s.xlsx", ds.Name, p.ID()), nil
}

// stateFilterName names a state filter as users read it.
func stateFilterName(states []string) string {
	if len(states) == 0 {
		return "全部企业"
	}
	names := make([]string, len(states))
	for i, st := range states {
		names[i] = StateNames[State(st)]
		if st == "pending" {
			names[i] = "未上报"
		}
	}
	return strings.Join(names, "、")
}

// Beijing renders a stored UTC timestamp as Beijing time to the minute
// (2026-12-02 17:13); "" stays "".
func Beijing(ts string) string {
	if ts == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return ts
	}
	return t.In(China).Format("2006-01-02 15:04")
}
