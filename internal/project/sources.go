package project

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
)

// OfficialFigures gives the statistics bureau's 制造业投资额 (亿元) of a
// year, as the plan's indicator computes it: for org (a county, or "" for
// the city) and, for the city, each county, keyed by org code ("" for the
// city itself; a unit without a figure is absent), with a label of the
// period the figures cover. The indicator service answers it.
type OfficialFigures interface {
	MfgInvestment(ctx context.Context, year int, org string) (figures map[string]float64, period string, err error)
}

// SourceRow compares the two sources for one unit and year.
type SourceRow struct {
	Org        string   `json:"org"`
	OrgName    string   `json:"org_name"`
	Official   *float64 `json:"official"`
	Period     string   `json:"official_period"`
	BottomUp   float64  `json:"bottom_up"`
	Projects   int      `json:"projects"`
	Difference *float64 `json:"difference"`     // bottom-up − official
	DiffPct    *float64 `json:"difference_pct"` // of the official figure
}

// SourceYear is a year of the comparison: the unit asked for, and its counties.
type SourceYear struct {
	Year     int         `json:"year"`
	Total    SourceRow   `json:"total"`
	Counties []SourceRow `json:"counties,omitempty"`
	Sentence string      `json:"sentence"`
}

// SourceComparison is 制造业投资额 from its two sources: the statistics
// figure the indicator keeps as official, and the bottom-up sum of the
// registered manufacturing projects' 本年完成投资 (行业 C13–C43).
type SourceComparison struct {
	Unit         string       `json:"unit"`
	OfficialName string       `json:"official_name"`
	BottomUpName string       `json:"bottom_up_name"`
	Scope        string       `json:"scope"`
	Source       string       `json:"source"`
	Years        []SourceYear `json:"years"`
}

// CompareMfgInvestment sets the two sources side by side for the plan's
// years, for the city or one county (org), and says where they differ.
func (s *Service) CompareMfgInvestment(ctx context.Context, org string) (*SourceComparison, error) {
	if org != "" && s.places.counties[org] == "" {
		return nil, fieldError("org", "单位", "「"+clip(org)+"」不是规划所列的区县")
	}
	view := access.From(ctx).View
	if (org == "" && !view.All) || (org != "" && !view.CoversOrg(org)) {
		return nil, apperr.New(apperr.NotFound, "单位不存在或无权查看")
	}
	v := s.vocab.Manufacturing
	out := &SourceComparison{Unit: "亿元", OfficialName: "统计口径（统计局制造业投资）", BottomUpName: "项目汇总（在库制造业项目本年完成投资）",
		Scope: fmt.Sprintf("行业代码 C%d–C%d 的在库项目", v.From, v.To), Source: v.Source}
	for y := s.plan.Period.Start; y <= s.plan.Period.End; y++ {
		sy, err := s.compareYear(ctx, y, org)
		if err != nil {
			return nil, err
		}
		out.Years = append(out.Years, sy)
	}
	return out, nil
}

func (s *Service) compareYear(ctx context.Context, year int, org string) (SourceYear, error) {
	sums, err := s.bottomUp(ctx, year, org)
	if err != nil {
		return SourceYear{}, err
	}
	sy := SourceYear{Year: year}
	official, period := map[string]float64{}, ""
	if s.official != nil {
		if official, period, err = s.official.MfgInvestment(ctx, year, org); err != nil {
			return sy, err
		}
	}
	sy.Total = s.sourceRow(org, "", sums, official, period)
	if org == "" {
		for _, c := range s.plan.Counties {
			sy.Counties = append(sy.Counties, s.sourceRow(c.Code, c.Code, sums, official, period))
		}
	}
	sy.Sentence = sentence(sy)
	return sy, nil
}

type bottomUpSum struct {
	wan      float64
	projects int
}

// bottomUp sums, per county, the year's last reported 累计 of the
// manufacturing projects the caller may see.
func (s *Service) bottomUp(ctx context.Context, year int, org string) (map[string]bottomUpSum, error) {
	cond, args := scopeFilter(accessView(ctx))
	if org != "" {
		cond += " AND p.county_code = ?"
		args = append(args, org)
	}
	y := strconv.Itoa(year)
	out := map[string]bottomUpSum{}
	latest := map[int64]float64{}
	county := map[int64]string{}
	err := each(ctx, s.db, "the bottom-up investment", `SELECT p.id, p.county_code, p.industry_code, i.ytd FROM project_investments i JOIN projects p ON p.id = i.project_id
		WHERE i.period >= ? AND i.period <= ? AND `+cond+` ORDER BY p.id, i.period`, append([]any{y + "-01", y + "-12"}, args...), func(r scanner) error {
		var id int64
		var c, industry string
		var v float64
		if err := r.Scan(&id, &c, &industry, &v); err != nil {
			return err
		}
		if s.manufacturing(industry) {
			latest[id], county[id] = v, c
		}
		return nil
	})
	for id, v := range latest {
		b := out[county[id]]
		b.wan += v
		b.projects++
		out[county[id]] = b
		t := out[""]
		if county[id] != "" {
			t.wan += v
			t.projects++
			out[""] = t
		}
	}
	return out, err
}

// sourceRow is one unit's pair of figures; the bottom-up sums and the
// official figures are keyed by county code, "" for the unit asked for.
func (s *Service) sourceRow(org, key string, sums map[string]bottomUpSum, official map[string]float64, period string) SourceRow {
	row := SourceRow{Org: org, OrgName: s.places.counties[org], BottomUp: round6(sums[key].wan / 10000), Projects: sums[key].projects, Period: period}
	if org == "" {
		row.OrgName = s.plan.Region.Name
	}
	if v, ok := official[key]; ok {
		row.Official = &v
		d := round6(row.BottomUp - v)
		row.Difference = &d
		if v != 0 {
			p := round6(100 * d / v)
			row.DiffPct = &p
		}
	}
	return row
}

// sentence says where the sources differ: the gap of the unit and the
// county with the largest gap.
func sentence(sy SourceYear) string {
	t := sy.Total
	head := fmt.Sprintf("%d年%s：项目汇总%s亿元（%d个项目）", sy.Year, t.OrgName, money(t.BottomUp), t.Projects)
	if t.Official == nil {
		return head + "，统计口径暂无数据，无法比较。"
	}
	s := head + fmt.Sprintf("，统计口径%s亿元", money(*t.Official))
	if t.Difference == nil || math.Abs(*t.Difference) < 0.005 {
		return s + "，两者一致。"
	}
	s += fmt.Sprintf("，项目汇总%s%s亿元", map[bool]string{true: "高出", false: "低于统计口径"}[*t.Difference > 0], money(math.Abs(*t.Difference)))
	if t.DiffPct != nil {
		s += fmt.Sprintf("（%s%%）", pct(*t.DiffPct))
	}
	var worst *SourceRow
	for i := range sy.Counties {
		c := &sy.Counties[i]
		if c.Difference != nil && (worst == nil || math.Abs(*c.Difference) > math.Abs(*worst.Difference)) {
			worst = c
		}
	}
	if worst != nil && math.Abs(*worst.Difference) >= 0.005 {
		s += fmt.Sprintf("；差距最大的是%s（项目汇总%s亿元，统计口径%s亿元）", worst.OrgName, money(worst.BottomUp), money(*worst.Official))
	}
	return s + "。差距提示在库项目漏报、行业归类或统计入库不一致，请核对。"
}

// SignedYear counts the year's 签约 projects of at least 1亿元 (专栏10).
type SignedYear struct {
	Year     int             `json:"year"`
	Count    int             `json:"count"`
	Target   float64         `json:"target"`
	Met      bool            `json:"met"`
	Projects []SignedProject `json:"projects"`
}

// SignedProject is one counted project.
type SignedProject struct {
	ID              int64   `json:"id"`
	Number          string  `json:"number"`
	Name            string  `json:"name"`
	County          string  `json:"county_name"`
	TotalInvestment float64 `json:"total_investment"`
	SignedOn        string  `json:"signed_on"`
}

// SignedOverYears counts, for each plan year, the projects the caller may
// see whose first 签约 fell in the year with a total investment of at
// least the plan's size (Dazhou: 1亿元), against the plan's target. A
// project counts once, for its first 签约 (三明 de-duplication). A plan
// without such a target gets no years.
func (s *Service) SignedOverYears(ctx context.Context) ([]SignedYear, error) {
	so := s.SignedOver()
	if so == nil {
		return []SignedYear{}, nil
	}
	var target float64
	for _, t := range s.plan.Targets {
		if t.Code == so.Target {
			target = t.Value
		}
	}
	cond, args := scopeFilter(accessView(ctx))
	byYear := map[int][]SignedProject{}
	err := each(ctx, s.db, "signed projects", `SELECT p.id, p.name, p.county_code, p.total_investment, MIN(t.on_date) FROM projects p
		JOIN project_stages t ON t.project_id = p.id AND t.to_stage = 'signed'
		WHERE p.total_investment >= ? AND `+cond+` GROUP BY p.id, p.name, p.county_code, p.total_investment ORDER BY 5, p.id`,
		append([]any{so.Value}, args...), func(r scanner) error {
			var sp SignedProject
			var county string
			if err := r.Scan(&sp.ID, &sp.Name, &county, &sp.TotalInvestment, &sp.SignedOn); err != nil {
				return err
			}
			sp.Number, sp.County = number(sp.ID), s.places.counties[county]
			y, _ := strconv.Atoi(sp.SignedOn[:4])
			byYear[y] = append(byYear[y], sp)
			return nil
		})
	if err != nil {
		return nil, err
	}
	var out []SignedYear
	for y := s.plan.Period.Start; y <= max(s.plan.Period.End, s.today().Year()); y++ {
		ps := byYear[y]
		if ps == nil {
			ps = []SignedProject{}
		}
		out = append(out, SignedYear{Year: y, Count: len(ps), Target: target, Met: target > 0 && float64(len(ps)) >= target, Projects: ps})
	}
	return out, nil
}
