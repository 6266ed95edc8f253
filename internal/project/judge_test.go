package project

import (
	"strings"
	"testing"
)

func ruleSet(t *testing.T, id string) (*RuleSet, Schedule) {
	t.Helper()
	r, err := LoadRules()
	if err != nil {
		t.Fatal(err)
	}
	rs, ok := r.Lights.Set(id)
	if !ok {
		t.Fatalf("no rule set %s", id)
	}
	return rs, r.Lights.Schedule
}

func f64(v float64) *float64 { return &v }

// June: 序时进度 = 6/12 = 50 %. With a plan of 1,200 万元 every 1.2 万元 of
// 累计 is 0.1 point of 完成率, so the boundaries are hand-checkable.
var june = Month{2025, 6}
var endOfJune = june.LastDay()

func building(ytd float64) Facts {
	return Facts{Stage: Building, Planned: f64(1200), YTD: f64(ytd), YTDMonth: 6}
}

func TestYinchuanPointsBehindBoundaries(t *testing.T) {
	rs, sch := ruleSet(t, "yinchuan")
	for _, c := range []struct {
		name   string
		ytd    float64
		want   string
		reason string
	}{
		{"9.9 points behind is green", 481.2, LightGreen, "落后序时进度（50.0%）9.9个百分点"},
		{"exactly 10 points behind is yellow", 480, LightYellow, "为年度计划1,200万元的40.0%，落后序时进度（50.0%）10.0个百分点（落后10个百分点及以上亮黄灯、超过30个百分点亮红灯）"},
		{"exactly 30 points behind is still yellow", 240, LightYellow, "落后序时进度（50.0%）30.0个百分点"},
		{"30.1 points behind is red", 238.8, LightRed, "落后序时进度（50.0%）30.1个百分点"},
		{"ahead of schedule is green", 700, LightGreen, "超过序时进度（50.0%）8.3个百分点"},
		{"on schedule is green", 600, LightGreen, "与序时进度（50.0%）持平"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := rs.Judge(sch, building(c.ytd), june, endOfJune)
			if l.Light != c.want {
				t.Fatalf("light %s, want %s (%s)", l.Light, c.want, l.Reason)
			}
			if !strings.Contains(l.Reason, c.reason) {
				t.Errorf("reason %q does not say %q", l.Reason, c.reason)
			}
			if !strings.HasPrefix(l.Reason, LightNames[c.want]+"：") || !strings.HasSuffix(l.Reason, "。") {
				t.Errorf("reason %q is not one sentence starting with the light", l.Reason)
			}
		})
	}
}

func TestWuhanRatioBoundaries(t *testing.T) {
	rs, sch := ruleSet(t, "wuhan")
	for _, c := range []struct {
		name  string
		ytd   float64 // 完成率 = ytd / 12 %; ratio = 完成率 / 50 %
		want  string
		ratio string
	}{
		{"exactly 80 % of schedule is green", 480, LightGreen, "的80.0%"},
		{"79.8 % of schedule is yellow", 478.8, LightYellow, "的79.8%"},
		{"exactly 60 % of schedule is yellow", 360, LightYellow, "的60.0%"},
		{"59.8 % of schedule is red", 358.8, LightRed, "的59.8%"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := rs.Judge(sch, building(c.ytd), june, endOfJune)
			if l.Light != c.want || !strings.Contains(l.Reason, "相当于序时进度（50.0%）"+c.ratio) {
				t.Fatalf("light %s (%s), want %s with %s", l.Light, l.Reason, c.want, c.ratio)
			}
		})
	}
}

func TestStartDelay(t *testing.T) {
	rs, sch := ruleSet(t, "yinchuan")
	f := Facts{Stage: Preparing, PlannedStart: "2025-03-10"}
	for _, c := range []struct {
		m    Month
		want string
		says string
	}{
		{Month{2025, 2}, LightGreen, "计划2025年3月开工，尚未到期"},
		{Month{2025, 3}, LightYellow, "截至2025年3月底仍未开工（"},
		{Month{2025, 5}, LightYellow, "已延误2个月"},
		{Month{2025, 6}, LightRed, "已延误3个月"},
	} {
		l := rs.Judge(sch, f, c.m, c.m.LastDay())
		if l.Light != c.want || !strings.Contains(l.Reason, c.says) {
			t.Errorf("%s: %s (%s), want %s saying %s", c.m, l.Light, l.Reason, c.want, c.says)
		}
	}
	started := Facts{Stage: Started, PlannedStart: "2025-03-10"}
	if l := rs.Judge(sch, started, Month{2025, 6}, endOfJune); strings.Contains(l.Reason, "未开工") {
		t.Errorf("a started project is judged on its start: %s", l.Reason)
	}
}

func TestApprovalOverdue(t *testing.T) {
	rs, sch := ruleSet(t, "wuhan")
	for _, c := range []struct {
		days int
		want string
	}{{1, LightYellow}, {30, LightYellow}, {31, LightRed}} {
		f := Facts{Stage: Preparing, Due: 2, Overdue: []Overdue{{Item: "energy", Name: "节能审查（能评）", Deadline: "2025-05-01", Days: c.days}}}
		l := rs.Judge(sch, f, june, endOfJune)
		if l.Light != c.want || !strings.Contains(l.Reason, "「节能审查（能评）」已逾期") {
			t.Errorf("%d days overdue: %s (%s), want %s", c.days, l.Light, l.Reason, c.want)
		}
	}
	if l := rs.Judge(sch, Facts{Stage: Preparing, Due: 2}, june, endOfJune); l.Light != LightGreen {
		t.Errorf("nothing overdue: %s (%s)", l.Light, l.Reason)
	}
}

func TestWorstRuleWinsAndUnjudged(t *testing.T) {
	rs, sch := ruleSet(t, "yinchuan")
	f := building(480) // yellow on progress
	f.Due, f.Overdue = 1, []Overdue{{Name: "施工许可", Deadline: "2025-04-01", Days: 90}}
	if l := rs.Judge(sch, f, june, endOfJune); l.Light != LightRed || strings.Contains(l.Reason, "投资进度") {
		t.Errorf("the red approval rule gives the light and the reason alone: %s (%s)", l.Light, l.Reason)
	}
	for _, c := range []struct {
		f    Facts
		m    Month
		says string
	}{
		{Facts{Stage: Reserve}, june, "暂不亮灯"},
		{Facts{Stage: Paused}, june, "暂停"},
		{Facts{Stage: Building}, june, "未填报2025年年度计划投资"},
		{building(100), Month{2025, 1}, "1月份投资数据免报"},
		{Facts{}, june, "尚未入库"},
	} {
		l := rs.Judge(sch, c.f, c.m, c.m.LastDay())
		if l.Light != LightNone || !strings.Contains(l.Reason, c.says) {
			t.Errorf("%+v: %s (%s), want none saying %s", c.f, l.Light, l.Reason, c.says)
		}
	}
	missing := building(0)
	missing.YTD, missing.YTDMonth = f64(300), 4
	if l := rs.Judge(sch, missing, june, endOfJune); !strings.Contains(l.Reason, "6月未报送，按1–4月数计") {
		t.Errorf("a month not reported says so: %s", l.Reason)
	}
}

func TestNormalizeCode(t *testing.T) {
	for in, want := range map[string]string{
		"2104-511722-04-01-123456": "2104-511722-04-01-123456",
		"210451172204 01123456":    "2104-511722-04-01-123456",
		"２１０４－５１１７２２－０４－０１－１２３４５６":  "2104-511722-04-01-123456",
		" 2104—511722—04—01—123456": "2104-511722-04-01-123456",
	} {
		got, err := NormalizeCode(in)
		if err != nil || got != want {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"2104-511722-04-01-12345", "ABCD-511722-04-01-123456", "2104-5117-04-01-123456", ""} {
		if _, err := NormalizeCode(bad); err == nil || !strings.Contains(err.Error(), "项目代码") {
			t.Errorf("NormalizeCode(%q) = %v, want an error naming 项目代码", bad, err)
		}
	}
}

func TestChecklistDecisions(t *testing.T) {
	r, err := LoadRules()
	if err != nil {
		t.Fatal(err)
	}
	var energy ChecklistItem
	for _, it := range r.Checklist.Items {
		if it.Code == "energy" {
			energy = it
		}
	}
	small := &Project{EnergyTCE: f64(999), ElectricityMkWh: f64(499)}
	if req, why := energy.decide(small, r.Vocabulary); req || !strings.Contains(why, "不单独进行节能审查") {
		t.Errorf("999 tce and 499 万kWh: required %v (%s)", req, why)
	}
	edge := &Project{EnergyTCE: f64(1000), ElectricityMkWh: f64(10)}
	if req, _ := energy.decide(edge, r.Vocabulary); !req {
		t.Errorf("1000 tce needs 节能审查")
	}
	if req, why := energy.decide(&Project{}, r.Vocabulary); !req || !strings.Contains(why, "未填报") {
		t.Errorf("unknown consumption: required %v (%s)", req, why)
	}
}
