package stats

import (
	"fmt"
	"regexp"
	"strconv"

	"mfgplan/internal/apperr"
)

// PeriodType is how often a data element is reported.
type PeriodType string

const (
	Monthly   PeriodType = "monthly"
	Quarterly PeriodType = "quarterly"
	Yearly    PeriodType = "yearly"
)

// Period is a reporting period: a year, a quarter or a month. Its ID is
// "2024", "2024Q2" or "2024-06", the form used in files, URLs and the store.
type Period struct {
	Type  PeriodType
	Year  int
	Index int // month 1–12 or quarter 1–4; 0 for a year
}

var periodRE = regexp.MustCompile(`^(\d{4})(?:-(\d{2})|Q([1-4]))?$`)

// ParsePeriod reads a period ID. It accepts "2024", "2024Q2", "2024-06".
func ParsePeriod(id string) (Period, error) {
	m := periodRE.FindStringSubmatch(id)
	if m == nil {
		return Period{}, apperr.New(apperr.Invalid, "期间 %q 格式不正确，应为 2024、2024Q2 或 2024-06", id)
	}
	year, _ := strconv.Atoi(m[1])
	switch {
	case m[2] != "":
		month, _ := strconv.Atoi(m[2])
		if month < 1 || month > 12 {
			return Period{}, apperr.New(apperr.Invalid, "期间 %q 的月份应在 01–12 之间", id)
		}
		return Period{Type: Monthly, Year: year, Index: month}, nil
	case m[3] != "":
		q, _ := strconv.Atoi(m[3])
		return Period{Type: Quarterly, Year: year, Index: q}, nil
	}
	return Period{Type: Yearly, Year: year}, nil
}

// MustPeriod is ParsePeriod for IDs known to be valid (tests, generators).
func MustPeriod(id string) Period {
	p, err := ParsePeriod(id)
	if err != nil {
		panic(err)
	}
	return p
}

// ID returns the period's canonical identifier.
func (p Period) ID() string {
	switch p.Type {
	case Monthly:
		return fmt.Sprintf("%04d-%02d", p.Year, p.Index)
	case Quarterly:
		return fmt.Sprintf("%04dQ%d", p.Year, p.Index)
	}
	return fmt.Sprintf("%04d", p.Year)
}

func (p Period) String() string { return p.ID() }

// Label is the Chinese label users read: 2024年, 2024年第2季度, 2024年6月.
func (p Period) Label() string {
	switch p.Type {
	case Monthly:
		return fmt.Sprintf("%d年%d月", p.Year, p.Index)
	case Quarterly:
		return fmt.Sprintf("%d年第%d季度", p.Year, p.Index)
	}
	return fmt.Sprintf("%d年", p.Year)
}

// PeriodsInYear is how many periods of the type a year has (12, 4 or 1).
func (t PeriodType) PeriodsInYear() int {
	switch t {
	case Monthly:
		return 12
	case Quarterly:
		return 4
	}
	return 1
}

// InYear is the period's position within its year (month number, quarter
// number, or 1 for a year): DHIS2's [periodInYear], the numerator of 序时进度.
func (p Period) InYear() int {
	if p.Type == Yearly {
		return 1
	}
	return p.Index
}

// ElapsedShare is the share of the year that has passed at the end of the
// period: 6/12 for June, 2/4 for Q2, 1 for a year.
func (p Period) ElapsedShare() float64 {
	return float64(p.InYear()) / float64(p.Type.PeriodsInYear())
}

// Prev returns the period before p of the same type.
func (p Period) Prev() Period {
	if p.Type == Yearly || p.Index == 1 {
		if p.Type == Yearly {
			return Period{Type: Yearly, Year: p.Year - 1}
		}
		return Period{Type: p.Type, Year: p.Year - 1, Index: p.Type.PeriodsInYear()}
	}
	return Period{Type: p.Type, Year: p.Year, Index: p.Index - 1}
}

// SamePeriodLastYear returns the period a year earlier (for 同比).
func (p Period) SamePeriodLastYear() Period {
	return Period{Type: p.Type, Year: p.Year - 1, Index: p.Index}
}

// YearToDate lists the periods of p's year up to and including p.
func (p Period) YearToDate() []Period {
	out := make([]Period, 0, p.InYear())
	for i := 1; i <= p.InYear(); i++ {
		if p.Type == Yearly {
			return []Period{p}
		}
		out = append(out, Period{Type: p.Type, Year: p.Year, Index: i})
	}
	return out
}
