package project

import (
	"fmt"
	"strconv"
	"time"
)

const dateLayout = "2006-01-02"

// parseDate reads YYYY-MM-DD.
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(dateLayout, s)
	return t, err == nil
}

// Month is a calendar month, the period of the monthly 调度: its figures are
// 1–N月累计 of its year.
type Month struct{ Year, Month int }

// ParseMonth reads YYYY-MM.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Month{}, fieldError("period", "月份", "「"+clip(s)+"」不是月份，应写作 2025-06")
	}
	return Month{t.Year(), int(t.Month())}, nil
}

func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, m.Month) }

// Label reads 2025年1–6月 (the year-to-date span the figures cover).
func (m Month) Label() string {
	if m.Month == 1 {
		return strconv.Itoa(m.Year) + "年1月"
	}
	return fmt.Sprintf("%d年1–%d月", m.Year, m.Month)
}

// Name reads 2025年6月.
func (m Month) Name() string { return fmt.Sprintf("%d年%d月", m.Year, m.Month) }

// index counts months from year 0, for month differences.
func (m Month) index() int { return m.Year*12 + m.Month - 1 }

// LastDay is the month's last date.
func (m Month) LastDay() time.Time {
	return time.Date(m.Year, time.Month(m.Month)+1, 0, 0, 0, 0, 0, time.UTC)
}

// Prev is the month before.
func (m Month) Prev() Month {
	if m.Month == 1 {
		return Month{m.Year - 1, 12}
	}
	return Month{m.Year, m.Month - 1}
}

// monthOf is the month a date falls in.
func monthOf(t time.Time) Month { return Month{t.Year(), int(t.Month())} }

// dayName reads a date as 2025年3月8日.
func dayName(s string) string {
	t, ok := parseDate(s)
	if !ok {
		return s
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}
