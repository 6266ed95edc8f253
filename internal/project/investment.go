package project

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"mfgplan/internal/store"
)

// MonthInput is one month's 本年累计完成投资 (1–N月, 万元) with its 形象进度.
type MonthInput struct {
	Period   string  `json:"period"`
	YTD      float64 `json:"ytd"`
	Progress string  `json:"progress,omitempty"`
}

// stored is a month's stored 累计.
type stored struct {
	month Month
	ytd   float64
}

// neighbours are the stored months of the same year around a month.
type neighbours struct{ prev, next *stored }

// checkMonthValue refuses a negative 累计 or one that would make the year's
// series decrease, naming the month it conflicts with.
func checkMonthValue(m Month, v float64, n neighbours) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "不是数字"
	case v < 0:
		return "本年累计完成投资不得为负，实际为 " + money(v) + " 万元"
	case n.prev != nil && v < n.prev.ytd:
		return fmt.Sprintf("%s累计 %s 万元小于已报的%s累计 %s 万元：本年累计数不能减少", m.Label(), money(v), n.prev.month.Label(), money(n.prev.ytd))
	case n.next != nil && v > n.next.ytd:
		return fmt.Sprintf("%s累计 %s 万元大于已报的%s累计 %s 万元：本年累计数不能减少", m.Label(), money(v), n.next.month.Label(), money(n.next.ytd))
	}
	return ""
}

// checkPeriod refuses a month that is not a month or lies in the future.
func (s *Service) checkPeriod(period string) (Month, string) {
	m, err := ParseMonth(period)
	if err != nil {
		return m, "「" + clip(period) + "」不是月份，应写作 2025-06"
	}
	if m.index() > monthOf(s.today()).index() {
		return m, m.Name() + "尚未到来"
	}
	if m.Year < 2000 {
		return m, "年份早于2000年"
	}
	return m, ""
}

// loadNeighbours reads, for each project, the stored months of m's year just
// before and just after m.
func loadNeighbours(ctx context.Context, q store.Querier, ids []int64, m Month) (map[int64]neighbours, error) {
	out := map[int64]neighbours{}
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{strconv.Itoa(m.Year) + "-01", strconv.Itoa(m.Year) + "-12", m.String()}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := q.Query(ctx, `SELECT project_id, period, ytd FROM project_investments WHERE period >= ? AND period <= ? AND period <> ?
		AND project_id IN (`+store.Placeholders(len(ids))+`) ORDER BY project_id, period`, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the stored months of %s: %w", m, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var period string
		var v float64
		if err := rows.Scan(&id, &period, &v); err != nil {
			return nil, err
		}
		pm, _ := ParseMonth(period)
		n := out[id]
		if pm.index() < m.index() {
			n.prev = &stored{pm, v}
		} else if n.next == nil {
			n.next = &stored{pm, v}
		}
		out[id] = n
	}
	return out, rows.Err()
}

// SetInvestment stores one month's 累计 and 形象进度 of a project.
func (s *Service) SetInvestment(ctx context.Context, id int64, in MonthInput) error {
	m, why := s.checkPeriod(in.Period)
	if why != "" {
		return fieldError("period", "月份", why)
	}
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		if _, err := s.writable(ctx, tx, id); err != nil {
			return err
		}
		ns, err := loadNeighbours(ctx, tx, []int64{id}, m)
		if err != nil {
			return err
		}
		if msg := checkMonthValue(m, in.YTD, ns[id]); msg != "" {
			return fieldError("ytd", "本年累计完成投资（万元）", msg)
		}
		if err := s.saveMonth(ctx, tx, id, m, in.YTD, strings.TrimSpace(in.Progress), "manual"); err != nil {
			return err
		}
		if err := s.record(ctx, tx, id, "investment", fmt.Sprintf("填报%s累计完成投资 %s 万元", m.Label(), money(in.YTD)), in); err != nil {
			return err
		}
		return s.refreshLights(ctx, tx, id)
	})
}

func (s *Service) saveMonth(ctx context.Context, tx *store.Tx, id int64, m Month, ytd float64, progress, source string) error {
	_, err := tx.Exec(ctx, `INSERT INTO project_investments (project_id, period, ytd, progress, source, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (project_id, period) DO UPDATE SET ytd = excluded.ytd, progress = excluded.progress, source = excluded.source,
		updated_by = excluded.updated_by, updated_at = excluded.updated_at`, id, m.String(), ytd, progress, source, accessUser(ctx), s.stamp())
	if err != nil {
		return fmt.Errorf("storing the investment of project %d in %s: %w", id, m, err)
	}
	return nil
}

// SetYearPlan stores a project's 年度计划投资 (万元) for a year.
func (s *Service) SetYearPlan(ctx context.Context, id int64, year int, planned float64) error {
	if msg := checkYearPlan(year, planned, s.today().Year()); msg != "" {
		return fieldError("planned", "年度计划投资（万元）", msg)
	}
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		if _, err := s.writable(ctx, tx, id); err != nil {
			return err
		}
		if err := s.saveYearPlan(ctx, tx, id, year, planned, "manual"); err != nil {
			return err
		}
		if err := s.record(ctx, tx, id, "plan", fmt.Sprintf("%d年年度计划投资 %s 万元", year, money(planned)), map[string]any{"year": year, "planned": planned}); err != nil {
			return err
		}
		return s.refreshLights(ctx, tx, id)
	})
}

func checkYearPlan(year int, planned float64, thisYear int) string {
	switch {
	case year < 2000 || year > thisYear+1:
		return fmt.Sprintf("年份 %d 不在2000–%d年之间", year, thisYear+1)
	case math.IsNaN(planned) || math.IsInf(planned, 0):
		return "不是数字"
	case planned < 0:
		return "不得为负，实际为 " + money(planned) + " 万元"
	}
	return ""
}

func (s *Service) saveYearPlan(ctx context.Context, tx *store.Tx, id int64, year int, planned float64, source string) error {
	_, err := tx.Exec(ctx, `INSERT INTO project_year_plans (project_id, year, planned, source, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (project_id, year) DO UPDATE SET planned = excluded.planned, source = excluded.source, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		id, year, planned, source, accessUser(ctx), s.stamp())
	if err != nil {
		return fmt.Errorf("storing the %d plan of project %d: %w", year, id, err)
	}
	return nil
}

// MonthFigure is one month of a project's year: 1–N月累计, the month's own
// investment (当月 = 累计 − 上月累计), the schedule target and 形象进度.
type MonthFigure struct {
	Period    string   `json:"period"`
	Label     string   `json:"label"`
	YTD       *float64 `json:"ytd"`
	Month     *float64 `json:"month"`
	Schedule  *float64 `json:"schedule"` // 年度计划 × N/12
	Progress  string   `json:"progress"`
	Source    string   `json:"source"`
	UpdatedBy string   `json:"updated_by"`
}

// YearInvestment is a project's year of investment against its plan.
type YearInvestment struct {
	Year    int           `json:"year"`
	Planned *float64      `json:"planned"`
	Unit    string        `json:"unit"`
	Months  []MonthFigure `json:"months"`
	Years   []int         `json:"years"` // years with a plan or figures
}

// Investment returns a project's months of year with its plan.
func (s *Service) Investment(ctx context.Context, id int64, year int) (*YearInvestment, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	out := &YearInvestment{Year: year, Unit: "万元"}
	err := s.db.QueryRow(ctx, `SELECT planned FROM project_year_plans WHERE project_id = ? AND year = ?`, id, year).Scan(&out.Planned)
	if err != nil && !isNoRows(err) {
		return nil, fmt.Errorf("reading the %d plan of project %d: %w", year, id, err)
	}
	if out.Years, err = s.investmentYears(ctx, id); err != nil {
		return nil, err
	}
	byMonth := map[string]MonthFigure{}
	rows, err := s.db.Query(ctx, `SELECT period, ytd, progress, source, updated_by FROM project_investments WHERE project_id = ? AND period >= ? AND period <= ?`,
		id, strconv.Itoa(year)+"-01", strconv.Itoa(year)+"-12")
	if err != nil {
		return nil, fmt.Errorf("reading the investment of project %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var f MonthFigure
		if err := rows.Scan(&f.Period, &f.YTD, &f.Progress, &f.Source, &f.UpdatedBy); err != nil {
			return nil, err
		}
		byMonth[f.Period] = f
	}
	var prev *float64
	for mo := 1; mo <= 12; mo++ {
		m := Month{year, mo}
		f := byMonth[m.String()]
		f.Period, f.Label = m.String(), m.Label()
		if f.YTD != nil {
			d := *f.YTD - orZero(prev)
			f.Month, prev = &d, f.YTD
		}
		if out.Planned != nil {
			v := *out.Planned * float64(mo) / 12
			f.Schedule = &v
		}
		out.Months = append(out.Months, f)
	}
	return out, rows.Err()
}

func (s *Service) investmentYears(ctx context.Context, id int64) ([]int, error) {
	rows, err := s.db.Query(ctx, `SELECT year FROM project_year_plans WHERE project_id = ?
		UNION SELECT CAST(SUBSTR(period, 1, 4) AS INTEGER) FROM project_investments WHERE project_id = ? ORDER BY 1`, id, id)
	if err != nil {
		return nil, fmt.Errorf("reading the years of project %d: %w", id, err)
	}
	defer rows.Close()
	out := []int{}
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, rows.Err()
}
