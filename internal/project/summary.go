package project

import (
	"context"
	"strconv"
)

// SummaryQuery selects a month and, optionally, one county.
type SummaryQuery struct {
	Period string `json:"period,omitempty"`
	County string `json:"county,omitempty"`
}

// Count is a number of projects with a code.
type Count struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Tally is what the summary adds up for a group of projects.
type Tally struct {
	Projects     int            `json:"projects"`
	ByStage      map[string]int `json:"by_stage"`
	ByLight      map[string]int `json:"by_light"`
	Planned      float64        `json:"planned"`
	YTD          float64        `json:"ytd"`
	Completion   *float64       `json:"completion_pct"`
	Overdue      int            `json:"overdue_projects"` // with an overdue 前期手续 item
	OpenProblems int            `json:"open_problems"`
}

// CountyTally is one county's tally.
type CountyTally struct {
	County string `json:"county_code"`
	Name   string `json:"county_name"`
	Tally
}

// ParkTally is one park's tally, for the map of where projects are.
type ParkTally struct {
	Park       string `json:"park_code"`
	Name       string `json:"park_name"`
	County     string `json:"county_code"`
	CountyName string `json:"county_name"`
	Tally
}

// MonthTotal is the projects' 1–N月累计 against the schedule of their plans.
type MonthTotal struct {
	Period   string  `json:"period"`
	Label    string  `json:"label"`
	YTD      float64 `json:"ytd"`
	Schedule float64 `json:"schedule"` // Σ 年度计划 × N/12
	Planned  float64 `json:"planned"`
}

// Summary is the library in numbers for a month: counts by stage, light and
// county, investment against plan, and the year's months so far. Reports
// and the 驾驶舱 read it.
type Summary struct {
	Period      string        `json:"period"`
	PeriodLabel string        `json:"period_label"`
	RuleSet     string        `json:"rule_set"`
	RuleSetName string        `json:"rule_set_name"`
	Unit        string        `json:"unit"`
	Schedule    float64       `json:"schedule_pct"` // 序时进度
	Stages      []Count       `json:"stages"`
	Lights      []Count       `json:"lights"`
	Total       Tally         `json:"total"`
	Counties    []CountyTally `json:"counties"`
	Parks       []ParkTally   `json:"parks"`
	Months      []MonthTotal  `json:"months"`
}

// Summary counts the projects the caller may see.
func (s *Service) Summary(ctx context.Context, q SummaryQuery) (*Summary, error) {
	m, err := s.periodOrLatest(ctx, q.Period)
	if err != nil {
		return nil, err
	}
	rs, err := s.ensureRun(ctx, m)
	if err != nil {
		return nil, err
	}
	f := Filter{County: q.County}
	where, args, err := s.where(ctx, f)
	if err != nil {
		return nil, err
	}
	sum := &Summary{Period: m.String(), PeriodLabel: m.Label(), RuleSet: rs.ID, RuleSetName: rs.Name, Unit: "万元", Schedule: 100 * float64(m.Month) / 12}
	total, byCounty, byPark := newTally(), map[string]*Tally{}, map[string]*Tally{}
	err = each(ctx, s.db, "the summary", `SELECT p.county_code, p.park_code, p.stage, COALESCE(l.light, 'none'), COALESCE(l.ytd, 0), COALESCE(l.planned, 0), COALESCE(l.overdue, 0)
		FROM projects p LEFT JOIN project_lights l ON l.project_id = p.id AND l.period = ? AND l.rule_set = ? WHERE `+where,
		append([]any{m.String(), rs.ID}, args...), func(r scanner) error {
			var county, park, stage, light string
			var ytd, planned float64
			var overdue int
			if err := r.Scan(&county, &park, &stage, &light, &ytd, &planned, &overdue); err != nil {
				return err
			}
			for _, t := range []*Tally{total, tallyOf(byCounty, county), tallyOf(byPark, park)} {
				t.add(stage, light, ytd, planned, overdue)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	if err := s.countOpenProblems(ctx, q.County, total, byCounty); err != nil {
		return nil, err
	}
	s.fillSummary(sum, total, byCounty)
	for _, k := range s.plan.Parks {
		if t := byPark[k.Code]; t != nil {
			t.finish()
			sum.Parks = append(sum.Parks, ParkTally{Park: k.Code, Name: k.Name, County: k.County, CountyName: s.places.counties[k.County], Tally: *t})
		}
	}
	sum.Months, err = s.monthTotals(ctx, m, where, args)
	return sum, err
}

func tallyOf(m map[string]*Tally, key string) *Tally {
	if m[key] == nil {
		m[key] = newTally()
	}
	return m[key]
}

func newTally() *Tally { return &Tally{ByStage: map[string]int{}, ByLight: map[string]int{}} }

func (t *Tally) add(stage, light string, ytd, planned float64, overdue int) {
	t.Projects++
	t.ByStage[stage]++
	t.ByLight[light]++
	t.YTD += ytd
	t.Planned += planned
	if overdue > 0 {
		t.Overdue++
	}
}

func (t *Tally) finish() {
	if t.Planned > 0 {
		c := round6(100 * t.YTD / t.Planned)
		t.Completion = &c
	}
}

func (s *Service) countOpenProblems(ctx context.Context, county string, total *Tally, byCounty map[string]*Tally) error {
	open, err := s.problems(ctx, ProblemFilter{County: county, Open: true})
	if err != nil {
		return err
	}
	for _, p := range open {
		total.OpenProblems++
		if t := byCounty[p.County]; t != nil {
			t.OpenProblems++
		}
	}
	return nil
}

// fillSummary orders the counts: stages in lifecycle order, lights worst
// first, counties in the plan's order (a plan project without a county last).
func (s *Service) fillSummary(sum *Summary, total *Tally, byCounty map[string]*Tally) {
	total.finish()
	sum.Total = *total
	for _, st := range append(append([]Stage{}, forward...), Paused, Terminated) {
		sum.Stages = append(sum.Stages, Count{Code: string(st), Name: s.vocab.stage(st).Name, Count: total.ByStage[string(st)]})
	}
	for _, l := range []string{LightRed, LightYellow, LightGreen, LightNone} {
		sum.Lights = append(sum.Lights, Count{Code: l, Name: LightNames[l], Count: total.ByLight[l]})
	}
	for _, c := range append(append([]string{}, countyCodes(s)...), "") {
		if t := byCounty[c]; t != nil {
			t.finish()
			name := s.places.counties[c]
			if c == "" {
				name = "未定区县（规划所列）"
			}
			sum.Counties = append(sum.Counties, CountyTally{County: c, Name: name, Tally: *t})
		}
	}
}

func countyCodes(s *Service) []string {
	var out []string
	for _, c := range s.plan.Counties {
		out = append(out, c.Code)
	}
	return out
}

// monthTotals adds up the year's months to m: each project's latest 累计
// reported by the month, and its plan pro-rated.
func (s *Service) monthTotals(ctx context.Context, m Month, where string, args []any) ([]MonthTotal, error) {
	y := strconv.Itoa(m.Year)
	latest := map[int64][]stored{}
	err := each(ctx, s.db, "the year's investment", `SELECT i.project_id, i.period, i.ytd FROM project_investments i JOIN projects p ON p.id = i.project_id
		WHERE i.period >= ? AND i.period <= ? AND `+where+` ORDER BY i.project_id, i.period`, append([]any{y + "-01", m.String()}, args...), func(r scanner) error {
		var id int64
		var period string
		var v float64
		if err := r.Scan(&id, &period, &v); err != nil {
			return err
		}
		pm, err := ParseMonth(period)
		latest[id] = append(latest[id], stored{pm, v})
		return err
	})
	if err != nil {
		return nil, err
	}
	var planned float64
	err = each(ctx, s.db, "the year's plans", `SELECT COALESCE(SUM(y.planned), 0) FROM project_year_plans y JOIN projects p ON p.id = y.project_id WHERE y.year = ? AND `+where,
		append([]any{m.Year}, args...), func(r scanner) error { return r.Scan(&planned) })
	if err != nil {
		return nil, err
	}
	out := make([]MonthTotal, m.Month)
	for i := range out {
		mo := Month{m.Year, i + 1}
		out[i] = MonthTotal{Period: mo.String(), Label: mo.Label(), Planned: planned, Schedule: planned * float64(i+1) / 12}
	}
	for _, series := range latest {
		for i := range out {
			out[i].YTD += ytdBy(series, i+1)
		}
	}
	return out, nil
}

// ytdBy is a project's latest 累计 reported by month mo of its series' year.
func ytdBy(series []stored, mo int) float64 {
	v := 0.0
	for _, s := range series {
		if s.month.Month <= mo {
			v = s.ytd
		}
	}
	return v
}
