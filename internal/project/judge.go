package project

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Lights, worst last: rank orders them for sorting (none first).
const (
	LightNone   = "none"
	LightGreen  = "green"
	LightYellow = "yellow"
	LightRed    = "red"
)

var lightRank = map[string]int{LightNone: 0, LightGreen: 1, LightYellow: 2, LightRed: 3}

// LightNames are the Chinese names of the lights.
var LightNames = map[string]string{LightNone: "未亮灯", LightGreen: "绿灯", LightYellow: "黄灯", LightRed: "红灯"}

// Facts are what one project's light is judged from, as of a date.
type Facts struct {
	Stage        Stage    // as of the date; "" when not yet registered then
	PlannedStart string   // 计划开工 YYYY-MM-DD, or ""
	Planned      *float64 // 年度计划投资 of the month's year, 万元
	YTD          *float64 // 本年累计完成投资 of the latest month reported up to the evaluated one, 万元
	YTDMonth     int      // the month YTD is of (0: none reported this year)
	Due          int      // required 前期手续 items that have a deadline
	Overdue      []Overdue
}

// Overdue is a required 前期手续 item past its deadline and not done.
type Overdue struct {
	Item     string `json:"item"`
	Name     string `json:"name"`
	Deadline string `json:"deadline"`
	Days     int    `json:"days"`
}

// Light is a judged light with its reason in one Chinese sentence and the
// figures behind it.
type Light struct {
	Light      string   `json:"light"`
	Name       string   `json:"light_name"`
	Reason     string   `json:"reason"`
	YTD        *float64 `json:"ytd"`
	Planned    *float64 `json:"planned"`
	Completion *float64 `json:"completion_pct"`
	Overdue    int      `json:"overdue"`
}

// graded is one rule's verdict.
type graded struct {
	light    string
	sentence string
}

// Judge grades a project in month m (as of asOf) by every rule of the set;
// the light is the worst verdict and the reason names the rules that gave
// it (all of them when green). A project no rule applies to gets no light,
// with the reason why.
func (rs *RuleSet) Judge(sch Schedule, f Facts, m Month, asOf time.Time) Light {
	out := Light{Light: LightNone, Overdue: len(f.Overdue), Planned: f.Planned, YTD: f.YTD}
	if f.Planned != nil && *f.Planned > 0 {
		c := round6(100 * orZero(f.YTD) / *f.Planned)
		out.Completion = &c
	}
	var vs []graded
	for _, r := range rs.Rules {
		if g, ok := r.judge(sch, f, m, asOf); ok {
			vs = append(vs, g)
		}
	}
	if len(vs) == 0 {
		out.Reason = notJudged(sch, f, m)
		out.Name = LightNames[out.Light]
		return out
	}
	for _, v := range vs {
		if lightRank[v.light] > lightRank[out.Light] {
			out.Light = v.light
		}
	}
	var said []string
	for _, v := range vs {
		if v.light == out.Light {
			said = append(said, v.sentence)
		}
	}
	out.Name = LightNames[out.Light]
	out.Reason = out.Name + "：" + strings.Join(said, "；") + "。"
	return out
}

func (r LightRule) grade(x float64) string {
	switch {
	case r.Red.holds(x):
		return LightRed
	case r.Yellow.holds(x):
		return LightYellow
	}
	return LightGreen
}

// limits says both thresholds: 10个百分点及以上亮黄灯、超过30个百分点亮红灯.
func (r LightRule) limits(unit string) string {
	return r.Yellow.words(unit) + "亮黄灯、" + r.Red.words(unit) + "亮红灯"
}

// startLimits says the start rule's thresholds: 到计划开工月仍未开工亮黄灯、
// 延误3个月及以上亮红灯.
func (r LightRule) startLimits() string {
	say := func(t Threshold) string {
		if t.Op == ">=" && t.Value == 0 {
			return "到计划开工月仍未开工"
		}
		return "延误" + t.words("个月")
	}
	return say(r.Yellow) + "亮黄灯、" + say(r.Red) + "亮红灯"
}

func (r LightRule) judge(sch Schedule, f Facts, m Month, asOf time.Time) (graded, bool) {
	switch r.Measure {
	case MeasureStartDelay:
		return r.judgeStart(f, m)
	case MeasurePointsBehind, MeasureRatioOfSchedule:
		return r.judgeProgress(sch, f, m)
	case MeasureApprovalOverdue:
		return r.judgeApprovals(f)
	}
	return graded{}, false
}

// judgeStart grades a project that has not started but has a planned
// start: its delay in months from the planned month (0 = the month itself).
func (r LightRule) judgeStart(f Facts, m Month) (graded, bool) {
	ps, ok := parseDate(f.PlannedStart)
	if !ok || f.Stage.rank() > Preparing.rank() {
		return graded{}, false
	}
	planned := monthOf(ps)
	delay := m.index() - planned.index()
	if delay < 0 {
		return graded{LightGreen, r.Name + "：计划" + planned.Name() + "开工，尚未到期"}, true
	}
	g := graded{light: r.grade(float64(delay))}
	g.sentence = fmt.Sprintf("%s：计划%s开工，截至%s底仍未开工", r.Name, planned.Name(), m.Name())
	if delay > 0 {
		g.sentence += fmt.Sprintf("，已延误%d个月", delay)
	}
	g.sentence += "（" + r.startLimits() + "）"
	return g, true
}

// judgeProgress grades a project under construction with an annual plan:
// its 年度投资完成率 against 序时进度 (months elapsed ÷ 12), as points
// behind or as a ratio.
func (r LightRule) judgeProgress(sch Schedule, f Facts, m Month) (graded, bool) {
	if (f.Stage != Started && f.Stage != Building) || f.Planned == nil || *f.Planned <= 0 || (sch.SkipJanuary && m.Month == 1) {
		return graded{}, false
	}
	ytd := orZero(f.YTD)
	completion := 100 * ytd / *f.Planned
	schedule := 100 * float64(m.Month) / 12
	head := fmt.Sprintf("%s：%s累计完成投资%s万元%s，为年度计划%s万元的%s%%", r.Name, m.Label(), money(ytd), reported(f, m), money(*f.Planned), pct(completion))
	if r.Measure == MeasureRatioOfSchedule {
		ratio := 100 * completion / schedule
		return graded{r.grade(ratio), head + fmt.Sprintf("，相当于序时进度（%s%%）的%s%%（%s）", pct(schedule), pct(ratio), r.limits("%"))}, true
	}
	behind := schedule - completion
	g := graded{light: r.grade(behind)}
	switch {
	case round6(behind) > 0:
		g.sentence = head + fmt.Sprintf("，落后序时进度（%s%%）%s个百分点（落后%s）", pct(schedule), pct(behind), r.limits("个百分点"))
	case round6(behind) < 0:
		g.sentence = head + fmt.Sprintf("，超过序时进度（%s%%）%s个百分点", pct(schedule), pct(-behind))
	default:
		g.sentence = head + fmt.Sprintf("，与序时进度（%s%%）持平", pct(schedule))
	}
	return g, true
}

// reported says when the figure is not the month's own.
func reported(f Facts, m Month) string {
	switch {
	case f.YTD == nil:
		return "（本年尚未报送，按0计）"
	case f.YTDMonth < m.Month:
		return fmt.Sprintf("（%d月未报送，按1–%d月数计）", m.Month, f.YTDMonth)
	}
	return ""
}

// overdueLimits says the approval rule's thresholds: 逾期即亮黄灯、逾期超过30天亮红灯.
func (r LightRule) overdueLimits() string {
	say := func(t Threshold) string {
		if t.Op == ">" && t.Value == 0 {
			return "逾期即"
		}
		return "逾期" + t.words("天")
	}
	return say(r.Yellow) + "亮黄灯、" + say(r.Red) + "亮红灯"
}

// judgeApprovals grades the most overdue required 前期手续 item.
func (r LightRule) judgeApprovals(f Facts) (graded, bool) {
	if f.Due == 0 || f.Stage == "" || f.Stage.rank() > Building.rank() {
		return graded{}, false
	}
	if len(f.Overdue) == 0 {
		return graded{LightGreen, fmt.Sprintf("%s：%d项有办理时限的手续均未逾期", r.Name, f.Due)}, true
	}
	worst := f.Overdue[0]
	for _, o := range f.Overdue {
		if o.Days > worst.Days {
			worst = o
		}
	}
	s := fmt.Sprintf("%s：「%s」已逾期%d天（办理时限%s）", r.Name, worst.Name, worst.Days, dayName(worst.Deadline))
	if len(f.Overdue) > 1 {
		s += fmt.Sprintf("，共%d项逾期", len(f.Overdue))
	}
	return graded{r.grade(float64(worst.Days)), s + "（" + r.overdueLimits() + "）"}, true
}

// notJudged says why no rule applies.
func notJudged(sch Schedule, f Facts, m Month) string {
	switch {
	case f.Stage == "":
		return "截至" + m.Name() + "底项目尚未入库，不评价。"
	case f.Stage == Paused:
		return "项目暂停中，暂停期间不评价。"
	case f.Stage == Terminated:
		return "项目已终止，不再评价。"
	case f.Stage == Completed || f.Stage == Producing:
		return "项目已" + map[Stage]string{Completed: "竣工", Producing: "投产"}[f.Stage] + "，不再评价开工和投资进度。"
	case f.Stage.started() && sch.SkipJanuary && m.Month == 1:
		return "1月份投资数据免报，自1–2月起按序时进度评价。"
	case f.Stage.started():
		return fmt.Sprintf("项目已开工，但未填报%d年年度计划投资，无法按序时进度评价。", m.Year)
	}
	return "项目尚未确定计划开工日期，也没有到期的前期手续，暂不亮灯。"
}

func orZero(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

// pct writes a percentage or point figure with one decimal.
func pct(v float64) string { return fmt.Sprintf("%.1f", math.Round(v*10)/10+0) }

// money writes 万元 amounts with thousands separators and at most two decimals.
func money(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
