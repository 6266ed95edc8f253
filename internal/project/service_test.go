package project

import (
	"context"
	"strings"
	"testing"

	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// wantField checks that err is the code with a message naming label and a
// detail for field.
func wantField(t *testing.T, err error, code apperr.Code, field, label string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code {
		t.Fatalf("error %v, want %s", err, code)
	}
	if !strings.Contains(e.Message, label) {
		t.Errorf("message %q does not name %s", e.Message, label)
	}
	d, _ := e.Details.([]FieldProblem)
	for _, p := range d {
		if p.Field == field {
			return
		}
	}
	t.Errorf("details %+v do not name field %s", e.Details, field)
}

func TestLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		ctx := as(xuanhanOne)
		p := mustCreate(t, s, ctx, basic("「演示」宣汉县锂电材料项目"))
		if p.Stage != Reserve || p.Number != number(p.ID) || p.CountyName != "宣汉县" {
			t.Fatalf("created %+v", p)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM project_approvals WHERE project_id = ?`, p.ID); n != 8 {
			t.Errorf("checklist has %d items, want the 8 of approvals.yaml", n)
		}
		for _, m := range []Move{{To: Signed, On: "2026-02-10"}, {To: Preparing, On: "2026-03-01"}, {To: Started, On: "2026-04-15"}} {
			if _, err := s.Move(ctx, p.ID, m); err != nil {
				t.Fatalf("move to %s: %v", m.To, err)
			}
		}
		got, _ := s.Get(ctx, p.ID)
		if got.Stage != Started || got.SignedOn != "2026-02-10" || got.StartedOn != "2026-04-15" || got.Duty != "督促办" {
			t.Errorf("after the moves: %+v", got)
		}
		stages, _ := s.Stages(ctx, p.ID)
		if len(stages) != 4 || stages[0].To != Reserve || stages[3].FromName != "前期" {
			t.Errorf("stages %+v", stages)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM audit_log WHERE object = ?`, "project:"+itoa(p.ID)); n != 4 {
			t.Errorf("audit entries %d, want 4 (create and three moves)", n)
		}
		if _, err := s.Move(ctx, p.ID, Move{To: Paused, On: "2026-05-01"}); err == nil {
			t.Errorf("pausing without a reason was accepted")
		}
		if _, err := s.Move(ctx, p.ID, Move{To: Paused, On: "2026-05-01", Reason: "用地指标待调整"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Move(ctx, p.ID, Move{To: Started, On: "2026-06-01"}); err != nil {
			t.Errorf("resuming to the stage it was paused in: %v", err)
		}
	})
}

// TestBadInputStoresNothing: each refused change names its field and
// leaves the store as it was.
func TestBadInputStoresNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		ctx := as(xuanhanOne)
		p := mustCreate(t, s, ctx, basic("「演示」宣汉县天然气化工项目"))
		coded := basic("「演示」宣汉县另一项目")
		coded.Code = str("2104-511722-04-01-123456")
		mustCreate(t, s, ctx, coded)
		snapshot := func() string {
			var b strings.Builder
			for _, tbl := range []string{"projects", "project_stages", "project_events", "project_investments", "project_year_plans", "project_approvals", "audit_log"} {
				b.WriteString(tbl + ":" + itoa(int64(count(t, db, `SELECT COUNT(*) FROM `+tbl))) + " ")
			}
			return b.String()
		}
		before := snapshot()
		bad := func(mod func(*Input)) Input { in := basic("x"); mod(&in); return in }
		cases := []struct {
			name, field, label string
			code               apperr.Code
			do                 func() error
		}{
			{"transition out of order", "to", "阶段", apperr.Invalid, func() error { _, err := s.Move(ctx, p.ID, Move{To: Started, On: "2026-03-01"}); return err }},
			{"date before registration", "on", "入库日期", apperr.Invalid, func() error { _, err := s.Move(ctx, p.ID, Move{To: Signed, On: "2025-12-31"}); return err }},
			{"date in the future", "on", "晚于今天", apperr.Invalid, func() error { _, err := s.Move(ctx, p.ID, Move{To: Signed, On: "2027-01-01"}); return err }},
			{"negative investment", "ytd", "本年累计完成投资", apperr.Invalid, func() error { return s.SetInvestment(ctx, p.ID, MonthInput{Period: "2026-06", YTD: -1}) }},
			{"negative plan", "planned", "年度计划投资", apperr.Invalid, func() error { return s.SetYearPlan(ctx, p.ID, 2026, -5) }},
			{"negative total", "total_investment", "总投资", apperr.Invalid, func() error { _, err := s.Create(ctx, bad(func(i *Input) { i.TotalInvestment = f64(-3) })); return err }},
			{"unknown county", "county_code", "县（市、区）", apperr.Invalid, func() error { _, err := s.Create(ctx, bad(func(i *Input) { i.County = str("511799") })); return err }},
			{"unknown park", "park_code", "园区", apperr.Invalid, func() error { _, err := s.Create(ctx, bad(func(i *Input) { i.Park = str("nowhere") })); return err }},
			{"park of another county", "park_code", "园区", apperr.Invalid, func() error {
				_, err := s.Create(ctx, bad(func(i *Input) { i.Park = str("dazhou_hitech_zone") }))
				return err
			}},
			{"unknown cluster", "cluster_code", "产业集群", apperr.Invalid, func() error { _, err := s.Create(ctx, bad(func(i *Input) { i.Cluster = str("space") })); return err }},
			{"duplicate project code", "code", "项目代码", apperr.Conflict, func() error {
				_, err := s.Create(ctx, bad(func(i *Input) { i.Code = str("2104 511722 04 01 123456") }))
				return err
			}},
			{"malformed project code", "code", "项目代码", apperr.Invalid, func() error { _, err := s.Create(ctx, bad(func(i *Input) { i.Code = str("2104-51172") })); return err }},
			{"another county's project", "", "", apperr.Forbidden, func() error { _, err := s.Create(ctx, bad(func(i *Input) { i.County = str(quxian) })); return err }},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				err := c.do()
				if c.field == "" {
					if apperr.CodeOf(err) != c.code {
						t.Fatalf("error %v, want %s", err, c.code)
					}
				} else {
					wantField(t, err, c.code, c.field, c.label)
				}
				if after := snapshot(); after != before {
					t.Errorf("the store changed: %s → %s", before, after)
				}
			})
		}
		// A 累计 that decreases: June 500 stored, May 600 and July 400 refused.
		if err := s.SetInvestment(ctx, p.ID, MonthInput{Period: "2026-06", YTD: 500}); err != nil {
			t.Fatal(err)
		}
		for _, m := range []MonthInput{{Period: "2026-05", YTD: 600}, {Period: "2026-07", YTD: 400}} {
			wantField(t, s.SetInvestment(ctx, p.ID, m), apperr.Invalid, "ytd", "累计数不能减少")
		}
		if err := s.SetInvestment(ctx, p.ID, MonthInput{Period: "2027-01", YTD: 1}); err == nil {
			t.Errorf("a future month was accepted")
		}
	})
}

func TestScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		mine := mustCreate(t, s, as(xuanhanOne), basic("「演示」宣汉县项目"))
		other := basic("「演示」渠县项目")
		other.County = str(quxian)
		theirs := mustCreate(t, s, as(quxianOne), other)
		page, err := s.List(as(xuanhanOne), Filter{})
		if err != nil || page.Total != 1 || page.Items[0].ID != mine.ID {
			t.Fatalf("宣汉县 sees %+v, %v", page, err)
		}
		if _, err := s.Get(as(xuanhanOne), theirs.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another county's project: %v, want not found", err)
		}
		if _, err := s.Move(as(xuanhanOne), theirs.ID, Move{To: Signed}); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("moving another county's project: %v, want not found", err)
		}
		if _, err := s.Move(as(leaderUser), mine.ID, Move{To: Signed}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("a leader moving a project: %v, want forbidden", err)
		}
		all, _ := s.List(as(cityUser), Filter{})
		if all.Total != 2 {
			t.Errorf("the city sees %d projects, want 2", all.Total)
		}
	})
}

// TestLightsFollowData: a started project's stored light changes with the
// figures entered, by hand arithmetic (银川 rule, 2026-06: 序时 50 %).
func TestLightsFollowData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		ctx := as(xuanhanOne)
		p := mustCreate(t, s, ctx, basic("「演示」宣汉县进度项目"))
		mustMove(t, s, ctx, p.ID, Signed, "2026-01-10")
		mustMove(t, s, ctx, p.ID, Preparing, "2026-02-01")
		mustMove(t, s, ctx, p.ID, Started, "2026-03-15")
		if err := s.SetYearPlan(ctx, p.ID, 2026, 1200); err != nil {
			t.Fatal(err)
		}
		approveAll(t, s, ctx, p.ID, "2026-03-01")
		light := func() Item {
			page, err := s.List(ctx, Filter{Period: "2026-06"})
			if err != nil || len(page.Items) != 1 {
				t.Fatalf("list: %+v %v", page, err)
			}
			return page.Items[0]
		}
		if it := light(); it.Light.Light != LightRed || !strings.Contains(it.Reason, "本年尚未报送") {
			t.Errorf("no figures: %s (%s)", it.Light.Light, it.Reason)
		}
		if err := s.SetInvestment(ctx, p.ID, MonthInput{Period: "2026-06", YTD: 480}); err != nil {
			t.Fatal(err)
		}
		if it := light(); it.Light.Light != LightYellow || *it.Completion != 40 {
			t.Errorf("480 of 1,200 in June: %s (%s)", it.Light.Light, it.Reason)
		}
		if err := s.SetInvestment(ctx, p.ID, MonthInput{Period: "2026-06", YTD: 600}); err != nil {
			t.Fatal(err)
		}
		if it := light(); it.Light.Light != LightGreen {
			t.Errorf("600 of 1,200 in June: %s (%s)", it.Light.Light, it.Reason)
		}
		if _, err := s.ChooseRuleSet(as(xuanhanOne), "wuhan"); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("a county choosing the rules: %v", err)
		}
		if _, err := s.ChooseRuleSet(as(cityUser), "wuhan"); err != nil {
			t.Fatal(err)
		}
		if it := light(); it.Light.Light != LightGreen || !strings.Contains(it.Reason, "相当于序时进度") {
			t.Errorf("under the 武汉 rule: %s (%s)", it.Light.Light, it.Reason)
		}
		sum, err := s.Summary(as(cityUser), SummaryQuery{Period: "2026-06"})
		if err != nil || sum.Total.Projects != 1 || sum.Total.ByLight[LightGreen] != 1 || sum.Total.YTD != 600 || sum.Counties[0].County != xuanhan {
			t.Errorf("summary %+v, %v", sum, err)
		}
	})
}

// approveAll marks every required checklist item of a project done.
func approveAll(t *testing.T, s *Service, ctx context.Context, id int64, on string) {
	t.Helper()
	list, err := s.Approvals(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if a.Required {
			if _, err := s.SetApproval(ctx, id, a.Item, ApprovalInput{Status: str(ApprovalDone), DoneOn: str(on), DocNo: str("达市发改〔2026〕1号")}); err != nil {
				t.Fatalf("approving %s: %v", a.Item, err)
			}
		}
	}
}

// TestSignedOverYears: 专栏10 counts a year's first 签约 of projects of at
// least 1亿元 (10,000 万元), once each.
func TestSignedOverYears(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		ctx := as(xuanhanOne)
		big := mustCreate(t, s, ctx, basic("「演示」宣汉县亿元项目"))
		edge := basic("「演示」宣汉县恰好一亿项目")
		edge.TotalInvestment = f64(10000)
		exact := mustCreate(t, s, ctx, edge)
		small := basic("「演示」宣汉县小项目")
		small.TotalInvestment = f64(9999)
		little := mustCreate(t, s, ctx, small)
		for _, id := range []int64{big.ID, exact.ID, little.ID} {
			mustMove(t, s, ctx, id, Signed, "2026-03-01")
		}
		if _, err := s.Move(ctx, big.ID, Move{To: Paused, On: "2026-04-01", Reason: "资金"}); err != nil {
			t.Fatal(err)
		}
		years, err := s.SignedOverYears(as(cityUser))
		if err != nil {
			t.Fatal(err)
		}
		last := years[len(years)-1]
		if last.Year != 2026 || last.Count != 2 || last.Target != 60 || last.Met {
			t.Errorf("2026: %+v", last)
		}
	})
}
